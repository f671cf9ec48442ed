"""Deterministic price bounds from a shopper's words. A price bound used for filtering must come
from here, never from the model: the model may propose one, and it is kept only if it matches
a bound the shopper actually wrote."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_CURRENCY = {"$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "bucks": "USD", "buck": "USD",
             "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "pounds": "GBP"}  # fmt: skip
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*(k\b)?"
_PRE = r"(?P<cur1>[$€£])?\s*"
_POST = r"\s*(?P<cur2>usd|dollars?|bucks?|eur|euros?|gbp|pounds)?"
_AMOUNT = _PRE + r"(?P<num>" + _NUMBER + r")" + _POST

_UPPER = r"(?:under|below|less than|cheaper than|no more than|not more than|at most|max(?:imum)?|up to|within|<=?)"
_LOWER = r"(?:over|above|more than|at least|min(?:imum)?|from|starting at|>=?)"
_BETWEEN = re.compile(
    r"(?:between|from)\s+" + _AMOUNT.replace("cur1", "c1a").replace("cur2", "c2a").replace("num", "lo")
    + r"\s*(?:and|to|-|–)\s*" + _AMOUNT.replace("cur1", "c1b").replace("cur2", "c2b").replace("num", "hi"),
    re.IGNORECASE,
)  # fmt: skip
_RANGE = re.compile(
    r"(?P<c1a>[$€£])\s*(?P<lo>" + _NUMBER + r")\s*(?:-|–|to)\s*(?P<c1b>[$€£])?\s*(?P<hi>" + _NUMBER + r")"
    r"(?P<c2b>\s*(?:usd|dollars?|bucks?|eur|euros?))?",
    re.IGNORECASE,
)  # fmt: skip
_BOUND = re.compile(r"(?P<dir>" + _UPPER + "|" + _LOWER + r")\s+" + _AMOUNT, re.IGNORECASE)


@dataclass(frozen=True)
class PriceBounds:
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    currency: str | None = None

    def numbers(self) -> set[Decimal]:
        return {x for x in (self.min_price, self.max_price) if x is not None}


def _amount(text: str) -> Decimal:
    match = re.match(_NUMBER, text.strip(), re.IGNORECASE)
    if match is None:
        raise ValueError(f"not an amount: {text!r}")
    whole, cents, thousand = match.group(1).replace(",", ""), match.group(2), match.group(3)
    value = Decimal(f"{whole}.{cents}" if cents else whole)
    return value * 1000 if thousand else value


def _currency(*marks: str | None) -> str | None:
    for mark in marks:
        if mark:
            return _CURRENCY.get(mark.strip().lower())
    return None


def extract_price_bounds(text: str) -> PriceBounds:
    """Price bounds the shopper wrote ("under $150", "between 20 and 30 dollars", "$20-$30",
    "less than 50 bucks", "at least 100"). Amounts without a currency word or sign count only
    after a bound word, so "size 10" or "2 pack" are never prices."""
    for pattern in (_BETWEEN, _RANGE):
        match = pattern.search(text)
        if match:
            groups = match.groupdict()
            currency = _currency(
                groups.get("c1a"), groups.get("c1b"), groups.get("c2a"), groups.get("c2b")
            )
            lo, hi = sorted((_amount(match.group("lo")), _amount(match.group("hi"))))
            return PriceBounds(lo, hi, currency or "USD")
    low = high = None
    currency = None
    for match in _BOUND.finditer(text):
        value = _amount(match.group("num"))
        cur = _currency(match.group("cur1"), match.group("cur2"))
        direction = match.group("dir").lower()
        if re.fullmatch(_UPPER, direction, re.IGNORECASE):
            high = value if high is None else min(high, value)
        else:
            if direction == "from" and not cur:
                continue  # "from 1990" is a year more often than a price
            low = value if low is None else max(low, value)
        currency = currency or cur
    if low is not None and high is not None and low > high:
        low, high = high, low
    if low is None and high is None:
        return PriceBounds()
    return PriceBounds(low, high, currency or "USD")


def grounded_bounds(text: str, model_min: Decimal | None, model_max: Decimal | None) -> PriceBounds:
    """The bounds to filter with: the shopper's own words win; a model-proposed bound is kept only
    if the same number appears as a bound in the text."""
    words = extract_price_bounds(text)
    found = words.numbers()
    return PriceBounds(
        words.min_price
        if words.min_price is not None
        else (model_min if model_min in found else None),
        words.max_price
        if words.max_price is not None
        else (model_max if model_max in found else None),
        words.currency,
    )


def strip_price_phrases(text: str) -> str:
    """The text without its price bounds ("boots under $150" -> "boots"), for a search query."""
    for pattern in (_BETWEEN, _RANGE, _BOUND):
        text = pattern.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()
