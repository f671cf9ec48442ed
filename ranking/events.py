"""Behaviour events: the typed event, and a durable store behind a database URL.

SQLite in WAL mode with `synchronous=FULL` is the embedded default (an event acknowledged to a
caller has been fsynced); any SQLAlchemy URL works, e.g. postgresql+psycopg://... .
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError, model_validator

from ranking.errors import RankingError
from retrieval.fields import Printable

#: Clock skew tolerated before a timestamp counts as "in the future".
FUTURE_SKEW = timedelta(minutes=5)
#: How far back a shopper's own events may be dated (an app that was offline for a while).
SHOPPER_EVENT_AGE = timedelta(days=7)
#: The most of one user's (or session's) events that one answer reads: the newest, in SQL.
READ_LIMIT = 500


class EventType(StrEnum):
    view = "view"
    click = "click"
    add_to_cart = "add_to_cart"
    remove_from_cart = "remove_from_cart"
    purchase = "purchase"
    rate = "rate"
    recommendation_shown = "recommendation_shown"
    thumbs_up = "thumbs_up"
    thumbs_down = "thumbs_down"


#: How much each event says about wanting the product (for popularity and co-visitation).
EVENT_WEIGHT: dict[EventType, float] = {
    EventType.view: 0.2, EventType.click: 0.5, EventType.add_to_cart: 1.0, EventType.purchase: 2.0,
    EventType.rate: 1.0, EventType.thumbs_up: 0.5, EventType.recommendation_shown: 0.0,
    EventType.remove_from_cart: 0.0, EventType.thumbs_down: 0.0,
}  # fmt: skip

#: What a shopper did, as opposed to what the server logged about them (exposures).
SHOPPER_ACTS = tuple(t for t in EventType if t is not EventType.recommendation_shown)


class EventContext(BaseModel):
    """Where the event happened."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    query: str | None = Field(default=None, max_length=1000, description="The search or chat text")
    position: int | None = Field(
        default=None, ge=0, description="Position of the product in the list shown"
    )
    experiment: str | None = Field(default=None, max_length=100)
    arm: str | None = Field(default=None, max_length=100)
    source: Printable | None = Field(
        default=None, max_length=100, description="e.g. chat, search, import:amazon"
    )
    rating: float | None = Field(default=None, ge=1, le=5, description="Stars, for 'rate' events")


class Event(BaseModel):
    """One thing a shopper did with a product."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    user_id: Printable = Field(min_length=1, max_length=200)
    session_id: Printable | None = Field(default=None, max_length=200)
    product_id: Printable = Field(min_length=1, max_length=300)
    type: EventType
    timestamp: AwareDatetime = Field(
        default_factory=lambda: datetime.now(UTC), description="ISO 8601 with a time zone"
    )
    context: EventContext = Field(default_factory=EventContext)

    @model_validator(mode="after")
    def _check(self) -> Event:
        if self.timestamp > datetime.now(UTC) + FUTURE_SKEW:
            raise ValueError(
                f"timestamp {self.timestamp.isoformat()} is in the future; send the time it happened"
            )
        if self.type == EventType.rate and self.context.rating is None:
            raise ValueError("a 'rate' event needs context.rating (1 to 5)")
        return self


class StoredEvent(Event):
    """An event as stored, with its id."""

    id: int


class EventStoreUnavailable(RankingError):
    """The database cannot take or give events right now; the caller should retry."""


@dataclass(frozen=True)
class EventResult:
    """What happened to one event of a batch."""

    index: int
    stored: bool
    id: int | None = None
    error: str | None = None


_metadata = sa.MetaData()
events_table = sa.Table(
    "events",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("user_id", sa.String(200), nullable=False, index=True),
    sa.Column("session_id", sa.String(200), index=True),
    sa.Column("product_id", sa.String(300), nullable=False, index=True),
    sa.Column("type", sa.String(40), nullable=False),
    sa.Column("ts", sa.Float, nullable=False, index=True),
    sa.Column("experiment", sa.String(100), index=True),
    sa.Column("arm", sa.String(100)),
    sa.Column("context", sa.Text, nullable=False),
)

#: Snapshots of the live popularity and co-visitation state (ranking/live.py), newest kept.
snapshots_table = sa.Table(
    "live_snapshots",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("last_event_id", sa.Integer, nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("body", sa.LargeBinary, nullable=False),
)
SNAPSHOTS_KEPT = 2


def make_engine(url: str, busy_timeout: float = 5.0) -> sa.Engine:
    """An engine; SQLite gets WAL, full fsync and a busy timeout (seconds)."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(
            url, connect_args={"timeout": busy_timeout, "check_same_thread": False}
        )

        @sa.event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            cursor = conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()

        return engine
    return sa.create_engine(url, pool_pre_ping=True)


