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
def examples(name: str) -> tuple[tuple[str, str], ...]:
    """The worked examples shown to the model before a message, as (message, reply) turns
    (`<name>_examples.tsv`; none when the file is absent)."""
    path = FOLDER / f"{name}_examples.tsv"
    if not path.exists():
        return ()
    pairs = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line]
    if any(len(p) != 2 for p in pairs):
        raise ValueError(f"{path.name}: each line is a message, a tab, and the reply")
    return tuple((a, b) for a, b in pairs)


@cache
def prompt_ngrams(n: int = 6) -> frozenset[str]:
    """Every run of n words of every template and example: an answer containing one is leaking
    the prompt."""
    grams: set[str] = set()
    for path in sorted(p for p in FOLDER.iterdir() if p.is_file()):
        words = re.findall(r"[a-z']+", path.read_text(encoding="utf-8").lower())
        grams |= {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    return frozenset(grams)
