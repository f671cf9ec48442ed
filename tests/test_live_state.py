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


def test_replicas_share_one_live_state_in_redis(
    store: EventStore, demo_catalog: Catalog, data_dir: Path, redis_url: str
) -> None:
    """Two replicas on one real Redis: the first seeds it from the database, events stored later
    (some continuing sessions from before the seed, one committing late below the watermark) are
    applied once, and both read what a full replay of the database gives."""
    import redis

    from ranking.events import Event, EventType
    from ranking.shared_live import SharedLiveState

    url = f"{redis_url}/3"
    redis.Redis.from_url(url).flushdb()
    with store.engine.begin() as conn:  # a fault injected: one event commits after the seed
        late_id = store.count() - 3
        late = (
            conn.execute(sa.text("SELECT * FROM events WHERE id = :i"), {"i": late_id})
            .mappings()
            .one()
        )
        conn.execute(sa.text("DELETE FROM events WHERE id = :i"), {"i": late_id})
    one = SharedLiveState(url, demo_catalog, store)
    assert one.start() == store.count(), "an empty Redis is seeded from the database"
    two = SharedLiveState(url, demo_catalog, store)
    assert two.start() == 0, "the second replica finds it seeded"

    log = load_lcrec_log(data_dir / "amazon-scientific" / "Scientific.inter.json", "scientific")
    import_sequences(
        store, dict(islice(log.items(), 1500, 1600)), "import:tail", lambda p: p in demo_catalog
    )
    old_users = [e.user_id for e in islice(store.iter_all(), 0, 2000, 100)]
    newest = max(e.timestamp for e in store.iter_all())
    continuing = [
        Event(
            user_id=u, product_id=demo_catalog.ids[7 * i], type=EventType.purchase, timestamp=newest
        )
        for i, u in enumerate(old_users)
    ]
    store.append(continuing)
    one.ingest(continuing)  # what the replica that stored them does
    assert int(one.client.hget("shoptalk:live:meta", "watermark")) == store.count() + 1

    full = _replayed(demo_catalog, store)
    for replica in (one, two):
        np.testing.assert_allclose(replica.popularity, full.popularity, rtol=1e-9)
        assert set(replica.after) == set(full.after)
        assert {r: dict(replica.after[r]) for r in full.after} == {
            r: dict(c) for r, c in full.after.items()
        }

    with store.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO events (id, user_id, session_id, product_id, type, ts, experiment, "
                             "arm, context) VALUES (:id, :user_id, :session_id, :product_id, :type, :ts, "
                             ":experiment, :arm, :context)"), dict(late))  # fmt: skip
    assert two.sync() == 1, "the late event is applied, by one replica, once"
    assert one.sync() == 0
    full = _replayed(demo_catalog, store)
    np.testing.assert_allclose(two.popularity, full.popularity, rtol=1e-9)

    one.client.flushdb()  # a fault injected: Redis restarted without persistence
    two.sync()  # finds no state: seeds it again from the database
    np.testing.assert_allclose(two.popularity, full.popularity, rtol=1e-9)


def test_a_shared_state_with_no_events_reads_zeros(
    tmp_path: Path, demo_catalog: Catalog, redis_url: str
) -> None:
    """A new install: an empty database seeds an empty Redis, and reads give zeros (no error)."""
    import redis

    from ranking.shared_live import SharedLiveState

    url = f"{redis_url}/4"
    redis.Redis.from_url(url).flushdb()
    empty = EventStore(make_engine(f"sqlite:///{tmp_path / 'empty.db'}"))
    state = SharedLiveState(url, demo_catalog, empty)
    assert state.start() == 0
    assert not state.popularity.any() and 0 not in state.after


def test_the_served_baseline_is_the_benchmarked_model(
    store: EventStore, demo_catalog: Catalog
) -> None:
    """What the service serves before a ranker is trained is `RecentBehaviour` over the live
    counts; fitted on the same log's sequences (as `shoptalk bench ranker` does), it counts the
    same "came next" pairs and ranks the same products."""
    from ranking.models.base import TrainingData
    from ranking.models.recent import RecentBehaviour
    from ranking.training import sequences_from_events

    live = _replayed(demo_catalog, store)
    data, _ = sequences_from_events(store, demo_catalog)
    offline = RecentBehaviour(popularity_weight=0.0)
    offline.fit(TrainingData(len(demo_catalog), list(data.sequences)))
    assert offline.counts is not None
    assert {r: dict(c) for r, c in live.after.items()} == {
        r: dict(c) for r, c in offline.counts.after.items()
    }
    served = RecentBehaviour(counts=live, popularity_weight=0.0)
    histories = [s[:-1] for s in data.sequences if len(s) > 2][:200]
    assert len(histories) > 100
    top = lambda scores: np.argsort(-scores, axis=1, kind="stable")[:, :10]  # noqa: E731
    np.testing.assert_array_equal(top(served.score(histories)), top(offline.score(histories)))
