"""Every error the HTTP edges return, in one shape: the shape itself, the OpenAPI declaration of
a route's errors, the errors of ui/ (admin, embeddings, UCP) and the one table that maps each
domain error to its status and code."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, ValidationError

from assistant.cart import CartError
from assistant.errors import (
    ConversationStoreUnavailable,
    NotInHistoryError,
    UnknownConversationError,
)
from ranking.events import EventStoreUnavailable
from retrieval.errors import IndexNotReadyError, RetrievalError, UnknownProductError
from ui.auth import AuthError

log = logging.getLogger(__name__)


class AdminNotFoundError(LookupError):
    """A key or job id that does not exist."""


class NotConfiguredError(RuntimeError):
    """The server was started without what this route needs (e.g. a model registry)."""


class BadEmbeddingRequest(ValueError):
    """A request that is well-formed but cannot be served as asked."""


class UnknownModelError(Exception):
    def __init__(self, model: str, known: list[str]) -> None:
        super().__init__(f"model {model!r} is not served here; use one of {known}")


class UcpNotFoundError(LookupError):
    """No such cart for this caller, or a product UCP cannot show (no listed price)."""


class ErrorBody(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. 'not_found'")
    message: str = Field(description="What was wrong and how to fix it")
    details: list[dict[str, Any]] = Field(default_factory=list, description="Per-field problems")


class ErrorResponse(BaseModel):
    """The one shape of every error this API returns."""

    error: ErrorBody


def error_body(
    code: str, message: str, details: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return ErrorResponse(
        error=ErrorBody(code=code, message=message, details=details or [])
    ).model_dump()


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI declaration of the errors a route can return."""
    text = {400: "Bad request", 401: "No valid API key", 403: "The key's role is not enough",
            404: "Not found", 409: "Not configured", 422: "Invalid request", 503: "Not ready"}  # fmt: skip
    return {s: {"model": ErrorResponse, "description": text.get(s, "Error")} for s in statuses}


def fail(
    app: Any, status: int, code: str, message: str, details: list[dict[str, Any]] | None = None,
    retry_after: str | None = None,
) -> JSONResponse:  # fmt: skip
    """The error response, counted in the app's metrics by its code."""
    app.state.metrics.errors.labels(code=code).inc()
    response = JSONResponse(status_code=status, content=error_body(code, message, details))
    if retry_after:
        response.headers["Retry-After"] = retry_after
    return response


def refused(app: Any, exc: AuthError) -> JSONResponse:
    """A refused key or role (401 asks for a bearer key)."""
    response = fail(app, exc.status, exc.code, str(exc))
    if exc.status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


#: Domain errors -> (status, code, Retry-After): one table, one handler.
DOMAIN: dict[type[Exception], tuple[int, str, str | None]] = {
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
}


def _problems(exc: RequestValidationError | ValidationError) -> list[dict[str, Any]]:
    return [
        {"field": ".".join(str(x) for x in e["loc"]), "problem": e["msg"]} for e in exc.errors()
    ]


def install_error_handlers(app: FastAPI) -> None:
    """Every error of every route answered in the one shape."""

    async def auth(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, AuthError)
        return refused(request.app, exc)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        details = _problems(exc)
        summary = "; ".join(f"{d['field']}: {d['problem']}" for d in details)
        return fail(
            request.app, 422, "invalid_request", f"fix these request fields: {summary}", details
        )

    async def invalid_model(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ValidationError)
        details = _problems(exc)
        return fail(
            request.app, 422, "invalid_request", "; ".join(d["problem"] for d in details), details
        )

    async def domain(request: Request, exc: Exception) -> JSONResponse:
        status, code, retry = next(v for k, v in DOMAIN.items() if isinstance(exc, k))
        return fail(request.app, status, code, str(exc), retry_after=retry)

    async def database(request: Request, exc: Exception) -> JSONResponse:
        """A database error no store turned into a domain error: unavailable (503, retry) or the
        input refused (422). The driver's words (hosts, users, SQL) go to the log, not the client."""
        assert isinstance(exc, sa.exc.DBAPIError)
        log.warning(
            "database error on %s %s: %s", request.method, request.url.path, exc.orig or exc
        )
        if isinstance(exc, sa.exc.OperationalError | sa.exc.InterfaceError):
            return fail(request.app, 503, "database_unavailable", "the database is unavailable; retry",
                        retry_after="1")  # fmt: skip
        if isinstance(exc, sa.exc.DataError | sa.exc.IntegrityError):
            return fail(request.app, 422, "invalid_request", "the database refused this input: check "
                        "ids and text for characters or lengths it cannot store")  # fmt: skip
        raise exc

    async def store_down(request: Request, exc: Exception) -> JSONResponse:
        """The event or conversation store cannot work now: its words (the driver's, with hosts
        and users) go to the log; the client is told to retry."""
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
        return fail(request.app, 503, "database_unavailable", "the database is unavailable; "
                    "nothing from this request was stored, retry", retry_after="1")  # fmt: skip

    app.add_exception_handler(AuthError, auth)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(ValidationError, invalid_model)
    for kind in DOMAIN:
        app.add_exception_handler(kind, domain)
    app.add_exception_handler(sa.exc.DBAPIError, database)
    app.add_exception_handler(EventStoreUnavailable, store_down)
    app.add_exception_handler(ConversationStoreUnavailable, store_down)
