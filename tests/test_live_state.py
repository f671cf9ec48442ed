"""Live popularity and co-visitation start from a snapshot plus the events since, and end up
exactly where a replay of the whole log ends (real Scientific log, real SQLite event store)."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import numpy as np
import pytest
import sqlalchemy as sa

from ranking.events import EventStore, import_sequences, load_lcrec_log, make_engine
from ranking.live import LiveState, start_live_state
from retrieval import Catalog


@pytest.fixture()
def store(tmp_path: Path, data_dir: Path, demo_catalog: Catalog) -> EventStore:
    """1,500 real shoppers' purchase sequences from the Scientific log."""
    log = load_lcrec_log(data_dir / "amazon-scientific" / "Scientific.inter.json", "scientific")
    store = EventStore(make_engine(f"sqlite:///{tmp_path / 'events.db'}"))
    stored, _ = import_sequences(
        store, dict(islice(log.items(), 1500)), "import:test", lambda p: p in demo_catalog
    )
    assert stored > 5000
    return store


def _replayed(catalog: Catalog, store: EventStore) -> LiveState:
    state = LiveState(catalog)
    for event in store.iter_all():
        state.observe(event, event.id)
    return state


def _same(a: LiveState, b: LiveState) -> None:
    np.testing.assert_allclose(a.popularity, b.popularity, rtol=1e-9)
    assert a.ref_ts == b.ref_ts
    assert {r: dict(c) for r, c in a.after.items()} == {r: dict(c) for r, c in b.after.items()}
    assert list(a.last_by_session.items()) == list(b.last_by_session.items())
    assert a.last_event_id == b.last_event_id


def test_snapshot_plus_tail_equals_full_replay(
    store: EventStore, demo_catalog: Catalog, data_dir: Path
) -> None:
    full = _replayed(demo_catalog, store)
    first, replayed = start_live_state(demo_catalog, store, snapshot_after=100)
    assert replayed == store.count() and store.latest_snapshot() is not None
    _same(first, full)

    log = load_lcrec_log(data_dir / "amazon-scientific" / "Scientific.inter.json", "scientific")
    more = dict(islice(log.items(), 1500, 1600))
    added, _ = import_sequences(store, more, "import:tail", lambda p: p in demo_catalog)
    resumed, replayed = start_live_state(demo_catalog, store, snapshot_after=10**9)
    assert replayed == added, "only the events logged after the snapshot are read"
    _same(resumed, _replayed(demo_catalog, store))
    assert resumed.popularity.sum() > first.popularity.sum()


def test_an_unreadable_snapshot_means_a_full_replay(
    store: EventStore, demo_catalog: Catalog
) -> None:
    store.save_snapshot(10**6, b"not a snapshot")  # a fault injected: a damaged snapshot row
    state, replayed = start_live_state(demo_catalog, store, snapshot_after=10**9)
    assert replayed == store.count()
    _same(state, _replayed(demo_catalog, store))


def test_products_that_left_the_catalog_are_dropped(
    store: EventStore, demo_catalog: Catalog
) -> None:
    full = _replayed(demo_catalog, store)
    top = demo_catalog.ids[int(np.argmax(full.popularity))]
    smaller = Catalog([p for p in demo_catalog if p.id != top])
    state = LiveState.from_bytes(smaller, full.to_bytes())
    assert top not in smaller and state.popularity.shape == (len(smaller),)
    kept = [pid for pid in smaller.ids if full.popularity[demo_catalog.position(pid)] > 0]
    assert all(
        state.popularity[smaller.position(pid)] == full.popularity[demo_catalog.position(pid)]
        for pid in kept
    )


def test_only_the_newest_snapshots_are_kept(store: EventStore) -> None:
    for i in range(5):
        store.save_snapshot(i, f"snapshot {i}".encode())
    assert store.latest_snapshot() == b"snapshot 4"
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM live_snapshots")).scalar_one() == 2
