"""Customer service (agent keys): a customer's history, drafted replies, sending a reply."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field

from assistant.conversations import Message
from assistant.support import CustomerHistory, Draft, draft_reply, history, send_reply
from retrieval.fields import Printable, PrintableText
from ui.deps import agent, services
from ui.errors import errors

router = APIRouter(tags=["customer service"], dependencies=[agent])


class DraftRequest(BaseModel):
    """What the customer wrote, for the agent's drafted reply."""

    model_config = ConfigDict(extra="forbid")

    message: PrintableText = Field(min_length=1, max_length=2000)
    conversation_id: Printable | None = Field(default=None, max_length=64)
    reference_id: Printable | None = Field(
        default=None, max_length=200,
        description="A past product of this customer the message refers to, when the agent picks "
        "another than the draft's referring_to (one of referring_to.others)",
    )  # fmt: skip


class AgentReply(BaseModel):
    """The agent's edited reply, sent into the customer's conversation."""

    model_config = ConfigDict(extra="forbid")

    text: PrintableText = Field(min_length=1, max_length=4000)
    product_ids: list[Printable] = Field(default_factory=list, max_length=10)


@router.get("/v1/customers/{customer_id}/history", response_model=CustomerHistory,
            responses=errors(401, 403, 503))  # fmt: skip
def customer_history(request: Request, customer_id: str) -> CustomerHistory:
    """A customer's recent events and conversations, for an agent."""
    return history(services(request).chat, customer_id)


@router.post("/v1/customers/{customer_id}/drafts", response_model=Draft,
             responses=errors(401, 403, 404, 422, 503))  # fmt: skip
def customer_draft(request: Request, customer_id: str, body: DraftRequest) -> Draft:
    """A drafted reply with products for what the customer wrote; the agent edits and sends it."""
    return draft_reply(services(request).chat, customer_id, body.message, body.conversation_id,
                       body.reference_id)  # fmt: skip


@router.post("/v1/conversations/{conversation_id}/replies", response_model=Message,
             responses=errors(401, 403, 404, 422, 503))  # fmt: skip
def agent_reply(request: Request, conversation_id: str, body: AgentReply) -> Message:
    """Send the agent's reply into the customer's conversation."""
    return send_reply(services(request).chat, conversation_id, body.text, body.product_ids)
