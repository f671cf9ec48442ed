"""Agents shop here too: ShopTalk's MCP server, called by the official `mcp` SDK's client over
streamable HTTP (the real app under uvicorn, real keys, the small store's real index) and over
stdio (`shoptalk mcp` as a subprocess), and the UCP profile and catalog validated with `ucp-sdk`.
No language model here (answers are templated); the model's own use of the tools is in
test_mcp_agent below, with the session's vLLM."""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import create_mcp_http_client
from ucp_sdk.models.schemas.profile import BusinessSchema as Profile
from ucp_sdk.models.schemas.shopping.cart import Cart as UcpCart
from ucp_sdk.models.schemas.shopping.catalog_lookup import LookupResponse
from ucp_sdk.models.schemas.shopping.catalog_search import SearchResponse

from ranking.events import EventStore, make_engine
from retrieval import Catalog, Retrieval
from tests.conftest import ROOT, served
from ui.api import create_app
from ui.auth import Role
from ui.services import build_services
from ui.settings import Settings

TOOLS = {"search_catalog", "get_product", "recommend", "compare", "add_to_cart", "view_cart", "ask_shoptalk"}


@dataclass
class Shop:
    url: str
    keys: dict[str, str]
    catalog: Catalog
    settings: Settings


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory, small_store: Retrieval, small_catalog: Catalog) -> Iterator[Shop]:
    settings = Settings(home=tmp_path_factory.mktemp("mcp"), data_dir=small_store.data_dir)
    app = create_app(lambda: build_services(settings, small_store, None), web=False)
    with served(app) as port:
        keys = {}
        for name, role, user in [("alice", Role.shopper, "alice"), ("bob", Role.shopper, "bob"),
                                 ("agent", Role.agent, None)]:  # fmt: skip
            keys[name], _ = app.state.services.keys.create(role, f"mcp {name}", user)
        yield Shop(f"http://127.0.0.1:{port}/mcp", keys, small_catalog, settings)


def calls(url: str, key: str | None, steps: list[tuple[str, dict[str, Any]]]) -> tuple[set[str], list[Any]]:
    """Connect as the key, list the tools and make the calls; (tool names, results)."""

    async def run() -> tuple[set[str], list[Any]]:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        async with (
            create_mcp_http_client(headers=headers) as http,
            streamable_http_client(url, http_client=http) as (read, write),
            ClientSession(read, write) as session,
        ):
            await session.initialize()
            names = {t.name for t in (await session.list_tools()).tools}
            return names, [await session.call_tool(tool, args) for tool, args in steps]

    return asyncio.run(run())


def data(result: Any) -> dict[str, Any]:
    assert not result.is_error, result.content[0].text
    found: dict[str, Any] = result.structured_content
    return found


def test_an_agent_calls_every_tool_over_http(shop: Shop) -> None:
    names, [found] = calls(shop.url, shop.keys["alice"], [("search_catalog", {"query": "guitar strings", "max_price": 15})])
    assert names == TOOLS
    products = data(found)["products"]
    assert products, "a capped search found nothing"
    for p in products:  # facts are the catalog's, and the bound holds
        listed = shop.catalog.get(p["id"])
        assert p["title"] == listed.title and listed.price is not None
        assert Decimal(str(p["price_amount"])) == listed.price.amount <= 15
    first, second = products[0]["id"], products[1]["id"]
    _, [detail, table, recs, added, cart, answer] = calls(shop.url, shop.keys["alice"], [
        ("get_product", {"product_id": first}),
        ("compare", {"product_ids": [first, second]}),
        ("recommend", {"product_id": first, "k": 5}),
        ("add_to_cart", {"product_id": first, "quantity": 2}),
        ("view_cart", {}),
        ("ask_shoptalk", {"message": "guitar strings under $15"}),
    ])  # fmt: skip
    assert data(detail)["description"] == shop.catalog.get(first).description
    assert data(table)["product_ids"] == [first, second]
    assert {r["field"] for r in data(table)["rows"]} >= {"price", "rating", "brand"}
    assert all(r["product"]["id"] in shop.catalog for r in data(recs)["recommendations"])
    assert data(added) == data(cart)
    line = data(cart)["lines"][0]
    assert (data(cart)["user_id"], line["product_id"], line["quantity"]) == ("alice", first, 2)
    assert Decimal(str(data(cart)["total"])) == 2 * shop.catalog.get(first).price.amount  # type: ignore[union-attr]
    assert data(cart)["checkout"] is False
    said = data(answer)
    assert said["text"] and said["cards"] and said["conversation_id"]
    for card in said["cards"]:
        assert card["product"]["title"] == shop.catalog.get(card["product"]["id"]).title
    # the cart is events: two add-to-cart events from MCP, in alice's history
    events = EventStore(make_engine(shop.settings.database()))
    stored = [e for e in events.query(user_id="alice") if e.type.value == "add_to_cart"]
    assert [(e.product_id, e.context.source) for e in stored] == [(first, "mcp")] * 2


