"""The age range a product states for itself ("Ages 8-12", "3+", "for toddlers", "for adults"),
read from its title first and then the start of its description, and how well it fits the age
of whoever the shopper buys for. Pure functions; `age_columns` makes the catalog's two columns.

Only explicit statements count: a product that says nothing about age has no range, and is never
demoted for it. Measured on the demo store: ~1,500 products state an age range this way."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

UP = 99.0
#: From these ages a shopper is a teen or a grown-up: a product stating "ages 3 and up" is made
#: for children, whatever its range says.
TEEN = 13.0
ADULT = 18.0


def lowest_start(age: float) -> float:
    """The youngest a stated range may start and still be meant for someone this old: "ages 8+"
    suits a 14-year-old, "ages 3+" does not; "ages 12+" suits a grown-up."""
    return 12.0 if age >= ADULT else 8.0 if age >= TEEN else 0.0


_RANGE = [
    re.compile(r"\bages?\s*:?\s*(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\b", re.I),
    # "for 1 2 3 4-5 Year Old": a list of ages ending in a range runs from its first
    re.compile(
        r"\b(\d{1,2})(?:[ ,]+\d{1,2})*\s*(?:-|–|to)\s*(\d{1,2})\s*(?:years?|yrs?|y)\b", re.I
    ),
]
#: A toy "for 1 Year Old Toddlers" is for about that age, not for anyone one or older.
_FOR_AGE = re.compile(
    r"\bfor\s+(?:an?\s+)?(\d{1,2})[\s-]*(?:years?|yrs?)[\s-]*olds?\b(?!\s*(?:\+|and up|& up|and older|or older))",
    re.I,
)
#: How many years past the age said a "for N year old" product is still meant for.
_FOR_AGE_SPAN = 2
_MONTHS = re.compile(r"\b(\d{1,2})\s*(?:-|–|to)\s*(\d{1,2})\s*months?\b", re.I)
_MONTHS_UP = re.compile(r"\b(\d{1,2})\s*months?\s*(?:\+|and up|& up|and older)", re.I)
_UP = [
    re.compile(r"\bages?\s*:?\s*(\d{1,2})\s*(?:\+|and up|& up|and older|or older|years?\s*(?:and up|\+|& up|and older))", re.I),
    re.compile(r"\b(\d{1,2})\s*(?:years?|yrs?)\s*(?:olds?\s*)?(?:\+|and up|& up|and older|or older)", re.I),
    re.compile(r"\b(?:kids|children|boys|girls|toddlers)\s*(\d{1,2})\s*(?:\+|and up|& up)", re.I),
    re.compile(r"\bages?\s*:?\s*(\d{1,2})\b(?!\s*(?:-|–|to)\s*\d)", re.I),
    re.compile(r"(?<![\d.,$])\b(\d{1,2})\s*\+(?!\s*(?:pieces?|pcs|pack|count|colou?rs?|sheets|cards|players?|people|persons|hours?|\d))", re.I),
]  # fmt: skip
_WORDS: list[tuple[re.Pattern[str], tuple[float, float]]] = [
    (re.compile(r"\b(?:for|kids?|children'?s?)\s+(?:toddlers?|babies|baby|infants?)\b|\btoddlers?\b|\binfants?\b", re.I), (0.5, 4.0)),
    (re.compile(r"\bbaby\b", re.I), (0.0, 3.0)),
    (re.compile(r"\b(?:for|puzzles? for|games? for)\s+adults?\b|\badults?\s+(?:coloring|puzzles?|games?|only)\b", re.I), (14.0, UP)),
    (re.compile(r"\bpreschool(?:ers?)?\b", re.I), (2.0, 6.0)),
    (re.compile(r"\bteens?\b|\bteenagers?\b", re.I), (12.0, UP)),
]  # fmt: skip


#: A doll of a baby ("Reborn Baby Dolls ... Preemie Baby") is not a toy for a baby.
_DOLL = re.compile(r"\bdolls?\b", re.I)
_ANY = re.compile(
    r"age|year|yr|month|\+|toddler|infant|baby|adult|preschool|teen|kids|children", re.I
)


def age_range(title: str, description: str = "") -> tuple[float, float] | None:
    """The ages (years, inclusive) the product states, or None when it states none."""
    found = age_statement(title, description)
    return found[0] if found else None


def age_statement(title: str, description: str = "") -> tuple[tuple[float, float], str] | None:
    """The ages the product states and its own words for them ("Ages 8-12", "3+", "toddler"):
    what a reader may quote, since "toddler" is not "6 months to 4 years"."""
    for text in (title, description[:300]):
        if not text or not _ANY.search(text):  # most texts say nothing of age: one cheap scan
            continue
        for rx in _RANGE:
            m = rx.search(text)
            if m:
                lo, hi = sorted((int(m.group(1)), int(m.group(2))))
                if hi <= 18 or lo >= 12:
                    return (float(lo), float(hi)), m.group(0)
        m = _FOR_AGE.search(text)
        if m and int(m.group(1)) <= 16:
            return (float(m.group(1)), float(m.group(1)) + _FOR_AGE_SPAN), m.group(0)
        m = _MONTHS.search(text)
        if m:
            lo, hi = sorted((int(m.group(1)), int(m.group(2))))
            return (lo / 12, max(hi / 12, 1.0)), m.group(0)
        m = _MONTHS_UP.search(text)
        if m:
            return (int(m.group(1)) / 12, UP), m.group(0)
        for rx in _UP:
            m = rx.search(text)
            if m and 0 < int(m.group(1)) <= 18:
                return (float(m.group(1)), UP), m.group(0)
        for rx, ages in _WORDS:
            m = rx.search(text)
            if m and not (m.group(0).lower() == "baby" and _DOLL.search(text)):
                return ages, m.group(0)
    return None


#: A jigsaw of this many pieces or more is for a teen or a grown-up, whatever it states: a "99
#: Funny Animals Jigsaw Puzzle (1000 Piece)" had been starred for a 5-year-old.
_MANY_PIECES = 500
_PIECES = re.compile(r"\b(\d{1,2},?\d{3}|\d{3})\s*-?\s*(?:pieces?|pcs|pc)\b", re.I)
_JIGSAW = re.compile(r"\b(?:jigsaw|puzzles?)\b", re.I)


def implied_ages(title: str) -> tuple[float, float] | None:
    """The ages a title implies without stating them: a jigsaw of `_MANY_PIECES` pieces or more
    is for 12 and up."""
    m = _PIECES.search(title) if _JIGSAW.search(title) else None
    return (12.0, UP) if m and int(m.group(1).replace(",", "")) >= _MANY_PIECES else None


def age_columns(texts: Iterable[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper age per product: stated, else implied (see `implied_ages`); NaN where
    neither."""
    lo, hi = [], []
    for title, description in texts:
        found = age_range(title, description) or implied_ages(title)
        lo.append(np.nan if found is None else found[0])
        hi.append(np.nan if found is None else found[1])
    return np.asarray(lo, dtype=np.float32), np.asarray(hi, dtype=np.float32)


def age_fit(lo: np.ndarray, hi: np.ndarray, age: tuple[float, float]) -> np.ndarray:
    """Per product: +1 the stated range covers the shopper's age, -1 clearly wrong (more than two
    years below the range's start, or more than three above its end: a toddler toy for a
    10-year-old, an "ages 14+" kit for a 6-year-old), 0 when nothing is stated or it is close. For a
    grown-up or a teen, a child's "ages 3 and up" covers them only in letter: 0, not +1."""
    a_lo, a_hi = age
    out = np.zeros(len(lo), dtype=np.float32)
    known = ~np.isnan(lo)
    covers = known & (lo <= a_hi + 0.5) & (hi >= a_lo - 0.5)
    covers &= lo >= lowest_start(a_lo)
    wrong = known & ((a_hi < lo - 2) | (a_lo > hi + 3))
    out[covers] = 1.0
    out[wrong] = -1.0
    return out
