"""Store staff routes (admin key): keys, experiment results, insights."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from assistant.insights import Insights, insights
from ranking.experiments import count_outcomes, report
from ui.auth import KeyInfo, Role
from ui.catalog_sync import Follower
from ui.deps import admin, services
from ui.errors import AdminNotFoundError, NotConfiguredError, errors
from ui.jobs import Job, Jobs


class KeyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: Role
    name: str = Field(min_length=1, max_length=200, description="Who or what the key is for")
    user_id: str | None = Field(
        default=None, max_length=200, description="Shopper keys: the user they act for"
    )


class NewKey(BaseModel):
    key: str = Field(description="Shown once; only its digest is stored")
    info: KeyInfo


class ArmResult(BaseModel):
    arm: str
    exposures: int
    rates: dict[str, tuple[float, float, float]] = Field(
        description="outcome -> (rate, 95% low, 95% high)"
    )
    p_values: dict[str, float | None]


class TrainRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_minutes: float = Field(
        default=8.0, gt=0, le=120, description="Time budget for the sequential model"
    )


def jobs(request: Request) -> Jobs:
    found: Jobs = request.app.state.jobs
    return found


router = APIRouter(prefix="/v1/admin", tags=["admin"], dependencies=[admin],
                   responses=errors(401, 403, 422))  # fmt: skip


@router.post("/keys", response_model=NewKey)
def create_key(request: Request, body: KeyRequest) -> NewKey:
    """Create an API key (shown once)."""
    key, info = services(request).keys.create(body.role, body.name, body.user_id)
    return NewKey(key=key, info=info)


@router.get("/keys", response_model=list[KeyInfo])
def list_keys(request: Request) -> list[KeyInfo]:
    """Every key's prefix, role and state (never the key)."""
    return services(request).keys.list()


@router.delete("/keys/{key_id}", response_model=KeyInfo, responses=errors(404))
def revoke_key(request: Request, key_id: Annotated[int, Path(ge=1, le=2**62)]) -> KeyInfo:
    """Revoke a key."""
    store = services(request).keys
    store.revoke(key_id)
    found = [k for k in store.list() if k.id == key_id]
    if not found:
        raise AdminNotFoundError(f"no key #{key_id}; list them with GET /v1/admin/keys")
    return found[0]


@router.post("/train", response_model=Job, status_code=202, responses=errors(409))
def train(request: Request, body: TrainRequest) -> Job:
    """Retrain the ranker on the stored events in the background; serving picks the new version up."""
    from ranking.training import train_ranker

    svc = services(request)
    registry = svc.recommendations.registry
    if registry is None:
        raise NotConfiguredError(
            "this server's recommendation service has no model registry to publish to;"
            " `shoptalk serve` keeps one under SHOPTALK_HOME/models/ranker"
        )

    def run() -> dict[str, Any]:
        meta = train_ranker(svc.searcher, svc.events, registry, body.max_minutes * 60)
        return {
            "version": meta["version"],
            "test_ndcg_10": meta["test_metrics"]["ndcg_10"],
            "reranker_used": meta["reranker"]["used"],
        }

    return jobs(request).submit("train", run)


@router.post("/catalog/sync", response_model=Job, status_code=202, responses=errors(409))
def catalog_sync(request: Request) -> Job:
    """Bring the index in step with the catalog files in the background (only changed products
    are embedded), then swap the server onto it at once: a request is served wholly by the old
    catalog or wholly by the new one. The other replicas follow on their next request."""
    if services(request).retrieval is None:
        raise NotConfiguredError(
            "this server was built without its retrieval stack; `shoptalk serve` has one"
        )
    follower: Follower = request.app.state.follower
    return follower.sync(request.app, jobs(request))


@router.get("/jobs/{job_id}", response_model=Job, responses=errors(404))
def job(request: Request, job_id: Annotated[str, Path(max_length=64)]) -> Job:
    """A background job's status, result or error."""
    found = jobs(request).get(job_id)
    if found is None:
        raise AdminNotFoundError(f"no job {job_id!r}; jobs live as long as the server process")
    return found


@router.get("/experiments/{name}", response_model=list[ArmResult])
def experiment(
    request: Request, name: str, control: Annotated[str | None, Query(max_length=100)] = None
) -> list[ArmResult]:
    """Per-arm CTR, add-to-cart and conversion with 95% intervals, and p-values against the control."""
    reports = report(count_outcomes(services(request).events, name), control)
    return [
        ArmResult(arm=r.arm, exposures=r.exposures, rates=r.rates, p_values=r.p_values)
        for r in reports
    ]


@router.get("/insights", response_model=Insights)
def store_insights(request: Request) -> Insights:
    """Top queries, zero-result queries, most and never recommended products."""
    svc = services(request)
    return insights(svc.events.engine, svc.searcher.catalog)
