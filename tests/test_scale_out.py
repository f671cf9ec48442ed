"""Scale-out with existing engines: two stateless ShopTalk processes (`shoptalk serve`) sharing one
PostgreSQL (events, conversations, keys, catalog versions), one Chroma server and one Redis (rate
limits, live popularity and co-visitation). A conversation started on one continues on the other;
events posted to both are counted once; a key made once works on both; the two apply one limit;
events posted to one move the other's recommendations; a catalog sync on one reaches the other
while it serves requests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ranking.events import EventStore, make_engine
from tests.conftest import free_port, wait_for_http

pytestmark = pytest.mark.slow
SHOPTALK = Path(sys.executable).parent / "shoptalk"
PER_MINUTE = 150


def _lamps(count: int) -> str:
    return "\n".join(json.dumps({"id": f"p{i}", "title": f"Walnut desk lamp model {i}", "price": 20 + i * 3})
                     for i in range(count)) + "\n"  # fmt: skip


def _key(env: dict[str, str], role: str) -> str:
    made = subprocess.run([str(SHOPTALK), "keys", "create", "--role", role, "--name", "scale"],
                          env={**env, "SHOPTALK_HOME": "/tmp"}, capture_output=True, text=True, check=True)  # fmt: skip
    return made.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def two_processes(
    tmp_path_factory: pytest.TempPathFactory, postgres_url: str, chroma_server: str, redis_url: str
) -> Iterator[tuple[str, str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("scale-out")
    store = folder / "store.jsonl"
    store.write_text(_lamps(30))
    env = {**os.environ, "SHOPTALK_DATABASE_URL": postgres_url, "SHOPTALK_RETRIEVAL__CHROMA_URL": chroma_server,
           "SHOPTALK_RETRIEVAL__COLLECTION": "scale-out", "SHOPTALK_RETRIEVAL__EMBEDDING_BACKEND": "torch",
           "SHOPTALK_RETRIEVAL__SOURCES": json.dumps([{"format": "generic", "path": str(store), "name": "s"}]),
           "SHOPTALK_LIMITS__STORAGE_URL": f"{redis_url}/6", "SHOPTALK_LIVE_URL": f"{redis_url}/7",
           "SHOPTALK_LIMITS__REQUESTS_PER_MINUTE": str(PER_MINUTE)}  # fmt: skip
    procs, urls = [], []
    for name in ("a", "b"):
        port = free_port()
        log = folder / f"{name}.log"
        proc = subprocess.Popen([str(SHOPTALK), "serve", "--port", str(port), "--no-llm", "--no-demo-events"],
                                env={**env, "SHOPTALK_HOME": str(folder / name)}, stdout=log.open("w"), stderr=subprocess.STDOUT)  # fmt: skip
        procs.append(proc)
        urls.append(f"http://127.0.0.1:{port}")
        wait_for_http(f"{urls[-1]}/healthz", proc, log, timeout=300)
    yield urls[0], urls[1], env
    for proc in procs:
        proc.terminate()
        proc.wait(20)


def test_conversation_moves_between_processes(
    two_processes: tuple[str, str, dict[str, str]],
) -> None:
    a, b, _ = two_processes
    first = httpx.post(
        f"{a}/v1/chat", json={"message": "walnut desk lamp under $80"}, timeout=60
    ).json()
    again = httpx.post(
        f"{b}/v1/chat",
        json={"message": "cheaper", "conversation_id": first["conversation_id"]},
        timeout=60,
    ).json()
    assert again["query"]["intent"] == "refine"
    top = first["cards"][0]["product"]["price"]["amount"]
    assert again["cards"] and all(c["product"]["price"]["amount"] < top for c in again["cards"])
    stored = httpx.get(f"{a}/v1/conversations/{first['conversation_id']}").json()
    assert [m["role"] for m in stored["messages"]] == ["user", "assistant", "user", "assistant"]


def test_events_from_both_are_counted_once_and_keys_are_shared(
    two_processes: tuple[str, str, dict[str, str]], postgres_url: str
) -> None:
    a, b, env = two_processes
    before = EventStore(make_engine(postgres_url)).count()
    for url, n in ((a, 10), (b, 15)):
        batch = [
            {"user_id": f"scale-{n}-{i}", "product_id": f"s:p{i}", "type": "click"}
            for i in range(n)
        ]
        assert httpx.post(f"{url}/v1/events", json={"events": batch}).json()["stored"] == n
    assert EventStore(make_engine(postgres_url)).count() - before == 25
    key = _key(env, "agent")
    for url in (a, b):
        r = httpx.get(
            f"{url}/v1/customers/scale-15-3/history", headers={"Authorization": f"Bearer {key}"}
        )
        assert r.status_code == 200 and len(r.json()["events"]) == 1


def test_events_posted_to_one_move_the_others_recommendations(
    two_processes: tuple[str, str, dict[str, str]],
) -> None:
    """Live popularity lives in Redis: what shoppers buy through one replica is what the other
    recommends as popular, within a second or so."""
    a, b, _ = two_processes

    def top(url: str) -> str:
        r = httpx.get(f"{url}/v1/recommendations", params={"k": 3}, timeout=30)
        assert r.status_code == 200, r.text
        return str(r.json()["recommendations"][0]["product"]["id"])

    assert top(b) != "s:p29"
    bought = [
        {"user_id": f"buyer-{i}", "product_id": "s:p29", "type": "purchase"} for i in range(30)
    ]
    assert httpx.post(f"{a}/v1/events", json={"events": bought}).json()["stored"] == 30
    deadline = time.time() + 30
    while top(b) != "s:p29":
        assert time.time() < deadline, "the other replica never saw the purchases"
        time.sleep(0.5)
    assert top(a) == "s:p29"


def test_the_two_replicas_apply_one_limit(two_processes: tuple[str, str, dict[str, str]]) -> None:
    """Rate-limit counters live in Redis: one key's requests, spread over both replicas, are
    refused after the one limit, not after twice it."""
    a, b, env = two_processes
    headers = {"Authorization": f"Bearer {_key(env, 'agent')}"}
    codes = []
    for i in range(PER_MINUTE + 10):
        url = (a, b)[i % 2]
        codes.append(
            httpx.get(f"{url}/v1/search", params={"q": "lamp", "k": 1}, headers=headers).status_code
        )
    assert codes.count(200) == PER_MINUTE and codes[PER_MINUTE:] == [429] * 10


def test_a_catalog_sync_on_one_replica_reaches_the_other(
    two_processes: tuple[str, str, dict[str, str]],
) -> None:
    """An admin syncs a changed catalog file through one replica; the other (its own process,
    polling the catalog version in PostgreSQL) swaps onto it while it keeps answering."""
    a, b, env = two_processes
    store = Path(json.loads(env["SHOPTALK_RETRIEVAL__SOURCES"])[0]["path"])
    store.write_text(
        _lamps(30)
        + json.dumps({"id": "new1", "title": "Brass astronomy telescope", "price": 99})
        + "\n"
    )

    def found(url: str) -> list[str]:
        r = httpx.get(f"{url}/v1/search", params={"q": "brass telescope", "k": 3}, timeout=30)
        codes.append(r.status_code)
        return [h["product"]["id"] for h in r.json()["hits"]] if r.status_code == 200 else []

    codes: list[int] = []
    assert "s:new1" not in found(b)
    stop = threading.Event()

    def shopper() -> None:  # requests to the other replica all through its swap
        while not stop.is_set():
            found(b)
            time.sleep(0.5)

    worker = threading.Thread(target=shopper)
    worker.start()
    try:
        admin = {"Authorization": f"Bearer {_key(env, 'admin')}"}
        job = httpx.post(f"{a}/v1/admin/catalog/sync", headers=admin).json()
        deadline = time.time() + 300
        while job["status"] in ("queued", "running"):
            assert time.time() < deadline
            time.sleep(0.5)
            job = httpx.get(f"{a}/v1/admin/jobs/{job['id']}", headers=admin).json()
        assert job["status"] == "done", job
        assert "s:new1" in found(a)
        while "s:new1" not in found(b):
            assert time.time() < deadline, "the other replica never followed the new catalog"
            time.sleep(1)
    finally:
        stop.set()
        worker.join()
    assert codes and set(codes) == {200}, "no request failed while the other replica swapped"
