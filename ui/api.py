"""The FastAPI app: thin routes over the retrieval service, one error shape for every error."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sse_starlette import EventSourceResponse
from starlette.concurrency import iterate_in_threadpool

from assistant.cart import CartError
from assistant.conversations import ANYONE, Conversation, Message
from assistant.errors import (
    ConversationStoreUnavailable,
    NotInHistoryError,
    UnknownConversationError,
)
from assistant.support import CustomerHistory, Draft, draft_reply, history, send_reply
from assistant.turn import ChatRequest, ChatResponse, Done, collect
from ranking.events import EventStoreUnavailable
from ranking.service import RecommendationResult
from retrieval import Filters, HybridSearcher, Product, SearchResult
from retrieval.errors import IndexNotReadyError, RetrievalError, UnknownProductError
from retrieval.fields import Printable, PrintableText
from ui.admin import AdminNotFoundError, NotConfiguredError, admin_router
from ui.auth import AuthError, Caller, Role, authenticate
from ui.embeddings import BadEmbeddingRequest, UnknownModelError, embeddings_router, model_names
from ui.intake import record_events
from ui.jobs import Jobs
from ui.limits import LimitsConfig, add_limits
from ui.mcp import build_mcp, mcp_route, mcp_running
from ui.metrics import Metrics
from ui.services import Check, Services
from ui.ucp import UcpNotFoundError, ucp_router

log = logging.getLogger(__name__)


class ChatBody(ChatRequest):
    """`POST /v1/chat`: the turn's request, and how the answer is delivered."""

    stream: bool = Field(default=False, description="Server-sent events instead of one JSON answer")


