"""Composes the retrieval parts from configuration: the one place that opens files and clients."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from retrieval.catalog import Catalog
from retrieval.config import RetrievalConfig
from retrieval.embedders import E5Embedder, Embedder, ProgressFn, make_embedder
from retrieval.lexical import LexicalIndex
from retrieval.loaders import LoadReport, load_catalog
from retrieval.multilingual import Channel, build_channel, cached_channel
from retrieval.search import HybridSearcher
from retrieval.semantic import HNSW_TAG, SemanticIndex, chroma_client
from retrieval.store import CatalogDB, SyncReport, load_vectors, sync_index
from retrieval.text import lexical_text
from retrieval.vector_cache import VectorCache

log = logging.getLogger(__name__)


class Retrieval:
    """The retrieval stack for one state folder (`home`) and one configuration."""

    def __init__(self, config: RetrievalConfig, home: Path, data_dir: Path) -> None:
        self.config = config
        self.home = home
        self.data_dir = data_dir
        #: Titles embedded / to embed by a running multilingual build; None when none runs.
        self.multilingual_progress: tuple[int, int] | None = None

    @cached_property
    def embedder(self) -> Embedder:
        c = self.config
        return make_embedder(
            c.embedding_backend, c.embedding_model, self.home / "models" / "onnx",
            c.embedding_max_tokens, c.embedding_threads,
        )  # fmt: skip

    @cached_property
    def multilingual_embedder(self) -> Embedder:
        return E5Embedder(max_tokens=48, threads=self.config.multilingual_threads)

    @cached_property
    def vector_cache(self) -> VectorCache:
        return VectorCache(self.home / "vectors.sqlite")

    @cached_property
    def catalog_db(self) -> CatalogDB:
        return CatalogDB(self.home / "catalog.sqlite")

    @cached_property
    def chroma(self) -> Any:
        return chroma_client(self.home / "chroma", self.config.chroma_url)

    @property
    def collection_name(self) -> str:
        name = f"{self.config.collection}-{self.embedder.name}-{HNSW_TAG}"
        return re.sub(r"[^a-zA-Z0-9._-]", "-", name)[:500]

    @cached_property
    def semantic(self) -> SemanticIndex:
        return SemanticIndex(
            self.chroma, self.collection_name, self.embedder.name, self.embedder.dim
        )

    def load_sources(self) -> tuple[Catalog, list[LoadReport]]:
        return load_catalog(self.config.resolved_sources(self.data_dir))

    def sync(
        self,
        catalog: Catalog | None = None,
        delete_removed: bool = True,
        progress: Callable[[int], ProgressFn] | None = None,
    ) -> tuple[SyncReport, list[LoadReport]]:
        """Load the configured catalog files and bring the index in step with them."""
        reports: list[LoadReport] = []
        if catalog is None:
            catalog, reports = self.load_sources()
        report = sync_index(
            catalog, self.catalog_db, self.vector_cache, self.embedder, self.semantic,
            delete_removed=delete_removed, progress=progress,
        )  # fmt: skip
        return report, reports

    def searcher(self) -> HybridSearcher:
        """A searcher over the indexed catalog (run `sync` first)."""
        catalog, keys = self.catalog_db.load()
        vectors = load_vectors(self.vector_cache, keys, self.embedder.dim)
        lexical = LexicalIndex([lexical_text(p) for p in catalog])
        c = self.config
        searcher = HybridSearcher(
            catalog, lexical, self.semantic, self.embedder, vectors,
            candidates=c.candidates, fusion=c.fusion, alpha=c.alpha,
            multilingual_alpha=c.multilingual_alpha,
        )  # fmt: skip
        if c.multilingual:
            searcher.multilingual = cached_channel(
                catalog, self.vector_cache, self.multilingual_embedder
            )
        return searcher

    def build_multilingual(
        self, searcher: HybridSearcher, progress: Callable[[int], ProgressFn] | None = None
    ) -> Channel:
        """Embed the titles the multilingual channel lacks and attach it to `searcher`."""
        channel = build_channel(
            searcher.catalog, self.vector_cache, self.multilingual_embedder, progress
        )
        searcher.multilingual = channel
        return channel

    def build_multilingual_in_background(self, searcher: HybridSearcher) -> threading.Thread | None:
        """Start the multilingual build on a daemon thread, logging every tenth of the way;
        None when the channel is already attached or switched off."""
        if not self.config.multilingual or searcher.multilingual is not None:
            return None

        def progress(total: int) -> ProgressFn:
            self.multilingual_progress = (0, total)
            log.info("multilingual channel: embedding %d titles in the background", total)

            def tick(n: int) -> None:
                done = self.multilingual_progress[0] if self.multilingual_progress else 0
                self.multilingual_progress = (done + n, total)
                if (done + n) * 10 // total > done * 10 // total:
                    log.info("multilingual channel: %d/%d titles embedded", done + n, total)

            return tick

        def run() -> None:
            try:
                self.build_multilingual(searcher, progress)
            except Exception:  # the English channel keeps serving; the failure is logged
                log.exception("multilingual channel build failed; other languages use MiniLM")
            finally:
                self.multilingual_progress = None

        thread = threading.Thread(target=run, name="multilingual-build", daemon=True)
        thread.start()
        return thread
