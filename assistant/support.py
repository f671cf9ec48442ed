"""Customer-service mode: a customer's history (events, past conversations) and a drafted reply
with products that an agent edits before sending it into the conversation."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field

from assistant.advice import Card
from assistant.conversations import Conversation, Message
from assistant.grounding import templated_answer
from assistant.pipeline import ChatPipeline
from assistant.state import ConversationState, advance
from assistant.writer import run_writer
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
    """Products for what the customer wrote, ranked with their history, and a drafted reply
    written by the chat's own answer writer in the agent's voice."""
    state = ConversationState()
    if conversation_id:
        state = pipeline.conversations.get(conversation_id, customer_id, messages=False).state
    reading = pipeline.read(message)
    query = reading.query
    if query.intent.value == "new" or not state.need:
        state = advance(ConversationState(), query, pipeline.catalog)
    found = pipeline.find(state, customer_id, None, k=3)
    cards = pipeline.cards_for(found.hits, state.search_text())
    events = pipeline.events.query(user_id=customer_id) if pipeline.events else []
    writer = pipeline.writer.for_agent(_timeline(events, pipeline))
    written = run_writer(writer.write(message, cards, state, query))
    picks = set(written.picks)
    cards = [c.model_copy(update={"recommended": c.mark in picks}) for c in cards]
    degraded = written.degraded or (None if pipeline.llm else "no language model is configured")
    return Draft(customer_id=customer_id, conversation_id=conversation_id, cards=tuple(cards),
                 text=written.text or templated_answer(cards, state.need), grounded=True,
                 degraded=degraded or ("the model's lead failed the checks; templated" if written.violations else None))  # fmt: skip


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
