"""What every route depends on: the app's services and the caller's verified identity and role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Depends, Request

from retrieval import HybridSearcher
from ui.auth import Caller, Role, authenticate
from ui.services import Services


def services(request: Request) -> Services:
    """The services built at start-up (`create_app`'s `load`)."""
    found: Services = request.app.state.services
    return found


def searcher(request: Request) -> HybridSearcher:
    return services(request).searcher


def role(needed: Role) -> Callable[[Request], Caller]:
    """A dependency: the caller, authenticated, with at least the role `needed` (else 401/403)."""

    def dependency(request: Request) -> Caller:
        svc = services(request)
        return authenticate(request, svc.keys, needed, svc.open_local_shopper)

    return dependency


# Typed as Any: each is a route's `dependencies=[...]` entry and a parameter's default
# (`caller: Caller = shopper`).
shopper: Any = Depends(role(Role.shopper))
agent: Any = Depends(role(Role.agent))
admin: Any = Depends(role(Role.admin))
