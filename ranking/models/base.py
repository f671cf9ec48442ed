"""The recommender interface: every model and every peer is fit, scored, saved and loaded alike."""

from __future__ import annotations

import pickle
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from threadpoolctl import ThreadpoolController

#: Scanning the loaded BLAS libraries is slow; do it once per process. The one controller of
#: the project: everything that limits BLAS threads goes through `one_blas_thread`.
_THREADS = ThreadpoolController()


def one_blas_thread() -> Any:
    """A context in which BLAS runs on one thread: one short history gains nothing from more
    (they only stall; measured p95 84 -> 5 ms), and `implicit` runs threads of its own."""
    return _THREADS.limit(limits=1, user_api="blas")


@dataclass
class TrainingData:
    """What a model may learn from: training sequences, optional item text vectors, validation."""

    n_items: int
    sequences: list[np.ndarray]
    item_vectors: np.ndarray | None = (
        None  # (n_items, dim), unit length, from the retrieval embedder
    )
    valid_histories: list[np.ndarray] = field(default_factory=list)
    valid_targets: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


class Recommender(ABC):
    """Scores every item for a history (the items a user or session touched, oldest first)."""

    name: str = "recommender"

    @abstractmethod
    def fit(self, data: TrainingData) -> dict[str, Any]:
        """Learn from the data; returns what the training did (epochs, loss, seconds, ...)."""

    @abstractmethod
    def score(self, histories: list[np.ndarray]) -> np.ndarray:
        """Scores of shape (len(histories), n_items); higher is better."""

    def recommend(
        self, history: np.ndarray, k: int = 10, exclude: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The k best items for one history, optionally never recommending `exclude`."""
        with one_blas_thread():
            scores = self.score([history])[0].astype(np.float64)
        if exclude is not None and len(exclude):
            scores[exclude] = -np.inf
        k = min(k, int(np.isfinite(scores).sum()))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            pickle.dump(self, handle)

    @staticmethod
    def load(path: Path) -> Recommender:
        with path.open("rb") as handle:
            model = pickle.load(handle)
        if not isinstance(model, Recommender):
            raise TypeError(f"{path} does not hold a ShopTalk recommender")
        return model
