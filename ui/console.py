"""Terminal helpers: progress bars and product tables (rich)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from retrieval import LoadReport, SearchResult

console = Console(soft_wrap=True)

ProgressFactory = Callable[[int], Callable[[int], None]]


@contextmanager
def progress_bar(description: str) -> Iterator[ProgressFactory]:
    """A factory that opens a bar of `total` steps and returns its advance callback."""
    with Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console, transient=False,
    ) as bar:  # fmt: skip

        def factory(total: int) -> Callable[[int], None]:
            task = bar.add_task(description, total=total)
            return lambda done: bar.advance(task, done)

        yield factory


def print_load_reports(reports: list[LoadReport], show_errors: int = 5) -> None:
    for report in reports:
        console.print(report.summary())
        for error in report.errors[:show_errors]:
            console.print(f"  [yellow]rejected[/] {error}")
        if len(report.errors) > show_errors:
            console.print(f"  … and {len(report.errors) - show_errors} more")


def search_table(result: SearchResult) -> Table:
    table = Table(title=f"{result.query!r}: {len(result.hits)} of {result.matching} matching products "
                  f"({result.took_ms:.0f} ms)")  # fmt: skip
    for name in ("#", "product", "department", "price", "rating", "why"):
        table.add_column(name, overflow="fold")
    for hit in result.hits:
        p, parts = hit.product, hit.parts
        why = []
        if parts.lexical_rank:
            why.append(f"words #{parts.lexical_rank}")
        if parts.semantic_rank:
            why.append(f"meaning #{parts.semantic_rank}")
        table.add_row(
            str(hit.rank), f"{p.title[:90]}\n[dim]{p.id}[/]", p.department, p.price_label,
            f"{p.rating:.1f}" if p.rating is not None else "-", ", ".join(why),
        )  # fmt: skip
    return table
