"""Catalog, embeddings, indexes and hybrid search."""

from retrieval.catalog import Catalog, Price, Product
from retrieval.config import RetrievalConfig
from retrieval.embedders import EMBEDDER_BACKENDS, Embedder, make_embedder
from retrieval.errors import (
    CatalogFileError,
    IndexNotReadyError,
    InvalidFilterError,
    RetrievalError,
    RowError,
    SemanticIndexUnavailable,
    UnknownProductError,
)
from retrieval.filters import Filters
from retrieval.loaders import CatalogSource, LoadReport, load_catalog
from retrieval.search import Hit, HybridSearcher, ScoreParts, SearchResult
from retrieval.service import Retrieval

__all__ = [
    "EMBEDDER_BACKENDS",
    "Catalog",
    "CatalogFileError",
    "CatalogSource",
    "Embedder",
    "Filters",
    "Hit",
    "HybridSearcher",
    "IndexNotReadyError",
    "InvalidFilterError",
    "LoadReport",
    "Price",
    "Product",
    "Retrieval",
    "RetrievalConfig",
    "RetrievalError",
    "RowError",
    "ScoreParts",
    "SearchResult",
    "SemanticIndexUnavailable",
    "UnknownProductError",
    "load_catalog",
    "make_embedder",
]
