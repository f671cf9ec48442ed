"""Customer-service mode: a customer's history (events, past conversations) and a drafted reply
with products that an agent edits before sending it into the conversation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.advice import Card, lists_unpriced, not_carried
from assistant.conversations import ANYONE, Conversation, Message
from assistant.errors import NotInHistoryError
from assistant.grounding import templated_answer
from assistant.phrases import phrase
from assistant.pipeline import ChatPipeline
from assistant.proposals import Proposal, Proposals, kind_of, propose, same_line, short_name
from assistant.reasons import extract_reasons
from assistant.references import (
    Ask,
    AskReading,
    Reference,
    product_words,
    read_ask,
    resolve,
    size_of,
)
from assistant.state import ConversationState, advance
from assistant.writer import run_writer
from ranking.events import READ_LIMIT, SHOPPER_ACTS, StoredEvent
from retrieval.catalog import Product


class CustomerHistory(BaseModel):
    model_config = ConfigDict(frozen=True)

    customer_id: str
    events: tuple[StoredEvent, ...] = Field(description="Newest last, at most `limit`")
    conversations: tuple[Conversation, ...] = Field(description="Newest first, without messages")


class PastProduct(BaseModel):
    model_config = ConfigDict(frozen=True)

    product_id: str
    title: str


class Referring(BaseModel):
    """The past product the customer's message refers to, shown to the agent as "referring to"."""

    model_config = ConfigDict(frozen=True)

    product_id: str
    title: str
    how: str = Field(description="How it was found: 'your most recent purchase', 'matches ...'")
    sure: bool = Field(description="False when another past product matched as well")
    others: tuple[PastProduct, ...] = Field(
        default=(),
        description="Other past products it may be: draft again with one as reference_id",
    )


class ProposalNote(BaseModel):
    model_config = ConfigDict(frozen=True)

    mark: int
    product_id: str
    why: str = Field(description="What it is relative to the past product")
    field: str = Field(description="The catalog field that supports it")


class Draft(BaseModel):
    """A reply for the agent to edit; nothing is sent until the agent sends it."""

    model_config = ConfigDict(frozen=True)

    customer_id: str
    conversation_id: str | None
    text: str
    cards: tuple[Card, ...]
    grounded: bool
    degraded: str | None = None
    ask: Ask = Field(default=Ask.other, description="What the customer wants done")
    referring_to: Referring | None = None
    proposals: tuple[ProposalNote, ...] = ()
    lead_by_model: bool = Field(default=False, description="The answer sentence is the model's")
    language: str = "en"


