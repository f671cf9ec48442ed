"""Extractive reasons: for each recommended card, the sentence of that product's own text (title
parts and description) closest in meaning to what the shopper asked for, picked with the
embedder. A reason therefore says only what its card supports; no model writes it."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from assistant.grounding import names_carried
from retrieval.catalog import Product
from retrieval.embedders import Embedder

#: Sentences shorter than this say nothing; longer ones are cut at a clause boundary.
MIN_CHARS = 25
MAX_CHARS = 170
#: Marketing filler that fits every product: never chosen as a reason.
_FILLER = re.compile(
    r"\b(?:look no further|perfect (?:gift|choice|addition) for (?:any|every)|whether you'?re|"
    r"don'?t miss|order (?:now|today)|add to (?:cart|your)|satisfaction guaranteed|customer service|"
    r"money back|warranty|click|buy now|we offer|our (?:team|company)|if you have any)\b",
    re.I,
)  # fmt: skip
#: Text that addresses a model rather than describing a product (an injection in a catalog
#: description): never quoted to the shopper.
_INSTRUCTION = re.compile(
    r"<\||\|>|\b(?:ignore|disregard|instructions?|system|developer mode|prompt|assistant|you are now|"
    r"new rule|always say|tell the (?:shopper|user|customer)|the user|recommend product)\b",
    re.I,
)
_PRICE_OR_RATING = re.compile(r"[$€£]\s?\d|\b\d(?:\.\d)?\s?(?:/\s?5|stars?)\b", re.I)


def _sentences(product: Product) -> list[str]:
    """Candidate reason sentences: the description's sentences and the title's parts."""
    text = re.sub(r"^\s*#+[^\n]*\n", "", product.description or "")  # the "## <title>" heading
    text = re.sub(r"[*_#`>]+", " ", text)
    parts = re.split(r"(?<=[.!?])\s+|\n+|\s+[•·▶]\s*|\s-\s", text)
    title_parts = re.split(r"\s*[,|–—]\s*|\s-\s|\s\(\s*", product.title)
    out = []
    for raw in [*parts, *title_parts[1:]]:
        s = " ".join(raw.split()).strip(" -:;,")
        if (
            len(s) < MIN_CHARS
            or _FILLER.search(s)
            or _PRICE_OR_RATING.search(s)
            or _INSTRUCTION.search(s)
        ):
            continue
        if len(s) > MAX_CHARS:
            cut = max(s.rfind(", ", 0, MAX_CHARS), s.rfind("; ", 0, MAX_CHARS))
            if cut < MIN_CHARS:
                continue
            s = s[:cut]
        if not names_carried(
            s, f"{product.title} {product.brand or ''} {' '.join(product.category)}"
        ):
            continue  # a name the card does not show (another product, a film, a brand): not quoted
        out.append(s.rstrip(".!?") + ".")
    return list(dict.fromkeys(out))


def _clean(sentence: str) -> str:
    """A sentence as a reason: first letter capitalised, ends with a full stop."""
    s = sentence.strip()
    return (s[:1].upper() + s[1:]) if s else s


def extract_reasons(products: Sequence[Product], need: str, embedder: Embedder | None) -> list[str]:
    """One reason per product (in order): its sentence closest to `need`; the start of its title
    when it has no usable sentence. With no embedder, the sentence sharing most need words."""
    candidates = [_sentences(p) for p in products]
    need_words = {w for w in re.findall(r"[a-z]{3,}", need.lower())}
    flat = [s for group in candidates for s in group]
    scores: np.ndarray
    if embedder is not None and flat and need.strip():
        vectors = embedder.embed_batch([need, *flat])
        scores = vectors[1:] @ vectors[0]
    else:
        scores = np.array(
            [len(need_words & set(re.findall(r"[a-z]{3,}", s.lower()))) for s in flat], dtype=float
        )
    out = []
    at = 0
    for product, group in zip(products, candidates, strict=True):
        if not group:
            out.append(
                _clean(re.split(r"\s*[,(|]\s*", product.title)[0][:MAX_CHARS].rstrip(".") + ".")
            )
            continue
        best = int(np.argmax(scores[at : at + len(group)]))
        out.append(_clean(group[best]))
        at += len(group)
    return out
