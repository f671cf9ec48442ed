"""Natural shopper requests with graded relevance (`data/requests-dev`): how well each retrieval
method, and the assistant's own path (understanding + retrieval + need fit: the order its cards
are drawn from), rank the demo store for requests phrased as people phrase them.

NDCG@10 uses gains 2^g - 1 and the ideal from every judged product; P@5 counts grade >= 2;
judged@10 is the share of the top 10 that was judged at all (unjudged products count as not
relevant, so a low judged@10 makes a score a lower bound). The cards a shopper sees are the top 5
of the assistant's list: NDCG@5 and P@5 of those are reported too.

`translations.jsonl` (when the folder has it) holds the same requests in other languages, graded
by the English request's judgments: each is run through the default search as typed, the same
search with the English dense model forced, and the assistant's path, so a request in Spanish or
Chinese is measured against what its English original finds."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from assistant.pipeline import ChatPipeline
from assistant.state import ConversationState, advance
from retrieval.metrics import graded_ndcg_at_k, judged_at_k, precision_at_k
from retrieval.search import HybridSearcher

K = 10
CARDS = 5


@dataclass(frozen=True)
class Request:
    id: str
    text: str
    grades: dict[str, int]


@dataclass(frozen=True)
class RequestRow:
    method: str
    ndcg10: float
    p5: float
    judged10: float
    ndcg5: float
    requests: int


def load_requests(folder: Path) -> list[Request]:
    """`requests.jsonl` + `qrels.csv` of a requests-dev folder."""
    grades: dict[str, dict[str, int]] = defaultdict(dict)
    with (folder / "qrels.csv").open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            grades[row["query_id"]][row["product_id"]] = int(row["grade"])
    out = []
    for line in (folder / "requests.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out.append(Request(item["id"], item["request"], dict(grades[item["id"]])))
    return out


def load_translations(folder: Path, english: Sequence[Request]) -> dict[str, list[Request]]:
    """`translations.jsonl` of a requests-dev folder: language -> requests with the grades of
    the English request of the same id (empty when the folder has no translations)."""
    path = folder / "translations.jsonl"
    if not path.is_file():
        return {}
    grades = {r.id: r.grades for r in english}
    out: dict[str, list[Request]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            out[item["lang"]].append(Request(item["id"], item["request"], grades[item["id"]]))
    return dict(out)


def _row(method: str, ranked: Sequence[list[str]], requests: Sequence[Request]) -> RequestRow:
    def mean(f: Callable[[list[str], Request], float]) -> float:
        return round(float(np.mean([f(r, q) for r, q in zip(ranked, requests, strict=True)])), 4)

    return RequestRow(
        method=method,
        ndcg10=mean(lambda r, q: graded_ndcg_at_k(r, q.grades, K)),
        p5=mean(lambda r, q: precision_at_k(r, q.grades, CARDS)),
        judged10=mean(lambda r, q: judged_at_k(r, q.grades, K)),
        ndcg5=mean(lambda r, q: graded_ndcg_at_k(r, q.grades, CARDS)),
        requests=len(requests),
    )


def search_ranking(
    searcher: HybridSearcher, text: str, mode: str, fusion: str | None = None,
    language: str | None = None,
) -> list[str]:  # fmt: skip
    """One retrieval method's top K ids for the request as typed ("en" forces the English model)."""
    before = searcher.fusion
    try:
        if fusion:
            searcher.fusion = fusion  # type: ignore[assignment]
        hits = searcher.search(text, k=K, mode=mode, language=language).hits  # type: ignore[arg-type]
        return [h.product.id for h in hits]
    finally:
        searcher.fusion = before


def assistant_ranking(pipeline: ChatPipeline, text: str) -> list[str]:
    """The assistant's ordered list for a new request: read, state, find (no shopper history)."""
    reading = pipeline.read(text)
    state = advance(ConversationState(), reading.query, pipeline.catalog)
    return [h.product.id for h in pipeline.find(state, k=K).hits]


