"""Whose data is whose: cross-user and tampering attempts against the real app, keys and
database (no language model: answers are templated). Every attempt must fail; a few allowed
calls beside them show the refusals are not blanket."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from assistant.conversations import Message
from retrieval import Catalog, Retrieval
from tests.conftest import LOCAL
from ui.api import create_app
from ui.auth import Role
from ui.limits import LimitsConfig
from ui.services import build_services
from ui.settings import Settings
from ui.web import build_web, inert, plain

REMOTE = ("203.0.113.7", 40000)  # a documentation address: not loopback


@dataclass
class World:
    local: TestClient  # loopback, no key: the embedded demo's trusted local shopper
    remote: TestClient
    keys: dict[str, dict[str, str]]  # name -> Authorization header
    conversations: dict[str, str]  # owner -> a conversation id
    product: str


@pytest.fixture(scope="module")
def world(
    tmp_path_factory: pytest.TempPathFactory, small_store: Retrieval, small_catalog: Catalog
) -> Iterator[World]:
    settings = Settings(home=tmp_path_factory.mktemp("authz"), data_dir=small_store.data_dir)
    app = create_app(lambda: build_services(settings, small_store, None), web=False)
    with TestClient(app, client=LOCAL) as local:
        remote = TestClient(app, client=REMOTE)
        store = app.state.services.keys
        keys = {}
        for name, role, user in [("alice", Role.shopper, "alice"), ("bob", Role.shopper, "bob"),
                                 ("unbound", Role.shopper, None), ("agent", Role.agent, None)]:  # fmt: skip
            plain, _ = store.create(role, f"test {name}", user)
            keys[name] = {"Authorization": f"Bearer {plain}"}
        product = next(p.id for p in small_catalog if p.department == "Musical Instruments")
        bought = remote.post("/v1/events", headers=keys["alice"],
                             json={"events": [{"product_id": product, "type": "purchase"}]})  # fmt: skip
        assert bought.json()["stored"] == 1, bought.text  # alice's own event, user filled in
        conversations = {}
        for owner, client, headers in [("alice", remote, keys["alice"]), ("local", local, {})]:
            said = client.post("/v1/chat", json={"message": "guitar strings"}, headers=headers)
            assert said.status_code == 200, said.text
            conversations[owner] = said.json()["conversation_id"]
        yield World(local, remote, keys, conversations, product)


def event(product: str, **fields: Any) -> dict[str, Any]:
    return {"events": [{"product_id": product, "type": "click", **fields}]}


# (what is tried, who, method, path, json, status expected)
ATTEMPTS: list[tuple[str, str, str, str, Any, int]] = [
    ("recommendations for another user", "bob", "GET", "/v1/recommendations?user_id=alice", None, 403),
    ("recommendations for a user, unbound key", "unbound", "GET", "/v1/recommendations?user_id=alice", None, 403),
    ("events as another user", "bob", "POST", "/v1/events", event("{p}", user_id="alice"), 403),
    ("events as a user, unbound key", "unbound", "POST", "/v1/events", event("{p}", user_id="alice"), 403),
    ("purchase as another user", "bob", "POST", "/v1/events",
     {"events": [{"product_id": "{p}", "type": "purchase", "user_id": "alice"}]}, 403),
    ("fake exposure", "bob", "POST", "/v1/events",
     {"events": [{"product_id": "{p}", "type": "recommendation_shown"}]}, 403),
    ("experiment tampering", "bob", "POST", "/v1/events", event("{p}", context={"experiment": "x"}), 403),
    ("arm tampering", "bob", "POST", "/v1/events", event("{p}", context={"arm": "treatment"}), 403),
    ("read another's conversation", "bob", "GET", "/v1/conversations/{alice}", None, 404),
    ("read it naming its owner", "bob", "GET", "/v1/conversations/{alice}?user_id=alice", None, 403),
    ("read it with an unbound key", "unbound", "GET", "/v1/conversations/{alice}", None, 404),
    ("read a keyless local conversation", "unbound", "GET", "/v1/conversations/{local}", None, 404),
    ("read it with a user-bound key", "bob", "GET", "/v1/conversations/{local}", None, 404),
    ("continue another's conversation", "bob", "POST", "/v1/chat",
     {"message": "cheaper", "conversation_id": "{alice}"}, 404),
    ("continue it with an unbound key", "unbound", "POST", "/v1/chat",
     {"message": "cheaper", "conversation_id": "{alice}"}, 404),
    ("continue a keyless local conversation", "bob", "POST", "/v1/chat",
     {"message": "cheaper", "conversation_id": "{local}"}, 404),
    ("chat as another user", "bob", "POST", "/v1/chat", {"message": "hi", "user_id": "alice"}, 403),
    ("customer history as a shopper", "bob", "GET", "/v1/customers/alice/history", None, 403),
    ("draft for a customer as a shopper", "bob", "POST", "/v1/customers/alice/drafts", {"message": "hi"}, 403),
    ("reply as an agent with a shopper key", "bob", "POST", "/v1/conversations/{alice}/replies",
     {"text": "hello"}, 403),
    ("list keys as an agent", "agent", "GET", "/v1/admin/keys", None, 403),
    ("create a key as a shopper", "bob", "POST", "/v1/admin/keys", {"role": "admin", "name": "x"}, 403),
    ("a made-up ShopTalk key", "st-shopper-made-up", "GET", "/v1/search?q=guitar", None, 401),
    ("a key from another system", "sk-not-ours", "GET", "/v1/search?q=guitar", None, 401),
    ("no key from afar", "", "GET", "/v1/search?q=guitar", None, 401),
]  # fmt: skip


def _fill(value: Any, world: World) -> Any:
    if isinstance(value, str):
        return value.replace("{p}", world.product).replace("{alice}", world.conversations["alice"]).replace(
            "{local}", world.conversations["local"])  # fmt: skip
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, world) for v in value]
    return value


@pytest.mark.parametrize(("what", "who", "method", "path", "body", "status"), ATTEMPTS,
                         ids=[a[0] for a in ATTEMPTS])  # fmt: skip
def test_attempt_is_refused(world: World, what: str, who: str, method: str, path: str, body: Any,
                            status: int) -> None:  # fmt: skip
    headers = world.keys.get(who) or ({"Authorization": f"Bearer {who}"} if who else {})
    response = world.remote.request(
        method, _fill(path, world), json=_fill(body, world), headers=headers
    )
    assert response.status_code == status, f"{what}: {response.status_code} {response.text[:300]}"
    error = response.json()["error"]
    assert error["code"] and error["message"], "refusals use the one error shape"
    stored = world.local.app.state.services.events.query(user_id="alice")  # type: ignore[attr-defined]
    assert [e.type for e in stored if e.type != "recommendation_shown"] == ["purchase"], (
        f"{what}: alice's history changed"
    )


def test_owners_and_staff_still_get_in(world: World) -> None:
    alice, bob, agent = (world.keys[n] for n in ("alice", "bob", "agent"))
    conv = world.conversations["alice"]
    assert world.remote.get(f"/v1/conversations/{conv}", headers=alice).status_code == 200
    assert world.remote.get(f"/v1/conversations/{conv}", headers=agent).status_code == 200
    again = world.remote.post(
        "/v1/chat", json={"message": "cheaper", "conversation_id": conv}, headers=alice
    )
    assert again.status_code == 200 and again.json()["conversation_id"] == conv
    mine = world.remote.get("/v1/recommendations", params={"user_id": "bob"}, headers=bob)
    assert mine.status_code == 200
    assert (
        world.remote.get(
            "/v1/recommendations", params={"user_id": "alice"}, headers=agent
        ).status_code
        == 200
    )
    local = world.conversations["local"]
    assert (
        world.local.get(f"/v1/conversations/{local}").status_code == 200
    )  # the keyless local shopper
    history = world.remote.get("/v1/customers/alice/history", headers=agent).json()
    assert conv in [c["id"] for c in history["conversations"]]


def test_unbound_key_is_its_own_shopper(world: World) -> None:
    unbound = world.keys["unbound"]
    said = world.remote.post("/v1/chat", json={"message": "drum sticks"}, headers=unbound).json()
    conv = said["conversation_id"]
    assert world.remote.get(f"/v1/conversations/{conv}", headers=unbound).status_code == 200
    assert (
        world.remote.get(f"/v1/conversations/{conv}", headers=world.keys["bob"]).status_code == 404
    )
    posted = world.remote.post("/v1/events", json=event(world.product), headers=unbound).json()
    assert posted["stored"] == 1


def test_shopper_events_are_dated_now_staff_imports_history(world: World) -> None:
    old = event(world.product, timestamp="1970-01-01T00:00:00Z")
    refused = world.remote.post("/v1/events", json=old, headers=world.keys["bob"]).json()
    assert refused["stored"] == 0 and "timestamp" in refused["results"][0]["error"]
    old["events"][0]["user_id"] = "carol"
    imported = world.remote.post("/v1/events", json=old, headers=world.keys["agent"]).json()
    assert imported["stored"] == 1


def test_localhost_by_name_is_not_loopback(world: World) -> None:
    named = TestClient(
        world.local.app, client=("localhost", 40000)
    )  # what a forged proxy header yields
    assert named.get("/v1/search", params={"q": "guitar"}).status_code == 401


def test_limits_follow_the_verified_key(small_store: Retrieval, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, data_dir=small_store.data_dir)
    limits = LimitsConfig(requests_per_minute=5, failed_auth_per_minute=3)
    app = create_app(lambda: build_services(settings, small_store, None), web=False, limits=limits)
    with TestClient(app, client=REMOTE) as remote:
        plain, _ = app.state.services.keys.create(Role.shopper, "real", "dana")
        real = {"Authorization": f"Bearer {plain}"}
        # fake keys sharing the real key's prefix, rotated: they neither drain its quota nor
        # escape a limit of their own
        fakes = [remote.get("/v1/search", params={"q": "x"},
                            headers={"Authorization": f"Bearer {plain[:14]}fake{i}"}).status_code
                 for i in range(6)]  # fmt: skip
        assert fakes[:3] == [401, 401, 401] and set(fakes[3:]) == {429}
        assert remote.get("/v1/search", params={"q": "guitar"}, headers=real).status_code == 200
        # a different address with the same real key: same bucket (the key, not the address)
        other = TestClient(app, client=("198.51.100.9", 1))
        codes = [
            other.get("/v1/search", params={"q": "guitar"}, headers=real).status_code
            for _ in range(5)
        ]
        assert codes[-1] == 429 and codes.count(200) == 4


def test_uploads_are_refused(world: World) -> None:
    for path in ("/ui/gradio_api/upload", "/ui/upload"):
        response = world.remote.post(path, files={"files": ("x.html", b"<script>1</script>")})
        assert response.status_code == 404 and "upload" in response.json()["error"]["message"]


def test_browser_app_asks_for_a_key_when_the_local_default_is_off(
    small_store: Retrieval, tmp_path: Path
) -> None:
    settings = Settings(home=tmp_path, data_dir=small_store.data_dir)
    app = create_app(lambda: build_services(settings, small_store, None), web_login=True)
    with TestClient(app, client=REMOTE) as remote:
        assert remote.get("/ui/gradio_api/login_check").status_code == 401
        turn = remote.post(
            "/ui/gradio_api/call/send", json={"data": ["a guitar strap", [], None, "u", []]}
        )
        assert turn.status_code in (401, 403), turn.text  # no model turn without signing in
        plain, _ = app.state.services.keys.create(Role.shopper, "browser")
        assert (
            remote.post(
                "/ui/login", data={"username": "me", "password": "st-shopper-wrong"}
            ).status_code
            >= 400
        )
        assert (
            remote.post("/ui/login", data={"username": "me", "password": plain}).status_code == 200
        )
        assert remote.get("/ui/gradio_api/login_check").status_code == 200


def test_replicas_share_one_limit_in_redis(
    small_store: Retrieval, tmp_path: Path, redis_url: str
) -> None:
    """Two app instances (two replicas) with the limit counters in one Redis: the limit is one
    limit across both, not one each; each in memory, each would allow the full limit."""
    settings = Settings(home=tmp_path, data_dir=small_store.data_dir)
    shared = LimitsConfig(requests_per_minute=6, storage_url=f"{redis_url}/0")
    apps = [create_app(lambda: build_services(settings, small_store, None), web=False, limits=shared)
            for _ in range(2)]  # fmt: skip
    with TestClient(apps[0], client=REMOTE) as one, TestClient(apps[1], client=REMOTE) as two:
        plain, _ = apps[0].state.services.keys.create(Role.shopper, "replicas", "erin")
        real = {"Authorization": f"Bearer {plain}"}
        codes = [(one if i % 2 else two).get("/v1/search", params={"q": "drum"}, headers=real).status_code
                 for i in range(8)]  # fmt: skip
        assert codes[:6] == [200] * 6 and codes[6:] == [429, 429], codes


def test_a_long_conversation_is_read_a_page_at_a_time(world: World) -> None:
    alice = world.keys["alice"]
    said = world.remote.post("/v1/chat", json={"message": "a capo"}, headers=alice).json()
    conv = said["conversation_id"]
    store = world.local.app.state.services.conversations  # type: ignore[attr-defined]
    state = store.get(conv, "alice", messages=False).state
    store.record_turn(conv, state, [Message(role="user", content=f"line {i}", timestamp=datetime.now(UTC))
                                    for i in range(7)])  # fmt: skip
    everything = [m.content for m in store.get(conv, "alice").messages]
    pages, before = [], None
    while True:
        params = {"limit": 3, **({"before": before} if before else {})}
        page = world.remote.get(f"/v1/conversations/{conv}", params=params, headers=alice)
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["messages"]) <= 3
        pages.insert(0, [m["content"] for m in body["messages"]])
        before = body["earlier"]
        if before is None:
            break
    assert [m for p in pages for m in p] == everything and len(everything) == 9
    assert [len(p) for p in pages] == [3, 3, 3]  # no empty page at the end
    assert world.remote.get(f"/v1/conversations/{conv}", params={"limit": 3, "before": 2},
                            headers=world.keys["bob"]).status_code == 404  # fmt: skip
    too_many = world.remote.get(f"/v1/conversations/{conv}", params={"limit": 10_000}, headers=alice)
    assert too_many.status_code == 422 and "limit" in too_many.json()["error"]["message"]


def test_control_characters_are_refused_with_what_to_fix(world: World) -> None:
    bob = world.keys["bob"]
    for body in ({"message": "drum\x00sticks"}, {"message": "drums", "session_id": "s\x07"}):
        said = world.remote.post("/v1/chat", json=body, headers=bob)
        assert said.status_code == 422 and "control character" in said.json()["error"]["message"]
    surrogate = world.remote.post("/v1/chat", content=b'{"message": "drums \\ud800"}',
                                  headers={**bob, "Content-Type": "application/json"})  # fmt: skip
    assert surrogate.status_code == 422 and "body.message" in surrogate.json()["error"]["message"]
    fine = world.remote.post("/v1/chat", json={"message": "drum sticks\nunder $20"}, headers=bob)
    assert fine.status_code == 200  # a line break is text


def test_the_browser_queue_turns_away_what_it_cannot_hold(
    small_store: Retrieval, tmp_path: Path
) -> None:
    """One turn at a time and one waiting: of eight sent at once, some are told the app is busy
    (Gradio's queue, the one each browser tab's requests join)."""
    settings = Settings(home=tmp_path, data_dir=small_store.data_dir)
    limits = LimitsConfig(browser_concurrency=1, browser_queue=1)
    app = create_app(lambda: build_services(settings, small_store, None), limits=limits)
    with TestClient(app, client=LOCAL) as local:
        answers = [local.post("/ui/gradio_api/call/send",
                              json={"data": [f"guitar strap {i}", [], None, f"u{i}", []]})
                   for i in range(8)]  # fmt: skip
        accepted = [a for a in answers if a.status_code == 200 and "event_id" in a.json()]
        assert 1 <= len(accepted) < 8, [a.text for a in answers]
        refused = next(a for a in answers if a not in accepted)
        assert "queue" in refused.text.lower()
    # every way to send a turn (box, button, chips) counts against one limit, not one per handler
    web = build_web(lambda: None, LimitsConfig(browser_concurrency=2, browser_queue=5))
    groups = {(fn.concurrency_id, fn.concurrency_limit) for fn in web.fns.values()
              if "st-chat" in [getattr(o, "elem_id", None) for o in fn.outputs]}  # fmt: skip
    assert groups == {("chat-turn", 2)} and web._queue.max_size == 5


def test_text_shown_in_the_browser_cannot_link_or_load() -> None:
    for said in ("![x](http://203.0.113.9/p.png)", '<img src="http://203.0.113.9/q.png">',
                 "[this](http://203.0.113.9/)", "www.evil.tk/x", "x@evil.tk", "$$x$$"):  # fmt: skip
        for shown in (plain(said), inert(said)):
            assert not re.search(r"(?<!\\)(!\[|\]\(|<[a-z]|://|www\.|@|\$\$)", shown), shown
        assert re.sub(r"\\(.)", r"\1", plain(said)) == said  # and nothing is lost
    assert inert("- [1] *sturdy*, _$19.99_") == "- \\[1\\] *sturdy*, _\\$19\\.99_"  # lists, emphasis kept


def test_a_database_failure_says_retry_and_not_where_the_database_is(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fault injected (the store's own error, as a broken connection raises it): the client gets
    503 with Retry-After; the driver's words, with the host and user, stay in the log."""
    from assistant.errors import ConversationStoreUnavailable

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise ConversationStoreUnavailable(
            'the conversation database failed: connection to server at "db.internal" (10.0.0.5), '
            'port 5432 failed: FATAL: password authentication failed for user "shoptalk"'
        )

    services = world.local.app.state.services  # type: ignore[attr-defined]
    monkeypatch.setattr(services.conversations, "_run", broken)
    said = world.remote.post("/v1/chat", json={"message": "drum sticks"}, headers=world.keys["bob"])
    assert said.status_code == 503 and said.headers["Retry-After"] == "1"
    assert "retry" in said.json()["error"]["message"]
    assert "db.internal" not in said.text and "10.0.0.5" not in said.text
