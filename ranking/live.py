"""Live popularity and co-visitation: moved by every stored event, and kept as snapshots in the
event database, so that a process starts from the newest snapshot plus the events logged since
instead of replaying the whole log (start-up time stops growing with the log).

A snapshot is plain data (zlib-compressed JSON keyed by product id, never pickle: anyone who can
write the database must not be able to run code in the server) and names the last event id it
includes. It is written when a start-up had to replay many events, and by `shoptalk train`.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from ranking.events import EVENT_WEIGHT, Event, EventStore
from retrieval.catalog import Catalog

log = logging.getLogger(__name__)

HALF_LIFE_SECONDS = 7 * 24 * 3600.0
SESSIONS_KEPT = 100_000
#: A start-up that replays at least this many events writes a fresh snapshot.
SNAPSHOT_AFTER_EVENTS = 20_000
SNAPSHOT_FORMAT = 1


class LiveState:
    """Time-decayed popularity per catalog row, "what came next" counts between rows, and the last
    product of each recent session (the least recently active forgotten beyond SESSIONS_KEPT)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.popularity = np.zeros(len(catalog))
        self.ref_ts = 0.0
        self.after: defaultdict[int, Counter[int]] = defaultdict(Counter)
        self.last_by_session: OrderedDict[str, int] = OrderedDict()
        #: The id of the newest stored event included (0: none); what a snapshot resumes from.
        self.last_event_id = 0

    def observe(self, event: Event, event_id: int | None = None) -> None:
        """Count one event (`event_id`: its id in the store, when it was read from there)."""
        if event_id is not None:
            self.last_event_id = max(self.last_event_id, event_id)
        if event.product_id not in self.catalog:
            return
        weight = EVENT_WEIGHT[event.type]
        if weight <= 0:
            return
        row = self.catalog.position(event.product_id)
        ts = event.timestamp.timestamp()
        if ts > self.ref_ts:  # keep scores relative to the newest event: no overflow, same order
            if self.ref_ts:
                self.popularity *= 0.5 ** ((ts - self.ref_ts) / HALF_LIFE_SECONDS)
            self.ref_ts = ts
        self.popularity[row] += weight * 0.5 ** ((self.ref_ts - ts) / HALF_LIFE_SECONDS)
        key = event.session_id or f"user:{event.user_id}"
        previous = self.last_by_session.get(key)
        if previous is not None and previous != row:
            self.after[previous][row] += 1
        self.last_by_session[key] = row
        self.last_by_session.move_to_end(key)
        if len(self.last_by_session) > SESSIONS_KEPT:
            self.last_by_session.popitem(last=False)

    def ingest(self, events: Sequence[Event]) -> None:
        """Events this process just stored."""
        for event in events:
            self.observe(event)

    def to_bytes(self) -> bytes:
        """The state as compressed JSON keyed by product id (rows change with the catalog)."""
        ids = self.catalog.ids
        body = {
            "format": SNAPSHOT_FORMAT,
            "last_event_id": self.last_event_id,
            "ref_ts": self.ref_ts,
            "popularity": {ids[r]: float(v) for r, v in enumerate(self.popularity) if v > 0},
            "after": {ids[r]: {ids[n]: c for n, c in nxt.items()} for r, nxt in self.after.items()},
            "sessions": [[key, ids[row]] for key, row in self.last_by_session.items()],
        }
        return zlib.compress(json.dumps(body, separators=(",", ":")).encode(), 6)

    @classmethod
    def from_bytes(cls, catalog: Catalog, blob: bytes) -> LiveState:
        """A state from a snapshot; products no longer in the catalog are left out."""
        body = json.loads(zlib.decompress(blob))
        if body.get("format") != SNAPSHOT_FORMAT:
            raise ValueError(f"snapshot format {body.get('format')!r}, expected {SNAPSHOT_FORMAT}")
        state = cls(catalog)
        state.last_event_id = int(body["last_event_id"])
        state.ref_ts = float(body["ref_ts"])
        row = {pid: catalog.position(pid) for pid in _ids(body) if pid in catalog}
        for pid, value in body["popularity"].items():
            if pid in row:
                state.popularity[row[pid]] = float(value)
        for pid, nxt in body["after"].items():
            if pid in row:
                counts = Counter({row[n]: int(c) for n, c in nxt.items() if n in row})
                if counts:
                    state.after[row[pid]] = counts
        for key, pid in body["sessions"]:
            if pid in row:
                state.last_by_session[key] = row[pid]
        return state


def _ids(body: dict[str, Any]) -> set[str]:
    ids = set(body["popularity"])
    for pid, nxt in body["after"].items():
        ids.add(pid)
        ids.update(nxt)
    ids.update(pid for _, pid in body["sessions"])
    return ids


def start_live_state(
    catalog: Catalog, store: EventStore, snapshot_after: int = SNAPSHOT_AFTER_EVENTS
) -> tuple[LiveState, int]:
    """The newest snapshot plus the events logged since (all of them without a snapshot), and how
    many events were replayed. A long replay leaves a snapshot for the next start."""
    state = None
    saved = store.latest_snapshot()
    if saved is not None:
        try:
            state = LiveState.from_bytes(catalog, saved)
        except (ValueError, KeyError, TypeError, zlib.error) as exc:
            log.warning("live-state snapshot unreadable (%s); replaying the whole event log", exc)
    state = state or LiveState(catalog)
    resumed_from = state.last_event_id
    replayed = 0
    for event in store.iter_all(after_id=state.last_event_id):
        state.observe(event, event.id)
        replayed += 1
    log.info("live state: from the snapshot up to event %d, then %d events replayed",
             resumed_from, replayed)  # fmt: skip
    if replayed >= snapshot_after:
        store.save_snapshot(state.last_event_id, state.to_bytes())
    return state, replayed
