"""Catalog changes without restarts. A sync brings the index in step with the catalog files and
swaps the server onto it (one reference: a request is served wholly by the old catalog or wholly
by the new one); a version row in the shared database then tells every other replica to do the
same on its next request, so N processes follow one `POST /v1/admin/catalog/sync` or one
`shoptalk catalog sync`."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import sqlalchemy as sa
from fastapi import FastAPI

from ui.errors import NotConfiguredError
from ui.jobs import Job, Jobs
from ui.services import Services

log = logging.getLogger(__name__)

_metadata = sa.MetaData()
versions_table = sa.Table(
    "catalog_versions",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("products", sa.Integer, nullable=False),
)


class CatalogVersions:
    """Which catalog sync is the newest, in the database every replica shares."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        _metadata.create_all(engine)

    def newest(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.max(versions_table.c.id))).scalar() or 0)

    def publish(self, products: int) -> int:
        with self.engine.begin() as conn:
            row = conn.execute(
                versions_table.insert().values(created=time.time(), products=products)
            )
            key = row.inserted_primary_key
            if key is None:
                raise RuntimeError("the database returned no id for the new catalog version")
            return int(key[0])


def resync(app: FastAPI) -> dict[str, Any]:
    """Sync this server's index with the catalog files, then swap fresh services in."""
    retrieval = app.state.services.retrieval
    if retrieval is None:
        raise NotConfiguredError(
            "this server was built without its retrieval stack; `shoptalk serve` has one"
        )
    report, loads = retrieval.sync()
    fresh: Services = app.state.load()
    app.state.services = fresh  # requests in flight keep the services they started with
    return {
        "summary": report.summary(), "products": len(fresh.searcher.catalog),
        "rejected_rows": sum(len(r.errors) for r in loads),
    }  # fmt: skip


class Follower:
    """Looks at the shared catalog version at most every `every` seconds; when another process
    published a newer one, this server re-syncs and swaps in the background (a job)."""

    def __init__(self, every: float = 10.0) -> None:
        self.every = every
        self.serving = 0  # the catalog version this server's services were built after
        self._versions: CatalogVersions | None = None  # made once: create_all is not free
        self._checked = 0.0
        self._lock = threading.Lock()

    def start(self, app: FastAPI) -> None:
        try:
            self._versions = CatalogVersions(app.state.services.events.engine)
            self.serving = self._versions.newest()
        except sa.exc.SQLAlchemyError as exc:  # a database that is down is the readiness's to say
            log.warning("catalog version unknown at start-up: %s", exc)

    def sync(self, app: FastAPI, jobs: Jobs) -> Job:
        """The admin route's job: sync, swap, then tell the other replicas."""

        def run() -> dict[str, Any]:
            result = resync(app)
            versions = self._versions or CatalogVersions(app.state.services.events.engine)
            self.serving = versions.publish(result["products"])
            return {**result, "version": self.serving}

        return jobs.submit("catalog-sync", run)

    def check(self, app: FastAPI, jobs: Jobs) -> None:
        now = time.monotonic()
        with self._lock:
            if now - self._checked < self.every:
                return
            self._checked = now
        try:
            self._versions = self._versions or CatalogVersions(app.state.services.events.engine)
            newest = self._versions.newest()
        except sa.exc.SQLAlchemyError as exc:  # the database's own readiness reports it
            log.warning("catalog version check failed: %s", exc)
            return
        if newest <= self.serving:
            return
        self.serving = newest  # once per version, even while the job runs
        log.info("catalog version %d published elsewhere: re-syncing and swapping", newest)
        jobs.submit("catalog-follow", lambda: {**resync(app), "version": newest})
