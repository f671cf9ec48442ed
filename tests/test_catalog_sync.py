"""A catalog change reaches a running server without a restart: the admin sync job re-indexes
what changed and swaps the server onto it while requests keep being served (real index, real
embedder; the catalog is a store's own JSONL file made of real demo products)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from retrieval import Catalog, CatalogSource, Retrieval
from retrieval.catalog import Product
from retrieval.embedders import Embedder
from retrieval.vector_cache import VectorCache
from tests.conftest import LOCAL, make_retrieval
from ui.api import create_app
from ui.auth import Role
from ui.services import build_services
from ui.settings import Settings


def _row(p: Product) -> dict[str, object]:
    return {
        "id": p.id.split(":", 1)[1], "title": p.title, "description": p.description,
        "brand": p.brand, "category": " > ".join(p.category),
        "price": str(p.price.amount) if p.price else None, "rating": p.rating,
    }  # fmt: skip


def _write(path: Path, products: list[Product]) -> None:
    path.write_text("".join(json.dumps(_row(p)) + "\n" for p in products))


@pytest.fixture()
def shop(small_catalog: Catalog) -> list[Product]:
    """150 real products with distinct ids, as a store's own file would list them."""
    seen: dict[str, Product] = {}
    for p in small_catalog:
        seen.setdefault(p.id.split(":", 1)[1], p)
    return list(seen.values())[:151]


@pytest.fixture()
def served(
    tmp_path: Path, data_dir: Path, onnx_embedder: Embedder, shared_vectors: VectorCache,
    shop: list[Product],
) -> Iterator[tuple[TestClient, Retrieval, Path]]:  # fmt: skip
    path = tmp_path / "shop.jsonl"
    _write(path, shop[:150])
    source = CatalogSource(format="generic", name="shop", path=path)
    retrieval = make_retrieval(
        tmp_path, data_dir, onnx_embedder, vectors=shared_vectors, sources=[source]
    )
    retrieval.sync()
    settings = Settings(home=tmp_path, data_dir=data_dir)
    app = create_app(lambda: build_services(settings, retrieval), web=False)
    with TestClient(app, client=LOCAL) as client:
        yield client, retrieval, path


def test_a_catalog_sync_swaps_the_running_server_onto_the_new_catalog(
    served: tuple[TestClient, Retrieval, Path], shop: list[Product]
) -> None:
    client, _, path = served
    gone, new = shop[0], shop[150]
    new_id, gone_id = f"shop:{new.id.split(':', 1)[1]}", f"shop:{gone.id.split(':', 1)[1]}"

    def found(title: str) -> list[str]:
        r = client.get("/v1/search", params={"q": title, "k": 5})
        assert r.status_code == 200, r.text
        return [h["product"]["id"] for h in r.json()["hits"]]

    assert gone_id in found(gone.title) and new_id not in found(new.title)
    _write(path, [*shop[1:150], new])  # the store's file changes: one product out, one in

    codes: list[int | str] = []
    stop = threading.Event()

    def shoppers() -> None:  # requests all through the sync and the swap
        while not stop.is_set():
            try:
                r = client.get("/v1/search", params={"q": new.title, "k": 3})
                codes.append(r.status_code)
            except Exception as exc:  # a server error raised through the test client counts too
                codes.append(repr(exc))

    worker = threading.Thread(target=shoppers)
    worker.start()
    admin = {"Authorization": "Bearer " + client.app.state.services.keys.create(Role.admin, "t")[0]}  # type: ignore[attr-defined]
    assert client.post("/v1/admin/catalog/sync").status_code == 401
    job = client.post("/v1/admin/catalog/sync", headers=admin).json()
    deadline = time.time() + 300
    while job["status"] in ("queued", "running"):
        assert time.time() < deadline
        time.sleep(0.2)
        job = client.get(f"/v1/admin/jobs/{job['id']}", headers=admin).json()
    time.sleep(0.5)
    stop.set()
    worker.join()

    assert job["status"] == "done", job
    assert job["result"]["products"] == 150 and "1 added" in job["result"]["summary"]
    assert "1 removed" in job["result"]["summary"]
    assert codes and set(codes) == {200}, "no request failed during the sync and the swap"
    assert new_id in found(new.title)
    assert gone_id not in found(gone.title)


def test_another_replica_follows_the_published_catalog_version(
    served: tuple[TestClient, Retrieval, Path], shop: list[Product], tmp_path: Path,
    data_dir: Path,
) -> None:  # fmt: skip
    """Two servers on one database and one index: a sync on the first is followed by the second
    within seconds, without a request to it naming the change."""
    first, retrieval, path = served
    settings = Settings(home=tmp_path, data_dir=data_dir)
    app = create_app(lambda: build_services(settings, retrieval), web=False)
    app.state.follower.every = 0.2
    new = shop[150]
    new_id = f"shop:{new.id.split(':', 1)[1]}"
    _write(path, [*shop[:150], new])
    with TestClient(app, client=LOCAL) as second:
        assert new_id not in _ids(second, new.title)
        admin = {"Authorization": "Bearer " + first.app.state.services.keys.create(Role.admin, "t")[0]}  # type: ignore[attr-defined]
        job = first.post("/v1/admin/catalog/sync", headers=admin).json()
        deadline = time.time() + 300
        while new_id not in _ids(second, new.title):
            assert time.time() < deadline, "the second server never followed the new version"
            time.sleep(0.5)
        done = first.get(f"/v1/admin/jobs/{job['id']}", headers=admin).json()
        assert done["status"] == "done" and done["result"]["version"] >= 1


def _ids(client: TestClient, q: str) -> list[str]:
    r = client.get("/v1/search", params={"q": q, "k": 5})
    assert r.status_code == 200, r.text
    return [h["product"]["id"] for h in r.json()["hits"]]