class ErrorBody(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. 'not_found'")
    message: str = Field(description="What was wrong and how to fix it")
    details: list[dict[str, Any]] = Field(default_factory=list, description="Per-field problems")


class ErrorResponse(BaseModel):
    """The one shape of every error this API returns."""

    error: ErrorBody


def _error(
    status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(code=code, message=message, details=details or []))
    return JSONResponse(status_code=status, content=body.model_dump())


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI declaration of the errors a route can return."""
    text = {400: "Bad request", 401: "No valid API key", 403: "The key's role is not enough",
            404: "Not found", 422: "Invalid request", 503: "Not ready"}  # fmt: skip
    return {s: {"model": ErrorResponse, "description": text.get(s, "Error")} for s in statuses}


class FilterParams(BaseModel):
    """Hard filters shared by search and recommendations."""

    model_config = ConfigDict(extra="forbid")

    min_price: Decimal | None = Field(default=None, ge=0)
    max_price: Decimal | None = Field(default=None, ge=0)
    department: list[str] = Field(default_factory=list, description="Any of these departments")
    category: str | None = Field(default=None, description="Category path prefix")
    brand: list[str] = Field(default_factory=list, description="Any of these brands")
    exclude_brand: list[str] = Field(default_factory=list, description="None of these brands")
    min_rating: float | None = Field(default=None, ge=0, le=5)
    in_stock: bool | None = None

    def filters(self) -> Filters:
        return Filters(
            min_price=self.min_price, max_price=self.max_price, departments=tuple(self.department),
            category=self.category, brands=tuple(self.brand),
            exclude_brands=tuple(self.exclude_brand), min_rating=self.min_rating,
            in_stock=self.in_stock,
        )  # fmt: skip


class SearchParams(FilterParams):
    """Query parameters of /v1/search."""

    q: str = Field(min_length=1, max_length=500, description="What the shopper is looking for")
    k: int = Field(default=10, ge=1, le=100, description="How many products to return")
    mode: Literal["hybrid", "lexical", "semantic"] = "hybrid"


class RecommendationParams(FilterParams):
    """Query parameters of /v1/recommendations: any of user, session and context product."""

    user_id: str | None = Field(default=None, max_length=200)
    session_id: str | None = Field(default=None, max_length=200)
    product_id: str | None = Field(
        default=None, max_length=300, description="The product being viewed"
    )
    k: int = Field(default=10, ge=1, le=100)


MAX_EVENTS_PER_BATCH = 1000


class EventBatch(BaseModel):
    """A batch of events; each is validated on its own (see Event in the schema list)."""

    model_config = ConfigDict(extra="forbid")

    events: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_EVENTS_PER_BATCH)


class EventOutcome(BaseModel):
    index: int
    stored: bool
    id: int | None = None
    error: str | None = Field(
        default=None, description="Why the event was rejected and what to fix"
    )


class EventBatchResult(BaseModel):
    stored: int
    rejected: int
    results: list[EventOutcome]


class DraftRequest(BaseModel):
    """What the customer wrote, for the agent's drafted reply."""

    model_config = ConfigDict(extra="forbid")

    message: PrintableText = Field(min_length=1, max_length=2000)
    conversation_id: Printable | None = Field(default=None, max_length=64)
    reference_id: Printable | None = Field(
        default=None, max_length=200,
        description="A past product of this customer the message refers to, when the agent picks "
        "another than the draft's referring_to (one of referring_to.others)",
    )  # fmt: skip


class AgentReply(BaseModel):
    """The agent's edited reply, sent into the customer's conversation."""

    model_config = ConfigDict(extra="forbid")

    text: PrintableText = Field(min_length=1, max_length=4000)
    product_ids: list[Printable] = Field(default_factory=list, max_length=10)


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    products: int


class Readiness(BaseModel):
    status: Literal["ready"] = "ready"
    checks: list[Check]


def create_app(
    load: Callable[[], Services], web: bool = True, limits: LimitsConfig | None = None,
    web_login: bool = False,
) -> FastAPI:  # fmt: skip
    """The app; `load` builds the services once at start-up (tests and servers share the code).
    `web`: mount the browser app (Gradio) at /ui on the same app and port; `limits`: body size
    and rate limits (defaults: see LimitsConfig); `web_login`: the browser app asks for an API
    key before anything else (when the keyless local shopper is off)."""

    agents = build_mcp()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.services = load()
        async with mcp_running(agents, app, local_hosts_only=not web_login):
            yield

    app = FastAPI(
        title="ShopTalk",
        version="0.1.0",
        description="Conversational shopping assistant: catalog search, recommendations, chat. "
        "Shopper routes are open to loopback callers in the embedded setup; otherwise send "
        "'Authorization: Bearer <key>' (keys have the role shopper, agent or admin).",
        lifespan=lifespan,
    )
    add_limits(app, limits or LimitsConfig())
    metrics = Metrics(app)
    app.state.metrics = metrics
    app.state.jobs = Jobs()

    def fail(
        status: int, code: str, message: str, details: list[dict[str, Any]] | None = None
    ) -> JSONResponse:
        metrics.errors.labels(code=code).inc()
        return _error(status, code, message, details)

    def refused(exc: AuthError) -> JSONResponse:
        response = fail(exc.status, exc.code, str(exc))
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response

    @app.exception_handler(AuthError)
    async def _auth(request: Request, exc: AuthError) -> JSONResponse:
        return refused(exc)

    app.router.routes.append(mcp_route(refused))  # MCP for agents at /mcp (ui/mcp.py)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"field": ".".join(str(x) for x in e["loc"]), "problem": e["msg"]} for e in exc.errors()
        ]
        summary = "; ".join(f"{d['field']}: {d['problem']}" for d in details)
        return fail(422, "invalid_request", f"fix these request fields: {summary}", details)

    @app.exception_handler(ValidationError)
    async def _invalid_model(request: Request, exc: ValidationError) -> JSONResponse:
        details = [
            {"field": ".".join(str(x) for x in e["loc"]), "problem": e["msg"]} for e in exc.errors()
        ]
        return fail(422, "invalid_request", "; ".join(d["problem"] for d in details), details)

    # Domain errors -> (status, code, Retry-After): one table, one handler.
    simple: dict[type[Exception], tuple[int, str, str | None]] = {
        AdminNotFoundError: (404, "not_found", None),
        NotConfiguredError: (409, "not_configured", None),
        UnknownModelError: (404, "model_not_found", None),
        BadEmbeddingRequest: (422, "invalid_request", None),
        UnknownProductError: (404, "not_found", None),
        UcpNotFoundError: (404, "not_found", None),
        CartError: (422, "invalid_request", None),
        UnknownConversationError: (404, "not_found", None),
        NotInHistoryError: (422, "invalid_request", None),
        IndexNotReadyError: (503, "index_not_ready", None),
        RetrievalError: (503, "retrieval_unavailable", None),
        ConversationStoreUnavailable: (503, "database_unavailable", "1"),
    }

    async def _domain(request: Request, exc: Exception) -> JSONResponse:
        status, code, retry = next(v for k, v in simple.items() if isinstance(exc, k))
        response = fail(status, code, str(exc))
        if retry:
            response.headers["Retry-After"] = retry
        return response

    for kind in simple:
        app.add_exception_handler(kind, _domain)

    @app.exception_handler(sa.exc.DBAPIError)
    async def _database(request: Request, exc: sa.exc.DBAPIError) -> JSONResponse:
        """A database error no store turned into a domain error: unavailable (503, retry) or the
        input refused (422); the SQL and its parameters are never shown."""
        reason = str(exc.orig).strip().splitlines()[0][:200] if exc.orig else type(exc).__name__
        if isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError):
            response = fail(
                503, "database_unavailable", f"the database is unavailable ({reason}); retry"
            )
            response.headers["Retry-After"] = "1"
            return response
        if isinstance(exc, sa.exc.DataError | sa.exc.IntegrityError):
            return fail(422, "invalid_request", f"the database refused this input: {reason}")
        raise exc

    @app.exception_handler(EventStoreUnavailable)
    async def _db_down(request: Request, exc: EventStoreUnavailable) -> JSONResponse:
        response = fail(
            503, "database_unavailable", f"{exc}; nothing from this request was stored, retry"
        )
        response.headers["Retry-After"] = "1"
        return response

    def services(request: Request) -> Services:
        found: Services = request.app.state.services
        return found

    def role(needed: Role) -> Callable[[Request], Caller]:
        def dependency(request: Request) -> Caller:
            svc = services(request)
            return authenticate(request, svc.keys, needed, svc.open_local_shopper)

        return dependency

    shopper, agent = Depends(role(Role.shopper)), Depends(role(Role.agent))
    app.state.admin_dependency = Depends(role(Role.admin))

    def searcher(request: Request) -> HybridSearcher:
        return services(request).searcher

    @app.get("/readyz", response_model=Readiness, responses=errors(503), tags=["ops"])
    def readyz(request: Request) -> Any:
        """Readiness: the language model server, the index and the database, each checked now."""
        checks = services(request).readiness()
        down = [c for c in checks if not c.ok]
        if down:
            return fail(503, "not_ready", "down: " + ", ".join(f"{c.component} ({c.detail})" for c in down),
                        [c.model_dump() for c in checks])  # fmt: skip
        return Readiness(checks=checks)

    def embedder_of(request: Request) -> tuple[Any, list[str]]:
        svc = services(request)
        return svc.searcher.embedder, model_names(svc.searcher.embedder, svc.embedding_model)

    app.include_router(embeddings_router(embedder_of, errors(401, 403, 404, 422), [shopper]))
    app.include_router(admin_router(services, app.state.admin_dependency, errors(401, 403, 422)))
    app.include_router(ucp_router(services, shopper, errors(401, 403, 404, 422)))

    @app.get("/healthz", response_model=Health, tags=["ops"])
    def healthz(request: Request) -> Health:
        """Liveness: the process is up and holds an index."""
        return Health(products=len(searcher(request).catalog))

    @app.get("/v1/search", response_model=SearchResult, responses=errors(401, 403, 422, 503), tags=["search"],
             dependencies=[shopper])  # fmt: skip
    def search(request: Request, params: Annotated[SearchParams, Query()]) -> SearchResult:
        """Ranked products for a query, with hard filters and each hit's score parts."""
        return searcher(request).search(params.q, params.filters(), k=params.k, mode=params.mode)

    @app.get(
        "/v1/products/{product_id}", response_model=Product, responses=errors(401, 403, 404), tags=["search"],
        dependencies=[shopper],
    )  # fmt: skip
    def product(request: Request, product_id: str) -> Product:
        """One product from the catalog."""
        return searcher(request).catalog.get(product_id)

    @app.post(
        "/v1/events", response_model=EventBatchResult, responses=errors(401, 403, 422, 503), tags=["events"],
        dependencies=[shopper],
    )  # fmt: skip
    def post_events(
        request: Request, batch: EventBatch, caller: Caller = shopper
    ) -> EventBatchResult:
        """Store a batch of behaviour events; bad events are reported one by one, good ones stored.
        A shopper key reports its own events of the last week (a user-bound key: events without a
        user_id are its user's); staff keys report for anyone and import history. Exposures
        (`recommendation_shown`) and experiment arms are recorded by the server."""
        results, _ = record_events(services(request), caller, list(batch.events))
        stored = [r for r in results if r.stored]
        return EventBatchResult(
            stored=len(stored), rejected=len(results) - len(stored),
            results=[EventOutcome(index=r.index, stored=r.stored, id=r.id, error=r.error) for r in results],
        )  # fmt: skip

    @app.get(
        "/v1/recommendations",
        response_model=RecommendationResult,
        responses=errors(401, 403, 404, 422, 503),
        tags=["recommendations"],
    )
    def recommendations(
        request: Request, params: Annotated[RecommendationParams, Query()], caller: Caller = shopper
    ) -> RecommendationResult:
        """Products for a user, a session and/or a product being viewed, each with its reasons.
        A shopper key gets only its own user's (another user_id: 403)."""
        return services(request).recommendations.recommend(
            user_id=caller.acting_as(params.user_id), session_id=params.session_id, product_id=params.product_id,
            k=params.k, filters=params.filters(),
        )  # fmt: skip

    @app.post(
        "/v1/chat",
        response_model=ChatResponse,
        responses={**errors(401, 403, 404, 422, 503), 200: {"content": {"text/event-stream": {}},
                   "description": "JSON, or with stream=true server-sent events: conversation, query, "
                   "cards, token (repeated), retract (discard the text so far), done (the ChatResponse)"}},
        tags=["chat"],
    )  # fmt: skip
    def chat(request: Request, body: ChatBody, caller: Caller = shopper) -> Any:
        """One shopper message: understood, answered with catalog cards and grounded advice."""
        pipeline = services(request).chat
        turn = ChatRequest.model_validate(body.model_dump(exclude={"stream"}))
        turn = turn.model_copy(update={"user_id": caller.acting_as(turn.user_id)})
        conv = pipeline.open(turn, staff=caller.staff and turn.user_id is None)
        if not body.stream:
            answer = collect(pipeline.turn(turn, conv))
            metrics.tokens.inc(answer.meta.tokens)
            return answer
        cancelled = threading.Event()
        events = pipeline.turn(turn, conv, cancelled)

        async def sse() -> AsyncIterator[dict[str, str]]:
            try:
                async for event in iterate_in_threadpool(events):
                    if isinstance(event, Done):
                        metrics.tokens.inc(event.response.meta.tokens)
                    yield event.sse()
            finally:  # the client went away: stop generating (the model call is closed, not left running)
                cancelled.set()

        return EventSourceResponse(sse(), ping=15)

    @app.get(
        "/v1/conversations/{conversation_id}",
        response_model=Conversation,
        responses=errors(401, 403, 404, 503),
        tags=["chat"],
    )
    def conversation(
        request: Request, conversation_id: str, caller: Caller = shopper,
        user_id: Annotated[str | None, Query(max_length=200)] = None,
        limit: Annotated[int, Query(ge=1, le=200, description="Newest messages to return")] = 50,
        before: Annotated[int | None, Query(ge=1, description="The `earlier` of the page after")] = None,
    ) -> Conversation:  # fmt: skip
        """A stored conversation with its state and newest messages, a page at a time (`earlier`
        in the answer is the `before` of the previous page); a shopper key sees only its own."""
        owner = (user_id or ANYONE) if caller.staff else caller.acting_as(user_id)
        return services(request).conversations.get(
            conversation_id, owner, limit=limit, before=before
        )

    @app.get(
        "/v1/customers/{customer_id}/history",
        response_model=CustomerHistory,
        responses=errors(401, 403, 503),
        tags=["customer service"],
        dependencies=[agent],
    )
    def customer_history(request: Request, customer_id: str) -> CustomerHistory:
        """A customer's recent events and conversations, for an agent."""
        return history(services(request).chat, customer_id)

    @app.post(
        "/v1/customers/{customer_id}/drafts",
        response_model=Draft,
        responses=errors(401, 403, 404, 422, 503),
        tags=["customer service"],
        dependencies=[agent],
    )
    def customer_draft(request: Request, customer_id: str, body: DraftRequest) -> Draft:
        """A drafted reply with products for what the customer wrote; the agent edits and sends it."""
        return draft_reply(services(request).chat, customer_id, body.message, body.conversation_id,
                           body.reference_id)  # fmt: skip

    @app.post(
        "/v1/conversations/{conversation_id}/replies",
        response_model=Message,
        responses=errors(401, 403, 404, 422, 503),
        tags=["customer service"],
        dependencies=[agent],
    )
    def agent_reply(request: Request, conversation_id: str, body: AgentReply) -> Message:
        """Send the agent's reply into the customer's conversation."""
        return send_reply(services(request).chat, conversation_id, body.text, body.product_ids)

    if web:
        from fastapi.responses import RedirectResponse

        from ui.web import mount_web

        @app.get("/", include_in_schema=False)
        def home() -> RedirectResponse:
            return RedirectResponse("/ui/")

        app = mount_web(app, lambda: app.state.services, login=web_login, limits=limits)
    return app