class EventStore:
    """Append-only event log in a SQL database."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        try:
            _metadata.create_all(engine)
        except sa.exc.OperationalError as exc:
            raise EventStoreUnavailable(f"cannot open the event database: {exc.orig}") from exc

    def append(self, events: Sequence[Event]) -> list[int]:
        """Store events in one transaction; returns their ids. Nothing is stored on error."""
        if not events:
            return []
        rows = [
            {
                "user_id": e.user_id, "session_id": e.session_id, "product_id": e.product_id,
                "type": e.type.value, "ts": e.timestamp.timestamp(), "experiment": e.context.experiment,
                "arm": e.context.arm, "context": e.context.model_dump_json(exclude_none=True),
            }
            for e in events
        ]  # fmt: skip
        try:
            with self.engine.begin() as conn:
                insert = events_table.insert().returning(
                    events_table.c.id, sort_by_parameter_order=True
                )
                ids = list(conn.execute(insert, rows).scalars())
        except sa.exc.OperationalError as exc:
            raise EventStoreUnavailable(
                f"the event database refused the write: {exc.orig}"
            ) from exc
        return [int(i) for i in ids]

    def append_bulk(self, events: Sequence[Event], chunk: int = 5000) -> int:
        """Fast path for imports: executemany in chunks, no ids returned."""
        total = 0
        with self.engine.begin() as conn:
            for start in range(0, len(events), chunk):
                part = events[start : start + chunk]
                conn.execute(
                    events_table.insert(),
                    [
                        {"user_id": e.user_id, "session_id": e.session_id, "product_id": e.product_id,
                         "type": e.type.value, "ts": e.timestamp.timestamp(), "experiment": e.context.experiment,
                         "arm": e.context.arm, "context": e.context.model_dump_json(exclude_none=True)}
                        for e in part
                    ],
                )  # fmt: skip
                total += len(part)
        return total

    def count(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(sa.select(sa.func.count()).select_from(events_table)).scalar_one()
            )

    def query(
        self, user_id: str | None = None, session_id: str | None = None, experiment: str | None = None,
        after_id: int = 0, limit: int | None = None, newest: int | None = None,
        types: Iterable[EventType] | None = None,
    ) -> list[StoredEvent]:  # fmt: skip
        """Events in id (arrival) order, filtered (`types`: only these kinds): the first `limit`
        after `after_id`, or with `newest` only the latest N (read newest-first in SQL, so a long
        history costs N rows)."""
        q = sa.select(events_table).where(events_table.c.id > after_id)
        q = q.order_by(events_table.c.id.desc() if newest else events_table.c.id)
        limit = newest or limit
        if user_id is not None:
            q = q.where(events_table.c.user_id == user_id)
        if session_id is not None:
            q = q.where(events_table.c.session_id == session_id)
        if experiment is not None:
            q = q.where(events_table.c.experiment == experiment)
        if types is not None:
            q = q.where(events_table.c.type.in_([t.value for t in types]))
        if limit is not None:
            q = q.limit(limit)
        try:
            with self.engine.connect() as conn:
                found = [_row_to_event(r) for r in conn.execute(q)]
        except sa.exc.OperationalError as exc:
            raise EventStoreUnavailable(f"cannot read events: {exc.orig}") from exc
        return found[::-1] if newest else found

    def ids_between(self, above: int, up_to: int) -> list[int]:
        """The ids of stored events with above < id <= up_to, in order (ids only: cheap)."""
        q = sa.select(events_table.c.id).where(
            events_table.c.id > above, events_table.c.id <= up_to
        )
        with self.engine.connect() as conn:
            return [int(i) for i in conn.execute(q.order_by(events_table.c.id)).scalars()]

    def iter_all(self, batch: int = 20000, after_id: int = 0) -> Iterator[StoredEvent]:
        """Every event after `after_id`, in id order, read a batch at a time."""
        after = after_id
        while True:
            rows = self.query(after_id=after, limit=batch)
            if not rows:
                return
            yield from rows
            after = rows[-1].id

    def save_snapshot(self, last_event_id: int, body: bytes) -> None:
        """Store a live-state snapshot; only the newest SNAPSHOTS_KEPT are kept."""
        with self.engine.begin() as conn:
            conn.execute(snapshots_table.insert().values(
                last_event_id=last_event_id, created=time.time(), body=body))  # fmt: skip
            keep = sa.select(snapshots_table.c.id).order_by(snapshots_table.c.id.desc())
            kept = [r[0] for r in conn.execute(keep.limit(SNAPSHOTS_KEPT))]
            conn.execute(snapshots_table.delete().where(snapshots_table.c.id.not_in(kept)))

    def latest_snapshot(self) -> bytes | None:
        """The newest live-state snapshot's body, or None."""
        q = sa.select(snapshots_table.c.body).order_by(snapshots_table.c.id.desc()).limit(1)
        with self.engine.connect() as conn:
            body = conn.execute(q).scalar_one_or_none()
        return bytes(body) if body is not None else None


