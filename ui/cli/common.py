"""What the commands share: settings with --source catalogs, syncing the index, the demo events."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from retrieval import CatalogSource, Retrieval
from ui.console import console, print_load_reports, progress_bar
from ui.settings import Settings


def settings_from(sources: list[str] | None = None) -> Settings:
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


def sync_index(retrieval: Retrieval, delete_removed: bool = True) -> None:
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


def seed_demo_events(settings: Settings, retrieval: Retrieval) -> None:
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
