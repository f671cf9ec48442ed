"""`shoptalk bench retrieval`: quality and latency of lexical, dense and hybrid search, side by side.

Quality: each labelled query's products are added to the demo store, which serves as
distractors, and every method ranks the whole catalog. Latency: hybrid search with and without
filters at the demo store's size and at a larger size made by replicating the catalog's vectors
with Gaussian noise (said in the output; the texts are repeated as they are).
"""

from __future__ import annotations

import csv
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from retrieval.catalog import Catalog, Product
from retrieval.config import RetrievalConfig
from retrieval.embedders import Embedder
from retrieval.filters import Filters
from retrieval.lexical import LexicalIndex
from retrieval.loaders import load_catalog, load_esci
from retrieval.metrics import ndcg_at_k, percentiles, recall_at_k, reciprocal_rank
from retrieval.search import HybridSearcher
from retrieval.semantic import SemanticIndex, chroma_client
from retrieval.service import Retrieval
from retrieval.store import CatalogDB, chroma_metadata, load_vectors, sync_index
from retrieval.text import lexical_text
from retrieval.vector_cache import VectorCache

K = 10

#: Filters used for the latency runs: a realistic mix of selective and broad constraints.
LATENCY_FILTERS = (
    Filters(max_price=Decimal(50)),
    Filters(departments=("Toys & Games",)),
    Filters(min_rating=4.5, max_price=Decimal(100)),
    Filters(departments=("Industrial & Scientific",)),
    Filters(departments=("Musical Instruments",), min_price=Decimal(100)),
    Filters(category="Industrial & Scientific > Lab"),
)


@dataclass(frozen=True)
class ScaleRow:
    """What building the large index cost: where it lives, time and memory."""

    products: int
    chroma: str
    vectors_s: float
    bm25_s: float
    chroma_server_peak_mb: float | None
    bench_process_peak_mb: float


@dataclass(frozen=True)
class QualityRow:
    method: str
    recall: float
    ndcg: float
    mrr: float


@dataclass(frozen=True)
class LatencyRow:
    products: int
    filtered: bool
    p50_ms: float
    p95_ms: float
    queries: int


def read_labelled_queries(path: Path) -> dict[str, set[str]]:
    """ESCI-format CSV -> {query text: ids of its Exact products} (ids as the ESCI loader makes them)."""
    labelled: dict[str, set[str]] = defaultdict(set)
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row.get("esci_label", "E") == "E":
                labelled[row["query"]].add(f"esci:{row['product_id'].strip()}")
    return dict(labelled)


def _build_searcher(
    catalog: Catalog,
    config: RetrievalConfig,
    embedder: Embedder,
    cache: VectorCache,
    folder: Path,
) -> HybridSearcher:
    """A searcher over `catalog` with its own Chroma folder (the scale test builds its own)."""
    shutil.rmtree(folder, ignore_errors=True)
    semantic = SemanticIndex(chroma_client(folder / "chroma"), "bench", embedder.name, embedder.dim)
    db = CatalogDB(folder / "catalog.sqlite")
    sync_index(catalog, db, cache, embedder, semantic)
    catalog, keys = db.load()  # in index order (grouped by department)
    vectors = load_vectors(cache, keys, embedder.dim)
    lexical = LexicalIndex([lexical_text(p) for p in catalog])
    return HybridSearcher(
        catalog, lexical, semantic, embedder, vectors, candidates=config.candidates,
        fusion=config.fusion, alpha=config.alpha,
    )  # fmt: skip


