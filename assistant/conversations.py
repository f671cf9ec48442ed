"""Conversations stored server-side by id, in the same database as events, so they survive a
restart and any ShopTalk process sharing the database can continue them."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from enum import Enum
from typing import Any, Literal

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import ConversationStoreUnavailable, UnknownConversationError
from assistant.state import ConversationState

_metadata = sa.MetaData()
conversations_table = sa.Table(
    "conversations",
    _metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.String(200), index=True),
    sa.Column("session_id", sa.String(200)),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("updated", sa.Float, nullable=False, index=True),
    sa.Column("state", sa.Text, nullable=False),
)
messages_table = sa.Table(
    "conversation_messages",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "conversation_id",
        sa.String(64),
        sa.ForeignKey("conversations.id"),
        index=True,
        nullable=False,
    ),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("content", sa.Text, nullable=False),
    sa.Column("ts", sa.Float, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
)


class Anyone(Enum):
    """Who may read any conversation: staff and ShopTalk's own tools (see `ConversationStore.get`)."""

    anyone = "anyone"


ANYONE = Anyone.anyone


class Message(BaseModel):
    """One message of a conversation; `data` holds the cards and metadata of assistant turns."""

    model_config = ConfigDict(frozen=True)

    id: int | None = Field(default=None, description="Its place in the conversation (for paging)")
    role: Literal["user", "assistant", "agent"]
    content: str
    timestamp: datetime
    data: dict[str, Any] = Field(default_factory=dict)


class Conversation(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    user_id: str | None
    session_id: str | None
    created: datetime
    updated: datetime
    state: ConversationState
    messages: tuple[Message, ...] = ()
    earlier: int | None = Field(
        default=None,
        description="Older messages exist: pass this as `before` to read the page before these",
    )


def _ts(x: float) -> datetime:
    return datetime.fromtimestamp(x, UTC)


class ConversationStore:
    """Conversations and their messages behind a SQLAlchemy engine (the events' engine)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        try:
            _metadata.create_all(engine)
        except sa.exc.OperationalError as exc:
            raise ConversationStoreUnavailable(
                f"cannot open the conversation database: {exc.orig}"
            ) from exc

    def create(self, user_id: str | None, session_id: str | None) -> Conversation:
        now = datetime.now(UTC)
        conv = Conversation(id=uuid.uuid4().hex, user_id=user_id, session_id=session_id,
                            created=now, updated=now, state=ConversationState())  # fmt: skip
        self._run(lambda c: c.execute(conversations_table.insert().values(
            id=conv.id, user_id=user_id, session_id=session_id, created=now.timestamp(),
            updated=now.timestamp(), state=conv.state.model_dump_json())))  # fmt: skip
        return conv

    def get(
        self, conversation_id: str, owner: str | Anyone | None, messages: bool = True,
        limit: int | None = None, before: int | None = None,
    ) -> Conversation:  # fmt: skip
        """The conversation, for its owner: `owner` must be the user it was started by (None: one
        started without a user, by the keyless local shopper). `ANYONE` is for staff (agents,
        admins) and ShopTalk's own tools. Another owner's conversation is "unknown" (404), so
        ids cannot be probed. With `limit`, only the newest `limit` messages (before the message
        id `before`, if given) are read, and `earlier` says where the previous page starts."""

        def read(c: sa.Connection) -> Conversation:
            row = c.execute(
                sa.select(conversations_table).where(conversations_table.c.id == conversation_id)
            ).first()
            if row is None or (owner is not ANYONE and row.user_id != owner):
                raise UnknownConversationError(conversation_id)
            msgs: list[Message] = []
            earlier = None
            if messages:
                q = sa.select(messages_table).where(
                    messages_table.c.conversation_id == conversation_id
                )
                if before is not None:
                    q = q.where(messages_table.c.id < before)
                if limit is not None:  # newest first in SQL, one more to know if a page precedes
                    q = q.order_by(messages_table.c.id.desc()).limit(limit + 1)
                rows = list(c.execute(q.order_by(messages_table.c.id)))
                if limit is not None:
                    rows = rows[::-1]
                    if len(rows) > limit:
                        rows = rows[1:]
                        earlier = rows[0].id
                msgs = [Message(id=r.id, role=r.role, content=r.content, timestamp=_ts(r.ts),
                                data=json.loads(r.data)) for r in rows]  # fmt: skip
            return Conversation(id=row.id, user_id=row.user_id, session_id=row.session_id, created=_ts(row.created),
                                updated=_ts(row.updated), state=ConversationState.model_validate_json(row.state),
                                messages=tuple(msgs), earlier=earlier)  # fmt: skip

        return self._run(read, write=False)

    def record_turn(
        self, conversation_id: str, state: ConversationState, messages: list[Message]
    ) -> None:
        """Store the turn's messages and the new state in one transaction."""
        now = datetime.now(UTC).timestamp()

        def write(c: sa.Connection) -> None:
            if messages:
                c.execute(messages_table.insert(), [
                    {"conversation_id": conversation_id, "role": m.role, "content": m.content,
                     "ts": m.timestamp.timestamp(), "data": json.dumps(m.data, default=str)} for m in messages])  # fmt: skip
            c.execute(conversations_table.update().where(conversations_table.c.id == conversation_id)
                      .values(state=state.model_dump_json(), updated=now))  # fmt: skip

        self._run(write)

    def for_user(self, user_id: str, limit: int = 20) -> list[Conversation]:
        """A customer's conversations, newest first, without their messages."""

        def read(c: sa.Connection) -> list[str]:
            q = (sa.select(conversations_table.c.id).where(conversations_table.c.user_id == user_id)
                 .order_by(conversations_table.c.updated.desc()).limit(limit))  # fmt: skip
            return [r.id for r in c.execute(q)]

        return [self.get(i, ANYONE, messages=False) for i in self._run(read, write=False)]

    def _run(self, fn: Any, write: bool = True) -> Any:
        try:
            if write:
                with self.engine.begin() as conn:
                    return fn(conn)
            with self.engine.connect() as conn:
                return fn(conn)
        except sa.exc.OperationalError as exc:
            raise ConversationStoreUnavailable(
                f"the conversation database failed: {exc.orig}; nothing from this turn was stored, retry"
            ) from exc
