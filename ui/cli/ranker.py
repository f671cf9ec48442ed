"""The behavioral ranker from the command line: `shoptalk events import`, `train`, `experiments`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from retrieval import Retrieval
from ui.cli.common import settings_from
from ui.console import console

events_app = typer.Typer(help="Behaviour events: import logs.", no_args_is_help=True)
experiments_app = typer.Typer(
    help="A/B experiments: reports and offline replays.", no_args_is_help=True
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

    settings = settings_from()
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


def train(
    max_minutes: Annotated[float, typer.Option(help="Time budget for the sequential model")] = 8.0,
    text: Annotated[
        bool,
        typer.Option(
            help="Use the products' text vectors (--no-text: learn from behaviour alone, "
            "for a catalog whose titles say little)"
        ),
    ] = True,
) -> None:
    """Train the ranker on the stored events and publish a new version (servers load it live)."""
    from ranking.errors import RankingError
    from ranking.events import EventStore, make_engine
    from ranking.registry import ModelRegistry
    from ranking.training import train_ranker

    settings = settings_from()
    retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
    searcher = retrieval.searcher()
    store = EventStore(make_engine(settings.database()))
    registry = ModelRegistry(settings.home / "models" / "ranker")

    def show(epoch: dict) -> None:
        console.print(
            f"  epoch {epoch['epoch']}: loss {epoch['loss']:.3f}, validation NDCG@10 {epoch['valid_ndcg_10']:.4f}"
            f" (history bias {epoch['history_bias']:g})"
        )

    try:
        meta = train_ranker(
            searcher,
            store,
            registry,
            max_seconds=max_minutes * 60,
            use_text=text,
            progress=show,
            say=console.print,
        )
    except RankingError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    m, p = meta["test_metrics"], meta["popularity_test_metrics"]
    console.print(f"published ranker {meta['version']}: test NDCG@10 {m['ndcg_10']:.4f} "
                  f"(popularity {p['ndcg_10']:.4f}) on {meta['data']['users']} users")  # fmt: skip


def print_reports(reports: list[Any], title: str) -> None:
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

    settings = settings_from()
    store = EventStore(make_engine(settings.database()))
    counts = count_outcomes(store, name)
    if not counts:
        console.print(f"[red]error:[/] no exposures logged for experiment {name!r}")
        raise typer.Exit(2)
    control = next((e.arms[0].name for e in settings.experiments if e.name == name), None)
    reports = report(counts, control)
    print_reports(reports, f"experiment {name}")
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

    settings = settings_from()
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
    print_reports(
        reports, f"offline replay on {dataset} (click = the user's real next item in the top 10)"
    )
    if plot:
        plot_report(reports, plot, f"replay {control} vs {treatment} on {dataset}")
