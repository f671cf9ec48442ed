"""One chat turn, as a small pipeline of separate steps: understand -> revise the state -> find
candidates -> cards (sent at once) -> the model picks among the candidates (JSON-schema enum) ->
the model writes short prose with [n] marks (streamed) -> the checker reads it against the
catalog -> regenerate once, else a templated answer that says so. Each step lives in its own
module; this one only composes them and times them."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, create_model

from assistant.advice import (
    Card,
    Comparison,
    DepartmentPrices,
    checklist,
    compare,
    not_carried,
    why,
)
from assistant.candidates import Candidates, find_candidates
from assistant.conversations import Conversation, ConversationStore, Message
from assistant.cues import BrandLexicon
from assistant.errors import LLMUnavailable
from assistant.grounding import Violation, check, product_lines, templated_answer
from assistant.llm import ChatMessage, LLMBackend
from assistant.prompts import prompt_ngrams, render
from assistant.query import Intent, ShoppingQuery, Understanding, understand
from assistant.state import advance, shown_after
from ranking.events import Event, EventContext, EventStore, EventType
from ranking.service import RecommendationService
from retrieval.catalog import Product
from retrieval.search import Hit, HybridSearcher

log = logging.getLogger(__name__)

CARDS = 5
MAX_PICKS = 3
MAX_MESSAGE_CHARS = 2000


class ChatRequest(BaseModel):
    """One shopper message; without `conversation_id` a new conversation starts."""

    model_config = ConfigDict(extra="forbid")

    message: str = Field(
        min_length=1, max_length=MAX_MESSAGE_CHARS, description="What the shopper wrote"
    )
    conversation_id: str | None = Field(default=None, max_length=64)
    user_id: str | None = Field(
        default=None, max_length=200, description="For personal ranking and history"
    )
    session_id: str | None = Field(default=None, max_length=200)
    stream: bool = Field(default=False, description="Server-sent events instead of one JSON answer")


class AnswerMeta(BaseModel):
    """How the answer was produced, so a degraded answer says that it is degraded."""

    model_config = ConfigDict(frozen=True)

    llm: str | None = Field(description="The chat backend used, None if none is configured")
    grounded: bool = Field(description="The final text passed the catalog check")
    regenerated: bool = Field(default=False, description="The first text failed the check")
    fallback: bool = Field(default=False, description="The text is templated from catalog fields")
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
        default=None, description="E.g. we don't carry that, and what was relaxed"
    )
    relaxed: str | None = Field(
        default=None, description="The hard constraint dropped to find anything"
    )
    text: str
    meta: AnswerMeta


class TurnEvent(BaseModel):
    """One server-sent event of a streamed turn (`type` is the SSE event name)."""

    type: Literal["conversation", "query", "cards", "token", "retract", "done"]
    data: dict[str, Any]


@dataclass
class _Timer:
    started: float = field(default_factory=time.perf_counter)

    def now(self) -> float:
        return round(time.perf_counter() - self.started, 3)


class ChatPipeline:
    """Composes the steps of a turn over the services it is given (see module docstring)."""

    def __init__(
        self, searcher: HybridSearcher, conversations: ConversationStore, llm: LLMBackend | None,
        behaviour: RecommendationService | None = None, events: EventStore | None = None,
        answer_tokens: int = 120,
    ) -> None:  # fmt: skip
        self.searcher = searcher
        self.catalog = searcher.catalog
        self.conversations = conversations
        self.llm = llm
        self.behaviour = behaviour
        self.events = events
        self.answer_tokens = answer_tokens
        self.departments = list(self.catalog.columns.departments)
        self.brands = BrandLexicon((p.brand for p in self.catalog), (p.title for p in self.catalog))
        self.prices = DepartmentPrices(self.catalog)
        self.brand_names = sorted(
            {p.brand.strip() for p in self.catalog if p.brand and len(p.brand.strip()) >= 4}
        )

    # -- steps -------------------------------------------------------------------------------

    def cards_for(self, hits: Sequence[Hit] | Sequence[Product], query: str = "",
                  history: list[int] | None = None) -> list[Card]:  # fmt: skip
        cards = []
        for mark, item in enumerate(hits, start=1):
            product = item.product if isinstance(item, Hit) else cast(Product, item)
            reasons = (self.behaviour.reasons(self.catalog.position(product.id), history)
                       if self.behaviour is not None and history else ())  # fmt: skip
            line = (
                why(item, query, reasons) if isinstance(item, Hit) else "you asked about this one"
            )
            cards.append(Card(mark=mark, product=product, price=product.price_label, why=line,
                              value=self.prices.note(product)))  # fmt: skip
        return cards

    def pick(self, need: str, cards: Sequence[Card]) -> list[int]:
        """The model chooses among the candidates: its schema only admits their marks."""
        if self.llm is None or len(cards) <= 1:
            return [c.mark for c in cards[:1]]
        marks = tuple(c.mark for c in cards)
        choice: Any = Literal[marks]
        schema = create_model(
            "Picks", picks=(list[choice], Field(min_length=1, max_length=MAX_PICKS))
        )
        prompt = render("choose", need=need, products=product_lines(cards, 80))
        chosen = self.llm.structured(
            [ChatMessage(role="user", content=prompt)], schema, max_tokens=24
        )
        return list(dict.fromkeys(chosen.picks))  # type: ignore[attr-defined]

    def _notes(self, query: ShoppingQuery, comparison: Comparison | None, notice: str | None,
               cards: Sequence[Card]) -> str:  # fmt: skip
        notes = []
        if notice:
            notes.append(f"Tell the shopper honestly: {notice}")
        if comparison is not None:
            by_id = {c.product.id: c.mark for c in cards}
            if comparison.cheapest:
                notes.append(f"Cheapest: [{by_id[comparison.cheapest]}].")
            if comparison.best_rated:
                notes.append(f"Best rated: [{by_id[comparison.best_rated]}].")
            notes.append("The shopper wants a comparison: say which suits whom.")
        return "\n".join(notes)

    def _write(self, prompt: str, timer: _Timer, meta: dict[str, Any],
               cancelled: threading.Event | None = None) -> Iterator[str]:  # fmt: skip
        assert self.llm is not None
        pieces = self.llm.stream([ChatMessage(role="user", content=prompt)], self.answer_tokens)
        try:
            for piece in pieces:
                if cancelled is not None and cancelled.is_set():
                    meta["cancelled"] = True
                    return
                if meta.get("first_token_s") is None:
                    meta["first_token_s"] = timer.now()
                meta["tokens"] = meta.get("tokens", 0) + 1
                yield piece
        finally:
            close = getattr(pieces, "close", None)
            if close is not None:
                close()  # ends the HTTP stream, so the server stops generating

    def _log_shown(self, request: ChatRequest, cards: Sequence[Card], query: ShoppingQuery) -> None:
        if self.events is None or not request.user_id or not cards:
            return
        now = datetime.now(UTC)
        self.events.append([
            Event(user_id=request.user_id, session_id=request.session_id, product_id=c.product.id,
                  type=EventType.recommendation_shown, timestamp=now,
                  context=EventContext(query=query.text[:1000], position=c.mark - 1, source="chat"))
            for c in cards])  # fmt: skip

    # -- the turn ----------------------------------------------------------------------------

    def open(self, request: ChatRequest) -> Conversation:
        if request.conversation_id:
            return self.conversations.get(request.conversation_id, request.user_id, messages=False)
        return self.conversations.create(request.user_id, request.session_id)

    def turn(
        self,
        request: ChatRequest,
        conv: Conversation | None = None,
        cancelled: threading.Event | None = None,
    ) -> Iterator[TurnEvent]:
        """Run one turn, yielding events as they happen; the last is `done` with the ChatResponse.
        `conv`: the conversation already opened with `open` (so a bad id fails before streaming)."""
        timer = _Timer()
        conv = conv or self.open(request)
        yield TurnEvent(type="conversation", data={"conversation_id": conv.id})
        self.conversations.record_turn(conv.id, conv.state, [
            Message(role="user", content=request.message, timestamp=datetime.now(UTC))])  # fmt: skip
        state = conv.state
        shown = [self.catalog.get(i) for i in state.shown if i in self.catalog]
        reading: Understanding = understand(
            request.message, self.llm, self.departments, [p.title for p in shown], self.brands
        )
        query = reading.query
        yield TurnEvent(type="query", data={"query": query.model_dump(mode="json"),
                                            "overruled": list(reading.overruled)})  # fmt: skip
        degraded = (f"the model could not read the message ({reading.model_error}); "
                    "understood from the words alone") if reading.model_error else None  # fmt: skip
        state = advance(state, query, self.catalog)
        comparison = None
        notice = None
        found = Candidates(())
        history = None
        focus = query.intent in (Intent.compare, Intent.detail)
        if focus:
            refs = query.references or tuple(range(1, min(len(shown), 3) + 1))
            bad = [r for r in refs if not 1 <= r <= len(shown)]
            if bad or not refs:
                notice = (f"There {'is' if len(shown) == 1 else 'are'} only {len(shown)} product(s) on screen; "
                          f"say which ones to compare, e.g. 'compare 1 and 2'.")  # fmt: skip
                products = shown
            else:
                products = [shown[r - 1] for r in refs]
                comparison = compare(products) if len(products) >= 2 else None
            cards = self.cards_for(products)
        else:
            found = find_candidates(state, self.searcher, self.behaviour, request.user_id,
                                    request.session_id, CARDS, more=query.intent is Intent.more)  # fmt: skip
            if self.behaviour is not None and found.personalised_by:
                history = self.behaviour.history(request.user_id, request.session_id)
            cards = self.cards_for(found.hits, state.search_text(), history)
            notice = not_carried(state.search_text(), found.relaxed, found.close_match)
            if query.intent is Intent.more and not cards:
                notice = f"That is everything we have for {state.need}."
        if cards and not focus:  # a comparison or a close look leaves the list on screen as it was
            state = shown_after(state, [c.product.id for c in cards])
        tips = checklist(cards[0].product.department) if cards else ()
        first_cards = timer.now()
        yield TurnEvent(type="cards", data={
            "cards": [c.model_dump(mode="json") for c in cards], "notice": notice,
            "comparison": comparison.model_dump(mode="json") if comparison else None,
            "checklist": list(tips), "relaxed": found.relaxed})  # fmt: skip
        self._log_shown(request, cards, query)

        meta: dict[str, Any] = {"first_cards_s": first_cards, "tokens": 0}
        violations: list[Violation] = []
        regenerated = fallback = False
        text = ""
        if self.llm is None or not cards:
            fallback = bool(cards)
            text = templated_answer(cards, state.need or query.need, notice)
            if self.llm is None and cards:
                degraded = degraded or "no language model is configured; the answer is templated"
        else:
            try:
                picks = (
                    self.pick(state.need, cards) if comparison is None else [c.mark for c in cards]
                )
                cards = [c.model_copy(update={"recommended": c.mark in picks}) for c in cards]
                prompt = render("answer", need=state.search_text() or query.need,
                                products=product_lines(cards), notes=self._notes(query, comparison, notice, cards),
                                picks=", ".join(f"[{m}]" for m in picks))  # fmt: skip
                allowed = [x for x in (state.min_price, state.max_price) if x is not None]
                for _attempt in range(2):
                    pieces = []
                    for piece in self._write(prompt, timer, meta, cancelled):
                        pieces.append(piece)
                        yield TurnEvent(type="token", data={"text": piece})
                    text = "".join(pieces).strip()
                    if meta.get(
                        "cancelled"
                    ):  # the client went away: nothing more to write or check
                        degraded = "the client disconnected; generation was stopped"
                        text = templated_answer(cards, state.need, notice)
                        break
                    violations = check(text, cards, allowed, self.brand_names, prompt_ngrams())
                    if not violations:
                        break
                    yield TurnEvent(
                        type="retract", data={"violations": [v.model_dump() for v in violations]}
                    )
                    regenerated = True
                if violations:
                    fallback = True
                    text = templated_answer(cards, state.need, notice)
            except LLMUnavailable as exc:
                log.warning("written advice unavailable: %s", exc)
                if meta["tokens"]:
                    yield TurnEvent(type="retract", data={"violations": [], "reason": str(exc)})
                fallback = True
                degraded = f"the written advice is unavailable ({exc}); the answer is templated from the catalog"
                text = templated_answer(cards, state.need, notice)
        answer = ChatResponse(
            conversation_id=conv.id, query=query, cards=tuple(cards), comparison=comparison, checklist=tips,
            notice=notice, relaxed=found.relaxed, text=text,
            meta=AnswerMeta(
                llm=self.llm.name if self.llm else None, grounded=not violations or fallback,
                regenerated=regenerated, fallback=fallback, degraded=degraded,
                violations=tuple(violations), overruled=reading.overruled, behaviour_used=found.personalised_by is not None,
                personalised_by=found.personalised_by,
                parsed_by_model=reading.model_reading is not None,
                tokens=meta["tokens"], first_cards_s=first_cards, first_token_s=meta.get("first_token_s"),
                total_s=timer.now()),
        )  # fmt: skip
        self.conversations.record_turn(conv.id, state, [Message(
            role="assistant", content=text, timestamp=datetime.now(UTC),
            data={"cards": [c.product.id for c in cards], "recommended": [c.product.id for c in cards if c.recommended],
                  "notice": notice, "meta": answer.meta.model_dump(mode="json")})])  # fmt: skip
        yield TurnEvent(type="done", data=answer.model_dump(mode="json"))

    def answer(self, request: ChatRequest) -> ChatResponse:
        """The whole turn as one object (the non-streaming API and the benchmark)."""
        last = None
        for event in self.turn(request):
            last = event
        assert last is not None and last.type == "done"
        return ChatResponse.model_validate(last.data)
