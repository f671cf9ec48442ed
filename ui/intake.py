"""Behaviour events in: one way for the API, the browser app and agents. A shopper reports its
own events as they happen; exposures and experiment arms are the server's; staff import history."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ranking.events import SHOPPER_EVENT_AGE, Event, EventResult, EventType, ingest
from ui.auth import AuthError, Caller
from ui.services import Services


def own_event(caller: Caller, index: int, event: dict[str, Any]) -> dict[str, Any]:
    """A shopper's event as it may be stored: their own, and no experiment record."""
    if caller.user_id is not None:
        given = event.get("user_id")
        if given not in (None, caller.user_id):
            raise AuthError(403, "forbidden", f"events[{index}]: this key acts for user "
                            f"{caller.user_id!r}, not {given!r}")  # fmt: skip
        event = {**event, "user_id": caller.user_id}
    if event.get("type") == EventType.recommendation_shown.value:
        raise AuthError(403, "forbidden", f"events[{index}]: 'recommendation_shown' is recorded "
                        "by the server when it shows recommendations")  # fmt: skip
    context = event.get("context")
    if isinstance(context, dict) and (context.get("experiment") or context.get("arm")):
        raise AuthError(403, "forbidden", f"events[{index}]: context.experiment and "
                        "context.arm are set by the server, not by a shopper")  # fmt: skip
    return event


def record_events(
    svc: Services, caller: Caller, raw: list[dict[str, Any]]
) -> tuple[list[EventResult], list[Event]]:
    """Check each event against the caller's rights, store the good ones in one transaction and
    feed them to the live recommendation state. Returns every event's result and the stored ones."""
    if not caller.staff:
        raw = [own_event(caller, i, e) for i, e in enumerate(raw)]
    oldest = None if caller.staff else datetime.now(UTC) - SHOPPER_EVENT_AGE
    results, good = ingest(svc.events, raw, lambda pid: pid in svc.searcher.catalog, oldest)
    svc.recommendations.observe(good)
    return results, good
