"""Content similarity: items whose text is close to what the shopper just looked at."""

from __future__ import annotations

from typing import Any

import numpy as np

from ranking.errors import ModelNotTrainedError
from ranking.models.base import Recommender, TrainingData


class TextSimilarity(Recommender):
    """Cosine similarity of each item's text vector to the recent history's (newest weighted most).
    Needs no behaviour at all, so it is the cold-start signal."""

    name = "text-similarity"

    def __init__(self, recent: int = 3) -> None:
        self.recent = recent
        self.vectors: np.ndarray | None = None

    def fit(self, data: TrainingData) -> dict[str, Any]:
        if data.item_vectors is None:
            raise ModelNotTrainedError(
                "text similarity needs item text vectors (TrainingData.item_vectors)"
            )
        self.vectors = np.asarray(data.item_vectors, dtype=np.float32)
        return {"seconds": 0.0}

    def score(self, histories: list[np.ndarray]) -> np.ndarray:
        if self.vectors is None:
            raise ModelNotTrainedError("text similarity has not been fit")
        queries = np.zeros((len(histories), self.vectors.shape[1]), dtype=np.float32)
        for r, history in enumerate(histories):
            recent = history[::-1][: self.recent]
            if len(recent):
                weights = 1.0 / (np.arange(len(recent)) + 1.0)
                queries[r] = weights @ self.vectors[recent]
        return queries @ self.vectors.T
