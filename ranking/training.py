"""`shoptalk train`: learn the ranker from the event store over the live catalog and publish a
versioned artifact (with its training data range and metrics) that servers pick up live.

Two models are learned: the behaviour ranker (recommendations) and the assistant's search
reranker (LambdaRank over search and behaviour features, see `ranking.rerank`). The reranker is
published only if it beats the fixed 0.5/0.5 blend on held-out purchases of this store."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import numpy as np

from ranking.data import SequenceData, Split, leave_one_out
from ranking.errors import RankingError
from ranking.evaluation import evaluate
from ranking.events import EVENT_WEIGHT, EventStore
from ranking.models.base import TrainingData
from ranking.models.blend import LearnedBlend
from ranking.models.content import TextSimilarity
from ranking.models.covisitation import CoVisitation
from ranking.models.popularity import Popularity
from ranking.models.sequential import SequentialRecommender
from ranking.rerank import (
    Example,
    PersonalReranker,
    behaviour_at,
    fixed_blend,
    proxy_examples,
    rank_quality,
)
from ranking.service import ModelRegistry, catalog_fingerprint
from retrieval.catalog import Catalog
from retrieval.search import HybridSearcher

MIN_EVAL_USERS = 20
#: Shoppers whose next purchase becomes a training query for the reranker (and as many to test).
RERANK_USERS = 1500
#: Fewer queries with the bought item among the candidates than this: the reranker is not fitted.
MIN_RERANK_QUERIES = 50


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


def fit_reranker(
    searcher: HybridSearcher, blend: LearnedBlend, split: Split,
    users: int = RERANK_USERS, say: Callable[[str], None] | None = None,
) -> tuple[PersonalReranker | None, dict[str, Any]]:  # fmt: skip
    """Learn the search reranker on validation purchases, test it against the fixed blend on test
    purchases (same shoppers, their next purchase); return it only if it wins there."""
    say = say or (lambda _: None)
    started = time.perf_counter()
    chosen = np.random.default_rng(0).permutation(len(split.eval_users))[:users]
    rows = np.arange(len(searcher.catalog))

    def examples(stage: str) -> list[Example]:
        def tick(n: int) -> None:
            say(f"  reranker {stage} queries: {n}/{len(chosen)}")

        return proxy_examples(
            searcher, split.histories(stage), split.targets(stage), chosen, rows, progress=tick
        )

    valid = examples("valid")
    in_pool = sum(t in c.items for c, _, t in valid)
    if in_pool < MIN_RERANK_QUERIES:
        reason = (f"only {in_pool} training queries found the bought item among the search "
                  f"candidates (need {MIN_RERANK_QUERIES}); the assistant keeps the fixed blend")  # fmt: skip
        say(f"  {reason}")
        return None, {"used": False, "reason": reason, "queries": in_pool}
    reranker = PersonalReranker(blend)
    info = reranker.fit(valid)
    test = examples("test")

    behaviour = behaviour_at(test, blend.score)
    quality = {
        "search": rank_quality([c.fused for c, _, _ in test], test),
        "fixed_blend": rank_quality(
            [fixed_blend(c.fused, b) for (c, _, _), b in zip(test, behaviour, strict=True)], test
        ),
        "learned": rank_quality(reranker.scores_many(test), test),
    }
    used = quality["learned"].ndcg_10 > quality["fixed_blend"].ndcg_10
    say(f"  reranker test NDCG@10: learned {quality['learned'].ndcg_10:.4f}, fixed blend "
        f"{quality['fixed_blend'].ndcg_10:.4f}, search only {quality['search'].ndcg_10:.4f}"
        f" -> the assistant uses the {'learned reranker' if used else 'fixed blend'}")  # fmt: skip
    meta = {
        "used": used, "queries": info["queries"], "seconds": info["seconds"],
        "test_users": len(test), "test": {k: q.__dict__ for k, q in quality.items()},
        "seconds_with_searches": time.perf_counter() - started,
    }  # fmt: skip
    return (reranker if used else None), meta


def train_ranker(
    searcher: HybridSearcher, store: EventStore, registry: ModelRegistry,
    max_seconds: float = 480.0, max_epochs: int = 40, progress: Any = None,
    say: Callable[[str], None] | None = None,
) -> dict[str, Any]:  # fmt: skip
    """Fit the blend on the events, evaluate it leave-one-out against popularity, fit the search
    reranker, publish both."""
    catalog, vectors = searcher.catalog, searcher.vectors
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
    reranker, rerank_meta = fit_reranker(searcher, blend, split, say=say)
    version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    meta: dict[str, Any] = {
        "version": version, "model": blend.name, "data": span,
        "catalog": catalog_fingerprint(catalog), "catalog_items": len(catalog),
        "test_metrics": metrics.__dict__, "popularity_test_metrics": base_metrics.__dict__,
        "training": {"sequential": {k: v for k, v in seq_info.items() if k != "history"}, "blend": info},
        "reranker": rerank_meta,
    }  # fmt: skip
    registry.publish(version, blend, meta, reranker)
    return meta
