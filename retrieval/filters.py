"""Hard filters over the catalog's columns: pure functions over numpy arrays."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator

from retrieval.catalog import Columns


class Filters(BaseModel):
    """Constraints a product must meet. An unset field constrains nothing.

    A product with no listed price never satisfies a price bound, and one whose stock is unknown
    never satisfies `in_stock=True`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_price: Decimal | None = Field(default=None, ge=0, description="Lowest price, inclusive")
    max_price: Decimal | None = Field(default=None, ge=0, description="Highest price, inclusive")
    departments: tuple[str, ...] = Field(default=(), description="Any of these departments")
    category: str | None = Field(
        default=None, description="Category path prefix, e.g. 'Industrial & Scientific > Lab'"
    )
    brands: tuple[str, ...] = Field(default=(), description="Any of these brands")
    exclude_brands: tuple[str, ...] = Field(default=(), description="None of these brands")
    min_rating: float | None = Field(default=None, ge=0, le=5, description="Lowest average rating")
    min_rating_count: int | None = Field(
        default=None, ge=0, description="Fewest ratings (reviews) a product must have"
    )
    in_stock: bool | None = Field(default=None, description="True: only products known in stock")

    @model_validator(mode="after")
    def _consistent(self) -> Filters:
        if (
            self.min_price is not None
            and self.max_price is not None
            and self.min_price > self.max_price
        ):
            raise ValueError(
                f"min_price {self.min_price} is above max_price {self.max_price}; swap or drop one"
            )
        return self

    def is_empty(self) -> bool:
        return self == Filters()


def _codes(names: tuple[str, ...], wanted: tuple[str, ...]) -> np.ndarray:
    lookup = {n.lower(): i for i, n in enumerate(names)}
    return np.array(
        [lookup[w.strip().lower()] for w in wanted if w.strip().lower() in lookup], np.int32
    )


def filter_mask(columns: Columns, filters: Filters) -> np.ndarray | None:
    """Boolean mask of the products that pass, or None when nothing is filtered."""
    if filters.is_empty():
        return None
    mask = np.ones(columns.price.shape[0], dtype=bool)
    if filters.min_price is not None:
        mask &= columns.price >= float(filters.min_price)  # NaN (not listed) compares False
    if filters.max_price is not None:
        mask &= columns.price <= float(filters.max_price)
    if filters.min_rating is not None:
        mask &= columns.rating >= filters.min_rating
    if filters.min_rating_count is not None:
        mask &= columns.rating_count >= filters.min_rating_count
    if filters.in_stock is not None:
        mask &= columns.in_stock == int(filters.in_stock)
    if filters.departments:
        mask &= np.isin(columns.department, _codes(columns.departments, filters.departments))
    if filters.brands:
        mask &= np.isin(columns.brand, _codes(columns.brands, filters.brands))
    if filters.exclude_brands:
        mask &= ~np.isin(columns.brand, _codes(columns.brands, filters.exclude_brands))
    if filters.category:
        prefix = filters.category.strip().lower()
        paths = [i for i, path in enumerate(columns.category_paths) if path.startswith(prefix)]
        mask &= np.isin(columns.category, np.array(paths, dtype=np.int32))
    return mask
