"""The store in the Universal Commerce Protocol's terms: a business profile at `/.well-known/ucp`
and the catalog capability (search, lookup, product) plus a cart, over REST at `/ucp/v1`, every
payload built and validated with the `ucp-sdk` models. Prices are in minor units, as UCP wants.
ShopTalk takes no payment: the profile declares no checkout and no payment handler, and a
product without a listed price is left out of UCP results (UCP needs a price), said in
`messages`. The searcher, the catalog and the cart are the ones every other edge uses."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from fastapi import APIRouter, Request
from ucp_sdk.models.schemas.profile import BusinessSchema as Profile
from ucp_sdk.models.schemas.shopping.cart import Cart as UcpCart
from ucp_sdk.models.schemas.shopping.cart_create_request import CartCreateRequest
from ucp_sdk.models.schemas.shopping.catalog_lookup import (
    GetProductRequest,
    GetProductResponse,
    LookupRequest,
    LookupResponse,
)
from ucp_sdk.models.schemas.shopping.catalog_search import SearchRequest, SearchResponse

from assistant.cart import Cart, add_to_cart, cart_of
from retrieval.catalog import Product
from retrieval.filters import Filters
from ui.auth import AuthError, Caller
from ui.deps import services, shopper
from ui.errors import UcpNotFoundError, errors
from ui.services import Services

VERSION = "2026-04-08"
SPEC = f"https://ucp.dev/{VERSION}/schemas/shopping"
#: Results per search page (UCP's pagination.limit may ask for fewer).
PAGE = 20


def _minor(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def ucp_product(product: Product, matched: str | None = None) -> dict[str, Any] | None:
    """A catalog product as a UCP product with one variant (the product itself); None when it has
    no listed price. `matched`: the id a lookup asked for (UCP's variant `inputs`)."""
    if product.price is None:
        return None
    price = {"amount": _minor(product.price.amount), "currency": product.price.currency}
    description = {"plain": product.description or product.title}
    variant: dict[str, Any] = {"id": product.id, "title": product.title, "description": description,
                               "price": price}  # fmt: skip
    if product.in_stock is not None:
        variant["availability"] = {"available": product.in_stock,
                                   "status": "in_stock" if product.in_stock else "out_of_stock"}  # fmt: skip
    if product.rating is not None:
        variant["rating"] = {"value": product.rating, "scale_max": 5, "count": product.rating_count}
    if matched is not None:
        variant["inputs"] = [{"id": matched, "match": "exact"}]
    found: dict[str, Any] = {
        "id": product.id, "title": product.title, "description": description,
        "price_range": {"min": price, "max": price}, "variants": [variant],
        "categories": [{"value": " > ".join(product.category)}] if product.category else [],
    }  # fmt: skip
    if product.rating is not None:
        found["rating"] = variant["rating"]
    if product.brand:
        found["metadata"] = {"brand": product.brand}
    return found


def _dump(model: Any) -> dict[str, Any]:
    dumped: dict[str, Any] = model.model_dump(mode="json", exclude_none=True, by_alias=True)
    return dumped


def _unpriced(count: int) -> list[dict[str, Any]]:
    if not count:
        return []
    return [{"type": "info", "code": "price_not_listed",
             "content": f"{count} matching product(s) without a listed price are not shown (UCP needs a price)"}]  # fmt: skip


def ucp_cart(cart: Cart) -> dict[str, Any]:
    """Our cart (events, catalog prices) as a UCP cart; lines without a price are left out."""
    lines, total = [], 0
    for line in cart.lines:
        if line.unit_price is None:
            continue
        amount = _minor(line.unit_price) * line.quantity
        total += amount
        lines.append({"id": f"li-{line.product_id}", "quantity": line.quantity,
                      "item": {"id": line.product_id, "title": line.title, "price": _minor(line.unit_price)},
                      "totals": [{"type": "subtotal", "amount": amount}, {"type": "total", "amount": amount}]})  # fmt: skip
    totals = [{"type": "subtotal", "amount": total}, {"type": "total", "amount": total}]
    return _dump(UcpCart.model_validate({
        "ucp": {"version": VERSION, "capabilities": {"dev.ucp.shopping.cart": [{"version": VERSION}]}},
        "id": f"cart-{cart.user_id}", "currency": "USD", "line_items": lines, "totals": totals,
        "messages": _unpriced(cart.unpriced),
    }))  # fmt: skip


router = APIRouter(tags=["ucp"])


@router.get("/.well-known/ucp")
def profile(request: Request) -> dict[str, Any]:
    """This store's UCP business profile: catalog search, lookup and cart over REST;
    no checkout, no payment handlers."""
    base = str(request.base_url).rstrip("/")
    entry = lambda name: [{"version": VERSION, "schema": f"{SPEC}/{name}.json"}]  # noqa: E731
    return _dump(Profile.model_validate({"ucp": {
        "version": VERSION,
        "services": {"dev.ucp.shopping": [
            {"version": VERSION, "transport": "rest", "endpoint": f"{base}/ucp/v1"},
        ]},  # our MCP tools (/mcp) are ShopTalk's own, not UCP's MCP binding: not listed
        "capabilities": {"dev.ucp.shopping.catalog.search": entry("catalog_search"),
                         "dev.ucp.shopping.catalog.lookup": entry("catalog_lookup"),
                         "dev.ucp.shopping.cart": entry("cart")},
        "payment_handlers": {},
    }}))  # fmt: skip


@router.post("/ucp/v1/catalog/search", responses=errors(401, 403, 404, 422), dependencies=[shopper])
def search(request: Request, body: SearchRequest) -> dict[str, Any]:
    """UCP catalog search: the store's hybrid search with UCP's price and category filters."""
    svc = services(request)
    f = body.filters
    price = f.price if f is not None else None
    filters = Filters(
        min_price=Decimal(price.min) / 100 if price is not None and price.min is not None else None,
        max_price=Decimal(price.max) / 100 if price is not None and price.max is not None else None,
        departments=tuple(f.categories or ()) if f is not None else (),
    )  # fmt: skip
    limit = min(body.pagination.limit or PAGE, PAGE) if body.pagination else PAGE
    result = svc.searcher.search(body.query or "", filters, k=limit)
    products = [ucp_product(h.product) for h in result.hits]
    shown = [p for p in products if p is not None]
    return _dump(SearchResponse.model_validate({
        "ucp": {"version": VERSION}, "products": shown,
        "pagination": {"has_next_page": False, "total_count": result.matching},
        "messages": _unpriced(len(products) - len(shown)),
    }))  # fmt: skip


def _lookup(svc: Services, product_id: str) -> Product | None:
    return svc.searcher.catalog.get(product_id) if product_id in svc.searcher.catalog else None


@router.post("/ucp/v1/catalog/lookup", responses=errors(401, 403, 404, 422), dependencies=[shopper])
def lookup(request: Request, body: LookupRequest) -> dict[str, Any]:
    """UCP catalog lookup: products by id; unknown ids are named in `messages`."""
    svc = services(request)
    found = {i: _lookup(svc, i) for i in dict.fromkeys(body.ids)}
    products = [ucp_product(p, matched=i) for i, p in found.items() if p is not None]
    missing = [i for i, p in found.items() if p is None]
    messages = [
        {"type": "warning", "code": "not_found", "content": f"no product {i!r}"} for i in missing
    ]
    return _dump(LookupResponse.model_validate({
        "ucp": {"version": VERSION}, "products": [p for p in products if p is not None],
        "messages": messages + _unpriced(sum(p is None for p in products)),
    }))  # fmt: skip


@router.post(
    "/ucp/v1/catalog/product", responses=errors(401, 403, 404, 422), dependencies=[shopper]
)
def product(request: Request, body: GetProductRequest) -> dict[str, Any]:
    """UCP get-product: one product's detail."""
    svc = services(request)
    found = svc.searcher.catalog.get(body.id)  # UnknownProductError: the API's 404
    detail = ucp_product(found)
    if detail is None:
        raise UcpNotFoundError(f"product {body.id!r} has no listed price; UCP needs one")
    return _dump(
        GetProductResponse.model_validate({"ucp": {"version": VERSION}, "product": detail})
    )


@router.post("/ucp/v1/carts", responses=errors(401, 403, 404, 422))
def create_cart(request: Request, body: CartCreateRequest, who: Caller = shopper) -> dict[str, Any]:
    """UCP cart: adds the line items to the caller's cart (kept as add-to-cart events) and
    returns it. One cart per shopper; there is no checkout."""
    svc = services(request)
    user = who.acting_as(None)
    if user is None:
        raise AuthError(403, "forbidden", "a UCP cart needs a key bound to a shopper")
    for line in body.line_items:
        add_to_cart(svc.events, svc.searcher.catalog, user, line.item.id, line.quantity, "ucp")
    return ucp_cart(cart_of(svc.events, svc.searcher.catalog, user))


@router.get("/ucp/v1/carts/{cart_id}", responses=errors(401, 403, 404, 422))
def get_cart(request: Request, cart_id: str, who: Caller = shopper) -> dict[str, Any]:
    """The caller's cart (its id is `cart-<user>`; another shopper's: 404)."""
    svc = services(request)
    user = who.acting_as(None)
    if user is None or cart_id != f"cart-{user}":
        raise UcpNotFoundError(
            f"no cart {cart_id!r} for this key (yours is cart-{user})"
            if user
            else f"no cart {cart_id!r}: carts need a key bound to a shopper"
        )
    return ucp_cart(cart_of(svc.events, svc.searcher.catalog, user))
