"""The protocol of one chat turn: the request, the answer, and one typed event per kind that a
streamed turn emits (started, query, cards, token, retract, done), with `collect` to turn a
stream into the whole answer. The API, the browser, the CLI and the benchmark all consume these
types; on the wire each event is a server-sent event named by `sse_name` with its fields as JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from assistant.advice import Card, Comparison
from assistant.cart import Cart
from assistant.grounding import Violation
from assistant.query import ShoppingQuery
from retrieval.fields import Printable, PrintableText

MAX_MESSAGE_CHARS = 2000


class ChatRequest(BaseModel):
    """One shopper message; without `conversation_id` a new conversation starts."""

    model_config = ConfigDict(extra="forbid")

    message: PrintableText = Field(
        min_length=1, max_length=MAX_MESSAGE_CHARS, description="What the shopper wrote"
    )
    conversation_id: Printable | None = Field(default=None, max_length=64)
    user_id: Printable | None = Field(
        default=None, max_length=200, description="For personal ranking and history"
    )
    session_id: Printable | None = Field(default=None, max_length=200)


class AnswerMeta(BaseModel):
    """How the answer was produced, so a degraded answer says that it is degraded."""

    model_config = ConfigDict(frozen=True)

    llm: str | None = Field(description="The chat backend used, None if none is configured")
    grounded: bool = Field(description="The final text passed the catalog check")
    regenerated: bool = Field(default=False, description="The model's first lead failed a check")
    fallback: bool = Field(
        default=False,
        description="The model was to write the lead and its failed the checks, or none ran",
    )
    lead_from_facts: bool = Field(
        default=False,
        description="The lead is written from the catalog's facts: the model writes no lead in "
        "this language, or its lead failed",
    )
    trimmed: bool = Field(
        default=False,
        description="The model's lead kept only its sentences that passed the checks "
        "(`violations` holds what the dropped ones did)",
    )
    degraded: str | None = Field(default=None, description="What did not work, in words")
    violations: tuple[Violation, ...] = ()
    overruled: tuple[str, ...] = Field(
        default=(), description="Model readings the words did not support"
    )
    parsed_by_model: bool = Field(
        default=False, description="The model's structured reading was valid and used"
    )
    behaviour_used: bool = Field(
        default=False, description="The shopper's history reordered the search results"
    )
    lead_by_model: bool = Field(
        default=False, description="The lead sentence is the model's and passed both checks"
    )
    personalised_by: str | None = Field(
        default=None,
        description="'learned reranker' (a published `shoptalk train` version) or 'fixed blend'",
    )
    tokens: int = 0
    first_cards_s: float | None = None
    first_token_s: float | None = None
    total_s: float = 0.0


class ChatResponse(BaseModel):
    """The whole turn: what was understood, the cards, advice and the written answer."""

    model_config = ConfigDict(frozen=True)

    conversation_id: str
    query: ShoppingQuery
    cards: tuple[Card, ...]
    comparison: Comparison | None = None
    checklist: tuple[str, ...] = ()
    notice: str | None = Field(
        default=None,
        description="This turn's notice: we don't carry that, what was relaxed or corrected",
    )
    relaxed: str | None = Field(
        default=None, description="The hard constraint dropped to find anything"
    )
    text: str
    meta: AnswerMeta
    cart: Cart | None = Field(
        default=None,
        description="The shopper's cart after this turn put a card in it (\"add the second one to my "
        'cart"); None where the turn put nothing in it',
    )


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True)

    def sse(self) -> dict[str, str]:
        """The server-sent event: its name and its fields as JSON."""
        kind = str(getattr(self, "kind"))  # noqa: B009 (each subclass declares its own literal)
        return {
            "event": SSE_NAMES[kind],
            "data": json.dumps(self.model_dump(mode="json", exclude={"kind"})),
        }


class Started(_Event):
    """The conversation this turn belongs to (first event)."""

    kind: Literal["started"] = "started"
    conversation_id: str


class QueryRead(_Event):
    """What was understood, and what the words overruled."""

    kind: Literal["query"] = "query"
    query: ShoppingQuery
    overruled: tuple[str, ...] = ()


class CardsShown(_Event):
    """The cards (catalog data), sent before any model text, with this turn's notice."""

    kind: Literal["cards"] = "cards"
    cards: tuple[Card, ...]
    notice: str | None = None
    comparison: Comparison | None = None
    checklist: tuple[str, ...] = ()
    relaxed: str | None = None


class Token(_Event):
    """A piece of the model's text, as it is generated."""

    kind: Literal["token"] = "token"
    text: str


class Retract(_Event):
    """Discard the streamed text so far (it failed a check, or was cut at a sentence)."""

    kind: Literal["retract"] = "retract"
    violations: tuple[Violation, ...] = ()
    reason: str | None = None


class Done(_Event):
    """The whole answer (last event)."""

    kind: Literal["done"] = "done"
    response: ChatResponse

    def sse(self) -> dict[str, str]:
        return {"event": "done", "data": self.response.model_dump_json()}


TurnEvent = Annotated[
    Started | QueryRead | CardsShown | Token | Retract | Done, Field(discriminator="kind")
]
#: Wire names of the events (kept from the first API version, so clients work unchanged).
SSE_NAMES = {"started": "conversation", "query": "query", "cards": "cards", "token": "token",
             "retract": "retract", "done": "done"}  # fmt: skip
_BY_WIRE = {v: k for k, v in SSE_NAMES.items()}
_ADAPTER: TypeAdapter[Any] = TypeAdapter(TurnEvent)


def parse_sse(name: str, data: str) -> Started | QueryRead | CardsShown | Token | Retract | Done:
    """A server-sent event back into its typed event (the CLI's remote mode)."""
    if name == "done":
        return Done(response=ChatResponse.model_validate_json(data))
    return _ADAPTER.validate_python({**json.loads(data), "kind": _BY_WIRE[name]})


def collect(
    events: Iterable[Started | QueryRead | CardsShown | Token | Retract | Done],
) -> ChatResponse:
    """The whole answer of a stream of turn events (its `Done`)."""
    for event in events:
        if isinstance(event, Done):
            return event.response
    raise ValueError("the turn ended without a 'done' event")
