"""The catalog: search with hard filters, one product."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from retrieval import Filters, Product, SearchResult
from ui.deps import searcher, shopper
from ui.errors import errors

router = APIRouter(tags=["search"], dependencies=[shopper])


class FilterParams(BaseModel):
    """Hard filters shared by search and recommendations."""

    model_config = ConfigDict(extra="forbid")

    min_price: Decimal | None = Field(default=None, ge=0)
    max_price: Decimal | None = Field(default=None, ge=0)
    department: list[str] = Field(default_factory=list, description="Any of these departments")
    category: str | None = Field(default=None, description="Category path prefix")
    brand: list[str] = Field(default_factory=list, description="Any of these brands")
    exclude_brand: list[str] = Field(default_factory=list, description="None of these brands")
    min_rating: float | None = Field(default=None, ge=0, le=5)
    in_stock: bool | None = None

    def filters(self) -> Filters:
        return Filters(
            min_price=self.min_price, max_price=self.max_price, departments=tuple(self.department),
            category=self.category, brands=tuple(self.brand),
            exclude_brands=tuple(self.exclude_brand), min_rating=self.min_rating,
            in_stock=self.in_stock,
        )  # fmt: skip


class SearchParams(FilterParams):
    """Query parameters of /v1/search."""

    q: str = Field(min_length=1, max_length=500, description="What the shopper is looking for")
    k: int = Field(default=10, ge=1, le=100, description="How many products to return")
    mode: Literal["hybrid", "lexical", "semantic"] = "hybrid"


@router.get("/v1/search", response_model=SearchResult, responses=errors(401, 403, 422, 503))
def search(request: Request, params: Annotated[SearchParams, Query()]) -> SearchResult:
    """Ranked products for a query, with hard filters and each hit's score parts."""
    return searcher(request).search(params.q, params.filters(), k=params.k, mode=params.mode)


@router.get("/v1/products/{product_id}", response_model=Product, responses=errors(401, 403, 404))
def product(request: Request, product_id: str) -> Product:
    """One product from the catalog."""
    return searcher(request).catalog.get(product_id)
