"""Recent behaviour: what the service serves before a ranker is trained (and to an experiment's
baseline arm). The last three items a shopper wanted each point to what other shoppers wanted
right after them (newest counts most), to items whose text is close to them, and a little
popularity breaks ties.

One implementation, served and measured: the service reads the live counts (moved by every event,
time-decayed, shared across replicas in Redis when configured); `fit` builds the same counts from a
log's sequences so `shoptalk bench ranker` evaluates exactly this scorer.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any, Protocol

import numpy as np

from ranking.errors import ModelNotTrainedError
from ranking.models.base import Recommender, TrainingData


class Counts(Protocol):
    """Per item: (decayed) popularity, and how often each item came right after it."""

    @property
    def popularity(self) -> np.ndarray: ...

    @property
    def after(self) -> Mapping[int, Counter[int]]: ...


class LogCounts:
    """`Counts` added up from a log's sequences (one step = one "came next")."""

    def __init__(self, sequences: list[np.ndarray], n_items: int) -> None:
        self.popularity = np.zeros(n_items)
        self.after: defaultdict[int, Counter[int]] = defaultdict(Counter)
        for seq in sequences:
            np.add.at(self.popularity, seq, 1.0)
            for previous, item in zip(seq[:-1].tolist(), seq[1:].tolist(), strict=True):
                if previous != item:
                    self.after[previous][item] += 1


class RecentBehaviour(Recommender):
    """See the module docstring. `vectors`: unit item text vectors (None: no text term)."""

    name = "recent-behaviour"

    def __init__(
        self, vectors: np.ndarray | None = None, counts: Counts | None = None, recent: int = 3,
        popularity_weight: float = 0.05, text_weight: float = 0.5,
    ) -> None:  # fmt: skip
        self.vectors = vectors
        self.counts = counts
        self.recent = recent
        self.popularity_weight = popularity_weight
        self.text_weight = text_weight

    def fit(self, data: TrainingData) -> dict[str, Any]:
        started = time.perf_counter()
        self.counts = LogCounts(data.sequences, data.n_items)
        self.vectors = data.item_vectors
        return {"seconds": time.perf_counter() - started}

    def score(self, histories: list[np.ndarray]) -> np.ndarray:
        if self.counts is None:
            raise ModelNotTrainedError(
                "recent behaviour has no counts: fit it or give the live ones"
            )
        pop = np.log1p(np.asarray(self.counts.popularity, dtype=np.float64))
        base = self.popularity_weight * pop / (pop.max() or 1.0)
        out = np.repeat(base[None], len(histories), axis=0)
        after = self.counts.after
        for scores, history in zip(out, histories, strict=True):
            for age, row in enumerate(np.asarray(history)[::-1][: self.recent].tolist()):
                for nxt, count in after.get(row, {}).items():
                    scores[nxt] += math.log1p(count) / (age + 1)
                if self.vectors is not None:
                    similar = np.clip(self.vectors @ self.vectors[row], 0, None)
                    scores += self.text_weight / (age + 1) * similar
        return out
