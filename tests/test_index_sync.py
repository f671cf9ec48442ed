"""Indexing into real embedded Chroma: idempotent, incremental, self-repairing.

The first test counts what a cold sync embeds; the others start from the session's vectors."""

from __future__ import annotations

from pathlib import Path

from retrieval import Catalog
from retrieval.embedders import Embedder
from retrieval.text import embedding_text
from retrieval.vector_cache import VectorCache
from tests.conftest import make_retrieval


def test_sync_is_idempotent_and_incremental(
    tmp_path: Path, data_dir: Path, onnx_embedder: Embedder, small_catalog: Catalog
) -> None:
    retrieval = make_retrieval(tmp_path, data_dir, onnx_embedder)
    first, _ = retrieval.sync(small_catalog)
    distinct_texts = {embedding_text(p) for p in small_catalog}
    assert first.added == len(small_catalog) and first.embedded == len(distinct_texts)
    assert retrieval.semantic.count() == len(small_catalog)

    again, _ = retrieval.sync(small_catalog)
    assert (again.added, again.changed, again.removed, again.embedded) == (0, 0, 0, 0)
    assert again.unchanged == len(small_catalog)

    edited = small_catalog.products[3].model_copy(
        update={"title": "Completely new title for a test"}
    )
    products = list(small_catalog.products)
    products[3] = edited
    removed = products.pop(10)
    changed, _ = retrieval.sync(Catalog(products))
    assert (changed.added, changed.changed, changed.removed, changed.embedded) == (0, 1, 1, 1)
    assert retrieval.semantic.count() == len(products)
    indexed, _ = retrieval.catalog_db.load()
    assert indexed.get(edited.id).title == edited.title and removed.id not in indexed


def test_removed_products_can_be_kept(
    tmp_path: Path,
    data_dir: Path,
    onnx_embedder: Embedder,
    small_catalog: Catalog,
    shared_vectors: VectorCache,
) -> None:
    retrieval = make_retrieval(tmp_path, data_dir, onnx_embedder, vectors=shared_vectors)
    retrieval.sync(small_catalog)
    fewer = Catalog(small_catalog.products[:-5])
    report, _ = retrieval.sync(fewer, delete_removed=False)
    assert report.removed == 0 and report.kept_removed == 5
    assert retrieval.catalog_db.count() == len(small_catalog)


def test_sync_repairs_vectors_lost_from_chroma(
    tmp_path: Path,
    data_dir: Path,
    onnx_embedder: Embedder,
    small_catalog: Catalog,
    shared_vectors: VectorCache,
) -> None:
    retrieval = make_retrieval(tmp_path, data_dir, onnx_embedder, vectors=shared_vectors)
    retrieval.sync(small_catalog)
    lost = list(small_catalog.ids[:7])
    retrieval.semantic.delete(lost)
    report, _ = retrieval.sync(small_catalog)
    assert report.chroma_repaired == 7 and report.embedded == 0
    assert retrieval.semantic.ids() >= set(lost)


def test_vector_cache_survives_a_lost_index(
    tmp_path: Path,
    data_dir: Path,
    onnx_embedder: Embedder,
    small_catalog: Catalog,
    shared_vectors: VectorCache,
) -> None:
    first = make_retrieval(tmp_path / "a", data_dir, onnx_embedder, vectors=shared_vectors)
    first.sync(small_catalog)
    # A second state folder sharing only the vector cache file embeds nothing.
    second = make_retrieval(tmp_path / "b", data_dir, onnx_embedder)
    second.__dict__["vector_cache"] = first.vector_cache
    report, _ = second.sync(small_catalog)
    assert report.embedded == 0 and report.added == len(small_catalog)
