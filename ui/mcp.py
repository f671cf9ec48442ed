"""ShopTalk for AI agents: a Model Context Protocol server (the official `mcp` SDK) whose tools are
the API's own operations — the same searcher, recommendation service, comparison, cart events
and chat pipeline the REST routes call, with the same keys, roles, limits and ownership.

Served on the app at `/mcp` (streamable HTTP; the key in `Authorization: Bearer`, checked before
any MCP message is read, rate-limited like /v1) and over stdio by `shoptalk mcp` for desktop
agents (the identity is the key in SHOPTALK_API_KEY, or the machine's local shopper). Tool
results carry catalog facts only, each product with its id."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.transport_security import TransportSecuritySettings
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from assistant.advice import Comparison, compare
from assistant.cart import MAX_QUANTITY, Cart, add_to_cart, cart_of
from assistant.turn import MAX_MESSAGE_CHARS, ChatRequest, collect
from ranking.service import RecommendationResult
from retrieval.catalog import Product
from retrieval.fields import Printable, PrintableText
from retrieval.filters import Filters
from ui.auth import AuthError, Caller, Role, authenticate
from ui.services import Services

INSTRUCTIONS = (
    "ShopTalk is a store's catalog and shopping assistant. Search with search_catalog (use "
    "max_price/min_price for budgets, min_rating for 'at least 4 stars'), look products up by id "
    "with get_product, compare 2-4 ids with compare, get personal picks with recommend, keep a cart "
    "with add_to_cart/view_cart, or ask the store's own assistant with ask_shoptalk. Every price, "
    "rating and title comes from the catalog; quote them with the product id. There is no checkout."
)


class ProductFacts(BaseModel):
    """One product, as the catalog lists it."""

    id: str
    title: str
    price: str = Field(description="As shown to shoppers, or 'price not listed'")
    price_amount: Decimal | None = None
    currency: str | None = None
    rating: float | None = None
    rating_count: int | None = None
    brand: str | None = None
    department: str
    in_stock: bool | None = None


def facts(product: Product) -> ProductFacts:
    return ProductFacts(
        id=product.id, title=product.title, price=product.price_label,
        price_amount=product.price.amount if product.price else None,
        currency=product.price.currency if product.price else None, rating=product.rating,
        rating_count=product.rating_count, brand=product.brand, department=product.department,
        in_stock=product.in_stock,
    )  # fmt: skip


class SearchOutput(BaseModel):
    query: str
    products: list[ProductFacts]
    matching: int = Field(description="Products that pass the filters")
    notices: list[str] = Field(default_factory=list, description="Degradations, said out loud")


class ProductDetail(ProductFacts):
    description: str
    category: list[str]


class ShownCard(BaseModel):
    mark: int = Field(description="The [n] the text uses for this product")
    product: ProductFacts
    why: str
    recommended: bool


class AssistantAnswer(BaseModel):
    conversation_id: str = Field(description="Pass it back to continue the conversation")
    text: str = Field(description="The assistant's grounded answer; [n] marks refer to cards")
    cards: list[ShownCard]
    notice: str | None = None


@dataclass
class Stdio:
    """Who a stdio session is: the services it was started with and its caller."""

    services: Services
    caller: Caller


def _who(ctx: Context, stdio: Stdio | None) -> tuple[Services, Caller]:
    request = ctx.request_context.request if ctx.request_context else None
    if isinstance(request, Request):
        services: Services = request.app.state.services
        try:
            return services, authenticate(
                request, services.keys, Role.shopper, services.open_local_shopper
            )
        except AuthError as exc:
            raise ToolError(f"{exc.code}: {exc}") from exc
    if stdio is None:
        raise ToolError("unauthorized: no HTTP request and no stdio identity")
    return stdio.services, stdio.caller


def _user(caller: Caller, user_id: str | None) -> str:
    """The identity a cart or personal call acts for (a bound key: its own user only)."""
    try:
        acting = caller.acting_as(user_id)
    except AuthError as exc:
        raise ToolError(f"{exc.code}: {exc}") from exc
    if acting is None:
        raise ToolError("say which shopper: pass user_id (or use a key bound to a user)")
    return acting


def _product(services: Services, product_id: str) -> Product:
    if product_id not in services.searcher.catalog:
        raise ToolError(f"no product {product_id!r} in the catalog; use an id from search_catalog")
    return services.searcher.catalog.get(product_id)


# The API's text types (no control characters), with the tools' own lengths.
Text = Annotated[PrintableText, Field(min_length=1, max_length=500)]
Id = Annotated[Printable, Field(min_length=1, max_length=300)]
UserId = Annotated[Printable | None, Field(default=None, max_length=200, description="The shopper (staff keys, or the keyless local shopper)")]  # fmt: skip


def build_mcp(stdio: Stdio | None = None) -> MCPServer:
    """The MCP server with ShopTalk's tools. Over HTTP each call's identity is its request's key;
    `stdio` gives the identity of a stdio session."""
    server: MCPServer = MCPServer("ShopTalk", instructions=INSTRUCTIONS, version="0.1.0")

    @server.tool()
    def search_catalog(
        query: Text,
        ctx: Context,
        k: Annotated[int, Field(ge=1, le=50)] = 10,
        min_price: Annotated[
            Decimal | None, Field(ge=0, description="Lowest price in dollars ('over $20' -> 20)")
        ] = None,
        max_price: Annotated[
            Decimal | None, Field(ge=0, description="The budget in dollars ('under $10' -> 10)")
        ] = None,
        department: Annotated[
            list[str] | None, Field(description="Any of these departments")
        ] = None,
        brand: Annotated[list[str] | None, Field(description="Any of these brands")] = None,
        exclude_brand: list[str] | None = None,
        min_rating: Annotated[
            float | None, Field(ge=0, le=5, description="Only when a rating is asked for")
        ] = None,
        in_stock: Annotated[
            bool | None, Field(description="Only when the shopper asks for in-stock items")
        ] = None,
    ) -> SearchOutput:
        """Search the store's catalog (hybrid keyword + semantic search) with hard filters:
        prices in the store's currency, departments, brands, minimum rating."""
        services, _ = _who(ctx, stdio)
        filters = Filters(min_price=min_price, max_price=max_price, departments=tuple(department or ()),
                          brands=tuple(brand or ()), exclude_brands=tuple(exclude_brand or ()),
                          min_rating=min_rating, in_stock=in_stock)  # fmt: skip
        result = services.searcher.search(query, filters, k=k)
        return SearchOutput(query=query, products=[facts(h.product) for h in result.hits],
                            matching=result.matching, notices=list(result.notices))  # fmt: skip

    @server.tool()
    def get_product(product_id: Id, ctx: Context) -> ProductDetail:
        """One product by id: title, price, rating, brand, description, category."""
        services, _ = _who(ctx, stdio)
        product = _product(services, product_id)
        return ProductDetail(**facts(product).model_dump(), description=product.description,
                             category=list(product.category))  # fmt: skip

    @server.tool()
    def recommend(
        ctx: Context, user_id: UserId = None,
        session_id: Annotated[Printable | None, Field(max_length=200)] = None,
        product_id: Annotated[Printable | None, Field(max_length=300, description="A product being viewed")] = None,
        k: Annotated[int, Field(ge=1, le=50)] = 10,
    ) -> RecommendationResult:  # fmt: skip
        """Products for a shopper, a session and/or a product being viewed, each with the reasons
        the ranker had (bought together, similar, popular, your history)."""
        services, caller = _who(ctx, stdio)
        try:
            user = caller.acting_as(user_id)
        except AuthError as exc:
            raise ToolError(f"{exc.code}: {exc}") from exc
        if product_id is not None:
            _product(services, product_id)
        return services.recommendations.recommend(user_id=user, session_id=session_id,
                                                  product_id=product_id, k=k)  # fmt: skip

    @server.tool(name="compare")
    def compare_products(
        product_ids: Annotated[list[Id], Field(min_length=2, max_length=4)], ctx: Context
    ) -> Comparison:
        """A side-by-side table of 2 to 4 products from catalog fields (price, rating, brand, ...),
        with the cheapest and the best rated."""
        services, _ = _who(ctx, stdio)
        distinct = list(dict.fromkeys(product_ids))
        if len(distinct) < 2:
            raise ToolError("compare needs 2 to 4 different product ids")
        return compare([_product(services, p) for p in distinct])

    @server.tool(name="add_to_cart")
    def add(
        product_id: Id, ctx: Context, quantity: Annotated[int, Field(ge=1, le=MAX_QUANTITY)] = 1,
        user_id: UserId = None,
    ) -> Cart:  # fmt: skip
        """Put a product in the shopper's cart (stored as add-to-cart events); returns the cart."""
        services, caller = _who(ctx, stdio)
        user = _user(caller, user_id)
        _product(services, product_id)
        return add_to_cart(
            services.events, services.searcher.catalog, user, product_id, quantity, "mcp"
        )

    @server.tool()
    def view_cart(ctx: Context, user_id: UserId = None) -> Cart:
        """The shopper's cart, priced from the catalog now. There is no checkout."""
        services, caller = _who(ctx, stdio)
        return cart_of(services.events, services.searcher.catalog, _user(caller, user_id))

    @server.tool()
    def ask_shoptalk(
        message: Annotated[PrintableText, Field(min_length=1, max_length=MAX_MESSAGE_CHARS)], ctx: Context,
        conversation_id: Annotated[Printable | None, Field(max_length=64)] = None, user_id: UserId = None,
    ) -> AssistantAnswer:  # fmt: skip
        """One turn with the store's own shopping assistant: it reads the request (budget, who it
        is for, ...), finds products and writes a short grounded recommendation."""
        services, caller = _who(ctx, stdio)
        try:
            turn = ChatRequest(message=message, conversation_id=conversation_id,
                               user_id=caller.acting_as(user_id))  # fmt: skip
            conversation = services.chat.open(turn, staff=caller.staff and turn.user_id is None)
        except AuthError as exc:
            raise ToolError(f"{exc.code}: {exc}") from exc
        answer = collect(services.chat.turn(turn, conversation))
        return AssistantAnswer(
            conversation_id=answer.conversation_id, text=answer.text, notice=answer.notice,
            cards=[ShownCard(mark=c.mark, product=facts(c.product), why=c.why, recommended=c.recommended)
                   for c in answer.cards],
        )  # fmt: skip

    return server


