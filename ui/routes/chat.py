"""The shopper's chat: one turn (JSON or server-sent events) and a stored conversation."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import Field
from sse_starlette import EventSourceResponse
from starlette.concurrency import iterate_in_threadpool

from assistant.conversations import ANYONE, Conversation
from assistant.turn import ChatRequest, ChatResponse, Done, collect
from ui.auth import Caller
from ui.deps import services, shopper
from ui.errors import errors

router = APIRouter(tags=["chat"])


class ChatBody(ChatRequest):
    """`POST /v1/chat`: the turn's request, and how the answer is delivered."""

    stream: bool = Field(default=False, description="Server-sent events instead of one JSON answer")


@router.post(
    "/v1/chat",
    response_model=ChatResponse,
    responses={**errors(401, 403, 404, 422, 503), 200: {"content": {"text/event-stream": {}},
               "description": "JSON, or with stream=true server-sent events: conversation, query, "
               "cards, token (repeated), retract (discard the text so far), done (the ChatResponse)"}},
)  # fmt: skip
def chat(request: Request, body: ChatBody, caller: Caller = shopper) -> Any:
    """One shopper message: understood, answered with catalog cards and grounded advice."""
    pipeline = services(request).chat
    tokens = request.app.state.metrics.tokens
    turn = ChatRequest.model_validate(body.model_dump(exclude={"stream"}))
    turn = turn.model_copy(update={"user_id": caller.acting_as(turn.user_id)})
    conv = pipeline.open(turn, staff=caller.staff and turn.user_id is None)
    if not body.stream:
        answer = collect(pipeline.turn(turn, conv))
        tokens.inc(answer.meta.tokens)
        return answer
    cancelled = threading.Event()
    events = pipeline.turn(turn, conv, cancelled)

    async def sse() -> AsyncIterator[dict[str, str]]:
        try:
            async for event in iterate_in_threadpool(events):
                if isinstance(event, Done):
                    tokens.inc(event.response.meta.tokens)
                yield event.sse()
        finally:  # the client went away: stop generating (the model call is closed, not left running)
            cancelled.set()

    return EventSourceResponse(sse(), ping=15)


@router.get(
    "/v1/conversations/{conversation_id}",
    response_model=Conversation,
    responses=errors(401, 403, 404, 503),
)
def conversation(
    request: Request, conversation_id: str, caller: Caller = shopper,
    user_id: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, Query(ge=1, le=200, description="Newest messages to return")] = 50,
    before: Annotated[int | None, Query(ge=1, description="The `earlier` of the page after")] = None,
) -> Conversation:  # fmt: skip
    """A stored conversation with its state and newest messages, a page at a time (`earlier`
    in the answer is the `before` of the previous page); a shopper key sees only its own."""
    owner = (user_id or ANYONE) if caller.staff else caller.acting_as(user_id)
    return services(request).conversations.get(conversation_id, owner, limit=limit, before=before)
