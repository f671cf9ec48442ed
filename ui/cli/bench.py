"""`shoptalk bench ...`: benchmarks that print tables and write results for the README."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer

from retrieval import Retrieval
from ui.cli.common import seed_demo_events, settings_from
from ui.console import console, progress_bar

bench_app = typer.Typer(help="Benchmarks that print tables and write results for the README.")


@bench_app.command("retrieval")
def bench_retrieval(
    queries: Annotated[
        Path | None, typer.Option(help="ESCI-format CSV of labelled queries")
    ] = None,
    scale: Annotated[
        int, typer.Option(help="Product count for the scale test (0: skip)")
    ] = 200_000,
    chroma_server: Annotated[
        bool,
        typer.Option(
            help="Build the scale index on a Chroma server: the configured one, else a "
            "local `chroma run` this starts, whose memory it reports"
        ),
    ] = False,
    out: Annotated[
        Path, typer.Option(help="Where to write the results (JSON and Markdown)")
    ] = Path("benchmarks/retrieval"),
    requests: Annotated[
        Path | None,
        typer.Option(help="A requests-dev folder (default: the bundled natural requests)"),
    ] = None,
    requests_only: Annotated[
        bool, typer.Option(help="Only the natural-request table (no ESCI, no latency)")
    ] = False,
    natural_requests: Annotated[
        bool, typer.Option(help="Run the natural-request table after the ESCI one")
    ] = True,
    llm: Annotated[
        bool, typer.Option(help="Read requests with the language model (starts/uses vLLM)")
    ] = True,
) -> None:
    """Quality (Recall/NDCG/MRR) and latency of BM25, dense and hybrid search, side by side;
    then natural requests (graded) through every method and the assistant's own path."""
    from assistant.bench_requests import run_requests_bench
    from assistant.server import open_llm
    from retrieval.bench import run_retrieval_bench
    from ui.services import build_services

    settings = settings_from()
    if not requests_only:
        run_retrieval_bench(
            settings.retrieval,
            settings.home,
            settings.data_dir,
            queries,
            scale,
            out,
            console,
            chroma_server,
        )
    if not natural_requests:
        return
    backend, server = (None, None)
    if llm:
        backend, server = open_llm(settings.llm, settings.home / "models", say=console.print)
    try:
        settings.database_url = f"sqlite:///{settings.home / 'bench' / 'requests.db'}"
        (settings.home / "bench").mkdir(parents=True, exist_ok=True)
        with console.status("opening the index"):
            services = build_services(settings, llm=backend, wait_multilingual=True)
        label = f"{settings.llm.size} model + words" if backend is not None else None
        run_requests_bench(
            services.chat, requests or settings.data_dir / "requests-dev", out, console, label
        )
    finally:
        if server is not None:
            server.stop()


@bench_app.command("reading")
def bench_reading(
    phrasings: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option(help="JSONL files of phrasings (default: every file in data/phrasings)"),
    ] = None,
    out: Annotated[Path, typer.Option(help="Where to write results")] = Path("benchmarks/reading"),
) -> None:
    """Requests as people type them: prices, ratings, ages, sizes, gifts, languages and products
    the store does not carry, read by the words-only path a chat turn starts with."""
    from assistant.bench_reading import run_reading_bench
    from ui.services import build_services

    settings = settings_from()
    paths = phrasings or sorted((settings.data_dir / "phrasings").glob("*.jsonl"))
    if not paths:
        raise typer.BadParameter(f"no phrasing files in {settings.data_dir / 'phrasings'}")
    settings.database_url = f"sqlite:///{settings.home / 'bench' / 'reading.db'}"
    (settings.home / "bench").mkdir(parents=True, exist_ok=True)
    with console.status("opening the index"):
        services = build_services(settings, llm=None, wait_multilingual=True)
    run_reading_bench(services.chat, paths, out, console)


@bench_app.command("rerank")
def bench_rerank(
    users: Annotated[int, typer.Option(help="Shoppers to evaluate")] = 3000,
    out: Annotated[Path, typer.Option(help="Where to write results")] = Path("benchmarks/rerank"),
) -> None:
    """What behaviour adds to search: the assistant's final scorer on real purchase sequences."""
    from ranking.rerank_bench import run_rerank_bench

    settings = settings_from()
    searcher = Retrieval(settings.retrieval, settings.home, settings.data_dir).searcher()
    run_rerank_bench(searcher, settings.data_dir, out, console, users)


