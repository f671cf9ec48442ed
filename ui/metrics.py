"""Prometheus metrics of one app: request latency histograms per route (instrumentator), tokens
generated and errors by code. Each app has its own registry, so several apps can live in one
process (tests) without clashing."""

from __future__ import annotations

from fastapi import FastAPI
from prometheus_client import CollectorRegistry, Counter
from prometheus_fastapi_instrumentator import Instrumentator


class Metrics:
    def __init__(self, app: FastAPI) -> None:
        self.registry = CollectorRegistry()
        self.tokens = Counter(
            "shoptalk_llm_tokens", "Tokens of written answers generated", registry=self.registry
        )
        self.errors = Counter(
            "shoptalk_errors", "Error responses by code", ["code"], registry=self.registry
        )
        Instrumentator(registry=self.registry, excluded_handlers=["/metrics"]).instrument(
            app
        ).expose(app, endpoint="/metrics", include_in_schema=True, tags=["ops"])
