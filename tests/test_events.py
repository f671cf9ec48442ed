"""The event store on a real SQLite file: durability, per-event errors, imports, a locked database."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from assistant.cart import cart_of
from ranking.events import (
    READ_LIMIT,
    EventStore,
    EventStoreUnavailable,
    import_sequences,
    ingest,
    load_lcrec_log,
    make_engine,
)
from retrieval import Catalog


def _store(path: Path) -> EventStore:
    return EventStore(make_engine(f"sqlite:///{path}"))


def test_acknowledged_events_are_on_disk_in_wal_mode(tmp_path: Path) -> None:
    db = tmp_path / "events.db"
    results, _ = ingest(
        _store(db), [{"user_id": "u", "product_id": "p1", "type": "click"}] * 3, lambda p: True
    )
    assert [r.id for r in results] == [1, 2, 3]
    # A fresh connection, as after a restart, sees them all.
    assert _store(db).count() == 3
    with _store(db).engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_bad_events_get_their_own_errors_and_good_ones_are_stored(tmp_path: Path) -> None:
    store = _store(tmp_path / "e.db")
    raw = [
        {
            "user_id": "u1",
            "product_id": "p1",
            "type": "add_to_cart",
            "context": {"query": "boots", "position": 2},
        },
        {"user_id": "u1", "product_id": "nope", "type": "click"},
        {"user_id": "u1", "product_id": "p1", "type": "teleport"},
        {"user_id": "u1", "product_id": "p1", "type": "click", "timestamp": "2099-01-01T00:00:00Z"},
        {"user_id": "u1", "product_id": "p1", "type": "click", "timestamp": "2024-01-01T00:00:00"},
        {"user_id": "u1", "product_id": "p1", "type": "rate"},
        {"user_id": "", "product_id": "p1", "type": "click"},
    ]
    results, good = ingest(store, raw, lambda p: p == "p1")
    assert [r.stored for r in results] == [True, False, False, False, False, False, False]
    errors = [r.error or "" for r in results]
    assert "not in the catalog" in errors[1]
    assert "type" in errors[2] and "in the future" in errors[3]
    assert "timezone" in errors[4].lower() or "time zone" in errors[4].lower()
    assert "context.rating" in errors[5] and "user_id" in errors[6]
    assert store.count() == 1 and len(good) == 1
    assert store.query(user_id="u1")[0].context.position == 2


def test_locked_database_refuses_and_stores_nothing(tmp_path: Path) -> None:
    """Fault injected for real: another connection holds SQLite's write lock."""
    db = tmp_path / "locked.db"
    store = EventStore(make_engine(f"sqlite:///{db}", busy_timeout=0.2))
    blocker = sqlite3.connect(db)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(EventStoreUnavailable, match="refused the write"):
            ingest(store, [{"user_id": "u", "product_id": "p", "type": "click"}], lambda p: True)
    finally:
        blocker.rollback()
        blocker.close()
    assert store.count() == 0


def test_amazon_log_import_keeps_order(
    tmp_path: Path, data_dir: Path, demo_catalog: Catalog
) -> None:
    log = load_lcrec_log(data_dir / "amazon-scientific/Scientific.inter.json", "scientific")
    first = dict(list(log.items())[:50])
    store = _store(tmp_path / "import.db")
    stored, problems = import_sequences(
        store, first, "import:scientific", lambda p: p in demo_catalog
    )
    assert problems == [] and stored == sum(len(v) for v in first.values())
    user, items = next(iter(first.items()))
    assert [e.product_id for e in store.query(user_id=user)] == items


def test_a_long_history_is_read_newest_first_in_sql(tmp_path: Path) -> None:
    store = _store(tmp_path / "e.db")
    ingest(store, [{"user_id": "u", "product_id": f"p{i}", "type": "click"} for i in range(40)]
           + [{"user_id": "v", "product_id": "q", "type": "click"}], lambda p: True)  # fmt: skip
    newest = store.query(user_id="u", newest=5)
    assert [e.product_id for e in newest] == [f"p{i}" for i in range(35, 40)]  # oldest first
    assert len(store.query(user_id="u")) == 40 and store.query(user_id="v", newest=5)[0].id == 41


def test_a_cart_outlives_many_logged_exposures(tmp_path: Path, small_catalog: Catalog) -> None:
    """Exposures are logged per recommendation shown; they must not push a cart's items out of
    the newest events a cart is read from."""
    store = _store(tmp_path / "e.db")
    wanted, other = small_catalog.products[0], small_catalog.products[1]
    ingest(store, [{"user_id": "u", "product_id": wanted.id, "type": "add_to_cart"}]
           + [{"user_id": "u", "product_id": other.id, "type": "recommendation_shown"}] * (READ_LIMIT + 50),
           lambda p: True)  # fmt: skip
    assert [line.product_id for line in cart_of(store, small_catalog, "u").lines] == [wanted.id]