class _KeyGate:
    """The MCP endpoint behind the API's key check: no MCP message is read without a valid key
    (or the keyless local shopper on loopback); refusals have the API's error shape. The
    endpoint itself is the app's current one (`app.state.mcp`, made at each start-up)."""

    def __init__(self, refuse: Callable[[AuthError], Response]) -> None:
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope, receive)
        services: Services = request.app.state.services
        try:
            authenticate(request, services.keys, Role.shopper, services.open_local_shopper)
        except AuthError as exc:
            await self.refuse(exc)(scope, receive, send)
            return
        await request.app.state.mcp(scope, receive, send)


def mcp_route(refuse: Callable[[AuthError], Response]) -> Route:
    """The /mcp route, behind the key gate (`refuse` answers a refused key as the API does)."""
    return Route("/mcp", endpoint=_KeyGate(refuse), methods=["GET", "POST", "DELETE"])


@asynccontextmanager
async def mcp_running(server: MCPServer, app: Any, local_hosts_only: bool) -> AsyncIterator[None]:
    """Serve `server` on the app's /mcp route while the app runs (streamable HTTP, stateless,
    JSON responses); a fresh session manager at each start-up (the SDK runs each only once).
    `local_hosts_only`: answer only requests whose Host is this machine, which keeps the
    keyless local shopper from web pages (DNS rebinding); with keys required, any host."""
    security = TransportSecuritySettings(
        enable_dns_rebinding_protection=local_hosts_only,
        allowed_hosts=["127.0.0.1:*", "localhost:*", "[::1]:*"],
        allowed_origins=["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"],
    )
    sub = server.streamable_http_app(streamable_http_path="/mcp", stateless_http=True,
                                     json_response=True, transport_security=security)  # fmt: skip
    app.state.mcp = next(
        r for r in sub.routes if isinstance(r, Route) and r.path == "/mcp"
    ).endpoint
    async with server.session_manager.run():
        yield
