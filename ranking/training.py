"""`shoptalk train`: learn the ranker from the event store over the live catalog and publish a
versioned artifact (with its training data range and metrics) that servers pick up live.

Two models are learned: the behaviour ranker (recommendations) and the assistant's search
reranker (LambdaRank over search and behaviour features, see `ranking.rerank`). The reranker is
published only if it beats the fixed 0.5/0.5 blend on held-out purchases of this store."""

from __future__ import annotations

import time
import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np

from ranking.data import SequenceData, Split, leave_one_out
from ranking.errors import RankingError
from ranking.evaluation import evaluate
from ranking.events import EVENT_WEIGHT, EventStore, EventType
from ranking.live import start_live_state
from ranking.models.base import TrainingData
from ranking.models.blend import LearnedBlend, shoptalk_ranker
from ranking.models.popularity import Popularity
from ranking.models.sequential import SequentialRecommender
from ranking.registry import ModelRegistry, catalog_fingerprint
from ranking.rerank import (
    Example,
    PersonalReranker,
    QueryOutcome,
    behaviour_at,
    fixed_blend,
    proxy_examples,
    query_examples,
    rank_quality,
)
from retrieval.catalog import Catalog
from retrieval.search import HybridSearcher

MIN_EVAL_USERS = 20
#: Shoppers whose next purchase becomes a training query for the reranker (and as many to test).
RERANK_USERS = 1500
#: Fewer queries with the bought item among the candidates than this: the reranker is not fitted.
MIN_RERANK_QUERIES = 50
#: A click, cart or purchase this soon after a search is taken as that search's outcome.
QUERY_WINDOW_SECONDS = 1800.0
#: Real searches with an outcome needed before the reranker learns from them instead of the proxy.
MIN_REAL_QUERIES = 2 * MIN_RERANK_QUERIES
#: What counts as the outcome of a search.
CHOSEN = (EventType.click, EventType.add_to_cart, EventType.purchase)


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


def hash_half(user: str) -> int:
    """A stable half (0 or 1) for a user: the same shopper is never in both training and test."""
    return zlib.crc32(user.encode()) % 2


def search_outcomes(store: EventStore, catalog: Catalog) -> list[QueryOutcome]:
    """Real searches and what followed: each event carrying a query (`context.query`: a chat
    turn's shown cards, a client's search) opens a search; the same user's first click, cart or
    purchase of a catalog product within QUERY_WINDOW_SECONDS is its outcome. The history is what
    the user engaged with before the search."""
    by_user: defaultdict[str, list[Any]] = defaultdict(list)
    for event in store.iter_all():
        by_user[event.user_id].append(event)
    out = []
    for user, events in by_user.items():
        events.sort(key=lambda e: (e.timestamp, e.id))
        history: list[int] = []
        open_query: tuple[str, float] | None = None  # the latest search and when it was made
        for e in events:
            ts = e.timestamp.timestamp()
            known = e.product_id in catalog
            if e.type in CHOSEN and known:
                recent = (
                    open_query
                    if open_query and ts - open_query[1] <= QUERY_WINDOW_SECONDS
                    else None
                )
                query = e.context.query or (recent[0] if recent else None)
                if query:
                    out.append(QueryOutcome(user, query, np.array(history, dtype=np.int64),
                                            catalog.position(e.product_id)))  # fmt: skip
                    open_query = None
            elif e.context.query and (open_query is None or open_query[0] != e.context.query):
                open_query = (e.context.query, ts)
            if known and EVENT_WEIGHT[e.type] > 0:
                history.append(catalog.position(e.product_id))
    return out


