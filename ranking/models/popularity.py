"""Popularity: what a real store shows when it knows nothing about the shopper."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ranking.models.base import Recommender, TrainingData


def decayed_counts(
    sequences: list[np.ndarray], n_items: int, half_life: float | None
) -> np.ndarray:
    """Interaction counts, each weighted by 0.5 ** (age / half_life), age = steps from the end of
    its sequence (logs without timestamps: order is time)."""
    counts = np.zeros(n_items, dtype=np.float64)
    for seq in sequences:
        if half_life:
            age = np.arange(len(seq) - 1, -1, -1, dtype=np.float64)
            np.add.at(counts, seq, 0.5 ** (age / half_life))
        else:
            np.add.at(counts, seq, 1.0)
    return counts


class Popularity(Recommender):
    """Global popularity, optionally time-decayed."""

    name = "popularity"

    def __init__(self, half_life: float | None = None) -> None:
        self.half_life = half_life
        self.counts = np.zeros(0)

    def fit(self, data: TrainingData) -> dict[str, Any]:
        started = time.perf_counter()
        self.counts = decayed_counts(data.sequences, data.n_items, self.half_life)
        return {"seconds": time.perf_counter() - started}

    def score(self, histories: list[np.ndarray]) -> np.ndarray:
        return np.broadcast_to(self.counts, (len(histories), len(self.counts))).copy()
