"""`shoptalk bench embeddings`: /v1/embeddings through real HTTP (the OpenAI client, loopback)
against raw sentence-transformers on the same texts, in one run, interleaved; throughput for
batches of 1, 8 and 64 and the latency of a single short query."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

BATCHES = (1, 8, 64)


def throughput(embed: Callable[[list[str]], Any], texts: Sequence[str], batch: int) -> float:
    """Texts per second embedding `texts` in requests of `batch`."""
    started = time.perf_counter()
    for i in range(0, len(texts), batch):
        embed(list(texts[i : i + batch]))
    return len(texts) / (time.perf_counter() - started)


def latencies(embed: Callable[[list[str]], Any], queries: Sequence[str]) -> tuple[float, float]:
    times = []
    for q in queries:
        t = time.perf_counter()
        embed([q])
        times.append((time.perf_counter() - t) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def serve_in_thread(app: Any) -> tuple[str, Callable[[], None]]:
    import socket

    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.1)

    def stop() -> None:
        server.should_exit = True
        thread.join(10)

    return f"http://127.0.0.1:{port}", stop


def run_embeddings_bench(app: Any, model_path: Path, texts: Sequence[str], queries: Sequence[str],
                         max_tokens: int, out: Path, console: Console, rounds: int = 2) -> list[dict[str, Any]]:  # fmt: skip
    from openai import OpenAI
    from sentence_transformers import SentenceTransformer

    raw = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
    raw.max_seq_length = max_tokens
    base, stop = serve_in_thread(app)
    client = OpenAI(base_url=f"{base}/v1", api_key="local", max_retries=0)
    try:

        def api(batch: list[str]) -> Any:
            return client.embeddings.create(model="all-MiniLM-L6-v2", input=batch)

        def st(batch: list[str]) -> Any:
            return raw.encode(
                batch, batch_size=len(batch), normalize_embeddings=True, show_progress_bar=False
            )

        api(list(texts[:8]))  # warm both paths
        st(list(texts[:8]))
        rows = []
        for batch in BATCHES:
            n = texts[: 64 if batch == 1 else len(texts)]
            best = {"api": 0.0, "st": 0.0}
            for _ in range(
                rounds
            ):  # interleaved, best of rounds: noise on a shared machine only slows
                best["st"] = max(best["st"], throughput(st, n, batch))
                best["api"] = max(best["api"], throughput(api, n, batch))
            rows.append({"batch": batch, "texts": len(n), "api_texts_per_s": round(best["api"], 1),
                         "sentence_transformers_texts_per_s": round(best["st"], 1),
                         "ratio": round(best["api"] / best["st"], 2)})  # fmt: skip
            console.print(
                f"  batch {batch}: API {best['api']:.0f}/s, sentence-transformers {best['st']:.0f}/s"
            )
        api_p50, api_p95 = latencies(api, queries)
        st_p50, st_p95 = latencies(st, queries)
    finally:
        stop()
    table = Table(
        title="Embeddings: /v1/embeddings (HTTP, OpenAI client) vs raw sentence-transformers"
    )
    for col in ("batch", "texts", "API texts/s", "sentence-transformers texts/s", "API / raw"):
        table.add_column(col, justify="right")
    lines = [
        "| batch | texts | API texts/s | sentence-transformers texts/s | API / raw |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        cells = [
            str(r["batch"]),
            str(r["texts"]),
            str(r["api_texts_per_s"]),
            str(r["sentence_transformers_texts_per_s"]),
            str(r["ratio"]),
        ]
        table.add_row(*cells)
        lines.append("| " + " | ".join(cells) + " |")
    single = (f"Single short query ({len(queries)} queries): API p50 {api_p50:.1f} ms, p95 {api_p95:.1f} ms; "
              f"raw sentence-transformers p50 {st_p50:.1f} ms, p95 {st_p95:.1f} ms.")  # fmt: skip
    console.print(table)
    console.print(single)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.md").write_text("\n".join(lines) + f"\n\n{single}\n")
    (out / "results.json").write_text(json.dumps({"batches": rows, "single": {
        "api_p50_ms": api_p50, "api_p95_ms": api_p95, "st_p50_ms": st_p50, "st_p95_ms": st_p95}}, indent=2))  # fmt: skip
    return rows
