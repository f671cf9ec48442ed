"""Understanding one message: the typed ShoppingQuery, read by the model under a JSON schema and
confirmed by the shopper's own words. A hard constraint (price bound, department, excluded brand,
sort) is kept only if the words support it; the model contributes the need and the language."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from assistant.cues import BrandLexicon, Cues, plain_need, read_cues
from assistant.errors import LLMUnavailable
from assistant.llm import ChatMessage, LLMBackend
from assistant.prices import extract_price_bounds, strip_price_phrases
from assistant.prompts import render
from retrieval.catalog import Money

log = logging.getLogger(__name__)


class Sort(StrEnum):
    relevance = "relevance"
    cheapest = "cheapest"
    best_rated = "best_rated"


class Intent(StrEnum):
    new = "new"  # a new request: constraints start afresh
    refine = "refine"  # adjust the previous request: constraints carry over and are revised
    more = "more"  # the same request, products not shown yet
    compare = "compare"  # compare products on screen
    detail = "detail"  # one product on screen ("the second one", "the Yamaha")


class ShoppingQuery(BaseModel):
    """What the shopper asked for in one message, after cross-checking."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str = Field(description="The message as written")
    need: str = Field(description="What they are looking for, free text, no prices")
    intent: Intent = Intent.new
    department: str | None = None
    category: str | None = None
    min_price: Money | None = None
    max_price: Money | None = None
    currency: str | None = None
    brands: tuple[str, ...] = ()
    exclude_brands: tuple[str, ...] = ()
    attributes: tuple[str, ...] = ()
    sort: Sort = Sort.relevance
    cheaper: bool = Field(default=False, description="Asked for cheaper than what is on screen")
    pricier: bool = False
    compare: bool = False
    references: tuple[int, ...] = Field(default=(), description="1-based positions on screen")
    language: str = "en"


class Understanding(BaseModel):
    """The query and how it was reached: what the model proposed and what the words overruled."""

    model_config = ConfigDict(frozen=True)

    query: ShoppingQuery
    model_reading: dict[str, Any] | None = Field(
        default=None, description="The model's structured reading, as generated"
    )
    overruled: tuple[str, ...] = Field(
        default=(), description="Model proposals dropped for lack of support in the words"
    )
    model_error: str | None = Field(
        default=None, description="Why the model could not be asked (words-only reading)"
    )


def reading_schema(departments: Sequence[str]) -> type[BaseModel]:
    """The JSON schema the model fills: short keys, enums wherever the answer is a choice."""
    dept: Any = Literal[tuple(departments)] if departments else str
    sort: Any = Literal["relevance", "cheapest", "best_rated"]
    intent: Any = Literal["new", "refine", "more", "compare"]
    fields: dict[str, Any] = {
        "need": (str, Field(max_length=80)),
        "department": (dept | None, None),
        "sort": (sort, "relevance"),
        "intent": (intent, "new"),
        "language": (str, Field(default="en", pattern=r"^[a-z]{2}$")),
    }
    return create_model("Reading", **fields)


def _grounded_need(need: str, text: str) -> bool:
    """Most of the model's need words are the shopper's words (catches an invented need)."""
    words = [w for w in re.findall(r"[a-z0-9]+", need.lower()) if len(w) > 2]
    said = set(re.findall(r"[a-z0-9]+", text.lower()))
    return bool(words) and sum(w in said for w in words) >= max(1, len(words) // 2)


def _intent(cues: Cues, has_screen: bool, model_intent: str | None) -> Intent:
    if not has_screen:
        return Intent.new
    if cues.compare and (cues.references or not cues.content_words):
        return Intent.compare
    adjusts = (
        cues.cheaper
        or cues.pricier
        or cues.more
        or cues.exclude_brands
        or cues.attributes
        or cues.price_bound
    )
    if cues.references and not adjusts and len(cues.content_words) <= 1:
        return Intent.detail
    if cues.more and not cues.content_words:
        return Intent.more
    if cues.refinement:
        return Intent.refine
    if len(cues.content_words) <= 1 and model_intent in ("refine", "more", "compare"):
        return Intent(model_intent)
    return Intent.new


def understand(
    text: str, llm: LLMBackend | None, departments: Sequence[str], shown_titles: Sequence[str] = (),
    brands: BrandLexicon | None = None, max_tokens: int = 64,
) -> Understanding:  # fmt: skip
    """Read a message: model proposal (when a model is configured) cross-checked by the words."""
    cues = read_cues(text, shown_titles, brands)
    bounds = extract_price_bounds(text)
    reading: dict[str, Any] | None = None
    error = None
    if llm is not None:
        messages = [
            ChatMessage(role="system", content=render("understand", departments=", ".join(departments))),
            ChatMessage(role="user", content=text),
        ]  # fmt: skip
        try:
            reading = llm.structured(messages, reading_schema(departments), max_tokens).model_dump()
        except LLMUnavailable as exc:
            error = str(exc)
            log.warning("query understanding without the model: %s", exc)
    overruled: list[str] = []
    proposed_need = (reading or {}).get("need") or ""
    if proposed_need and _grounded_need(proposed_need, text):
        need = strip_price_phrases(proposed_need).strip(" ,.") or plain_need(text)
    else:
        if proposed_need:
            overruled.append(f"need {proposed_need!r} (not in the shopper's words)")
        need = plain_need(text)
    department = cues.departments[0] if len(cues.departments) == 1 else None
    if reading and reading.get("department") and reading["department"] != department:
        overruled.append(f"department {reading['department']!r} (the words do not name it)")
    sort = (
        Sort.cheapest if cues.cheapest else Sort.best_rated if cues.better_rated else Sort.relevance
    )
    if reading and reading.get("sort", "relevance") != sort.value:
        overruled.append(f"sort {reading['sort']!r} (the words do not ask for it)")
    intent = _intent(cues, bool(shown_titles), (reading or {}).get("intent"))
    query = ShoppingQuery(
        text=text, need=need, intent=intent, department=department,
        min_price=bounds.min_price, max_price=bounds.max_price, currency=bounds.currency,
        brands=cues.brands, exclude_brands=cues.exclude_brands, attributes=cues.attributes, sort=sort,
        cheaper=cues.cheaper, pricier=cues.pricier, compare=cues.compare,
        references=cues.references, language=(reading or {}).get("language") or "en",
    )  # fmt: skip
    return Understanding(
        query=query, model_reading=reading, overruled=tuple(overruled), model_error=error
    )
