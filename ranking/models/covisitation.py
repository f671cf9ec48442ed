"""Item-to-item co-visitation: "often bought after" within a session window."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from ranking.models.base import Recommender, TrainingData


def covisit_matrix(
    sequences: Sequence[np.ndarray], n_items: int, window: int = 3, backward: float = 0.5
) -> sp.csr_matrix:
    """C[i, j] = sum over sequences of 1/d for j seen d <= window steps after i, and backward/d for
    j seen d steps before i; the diagonal is zero."""
    rows, cols, vals = [], [], []
    for seq in sequences:
        for d in range(1, window + 1):
            if len(seq) <= d:
                break
            a, b = seq[:-d], seq[d:]
            rows += [a, b]
            cols += [b, a]
            vals += [np.full(len(a), 1.0 / d), np.full(len(a), backward / d)]
    if not rows:
        return sp.csr_matrix((n_items, n_items))
    matrix = sp.coo_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(n_items, n_items),
    ).tocsr()
    matrix.setdiag(0)
    matrix.eliminate_zeros()
    return matrix


def behaviour_vectors(
    sequences: Sequence[np.ndarray], n_items: int, dim: int = 64, window: int = 3
) -> np.ndarray:
    """Unit item vectors from the log alone: a truncated SVD of the positive pointwise mutual
    information of co-visitation (window `window`, both directions). Items seen together get close
    vectors; an item never seen gets the zero vector. What the sequential model starts from when a
    store has no item text (learning ID embeddings from scratch on a sparse log barely beats
    popularity in 40 epochs)."""
    from scipy.sparse.linalg import svds

    counts = covisit_matrix(sequences, n_items, window, backward=1.0).tocoo()
    out = np.zeros((n_items, dim), dtype=np.float32)
    if counts.nnz == 0:
        return out
    total = counts.sum()
    row_sum = np.asarray(counts.sum(axis=1)).ravel()
    col_sum = np.asarray(counts.sum(axis=0)).ravel()
    pmi = np.log(counts.data * total / (row_sum[counts.row] * col_sum[counts.col]))
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep], (counts.row[keep], counts.col[keep])), shape=counts.shape)
    k = min(dim, min(ppmi.shape) - 1)
    if ppmi.nnz == 0 or k < 1:
        return out
    u, s, _ = svds(ppmi, k=k, random_state=0)
    vectors = u * np.sqrt(s)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    out[:, :k] = vectors / np.where(norms > 0, norms, 1.0)
    return out


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
        self.matrix = covisit_matrix(data.sequences, data.n_items, self.window, self.backward)
        counts = np.zeros(data.n_items)
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