@bench_app.command("ranker")
def bench_ranker(
    dataset: Annotated[
        list[str] | None,
        typer.Option(help="scientific, office, toys, or a sequence file (see README)"),
    ] = None,
    item_text: Annotated[
        Path | None, typer.Option(help="item<TAB>text[<TAB>category] for a sequence file")
    ] = None,
    recbole: Annotated[
        bool,
        typer.Option(help="Run RecBole's SASRec peer (own venv, 1-1.5 h a dataset on 2 cores)"),
    ] = True,
    reuse_peers: Annotated[
        bool, typer.Option(help="Reuse a RecBole run of the identical split")
    ] = False,
    text: Annotated[
        bool,
        typer.Option(
            help="Give the models the items' text (--no-text: ids only, as a store "
            "without item text)"
        ),
    ] = True,
    out: Annotated[Path, typer.Option(help="Where to write results")] = Path("benchmarks/ranker"),
) -> None:
    """Popularity, co-visitation, ALS, RecBole SASRec and ShopTalk's models, one protocol, one table."""
    from ranking.bench import run_dataset, write_results
    from ranking.data import builtin_dataset, load_sequence_file

    settings = settings_from()
    retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
    rows = []
    for name in dataset or ["scientific", "office"]:
        data = (builtin_dataset(name, settings.data_dir) if name in ("scientific", "office", "toys")
                else load_sequence_file(Path(name), Path(name).stem, item_text))  # fmt: skip
        vectors = None
        if not text:
            data = replace(data, item_text=None)
        if data.item_text is not None:
            with progress_bar(f"{data.name}: embedding item text") as bar:
                vectors, _ = retrieval.vector_cache.embed_cached(
                    retrieval.embedder, list(data.item_text), progress=bar
                )
        console.print(
            f"{data.name}: {data.n_items} items, {len(data.users)} users, {data.interactions} interactions"
        )
        rows += run_dataset(
            data, vectors, settings.home / "bench" / "ranker-peers", console, recbole, reuse_peers,
            label=data.name if text else f"{data.name} (ids)",
        )  # fmt: skip
    write_results(rows, out, console)


@bench_app.command("assistant")
def bench_assistant(
    conversations: Annotated[
        Optional[Path], typer.Option(help="JSONL of conversations (default: the bundled ones)")  # noqa: UP045
    ] = None,
    replay: Annotated[
        int, typer.Option(help="Conversations whose prompts are replayed straight to vLLM")
    ] = 10,
    first: Annotated[
        int,
        typer.Option(
            help="Only the first N conversations (0: all); see the README for a run's length"
        ),
    ] = 0,
    out: Annotated[Path, typer.Option(help="Where to write results")] = Path(
        "benchmarks/assistant"
    ),
) -> None:
    """Multi-turn conversations over the demo store: grounding, constraints, refinements, latency."""
    from assistant import bench
    from assistant.llm import VLLMBackend
    from assistant.server import open_llm
    from ui.services import build_services

    settings = settings_from()
    convs = bench.load_conversations(conversations or bench.CONVERSATIONS)
    convs = convs[:first] if first else convs
    backend, server = open_llm(settings.llm, settings.home / "models", say=console.print)
    if backend is None:
        raise typer.BadParameter(
            "the assistant benchmark needs a language model (SHOPTALK_LLM__BACKEND)"
        )
    recorder = bench.RecordingBackend(backend)
    settings.database_url = f"sqlite:///{settings.home / 'bench' / 'assistant.db'}"
    (settings.home / "bench").mkdir(parents=True, exist_ok=True)
    try:
        with console.status("opening the index"):
            services = build_services(settings, llm=recorder, wait_multilingual=True)
        direct = backend if isinstance(backend, VLLMBackend) else None
        turns = sum(len(c.turns) for c in convs)
        console.print(
            f"{len(convs)} conversations, {turns} turns, model {settings.llm.size} on {backend.name}"
        )
        results = bench.run(services.chat, recorder, convs, direct, replay, console)
        import os

        setup = f"{settings.llm.model_path or settings.llm.size} on {backend.name}, {os.cpu_count()} CPU cores"
        bench.write(bench.summarize(results), results, out, console, setup)
    finally:
        if server is not None:
            server.stop()


@bench_app.command("support")
def bench_support(
    scenarios: Annotated[
        Optional[Path], typer.Option(help="JSONL of agent scenarios (default: the bundled ones)")  # noqa: UP045
    ] = None,
    llm: Annotated[
        bool, typer.Option(help="Write with the language model (starts/uses vLLM)")
    ] = True,
    out: Annotated[Path, typer.Option(help="Where to write results")] = Path("benchmarks/support"),
) -> None:
    """Customer-service drafts on agent scenarios: references, proposals, echoes, templates."""
    import os

    from assistant import bench_support
    from assistant.server import open_llm
    from ui.services import build_services

    settings = settings_from()
    cases = bench_support.load_scenarios(scenarios or bench_support.SCENARIOS)
    backend, server = (
        open_llm(settings.llm, settings.home / "models", say=console.print) if llm else (None, None)
    )
    try:
        retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
        seed_demo_events(settings, retrieval)
        with console.status("opening the index"):
            services = build_services(settings, retrieval, llm=backend, wait_multilingual=True)
        rows = bench_support.run(services.chat, cases, console.print)
        model = (
            f"{settings.llm.model_path or settings.llm.size} on {backend.name}"
            if backend
            else "no model"
        )
        setup = f"{model}, {os.cpu_count()} CPU cores"
        bench_support.write(bench_support.summarize(rows), rows, out, setup, console.print)
    finally:
        if server is not None:
            server.stop()


