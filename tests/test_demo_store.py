"""The demo store from the real files: every row loaded and checked, then an eighth of it (every
department) built cold and re-synced warm. Embedding all ~29k products takes over 15 minutes on a
2-core machine; `./scripts/serve.sh` does that once, and the slice runs the same path."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from retrieval import Catalog, Filters
from retrieval.embedders import Embedder
from tests.conftest import make_retrieval

pytestmark = pytest.mark.slow


def test_demo_store_cold_build_then_warm_resync(
    tmp_path_factory: pytest.TempPathFactory,
    data_dir: Path,
    onnx_embedder: Embedder,
    demo_catalog: Catalog,
) -> None:
    retrieval = make_retrieval(tmp_path_factory.mktemp("demo"), data_dir, onnx_embedder)
    catalog, reports = retrieval.load_sources()
    assert len(catalog) == len(demo_catalog) == 28919
    assert sum(len(r.errors) for r in reports) == 1  # the Vespa row without a title, reported
    part = Catalog(p for i, p in enumerate(catalog) if i % 8 == 0)
    assert {p.department for p in part} == {p.department for p in catalog}
    cold, _ = retrieval.sync(part)
    print(f"cold build: {cold.summary()}")
    assert cold.added == cold.embedded == len(part)
    warm, _ = retrieval.sync(part)
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
