"""The assistant's final scorer learns from real purchases: on a slice of the Scientific log, the
learned reranker puts the bought item higher than the search order does."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from rich.console import Console

from ranking.data import SequenceData
from ranking.rerank_bench import evaluate_rerank
from retrieval import Catalog
from retrieval.embedders import Embedder
from tests.conftest import make_retrieval

ITEMS = 1000


def test_learned_reranker_beats_search_order(
    tmp_path: Path, data_dir: Path, onnx_embedder: Embedder, demo_catalog: Catalog
) -> None:
    catalog = Catalog(
        p for p in demo_catalog if p.source == "scientific" and int(p.id.split(":")[1]) < ITEMS
    )
    retrieval = make_retrieval(tmp_path, data_dir, onnx_embedder)
    retrieval.sync(catalog)
    searcher = retrieval.searcher()
    log = json.loads((data_dir / "amazon-scientific/Scientific.inter.json").read_text())
    users = [u for u, s in log.items() if all(i < ITEMS for i in s)]
    keys = [str(i) for i in range(ITEMS)]
    data = SequenceData("slice", tuple(users), tuple(keys), tuple(np.array(log[u]) for u in users))
    rows, in_pool, n, _ = evaluate_rerank(searcher, data, [f"scientific:{k}" for k in keys], Console(quiet=True),
                                          max_users=300, max_epochs=3)  # fmt: skip
    by_name = {r.method.split(" (")[0]: r for r in rows}
    assert n == len(users) and in_pool > 0.3
    assert by_name["learned reranker"].ndcg_10 > by_name["search only"].ndcg_10
