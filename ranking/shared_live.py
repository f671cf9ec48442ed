"""Live popularity and co-visitation in Redis, shared by every replica (`live_url=redis://...`).

The event database is the source of truth; Redis holds the counters it adds up to. Every process
applies the events stored since Redis's watermark (its own and anyone else's: the API's event
route, the chat's searches, carts, imports), under a Redis lock, each event exactly once: a batch
of events, the set of ids it applied and the new watermark are written in one MULTI/EXEC that
WATCHes the watermark (a process whose lock expired mid-batch applies nothing). Every product's
events are counted, whatever catalog the applying process serves; readers keep their own. An
event that commits late with an id below the watermark (PostgreSQL hands out ids before commit)
is still applied if it is within LOOKBACK ids of it. A process that stored events applies them at
once; otherwise a read applies what others stored when it refreshes (every REFRESH_SECONDS), one
batch at a time. A Redis that lost its state (flushed, restarted without persistence) is seeded
again; one that cannot be reached at start-up leaves the process on its own counters (logged);
one that goes away later leaves requests on the last values read. One Redis instance (the
script's keys are not all declared, as Redis Cluster would need).

Keys (prefix `shoptalk:live:`), keyed by product id so replicas on different catalog versions
agree: `pop` (hash: product -> decayed popularity against a fixed origin time), `after:<product>`
(hash: next product -> count), `session:<key>` (the session's last product, expiring after
SESSION_TTL_SECONDS, where the in-process state keeps the 100,000 most recent), `applied` (sorted
set of recent ids), `meta` (origin, newest event time, watermark). An empty Redis is seeded from
the in-process start: the database's snapshot plus the events since (ranking/live.py).
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from ranking.events import EVENT_WEIGHT, Event, EventStore
from ranking.live import HALF_LIFE_SECONDS, LiveState, start_live_state
from retrieval.catalog import Catalog

log = logging.getLogger(__name__)

PREFIX = "shoptalk:live:"
#: How far below the watermark a late-committing event is still picked up (in event ids).
LOOKBACK = 1000
REFRESH_SECONDS = 1.0
SESSION_TTL_SECONDS = 30 * 24 * 3600
BATCH = 5000
LOCK_SECONDS = 120
TIMEOUT_SECONDS = 2.0
#: After a failure, Redis is left alone this long (requests serve the last values meanwhile).
BACKOFF_SECONDS = 5.0
#: A seed replays the log from the database's snapshot: at most minutes, even at millions.
SEED_LOCK_SECONDS = 1800

# One event: add its decayed weight, move the newest time, and count "what came next" after the
# session's previous product. KEYS: pop, meta, session key. ARGV: product, increment, time,
# after-key prefix, session ttl.
_OBSERVE = """
redis.call('HINCRBYFLOAT', KEYS[1], ARGV[1], ARGV[2])
local ref = tonumber(redis.call('HGET', KEYS[2], 'ref_ts') or '0')
if tonumber(ARGV[3]) > ref then redis.call('HSET', KEYS[2], 'ref_ts', ARGV[3]) end
local prev = redis.call('GET', KEYS[3])
if prev and prev ~= ARGV[1] then redis.call('HINCRBY', ARGV[4] .. prev, ARGV[1], 1) end
redis.call('SET', KEYS[3], ARGV[1], 'EX', ARGV[5])
return 1
"""


class SharedLiveState:
    """The same counters as ranking.live.LiveState, read from and written to Redis."""

    def __init__(self, url: str, catalog: Catalog, store: EventStore) -> None:
        import redis
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self.catalog = catalog
        self.store = store
        # Short timeouts and no retries: a request waits at most ~2 s on a Redis that is gone.
        self.client = redis.Redis.from_url(
            url, decode_responses=True, socket_timeout=TIMEOUT_SECONDS,
            socket_connect_timeout=TIMEOUT_SECONDS, retry=Retry(NoBackoff(), 0),
        )  # fmt: skip
        self._observe = self.client.register_script(_OBSERVE)
        self._pop = np.zeros(len(catalog))
        self._pop_at = -1.0e9
        self._down_until = 0.0
        self.after = SharedAfter(self)
        self.origin = 0.0

    def key(self, name: str) -> str:
        return PREFIX + name

    def start(self) -> int:
        """Seed an empty Redis, or apply everything stored since its watermark; how many events
        this start applied (or replayed, when seeding)."""
        return self.sync(block=True, batches=None)

    def _seed(self) -> int:
        """Fill an empty (or emptied: flushed, restarted without persistence) Redis from the
        in-process start: the database's snapshot plus the events since. Called under the lock."""
        state, replayed = start_live_state(self.catalog, self.store)
        self.origin = state.ref_ts or time.time()
        ids = self.catalog.ids
        pipe = self.client.pipeline(transaction=True)
        stale = [k for k in self.client.scan_iter(match=PREFIX + "*") if k != self.key("lock")]
        if stale:  # a seed that died half-way, or keys left after an eviction
            pipe.delete(*stale)
        pipe.hset(self.key("meta"), mapping={"origin": repr(self.origin), "ref_ts": repr(state.ref_ts or self.origin),
                                             "watermark": state.last_event_id})  # fmt: skip
        popular = {ids[r]: repr(float(v)) for r, v in enumerate(state.popularity) if v > 0}
        if popular:
            pipe.hset(self.key("pop"), mapping=popular)  # type: ignore[arg-type]
        for row, nxt in state.after.items():
            pipe.hset(self.key(f"after:{ids[row]}"), mapping={ids[n]: c for n, c in nxt.items()})
        for session, row in state.last_by_session.items():
            pipe.set(self.key(f"session:{session}"), ids[row], ex=SESSION_TTL_SECONDS)
        recent = self.store.ids_between(state.last_event_id - LOOKBACK, state.last_event_id)
        if recent:
            pipe.zadd(self.key("applied"), {str(i): i for i in recent})
        pipe.execute()
        self._pop_at = -1.0e9  # read afresh
        log.info("shared live state seeded in Redis up to event %d", state.last_event_id)
        return replayed

    def sync(self, block: bool = False, batches: int | None = 1) -> int:
        """Apply the events stored since the watermark (and late ones within LOOKBACK below it)
        that no process applied yet, at most `batches` batches (None: all). Without `block`,
        returns 0 at once if another process holds the lock. Seeds a Redis that has no state."""
        lock = self.client.lock(self.key("lock"), timeout=LOCK_SECONDS)
        if not lock.acquire(blocking=block, blocking_timeout=SEED_LOCK_SECONDS if block else None):
            return 0
        try:
            meta = self.client.hgetall(self.key("meta"))
            if "origin" not in meta or "watermark" not in meta:
                lock.extend(SEED_LOCK_SECONDS)
                return self._seed()
            self.origin = float(meta["origin"])
            watermark = int(meta["watermark"])
            recent = self.store.ids_between(watermark - LOOKBACK, watermark)
            late: set[int] = set()
            if recent:
                scores = self.client.zmscore(self.key("applied"), [str(i) for i in recent])
                late = {i for i, s in zip(recent, scores, strict=True) if s is None}
            applied, done = 0, 0
            batch: list[tuple[int, Event]] = []
            start = min(late) - 1 if late else watermark
            for event in self.store.iter_all(batch=BATCH, after_id=start):
                if event.id <= watermark and event.id not in late:
                    continue
                batch.append((event.id, event))
                if len(batch) >= BATCH:
                    applied += self._apply(batch, watermark)
                    watermark, batch, done = max(watermark, batch[-1][0]), [], done + 1
                    if batches is not None and done >= batches:
                        return applied  # the rest at the next call
                    lock.reacquire()
            if batch:
                applied += self._apply(batch, watermark)
            return applied
        finally:
            try:
                lock.release()
            except Exception:  # expired meanwhile: _apply's WATCH kept the work exactly-once
                log.warning("shared live state: lock expired before release")

    def _apply(self, batch: list[tuple[int, Event]], watermark: int) -> int:
        """One batch, its ids and the new watermark in one MULTI/EXEC, which fails (and applies
        nothing) if another process moved the watermark meanwhile (a lock that expired)."""
        import redis

        newest = max(watermark, batch[-1][0])
        with self.client.pipeline(transaction=True) as pipe:
            pipe.watch(self.key("meta"))
            if int(pipe.hget(self.key("meta"), "watermark") or -1) != watermark:
                return 0
            pipe.multi()
            for _, event in batch:
                weight = EVENT_WEIGHT[event.type]
                if weight <= 0:
                    continue  # every product is counted, known here or not: readers pick theirs
                ts = event.timestamp.timestamp()
                increment = weight * 0.5 ** ((self.origin - ts) / HALF_LIFE_SECONDS)
                session = event.session_id or f"user:{event.user_id}"
                self._observe(
                    keys=[self.key("pop"), self.key("meta"), self.key(f"session:{session}")],
                    args=[event.product_id, repr(increment), repr(ts), self.key("after:"), SESSION_TTL_SECONDS],
                    client=pipe,
                )  # fmt: skip
            pipe.zadd(self.key("applied"), {str(i): i for i, _ in batch})
            pipe.zremrangebyscore(self.key("applied"), "-inf", newest - LOOKBACK - 1)
            pipe.hset(self.key("meta"), "watermark", newest)
            try:
                pipe.execute()
            except redis.WatchError:
                log.warning("shared live state: another process applied these events first")
                return 0
        self._pop_at = -1.0e9  # read afresh
        return len(batch)

    def ingest(self, events: Sequence[Event]) -> None:
        """Events this process just stored: apply them (and anything else waiting) now, unless
        another process is applying (then it or the next read applies them)."""
        self._guarded(self.sync, None)

    @property
    def popularity(self) -> np.ndarray:
        """Popularity per catalog row as of the newest event, read at most every REFRESH_SECONDS."""
        now = time.monotonic()
        if now - self._pop_at >= REFRESH_SECONDS:
            self._pop = self._guarded(self._read_popularity, self._pop)
            self._pop_at = now
        return self._pop

    def _read_popularity(self) -> np.ndarray:
        self.sync(block=False)
        raw: dict[str, str] = self.client.hgetall(self.key("pop"))  # type: ignore[assignment]
        ref_ts = float(self.client.hget(self.key("meta"), "ref_ts") or 0) or self.origin
        out = np.zeros(len(self.catalog))
        for pid, value in raw.items():
            if pid in self.catalog:
                out[self.catalog.position(pid)] = float(value)
        return out * 0.5 ** ((ref_ts - self.origin) / HALF_LIFE_SECONDS)

    def _guarded(self, read: Any, fallback: Any) -> Any:
        """Redis or the database down: serve the last values read (the events are safe in the
        database and are applied once both answer), and leave Redis alone for a few seconds so
        that requests do not each wait on it."""
        import redis
        import sqlalchemy as sa

        if time.monotonic() < self._down_until:
            return fallback
        try:
            return read()
        except (redis.RedisError, sa.exc.SQLAlchemyError, OverflowError) as exc:
            log.warning("shared live state unavailable (%s); serving the last values", exc)
            self._down_until = time.monotonic() + BACKOFF_SECONDS
            return fallback


