"""The assistant's final scorer: one ranking of a query's retrieval candidates for this shopper.

Features per candidate: the retrieval score parts (fused, lexical, semantic and their ranks)
and the behavioral scores of the candidate given the shopper's history (the ranker's
components: sequential model, co-visitation, text similarity, popularity). The blend is learned
with LightGBM LambdaRank rather than hand-set.

Training data without a query log: "category as query" on real purchase sequences. The query
is the category name of the item the shopper really bought next (a real catalog string, not
hand-written); candidates are what hybrid search returns for it; the label is that item. This
measures exactly what personalisation adds to search: many products share a category, and
behaviour says which one this shopper wants. With `search` events carrying `context.query`,
real queries can replace the proxy without changing the model: where a store's events carry the
shoppers' searches (`context.query`), `shoptalk train` learns from those instead (`query_examples`).

`shoptalk train` fits it on the store's own events and measures it against the fixed 0.5/0.5
blend on held-out purchases; servers use it only when it wins there.
"""

from __future__ import annotations

import pickle
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ranking.errors import ModelNotTrainedError
from ranking.evaluation import hit_rate, ndcg
from ranking.models.blend import LearnedBlend
from retrieval.catalog import Catalog, Product
from retrieval.filters import Filters
from retrieval.fusion import min_max
from retrieval.search import Hit, HybridSearcher

#: Search candidates per training/evaluation query (the assistant reranks its own, up to 60).
POOL = 50
#: The fallback without a learned reranker: `shoptalk bench rerank` measured NDCG@10 0.343 for
#: this 0.5/0.5 blend of search and behaviour against 0.258 for search alone.
FIXED_BEHAVIOUR_WEIGHT = 0.5

FEATURES = (
    "fused", "lexical", "semantic", "lexical_rank", "semantic_rank", "retrieval_rank",
    "seq", "covis", "text", "log_count", "history_len",
)  # fmt: skip


@dataclass(frozen=True)
class Candidates:
    """One query's candidates: catalog rows and their retrieval score parts, in retrieval order."""

    rows: np.ndarray
    fused: np.ndarray
    lexical: np.ndarray
    semantic: np.ndarray
    lexical_rank: np.ndarray  # 0 where not in the lexical list
    semantic_rank: np.ndarray
    items: np.ndarray  # each candidate's item index in the behaviour model, -1 if it has none


def candidates_from_hits(
    hits: Sequence[Hit], catalog: Catalog, item_of: Mapping[str, int] | None = None
) -> Candidates:
    """A query's hits as reranker input; items are catalog rows unless `item_of` maps ids."""
    rows = np.array([catalog.position(h.product.id) for h in hits], dtype=np.int64)
    items = (
        rows
        if item_of is None
        else np.array([item_of.get(h.product.id, -1) for h in hits], dtype=np.int64)
    )
    return Candidates(
        rows=rows,
        fused=np.array([h.parts.fused for h in hits], dtype=np.float64),
        lexical=np.array([h.parts.lexical or 0.0 for h in hits], dtype=np.float64),
        semantic=np.array([h.parts.semantic or 0.0 for h in hits], dtype=np.float64),
        lexical_rank=np.array([h.parts.lexical_rank or 0 for h in hits], dtype=np.int64),
        semantic_rank=np.array([h.parts.semantic_rank or 0 for h in hits], dtype=np.int64),
        items=items,
    )


def fixed_blend(fused: np.ndarray, behaviour: np.ndarray) -> np.ndarray:
    """The hand-set blend: min-max scaled search and behaviour scores, weighted 0.5 / 0.5."""
    return (1 - FIXED_BEHAVIOUR_WEIGHT) * min_max(fused) + FIXED_BEHAVIOUR_WEIGHT * min_max(
        behaviour
    )


def proxy_query(product: Product) -> tuple[str, Filters]:
    """What a shopper about to buy `product` is taken to have searched: its category name,
    within its department (the training proxy of the module docstring)."""
    text = product.category[-1] if product.category else product.title
    return text, Filters(departments=(product.department,)) if product.category else Filters()