def test_keys_roles_and_ownership_hold_for_agents(shop: Shop) -> None:
    product = next(p.id for p in shop.catalog if p.price is not None)
    _, [other, own] = calls(shop.url, shop.keys["bob"], [("view_cart", {"user_id": "alice"}), ("view_cart", {})])
    assert other.is_error and "forbidden" in other.content[0].text
    assert data(own)["user_id"] == "bob"
    _, [staff] = calls(shop.url, shop.keys["agent"], [("view_cart", {"user_id": "alice"})])
    assert data(staff)["user_id"] == "alice"
    _, [bad, unknown, alone, foreign] = calls(shop.url, shop.keys["bob"], [
        ("add_to_cart", {"product_id": product, "quantity": 1000}),
        ("get_product", {"product_id": "no-such:1"}),
        ("compare", {"product_ids": [product, product]}),
        ("add_to_cart", {"product_id": product, "user_id": "alice"}),
    ])  # fmt: skip
    assert alone.is_error and "different" in alone.content[0].text
    assert foreign.is_error and "forbidden" in foreign.content[0].text
    assert bad.is_error and "quantity" in bad.content[0].text.lower()
    assert unknown.is_error and "no product" in unknown.content[0].text
    # a wrong key never reaches MCP: the API's own 401, its error shape
    refused = httpx.post(shop.url, headers={"Authorization": "Bearer st-wrong", "Accept": "application/json, text/event-stream"},
                         json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})  # fmt: skip
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    # a page on another site cannot reach the keyless local shopper through DNS rebinding
    rebound = httpx.post(shop.url, headers={"Host": "evil.example", "Accept": "application/json, text/event-stream"},
                         json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})  # fmt: skip
    assert rebound.status_code == 421


@pytest.mark.slow
def test_a_desktop_agent_over_stdio(shop: Shop, small_store: Retrieval, tmp_path: Path) -> None:
    env = {**os.environ, "SHOPTALK_HOME": str(small_store.home), "SHOPTALK_DATA_DIR": str(small_store.data_dir),
           "SHOPTALK_DATABASE_URL": f"sqlite:///{tmp_path / 'stdio.db'}", "SHOPTALK_LLM__BACKEND": "none",
           "SHOPTALK_RETRIEVAL__EMBEDDING_BACKEND": "torch", "HF_HUB_OFFLINE": "1"}  # fmt: skip
    params = StdioServerParameters(command=sys.executable, args=["-m", "ui.cli", "mcp"], env=env, cwd=str(ROOT))

    async def run() -> tuple[set[str], Any, Any]:
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            names = {t.name for t in (await session.list_tools()).tools}
            found = await session.call_tool("search_catalog", {"query": "drum sticks", "k": 3})
            cart = await session.call_tool("view_cart", {})
            return names, found, cart

    names, found, cart = asyncio.run(run())
    assert names == TOOLS
    assert all(p["title"] == shop.catalog.get(p["id"]).title for p in data(found)["products"])
    assert cart.is_error and "user_id" in cart.content[0].text  # the keyless local shopper names a user
    json.dumps(data(found))  # plain JSON for any agent


