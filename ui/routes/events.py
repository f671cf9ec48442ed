"""Behaviour events in, recommendations out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from ranking.service import RecommendationResult
from ui.auth import Caller
from ui.deps import services, shopper
from ui.errors import errors
from ui.intake import record_events
from ui.routes.catalog import FilterParams

router = APIRouter()

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


class RecommendationParams(FilterParams):
    """Query parameters of /v1/recommendations: any of user, session and context product."""

    user_id: str | None = Field(default=None, max_length=200)
    session_id: str | None = Field(default=None, max_length=200)
    product_id: str | None = Field(
        default=None, max_length=300, description="The product being viewed"
    )
    k: int = Field(default=10, ge=1, le=100)


@router.post("/v1/events", response_model=EventBatchResult, responses=errors(401, 403, 422, 503),
             tags=["events"])  # fmt: skip
def post_events(request: Request, batch: EventBatch, caller: Caller = shopper) -> EventBatchResult:
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


@router.get("/v1/recommendations", response_model=RecommendationResult,
            responses=errors(401, 403, 404, 422, 503), tags=["recommendations"])  # fmt: skip
def recommendations(
    request: Request, params: Annotated[RecommendationParams, Query()], caller: Caller = shopper
) -> RecommendationResult:
    """Products for a user, a session and/or a product being viewed, each with its reasons.
    A shopper key gets only its own user's (another user_id: 403)."""
    return services(request).recommendations.recommend(
        user_id=caller.acting_as(params.user_id), session_id=params.session_id, product_id=params.product_id,
        k=params.k, filters=params.filters(),
    )  # fmt: skip
