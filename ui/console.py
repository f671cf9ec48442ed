"""Terminal helpers: progress bars and product tables (rich)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from retrieval import LoadReport, SearchResult

console = Console(soft_wrap=True)

ProgressFactory = Callable[[int], Callable[[int], None]]


class ProgressLines:
    """Progress as plain lines at a steady interval (count, rate, time left), for output that is
    not a terminal (a log file, a service journal), where a bar would draw only at the end."""

    def __init__(self, description: str, total: int, every: float = 10.0,
                 say: Callable[[str], None] = print, clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.description, self.total, self.every, self.say, self.clock = (
            description,
            total,
            every,
            say,
            clock,
        )
        self.done = 0
        self.started = self.last = clock()

    def advance(self, steps: int) -> None:
        self.done += steps
        now = self.clock()
        if now - self.last >= self.every or self.done >= self.total:
            self.last = now
            self.say(self.line(now))

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        share = f" ({self.done / self.total:.0%})" if self.total else ""
        if self.done >= self.total:
            return f"{self.description}: {self.done:,}/{self.total:,} done in {elapsed:.0f} s ({rate:,.0f}/s)"
        left = (self.total - self.done) / rate if rate > 0 else float("inf")
        eta = f"about {left / 60:.0f} min left" if left >= 90 else f"about {left:.0f} s left"
        return f"{self.description}: {self.done:,}/{self.total:,}{share}, {rate:,.0f}/s, {eta}"


@contextmanager
def progress_bar(description: str, every: float = 10.0) -> Iterator[ProgressFactory]:
    """A factory that opens a bar of `total` steps and returns its advance callback; when the
    output is not a terminal, a progress line every `every` seconds instead."""
    if not console.is_terminal:

        def lines(total: int) -> Callable[[int], None]:
            return ProgressLines(
                description, total, every, lambda m: console.print(m, highlight=False)
            ).advance

        yield lines
        return
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
