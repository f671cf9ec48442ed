"""The event store contract on a real PostgreSQL server, shared by two store instances (as two
API processes would share it)."""

from __future__ import annotations

import uuid
from pathlib import Path

from fastapi.testclient import TestClient

from ranking.events import EventStore, ingest, make_engine
from retrieval import Retrieval
from tests.conftest import LOCAL
from ui.api import create_app
from ui.services import build_services
from ui.settings import Settings


def test_two_processes_share_one_postgres_event_log(postgres_url: str) -> None:
    first, second = EventStore(make_engine(postgres_url)), EventStore(make_engine(postgres_url))
    # the server is shared by the session's tests: count from what is there, as a user of our own
    before = first.count()
    user = f"two-processes-{uuid.uuid4().hex[:8]}"
    batch = [{"user_id": user, "session_id": "s", "product_id": "p1", "type": "purchase"}] * 5
    results_a, _ = ingest(first, batch, lambda p: True)
    results_b, _ = ingest(
        second, [*batch, {"user_id": user, "product_id": "p1", "type": "fly"}], lambda p: True
    )
    assert all(r.stored for r in results_a) and [r.stored for r in results_b] == [True] * 5 + [
        False
    ]
    ids = [r.id for r in results_a + results_b if r.id is not None]
    assert len(set(ids)) == 10, "every acknowledged event has its own id"
    assert first.count() == second.count() == before + 10
    assert [e.id for e in second.query(user_id=user)] == sorted(ids)


def test_input_postgres_refuses_gets_the_one_error_shape(
    postgres_url: str, small_store: Retrieval, tmp_path: Path
) -> None:
    """A NUL (which PostgreSQL cannot store in text) is refused at validation with a message that
    names it; one that reaches the database by a path (an id in the URL) is a 4xx, never a 500."""
    settings = Settings(home=tmp_path, data_dir=small_store.data_dir, database_url=postgres_url)
    app = create_app(lambda: build_services(settings, small_store, None), web=False)
    with TestClient(app, client=LOCAL, raise_server_exceptions=False) as client:
        said = client.post("/v1/chat", json={"message": "guitar\x00 strings"})
        assert said.status_code == 422 and "U+0000" in said.json()["error"]["message"], said.text
        sent = client.post("/v1/events", json={"events": [
            {"user_id": "a\x00b", "product_id": small_store.searcher().catalog.ids[0], "type": "click"}]})  # fmt: skip
        assert sent.status_code == 200 and "U+0000" in sent.json()["results"][0]["error"]
        read = client.get("/v1/conversations/abc%00def")
        assert read.status_code in (404, 422), read.text
        assert set(read.json()) == {"error"}
        assert client.get("/v1/recommendations", params={"user_id": "x\x00"}).status_code == 422
