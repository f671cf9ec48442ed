"""The retrieval contract, run against embedded Chroma and a real `chroma run` server."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from retrieval import Catalog, Filters, HybridSearcher
from retrieval.embedders import Embedder
from retrieval.filters import filter_mask
from retrieval.vector_cache import VectorCache
from tests.conftest import make_retrieval


@pytest.fixture(scope="module", params=["embedded", "server"])
def searcher(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    data_dir: Path,
    onnx_embedder: Embedder,
    small_catalog: Catalog,
    shared_vectors: VectorCache,
) -> Iterator[HybridSearcher]:
    url = request.getfixturevalue("chroma_server") if request.param == "server" else None
    retrieval = make_retrieval(
        tmp_path_factory.mktemp(request.param),
        data_dir,
        onnx_embedder,
        url,
        candidates=50,
        vectors=shared_vectors,
    )
    retrieval.sync(small_catalog)
    yield retrieval.searcher()


def test_model_numbers_are_found_by_words(searcher: HybridSearcher) -> None:
    result = searcher.search("usb2aub2ra1m", k=5)
    top = result.hits[0]
    assert "usb2aub2ra1m" in (top.product.title + top.product.description).lower()
    assert top.parts.lexical is not None and "usb2aub2ra1m" in top.parts.matched_terms


def test_meaning_is_found_without_shared_words(searcher: HybridSearcher) -> None:
    result = searcher.search("seats for the kitchen table", k=10, mode="semantic")
    assert any("chair" in h.product.title.lower() for h in result.hits[:5])
    assert all(h.parts.semantic is not None and h.parts.lexical is None for h in result.hits)


def test_hits_are_ranked_and_carry_score_parts(searcher: HybridSearcher) -> None:
    result = searcher.search("dive light", k=10)
    assert [h.rank for h in result.hits] == list(range(1, 11))
    fused = [h.parts.fused for h in result.hits]
    assert fused == sorted(fused, reverse=True)
    assert any(h.parts.lexical is not None and h.parts.semantic is not None for h in result.hits)
    assert result.candidates >= 10 and result.matching == len(searcher.catalog)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(max_price=Decimal(20)),
        Filters(departments=("Musical Instruments",), min_rating=4.5),
        Filters(exclude_brands=("no such brand",), min_price=Decimal(5)),
        Filters(category="industrial & scientific"),
    ],
    ids=["price", "department+rating", "broad", "category"],
)
def test_every_hit_satisfies_the_filters(searcher: HybridSearcher, filters: Filters) -> None:
    result = searcher.search("gift for a guitar player", filters, k=20)
    mask = filter_mask(searcher.catalog.columns, filters)
    assert mask is not None and result.matching == int(mask.sum()) > 0
    assert len(result.hits) == min(20, result.matching)
    for hit in result.hits:
        assert mask[searcher.catalog.position(hit.product.id)]
        if filters.max_price is not None:
            assert hit.product.price is not None and hit.product.price.amount <= filters.max_price


@pytest.mark.parametrize("path", ["scan", "ann"])
@pytest.mark.parametrize(
    "filters",
    [Filters(departments=("Toys & Games",)), Filters(min_price=Decimal(1)),
     Filters(departments=("Musical Instruments", "Kindle Store"), max_price=Decimal(30))],
    ids=["department", "price", "two-departments+price"],
)  # fmt: skip
def test_filtered_dense_search_equals_exact_search(
    searcher: HybridSearcher, filters: Filters, path: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every filtered path (row gather, department slices, ANN over-fetch) agrees with brute force."""
    if path == "ann":  # force the ANN over-fetch that large catalogs take
        monkeypatch.setattr(searcher, "exact_scan_max_rows", 0)
        monkeypatch.setattr(searcher, "slice_scan_max_rows", 0)
    query = "wooden puzzle for children"
    result = searcher.search(query, filters, k=10, mode="semantic")
    mask = filter_mask(searcher.catalog.columns, filters)
    assert mask is not None
    sims = searcher.vectors @ searcher.embedder.embed_query(query)
    sims[~mask] = -np.inf
    expected = [searcher.catalog.products[i].id for i in np.argsort(-sims)[:10]]
    assert [h.product.id for h in result.hits] == expected


def test_nothing_matches_gives_an_empty_page(searcher: HybridSearcher) -> None:
    result = searcher.search("guitar", Filters(brands=("no such brand",)))
    assert result.hits == () and result.matching == 0
