"""Which size of a fractional instrument suits an age: "is 3/4 size ok for a 9 year old or should
i get a 1/2", "is 3/4 too small for a 12 year old". No listing says it, so the answer had been
"Its listing gives no age range". The sizes are data (`sizing.toml`), a common rule of thumb, and
the answer says so; which card is which size is read off its title."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.phrases import article_for, phrase

SIZING = Path(__file__).with_name("sizing.toml")
#: A size as a fraction: "3/4", "1/2 size", "4/4".
_FRACTION = re.compile(r"(?<![\d/])([1-4])/(2|4|8|10|16)(?![\d/])")
#: A question about size: "what size", "too small", "too big", "is 3/4 ok".
_ASKS_SIZE = re.compile(
    r"\b(?:what|which)\s+size\b|\bright\s+size\b|\bsize\s+(?:for|should)\b"
    r"|(?<![\d/])[1-4]/(?:2|4|8|10|16)(?![\d/])|qu[eé]\s+(?:tamaño|talla)",
    re.I,
)
ADULT = 99


@dataclass(frozen=True)
class Sized:
    name: str
    words: tuple[str, ...]
    names: dict[str, str]  # the instrument in each language the answers are written in
    sizes: tuple[tuple[str, float, float], ...]


@cache
def _guides() -> tuple[Sized, ...]:
    with SIZING.open("rb") as f:
        data = tomllib.load(f)
    return tuple(
        Sized(
            name,
            tuple(t["words"]),
            dict(t["names"]),
            tuple((s, float(lo), float(hi)) for s, lo, hi in t["sizes"]),
        )
        for name, t in data.items()
    )


def _instrument(*texts: str) -> Sized | None:
    """The instrument the first text naming one names (the longest word first: "double bass")."""
    for text in texts:
        found = [
            (w, g)
            for g in _guides()
            for w in g.words
            if re.search(rf"\b{re.escape(w)}s?\b", text, re.I)
        ]
        if found:
            return max(found, key=lambda x: len(x[0]))[1]
    return None


def _ages(size: str, lo: float, hi: float, language: str) -> str:
    if hi >= ADULT:
        return phrase(language, "size_ages_up", size=size, lo=f"{lo:g}")
    return phrase(language, "size_ages", size=size, lo=f"{lo:g}", hi=f"{hi:g}")


def size_guide(question: str, age: tuple[float, float] | None, titles: Sequence[tuple[int, str]],
               kind: str | None = None, language: str = "en") -> str | None:  # fmt: skip
    """For a question about the size of a fractional instrument for a child of a known age, the
    sizes the rule of thumb gives for that age and those asked about, and which cards are which
    size (`titles`: each card's mark and title), in the shopper's language; None for any other
    question, an instrument without a guide, or no age."""
    if age is None or age[0] >= 18 or not _ASKS_SIZE.search(question):
        return None
    guide = _instrument(question, kind or "", *(t for _, t in titles))
    if guide is None:
        return None
    years = f"{age[0]:g}"
    article = f"{article_for(years)} "  # "an 8-year-old"
    fits = [s for s, lo, hi in guide.sizes if lo <= age[0] <= hi]
    asked = [f"{a}/{b}" for a, b in _FRACTION.findall(question)]
    told = [_ages(s, lo, hi, language) for s, lo, hi in guide.sizes if s in asked]
    said = (
        phrase(
            language,
            "size_fits",
            age=years,
            article=article,
            sizes=phrase(language, "size_or").join(fits),
        )
        if fits
        else phrase(language, "size_no_fit", age=years, article=article)
    )
    if told:
        said += f" ({'; '.join(told)})"
    sized = []
    for mark, title in titles:
        found = {f"{a}/{b}" for a, b in _FRACTION.findall(title)}
        if len(found) == 1:
            sized.append(phrase(language, "size_is", mark=mark, size=found.pop()))
    cards = phrase(language, "size_on_screen", cards=", ".join(sized)) if sized else ""
    instrument = guide.names.get(language, guide.names["en"])
    return phrase(language, "size_guide", instrument=instrument, said=said, cards=cards)
