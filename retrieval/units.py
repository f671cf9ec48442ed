"""Units a number is said in ("3 inch", "100 pcs", "88 key", "9v"): one table that every reader
of sizes, counts, prices and model numbers picks from, so that a unit learned once is known to all.

Each reader takes the families it needs: a price reader skips every unit ("20 inches" is no
$20), a model reader only those a count is made of ("ender 3" names a printer, "3 pack" a count).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

__all__ = ["UNITS", "Unit", "alternation", "either", "is_unit", "measure_of", "measures", "words"]


@dataclass(frozen=True)
class Unit:
    """A unit: its name, the families it belongs to, how it is written."""

    name: str
    #: Families: length, weight, volume, power, count (how many come), package (how they come),
    #: part (how many a product has: keys, strings, drawers), time.
    kinds: frozenset[str]
    #: Whole words, plurals included ("inch", "inches").
    words: tuple[str, ...]
    #: Short forms read only beside a number, being words or letters too ("in", "m", "w", '"').
    marks: tuple[str, ...] = ()
    #: What it measures, when another unit measures the same ("pk" and "pcs" both count pieces).
    measure: str = ""

    @property
    def measures(self) -> str:
        return self.measure or self.name


def _u(name: str, kinds: str, words: str, marks: str = "", measure: str = "") -> Unit:
    return Unit(name, frozenset(kinds.split()), tuple(words.split()), tuple(marks.split()), measure)


#: Parts a product has a number of, each made plural with an "s" ("10 hole", "3 tier").
_PARTS = ("hole", "speed", "tier", "layer", "drawer", "port", "slot", "outlet", "side", "seater",
          "pocket", "compartment", "step", "wheel", "channel", "track", "button", "bar", "band",
          "blade", "ring", "row", "cup", "light", "pad", "color", "colour")  # fmt: skip

UNITS: tuple[Unit, ...] = (
    _u("inch", "length", "inch inches", "in \" ” ''"),
    _u("ft", "length", "ft feet foot"),
    _u("yd", "length", "yd yds yard yards"),
    _u("mm", "length", "mm"),
    _u("cm", "length", "cm"),
    _u("m", "length", "meter meters metre metres", "m"),
    _u("mil", "length", "mil mils"),
    _u("gauge", "length", "gauge", "ga awg"),
    _u("oz", "weight", "oz ounce ounces"),
    _u("lb", "weight", "lb lbs pound pounds"),
    _u("kg", "weight", "kg kilo kilos"),
    _u("g", "weight", "gram grams", "g"),
    _u("ml", "volume", "ml"),
    _u("l", "volume", "liter liters litre litres", "l"),
    _u("quart", "volume", "quart quarts"),
    _u("gallon", "volume", "gallon gallons"),
    _u("watt", "power", "watt watts", "w"),
    _u("volt", "power", "volt volts", "v"),
    _u("amp", "power", "amp amps"),
    _u("mah", "power", "mah"),
    _u("ohm", "power", "ohm ohms"),
    _u("hz", "power", "hz khz mhz"),
    _u("piece", "count", "piece pieces pc pcs count ct"),
    _u("pack", "count package", "pack packs pk", measure="piece"),
    _u("pair", "count package", "pair pairs", measure="piece"),
    _u("sheet", "count", "sheet sheets", measure="piece"),
    _u("page", "count", "page pages", measure="piece"),
    _u("set", "count", "set sets", measure="piece"),
    _u("roll", "count package", "roll rolls", measure="piece"),
    _u("box", "count package", "box boxes", measure="piece"),
    _u("bag", "count package", "bag bags", measure="piece"),
    _u("unit", "count", "unit units", measure="piece"),
    _u("spool", "package", "spool spools"),
    _u("bottle", "package", "bottle bottles"),
    _u("tube", "package", "tube tubes"),
    _u("key", "part", "key keys"),
    _u("string", "part", "string strings"),
    _u("note", "part", "note notes"),
    _u("player", "part", "player players"),
    _u("thread", "part", "thread threads", "tpi"),
    *(_u(word, "part", f"{word} {word}s") for word in _PARTS),
    _u("shelf", "part", "shelf shelves"),
    _u("sided", "part", "sided"),
    _u("person", "part", "person persons people"),
    _u("year", "time", "year years yr yrs"),
    _u("month", "time", "month months", "mo mos"),
    _u("week", "time", "week weeks"),
    _u("day", "time", "day days"),
    _u("hour", "time", "hour hours hr hrs"),
    _u("minute", "time", "minute minutes min mins"),
    _u("second", "time", "second seconds sec secs"),
)


def _chosen(kinds: tuple[str, ...], names: tuple[str, ...]) -> list[Unit]:
    """The units of these families and these names; every unit when neither is given."""
    if not kinds and not names:
        return list(UNITS)
    return [u for u in UNITS if u.kinds & set(kinds) or u.name in names]


def either(forms: Iterable[str]) -> str:
    """A regex alternation of written forms, longest first, each ending where its word ends."""
    ordered = sorted(set(forms), key=len, reverse=True)
    return "|".join(re.escape(f) + (r"\b" if f[-1].isalnum() else "") for f in ordered)


@cache
def words(*kinds: str, names: tuple[str, ...] = (), marks: bool = False) -> frozenset[str]:
    """Every word the units of these families and names (all units when neither) are written
    with; their short forms too when `marks` (read only where a number stands beside them)."""
    chosen = _chosen(kinds, names)
    return frozenset(w for u in chosen for w in (*u.words, *(u.marks if marks else ())))


def is_unit(word: str, *kinds: str, names: tuple[str, ...] = ()) -> bool:
    """Whether a word writes a unit of these families and names (all when neither), plural or
    not ("shelves", "pcs")."""
    return word.lower() in words(*kinds, names=names)


@cache
def alternation(*kinds: str, names: tuple[str, ...] = (), marks: bool = True) -> str:
    """A regex alternation of how the units of these families and names (all when neither)
    are written, for after a number: "inches\\b|inch\\b|...|in\\b|\"|..."."""
    return either(words(*kinds, names=names, marks=marks))


@cache
def measures(*kinds: str, names: tuple[str, ...] = ()) -> dict[str, str]:
    """What each unit of these families and names measures, with the alternation of how any
    unit of that measure is written ({"piece": "pieces\\b|...|pk\\b", "inch": ...})."""
    grouped: dict[str, list[str]] = {}
    for u in _chosen(kinds, names):
        grouped.setdefault(u.measures, []).extend((*u.words, *u.marks))
    return {m: either(forms) for m, forms in grouped.items()}


@cache
def _measure_by_form() -> dict[str, str]:
    return {f: u.measures for u in reversed(UNITS) for f in (*u.words, *u.marks)}


def measure_of(form: str) -> str | None:
    """What a written unit measures ('"', "in", "inches" -> "inch"; "pcs", "box" -> "piece");
    None for a word that writes no unit."""
    return _measure_by_form().get(form.lower())
