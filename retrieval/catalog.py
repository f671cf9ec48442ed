"""The typed product and the in-memory catalog with its columnar view for fast filtering."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Annotated

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, field_validator

from retrieval.ages import age_columns
from retrieval.errors import UnknownProductError

UNCATEGORIZED = "Uncategorized"


#: An amount of money: exact in Python, a plain number in JSON.
Money = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]


class Price(BaseModel):
    """A price in major units of a currency (12.99 USD)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Money = Field(ge=0, description="Price in major units, e.g. 12.99")
    currency: str = Field(default="USD", min_length=3, max_length=3, description="ISO 4217 code")

    def __str__(self) -> str:
        symbol = "$" if self.currency == "USD" else f"{self.currency} "
        return f"{symbol}{self.amount:,.2f}"


class Product(BaseModel):
    """One product of the store, as every other part of ShopTalk sees it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, description="Store-wide unique id, '<source>:<native id>'")
    title: str = Field(min_length=1)
    description: str = ""
    brand: str | None = None
    category: tuple[str, ...] = Field(default=(), description="Category path, department first")
    price: Price | None = Field(default=None, description="None means 'price not listed'")
    rating: float | None = Field(default=None, ge=0, le=5)
    rating_count: int | None = Field(default=None, ge=0)
    in_stock: bool | None = Field(default=None, description="None means unknown")
    attributes: dict[str, str] = Field(default_factory=dict)
    source: str = Field(min_length=1, description="Which catalog file the product came from")

    @field_validator("title", "description")
    @classmethod
    def _strip(cls, value: str) -> str:
        return value.strip()

    @property
    def department(self) -> str:
        """The top level of the category path."""
        return self.category[0] if self.category else UNCATEGORIZED

    @property
    def price_label(self) -> str:
        """The price as a shopper reads it."""
        return str(self.price) if self.price is not None else "price not listed"

    def content_hash(self) -> str:
        """A digest of every field, to tell whether a product changed between two loads."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Columns:
    """Per-product columns aligned with `Catalog.products`, for vectorised filtering."""

    price: np.ndarray  # float64, NaN where not listed
    rating: np.ndarray  # float64, NaN where unknown
    rating_count: np.ndarray  # float64, NaN where unknown
    in_stock: np.ndarray  # int8: 1 in stock, 0 out of stock, -1 unknown
    department: np.ndarray  # int32 codes into `departments`
    brand: np.ndarray  # int32 codes into `brands` (lower-case), -1 when no brand
    category: np.ndarray  # int32 codes into `category_paths`
    departments: tuple[str, ...]
    brands: tuple[str, ...]
    category_paths: tuple[str, ...]  # distinct "a > b > c", lower-case, for prefix filters


class Catalog:
    """An immutable, ordered set of products with lookups by id and a columnar view."""

    def __init__(self, products: Iterable[Product]) -> None:
        self.products: tuple[Product, ...] = tuple(products)
        self._index = {p.id: i for i, p in enumerate(self.products)}
        if len(self._index) != len(self.products):
            seen: set[str] = set()
            dupes = [p.id for p in self.products if p.id in seen or seen.add(p.id)]  # type: ignore[func-returns-value]
            raise ValueError(f"duplicate product ids in catalog: {dupes[:5]}")

    def __len__(self) -> int:
        return len(self.products)

    def __iter__(self) -> Iterator[Product]:
        return iter(self.products)

    def __contains__(self, product_id: object) -> bool:
        return product_id in self._index

    def get(self, product_id: str) -> Product:
        """The product with this id, or UnknownProductError."""
        try:
            return self.products[self._index[product_id]]
        except KeyError:
            raise UnknownProductError(product_id) from None

    def position(self, product_id: str) -> int:
        """Row number of a product in the columnar view."""
        try:
            return self._index[product_id]
        except KeyError:
            raise UnknownProductError(product_id) from None

    def by_department(self) -> Catalog:
        """The same products ordered by department (stable), so each department is one block of rows."""
        return Catalog(sorted(self.products, key=lambda p: p.department))

    @cached_property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.products)

    @cached_property
    def ages(self) -> tuple[np.ndarray, np.ndarray]:
        """The youngest and oldest age (years; 99: "and up") each product states, NaN where it
        states none; computed on first use (a scan of every title and description start)."""
        return age_columns((p.title, p.description) for p in self.products)

    @cached_property
    def columns(self) -> Columns:
        departments = sorted({p.department for p in self.products})
        brands = sorted({p.brand.strip().lower() for p in self.products if p.brand})
        dep_code = {d: i for i, d in enumerate(departments)}
        brand_code = {b: i for i, b in enumerate(brands)}
        paths = sorted({" > ".join(p.category).lower() for p in self.products})
        path_code = {c: i for i, c in enumerate(paths)}
        n = len(self.products)
        price = np.full(n, np.nan)
        rating = np.full(n, np.nan)
        rating_count = np.full(n, np.nan)
        stock = np.full(n, -1, dtype=np.int8)
        dep = np.zeros(n, dtype=np.int32)
        brand = np.full(n, -1, dtype=np.int32)
        category = np.zeros(n, dtype=np.int32)
        for i, p in enumerate(self.products):
            if p.price is not None:
                price[i] = float(p.price.amount)
            if p.rating is not None:
                rating[i] = p.rating
            if p.rating_count is not None:
                rating_count[i] = p.rating_count
            if p.in_stock is not None:
                stock[i] = int(p.in_stock)
            dep[i] = dep_code[p.department]
            if p.brand:
                brand[i] = brand_code[p.brand.strip().lower()]
            category[i] = path_code[" > ".join(p.category).lower()]
        return Columns(
            price=price,
            rating=rating,
            rating_count=rating_count,
            in_stock=stock,
            department=dep,
            brand=brand,
            category=category,
            departments=tuple(departments),
            brands=tuple(brands),
            category_paths=tuple(paths),
        )