def quality(searcher: HybridSearcher, labelled: dict[str, set[str]]) -> list[QualityRow]:
    """Recall@10, NDCG@10 and MRR@10 for each method over the labelled queries."""
    methods: list[tuple[str, str, str]] = [
        ("BM25 (bm25s)", "lexical", searcher.fusion),
        ("dense (MiniLM + Chroma)", "semantic", searcher.fusion),
        ("hybrid, plain RRF (k=60)", "hybrid", "rrf"),
        ("hybrid, convex min-max (ShopTalk default)", "hybrid", "convex"),
        ("hybrid, TM2C2", "hybrid", "tm2c2"),
    ]
    rows = []
    default_fusion = searcher.fusion
    for name, mode, fusion in methods:
        searcher.fusion = fusion  # type: ignore[assignment]
        r, n, m = [], [], []
        for query, relevant in labelled.items():
            ranked = [h.product.id for h in searcher.search(query, k=K, mode=mode).hits]  # type: ignore[arg-type]
            r.append(recall_at_k(ranked, relevant, K))
            n.append(ndcg_at_k(ranked, relevant, K))
            m.append(reciprocal_rank(ranked, relevant, K))
        rows.append(QualityRow(name, float(np.mean(r)), float(np.mean(n)), float(np.mean(m))))
    searcher.fusion = default_fusion
    return rows


def latency(searcher: HybridSearcher, queries: list[str], rounds: int = 4) -> list[LatencyRow]:
    """Hybrid search p50/p95, unfiltered and filtered, interleaved so noise hits both alike."""
    for q in queries[:5]:
        searcher.search(q)
    plain, filtered = [], []
    for _ in range(rounds):
        for i, q in enumerate(queries):
            t = time.perf_counter()
            searcher.search(q)
            plain.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            searcher.search(q, LATENCY_FILTERS[i % len(LATENCY_FILTERS)])
            filtered.append((time.perf_counter() - t) * 1000)
    n = len(searcher.catalog)
    return [
        LatencyRow(n, False, *percentiles(plain), len(plain)),
        LatencyRow(n, True, *percentiles(filtered), len(filtered)),
    ]


def replicate(
    catalog: Catalog, vectors: np.ndarray, size: int, noise: float = 0.05
) -> tuple[Catalog, np.ndarray]:
    """A catalog of `size` products: the original plus copies whose vectors carry Gaussian noise."""
    rng = np.random.default_rng(0)
    products: list[Product] = list(catalog)
    rows = [vectors]
    copy = 0
    while len(products) < size:
        copy += 1
        take = min(len(catalog), size - len(products))
        products.extend(
            p.model_copy(update={"id": f"{p.id}#copy{copy}"}) for p in catalog.products[:take]
        )
        noisy = vectors[:take] + rng.normal(0, noise, size=(take, vectors.shape[1])).astype(
            np.float32
        )
        rows.append(noisy / np.linalg.norm(noisy, axis=1, keepdims=True))
    order = sorted(range(len(products)), key=lambda i: products[i].department)
    return Catalog([products[i] for i in order]), np.vstack(rows)[order].astype(np.float32)


def _upsert_with_progress(semantic: SemanticIndex, catalog: Catalog, vectors: np.ndarray) -> None:
    """Write every product's vector, showing how far the build is (a million takes a while)."""
    from ui.console import progress_bar

    chunk = 20_000
    with progress_bar("writing vectors to Chroma") as bar:
        advance = bar(len(catalog))
        for start in range(0, len(catalog), chunk):
            part = catalog.products[start : start + chunk]
            semantic.upsert([p.id for p in part], vectors[start : start + chunk],
                            [chroma_metadata(p) for p in part])  # fmt: skip
            advance(len(part))


