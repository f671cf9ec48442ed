"""The FastAPI app: thin routes over the retrieval service, one error shape for every error."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from retrieval import Filters, HybridSearcher, Product, SearchResult
from retrieval.errors import IndexNotReadyError, RetrievalError, UnknownProductError

log = logging.getLogger(__name__)


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
    text = {400: "Bad request", 404: "Not found", 422: "Invalid request", 503: "Not ready"}
    return {s: {"model": ErrorResponse, "description": text.get(s, "Error")} for s in statuses}


class SearchParams(BaseModel):
    """Query parameters of /v1/search."""

    model_config = ConfigDict(extra="forbid")

    q: str = Field(min_length=1, max_length=500, description="What the shopper is looking for")
    k: int = Field(default=10, ge=1, le=100, description="How many products to return")
    mode: Literal["hybrid", "lexical", "semantic"] = "hybrid"
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


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    products: int


def create_app(load_searcher: Callable[[], HybridSearcher]) -> FastAPI:
    """The app; `load_searcher` runs once at start-up (so tests and servers share the code)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.searcher = load_searcher()
        yield

    app = FastAPI(
        title="ShopTalk",
        version="0.1.0",
        description="Conversational shopping assistant: catalog search, recommendations, chat.",
        lifespan=lifespan,
    )

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [
            {"field": ".".join(str(x) for x in e["loc"]), "problem": e["msg"]} for e in exc.errors()
        ]
        summary = "; ".join(f"{d['field']}: {d['problem']}" for d in details)
        return _error(422, "invalid_request", f"fix these request fields: {summary}", details)

    @app.exception_handler(ValidationError)
    async def _invalid_model(request: Request, exc: ValidationError) -> JSONResponse:
        details = [
            {"field": ".".join(str(x) for x in e["loc"]), "problem": e["msg"]} for e in exc.errors()
        ]
        return _error(422, "invalid_request", "; ".join(d["problem"] for d in details), details)

    @app.exception_handler(UnknownProductError)
    async def _unknown(request: Request, exc: UnknownProductError) -> JSONResponse:
        return _error(404, "not_found", str(exc))

    @app.exception_handler(IndexNotReadyError)
    async def _not_ready(request: Request, exc: IndexNotReadyError) -> JSONResponse:
        return _error(503, "index_not_ready", str(exc))

    @app.exception_handler(RetrievalError)
    async def _retrieval(request: Request, exc: RetrievalError) -> JSONResponse:
        return _error(503, "retrieval_unavailable", str(exc))

    def searcher(request: Request) -> HybridSearcher:
        searcher: HybridSearcher = request.app.state.searcher
        return searcher

    @app.get("/healthz", response_model=Health, tags=["ops"])
    def healthz(request: Request) -> Health:
        """Liveness: the process is up and holds an index."""
        return Health(products=len(searcher(request).catalog))

    @app.get("/v1/search", response_model=SearchResult, responses=errors(422, 503), tags=["search"])
    def search(request: Request, params: Annotated[SearchParams, Query()]) -> SearchResult:
        """Ranked products for a query, with hard filters and each hit's score parts."""
        return searcher(request).search(params.q, params.filters(), k=params.k, mode=params.mode)

    @app.get(
        "/v1/products/{product_id}", response_model=Product, responses=errors(404), tags=["search"]
    )
    def product(request: Request, product_id: str) -> Product:
        """One product from the catalog."""
        return searcher(request).catalog.get(product_id)

    return app
