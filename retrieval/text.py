"""Text cleanup and the texts that the embedder and BM25 see for each product."""

from __future__ import annotations

import re

from retrieval.catalog import Product

_HEADING = re.compile(r"^\s*#{1,6}\s*(?P<heading>[^\n]*)(\n+|$)")
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t\r\f\v]+")


def strip_leading_heading(description: str) -> str:
    """Drop the leading markdown heading of a Vespa description: a restatement of the title."""
    match = _HEADING.match(description)
    if match is None:
        return description
    rest = description[match.end() :]
    return rest if rest.strip() else match.group("heading")  # a lone heading is the description


def clean_description(text: str) -> str:
    """Plain text from a description that may hold HTML breaks and tags."""
    text = _HTML_BREAK.sub("\n", text)
    text = _TAG.sub(" ", text)
    lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def embedding_text(product: Product) -> str:
    """What the dense model reads: the most telling fields first, since it truncates the tail."""
    parts = [product.title]
    if product.brand:
        parts.append(product.brand)
    if product.category:
        parts.append(" > ".join(product.category))
    if product.description:
        parts.append(product.description.replace("\n", " "))
    return ". ".join(parts)


def lexical_text(product: Product) -> str:
    """What BM25 indexes: title, brand, category and description."""
    return "\n".join(
        part
        for part in (
            product.title,
            product.brand or "",
            " ".join(product.category),
            product.description,
        )
        if part
    )
