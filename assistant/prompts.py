"""Prompt templates are data: files in `assistant/prompts/`, loaded and checked once, filled here."""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).with_name("prompts")

#: Each template and the fields it must be filled with (checked when first loaded).
FIELDS: dict[str, frozenset[str]] = {
    "understand": frozenset(),
    "translate": frozenset(),
    "choose": frozenset({"need", "products"}),
    "answer": frozenset({"language", "message", "mark", "product", "facts"}),
    "agent": frozenset({"language", "message", "history", "mark", "product", "facts"}),
}


@cache
def template(name: str) -> string.Template:
    """The named template, with its placeholders checked against FIELDS."""
    text = (FOLDER / f"{name}.txt").read_text()
    found = {m.group("named") or m.group("braced") for m in string.Template.pattern.finditer(text)
             if m.group("named") or m.group("braced")}  # fmt: skip
    if found != FIELDS[name]:
        raise ValueError(
            f"prompt {name}.txt has fields {sorted(found)}, expected {sorted(FIELDS[name])}"
        )
    return string.Template(text)


def render(name: str, **values: str) -> str:
    """The filled prompt; a missing value is an error, not an empty string."""
    return template(name).substitute(**values)


@cache
def prompt_ngrams(n: int = 6) -> frozenset[str]:
    """Every run of n words of every template: an answer containing one is leaking the prompt."""
    grams: set[str] = set()
    for name in FIELDS:
        words = re.findall(r"[a-z']+", (FOLDER / f"{name}.txt").read_text().lower())
        grams |= {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    return frozenset(grams)
