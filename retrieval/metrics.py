"""Ranking-quality metrics with binary relevance: pure functions, shared by every benchmark."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence

import numpy as np


def recall_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Share of the relevant items found in the first k."""
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & set(relevant)) / len(relevant)


def ndcg_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Normalised discounted cumulative gain at k (binary gains)."""
    dcg = sum(1.0 / math.log2(i + 2) for i, item in enumerate(ranked[:k]) if item in relevant)
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def graded_ndcg_at_k(ranked: Sequence[str], grades: dict[str, int], k: int) -> float:
    """NDCG@k with graded relevance (gain 2^g - 1); the ideal is drawn from every judged item."""
    dcg = sum(
        (2 ** grades.get(item, 0) - 1) / math.log2(i + 2) for i, item in enumerate(ranked[:k])
    )
    best = sorted(grades.values(), reverse=True)[:k]
    ideal = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(best))
    return dcg / ideal if ideal else 0.0


def precision_at_k(
    ranked: Sequence[str], grades: dict[str, int], k: int, min_grade: int = 2
) -> float:
    """Share of the first k with a grade of at least `min_grade` (unjudged count as not relevant)."""
    return sum(grades.get(item, 0) >= min_grade for item in ranked[:k]) / k


def judged_at_k(ranked: Sequence[str], grades: dict[str, int], k: int) -> float:
    """Share of the first k that were judged at all (low values make the scores a lower bound)."""
    return sum(item in grades for item in ranked[:k]) / max(1, min(k, len(ranked)))


def reciprocal_rank(
    ranked: Sequence[str], relevant: Collection[str], k: int | None = None
) -> float:
    """1 / rank of the first relevant item within the first k (0 when none)."""
    for i, item in enumerate(ranked[:k] if k else ranked):
        if item in relevant:
            return 1.0 / (i + 1)
    return 0.0


def percentiles(samples_ms: Sequence[float]) -> tuple[float, float]:
    """p50 and p95 of a list of latencies."""
    values = np.asarray(samples_ms, dtype=float)
    return float(np.percentile(values, 50)), float(np.percentile(values, 95))