def test_ucp_profile_catalog_and_cart_validate(shop: Shop) -> None:
    base = shop.url.removesuffix("/mcp")
    alice, bob = ({"Authorization": f"Bearer {shop.keys[n]}"} for n in ("alice", "bob"))
    profile = Profile.model_validate(httpx.get(f"{base}/.well-known/ucp").json())
    assert set(profile.ucp.capabilities or {}) == {
        "dev.ucp.shopping.catalog.search", "dev.ucp.shopping.catalog.lookup", "dev.ucp.shopping.cart"}  # no checkout
    # REST only: ShopTalk's MCP tools are its own, not UCP's MCP binding, so they are not claimed
    assert {s.transport for s in profile.ucp.services["dev.ucp.shopping"]} == {"rest"}
    assert profile.ucp.payment_handlers == {}

    found = httpx.post(f"{base}/ucp/v1/catalog/search", headers=alice,
                       json={"query": "guitar strings", "filters": {"price": {"max": 1500}}})  # fmt: skip
    result = SearchResponse.model_validate(found.json())
    assert result.products
    for p in result.products:  # minor units, the catalog's price, the bound held
        listed = shop.catalog.get(p.id).price
        assert listed is not None and p.variants[0].price.amount == int(listed.amount * 100) <= 1500

    first = result.products[0].id
    looked = LookupResponse.model_validate(httpx.post(
        f"{base}/ucp/v1/catalog/lookup", headers=alice, json={"ids": [first, "nope:1"]}).json())  # fmt: skip
    assert [p.id for p in looked.products] == [first]
    assert any("nope:1" in m.content for m in looked.messages or [])  # type: ignore[union-attr]

    held = UcpCart.model_validate(httpx.get(f"{base}/ucp/v1/carts/cart-alice", headers=alice).json())
    before = next((li.quantity for li in held.line_items if li.item.id == first), 0)
    made = httpx.post(f"{base}/ucp/v1/carts", headers=alice,
                      json={"line_items": [{"item": {"id": first}, "quantity": 1}]})  # fmt: skip
    cart = UcpCart.model_validate(made.json())
    assert (first, before + 1) in [(li.item.id, li.quantity) for li in cart.line_items]
    again = httpx.get(f"{base}/ucp/v1/carts/{cart.id}", headers=alice).json()
    assert again == made.json()
    assert httpx.get(f"{base}/ucp/v1/carts/{cart.id}", headers=bob).status_code == 404
    too_many = httpx.post(f"{base}/ucp/v1/carts", headers=alice,
                          json={"line_items": [{"item": {"id": first}, "quantity": 500}]})  # fmt: skip
    assert too_many.status_code == 422 and "quantity" in too_many.json()["error"]["message"]


@pytest.mark.slow
def test_the_local_model_shops_through_the_tools(shop: Shop, vllm_server: Any) -> None:
    """An agent built on the local vLLM model, given every MCP tool and the server's
    instructions. The 0.5B model does not choose tools reliably in free form, so this agent
    names the tool (vLLM decodes the arguments to its schema); the budget in the arguments is the
    model's own reading. What it then tells the shopper must quote only the tool's results."""
    from openai import OpenAI

    async def tools_and_instructions() -> tuple[list[dict[str, Any]], str]:
        async with (
            create_mcp_http_client(headers={"Authorization": f"Bearer {shop.keys['alice']}"}) as http,
            streamable_http_client(shop.url, http_client=http) as (read, write),
            ClientSession(read, write) as session,
        ):
            init = await session.initialize()
            listed = (await session.list_tools()).tools
            return ([{"type": "function", "function": {"name": t.name, "description": t.description,
                                                       "parameters": t.input_schema}} for t in listed],
                    init.instructions or "")  # fmt: skip

    tools, instructions = asyncio.run(tools_and_instructions())
    model = OpenAI(base_url=f"{vllm_server.url}/v1", api_key="local")
    messages: list[Any] = [{"role": "system", "content": instructions},
                           {"role": "user", "content": "find me a capo under $10"}]  # fmt: skip
    asked = model.chat.completions.create(
        model=vllm_server.served_name, messages=messages, tools=tools, temperature=0, max_tokens=150,
        tool_choice={"type": "function", "function": {"name": "search_catalog"}},
    ).choices[0].message  # fmt: skip
    call = asked.tool_calls[0]  # type: ignore[index]
    arguments = json.loads(call.function.arguments)  # type: ignore[union-attr]
    assert "capo" in arguments["query"].lower()
    assert arguments.get("max_price") is not None and 0 < float(arguments["max_price"]) <= 10

    _, [found] = calls(shop.url, shop.keys["alice"], [("search_catalog", arguments)])
    products = data(found)["products"]
    for p in products:
        assert p["title"] == shop.catalog.get(p["id"]).title and float(p["price_amount"]) <= 10
    messages += [asked.model_dump(exclude_none=True),
                 {"role": "tool", "tool_call_id": call.id, "content": json.dumps(data(found), default=str)}]  # fmt: skip
    reply = model.chat.completions.create(model=vllm_server.served_name, messages=messages,
                                          temperature=0, max_tokens=120).choices[0].message.content or ""  # fmt: skip
    shown = {f"{Decimal(str(p['price_amount'])):.2f}" for p in products if p["price_amount"] is not None}
    for amount in re.findall(r"\$\s?(\d+(?:\.\d{1,2})?)", reply):
        assert f"{Decimal(amount):.2f}" in shown, f"{amount} is not a price the tool returned: {reply!r}"
