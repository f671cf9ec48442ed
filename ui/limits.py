"""Request limits as ASGI middleware: body size (413) and rate per verified API key or client
address (429 + Retry-After), both answered in the API's one error shape. A presented key is
verified before it picks a bucket: a made-up key counts against its address, on a separate,
smaller limit for failed authentication, so rotating fake keys buys nothing and cannot drain a
real key's quota. Rate windows come from the `limits` library: in memory (per process) by
default, or in Redis, shared by every process that uses the same server."""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from typing import Any

from limits import RateLimitItemPerMinute
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ui.auth import KeyInfo, KeyStore, is_placeholder, presented_key
from ui.errors import error_body


class LimitsConfig(BaseModel):
    """Request limits (see ui.limits)."""

    model_config = ConfigDict(extra="forbid")

    max_body_bytes: int = Field(default=2_000_000, ge=1024, description="Largest request body")
    requests_per_minute: int = Field(
        default=600, ge=1, description="Per API key, or per client address without one"
    )
    storage_url: str = Field(
        default="memory://",
        description="Where the counters live: memory:// (this process) or redis://host:6379 "
        "(shared by every ShopTalk process using it: N replicas apply one limit)",
    )
    failed_auth_per_minute: int = Field(
        default=30, ge=1, description="Requests with an unknown key, per client address"
    )
    exempt: tuple[str, ...] = Field(
        default=("/healthz", "/readyz", "/metrics"), description="Paths never limited"
    )
    browser_concurrency: int = Field(
        default=4, ge=1, description="Browser chat turns run at once in this process"
    )
    browser_queue: int = Field(
        default=32, ge=1,
        description="Browser requests waiting at most; beyond it a shopper is told to try again",
    )  # fmt: skip
    #: The browser app's page and assets are not limited; its API calls are, like the REST routes.
    ui_api: str = "/ui/gradio_api/"
    #: Gradio routes the app does not use (it has no file inputs): refused, not stored.
    ui_refused: tuple[str, ...] = ("/ui/gradio_api/upload", "/ui/upload")


async def _refuse(
    send: Send, status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> None:
    body = json.dumps(error_body(code, message)).encode()
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class TooLarge(Exception):
    pass


class VerifiedKeys:
    """Which key a presented key is, remembered for a short while (bounded): the rate limit
    buckets by verified key without a database read per request. Authentication itself is
    done by each route, every time, so a revoked key stops working at once."""

    def __init__(self, size: int = 10_000, ttl: float = 30.0) -> None:
        self.size, self.ttl = size, ttl
        self._seen: OrderedDict[str, tuple[float, KeyInfo]] = OrderedDict()

    def verify(self, keys: KeyStore, key: str) -> KeyInfo | None:
        now = time.monotonic()
        hit = self._seen.get(key)
        if hit is not None and now - hit[0] < self.ttl:
            return hit[1]
        info = keys.verify(key)
        if info is not None:  # unknown keys are not remembered: they are limited per address
            self._seen[key] = (now, info)
            self._seen.move_to_end(key)
            while len(self._seen) > self.size:
                self._seen.popitem(last=False)
        return info


class LimitsMiddleware:
    def __init__(self, app: ASGIApp, config: LimitsConfig) -> None:
        self.app = app
        self.config = config
        self.rate = RateLimitItemPerMinute(config.requests_per_minute)
        self.failed = RateLimitItemPerMinute(config.failed_auth_per_minute)
        self.limiter = MovingWindowRateLimiter(storage_from_string(config.storage_url))
        self.verified = VerifiedKeys()

    def _bucket(self, scope: Scope, key: str | None, host: str) -> tuple[str, Any, str]:
        """The bucket, its limit and how to name it: the verified key, else the address."""
        app = scope.get("app")
        services = getattr(app.state, "services", None) if app is not None else None
        if key is not None and not is_placeholder(key, host):
            info = self.verified.verify(services.keys, key) if services is not None else None
            if info is not None:
                return f"key:{info.id}", self.rate, "key"
            return f"bad-key:{host}", self.failed, "address with an unknown API key"
        return f"addr:{host}", self.rate, "address"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] == "http" and path.startswith(self.config.ui_refused):
            await _refuse(send, 404, "not_found", "file uploads are not accepted here")
            return
        if (
            scope["type"] != "http"
            or path in self.config.exempt
            or (path.startswith("/ui") and not path.startswith(self.config.ui_api))
        ):
            await self.app(scope, receive, send)
            return
        from starlette.requests import Request

        request = Request(scope)
        host = request.client.host if request.client else "?"
        who, rate, what = self._bucket(scope, presented_key(request), host)
        if not self.limiter.hit(rate, who):
            reset, _ = self.limiter.get_window_stats(rate, who)
            wait = max(1, int(reset - time.time()) + 1)
            await _refuse(send, 429, "rate_limited",
                          f"more than {rate.amount} requests a minute from this {what}; "
                          f"retry in {wait} s", {"Retry-After": str(wait)})  # fmt: skip
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
