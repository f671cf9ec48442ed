"""Online recommendations over the live catalog, composed from the parts: the live counts that move
with every event (ranking/live.py, or Redis: ranking/shared_live.py), the published ranker and
its search reranker (ranking/registry.py) or, before one is trained, the recent-behaviour model
over the live counts (ranking/models/recent.py), the current session read at inference, and
reasons in data for every recommendation."""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from ranking.events import EVENT_WEIGHT, READ_LIMIT, Event, EventStore, EventType
from ranking.experiments import Experiment, exposure_events
from ranking.models.base import Recommender, one_blas_thread
from ranking.models.recent import RecentBehaviour
from ranking.registry import ModelRegistry, catalog_fingerprint
from ranking.rerank import Candidates, PersonalReranker, fixed_blend
from ranking.shared_live import open_live_state
from retrieval.catalog import Catalog, Product
from retrieval.filters import Filters, filter_mask

log = logging.getLogger(__name__)


HISTORY_LIMIT = 50
#: The events that say a shopper wanted a product (the history the ranker reads).
WANTING = tuple(t for t, w in EVENT_WEIGHT.items() if w > 0)


class Reason(BaseModel):
    """Why a product is recommended, as data the assistant can put into words."""

    model_config = ConfigDict(frozen=True)

    kind: Literal["bought_after", "similar_to", "popular_in", "ranker"]
    text: str
    product_id: str | None = Field(
        default=None, description="The product the reason refers to, if any"
    )


class Recommendation(BaseModel):
    model_config = ConfigDict(frozen=True)

    product: Product
    score: float
    reasons: tuple[Reason, ...]


class RecommendationResult(BaseModel):
    model_config = ConfigDict(frozen=True)

    recommendations: tuple[Recommendation, ...]
    model: str = Field(description="Which scorer produced the ranking")
    model_version: str | None = None
    history_length: int
    experiment: str | None = Field(
        default=None, description="The experiment this user is in, if any"
    )
    arm: str | None = None


