"""The assistant's final scorer learns from real purchases: on a slice of the Scientific log, the
learned reranker puts the bought item higher than the search order does."""

from __future__ import annotations

import numpy as np
from rich.console import Console

from ranking.data import SequenceData
from ranking.rerank_bench import evaluate_rerank
from retrieval import Catalog, HybridSearcher
from tests.conftest import SLICE_ITEMS


def test_learned_reranker_beats_search_order(
    scientific_slice: tuple[Catalog, HybridSearcher, dict[str, list[int]]],
) -> None:
    _, searcher, log = scientific_slice
    users = list(log)
    keys = [str(i) for i in range(SLICE_ITEMS)]
    data = SequenceData("slice", tuple(users), tuple(keys), tuple(np.array(log[u]) for u in users))
    rows, in_pool, n, _ = evaluate_rerank(searcher, data, [f"scientific:{k}" for k in keys], Console(quiet=True),
                                          max_users=300, max_epochs=3)  # fmt: skip
    by_name = {r.method.split(" (")[0]: r for r in rows}
    assert n == len(users) and in_pool > 0.3
    assert by_name["learned reranker"].ndcg_10 > by_name["search only"].ndcg_10
