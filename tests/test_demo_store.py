"""The whole demo store, built cold from the real files (slow: embeds ~29k products)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from retrieval import Catalog, Filters
from retrieval.embedders import Embedder
from tests.conftest import make_retrieval

pytestmark = pytest.mark.slow


@pytest.mark.timeout(2400)  # embedding ~29k products took over 15 minutes on a 2-core AVX2 machine
def test_demo_store_cold_build_then_warm_resync(
    tmp_path_factory: pytest.TempPathFactory,
    data_dir: Path,
    onnx_embedder: Embedder,
    demo_catalog: Catalog,
) -> None:
    retrieval = make_retrieval(tmp_path_factory.mktemp("demo"), data_dir, onnx_embedder)
    cold, reports = retrieval.sync()
    print(f"cold build: {cold.summary()}")
    assert cold.added == len(demo_catalog) == 28919
    assert sum(len(r.errors) for r in reports) == 1  # the Vespa row without a title, reported
    warm, _ = retrieval.sync()
    print(f"warm re-sync: {warm.summary()}")
    assert (warm.added, warm.changed, warm.removed, warm.embedded, warm.chroma_repaired) == (
        0,
        0,
        0,
        0,
        0,
    )

    searcher = retrieval.searcher()
    result = searcher.search("dive light", Filters(max_price=Decimal(50)), k=10)
    assert len(result.hits) == 10
    assert all(h.product.price is not None and h.product.price.amount <= 50 for h in result.hits)
    kindle = searcher.search("romance novel", Filters(departments=("Kindle Store",)), k=10)
    assert kindle.hits and all(h.product.department == "Kindle Store" for h in kindle.hits)
