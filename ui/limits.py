"""Request limits as ASGI middleware: body size (413) and rate per API key or client address
(429 + Retry-After), both answered in the API's one error shape. Rate windows come from the
`limits` library (in memory: per process; several processes each apply the limit)."""

from __future__ import annotations

import json
from typing import Any

from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ui.auth import presented_key


class LimitsConfig(BaseModel):
    """Request limits (see ui.limits)."""

    model_config = ConfigDict(extra="forbid")

    max_body_bytes: int = Field(default=2_000_000, ge=1024, description="Largest request body")
    requests_per_minute: int = Field(
        default=600, ge=1, description="Per API key, or per client address without one"
    )
    exempt: tuple[str, ...] = Field(
        default=("/healthz", "/readyz", "/metrics"), description="Paths never limited"
    )


async def _refuse(
    send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> None:
    body = json.dumps({"error": {"code": code, "message": message, "details": []}}).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class TooLarge(Exception):
    pass


class LimitsMiddleware:
    def __init__(self, app: ASGIApp, config: LimitsConfig) -> None:
        self.app = app
        self.config = config
        self.rate = RateLimitItemPerMinute(config.requests_per_minute)
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] in self.config.exempt
            or scope["path"].startswith("/ui")
        ):
            await self.app(scope, receive, send)
            return
        from starlette.requests import Request

        request = Request(scope)
        key = presented_key(request)
        who = f"key:{key[:14]}" if key else f"addr:{request.client.host if request.client else '?'}"
        if not self.limiter.hit(self.rate, who):
            reset, _ = self.limiter.get_window_stats(self.rate, who)
            import time

            wait = max(1, int(reset - time.time()) + 1)
            await _refuse(send, 429, "rate_limited",
                          f"more than {self.config.requests_per_minute} requests a minute from this "
                          f"{'key' if key else 'address'}; retry in {wait} s", {"Retry-After": str(wait)})  # fmt: skip
            return
        declared = request.headers.get("content-length")
        limit = self.config.max_body_bytes
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _refuse(
                send,
                413,
                "body_too_large",
                f"the request body is {declared} bytes; the limit is {limit}",
            )
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except TooLarge:
            if not started:
                await _refuse(
                    send,
                    413,
                    "body_too_large",
                    f"the request body passed {limit} bytes; the limit is {limit}",
                )


def add_limits(app: Any, config: LimitsConfig) -> None:
    app.add_middleware(LimitsMiddleware, config=config)
