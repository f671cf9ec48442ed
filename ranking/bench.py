"""`shoptalk bench ranker`: every model and every peer through one evaluation, side by side.

Per dataset: popularity, co-visitation, recent behaviour (what the service serves before a ranker
is trained), implicit ALS, text similarity (where items have text),
ShopTalk's sequential model, ShopTalk's ranker (the learned blend of those) and RecBole SASRec
(own environment). Every ShopTalk model runs on every log, item text or not. Quality from
`ranking.evaluation` on the test stage; training time; latency of one request (k=10) measured
one user at a time.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from ranking.data import SequenceData, leave_one_out
from ranking.evaluation import Metrics, metrics_from_lists, rank_lists
from ranking.models.base import Recommender, TrainingData
from ranking.models.blend import shoptalk_ranker
from ranking.models.popularity import Popularity
from ranking.models.recent import RecentBehaviour
from ranking.peers.als import ImplicitALS


@dataclass(frozen=True)
class Row:
    dataset: str
    model: str
    metrics: Metrics
    train_seconds: float
    p50_ms: float
    p95_ms: float
    note: str = ""


def request_latency(
    model: Recommender, histories: list[np.ndarray], n: int = 200
) -> tuple[float, float]:
    """p50/p95 of one recommend(k=10) call, one user at a time."""
    rng = np.random.default_rng(0)
    picks = rng.choice(len(histories), size=min(n, len(histories)), replace=False)
    model.recommend(histories[int(picks[0])], k=10)
    times = []
    for i in picks:
        t = time.perf_counter()
        model.recommend(histories[int(i)], k=10)
        times.append((time.perf_counter() - t) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def run_dataset(
    data: SequenceData, item_vectors: np.ndarray | None, peers_dir: Path, console: Console,
    recbole: bool = True, reuse_peers: bool = False, label: str | None = None,
) -> list[Row]:  # fmt: skip
    """Every model on one log; `label` names the dataset in the table (default: its name)."""
    name = label or data.name
    split = leave_one_out(data)
    training = TrainingData(
        data.n_items, list(split.train), item_vectors, split.histories("valid"), split.valid_target
    )
    test_histories = split.histories("test")
    rows: list[Row] = []
    blend = shoptalk_ranker(item_vectors, threads=2)
    # every component alone, then the blend over the same fitted components
    parts = blend.components
    models: list[Recommender] = [Popularity(), parts["covis"], RecentBehaviour(), ImplicitALS(),
                                 *([parts["text"]] if "text" in parts else []), parts["seq"]]  # fmt: skip
    for model in models:
        with console.status(f"{name}: training {model.name}"):
            info = model.fit(training)
        metrics = metrics_from_lists(split, rank_lists(model.score, split))
        p50, p95 = request_latency(model, test_histories)
        rows.append(Row(name, model.name, metrics, float(info.get("seconds", 0.0)), p50, p95))
        console.print(
            f"  {name} {model.name}: NDCG@10 {metrics.ndcg_10:.4f} ({info.get('seconds', 0):.0f} s)"
        )
    with console.status(f"{name}: learning the blend"):
        info = blend.fit(training, fit_components=False)
    metrics = metrics_from_lists(split, rank_lists(blend.score, split))
    p50, p95 = request_latency(blend, test_histories)
    seq_seconds = next(r.train_seconds for r in rows if r.model == blend.components["seq"].name)
    rows.append(Row(name, blend.name, metrics, seq_seconds + info["seconds"], p50, p95,
                    " + ".join(blend.parts) + ", LambdaRank on validation"))  # fmt: skip
    console.print(f"  {name} {blend.name}: NDCG@10 {metrics.ndcg_10:.4f}")
    if recbole:
        from ranking.peers.recbole_peer import cached_or_run

        log = peers_dir / f"{data.name}-recbole.log"
        with console.status(
            f"{name}: RecBole SASRec (own venv; 1-1.5 h on 2 cores; epochs in {log})"
        ):
            lists, info, reused = cached_or_run(split, peers_dir, reuse=reuse_peers)
        metrics = metrics_from_lists(split, lists)
        rows.append(Row(name, "RecBole SASRec", metrics, info["train_seconds"], info["ms_per_user"],
                        info["ms_per_user"], "reused from an earlier run of this split" if reused else ""))  # fmt: skip
        console.print(f"  {name} RecBole SASRec: NDCG@10 {metrics.ndcg_10:.4f}")
    return rows


def write_results(rows: list[Row], out: Path, console: Console) -> None:
    table = Table(title="Ranker benchmark (test stage, full ranking, leave-one-out)")
    cols = (
        "dataset",
        "model",
        "R@10",
        "N@10",
        "R@20",
        "N@20",
        "MRR",
        "cold N@10",
        "cov@10",
        "div@10",
        "train s",
        "p95 ms",
    )
    for c in cols:
        table.add_column(c)
    md = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for r in rows:
        m = r.metrics
        cells = [r.dataset, r.model, f"{m.recall_10:.4f}", f"{m.ndcg_10:.4f}", f"{m.recall_20:.4f}", f"{m.ndcg_20:.4f}",
                 f"{m.mrr:.4f}", f"{m.cold_ndcg_10:.4f}", f"{m.coverage_10:.3f}", f"{m.diversity_10:.3f}",
                 f"{r.train_seconds:.0f}", f"{r.p95_ms:.1f}"]  # fmt: skip
        table.add_row(*cells)
        md.append("| " + " | ".join(cells) + " |")
    console.print(table)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(
        json.dumps([{**asdict(r), "metrics": asdict(r.metrics)} for r in rows], indent=2)
    )
    (out / "results.md").write_text("\n".join(md) + "\n")
    plot(rows, out / "ndcg.png")
    console.print(f"results written to {out}/results.json, results.md and ndcg.png")


def plot(rows: list[Row], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    datasets = list(dict.fromkeys(r.dataset for r in rows))
    fig, axes = plt.subplots(1, len(datasets), figsize=(6 * len(datasets), 4), squeeze=False)
    for ax, name in zip(axes[0], datasets, strict=True):
        sub = [r for r in rows if r.dataset == name]
        x = np.arange(len(sub))
        ax.bar(x - 0.2, [r.metrics.ndcg_10 for r in sub], 0.4, label="NDCG@10 (all)")
        ax.bar(x + 0.2, [r.metrics.cold_ndcg_10 for r in sub], 0.4, label="NDCG@10 (cold items)")
        ax.set_xticks(x, [r.model for r in sub], rotation=30, ha="right", fontsize=8)
        ax.set_title(name)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
