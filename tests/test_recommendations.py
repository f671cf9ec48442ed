"""Recommendations over the live catalog: online updates from events, reasons, filters, hot reload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

from ranking.models.base import TrainingData
from ranking.models.popularity import Popularity
from ranking.registry import ModelRegistry
from retrieval import Catalog
from retrieval.embedders import Embedder
from retrieval.vector_cache import VectorCache
from tests.conftest import LOCAL, make_retrieval
from ui.api import create_app
from ui.services import build_services
from ui.settings import Settings


@pytest.fixture()
def client(
    tmp_path: Path,
    data_dir: Path,
    onnx_embedder: Embedder,
    small_catalog: Catalog,
    shared_vectors: VectorCache,
) -> Iterator[TestClient]:
    retrieval = make_retrieval(tmp_path, data_dir, onnx_embedder, vectors=shared_vectors)
    retrieval.sync(small_catalog)
    settings = Settings(home=tmp_path, data_dir=data_dir)
    with TestClient(
        create_app(lambda: build_services(settings, retrieval)), client=LOCAL
    ) as test_client:
        yield test_client


def _toys(catalog: Catalog, n: int) -> list[str]:
    return [p.id for p in catalog if p.department == "Toys & Games"][:n]


def test_session_events_change_the_next_recommendation(
    client: TestClient, small_catalog: Catalog
) -> None:
    a, b, c = _toys(small_catalog, 3)
    events = [{"user_id": f"u{i}", "session_id": f"s{i}", "product_id": p, "type": "purchase"}
              for i in range(3) for p in (a, b)]  # fmt: skip
    body = client.post("/v1/events", json={"events": events}).json()
    assert body["stored"] == 6 and body["rejected"] == 0

    recs = client.get("/v1/recommendations", params={"product_id": a, "k": 5}).json()
    top = recs["recommendations"][0]
    assert top["product"]["id"] == b, "bought after A by three shoppers, without retraining"
    assert top["reasons"][0]["kind"] == "bought_after" and top["reasons"][0]["product_id"] == a

    client.post(
        "/v1/events",
        json={"events": [{"user_id": "new", "session_id": "z", "product_id": c, "type": "click"}]},
    )
    session = client.get("/v1/recommendations", params={"session_id": "z", "k": 5}).json()
    assert session["history_length"] == 1
    assert c not in [r["product"]["id"] for r in session["recommendations"]]


def test_recommendations_respect_filters(client: TestClient, small_catalog: Catalog) -> None:
    recs = client.get("/v1/recommendations", params={"product_id": _toys(small_catalog, 1)[0], "k": 10,
                                                      "max_price": 20}).json()["recommendations"]  # fmt: skip
    assert recs and all(
        r["product"]["price"] and r["product"]["price"]["amount"] <= 20 for r in recs
    )


def test_event_batch_errors_use_the_error_shape(client: TestClient) -> None:
    response = client.post("/v1/events", json={"events": [], "extra": 1})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_request"
    mixed = client.post(
        "/v1/events", json={"events": [{"user_id": "u", "product_id": "x:1", "type": "click"}]}
    ).json()
    assert mixed["rejected"] == 1 and "not in the catalog" in mixed["results"][0]["error"]


def test_a_published_model_is_picked_up_without_restart(
    client: TestClient, small_catalog: Catalog, tmp_path: Path
) -> None:
    first = client.get("/v1/recommendations", params={"product_id": small_catalog.ids[0]}).json()
    assert first["model_version"] is None
    model = Popularity()
    counts = [np.array([len(small_catalog) - 1] * 3)]  # the last product is the most popular
    model.fit(TrainingData(len(small_catalog), counts))
    ModelRegistry(tmp_path / "models" / "ranker").publish("v1", model, {"note": "test"})
    after = client.get("/v1/recommendations", params={"product_id": small_catalog.ids[0]}).json()
    assert after["model_version"] == "v1" and after["model"] == "popularity"
    assert after["recommendations"][0]["product"]["id"] == small_catalog.ids[-1]
