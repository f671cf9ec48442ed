"""Fusion of lexical and semantic scores: pure functions over score arrays.

Each function takes, per candidate, the score from each retriever (NaN where that retriever
did not score it) and returns one fused score per candidate; higher is better.
"""

from __future__ import annotations

import numpy as np


def ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of each score within its array (NaN ranks last)."""
    filled = np.where(np.isnan(scores), -np.inf, scores)
    order = np.argsort(-filled, kind="stable")
    out = np.empty(len(scores), dtype=np.int64)
    out[order] = np.arange(1, len(scores) + 1)
    return out


def reciprocal_rank_fusion(
    lexical: np.ndarray, semantic: np.ndarray, k: float = 60.0
) -> np.ndarray:
    """Plain RRF (Cormack et al. 2009): sum of 1 / (k + rank) over the retrievers that found it."""
    fused = np.zeros(len(lexical))
    for scores in (lexical, semantic):
        found = ~np.isnan(scores)
        fused[found] += 1.0 / (k + ranks(scores)[found])
    return fused


def min_max(scores: np.ndarray) -> np.ndarray:
    """Scale to [0, 1] over the candidates; NaN (not retrieved) maps to 0."""
    found = ~np.isnan(scores)
    out = np.zeros(len(scores))
    if not found.any():
        return out
    low, high = scores[found].min(), scores[found].max()
    out[found] = (scores[found] - low) / (high - low) if high > low else 1.0
    return out


def convex_combination(lexical: np.ndarray, semantic: np.ndarray, alpha: float = 0.5) -> np.ndarray:
    """alpha * semantic + (1 - alpha) * lexical after min-max scaling (Bruch et al. 2023)."""
    return alpha * min_max(semantic) + (1.0 - alpha) * min_max(lexical)


def theoretical_min_max(scores: np.ndarray, lower_bound: float) -> np.ndarray:
    """Scale to [0, 1] with the scoring function's own lower bound and the observed maximum.

    Unlike plain min-max, a query whose best match is weak keeps low scores instead of being
    stretched to 1 (Bruch et al. 2023, "TMM").
    """
    found = ~np.isnan(scores)
    out = np.zeros(len(scores))
    if not found.any():
        return out
    high = scores[found].max()
    out[found] = (scores[found] - lower_bound) / (high - lower_bound) if high > lower_bound else 0.0
    return out


def tm2c2(
    lexical: np.ndarray, semantic: np.ndarray, alpha: float = 0.5,
    lexical_floor: float = 0.0, semantic_floor: float = -1.0,
) -> np.ndarray:  # fmt: skip
    """Convex combination of theoretically min-max scaled scores (TM2C2, Bruch et al. 2023).

    BM25 is bounded below by 0 and cosine similarity by -1. With alpha 0.5 neither retriever is
    favoured: nothing here is fitted to an evaluation set.
    """
    return alpha * theoretical_min_max(semantic, semantic_floor) + (
        1.0 - alpha
    ) * theoretical_min_max(lexical, lexical_floor)
