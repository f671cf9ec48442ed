"""Customer-service mode: a customer's history (events, past conversations) and a drafted reply
with products that an agent edits before sending it into the conversation."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from assistant.advice import Card
from assistant.candidates import find_candidates
from assistant.conversations import Conversation, Message
from assistant.errors import LLMUnavailable
from assistant.grounding import check, product_lines, templated_answer
from assistant.llm import ChatMessage
from assistant.pipeline import ChatPipeline
from assistant.prompts import prompt_ngrams, render
from assistant.query import understand
from assistant.state import ConversationState
from ranking.events import StoredEvent


class CustomerHistory(BaseModel):
    model_config = ConfigDict(frozen=True)

    customer_id: str
    events: tuple[StoredEvent, ...] = Field(description="Newest last, at most `limit`")
    conversations: tuple[Conversation, ...] = Field(description="Newest first, without messages")


class Draft(BaseModel):
    """A reply for the agent to edit; nothing is sent until the agent sends it."""

    model_config = ConfigDict(frozen=True)

    customer_id: str
    conversation_id: str | None
    text: str
    cards: tuple[Card, ...]
    grounded: bool
    degraded: str | None = None


def history(pipeline: ChatPipeline, customer_id: str, limit: int = 50) -> CustomerHistory:
    events = pipeline.events.query(user_id=customer_id) if pipeline.events else []
    return CustomerHistory(customer_id=customer_id, events=tuple(events[-limit:]),
                           conversations=tuple(pipeline.conversations.for_user(customer_id)))  # fmt: skip


def _timeline(events: list[StoredEvent], pipeline: ChatPipeline, n: int = 8) -> str:
    lines = []
    for e in events[-n:]:
        title = (
            pipeline.catalog.get(e.product_id).title[:70]
            if e.product_id in pipeline.catalog
            else e.product_id
        )
        lines.append(f"- {e.timestamp:%Y-%m-%d} {e.type.value}: {title}")
    return "\n".join(lines) or "- nothing recorded"


def draft_reply(pipeline: ChatPipeline, customer_id: str, message: str,
                conversation_id: str | None = None) -> Draft:  # fmt: skip
    """Products for what the customer wrote, ranked with their history, and a drafted reply."""
    state = ConversationState()
    if conversation_id:
        state = pipeline.conversations.get(conversation_id, customer_id, messages=False).state
    reading = understand(message, pipeline.llm, pipeline.departments, brands=pipeline.brands)
    need = (
        reading.query.need if reading.query.intent.value == "new" or not state.need else state.need
    )
    state = state.model_copy(update={"need": need, "seen": ()})
    if reading.query.max_price is not None or reading.query.min_price is not None:
        state = state.model_copy(
            update={"min_price": reading.query.min_price, "max_price": reading.query.max_price}
        )
    found = find_candidates(state, pipeline.searcher, pipeline.behaviour, customer_id, None, 3)
    cards = pipeline.cards_for(found.hits, state.search_text())
    events = pipeline.events.query(user_id=customer_id) if pipeline.events else []
    if pipeline.llm is None or not cards:
        return Draft(customer_id=customer_id, conversation_id=conversation_id, cards=tuple(cards),
                     text=templated_answer(cards, need), grounded=True,
                     degraded=None if pipeline.llm else "no language model is configured")  # fmt: skip
    prompt = render("agent", customer=customer_id, history=_timeline(events, pipeline), message=message,
                    products=product_lines(cards), picks=", ".join(f"[{c.mark}]" for c in cards))  # fmt: skip
    try:
        text = pipeline.llm.generate(
            [ChatMessage(role="user", content=prompt)], pipeline.answer_tokens
        ).strip()
    except LLMUnavailable as exc:
        return Draft(customer_id=customer_id, conversation_id=conversation_id, cards=tuple(cards),
                     text=templated_answer(cards, need), grounded=True, degraded=str(exc))  # fmt: skip
    violations = check(text, cards, (), pipeline.brand_names, prompt_ngrams())
    if violations:
        text = templated_answer(cards, need)
    return Draft(customer_id=customer_id, conversation_id=conversation_id, cards=tuple(cards), text=text,
                 grounded=True, degraded="the model's draft failed the catalog check; templated" if violations else None)  # fmt: skip


def send_reply(
    pipeline: ChatPipeline, conversation_id: str, text: str, product_ids: list[str]
) -> Message:
    """Post the agent's (edited) reply into the customer's conversation."""
    conv = pipeline.conversations.get(conversation_id, messages=False)
    for pid in product_ids:
        pipeline.catalog.get(pid)  # unknown ids are a 404, not a silent card
    message = Message(
        role="agent", content=text, timestamp=datetime.now(UTC), data={"cards": product_ids}
    )
    pipeline.conversations.record_turn(conv.id, conv.state, [message])
    return message
