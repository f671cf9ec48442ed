"""The fixed words of an answer in the shopper's language, from `phrases.toml` (data, not code)."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

PHRASES = Path(__file__).with_name("phrases.toml")


@cache
def _phrases() -> dict[str, dict[str, str]]:
    data = tomllib.loads(PHRASES.read_text(encoding="utf-8"))
    english = set(data["en"])
    for lang, table in data.items():
        if set(table) != english:
            raise ValueError(
                f"{PHRASES.name} [{lang}] has keys {sorted(table)}, expected {sorted(english)}"
            )
    return data


def languages() -> tuple[str, ...]:
    """The languages the table has phrases for."""
    return tuple(_phrases())


def has_phrases(language: str) -> bool:
    """Whether the table has this language (else its phrases come in English)."""
    return language in _phrases()


def phrase(language: str, key: str, **values: Any) -> str:
    """A fixed phrase in the shopper's language (English where the table has none)."""
    return _table(language)[key].format(**values)


def phrases_of(language: str) -> dict[str, str]:
    """Every fixed phrase of one language (English where the table has none)."""
    return dict(_table(language))


def _table(language: str) -> dict[str, str]:
    return _phrases().get(language, _phrases()["en"])


def article_for(number: int | str) -> str:
    """The English article said before a number: "an" for 8, 11, 18, 80..., else "a" ("an
    8-year-old", "a 9-year-old", "an 18-month-old")."""
    return "an" if re.match(r"8|11\b|18\b", str(number)) else "a"