def history(pipeline: ChatPipeline, customer_id: str, limit: int = 50) -> CustomerHistory:
    events = (
        pipeline.events.query(user_id=customer_id, newest=limit, types=SHOPPER_ACTS)
        if pipeline.events
        else []
    )
    return CustomerHistory(customer_id=customer_id, events=tuple(events),
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


def _past(pipeline: ChatPipeline, events: Sequence[StoredEvent]) -> list[Product]:
    """The customer's products, oldest first (views, carts and purchases alike)."""
    return [pipeline.catalog.get(e.product_id) for e in events if e.product_id in pipeline.catalog]


def _answer(ask: AskReading, ref: Reference, found: Proposals, cards: Sequence[Card],
            message: str, language: str, pipeline: ChatPipeline) -> str:  # fmt: skip
    """The agent-voice answer to what was asked, from the reference and the proposals alone."""
    p = ref.product
    # the past product by its kind ("the exam gloves you ordered"): the agent sees which one in
    # "referring to"; its name and maker are not on the proposed cards, so the text never says them
    values: dict[str, Any] = {"ref": kind_of(p).lower(), "ref_price": p.price_label}
    first = cards[0] if cards else None
    if ask.ask is Ask.size:
        size = size_of(p.title)
        if first is None:
            return phrase(language, "size_none", **values)
        new = size_of(first.product.title) or ""
        key = "size_same_line" if same_line(first.product, p) else "size_other_brand"
        return phrase(
            language, key, mark=first.mark, new=new, size=f" ({size})" if size else "", **values
        )
    if ask.ask is Ask.cheaper:
        if found.gap == "price_unknown" and cards:
            marks = ", ".join(f"[{c.mark}]" for c in cards)
            return phrase(language, "cheaper_unknown", marks=marks, **values)
        if first is None:
            return phrase(language, "cheaper_none", **values)
        return phrase(language, "cheaper_found", mark=first.mark, price=first.price, **values)
    if ask.ask is Ask.brand:
        if first is None:
            return phrase(language, "brand_none", **values)
        return phrase(language, "brand_found", mark=first.mark, brand=first.product.brand, **values)
    if ask.ask is Ask.same:
        return phrase(language, "same_found", mark=cards[0].mark, **values)
    fact = extract_reasons([p], message, pipeline.searcher.embedder)[0]
    return phrase(language, "question_found", fact=fact, **values)


def draft_reply(pipeline: ChatPipeline, customer_id: str, message: str,
                conversation_id: str | None = None, reference_id: str | None = None) -> Draft:  # fmt: skip
    """A reply the agent edits and sends. The message is read against the customer's history:
    the past product it refers to ("the gloves I ordered", or the agent's `reference_id`), what
    they want done about it (another size, cheaper, another brand, the same again, a question),
    and proposals that follow from that product's own catalog fields. Anything else is searched
    as the shopper chat would, ranked with the history. Written by the chat's answer writer in
    the agent's voice; when the model's sentence fails the checks, an agent-voice template
    answers from the same data."""
    state = ConversationState()
    if conversation_id:
        state = pipeline.conversations.get(conversation_id, customer_id, messages=False).state
    events = (
        pipeline.events.query(user_id=customer_id, newest=READ_LIMIT, types=SHOPPER_ACTS)
        if pipeline.events
        else []
    )
    past = _past(pipeline, events)
    reading = pipeline.read(message)
    query = reading.query
    language = query.language
    english = reading.english or message
    ask = read_ask(english)
    if reference_id is not None:
        if reference_id not in {p.id for p in past}:
            raise NotInHistoryError(f"product {reference_id!r} is not in customer {customer_id!r}'s history; "
                           "pick one of referring_to.others or leave reference_id out")  # fmt: skip
        ref: Reference | None = Reference(
            pipeline.catalog.get(reference_id), "chosen by the agent", sure=True
        )
    else:
        ref = resolve(english, past)
    referring = None
    if ref is not None:
        referring = Referring(product_id=ref.product.id, title=ref.product.title, how=ref.how, sure=ref.sure,
                              others=tuple(PastProduct(product_id=o.id, title=o.title) for o in ref.others))  # fmt: skip
    context = _timeline(events, pipeline)
    if ref is not None and ask.ask is not Ask.other:
        found = propose(ref, ask, pipeline.searcher)
        items = found.items or (
            Proposal(ref.product, "your past purchase", "your purchase history"),
        )
        cards = [c.model_copy(update={"why": i.why})
                 for c, i in zip(pipeline.cards_for([i.product for i in items]), items, strict=True)]  # fmt: skip
        shown = cards if found.items else []
        answer = _answer(ask, ref, found, shown, message, language, pipeline)
        context += f"\nThey refer to: {short_name(ref.product)} ({ref.how})." + "".join(
            f"\nProposed [{c.mark}]: {c.why}." for c in shown
        )
        if not shown:  # nothing to propose: say so, show the product they meant
            text = "\n".join([phrase(language, "greeting"), answer, phrase(language, "closing")])
            return Draft(customer_id=customer_id, conversation_id=conversation_id, text=text, cards=tuple(cards),
                         grounded=True, ask=ask.ask, referring_to=referring, language=language)  # fmt: skip
        writer = pipeline.writer.for_agent(context)
        written = run_writer(writer.write(message, shown, state, query, picks=[c.mark for c in shown],
                                          fallback_lead=answer, reasons=[c.why for c in shown],
                                          ask_back=False))  # fmt: skip
        notes = tuple(ProposalNote(mark=c.mark, product_id=c.product.id, why=i.why, field=i.field)
                      for c, i in zip(shown, found.items, strict=True))  # fmt: skip
    else:
        if query.intent.value == "new" or not state.need:
            state = advance(ConversationState(), query, pipeline.catalog)
        found_hits = pipeline.find(state, customer_id, None, k=3)
        cards = pipeline.cards_for(found_hits.hits, state.search_text())
        close = found_hits.close_match and not query.unknown_product
        notice = not_carried(state.asked_for(), found_hits.relaxed, close, language,
                             refined=query.intent.value == "refine",
                             unpriced=lists_unpriced(cards), cheaper=query.cheaper)  # fmt: skip
        words = product_words(english)
        if notice is None and ask.ask is not Ask.other and ref is None and words and cards:
            notice = phrase(language, "not_in_history", words=" ".join(words[:4]))
        if ref is not None:
            context += f"\nThey refer to: {short_name(ref.product)} ({ref.how})."
        writer = pipeline.writer.for_agent(context)
        written = run_writer(writer.write(message, cards, state, query, notice=notice))
        notes = ()
    picks = set(written.picks)
    cards = [c.model_copy(update={"recommended": c.mark in picks}) for c in cards]
    degraded = written.degraded or (None if pipeline.llm else "no language model is configured")
    if written.violations and not degraded:
        degraded = (
            "the model's sentence failed the checks; the answer is templated from the catalog"
        )
    return Draft(customer_id=customer_id, conversation_id=conversation_id, cards=tuple(cards),
                 text=written.text or templated_answer(cards, state.need), grounded=True, degraded=degraded,
                 ask=ask.ask, referring_to=referring, proposals=notes, lead_by_model=written.lead_by_model,
                 language=language)  # fmt: skip


def send_reply(
    pipeline: ChatPipeline, conversation_id: str, text: str, product_ids: list[str]
) -> Message:
    """Post the agent's (edited) reply into the customer's conversation."""
    conv = pipeline.conversations.get(conversation_id, ANYONE, messages=False)
    for pid in product_ids:
        pipeline.catalog.get(pid)  # unknown ids are a 404, not a silent card
    message = Message(
        role="agent", content=text, timestamp=datetime.now(UTC), data={"cards": product_ids}
    )
    pipeline.conversations.record_turn(conv.id, conv.state, [message])
    return message
