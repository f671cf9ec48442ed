"""Hybrid search: BM25 and dense candidates, hard filters, fusion into one typed ranking."""

from __future__ import annotations

import logging
import math
import time
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from retrieval.catalog import Catalog, Product
from retrieval.embedders import Embedder
from retrieval.errors import SemanticIndexUnavailable
from retrieval.filters import Filters, filter_mask
from retrieval.fusion import convex_combination, reciprocal_rank_fusion, tm2c2
from retrieval.lexical import LexicalIndex
from retrieval.multilingual import Channel
from retrieval.semantic import SemanticIndex
from retrieval.vocabulary import language_of

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "lexical", "semantic"]
Fusion = Literal["tm2c2", "convex", "rrf"]

# Up to this many products passing the filters, an exact scan of their vectors is cheaper than
# over-fetching from the ANN index and post-filtering (measured by `shoptalk bench retrieval`).
EXACT_SCAN_MAX_ROWS = 5_000
# Department filters scan their contiguous block of vectors (a view, ~0.1 us a row: 100k rows
# ~8 ms, steadier than an ANN over-fetch that the filter may defeat) when the
# block is at most this long; longer blocks go through the ANN index first.
SLICE_SCAN_MAX_ROWS = 100_000
# The deepest ANN over-fetch for a filtered query (an HNSW query for 1,000 took ~6 ms at 200k).
ANN_MAX_FETCH = 1_000
# A filtered ANN query that yields at least this many passing products is not topped up by a
# full scan: the lexical list and the fusion still see them.
MIN_DENSE_CANDIDATES = 20


class ScoreParts(BaseModel):
    """How a hit scored in each retriever; None where that retriever did not retrieve it."""

    model_config = ConfigDict(frozen=True)

    lexical: float | None = Field(
        description="BM25 score (0: no query term); None in semantic mode"
    )
    lexical_rank: int | None = Field(
        description="1-based rank in the BM25 candidate list, if in it"
    )
    semantic: float | None = Field(description="Cosine similarity; None in lexical mode")
    semantic_rank: int | None = Field(
        description="1-based rank in the dense candidate list, if in it"
    )
    fused: float = Field(description="The fused score the ranking is sorted by")
    matched_terms: tuple[str, ...] = Field(
        default=(), description="Stemmed query terms in the text"
    )


class Hit(BaseModel):
    """One product in a search result, with its score parts."""

    model_config = ConfigDict(frozen=True)

    product: Product
    rank: int
    parts: ScoreParts


class SearchResult(BaseModel):
    """A ranked page of hits plus what a caller needs to judge it."""

    model_config = ConfigDict(frozen=True)

    query: str
    mode: Mode
    hits: tuple[Hit, ...]
    candidates: int = Field(description="Distinct products scored before the cut to k")
    matching: int = Field(description="Products that pass the filters")
    notices: tuple[str, ...] = Field(default=(), description="Degradations, said out loud")
    language: str = Field(default="en", description="ISO code of the query's language, as read")
    dense: Literal["english", "multilingual"] | None = Field(
        default=None,
        description="Which dense model ranked: 'english' (MiniLM) or 'multilingual' (e5, for "
        "queries in other languages); None in lexical mode",
    )
    took_ms: float


def department_blocks(codes: np.ndarray) -> dict[int, tuple[int, int]] | None:
    """Row range of each department when the catalog is sorted by department, else None."""
    if len(codes) == 0 or np.any(np.diff(codes) < 0):
        return None
    starts = np.flatnonzero(np.r_[True, np.diff(codes) != 0])
    ends = np.r_[starts[1:], len(codes)]
    return {int(codes[a]): (int(a), int(b)) for a, b in zip(starts, ends, strict=True)}


