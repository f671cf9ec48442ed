"""`shoptalk train`: learn the ranker from the event store over the live catalog and publish a
versioned artifact (with its training data range and metrics) that servers pick up live."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import numpy as np

from ranking.data import SequenceData, leave_one_out
from ranking.errors import RankingError
from ranking.evaluation import evaluate
from ranking.events import EVENT_WEIGHT, EventStore
from ranking.models.base import TrainingData
from ranking.models.blend import LearnedBlend
from ranking.models.content import TextSimilarity
from ranking.models.covisitation import CoVisitation
from ranking.models.popularity import Popularity
from ranking.models.sequential import SequentialRecommender
from ranking.service import ModelRegistry
from retrieval.catalog import Catalog

MIN_EVAL_USERS = 20


def sequences_from_events(
    store: EventStore, catalog: Catalog
) -> tuple[SequenceData, dict[str, Any]]:
    """Per-user catalog rows in time order (positive events only), and the data range used."""
    by_user: defaultdict[str, list[tuple[float, int, int]]] = defaultdict(list)
    first_id = last_id = 0
    first_ts, last_ts = float("inf"), 0.0
    for event in store.iter_all():
        first_id = first_id or event.id
        last_id = event.id
        if EVENT_WEIGHT[event.type] <= 0 or event.product_id not in catalog:
            continue
        ts = event.timestamp.timestamp()
        first_ts, last_ts = min(first_ts, ts), max(last_ts, ts)
        by_user[event.user_id].append((ts, event.id, catalog.position(event.product_id)))
    users = sorted(by_user)
    sequences = tuple(
        np.array([row for _, _, row in sorted(by_user[u])], dtype=np.int64) for u in users
    )
    data = SequenceData("events", tuple(users), catalog.ids, sequences)
    span = {
        "first_event_id": first_id, "last_event_id": last_id,
        "first_event_at": datetime.fromtimestamp(first_ts, UTC).isoformat() if by_user else None,
        "last_event_at": datetime.fromtimestamp(last_ts, UTC).isoformat() if by_user else None,
        "users": len(users), "interactions": data.interactions,
    }  # fmt: skip
    return data, span


def train_ranker(
    catalog: Catalog, vectors: np.ndarray, store: EventStore, registry: ModelRegistry,
    max_seconds: float = 480.0, max_epochs: int = 40, progress: Any = None,
) -> dict[str, Any]:  # fmt: skip
    """Fit the blend on the events, evaluate it leave-one-out against popularity, publish it."""
    data, span = sequences_from_events(store, catalog)
    split = leave_one_out(data)
    if len(split.eval_users) < MIN_EVAL_USERS:
        raise RankingError(
            f"only {len(split.eval_users)} users have 3 or more events; training needs at least "
            f"{MIN_EVAL_USERS} (import a log with `shoptalk events import` or collect more events)"
        )
    training = TrainingData(
        len(catalog), list(split.train), vectors, split.histories("valid"), split.valid_target
    )
    seq = SequentialRecommender(threads=None, max_seconds=max_seconds, max_epochs=max_epochs)
    blend = LearnedBlend({"seq": seq, "covis": CoVisitation(), "text": TextSimilarity()})
    seq_info = seq.fit(training, progress=progress)
    blend.components["covis"].fit(training)
    blend.components["text"].fit(training)
    info = blend.fit(training, fit_components=False)
    metrics, _ = evaluate(blend.score, split)
    baseline = Popularity()
    baseline.fit(training)
    base_metrics, _ = evaluate(baseline.score, split)
    version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    meta: dict[str, Any] = {
        "version": version, "model": blend.name, "data": span,
        "test_metrics": metrics.__dict__, "popularity_test_metrics": base_metrics.__dict__,
        "training": {"sequential": {k: v for k, v in seq_info.items() if k != "history"}, "blend": info},
    }  # fmt: skip
    registry.publish(version, blend, meta)
    return meta
