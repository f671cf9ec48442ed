"""The browser app for real: Playwright driving Debian's Chromium against a live ShopTalk server
(real vLLM, real index, real database). Screenshots go to $SHOPTALK_SCREENSHOTS (the README's
come from there) or the test's temporary folder."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from assistant.conversations import ANYONE, Message
from assistant.llm import VLLMBackend
from ranking.events import EventType
from retrieval import Catalog, Retrieval
from tests.conftest import served
from ui.api import create_app
from ui.auth import Role
from ui.services import build_services
from ui.settings import Settings

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def live(
    tmp_path_factory: pytest.TempPathFactory, small_store: Retrieval, vllm_server: Any
) -> Iterator[tuple[str, Any]]:
    """A ShopTalk server on loopback, in this process (so the test can read its database)."""
    settings = Settings(home=tmp_path_factory.mktemp("browser"), data_dir=small_store.data_dir)
    llm = VLLMBackend(vllm_server.url, vllm_server.served_name, timeout=120)
    app = create_app(lambda: build_services(settings, small_store, llm))
    with served(app) as port:
        yield f"http://127.0.0.1:{port}", app


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), "Debian's chromium is missing; ./scripts/test.sh installs it"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield b
        b.close()


def shots() -> Path | None:
    folder = os.environ.get("SHOPTALK_SCREENSHOTS")
    return Path(folder) if folder else None


def test_shopper_chats_sees_catalog_cards_and_adds_to_cart(
    live: tuple[str, Any], browser: Any, small_catalog: Catalog, tmp_path: Path
) -> None:
    base, app = live
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None,
    )
    page.goto(f"{base}/ui/")
    page.fill("#st-input textarea", "drum sticks under 20 dollars")
    page.click("#st-send")
    page.wait_for_selector(".st-card", timeout=60_000)
    first = page.locator(".st-card").first
    product = small_catalog.get(first.get_attribute("data-product"))
    assert (
        product.price_label in first.inner_text()
        and product.price is not None
        and product.price.amount <= 20
    )
    # added while the answer is still being written: the cards it came from are replaced by the
    # answer's final ones, and the click must not be lost in between
    page.locator(".st-add").first.click()
    page.wait_for_function(
        "document.querySelector('#st-cart').innerText.includes('Total')", timeout=20_000
    )
    page.wait_for_function(
        "document.querySelector('#st-chat').innerText.trim().length > 30", timeout=120_000
    )
    assert product.price_label in page.inner_text("#st-cart")
    stored = [
        e
        for e in app.state.services.events.query()
        if e.type == EventType.add_to_cart and e.product_id == product.id
    ]
    assert (
        len(stored) == 1
        and stored[0].user_id.startswith("web-")
        and stored[0].context.source == "web"
    )
    conversations = app.state.services.conversations
    deadline = time.time() + 120
    while (
        len(conversations.get(conversations.for_user(stored[0].user_id)[0].id, ANYONE).messages) < 2
    ):
        assert time.time() < deadline, "the answer was never stored"
        time.sleep(0.5)
    # and after it: the final cards' buttons add theirs
    page.locator(".st-add").nth(1).click()
    page.wait_for_function(
        "document.querySelector('#st-cart').innerText.includes('(2 items)')", timeout=20_000
    )
    # put in the cart by asking: the turn adds it, the answer says so, the cart shows it
    page.fill("#st-input textarea", "add the third one to my cart")
    page.click("#st-send")
    page.wait_for_function(
        "document.querySelector('#st-cart').innerText.includes('(3 items)')", timeout=120_000
    )
    assert "Added [3] to your cart" in page.inner_text("#st-chat")
    page.wait_for_timeout(500)
    page.screenshot(path=str((shots() or tmp_path) / "shopper-chat.png"), full_page=True)
    assert outside == []  # no fonts, scripts or analytics from outside: it works offline

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(f"{base}/ui/")
    phone.wait_for_selector("#st-input textarea")
    box = phone.locator("#st-send").bounding_box()
    assert (
        box is not None and box["x"] + box["width"] <= 390
    )  # nothing pushed off a phone-width screen

    agent = browser.new_page(viewport={"width": 1280, "height": 900})
    key, _ = app.state.services.keys.create(Role.agent, "browser test")
    agent.goto(f"{base}/ui/")
    agent.get_by_role("tab", name="Agent").click()
    agent.fill("#st-customer textarea, #st-customer input", stored[0].user_id)
    agent.click("#st-lookup")
    agent.wait_for_selector("#st-agent-status:has-text('Enter a valid agent key')", timeout=20_000)
    agent.fill("#st-agent-key input, #st-agent-key textarea", key)
    agent.click("#st-lookup")
    agent.wait_for_function(
        "document.querySelector('#st-agent-status').innerText.includes('conversations for')",
        timeout=20_000,
    )
    status = agent.inner_text("#st-agent-status")
    events = int(re.search(r"(\d+) events", status).group(1))  # type: ignore[union-attr]
    assert events >= 1 and "1 conversations" in status
    agent.wait_for_function(
        "document.querySelector('#st-transcript').innerText.length > 40", timeout=20_000
    )
    agent.fill("#st-ask textarea, #st-ask input", "do you have cheaper sticks?")
    agent.click("#st-draft-btn")
    agent.wait_for_function(
        "document.querySelector('#st-draft textarea').value.length > 10", timeout=120_000
    )
    assert agent.locator(".st-card").count() >= 1  # the draft's products, rendered from the catalog
    # "cheaper sticks" is read against what this customer put in the cart: the agent sees which
    # product the draft refers to, highlighted in the timeline
    agent.wait_for_selector("#st-agent-status:has-text('Referring to')", timeout=20_000)
    assert product.title[:40] in agent.inner_text("#st-agent-status")
    assert "referring to" in agent.inner_text("#st-timeline")
    agent.screenshot(path=str((shots() or tmp_path) / "agent-console.png"), full_page=True)


def test_store_staff_see_insights_with_an_admin_key(live: tuple[str, Any], browser: Any) -> None:
    base, app = live
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    key, _ = app.state.services.keys.create(Role.admin, "browser test")
    page.goto(f"{base}/ui/")
    page.get_by_role("tab", name="Store").click()
    page.fill("#st-admin-key input, #st-admin-key textarea", key)
    page.click("#st-refresh")
    page.wait_for_function(
        "document.querySelector('#st-admin-status').innerText.includes('coverage')", timeout=20_000
    )
    assert "drum sticks under 20 dollars" in page.inner_text(
        "body"
    )  # the earlier shopper's query, counted


def test_a_customers_markup_reaches_the_agent_console_as_text(
    live: tuple[str, Any], browser: Any
) -> None:
    """A customer's message is shown as typed: an image, a link or HTML in it is never loaded or
    rendered by the agent's browser."""
    base, app = live
    said = ('see ![probe](http://203.0.113.9/p.png) and <img src="http://203.0.113.9/q.png"> '
            "or [this](http://203.0.113.9/) **now**")  # fmt: skip
    conversations = app.state.services.conversations
    conv = conversations.create("cust-markup", None)
    conversations.record_turn(conv.id, conv.state, [
        Message(role="user", content=said, timestamp=datetime.now(UTC))])  # fmt: skip
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    tried: list[str] = []
    page.on("request", lambda r: tried.append(r.url) if "203.0.113.9" in r.url else None)
    key, _ = app.state.services.keys.create(Role.agent, "markup test")
    page.goto(f"{base}/ui/")
    page.get_by_role("tab", name="Agent").click()
    page.fill("#st-agent-key input, #st-agent-key textarea", key)
    page.fill("#st-customer textarea, #st-customer input", "cust-markup")
    page.click("#st-lookup")
    page.wait_for_function(
        "document.querySelector('#st-transcript').innerText.includes('probe')", timeout=20_000
    )
    shown = " ".join(page.inner_text("#st-transcript").split())
    assert said in shown, shown  # every character as the customer typed it
    assert (
        page.locator(
            "#st-transcript img[src*='203.0.113.9'], #st-transcript a[href*='203.0.113.9']"
        ).count()
        == 0
    )
    page.wait_for_timeout(500)
    assert tried == []
