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
real queries can replace the proxy without changing the model.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ranking.errors import ModelNotTrainedError
from ranking.models.blend import LearnedBlend

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


def features(candidates: Candidates, history: np.ndarray, behaviour: LearnedBlend) -> np.ndarray:
    """(len(candidates), len(FEATURES)) for one query and one history."""
    n = len(candidates.rows)
    out = np.zeros((n, len(FEATURES)), dtype=np.float32)
    out[:, 0] = candidates.fused
    out[:, 1] = candidates.lexical
    out[:, 2] = candidates.semantic
    out[:, 3] = np.log1p(candidates.lexical_rank)
    out[:, 4] = np.log1p(candidates.semantic_rank)
    out[:, 5] = np.log1p(np.arange(n))
    known = candidates.items >= 0
    if len(history):
        for j, name in enumerate(("seq", "covis", "text")):
            scores = behaviour.components[name].score([history])[0]
            out[known, 6 + j] = scores[candidates.items[known]]
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
        X, y, groups = [], [], []
        for cands, history, target in examples:
            labels = (cands.items == target).astype(np.int32)
            if labels.sum() == 0:
                continue
            X.append(features(cands, history, self.behaviour))
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

    def order(self, candidates: Candidates, history: np.ndarray) -> np.ndarray:
        """Candidate rows, best first, for this shopper."""
        return candidates.rows[np.argsort(-self.scores(candidates, history), kind="stable")]
