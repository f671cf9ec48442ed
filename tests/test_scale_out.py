"""Scale-out with existing engines: two stateless ShopTalk processes sharing one PostgreSQL
(events, conversations, keys) and one Chroma server. A conversation started on one continues on
the other; events posted to both are counted once; a key made once works on both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ranking.events import EventStore, make_engine
from tests.conftest import free_port, wait_for_http

pytestmark = pytest.mark.slow
SHOPTALK = Path(sys.executable).parent / "shoptalk"


@pytest.fixture(scope="module")
def two_processes(
    tmp_path_factory: pytest.TempPathFactory, postgres_url: str, chroma_server: str
) -> Iterator[tuple[str, str, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("scale-out")
    store = folder / "store.jsonl"
    store.write_text("\n".join(json.dumps({"id": f"p{i}", "title": f"Walnut desk lamp model {i}", "price": 20 + i * 3})
                               for i in range(30)) + "\n")  # fmt: skip
    env = {**os.environ, "SHOPTALK_DATABASE_URL": postgres_url, "SHOPTALK_RETRIEVAL__CHROMA_URL": chroma_server,
           "SHOPTALK_RETRIEVAL__COLLECTION": "scale-out", "SHOPTALK_RETRIEVAL__EMBEDDING_BACKEND": "torch",
           "SHOPTALK_RETRIEVAL__SOURCES": json.dumps([{"format": "generic", "path": str(store), "name": "s"}])}  # fmt: skip
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
    made = subprocess.run([str(SHOPTALK), "keys", "create", "--role", "agent", "--name", "scale"],
                          env={**env, "SHOPTALK_HOME": "/tmp"}, capture_output=True, text=True, check=True)  # fmt: skip
    key = made.stdout.strip().splitlines()[-1]
    for url in (a, b):
        r = httpx.get(
            f"{url}/v1/customers/scale-15-3/history", headers={"Authorization": f"Bearer {key}"}
        )
        assert r.status_code == 200 and len(r.json()["events"]) == 1
