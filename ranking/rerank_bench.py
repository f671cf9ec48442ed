"""`shoptalk bench rerank`: what behaviour adds to search, on real purchase sequences.

The Amazon Scientific log (LC-Rec ids, the demo store's `scientific:<n>` products) is split
leave-one-out. For each shopper the query is the category name of the item they really bought
next; hybrid search over the whole demo store (Industrial & Scientific filter) gives 50
candidates; methods reorder them; the metric is where the bought item lands. The reranker
learns on the validation purchase and is scored on the test purchase.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from ranking.data import SequenceData, leave_one_out, load_lcrec
from ranking.models.base import TrainingData
from ranking.models.blend import shoptalk_ranker
from ranking.rerank import (
    Candidates,
    PersonalReranker,
    behaviour_at,
    fixed_blend,
    proxy_examples,
    rank_quality,
)
from retrieval.search import HybridSearcher


@dataclass(frozen=True)
class RerankRow:
    method: str
    recall_10: float
    ndcg_10: float
    mrr: float


def evaluate_rerank(
    searcher: HybridSearcher, data: SequenceData, catalog_ids: list[str], console: Console,
    max_users: int = 3000, max_epochs: int = 40,
) -> tuple[list[RerankRow], float, int, dict[str, object]]:  # fmt: skip
    """Train the behaviour model and the reranker on `data` (items = `catalog_ids`), score on test."""
    item_of = {pid: i for i, pid in enumerate(catalog_ids)}
    rows_of = np.array([searcher.catalog.position(pid) for pid in catalog_ids])
    split = leave_one_out(data)
    vectors = searcher.vectors[rows_of]
    training = TrainingData(
        data.n_items, list(split.train), vectors, split.histories("valid"), split.valid_target
    )
    blend = shoptalk_ranker(vectors, threads=2, max_epochs=max_epochs)
    with console.status("training the behaviour model (sequential + co-visitation + text)"):
        started = time.perf_counter()
        blend.fit(training)
    console.print(f"behaviour model trained in {time.perf_counter() - started:.0f} s")
    users = np.random.default_rng(0).permutation(len(split.eval_users))[:max_users]

    def examples(stage: str) -> list[tuple[Candidates, np.ndarray, int]]:
        return proxy_examples(
            searcher, split.histories(stage), split.targets(stage), users, rows_of, item_of
        )

    with console.status("searching: validation queries"):
        valid = examples("valid")
    reranker = PersonalReranker(blend)
    info = reranker.fit(valid)
    with console.status("searching: test queries"):
        test = examples("test")
    in_pool = float(np.mean([t in c.items for c, _, t in test]))

    parts = [behaviour_at(test, blend.components[n].score) for n in blend.parts]
    behaviour = [np.sum([part[i] for part in parts], axis=0) for i in range(len(test))]
    methods: dict[str, list[np.ndarray]] = {
        "search only (hybrid fused score)": [c.fused for c, _, _ in test],
        "behaviour only (ranker components)": behaviour,  # a crude baseline: the raw sum
        "fixed blend 0.5 / 0.5 (min-max)": [
            fixed_blend(c.fused, b) for (c, _, _), b in zip(test, behaviour, strict=True)
        ],
        "learned reranker (LambdaRank)": reranker.scores_many(test),
    }
    rows = [
        RerankRow(name, **asdict(rank_quality(scores, test))) for name, scores in methods.items()
    ]
    return rows, in_pool, len(test), info


def run_rerank_bench(
    searcher: HybridSearcher, data_dir: Path, out: Path, console: Console, max_users: int = 3000
) -> list[RerankRow]:
    """The benchmark on the Amazon Scientific log; prints a table, writes results.{json,md}."""
    folder = data_dir / "amazon-scientific"
    data = load_lcrec(
        folder / "Scientific.inter.json", folder / "Scientific.item.json", "Scientific"
    )
    ids = [f"scientific:{key}" for key in data.item_ids]
    rows, in_pool, users, info = evaluate_rerank(searcher, data, ids, console, max_users)
    table = Table(
        title=f"Reranking search results for {users} shoppers (bought item among the 50 candidates: {in_pool:.1%})"
    )
    for col in ("method", "Recall@10", "NDCG@10", "MRR"):
        table.add_column(col)
    for r in rows:
        table.add_row(r.method, f"{r.recall_10:.4f}", f"{r.ndcg_10:.4f}", f"{r.mrr:.4f}")
    console.print(table)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({"rows": [asdict(r) for r in rows], "in_pool": in_pool, "users": users,
                                                   "reranker": info}, indent=2))  # fmt: skip
    md = [f"Bought item among the 50 search candidates: {in_pool:.1%} of {users} shoppers.", "",
          "| method | Recall@10 | NDCG@10 | MRR |", "|---|---|---|---|"]  # fmt: skip
    md += [f"| {r.method} | {r.recall_10:.4f} | {r.ndcg_10:.4f} | {r.mrr:.4f} |" for r in rows]
    (out / "results.md").write_text("\n".join(md) + "\n")
    return rows