Example = tuple[Candidates, np.ndarray, int]


def proxy_examples(
    searcher: HybridSearcher, histories: Sequence[np.ndarray], targets: np.ndarray,
    users: Iterable[int], item_rows: np.ndarray, item_of: Mapping[str, int] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Example]:  # fmt: skip
    """(candidates, history, target item) for each user: the search for the category of the item
    they really bought next. `item_rows` maps behaviour-model items to catalog rows."""
    out = []
    for n, u in enumerate(users):
        query, filters = proxy_query(searcher.catalog.products[item_rows[targets[u]]])
        hits = searcher.search(query, filters, k=POOL).hits
        out.append((candidates_from_hits(hits, searcher.catalog, item_of), histories[u], int(targets[u])))  # fmt: skip
        if progress is not None and (n + 1) % 250 == 0:
            progress(n + 1)
    return out


@dataclass(frozen=True)
class QueryOutcome:
    """A real search and what the shopper then chose: the query they typed, the catalog rows they
    had engaged with before it (oldest first), and the row they clicked, carted or bought."""

    user: str
    query: str
    history: np.ndarray
    target: int


def query_examples(
    searcher: HybridSearcher, outcomes: Sequence[QueryOutcome],
    progress: Callable[[int], None] | None = None,
) -> list[Example]:  # fmt: skip
    """(candidates, history, target) for real searches: the query searched again as typed."""
    out = []
    for n, o in enumerate(outcomes):
        hits = searcher.search(o.query, k=POOL).hits
        out.append((candidates_from_hits(hits, searcher.catalog), o.history, o.target))
        if progress is not None and (n + 1) % 250 == 0:
            progress(n + 1)
    return out


@dataclass(frozen=True)
class RankQuality:
    recall_10: float
    ndcg_10: float
    mrr: float


def rank_quality(scores: Sequence[np.ndarray], examples: Sequence[Example]) -> RankQuality:
    """Where the bought item lands when each example's candidates are ordered by its scores
    (a bought item missing from the candidates counts as a miss)."""
    ranks = np.full(len(examples), np.inf)
    for i, ((cands, _, target), score) in enumerate(zip(examples, scores, strict=True)):
        order = cands.items[np.argsort(-score, kind="stable")]
        found = np.flatnonzero(order == target)
        if len(found):
            ranks[i] = found[0] + 1
    mrr = float(np.mean(np.where(np.isfinite(ranks), 1 / ranks, 0))) if len(ranks) else 0.0
    return RankQuality(hit_rate(ranks, 10), ndcg(ranks, 10), mrr)


def behaviour_at(
    examples: Sequence[Example], score: Callable[[list[np.ndarray]], np.ndarray], chunk: int = 128
) -> list[np.ndarray]:
    """`score(histories)` read at each example's candidate items (0 for unknown items or an
    empty history), computed in batches: one batched call is far cheaper than one per history."""
    out: list[np.ndarray] = [np.zeros(len(c.items)) for c, _, _ in examples]
    scored = [i for i, (_, h, _) in enumerate(examples) if len(h)]
    for start in range(0, len(scored), chunk):
        batch = scored[start : start + chunk]
        matrix = score([examples[i][1] for i in batch])
        for i, row in zip(batch, matrix, strict=True):
            items = examples[i][0].items
            known = items >= 0
            out[i][known] = row[items[known]]
    return out


#: The behaviour components read as features; a blend without text (a store whose items have no
#: text vectors) leaves the text feature at 0.
COMPONENTS = ("seq", "covis", "text")


