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
from retrieval.fusion import convex_combination, reciprocal_rank_fusion
from retrieval.lexical import LexicalIndex
from retrieval.semantic import SemanticIndex

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "lexical", "semantic"]
Fusion = Literal["convex", "rrf"]

# Below this share of the catalog passing the filters, the exact in-memory scan over the allowed
# rows is cheaper than over-fetching from the ANN index and post-filtering.
EXACT_SCAN_BELOW = 0.25


class ScoreParts(BaseModel):
    """How a hit scored in each retriever; None where that retriever did not retrieve it."""

    model_config = ConfigDict(frozen=True)

    lexical: float | None = Field(description="BM25 score")
    lexical_rank: int | None = Field(description="1-based rank among BM25 candidates")
    semantic: float | None = Field(description="Cosine similarity of query and product vectors")
    semantic_rank: int | None = Field(description="1-based rank among dense candidates")
    fused: float = Field(description="The fused score the ranking is sorted by")
    matched_terms: tuple[str, ...] = Field(default=(), description="Stemmed query terms in the text")


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
    took_ms: float


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
        fusion: Fusion = "convex",
        alpha: float = 0.5,
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

    def _dense_candidates(
        self, query_vector: np.ndarray, mask: np.ndarray | None, notices: list[str]
    ) -> np.ndarray:
        n = self.candidates
        allowed = len(self.catalog) if mask is None else int(mask.sum())
        if allowed == 0:
            return np.zeros(0, dtype=np.int64)
        if self.semantic is not None and allowed / len(self.catalog) >= EXACT_SCAN_BELOW:
            share = allowed / len(self.catalog)
            fetch = min(len(self.catalog), math.ceil(n / share * 1.5))
            try:
                neighbours = self.semantic.query(query_vector, fetch)
            except SemanticIndexUnavailable as exc:
                log.warning("semantic index unavailable, scanning vectors in memory: %s", exc)
                notices.append("semantic index unavailable: dense scores from the in-memory scan")
            else:
                rows = np.array(
                    [self.catalog.position(nb.product_id) for nb in neighbours
                     if nb.product_id in self.catalog], dtype=np.int64,
                )  # fmt: skip
                if mask is not None:
                    rows = rows[mask[rows]]
                if len(rows) >= min(n, allowed) or len(neighbours) < fetch:
                    return rows[:n]
        rows = np.arange(len(self.catalog)) if mask is None else np.flatnonzero(mask)
        sims = self.vectors[rows] @ query_vector
        top = min(n, len(rows))
        best = np.argpartition(-sims, top - 1)[:top]
        return rows[best[np.argsort(-sims[best])]]

    def search(
        self, query: str, filters: Filters | None = None, k: int = 10, mode: Mode = "hybrid"
    ) -> SearchResult:
        """The k best products for the query among those that pass the filters."""
        started = time.perf_counter()
        filters = filters or Filters()
        mask = filter_mask(self.catalog.columns, filters)
        matching = len(self.catalog) if mask is None else int(mask.sum())
        notices: list[str] = []

        lexical_rows = np.zeros(0, dtype=np.int64)
        lex_all = np.zeros(0, dtype=np.float32)
        if mode in ("hybrid", "lexical"):
            lex_all = self.lexical.scores(query)
            if mask is not None:
                lex_all = np.where(mask, lex_all, 0.0)
            positive = np.flatnonzero(lex_all > 0)
            if len(positive) > self.candidates:
                part = np.argpartition(-lex_all[positive], self.candidates - 1)[: self.candidates]
                positive = positive[part]
            lexical_rows = positive[np.argsort(-lex_all[positive], kind="stable")]

        dense_rows = np.zeros(0, dtype=np.int64)
        query_vector = None
        if mode in ("hybrid", "semantic"):
            query_vector = self.embedder.embed_query(query)
            dense_rows = self._dense_candidates(query_vector, mask, notices)

        rows = np.array(list(dict.fromkeys([*lexical_rows.tolist(), *dense_rows.tolist()])), np.int64)
        lex_rank = {int(r): i + 1 for i, r in enumerate(lexical_rows)}
        dense_rank = {int(r): i + 1 for i, r in enumerate(dense_rows)}
        lexical = np.array([lex_all[r] if r in lex_rank else np.nan for r in rows], dtype=np.float64)
        semantic = np.full(len(rows), np.nan)
        if query_vector is not None and len(rows):
            exact = self.vectors[rows] @ query_vector
            semantic = np.where([r in dense_rank for r in rows], exact, np.nan)
        if mode == "lexical":
            fused = np.nan_to_num(lexical, nan=-np.inf)
        elif mode == "semantic":
            fused = np.nan_to_num(semantic, nan=-np.inf)
        elif self.fusion == "rrf":
            fused = reciprocal_rank_fusion(lexical, semantic)
        else:
            fused = convex_combination(lexical, semantic, self.alpha)
        order = np.argsort(-fused, kind="stable")[:k]
        terms = tuple(self.lexical.query_terms(query)) if mode != "semantic" else ()
        hits = []
        for rank, i in enumerate(order, start=1):
            row = int(rows[i])
            hits.append(
                Hit(
                    product=self.catalog.products[row],
                    rank=rank,
                    parts=ScoreParts(
                        lexical=None if np.isnan(lexical[i]) else float(lexical[i]),
                        lexical_rank=lex_rank.get(row),
                        semantic=None if np.isnan(semantic[i]) else float(semantic[i]),
                        semantic_rank=dense_rank.get(row),
                        fused=float(fused[i]),
                        matched_terms=terms if row in lex_rank else (),
                    ),
                )
            )
        return SearchResult(
            query=query, mode=mode, hits=tuple(hits), candidates=len(rows), matching=matching,
            notices=tuple(notices), took_ms=(time.perf_counter() - started) * 1000,
        )  # fmt: skip
