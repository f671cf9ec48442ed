"""Deterministic price bounds from shoppers' words (pure function, no model)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.prices import extract_price_bounds, grounded_bounds

D = Decimal


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("waterproof hiking boots for wide feet under $150", None, D(150)),
        ("between 20 and 30 dollars", D(20), D(30)),
        ("a gift less than 50 bucks", None, D(50)),
        ("keyboard $20-$30 please", D(20), D(30)),
        ("something from $40 to $25", D(25), D(40)),
        ("at least 100 dollars, no more than 250", D(100), D(250)),
        ("guitar strings up to 12.99", None, D("12.99")),
        ("a camera under 1,200 dollars", None, D(1200)),
        ("size 10 running shoes, 2 pack", None, None),
        ("a book from 1990", None, None),
        ("lego set", None, None),
    ],
)
def test_bounds_come_from_the_words(text: str, low: Decimal | None, high: Decimal | None) -> None:
    bounds = extract_price_bounds(text)
    assert (bounds.min_price, bounds.max_price) == (low, high)


def test_currency_is_recognised() -> None:
    assert extract_price_bounds("under 40 euros").currency == "EUR"
    assert extract_price_bounds("under $40").currency == "USD"


def test_a_model_invented_bound_is_dropped() -> None:
    assert grounded_bounds("a nice ukulele", None, D(40)).max_price is None
    assert grounded_bounds("a ukulele under 40", None, D(45)).max_price == D(40)