class SharedAfter(Mapping[int, Counter[int]]):
    """ "What came next" counts by catalog row, read from Redis per product and kept for
    REFRESH_SECONDS."""

    def __init__(self, state: SharedLiveState) -> None:
        self.state = state
        self._cache: dict[int, tuple[float, Counter[int]]] = {}

    def _read(self, row: int) -> Counter[int]:
        now = time.monotonic()
        hit = self._cache.get(row)
        if hit is not None and now - hit[0] < REFRESH_SECONDS:
            return hit[1]
        catalog = self.state.catalog
        pid = catalog.ids[row]
        raw: dict[str, str] = self.state._guarded(
            lambda: self.state.client.hgetall(self.state.key(f"after:{pid}")), {}
        )
        counts = Counter({catalog.position(n): int(c) for n, c in raw.items() if n in catalog})
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[row] = (now, counts)
        return counts

    def __getitem__(self, row: int) -> Counter[int]:
        counts = self._read(row)
        if not counts:
            raise KeyError(row)
        return counts

    def __contains__(self, row: object) -> bool:
        return isinstance(row, int | np.integer) and bool(self._read(int(row)))

    def __iter__(self) -> Iterator[int]:
        catalog = self.state.catalog
        prefix = self.state.key("after:")
        for key in self.state.client.scan_iter(match=prefix + "*"):
            pid = key[len(prefix) :]
            if pid in catalog:
                yield catalog.position(pid)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def open_live_state(
    url: str, catalog: Catalog, store: EventStore
) -> tuple[LiveState | SharedLiveState, int]:
    """The live state named by `url` (memory:// in this process, redis://... shared) and how
    many events its start applied."""
    if url.startswith("memory://"):
        return start_live_state(catalog, store)
    import redis

    shared = SharedLiveState(url, catalog, store)
    try:
        return shared, shared.start()
    except (
        redis.RedisError
    ) as exc:  # serve, with this process's own counters, rather than not at all
        log.error(
            "Redis at %s unavailable (%s): live counters kept in this process until restart",
            url,
            exc,
        )
        return start_live_state(catalog, store)
