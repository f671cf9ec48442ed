"""Faults, each really done: the vLLM server killed in the middle of a streamed answer (and
brought back), a client that disconnects mid-answer, ShopTalk killed with SIGKILL while events
are posted, the Chroma server stopped, oversized and too many requests."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from assistant.llm import VLLMBackend
from assistant.server import LocalVLLMServer
from ranking.events import EventStore, make_engine
from retrieval import Catalog, Embedder, Retrieval
from retrieval.vector_cache import VectorCache
from tests.conftest import LOCAL, free_port, make_retrieval, wait_for_http
from ui.api import create_app
from ui.bench_embeddings import serve_in_thread
from ui.limits import LimitsConfig
from ui.services import build_services
from ui.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def own_vllm(vllm_server: LocalVLLMServer) -> LocalVLLMServer:
    """The session's vLLM server: these tests kill it and start it again on the same port (one
    server at a time keeps the memory of a 2-core, 24 GB machine in bounds)."""
    return vllm_server


@pytest.fixture(scope="module")
def live(
    tmp_path_factory: pytest.TempPathFactory, small_store: Retrieval, own_vllm: LocalVLLMServer
) -> Iterator[tuple[str, Any]]:
    settings = Settings(home=tmp_path_factory.mktemp("faults"), data_dir=small_store.data_dir)
    settings.llm.answer_tokens = 400  # long answers, so there is time to break them
    settings.llm.model_lead_languages = ("en",)  # the model writes the lead: these break it
    llm = VLLMBackend(own_vllm.url, own_vllm.served_name, timeout=30)
    app = create_app(lambda: build_services(settings, small_store, llm), web=False)
    url, stop = serve_in_thread(app)
    yield url, app
    stop()


def stream_chat(
    url: str, message: str, on_event: Any = None
) -> list[tuple[str, dict[str, Any], float]]:
    """Events of one streamed turn with the time each arrived; `on_event` may stop early (True)."""
    events = []
    body = {"message": message, "stream": True}
    with (
        httpx.Client(timeout=httpx.Timeout(10, read=120)) as client,
        client.stream("POST", f"{url}/v1/chat", json=body) as r,
    ):
        kind = None
        for line in r.iter_lines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and kind:
                events.append((kind, json.loads(line.split(":", 1)[1]), time.monotonic()))
                if on_event is not None and on_event(kind, events):
                    break
    return events


def running(server: LocalVLLMServer) -> float:
    text = httpx.get(f"{server.url}/metrics", timeout=5).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("vllm:num_requests_running")
    )


def test_client_disconnect_stops_generation(
    live: tuple[str, Any], own_vllm: LocalVLLMServer
) -> None:
    url, _ = live
    events = stream_chat(url, "a wooden puzzle for a toddler", lambda kind, _: kind == "token")
    assert events[-1][0] == "token"  # we hung up in the middle of the answer
    deadline = time.time() + 10
    while running(own_vllm) > 0:
        assert time.time() < deadline, "vLLM kept generating for a client that had gone"
        time.sleep(0.2)


def test_vllm_killed_mid_stream_gives_cards_and_a_notice_then_recovers(
    live: tuple[str, Any], own_vllm: LocalVLLMServer, small_catalog: Catalog
) -> None:
    url, _ = live
    killed: list[float] = []

    def kill_on_first_token(kind: str, events: list[Any]) -> bool:
        if kind == "token" and not killed:
            assert own_vllm._proc is not None
            os.killpg(own_vllm._proc.pid, signal.SIGKILL)
            killed.append(time.monotonic())
        return False

    events = stream_chat(url, "a plush toy for a baby", kill_on_first_token)
    kinds = [k for k, _, _ in events]
    assert killed and kinds[-1] == "done" and "cards" in kinds
    done, at = events[-1][1], events[-1][2]
    assert at - killed[0] < 2.0, f"the notice took {at - killed[0]:.1f} s"
    assert done["cards"] and done["meta"]["fallback"] and "unavailable" in done["meta"]["degraded"]
    assert all(
        small_catalog.get(c["product"]["id"]).price_label == c["price"] for c in done["cards"]
    )
    own_vllm._proc = None
    own_vllm.start(timeout=900, say=lambda m: None)  # same port; ShopTalk is not restarted
    again = stream_chat(url, "a plush toy for a baby")[-1][1]
    assert again["meta"]["degraded"] is None and again["meta"]["tokens"] > 0


def test_sigkill_loses_no_acknowledged_event_and_conversations_resume(tmp_path: Path) -> None:
    products = [{"id": f"p{i}", "title": f"Test product {i}", "price": 10 + i} for i in range(20)]
    store = tmp_path / "store.jsonl"
    store.write_text("\n".join(json.dumps(p) for p in products) + "\n")
    env = {**os.environ, "SHOPTALK_HOME": str(tmp_path / "home"), "SHOPTALK_RETRIEVAL__EMBEDDING_BACKEND": "torch",
           "SHOPTALK_RETRIEVAL__SOURCES": json.dumps([{"format": "generic", "path": str(store), "name": "s"}])}  # fmt: skip
    shoptalk = Path(sys.executable).parent / "shoptalk"
    port = free_port()
    base = f"http://127.0.0.1:{port}"

    def start() -> subprocess.Popen[bytes]:
        log = (tmp_path / "serve.log").open("ab")
        proc = subprocess.Popen(
            [str(shoptalk), "serve", "--port", str(port), "--no-llm"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_for_http(f"{base}/healthz", proc, tmp_path / "serve.log", timeout=240)
        return proc

    proc = start()
    conv = httpx.post(
        f"{base}/v1/chat", json={"message": "test product under $15", "user_id": "u1"}
    ).json()
    acknowledged: list[int] = []
    stop = threading.Event()

    def post() -> None:
        with httpx.Client(timeout=5) as client:
            i = 0
            while not stop.is_set():
                batch = [
                    {"user_id": f"u{i % 7}", "product_id": f"s:p{(i + j) % 20}", "type": "click"}
                    for j in range(5)
                ]
                try:
                    r = client.post(f"{base}/v1/events", json={"events": batch})
                except httpx.HTTPError:
                    return  # the server is gone
                if r.status_code == 200:
                    acknowledged.extend(x["id"] for x in r.json()["results"] if x["stored"])
                i += 5

    poster = threading.Thread(target=post)
    poster.start()
    time.sleep(3)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    stop.set()
    poster.join(10)
    assert len(acknowledged) > 20
    stored = EventStore(make_engine(f"sqlite:///{tmp_path / 'home' / 'shoptalk.db'}"))
    ids = {e.id for e in stored.query()}
    assert set(acknowledged) <= ids  # every acknowledged event survived the kill
    proc = start()
    try:
        again = httpx.post(
            f"{base}/v1/chat",
            json={
                "message": "cheaper",
                "conversation_id": conv["conversation_id"],
                "user_id": "u1",
            },
        ).json()
        assert again["query"]["intent"] == "refine"
        top = conv["cards"][0]["product"]["price"]["amount"]
        assert again["cards"] and all(c["product"]["price"]["amount"] < top for c in again["cards"])
    finally:
        proc.terminate()
        proc.wait(20)


def test_chroma_server_stopped_search_falls_back_and_readyz_says_so(
    tmp_path: Path,
    data_dir: Path,
    onnx_embedder: Embedder,
    small_catalog: Catalog,
    shared_vectors: VectorCache,
) -> None:
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path / "chroma"), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        wait_for_http(
            f"http://127.0.0.1:{port}/api/v2/heartbeat", proc, tmp_path / "none.log", timeout=120
        )
        retrieval = make_retrieval(
            tmp_path / "home",
            data_dir,
            onnx_embedder,
            chroma_url=f"http://127.0.0.1:{port}",
            vectors=shared_vectors,
        )
        retrieval.sync(Catalog(list(small_catalog)[:300]))
        settings = Settings(home=tmp_path / "home", data_dir=data_dir)
        with TestClient(
            create_app(lambda: build_services(settings, retrieval), web=False), client=LOCAL
        ) as client:
            assert client.get("/readyz").status_code == 200
            proc.terminate()
            proc.wait(20)
            result = client.get("/v1/search", params={"q": "guitar"}).json()
            assert result["hits"] and any(
                "semantic index unavailable" in n for n in result["notices"]
            )
            ready = client.get("/readyz")
            assert ready.status_code == 503 and "index" in ready.json()["error"]["message"]
    finally:
        if proc.poll() is None:
            proc.terminate()


def test_body_and_rate_limits_answer_in_the_error_shape(
    small_store: Retrieval, tmp_path: Path
) -> None:
    settings = Settings(home=tmp_path, data_dir=small_store.data_dir)
    limits = LimitsConfig(max_body_bytes=4096, requests_per_minute=5)
    with TestClient(
        create_app(lambda: build_services(settings, small_store), web=False, limits=limits),
        client=LOCAL,
    ) as c:
        big = c.post(
            "/v1/events",
            content=b'{"events": [' + b" " * 5000 + b"]}",
            headers={"content-type": "application/json"},
        )
        assert big.status_code == 413 and big.json()["error"]["code"] == "body_too_large"
        codes = [c.get("/v1/search", params={"q": "drum"}).status_code for _ in range(6)]
        assert codes[-1] == 429 and 200 in codes
        limited = c.get("/v1/search", params={"q": "drum"})
        assert (
            limited.json()["error"]["code"] == "rate_limited"
            and int(limited.headers["Retry-After"]) >= 1
        )
        assert c.get("/healthz").status_code == 200  # health checks are never limited