@bench_app.command("embeddings")
def bench_embeddings(
    texts: Annotated[int, typer.Option(help="Product texts to embed per batch size")] = 512,
    out: Annotated[Path, typer.Option(help="Where to write results")] = Path(
        "benchmarks/embeddings"
    ),
) -> None:
    """/v1/embeddings over HTTP against raw sentence-transformers: throughput and single-query latency."""
    from retrieval.embedders import resolve_model_path
    from retrieval.text import embedding_text
    from ui.api import create_app
    from ui.bench_embeddings import run_embeddings_bench
    from ui.services import build_services

    settings = settings_from()
    settings.llm.backend = "none"
    retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
    services = build_services(settings, retrieval, wait_multilingual=True)
    catalog = services.searcher.catalog
    step = max(1, len(catalog) // texts)
    sample = [embedding_text(p) for p in catalog.products[::step][:texts]]
    queries = [p.title.split(",")[0][:40] for p in catalog.products[1::step][:200]]
    app = create_app(lambda: services, web=False)
    run_embeddings_bench(app, resolve_model_path(settings.retrieval.embedding_model), sample, queries,
                         settings.retrieval.embedding_max_tokens, out, console)  # fmt: skip


@bench_app.command("startup")
def bench_startup(
    size: Annotated[
        Optional[list[int]],  # noqa: UP045 - typer needs Optional here
        typer.Option(help="Event-log sizes (repeatable); default: the real log and 2,000,000"),
    ] = None,
    out: Annotated[Path, typer.Option(help="Where to write results")] = Path("benchmarks/startup"),
) -> None:
    """Start-up time of the live popularity and co-visitation state: a replay of the whole event
    log against the newest snapshot plus the events since, at the real log's size and larger."""
    from ranking.bench_startup import run_startup_bench

    settings = settings_from()
    retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
    with console.status("loading the demo catalog"):
        catalog, _ = retrieval.catalog_db.load()
    log_path = settings.data_dir / "amazon-scientific" / "Scientific.inter.json"
    work = settings.home / "bench"
    work.mkdir(parents=True, exist_ok=True)

    def whole_start(database_url: str) -> float:
        """A server's services built on this log (index, database, recommender, chat), timed."""
        import time

        from ui.services import build_services

        settings.database_url = database_url
        started = time.perf_counter()
        services = build_services(settings, retrieval)
        seconds = time.perf_counter() - started
        services.events.engine.dispose()
        return seconds

    run_startup_bench(catalog, log_path, size, work, out, console, whole_start)


@bench_app.command("load")
def bench_load(
    shoppers: Annotated[int, typer.Option(help="Simulated shoppers, each in its own thread")] = 16,
    seconds: Annotated[
        int, typer.Option(help="How long new turns start (running turns finish)")
    ] = 120,
    url: Annotated[
        Optional[str], typer.Option(help="A running ShopTalk; default: start `shoptalk serve` here")  # noqa: UP045
    ] = None,
    out: Annotated[Path, typer.Option(help="Where to write results")] = Path("benchmarks/load"),
) -> None:
    """Simulated shoppers holding multi-turn conversations against a real server: latency, errors, memory."""
    import subprocess
    import sys

    import httpx

    from assistant.server import open_llm
    from ui.bench_load import run_load

    proc = server = None
    if url is None:
        settings = settings_from()
        backend, server = open_llm(settings.llm, settings.home / "models", say=console.print)
        env = {
            **os.environ,
            "SHOPTALK_LIMITS__REQUESTS_PER_MINUTE": "1000000",
        }  # one address for all shoppers
        # the load runs on a copy of the demo database: it must not pollute it
        if settings.database_url is None:
            import sqlite3

            copy = settings.home / "bench" / "load.db"
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.unlink(missing_ok=True)
            with (
                sqlite3.connect(settings.home / "shoptalk.db") as src,
                sqlite3.connect(copy) as dst,
            ):
                src.backup(dst)
            env["SHOPTALK_DATABASE_URL"] = f"sqlite:///{copy}"
        if backend is not None and hasattr(backend, "base_url"):
            env["SHOPTALK_LLM__URL"] = backend.base_url
        port = settings.port + 17
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([str(Path(sys.executable).parent / "shoptalk"), "serve", "--port", str(port), "--no-sync"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        with console.status("starting the ShopTalk server"):
            for _ in range(600):
                try:
                    if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                import time

                time.sleep(0.5)
    try:
        run_load(url, proc.pid if proc else None, shoppers, seconds, out, console)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(30)
        if server is not None:
            server.stop()
