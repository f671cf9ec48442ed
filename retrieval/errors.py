"""Errors of the retrieval package: each says what was wrong and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class RetrievalError(Exception):
    """Base class for every error raised by the retrieval package."""


@dataclass(frozen=True)
class RowError:
    """One rejected catalog row: where it is and what is wrong with it."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: {self.field}: {self.message}"


class CatalogFileError(RetrievalError):
    """A catalog file cannot be read at all (missing, unreadable, unknown format)."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"catalog file {path}: {problem}")
        self.path = str(path)


class UnknownProductError(RetrievalError):
    """A product id that the catalog does not hold."""

    def __init__(self, product_id: str) -> None:
        super().__init__(
            f"product {product_id!r} is not in the catalog; search for products with /v1/search"
        )
        self.product_id = product_id


class IndexNotReadyError(RetrievalError):
    """The search index has not been built for this catalog yet."""


class InvalidFilterError(RetrievalError):
    """A search filter that cannot be satisfied as written (e.g. min price above max price)."""


class SemanticIndexUnavailable(RetrievalError):
    """The vector store (Chroma) cannot be reached."""