def features(
    candidates: Candidates, history: np.ndarray, behaviour: LearnedBlend,
    parts: Mapping[str, np.ndarray] | None = None,
) -> np.ndarray:  # fmt: skip
    """(len(candidates), len(FEATURES)) for one query and one history; `parts` are the behaviour
    components' scores at the candidates when already computed (see `behaviour_at`)."""
    n = len(candidates.rows)
    out = np.zeros((n, len(FEATURES)), dtype=np.float32)
    out[:, 0] = candidates.fused
    out[:, 1] = candidates.lexical
    out[:, 2] = candidates.semantic
    out[:, 3] = np.log1p(candidates.lexical_rank)
    out[:, 4] = np.log1p(candidates.semantic_rank)
    out[:, 5] = np.log1p(np.arange(n))
    known = candidates.items >= 0
    for j, name in enumerate(COMPONENTS):
        if name not in behaviour.components:
            continue
        if parts is not None:
            out[:, 6 + j] = parts[name]
        elif len(history):
            out[known, 6 + j] = behaviour.components[name].score([history])[0][
                candidates.items[known]
            ]
    out[known, 9] = behaviour.log_count[candidates.items[known]]
    out[:, 10] = len(history)
    return out


class PersonalReranker:
    """LambdaRank over retrieval and behaviour features (see module docstring)."""

    name = "personal-reranker"

    def __init__(self, behaviour: LearnedBlend, seed: int = 0) -> None:
        self.behaviour = behaviour
        self.seed = seed
        self.model: Any = None

    def fit(self, examples: Sequence[tuple[Candidates, np.ndarray, int]]) -> dict[str, Any]:
        """Learn from (candidates, history, target item) triples; targets outside the candidates are skipped."""
        import lightgbm as lgb

        started = time.perf_counter()
        examples = [e for e in examples if (e[0].items == e[2]).any()]
        X, y, groups = [], [], []
        for (cands, _, target), f in zip(examples, self.features_many(examples), strict=True):
            labels = (cands.items == target).astype(np.int32)
            X.append(f)
            y.append(labels)
            groups.append(len(labels))
        if not groups:
            raise ModelNotTrainedError("no example had its target among the candidates")
        self.model = lgb.LGBMRanker(
            objective="lambdarank", n_estimators=200, learning_rate=0.05, num_leaves=15,
            min_child_samples=30, random_state=self.seed, verbose=-1, n_jobs=2,
        )  # fmt: skip
        self.model.fit(np.concatenate(X), np.concatenate(y), group=groups)
        return {"seconds": time.perf_counter() - started, "queries": len(groups)}

    def scores(self, candidates: Candidates, history: np.ndarray) -> np.ndarray:
        if self.model is None:
            raise ModelNotTrainedError("the reranker has not been trained; run `shoptalk train`")
        return np.asarray(
            self.model.predict(features(candidates, history, self.behaviour), num_threads=1)
        )

    def features_many(self, examples: Sequence[Example]) -> list[np.ndarray]:
        """Features of many (candidates, history) pairs, behaviour scored in batches."""
        parts = {
            n: behaviour_at(examples, self.behaviour.components[n].score)
            for n in self.behaviour.parts
        }
        return [
            features(c, h, self.behaviour, {n: parts[n][i] for n in parts})
            for i, (c, h, _) in enumerate(examples)
        ]

    def scores_many(self, examples: Sequence[Example]) -> list[np.ndarray]:
        """`scores` for many examples (evaluation), behaviour scored in batches."""
        if self.model is None:
            raise ModelNotTrainedError("the reranker has not been trained; run `shoptalk train`")
        return [
            np.asarray(self.model.predict(f, num_threads=1)) for f in self.features_many(examples)
        ]

    def order(self, candidates: Candidates, history: np.ndarray) -> np.ndarray:
        """Candidate rows, best first, for this shopper."""
        return candidates.rows[np.argsort(-self.scores(candidates, history), kind="stable")]

    def save(self, path: Path) -> None:
        """The learned trees only; the behaviour model is published beside it."""
        if self.model is None:
            raise ModelNotTrainedError("nothing to save: the reranker has not been trained")
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            pickle.dump(self.model, handle)

    @classmethod
    def load(cls, path: Path, behaviour: LearnedBlend) -> PersonalReranker:
        reranker = cls(behaviour)
        with path.open("rb") as handle:
            reranker.model = pickle.load(handle)
        return reranker
