"""Liveness and readiness, for load balancers and orchestrators (no key)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel

from ui.deps import searcher, services
from ui.errors import errors, fail
from ui.services import Check

router = APIRouter(tags=["ops"])


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    products: int


class Readiness(BaseModel):
    status: Literal["ready"] = "ready"
    checks: list[Check]


@router.get("/readyz", response_model=Readiness, responses=errors(503))
def readyz(request: Request) -> Any:
    """Readiness: the language model server, the index and the database, each checked now."""
    checks = services(request).readiness()
    down = [c for c in checks if not c.ok]
    if down:
        return fail(request.app, 503, "not_ready", "down: " + ", ".join(f"{c.component} ({c.detail})" for c in down),
                    [c.model_dump() for c in checks])  # fmt: skip
    return Readiness(checks=checks)


@router.get("/healthz", response_model=Health)
def healthz(request: Request) -> Health:
    """Liveness: the process is up and holds an index."""
    return Health(products=len(searcher(request).catalog))
