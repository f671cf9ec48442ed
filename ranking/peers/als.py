"""implicit's ALS (matrix factorisation for implicit feedback) as a peer under the same interface."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import scipy.sparse as sp

from ranking.models.base import Recommender, TrainingData, one_blas_thread


class ImplicitALS(Recommender):
    """Users are their histories: a new history gets its factor by one least-squares step."""

    name = "implicit ALS"

    def __init__(
        self,
        factors: int = 64,
        iterations: int = 15,
        regularization: float = 0.05,
        alpha: float = 2.0,
    ) -> None:
        self.params = {
            "factors": factors,
            "iterations": iterations,
            "regularization": regularization,
            "alpha": alpha,
        }
        self.model: Any = None
        self.n_items = 0

    def fit(self, data: TrainingData) -> dict[str, Any]:
        from implicit.cpu.als import AlternatingLeastSquares

        started = time.perf_counter()
        self.n_items = data.n_items
        matrix = self._matrix(data.sequences)
        self.model = AlternatingLeastSquares(**self.params, random_state=0)
        with one_blas_thread():  # implicit runs its own threads; nested BLAS ones slow it
            self.model.fit(matrix, show_progress=False)
        return {"seconds": time.perf_counter() - started}

    def _matrix(self, histories: list[np.ndarray]) -> sp.csr_matrix:
        rows = (
            np.concatenate([np.full(len(h), i) for i, h in enumerate(histories)])
            if histories
            else np.zeros(0)
        )
        cols = np.concatenate(histories) if histories else np.zeros(0)
        m = sp.csr_matrix(
            (np.ones(len(cols), dtype=np.float32), (rows, cols)),
            shape=(len(histories), self.n_items),
        )
        m.sum_duplicates()
        return m

    def score(self, histories: list[np.ndarray]) -> np.ndarray:
        matrix = self._matrix(histories)
        users = np.vstack(
            [self.model.recalculate_user(0, matrix[i]) for i in range(len(histories))]
        )
        return users @ self.model.item_factors.T
