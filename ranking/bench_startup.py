"""`shoptalk bench startup`: how long the live popularity and co-visitation state takes to start,
replaying the whole event log against the newest snapshot plus the events since, at the size of
the real log and at a larger size made by replicating it.

The larger log repeats the Scientific log's sequences with shifted user ids and timestamps (each
copy after the previous one), said in the output; products are the demo store's own.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

from rich.console import Console
from rich.table import Table

from ranking.events import EventStore, events_table, load_lcrec_log, make_engine
from ranking.live import LiveState, start_live_state
from retrieval.catalog import Catalog

#: New events logged after the snapshot, replayed on top of it.
TAIL = 1_000


@dataclass(frozen=True)
class StartupRow:
    events: int
    full_replay_s: float
    snapshot_start_s: float
    tail_events: int
    snapshot_mb: float
    process_start_s: float | None


def _fill(store: EventStore, sequences: dict[str, list[str]], size: int, console: Console) -> int:
    """Write at least `size` events: the log's sequences, copied with shifted ids as needed."""
    rows: list[dict[str, object]] = []
    copy, t0 = 0, 1.5e9
    while len(rows) < size:
        for user, items in sequences.items():
            for step, product in enumerate(items):
                rows.append({"user_id": f"{user}#{copy}", "session_id": None, "product_id": product,
                             "type": "purchase", "ts": t0 + step * 60.0, "experiment": None,
                             "arm": None, "context": "{}"})  # fmt: skip
            t0 += 60.0 * (len(items) + 1)  # the next shopper starts after this one
        copy += 1
    rows = rows[:size]
    with store.engine.begin() as conn:
        for start in range(0, len(rows), 50_000):
            conn.execute(events_table.insert(), rows[start : start + 50_000])
            console.print(f"  {min(start + 50_000, len(rows)):,}/{len(rows):,} events written",
                          highlight=False)  # fmt: skip
    return copy


def _measure(
    catalog: Catalog, store: EventStore, console: Console, start: Callable[[], float] | None
) -> StartupRow:
    started = time.perf_counter()
    state = LiveState(catalog)
    for event in store.iter_all():
        state.observe(event, event.id)
    full = time.perf_counter() - started
    blob = state.to_bytes()
    store.save_snapshot(state.last_event_id, blob)
    newest = store.query(after_id=state.last_event_id - TAIL, limit=TAIL)
    store.append(newest)  # the tail: as many new events, logged after the snapshot
    started = time.perf_counter()
    _, replayed = start_live_state(catalog, store, snapshot_after=10**12)
    resumed = time.perf_counter() - started
    process = round(start(), 2) if start else None
    count = store.count()
    console.print(f"  {count:,} events: full replay {full:.1f} s, snapshot + {replayed:,} new "
                  f"events {resumed:.2f} s", highlight=False)  # fmt: skip
    return StartupRow(count - replayed, round(full, 2), round(resumed, 3), replayed,
                      round(len(blob) / 1e6, 2), process)  # fmt: skip


def run_startup_bench(
    catalog: Catalog, log_path: Path, sizes: list[int] | None, work: Path, out: Path,
    console: Console, start: Callable[[str], float] | None = None,
) -> list[StartupRow]:  # fmt: skip
    """One fresh SQLite event log per size (default: the real log's and 2,000,000); a table,
    results on disk. `start(database_url)`: seconds a whole server start takes on that log (with
    its snapshot), measured once more first as a warm-up."""
    sequences = {u: [p for p in items if p in catalog]
                 for u, items in load_lcrec_log(log_path, "scientific").items()}  # fmt: skip
    real = sum(len(v) for v in sequences.values())
    rows: list[StartupRow] = []
    for size in sizes or [real, 2_000_000]:
        path = work / f"startup-{size}.db"
        path.unlink(missing_ok=True)
        store = EventStore(make_engine(f"sqlite:///{path}"))
        copies = _fill(store, sequences, size, console)
        console.print(f"{size:,} events: the real log ({real:,} events)"
                      f"{f' copied {copies} times with shifted user ids and timestamps' if copies > 1 else ''}",
                      highlight=False)  # fmt: skip
        url = f"sqlite:///{path}"
        if start is not None and not rows:
            start(url)  # warm-up: imports and model loading are not the log's cost
        rows.append(_measure(catalog, store, console, partial(start, url) if start else None))
        store.engine.dispose()
        path.unlink(missing_ok=True)
    table = Table(title="Live-state start-up (popularity + co-visitation), SQLite event log")
    for col in ("events", "full replay s", f"snapshot + {TAIL:,} new events s", "snapshot MB",
                "whole process start s"):  # fmt: skip
        table.add_column(col)
    for r in rows:
        table.add_row(f"{r.events:,}", f"{r.full_replay_s:.1f}", f"{r.snapshot_start_s:.2f}",
                      f"{r.snapshot_mb:.1f}", f"{r.process_start_s}")  # fmt: skip
    console.print(table)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({
        "rows": [asdict(r) for r in rows], "real_log_events": real,
        "note": "larger logs copy the real sequences with shifted user ids and timestamps",
    }, indent=2))  # fmt: skip
    md = ["| events | full replay s | snapshot + 1,000 new events s | snapshot MB | whole process "
          "start s |", "|---|---|---|---|---|"]  # fmt: skip
    md += [f"| {r.events:,} | {r.full_replay_s:.1f} | {r.snapshot_start_s:.2f} | "
           f"{r.snapshot_mb:.1f} | {r.process_start_s} |" for r in rows]  # fmt: skip
    (out / "results.md").write_text("\n".join(md) + "\n")
    console.print(f"results written to {out}/results.json and {out}/results.md")
    return rows