def fit_reranker(
    searcher: HybridSearcher, blend: LearnedBlend, split: Split,
    users: int = RERANK_USERS, say: Callable[[str], None] | None = None,
    outcomes: Sequence[QueryOutcome] | None = None,
) -> tuple[PersonalReranker | None, dict[str, Any]]:  # fmt: skip
    """Learn the search reranker and test it against the fixed blend on held-out examples; return
    it only if it wins there. With enough real searches (`outcomes`, from `search_outcomes`) the
    examples are those searches and what the shopper chose, half of the shoppers to learn and
    half to test; otherwise the category proxy on each shopper's next purchase (validation to
    learn, test to test)."""
    say = say or (lambda _: None)
    started = time.perf_counter()
    chosen = np.random.default_rng(0).permutation(len(split.eval_users))[:users]
    rows = np.arange(len(searcher.catalog))

    real = list(outcomes or ())
    source = "search events" if len(real) >= MIN_REAL_QUERIES else "category proxy"
    # real searches: shoppers split in two, one half to learn from and the other to test on
    halves = {"valid": [o for o in real if hash_half(o.user) == 0][:users],
              "test": [o for o in real if hash_half(o.user) == 1][:users]}  # fmt: skip

    def examples(stage: str) -> list[Example]:
        def tick(n: int) -> None:
            say(f"  reranker {stage} queries ({source}): {n}")

        if source == "search events":
            return query_examples(searcher, halves[stage], progress=tick)
        return proxy_examples(
            searcher, split.histories(stage), split.targets(stage), chosen, rows, progress=tick
        )

    say(f"  reranker training queries: {source} ({len(real)} real searches with an outcome)")
    valid = examples("valid")
    in_pool = sum(t in c.items for c, _, t in valid)
    if in_pool < MIN_RERANK_QUERIES:
        reason = (f"only {in_pool} training queries found the bought item among the search "
                  f"candidates (need {MIN_RERANK_QUERIES}); the assistant keeps the fixed blend")  # fmt: skip
        say(f"  {reason}")
        return None, {"used": False, "reason": reason, "queries": in_pool, "queries_from": source}
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
        "used": used, "queries": info["queries"], "queries_from": source,
        "real_searches": len(real), "seconds": info["seconds"],
        "test_users": len(test), "test": {k: q.__dict__ for k, q in quality.items()},
        "seconds_with_searches": time.perf_counter() - started,
    }  # fmt: skip
    return (reranker if used else None), meta


def train_ranker(
    searcher: HybridSearcher, store: EventStore, registry: ModelRegistry,
    max_seconds: float = 480.0, max_epochs: int = 40, progress: Any = None,
    say: Callable[[str], None] | None = None, use_text: bool = True,
) -> dict[str, Any]:  # fmt: skip
    """Fit the blend on the events, evaluate it leave-one-out against popularity, fit the search
    reranker, publish both. Without `use_text` the ranker learns from behaviour alone (the
    sequential model over learned IDs and behaviour vectors, co-visitation; no text similarity)."""
    catalog = searcher.catalog
    vectors = searcher.vectors if use_text else None
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
    blend = shoptalk_ranker(vectors, threads=None, max_seconds=max_seconds, max_epochs=max_epochs)
    seq = blend.components["seq"]
    assert isinstance(seq, SequentialRecommender)
    seq_info = seq.fit(training, progress=progress)
    for name in blend.parts[1:]:
        blend.components[name].fit(training)
    info = blend.fit(training, fit_components=False)
    metrics, _ = evaluate(blend.score, split)
    baseline = Popularity()
    baseline.fit(training)
    base_metrics, _ = evaluate(baseline.score, split)
    reranker, rerank_meta = fit_reranker(
        searcher, blend, split, say=say, outcomes=search_outcomes(store, catalog)
    )
    version = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    meta: dict[str, Any] = {
        "version": version, "model": blend.name, "data": span,
        "catalog": catalog_fingerprint(catalog), "catalog_items": len(catalog),
        "test_metrics": metrics.__dict__, "popularity_test_metrics": base_metrics.__dict__,
        "training": {"sequential": {k: v for k, v in seq_info.items() if k != "history"}, "blend": info,
                     "components": list(blend.parts)},
        "reranker": rerank_meta,
    }  # fmt: skip
    registry.publish(version, blend, meta, reranker)
    _, meta["live_events_replayed"] = start_live_state(catalog, store, snapshot_after=1)
    return meta
