"""The HTTP API over a real index: routes, validation and the one error shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from retrieval import Catalog
from retrieval.embedders import Embedder
from retrieval.vector_cache import VectorCache
from tests.conftest import LOCAL, make_retrieval
from ui.api import create_app
from ui.services import build_services
from ui.settings import Settings


@pytest.fixture(scope="module")
def client(
    tmp_path_factory: pytest.TempPathFactory,
    data_dir: Path,
    onnx_embedder: Embedder,
    small_catalog: Catalog,
    shared_vectors: VectorCache,
) -> Iterator[TestClient]:
    home = tmp_path_factory.mktemp("api")
    retrieval = make_retrieval(home, data_dir, onnx_embedder, vectors=shared_vectors)
    retrieval.sync(small_catalog)
    settings = Settings(home=home, data_dir=data_dir)
    with TestClient(
        create_app(lambda: build_services(settings, retrieval)), client=LOCAL
    ) as test_client:
        yield test_client


def _assert_error_shape(body: dict, code: str) -> None:
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]


def test_search_returns_products_with_score_parts(
    client: TestClient, small_catalog: Catalog
) -> None:
    response = client.get("/v1/search", params={"q": "logitech g933", "k": 5})
    assert response.status_code == 200
    body = response.json()
    assert len(body["hits"]) == 5 and body["mode"] == "hybrid"
    top = body["hits"][0]
    assert "g933" in top["product"]["title"].lower()
    assert {"lexical", "semantic", "fused", "lexical_rank", "semantic_rank"} <= set(top["parts"])
    catalog_product = small_catalog.get(top["product"]["id"])
    assert top["product"]["title"] == catalog_product.title


def test_search_filters_by_price_and_department(client: TestClient, small_catalog: Catalog) -> None:
    params = {"q": "toy", "max_price": "15", "department": ["Toys & Games"], "k": 20}
    hits = client.get("/v1/search", params=params).json()["hits"]
    assert hits
    for hit in hits:
        product = small_catalog.get(hit["product"]["id"])
        assert product.department == "Toys & Games"
        assert product.price is not None and float(product.price.amount) <= 15
        assert hit["product"]["price"]["amount"] == float(product.price.amount)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": ""}, "query.q"),
        ({"q": "x", "k": 0}, "query.k"),
        ({"q": "x", "max_price": "cheap"}, "query.max_price"),
        ({"q": "x", "colour": "red"}, "query.colour"),
    ],
)
def test_bad_search_parameters_get_the_error_shape(
    client: TestClient, params: dict, field: str
) -> None:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 422
    body = response.json()
    _assert_error_shape(body, "invalid_request")
    assert field in [d["field"] for d in body["error"]["details"]]


def test_contradictory_price_bounds_say_how_to_fix(client: TestClient) -> None:
    response = client.get("/v1/search", params={"q": "x", "min_price": 50, "max_price": 10})
    assert response.status_code == 422
    assert "swap or drop one" in response.json()["error"]["message"]


def test_product_lookup_and_unknown_product(client: TestClient, small_catalog: Catalog) -> None:
    product = small_catalog.products[5]
    assert client.get(f"/v1/products/{product.id}").json()["title"] == product.title
    missing = client.get("/v1/products/vespa:does-not-exist")
    assert missing.status_code == 404
    _assert_error_shape(missing.json(), "not_found")


def test_health_and_openapi_declare_errors(client: TestClient, small_catalog: Catalog) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "products": len(small_catalog)}
    spec = client.get("/openapi.json").json()
    search = spec["paths"]["/v1/search"]["get"]
    assert {"200", "422", "503"} <= set(search["responses"])
    assert "ErrorResponse" in spec["components"]["schemas"]
