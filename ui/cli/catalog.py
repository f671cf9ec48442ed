"""`shoptalk catalog ...`: load, check and index catalogs."""

from __future__ import annotations

from typing import Annotated

import typer

from retrieval import Retrieval, RetrievalError
from ui.cli.common import SourceOpt, settings_from, sync_index
from ui.console import console, print_load_reports, progress_bar
from ui.settings import Settings

catalog_app = typer.Typer(help="Load, check and index catalogs.", no_args_is_help=True)


@catalog_app.command("sync")
def catalog_sync(
    source: SourceOpt = None,
    keep_removed: Annotated[bool, typer.Option(help="Keep products that left the files")] = False,
    multilingual: Annotated[
        bool,
        typer.Option(
            help="Also embed the titles for requests in other languages now (else `serve` does "
            "it in the background)"
        ),
    ] = False,
) -> None:
    """Load the catalog files and bring the index in step (only changed products are embedded)."""
    settings = settings_from(source)
    retrieval = Retrieval(settings.retrieval, settings.home, settings.data_dir)
    try:
        sync_index(retrieval, not keep_removed)
        announce_catalog(settings, retrieval)
        if multilingual:
            with progress_bar("embedding titles (multilingual)") as bar:
                retrieval.build_multilingual(retrieval.searcher(), bar)
            console.print("[green]multilingual channel in step[/]")
    except RetrievalError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


def announce_catalog(settings: Settings, retrieval: Retrieval) -> None:
    """Tell running servers on this database that the catalog changed: they follow within
    seconds (ui/catalog_sync.py)."""
    from ranking.events import make_engine
    from ui.catalog_sync import CatalogVersions

    engine = make_engine(settings.database())
    try:
        version = CatalogVersions(engine).publish(retrieval.catalog_db.count())
    finally:
        engine.dispose()
    console.print(f"catalog version {version} published: running servers on this database follow")


@catalog_app.command("check")
def catalog_check(source: SourceOpt = None) -> None:
    """Load catalog files and report every rejected row, without indexing anything."""
    settings = settings_from(source)
    try:
        _, reports = Retrieval(settings.retrieval, settings.home, settings.data_dir).load_sources()
    except RetrievalError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None
    print_load_reports(reports, show_errors=50)
    if any(r.errors for r in reports):
        raise typer.Exit(1)