@contextmanager
def local_chroma_server() -> Iterator[tuple[str, int]]:
    """A `chroma run` server on a free loopback port in a temporary folder: (URL, its pid)."""
    import socket

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    chroma = Path(sys.executable).parent / "chroma"
    with tempfile.TemporaryDirectory(prefix="shoptalk-chroma-") as folder:
        log = (Path(folder) / "server.log").open("w")
        proc = subprocess.Popen(
            [str(chroma), "run", "--path", f"{folder}/data", "--host", "127.0.0.1", "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 120
            while True:
                if proc.poll() is not None or time.time() > deadline:
                    raise RuntimeError(
                        f"chroma run did not start: {(Path(folder) / 'server.log').read_text()}"
                    )
                try:
                    if httpx.get(f"{url}/api/v2/heartbeat", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.3)
            yield url, proc.pid
        finally:
            proc.terminate()
            proc.wait(30)


class PeakMemory:
    """The peak resident memory of a process, sampled every second on a thread."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.process = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            self._stop.wait(1.0)

    def stop(self) -> float:
        """Stop sampling; the peak in MB."""
        self._stop.set()
        self._thread.join()
        return self.peak / 2**20


def scale_test(
    catalog: Catalog, vectors: np.ndarray, size: int, config: RetrievalConfig, embedder: Embedder,
    cache: VectorCache, folder: Path, queries: list[str], console: Console, server: bool,
) -> tuple[list[LatencyRow], ScaleRow]:  # fmt: skip
    """Latency at `size` products (noisy vector copies) on embedded Chroma, or on a Chroma server
    (the configured one, else a local `chroma run` this starts and whose memory it samples)."""
    console.print(f"scale test: {size} products, the demo store's vectors replicated with "
                  "Gaussian noise (sigma 0.05) and its texts repeated: not a real catalog")  # fmt: skip
    with console.status("replicating the catalog"):
        big_catalog, big_vectors = replicate(catalog, vectors, size)
    with _chroma_for_scale(server, config.chroma_url) as (url, pid):
        watch = PeakMemory(pid) if pid else None
        where = "embedded" if url is None else ("server (local chroma run)" if pid else "server")
        started = time.perf_counter()
        client = chroma_client(folder / "chroma", url)
        semantic = SemanticIndex(client, f"bench-scale-{size}", embedder.name, embedder.dim)
        _upsert_with_progress(semantic, big_catalog, big_vectors)
        vectors_s = time.perf_counter() - started
        console.print(f"vectors written in {vectors_s:.0f} s ({where})")
        started = time.perf_counter()
        with console.status("building BM25"):
            lexical = LexicalIndex([lexical_text(p) for p in big_catalog])
        bm25_s = time.perf_counter() - started
        big = HybridSearcher(
            big_catalog, lexical, semantic, embedder, big_vectors, candidates=config.candidates,
            fusion=config.fusion, alpha=config.alpha,
        )  # fmt: skip
        rows = latency(big, queries)
        peak = watch.stop() if watch else None
        if url is not None:
            client.delete_collection(f"bench-scale-{size}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    shutil.rmtree(folder, ignore_errors=True)
    return rows, ScaleRow(size, where, vectors_s, bm25_s, peak, own)


@contextmanager
def _chroma_for_scale(server: bool, configured: str | None) -> Iterator[tuple[str | None, int]]:
    if configured:
        yield configured, 0
    elif server:
        with local_chroma_server() as (url, pid):
            yield url, pid
    else:
        yield None, 0


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def run_retrieval_bench(
    config: RetrievalConfig,
    home: Path,
    data_dir: Path,
    queries_path: Path | None,
    scale: int,
    out: Path,
    console: Console,
    chroma_server: bool = False,
) -> dict[str, object]:
    """Run the whole benchmark, print its tables and write results.json and results.md to `out`."""
    queries_path = queries_path or data_dir / "esci-dev" / "esci_exact_dev.csv"
    retrieval = Retrieval(config, home, data_dir)
    store, _ = load_catalog(config.resolved_sources(data_dir))
    labelled_products = load_esci(queries_path).products
    catalog = Catalog([*store, *labelled_products])
    labelled = read_labelled_queries(queries_path)
    console.print(f"catalog: {len(store)} demo-store products + {len(labelled_products)} labelled "
                  f"products; {len(labelled)} queries from {queries_path}")  # fmt: skip
    embedder, cache = retrieval.embedder, retrieval.vector_cache
    work = home / "bench"
    started = time.perf_counter()
    searcher = _build_searcher(catalog, config, embedder, cache, work / "base")
    console.print(f"bench index built in {time.perf_counter() - started:.1f} s")
    quality_rows = quality(searcher, labelled)
    query_texts = list(labelled)
    latency_rows = latency(searcher, query_texts)
    scale_rows: list[ScaleRow] = []
    if scale > len(catalog):
        rows, built = scale_test(catalog, searcher.vectors, scale, config, embedder, cache,
                                 work / "scale", query_texts, console, chroma_server)  # fmt: skip
        latency_rows += rows
        scale_rows.append(built)

    table = Table(title=f"Retrieval quality on {queries_path.name} ({len(labelled)} queries, "
                  f"{len(catalog)} products)")  # fmt: skip
    for col in ("method", "Recall@10", "NDCG@10", "MRR@10"):
        table.add_column(col)
    for row in quality_rows:
        table.add_row(row.method, f"{row.recall:.3f}", f"{row.ndcg:.3f}", f"{row.mrr:.3f}")
    console.print(table)
    lat = Table(title="Hybrid search latency (ms, one process; Chroma as in the scale table)")
    for col in ("products", "filters", "p50", "p95", "queries"):
        lat.add_column(col)
    for lrow in latency_rows:
        lat.add_row(str(lrow.products), "yes" if lrow.filtered else "no", f"{lrow.p50_ms:.1f}",
                    f"{lrow.p95_ms:.1f}", str(lrow.queries))  # fmt: skip
    console.print(lat)
    if scale_rows:
        built_table = Table(title="Building the large index")
        for col in ("products", "Chroma", "vectors s", "BM25 s", "Chroma server peak MB",
                    "bench process peak MB"):  # fmt: skip
            built_table.add_column(col)
        for b in scale_rows:
            built_table.add_row(str(b.products), b.chroma, f"{b.vectors_s:.0f}", f"{b.bm25_s:.0f}",
                                _mb(b.chroma_server_peak_mb), _mb(b.bench_process_peak_mb))  # fmt: skip
        console.print(built_table)

    results: dict[str, object] = {
        "queries_file": str(queries_path),
        "catalog_products": len(catalog),
        "embedder": embedder.name,
        "config": config.model_dump(mode="json", exclude={"sources"}),
        "quality": [asdict(r) for r in quality_rows],
        "latency": [asdict(r) for r in latency_rows],
        "scale": [asdict(r) for r in scale_rows],
        "scale_note": "larger catalogs replicate the real vectors with Gaussian noise (sigma 0.05) "
        "and repeat the product texts",
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2))
    md = ["| method | Recall@10 | NDCG@10 | MRR@10 |", "|---|---|---|---|"]
    md += [f"| {r.method} | {r.recall:.3f} | {r.ndcg:.3f} | {r.mrr:.3f} |" for r in quality_rows]
    md += ["", "| products | filters | p50 ms | p95 ms | queries |", "|---|---|---|---|---|"]
    md += [f"| {r.products} | {'yes' if r.filtered else 'no'} | {r.p50_ms:.1f} | {r.p95_ms:.1f} | "
           f"{r.queries} |" for r in latency_rows]  # fmt: skip
    if scale_rows:
        md += ["", "| products | Chroma | vectors s | BM25 s | Chroma server peak MB | bench process peak MB |",
               "|---|---|---|---|---|---|"]  # fmt: skip
        md += [f"| {b.products} | {b.chroma} | {b.vectors_s:.0f} | {b.bm25_s:.0f} | "
               f"{_mb(b.chroma_server_peak_mb)} | {_mb(b.bench_process_peak_mb)} |" for b in scale_rows]  # fmt: skip
    (out / "results.md").write_text("\n".join(md) + "\n")
    console.print(f"results written to {out}/results.json and {out}/results.md")
    return results