def _row_to_event(row: Any) -> StoredEvent:
    return StoredEvent(
        id=row.id, user_id=row.user_id, session_id=row.session_id, product_id=row.product_id,
        type=EventType(row.type), timestamp=datetime.fromtimestamp(row.ts, UTC),
        context=EventContext.model_validate_json(row.context),
    )  # fmt: skip


def validate_batch(
    raw: Sequence[dict[str, Any]], known_product: Callable[[str], bool],
    oldest: datetime | None = None,
) -> tuple[list[Event], list[EventResult]]:  # fmt: skip
    """Parse each raw event on its own: good ones are returned, bad ones get a clear error.
    `oldest`: events that happened before it are refused (a shopper reports what just happened;
    back-filling history is for staff and imports)."""
    good: list[Event] = []
    results: list[EventResult] = []
    for index, item in enumerate(raw):
        try:
            event = Event.model_validate(item)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(x) for x in e['loc']) or 'event'}: {e['msg']}" for e in exc.errors()
            )
            results.append(EventResult(index, False, error=problems))
            continue
        if oldest is not None and event.timestamp < oldest:
            results.append(EventResult(index, False, error=(
                f"timestamp: {event.timestamp.isoformat()} is before {oldest.isoformat()}; a shopper "
                "key reports events as they happen (staff keys import history)")))  # fmt: skip
            continue
        if not known_product(event.product_id):
            results.append(
                EventResult(
                    index, False, error=f"product_id: {event.product_id!r} is not in the catalog"
                )
            )
            continue
        good.append(event)
        results.append(EventResult(index, True))
    return good, results


def ingest(
    store: EventStore, raw: Sequence[dict[str, Any]], known_product: Callable[[str], bool],
    oldest: datetime | None = None,
) -> tuple[list[EventResult], list[Event]]:  # fmt: skip
    """Validate and store a batch: the good events are stored together (and returned), the bad
    ones reported. Raises EventStoreUnavailable, with nothing stored, if the database fails."""
    good, results = validate_batch(raw, known_product, oldest)
    ids = iter(store.append(good))
    return [EventResult(r.index, True, id=next(ids)) if r.stored else r for r in results], good


def import_sequences(
    store: EventStore, sequences: dict[str, list[str]], source: str, known_product: Callable[[str], bool],
    event_type: EventType = EventType.purchase, start: datetime | None = None,
) -> tuple[int, list[str]]:  # fmt: skip
    """Import user -> product-id lists (time order, no timestamps): each user's items get
    timestamps one minute apart from `start`, so order is kept. Returns (stored, problems)."""
    start = start or datetime(2018, 1, 1, tzinfo=UTC)
    events, problems = [], []
    for user, items in sequences.items():
        for step, product in enumerate(items):
            if not known_product(product):
                problems.append(f"user {user}: product {product!r} is not in the catalog")
                continue
            events.append(
                Event(
                    user_id=user,
                    session_id=f"{source}:{user}",
                    product_id=product,
                    type=event_type,
                    timestamp=start + timedelta(minutes=step),
                    context=EventContext(source=source),
                )
            )
    return store.append_bulk(events), problems


def load_lcrec_log(path: Any, source_name: str) -> dict[str, list[str]]:
    """An LC-Rec `inter.json` as user -> product ids of the catalog source `source_name`."""
    inter = json.loads(path.read_text())
    return {
        f"{source_name}-{u}": [f"{source_name}:{i}" for i in items] for u, items in inter.items()
    }