class RecommendationService:
    """Recommendations for a user, a session and/or a context product (see module docstring)."""

    def __init__(
        self,
        catalog: Catalog,
        vectors: np.ndarray,
        store: EventStore,
        registry: ModelRegistry | None = None,
        experiments: Sequence[Experiment] = (),
        live_url: str = "memory://",
    ) -> None:
        self.catalog = catalog
        self.experiments = [e for e in experiments if e.active]
        self.vectors = vectors
        self.store = store
        self.registry = registry
        self._lock = threading.Lock()
        # Popularity and co-visitation: in this process, from the newest snapshot plus the events
        # since (ranking/live.py), or shared by every replica in Redis (ranking/shared_live.py).
        self.live, self.replayed = open_live_state(live_url, catalog, store)
        #: What is served without a trained ranker: the model `shoptalk bench ranker` evaluates
        #: as "recent-behaviour", reading the live counts.
        self.baseline = RecentBehaviour(vectors, self.live)
        self.model: Recommender | None = None
        self.model_version: str | None = None
        self.reranker: PersonalReranker | None = None
        self._refused: str | None = None  # a version trained on another catalog

    @property
    def popularity(self) -> np.ndarray:
        return self.live.popularity

    @property
    def after(self) -> Mapping[int, Counter[int]]:
        return self.live.after

    def observe(self, events: Sequence[Event]) -> None:
        """Update popularity and co-visitation now (called after events are stored)."""
        with self._lock:
            self.live.ingest(events)

    def refresh_model(self) -> None:
        """Load the newest published ranker if it changed (no restart needed)."""
        if self.registry is None:
            return
        version = self.registry.latest_version()
        if version and version not in (self.model_version, self._refused):
            model, meta = self.registry.load(version)
            trained_on = meta.get("catalog")
            if trained_on is not None and trained_on != catalog_fingerprint(self.catalog):
                self._refused = version
                log.warning("ranker version %s was trained on another catalog; not serving it "
                            "(run `shoptalk train` after a catalog sync)", version)  # fmt: skip
                return
            reranker = self.registry.load_reranker(version, model)
            with self._lock:
                self.model, self.model_version, self.reranker = model, version, reranker
            log.info("ranker version %s loaded%s", version, " with its reranker" * bool(reranker))

    def history(self, user_id: str | None, session_id: str | None) -> list[int]:
        """Catalog rows the user/session engaged with, oldest first."""
        events: list[Event] = []
        if user_id:
            events += self.store.query(user_id=user_id, newest=READ_LIMIT, types=WANTING)
        if session_id:
            events += [
                e
                for e in self.store.query(session_id=session_id, newest=READ_LIMIT, types=WANTING)
                if e.user_id != user_id
            ]
        events.sort(key=lambda e: e.timestamp)
        rows = [self.catalog.position(e.product_id) for e in events
                if EVENT_WEIGHT[e.type] > 0 and e.product_id in self.catalog]  # fmt: skip
        return rows[-HISTORY_LIMIT:]

    def _scores(
        self, history: list[int], model: Recommender | None, version: str | None
    ) -> tuple[np.ndarray, str, str | None]:
        """Scores of every catalog row for this history: the trained ranker, else the baseline."""
        if model is not None and history:
            with one_blas_thread():
                scores = np.asarray(model.score([np.array(history)])[0], dtype=np.float64)
            return scores, getattr(model, "name", "ranker"), version
        with one_blas_thread():
            scores = self.baseline.score([np.array(history, dtype=np.int64)])[0]
        return scores, self.baseline.name, None

    def personalise(
        self, candidates: Candidates, user_id: str | None, session_id: str | None
    ) -> tuple[np.ndarray, str] | None:
        """Scores that order a query's search candidates for this user/session, and which scorer
        made them: the learned reranker when the published version has one, else the fixed
        blend of search and behaviour. None without history (search order stands)."""
        self.refresh_model()
        history = self.history(user_id, session_id)
        if not history:
            return None
        model, version, reranker = self.model, self.model_version, self.reranker
        if reranker is not None:
            with one_blas_thread():
                return reranker.scores(candidates, np.array(history)), "learned reranker"
        scores, _, _ = self._scores(history, model, version)
        return fixed_blend(candidates.fused, scores[candidates.rows]), "fixed blend"

    def recommend(
        self, user_id: str | None = None, session_id: str | None = None, product_id: str | None = None,
        k: int = 10, filters: Filters | None = None,
    ) -> RecommendationResult:  # fmt: skip
        """Top-k for a user, session and/or context product. A user in an active experiment gets
        their arm's scorer, and what they were shown is logged as exposure events."""
        self.refresh_model()
        history = self.history(user_id, session_id)
        if product_id is not None:
            history.append(self.catalog.position(product_id))
        model, version = self.model, self.model_version
        experiment = self.experiments[0] if self.experiments and user_id else None
        arm = experiment.assign(user_id) if experiment and user_id else None
        if arm is not None and arm.scorer == "baseline":
            model = None
        scores, name, version = self._scores(history, model, version)
        mask = filter_mask(self.catalog.columns, filters or Filters())
        if mask is not None:
            scores = np.where(mask, scores, -np.inf)
        scores[history] = -np.inf  # never recommend what is already in the history
        k = min(k, int(np.isfinite(scores).sum()))
        top = np.argsort(-scores, kind="stable")[:k] if k > 0 else np.zeros(0, dtype=np.int64)
        recs = tuple(
            Recommendation(
                product=self.catalog.products[i],
                score=float(scores[i]),
                reasons=self.reasons(int(i), history),
            )
            for i in top
        )
        if experiment is not None and arm is not None and user_id and recs:
            shown = [r.product.id for r in recs]
            self.store.append(exposure_events(experiment, arm, user_id, session_id, shown))
        return RecommendationResult(
            recommendations=recs,
            model=name,
            model_version=version,
            history_length=len(history),
            experiment=experiment.name if experiment else None,
            arm=arm.name if arm else None,
        )

    def reasons(self, row: int, history: list[int]) -> tuple[Reason, ...]:
        """Why `row` fits this history, from co-visitation, text similarity and popularity."""
        out: list[Reason] = []
        for previous in history[::-1][:3]:
            if previous in self.after and self.after[previous][row]:
                p = self.catalog.products[previous]
                out.append(
                    Reason(
                        kind="bought_after",
                        text=f"often bought after {p.title[:80]}",
                        product_id=p.id,
                    )
                )
                break
        if history:
            sims = self.vectors[history[::-1][:3]] @ self.vectors[row]
            best = int(np.argmax(sims))
            if sims[best] >= 0.6:
                p = self.catalog.products[history[::-1][best]]
                out.append(
                    Reason(kind="similar_to", text=f"similar to {p.title[:80]}", product_id=p.id)
                )
        department = self.catalog.products[row].department
        dep_rows = self.catalog.columns.department == self.catalog.columns.department[row]
        dep_pop = self.popularity[dep_rows]
        if self.popularity[row] > 0 and self.popularity[row] >= np.quantile(dep_pop, 0.95):
            out.append(Reason(kind="popular_in", text=f"popular in {department} lately"))
        if not out:
            out.append(Reason(kind="ranker", text="fits what you looked at"))
        return tuple(out)


__all__ = [
    "EventType",
    "Reason",
    "Recommendation",
    "RecommendationResult",
    "RecommendationService",
]
