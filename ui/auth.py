"""API keys with roles. Keys are random, shown once, stored only as SHA-256 digests (a key is
high-entropy, so a fast digest is safe, as for GitHub tokens). Roles nest: admin > agent >
shopper. Embedded default: shopper routes are open to loopback callers without a key; agent
and admin routes always need one."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import sqlalchemy as sa
from fastapi import Request
from pydantic import BaseModel, ConfigDict

#: Client addresses that count as this machine. Addresses only: a proxy header saying "localhost"
#: is not a loopback connection.
LOOPBACK = {"127.0.0.1", "::1"}


def is_loopback_bind(host: str) -> bool:
    """Whether a server bound to `host` is reachable only from this machine."""
    return host in LOOPBACK or host == "localhost" or host.startswith("127.")


KEY_PREFIX = "st-"  # every ShopTalk key starts so; a wrong one is refused even on loopback


class Role(StrEnum):
    shopper = "shopper"
    agent = "agent"
    admin = "admin"


RANK = {Role.shopper: 0, Role.agent: 1, Role.admin: 2}

_metadata = sa.MetaData()
keys_table = sa.Table(
    "api_keys",
    _metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("digest", sa.String(64), nullable=False, unique=True),
    sa.Column("prefix", sa.String(16), nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("user_id", sa.String(200)),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("created", sa.Float, nullable=False),
    sa.Column("revoked", sa.Boolean, nullable=False, default=False),
)


class KeyInfo(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    prefix: str
    role: Role
    user_id: str | None
    name: str
    created: datetime
    revoked: bool


@dataclass(frozen=True)
class Caller:
    """Who is calling: their role, and for a shopper key bound to a user, that user."""

    role: Role
    user_id: str | None = None
    key: str | None = None  # the key's prefix, for logs

    @property
    def staff(self) -> bool:
        """Agents and admins act for any customer; shoppers only for themselves."""
        return self.can(Role.agent)

    def can(self, role: Role) -> bool:
        return RANK[self.role] >= RANK[role]

    def acting_as(self, user_id: str | None) -> str | None:
        """The user this caller acts as: a key bound to a user acts only as that user (another
        user_id: AuthError 403); other callers as the user they name."""
        if self.user_id is None:
            return user_id
        if user_id not in (None, self.user_id):
            raise AuthError(
                403, "forbidden", f"this key acts for user {self.user_id!r}, not {user_id!r}"
            )
        return self.user_id


class AuthError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code = status, code


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class KeyStore:
    """API keys in the shared database (any ShopTalk process sees the same keys)."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        _metadata.create_all(engine)

    def create(self, role: Role, name: str, user_id: str | None = None) -> tuple[str, KeyInfo]:
        """A new key: the plain key (shown once) and what is stored about it."""
        key = f"{KEY_PREFIX}{role.value}-{secrets.token_urlsafe(24)}"
        now = datetime.now(UTC)
        with self.engine.begin() as conn:
            inserted = conn.execute(keys_table.insert().values(
                digest=_digest(key), prefix=key[:14], role=role.value, user_id=user_id, name=name,
                created=now.timestamp(), revoked=False)).inserted_primary_key  # fmt: skip
        assert inserted is not None
        new_id = inserted[0]
        return key, KeyInfo(id=int(new_id), prefix=key[:14], role=role, user_id=user_id, name=name,
                            created=now, revoked=False)  # fmt: skip

    def verify(self, key: str) -> KeyInfo | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(keys_table).where(keys_table.c.digest == _digest(key))
            ).first()
        if row is None or row.revoked:
            return None
        return KeyInfo(id=row.id, prefix=row.prefix, role=Role(row.role), user_id=row.user_id, name=row.name,
                       created=datetime.fromtimestamp(row.created, UTC), revoked=row.revoked)  # fmt: skip

    def revoke(self, key_id: int) -> bool:
        with self.engine.begin() as conn:
            return bool(
                conn.execute(
                    keys_table.update().where(keys_table.c.id == key_id).values(revoked=True)
                ).rowcount
            )

    def list(self) -> list[KeyInfo]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(keys_table).order_by(keys_table.c.id)).all()
        return [KeyInfo(id=r.id, prefix=r.prefix, role=Role(r.role), user_id=r.user_id, name=r.name,
                        created=datetime.fromtimestamp(r.created, UTC), revoked=r.revoked) for r in rows]  # fmt: skip


def presented_key(request: Request) -> str | None:
    """The key from `Authorization: Bearer ...` or `X-API-Key`."""
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None
    return request.headers.get("x-api-key") or None


def is_placeholder(key: str | None, host: str) -> bool:
    """A non-ShopTalk key from this machine: a placeholder from a client that must send one (the
    OpenAI client's "unused"), treated as no key; elsewhere any wrong key is refused."""
    return key is not None and host in LOOPBACK and not key.startswith(KEY_PREFIX)


def authenticate(
    request: Request, keys: KeyStore, needed: Role, open_local_shopper: bool
) -> Caller:
    """The caller, or AuthError (401 without a valid key, 403 with too small a role)."""
    key = presented_key(request)
    host = request.client.host if request.client else ""
    open_here = needed is Role.shopper and open_local_shopper and host in LOOPBACK
    if open_here and is_placeholder(key, host):
        key = None
    if key is None:
        if open_here:
            return Caller(Role.shopper)
        raise AuthError(401, "unauthorized",
                        f"this route needs an API key with the {needed.value} role: send 'Authorization: Bearer <key>' "
                        f"(create one with `shoptalk keys create --role {needed.value}`)")  # fmt: skip
    info = keys.verify(key)
    if info is None:  # a wrong key is refused even where no key is needed: it is a mistake to fix
        raise AuthError(401, "unauthorized", "the API key is unknown or revoked; create a new one")
    caller = caller_for(info)
    if not caller.can(needed):
        raise AuthError(
            403,
            "forbidden",
            f"this route needs the {needed.value} role; the key has {info.role.value}",
        )
    return caller


def caller_for(info: KeyInfo) -> Caller:
    """The caller a verified key makes: its role, and the user it acts as."""
    return Caller(info.role, info.user_id or identity_of(info), info.prefix)


def identity_of(info: KeyInfo) -> str | None:
    """Who a key acts as: a shopper key not bound to a user is its own anonymous shopper (its
    conversations, events and recommendations are its own); staff keys act for no one in
    particular."""
    return f"key-{info.id}" if info.role is Role.shopper else None
