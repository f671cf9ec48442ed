"""The event store contract on a real PostgreSQL server, shared by two store instances (as two
API processes would share it)."""

from __future__ import annotations

from ranking.events import EventStore, ingest, make_engine


def test_two_processes_share_one_postgres_event_log(postgres_url: str) -> None:
    first, second = EventStore(make_engine(postgres_url)), EventStore(make_engine(postgres_url))
    batch = [{"user_id": "u1", "session_id": "s", "product_id": "p1", "type": "purchase"}] * 5
    results_a, _ = ingest(first, batch, lambda p: True)
    results_b, _ = ingest(
        second, [*batch, {"user_id": "u1", "product_id": "p1", "type": "fly"}], lambda p: True
    )
    assert all(r.stored for r in results_a) and [r.stored for r in results_b] == [True] * 5 + [
        False
    ]
    ids = [r.id for r in results_a + results_b if r.id is not None]
    assert len(set(ids)) == 10, "every acknowledged event has its own id"
    assert first.count() == second.count() == 10
    assert [e.id for e in second.query(user_id="u1")] == sorted(ids)