class HybridSearcher:
    """Searches one catalog with BM25, a Chroma index and fusion; rows align with the catalog."""

    def __init__(
        self,
        catalog: Catalog,
        lexical: LexicalIndex,
        semantic: SemanticIndex | None,
        embedder: Embedder,
        vectors: np.ndarray,
        candidates: int = 100,
        fusion: Fusion = "tm2c2",
        alpha: float = 0.5,
        exact_scan_max_rows: int = EXACT_SCAN_MAX_ROWS,
        slice_scan_max_rows: int = SLICE_SCAN_MAX_ROWS,
        multilingual_alpha: float = 0.8,
    ) -> None:
        if vectors.shape[0] != len(catalog) or lexical.size != len(catalog):
            raise ValueError("catalog, lexical index and vectors must have one row per product")
        self.catalog = catalog
        self.lexical = lexical
        self.semantic = semantic
        self.embedder = embedder
        self.vectors = vectors
        self.candidates = candidates
        self.fusion = fusion
        self.alpha = alpha
        self.exact_scan_max_rows = exact_scan_max_rows
        self.slice_scan_max_rows = slice_scan_max_rows
        #: The dense channel for queries in other languages, attached once built (or None).
        self.multilingual: Channel | None = None
        #: Its fusion weight: other languages' words rarely match BM25 (measured in the README).
        self.multilingual_alpha = multilingual_alpha
        self._department_blocks = department_blocks(catalog.columns.department)

    def _blocks(self, filters: Filters) -> list[tuple[int, int]]:
        """Row ranges that can hold a match: the filtered departments' blocks, or everything."""
        if not filters.departments or self._department_blocks is None:
            return [(0, len(self.catalog))]
        names = {d.strip().lower() for d in filters.departments}
        cols = self.catalog.columns
        return [
            self._department_blocks[code]
            for code, name in enumerate(cols.departments)
            if name.lower() in names and code in self._department_blocks
        ]

    def _dense_candidates(
        self,
        query_vector: np.ndarray,
        filters: Filters,
        mask: np.ndarray | None,
        notices: list[str],
        channel: Channel | None = None,
    ) -> np.ndarray:
        """Rows of the nearest products that pass the mask, best first.

        Unfiltered: the ANN index. Filtered, the cheapest exact way first: a scan of the rows
        that pass when they are few, or of the filtered departments' contiguous blocks when
        those are small; otherwise the ANN index over-fetched in proportion to the share that
        the filters remove, with an exact scan only when that leaves too few candidates. The
        multilingual channel has no ANN index: its vectors are always scanned.
        """
        n = self.candidates
        total = len(self.catalog)
        allowed = total if mask is None else int(mask.sum())
        if allowed == 0:
            return np.zeros(0, dtype=np.int64)
        blocks = self._blocks(filters)
        block_rows = sum(end - start for start, end in blocks)
        if channel is not None:
            return self._exact_scan(
                query_vector, mask, blocks, allowed, block_rows, channel.vectors
            )
        if mask is not None and (
            allowed <= self.exact_scan_max_rows or block_rows <= self.slice_scan_max_rows
        ):
            return self._exact_scan(query_vector, mask, blocks, allowed, block_rows, self.vectors)
        if self.semantic is not None:
            fetch = min(total, ANN_MAX_FETCH, max(n, math.ceil(n * total / allowed * 1.2)))
            try:
                neighbours = self.semantic.query(query_vector, fetch)
            except SemanticIndexUnavailable as exc:
                log.warning("semantic index unavailable, scanning vectors in memory: %s", exc)
                notices.append(
                    "semantic index unavailable: dense candidates from an in-memory scan"
                )
            else:
                position = self.catalog.position
                rows = np.array(
                    [position(nb.product_id) for nb in neighbours if nb.product_id in self.catalog],
                    dtype=np.int64,
                )
                if mask is not None:
                    rows = rows[mask[rows]]
                if len(rows) >= min(n, allowed) or len(rows) >= MIN_DENSE_CANDIDATES:
                    return rows[:n]
        return self._exact_scan(query_vector, mask, blocks, allowed, block_rows, self.vectors)

    def _exact_scan(
        self, query_vector: np.ndarray, mask: np.ndarray | None, blocks: list[tuple[int, int]],
        allowed: int, block_rows: int, vectors: np.ndarray,
    ) -> np.ndarray:  # fmt: skip
        if mask is not None and allowed * 4 < block_rows:
            rows = np.flatnonzero(mask)  # few rows pass: gather just those
            sims = vectors[rows] @ query_vector
        else:  # contiguous slices are views: no copy of the matrix
            rows = np.concatenate([np.arange(a, b) for a, b in blocks])
            sims = np.concatenate([vectors[a:b] @ query_vector for a, b in blocks])
            if mask is not None:
                keep = mask[rows]
                rows, sims = rows[keep], sims[keep]
        top = min(self.candidates, len(rows))
        if top == 0:
            return np.zeros(0, dtype=np.int64)
        best = np.argpartition(-sims, top - 1)[:top]
        return rows[best[np.argsort(-sims[best])]]

    def _fuse(self, lexical: np.ndarray, semantic: np.ndarray, in_lexical: np.ndarray,
              in_semantic: np.ndarray, mode: Mode, alpha: float) -> np.ndarray:  # fmt: skip
        if mode == "lexical":
            return lexical
        if mode == "semantic":
            return semantic
        if self.fusion == "rrf":  # rank-based: only list membership counts
            return reciprocal_rank_fusion(
                np.where(in_lexical, lexical, np.nan), np.where(in_semantic, semantic, np.nan)
            )
        if self.fusion == "convex":
            return convex_combination(lexical, semantic, alpha)
        return tm2c2(lexical, semantic, alpha)

    def language(self, query: str) -> str:
        """The query's language: another language only when the identifier says so and, for a
        Latin-script query, at most half of its words are common in the catalog."""
        language = language_of(query)
        if language in ("en", "zh", "ja", "ko"):
            return language
        return "en" if self.lexical.common_share(query, language) > 0.5 else language

    def _channel(self, language: str, use_semantic: bool, notices: list[str]) -> Channel | None:
        """The multilingual channel for a query in another language, when it is built."""
        if not use_semantic or language == "en":
            return None
        if self.multilingual is None:
            notices.append(
                f"the query reads as '{language}' and the multilingual index is not built yet: "
                "searched with the English model"
            )
        return self.multilingual

    def search(
        self, query: str, filters: Filters | None = None, k: int = 10, mode: Mode = "hybrid",
        language: str | None = None,
    ) -> SearchResult:  # fmt: skip
        """The k best products for the query among those that pass the filters.

        Candidates are the union of the BM25 and the dense top lists; each candidate is then
        scored exactly by both retrievers before fusion, so a product found by one retriever
        is not penalised for being just outside the other's list. A query in another language
        (`language`, else read from the words) is embedded by the multilingual channel.
        """
        started = time.perf_counter()
        filters = filters or Filters()
        mask = filter_mask(self.catalog.columns, filters)
        matching = len(self.catalog) if mask is None else int(mask.sum())
        notices: list[str] = []
        use_lexical, use_semantic = mode in ("hybrid", "lexical"), mode in ("hybrid", "semantic")
        language = language or self.language(query)
        channel = self._channel(language, use_semantic, notices)
        embedder = channel.embedder if channel else self.embedder
        vectors = channel.vectors if channel else self.vectors

        lexical_rows = np.zeros(0, dtype=np.int64)
        lex_all = np.zeros(len(self.catalog), dtype=np.float32)
        terms = self.lexical.query_terms(query, language) if use_lexical else []
        if terms and matching:
            lex_all = self.lexical.scores(query, language)
            if mask is not None:
                lex_all = np.where(mask, lex_all, 0.0)
            positive = np.flatnonzero(lex_all > 0)
            if len(positive) > self.candidates:
                part = np.argpartition(-lex_all[positive], self.candidates - 1)[: self.candidates]
                positive = positive[part]
            lexical_rows = positive[np.argsort(-lex_all[positive], kind="stable")]

        dense_rows = np.zeros(0, dtype=np.int64)
        query_vector = None
        if use_semantic and matching:
            query_vector = embedder.embed_query(query)
            dense_rows = self._dense_candidates(query_vector, filters, mask, notices, channel)

        rows = np.array(
            list(dict.fromkeys([*lexical_rows.tolist(), *dense_rows.tolist()])), np.int64
        )
        lex_rank = {int(r): i + 1 for i, r in enumerate(lexical_rows)}
        dense_rank = {int(r): i + 1 for i, r in enumerate(dense_rows)}
        lexical = lex_all[rows].astype(np.float64)
        semantic = (
            (vectors[rows] @ query_vector).astype(np.float64)
            if query_vector is not None and len(rows) else np.zeros(len(rows))
        )  # fmt: skip
        in_lexical = np.isin(rows, lexical_rows)
        in_semantic = np.isin(rows, dense_rows)
        alpha = self.multilingual_alpha if channel else self.alpha
        fused = self._fuse(lexical, semantic, in_lexical, in_semantic, mode, alpha)
        order = np.argsort(-fused, kind="stable")[:k]
        hits = []
        for rank, i in enumerate(order, start=1):
            row = int(rows[i])
            product = self.catalog.products[row]
            hits.append(
                Hit(
                    product=product,
                    rank=rank,
                    parts=ScoreParts(
                        lexical=float(lexical[i]) if use_lexical else None,
                        lexical_rank=lex_rank.get(row),
                        semantic=float(semantic[i]) if use_semantic else None,
                        semantic_rank=dense_rank.get(row),
                        fused=float(fused[i]),
                        matched_terms=self.lexical.matched_terms(terms, row) if terms else (),
                    ),
                )
            )
        return SearchResult(
            query=query, mode=mode, hits=tuple(hits), candidates=len(rows), matching=matching,
            notices=tuple(notices), language=language,
            dense=("multilingual" if channel else "english") if use_semantic else None,
            took_ms=(time.perf_counter() - started) * 1000,
        )  # fmt: skip
