"""Item-to-item co-visitation: "often bought after" within a session window."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import scipy.sparse as sp

from ranking.models.base import Recommender, TrainingData


class CoVisitation(Recommender):
    """C[i, j] = sum over sequences of 1/d for j seen d <= window steps after i (and `backward`/d
    before it). A history scores items by its recent items' rows, newest weighted most; popularity
    breaks ties for items no recent item points to."""

    name = "co-visitation"

    def __init__(self, window: int = 3, backward: float = 0.5, recent: int = 5) -> None:
        self.window = window
        self.backward = backward
        self.recent = recent
        self.matrix = sp.csr_matrix((0, 0))
        self.popularity = np.zeros(0)

    def fit(self, data: TrainingData) -> dict[str, Any]:
        started = time.perf_counter()
        rows, cols, vals = [], [], []
        for seq in data.sequences:
            for d in range(1, self.window + 1):
                if len(seq) <= d:
                    break
                a, b = seq[:-d], seq[d:]
                rows += [a, b]
                cols += [b, a]
                vals += [np.full(len(a), 1.0 / d), np.full(len(a), self.backward / d)]
        n = data.n_items
        if rows:
            matrix = sp.coo_matrix(
                (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
            ).tocsr()
            matrix.setdiag(0)
            matrix.eliminate_zeros()
        else:
            matrix = sp.csr_matrix((n, n))
        self.matrix = matrix
        counts = np.zeros(n)
        for seq in data.sequences:
            np.add.at(counts, seq, 1.0)
        self.popularity = counts / max(1.0, counts.max())
        return {"seconds": time.perf_counter() - started, "pairs": int(self.matrix.nnz)}

    def score(self, histories: list[np.ndarray]) -> np.ndarray:
        n = self.matrix.shape[0]
        weights = sp.lil_matrix((len(histories), n))
        for r, history in enumerate(histories):
            for age, item in enumerate(history[::-1][: self.recent]):
                weights[r, item] += 1.0 / (age + 1)
        scores = np.asarray((weights.tocsr() @ self.matrix).todense())
        return scores + 1e-3 * self.popularity  # below any co-visit, above nothing

    def neighbours(self, item: int, k: int = 5) -> list[tuple[int, float]]:
        """The items most often seen right after `item` (for explanations)."""
        row = self.matrix.getrow(item)
        order = np.argsort(-row.data)[:k]
        return [(int(row.indices[i]), float(row.data[i])) for i in order]