def run_requests_bench(
    pipeline: ChatPipeline, folder: Path, out: Path, console: Console, model_label: str | None
) -> list[RequestRow]:
    """Every method on every request; a table, per-request assistant scores, results on disk."""
    requests = load_requests(folder)
    searcher = pipeline.searcher
    methods: list[tuple[str, Callable[[str], list[str]]]] = [
        ("BM25 (request as typed)", lambda t: search_ranking(searcher, t, "lexical")),
        ("dense (request as typed)", lambda t: search_ranking(searcher, t, "semantic")),
        # Any language code but "en" routes a query to the multilingual channel: here it measures
        # that model on the English requests, beside MiniLM.
        (
            "dense, multilingual model (e5 over titles)",
            lambda t: search_ranking(searcher, t, "semantic", language="xx"),
        ),
        ("hybrid RRF", lambda t: search_ranking(searcher, t, "hybrid", "rrf")),
        ("hybrid convex", lambda t: search_ranking(searcher, t, "hybrid", "convex")),
        ("hybrid TM2C2", lambda t: search_ranking(searcher, t, "hybrid", "tm2c2")),
    ]
    label = f"assistant path ({model_label or 'words only, no model'})"
    methods.append((label, lambda t: assistant_ranking(pipeline, t)))
    runs: list[tuple[str, Callable[[str], list[str]], list[Request]]] = [
        (name, rank, requests) for name, rank in methods
    ]
    for lang, translated in load_translations(folder, requests).items():
        runs += [
            (f"{lang}: hybrid, English model only",
             lambda t: search_ranking(searcher, t, "hybrid", language="en"), translated),
            (f"{lang}: hybrid (default: multilingual model for other languages)",
             lambda t: search_ranking(searcher, t, "hybrid"), translated),
            (f"{lang}: {label}", lambda t: assistant_ranking(pipeline, t), translated),
        ]  # fmt: skip
    rows = []
    per_request: dict[str, list[float]] = {}
    rankings: dict[str, dict[str, list[str]]] = {}
    for name, rank, asked in runs:
        ranked = []
        for i, request in enumerate(asked, start=1):
            ranked.append(rank(request.text))
            if i % 10 == 0:
                console.print(f"  {name}: {i}/{len(asked)} requests", highlight=False)
        rows.append(_row(name, ranked, asked))
        per_request[name] = [
            graded_ndcg_at_k(r, q.grades, K) for r, q in zip(ranked, asked, strict=True)
        ]
        rankings[name] = {q.id: r for r, q in zip(ranked, asked, strict=True)}
    table = Table(title=f"Natural requests ({len(requests)} and their translations, graded 0-3): "
                  f"{folder}")  # fmt: skip
    for col in ("method", "NDCG@10", "P@5", "judged@10", "NDCG@5 (cards)"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            r.method, f"{r.ndcg10:.3f}", f"{r.p5:.3f}", f"{r.judged10:.2f}", f"{r.ndcg5:.3f}"
        )
    console.print(table)
    worst = sorted(zip(per_request[label], requests, strict=True), key=lambda x: x[0])[:8]
    console.print("Lowest assistant-path NDCG@10:")
    for score, request in worst:
        console.print(f"  {score:.3f}  {request.id}  {request.text}", highlight=False)
    out.mkdir(parents=True, exist_ok=True)
    (out / "requests.json").write_text(json.dumps({
        "requests": len(requests), "rows": [asdict(r) for r in rows],
        "per_request": {name: dict(zip([q.id for q in asked], per_request[name], strict=True))
                        for name, _, asked in runs},
        # Each method's top 10 per request: where judged@10 is low, the unjudged products to
        # judge (data/requests-dev/README.md says how judgments are extended).
        "rankings": rankings,
    }, indent=2))  # fmt: skip
    lines = ["| method | NDCG@10 | P@5 | judged@10 | NDCG@5 (cards) |", "|---|---|---|---|---|"]
    lines += [
        f"| {r.method} | {r.ndcg10:.3f} | {r.p5:.3f} | {r.judged10:.2f} | {r.ndcg5:.3f} |"
        for r in rows
    ]
    (out / "requests.md").write_text("\n".join(lines) + "\n")
    return rows
