"""Pure cores: filter masks over catalog columns, and fusion functions."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from pydantic import ValidationError

from retrieval import Catalog, Filters, Price, Product
from retrieval.filters import filter_mask
from retrieval.fusion import convex_combination, min_max, ranks, reciprocal_rank_fusion


def _catalog() -> Catalog:
    def make(
        i: int,
        price: str | None,
        dep: str,
        brand: str | None,
        rating: float | None,
        stock: bool | None,
    ) -> Product:
        return Product(
            id=f"t:{i}", title=f"item {i}", category=(dep, "Sub"),
            price=Price(amount=Decimal(price)) if price else None, brand=brand, rating=rating,
            in_stock=stock, source="t",
        )  # fmt: skip

    return Catalog([
        make(0, "10", "Toys", "Lego", 4.8, True),
        make(1, "60", "Toys", "Hasbro", 4.0, False),
        make(2, None, "Toys", "Lego", None, None),
        make(3, "45", "Music", "Yamaha", 4.6, True),
        make(4, "150", "Music", "Fender", 3.9, True),
    ])  # fmt: skip


def test_price_bounds_never_match_unlisted_prices() -> None:
    mask = filter_mask(_catalog().columns, Filters(max_price=Decimal(50)))
    assert mask is not None and mask.tolist() == [True, False, False, True, False]
    mask = filter_mask(_catalog().columns, Filters(min_price=Decimal(0)))
    assert mask is not None and not mask[2]


def test_department_brand_rating_stock_and_category() -> None:
    cols = _catalog().columns
    assert filter_mask(cols, Filters(departments=("music",))).tolist() == [
        False,
        False,
        False,
        True,
        True,
    ]  # type: ignore[union-attr]
    assert filter_mask(cols, Filters(exclude_brands=("FENDER",))).tolist() == [
        True,
        True,
        True,
        True,
        False,
    ]  # type: ignore[union-attr]
    assert filter_mask(cols, Filters(brands=("lego",), min_rating=4.5)).tolist() == [
        True,
        False,
        False,
        False,
        False,
    ]  # type: ignore[union-attr]
    assert filter_mask(cols, Filters(in_stock=True)).tolist() == [True, False, False, True, True]  # type: ignore[union-attr]
    assert filter_mask(cols, Filters(category="toys > sub")).tolist() == [
        True,
        True,
        True,
        False,
        False,
    ]  # type: ignore[union-attr]
    assert filter_mask(cols, Filters()) is None


def test_contradictory_price_bounds_are_refused_with_a_fix() -> None:
    with pytest.raises(ValidationError, match="swap or drop one"):
        Filters(min_price=Decimal(100), max_price=Decimal(10))
    with pytest.raises(ValidationError):
        Filters(colour="red")  # type: ignore[call-arg]


def test_rrf_rewards_agreement_and_ignores_missing() -> None:
    lexical = np.array([3.0, 2.0, np.nan, 1.0])
    semantic = np.array([0.2, 0.9, 0.8, np.nan])
    fused = reciprocal_rank_fusion(lexical, semantic, k=60)
    assert ranks(fused).tolist()[1] == 1  # second in one list and first in the other wins
    assert fused[2] == pytest.approx(1 / 62)


def test_convex_combination_scales_each_retriever() -> None:
    assert min_max(np.array([2.0, 4.0, np.nan])).tolist() == [0.0, 1.0, 0.0]
    lexical = np.array([10.0, 0.0, np.nan])
    semantic = np.array([0.1, 0.5, 0.3])
    fused = convex_combination(lexical, semantic, alpha=0.5)
    assert fused.tolist() == pytest.approx([0.5, 0.5, 0.25])
    assert convex_combination(lexical, semantic, alpha=1.0).tolist() == pytest.approx(
        [0.0, 1.0, 0.5]
    )
