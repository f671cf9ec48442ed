"""The FastAPI app: the routers of ui/routes (one per area) over the shared services, one error
shape for every error (ui/errors.py), the caller's identity from ui/deps.py, MCP at /mcp and
the browser app at /ui."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI

from ui.catalog_sync import Follower
from ui.errors import install_error_handlers, refused
from ui.jobs import Jobs
from ui.limits import LimitsConfig, add_limits
from ui.mcp import build_mcp, mcp_route, mcp_running
from ui.metrics import Metrics
from ui.routes import ROUTERS
from ui.services import Services

log = logging.getLogger(__name__)


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
        follower: Follower = app.state.follower
        follower.start(app)

        async def follow() -> None:  # another replica synced the catalog: follow it
            while True:
                await asyncio.sleep(follower.every)
                await asyncio.to_thread(follower.check, app, app.state.jobs)

        following = asyncio.create_task(follow())
        try:
            async with mcp_running(agents, app, local_hosts_only=not web_login):
                yield
        finally:
            following.cancel()

    app = FastAPI(
        title="ShopTalk",
        version="0.1.0",
        description="Conversational shopping assistant: catalog search, recommendations, chat. "
        "Shopper routes are open to loopback callers in the embedded setup; otherwise send "
        "'Authorization: Bearer <key>' (keys have the role shopper, agent or admin).",
        lifespan=lifespan,
    )
    add_limits(app, limits or LimitsConfig())
    app.state.metrics = Metrics(app)
    app.state.jobs = Jobs()
    app.state.load = load  # a catalog sync builds fresh services with it and swaps them in
    app.state.follower = Follower()
    install_error_handlers(app)
    app.router.routes.append(mcp_route(lambda exc: refused(app, exc)))  # MCP for agents (ui/mcp.py)
    for router in ROUTERS:
        app.include_router(router)

    if web:
        from fastapi.responses import RedirectResponse

        from ui.web import mount_web

        @app.get("/", include_in_schema=False)
        def home() -> RedirectResponse:
            return RedirectResponse("/ui/")

        app = mount_web(app, lambda: app.state.services, login=web_login, limits=limits)
    return app
