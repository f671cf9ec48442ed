"""The one evaluation protocol for every model and every peer.

Leave-one-out (see `ranking.data.leave_one_out`), full ranking over all items (no sampled
negatives), history items not masked (as RecBole does for sequential models). A model is
evaluated through its scores; a peer that runs elsewhere hands over target ranks and top-k lists
(`RankedLists`) and is measured by the same functions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ranking.data import Split

COLD_MAX_TRAIN_INTERACTIONS = 5


@dataclass(frozen=True)
class RankedLists:
    """Per evaluated user: the target's rank (1 = best) and the top-k item lists."""

    ranks: np.ndarray  # float, ties split evenly
    top: np.ndarray  # (users, k) item ids


@dataclass(frozen=True)
class Metrics:
    recall_10: float
    recall_20: float
    ndcg_10: float
    ndcg_20: float
    mrr: float
    coverage_10: float
    diversity_10: float
    cold_users: int
    cold_recall_10: float
    cold_ndcg_10: float
    users: int


def target_ranks(scores: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Rank of each row's target among all items; ties count half (neither optimistic nor pessimistic)."""
    target_scores = scores[np.arange(len(targets)), targets][:, None]
    greater = (scores > target_scores).sum(axis=1)
    ties = (scores == target_scores).sum(axis=1) - 1
    return 1.0 + greater + ties / 2.0


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(scores, part, axis=1), axis=1, kind="stable")
    return np.take_along_axis(part, order, axis=1)


def hit_rate(ranks: np.ndarray, k: int) -> float:
    return float(np.mean(ranks <= k)) if len(ranks) else 0.0


def ndcg(ranks: np.ndarray, k: int) -> float:
    if not len(ranks):
        return 0.0
    return float(np.mean(np.where(ranks <= k, 1.0 / np.log2(ranks + 1.0), 0.0)))


def intra_list_diversity(top: np.ndarray, category: Sequence[str] | None) -> float:
    """Mean share of item pairs in a list whose categories differ (0 when categories are unknown)."""
    if category is None or top.size == 0:
        return 0.0
    codes = {c: i for i, c in enumerate(sorted(set(category)))}
    cat = np.array([codes[c] for c in category])[top]
    same = (cat[:, :, None] == cat[:, None, :]).sum(axis=(1, 2)) - top.shape[1]
    pairs = top.shape[1] * (top.shape[1] - 1)
    return float(np.mean(1.0 - same / pairs))


def metrics_from_lists(split: Split, lists: RankedLists, stage: str = "test") -> Metrics:
    """All metrics from target ranks and top lists (any model, any peer)."""
    ranks = lists.ranks
    targets = split.targets(stage)
    cold = split.train_counts[targets] <= COLD_MAX_TRAIN_INTERACTIONS
    top10 = lists.top[:, :10]
    return Metrics(
        recall_10=hit_rate(ranks, 10),
        recall_20=hit_rate(ranks, 20),
        ndcg_10=ndcg(ranks, 10),
        ndcg_20=ndcg(ranks, 20),
        mrr=float(np.mean(1.0 / ranks)),
        coverage_10=len(np.unique(top10)) / split.data.n_items,
        diversity_10=intra_list_diversity(top10, split.data.item_category),
        cold_users=int(cold.sum()),
        cold_recall_10=hit_rate(ranks[cold], 10),
        cold_ndcg_10=ndcg(ranks[cold], 10),
        users=len(ranks),
    )


ScoreFn = Callable[[list[np.ndarray]], np.ndarray]


def rank_lists(
    score: ScoreFn, split: Split, stage: str = "test", batch: int = 512, k: int = 20
) -> RankedLists:
    """Score every evaluated user's history in batches and keep ranks and top-k."""
    histories = split.histories(stage)
    targets = split.targets(stage)
    ranks, tops = [], []
    for start in range(0, len(histories), batch):
        scores = np.asarray(score(histories[start : start + batch]), dtype=np.float64)
        ranks.append(target_ranks(scores, targets[start : start + batch]))
        tops.append(top_k(scores, k))
    return RankedLists(np.concatenate(ranks), np.concatenate(tops))


def evaluate(score: ScoreFn, split: Split, stage: str = "test") -> tuple[Metrics, float]:
    """Metrics of a scoring function, and its mean scoring time per user in ms."""
    started = time.perf_counter()
    lists = rank_lists(score, split, stage)
    per_user_ms = (time.perf_counter() - started) * 1000 / max(1, len(lists.ranks))
    return metrics_from_lists(split, lists, stage), per_user_ms
