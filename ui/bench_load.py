"""`shoptalk bench load`: simulated shoppers holding multi-turn conversations against a real
ShopTalk server on loopback for a bounded time. Each shopper streams a chat turn, searches,
asks for recommendations and adds a product to the cart, turn after turn. Reports p50/p95 per
route, errors, tokens/s, and the server's memory over the run."""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from rich.console import Console
from rich.table import Table

from assistant.bench import load_conversations


class Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: defaultdict[str, list[float]] = defaultdict(list)
        self.errors: defaultdict[str, list[str]] = defaultdict(list)
        self.tokens = 0
        self.turns = 0

    def add(self, route: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.times[route].append(seconds)
            if error:
                self.errors[route].append(error)


def chat_turn(
    client: httpx.Client, base: str, body: dict[str, Any], rec: Recorder
) -> dict[str, Any] | None:
    started = time.perf_counter()
    done = None
    first_cards = None
    try:
        with client.stream("POST", f"{base}/v1/chat", json={**body, "stream": True}) as r:
            if r.status_code != 200:
                r.read()
                rec.add(
                    "POST /v1/chat",
                    time.perf_counter() - started,
                    f"{r.status_code} {r.text[:100]}",
                )
                return None
            kind = None
            for line in r.iter_lines():
                if line.startswith("event:"):
                    kind = line.split(":", 1)[1].strip()
                elif line.startswith("data:") and kind == "cards" and first_cards is None:
                    first_cards = time.perf_counter() - started
                elif line.startswith("data:") and kind == "done":
                    done = json.loads(line.split(":", 1)[1])
    except httpx.HTTPError as exc:
        rec.add("POST /v1/chat", time.perf_counter() - started, type(exc).__name__)
        return None
    rec.add("POST /v1/chat", time.perf_counter() - started, None if done else "no done event")
    if first_cards is not None:
        rec.add("chat: first cards", first_cards)
    if done:
        with rec.lock:
            rec.tokens += done["meta"]["tokens"]
            rec.turns += 1
    return done


def timed(
    client: httpx.Client, rec: Recorder, route: str, method: str, url: str, **kw: Any
) -> None:
    started = time.perf_counter()
    try:
        r = client.request(method, url, **kw)
        rec.add(
            route,
            time.perf_counter() - started,
            None if r.status_code < 400 else f"{r.status_code} {r.text[:100]}",
        )
    except httpx.HTTPError as exc:
        rec.add(route, time.perf_counter() - started, type(exc).__name__)


def shopper(n: int, base: str, until: float, rec: Recorder, conversations: list[Any]) -> None:
    user = f"load-{n}"
    with httpx.Client(timeout=httpx.Timeout(10, read=300)) as client:
        i = n
        while time.time() < until:
            conv_id = None
            for turn in conversations[i % len(conversations)].turns:
                if time.time() >= until:
                    return
                done = chat_turn(
                    client,
                    base,
                    {"message": turn.say, "conversation_id": conv_id, "user_id": user},
                    rec,
                )
                timed(
                    client,
                    rec,
                    "GET /v1/search",
                    "GET",
                    f"{base}/v1/search",
                    params={"q": turn.say, "k": 10},
                )
                timed(
                    client,
                    rec,
                    "GET /v1/recommendations",
                    "GET",
                    f"{base}/v1/recommendations",
                    params={"user_id": user, "k": 10},
                )
                if done and done["cards"]:
                    conv_id = done["conversation_id"]
                    event = {
                        "user_id": user,
                        "session_id": conv_id,
                        "product_id": done["cards"][0]["product"]["id"],
                        "type": "add_to_cart",
                    }
                    timed(
                        client,
                        rec,
                        "POST /v1/events",
                        "POST",
                        f"{base}/v1/events",
                        json={"events": [event]},
                    )
            i += 1


#: How often the server's memory is sampled.
MEMORY_EVERY_S = 10.0


def levelling(memory: list[tuple[float, float]]) -> dict[str, float] | None:
    """Memory growth in the run's first and last thirds (MB per minute): it levels off when the
    last third grows far slower than the first."""
    if len(memory) < 6:
        return None
    t = np.array([m[0] for m in memory])
    mb = np.array([m[1] for m in memory])
    third = len(memory) // 3

    def slope(a: slice) -> float:
        return float(np.polyfit(t[a] / 60, mb[a], 1)[0])

    return {"first_third_mb_per_min": round(slope(slice(0, third)), 2),
            "last_third_mb_per_min": round(slope(slice(-third, None)), 2)}  # fmt: skip


def plot_memory(memory: list[tuple[float, float]], path: Path, title: str) -> None:
    """The server's resident memory over the run, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 3.2))
    ax.plot([m[0] / 60 for m in memory], [m[1] for m in memory], marker=".", lw=1)
    ax.set_xlabel("minutes")
    ax.set_ylabel("server RSS (MiB)")
    ax.set_title(title, fontsize=10)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run_load(
    base: str, pid: int | None, shoppers: int, seconds: int, out: Path, console: Console
) -> dict[str, Any]:
    import psutil

    proc = psutil.Process(pid) if pid else None
    memory: list[tuple[float, float]] = []
    rec = Recorder()
    conversations = load_conversations()
    start = time.time()
    until = start + seconds
    threads = [
        threading.Thread(target=shopper, args=(n, base, until, rec, conversations), daemon=True)
        for n in range(shoppers)
    ]
    for t in threads:
        t.start()
    while any(t.is_alive() for t in threads):
        if proc is not None:
            memory.append((time.time() - start, proc.memory_info().rss / 2**20))
        time.sleep(MEMORY_EVERY_S)
    elapsed = time.time() - start
    table = Table(title=f"Load: {shoppers} shoppers for {seconds} s (ran {elapsed:.0f} s)")
    for col in ("route", "requests", "errors", "p50 ms", "p95 ms"):
        table.add_column(col, justify="right")
    rows = []
    for route in sorted(rec.times):
        xs = np.array(rec.times[route]) * 1000
        row = {"route": route, "requests": len(xs), "errors": len(rec.errors[route]),
               "p50_ms": round(float(np.percentile(xs, 50)), 1), "p95_ms": round(float(np.percentile(xs, 95)), 1)}  # fmt: skip
        rows.append(row)
        table.add_row(*(str(v) for v in row.values()))
    summary = {
        "shoppers": shoppers, "seconds": round(elapsed), "turns": rec.turns, "tokens": rec.tokens,
        "tokens_per_s": round(rec.tokens / elapsed, 1), "errors": sum(len(v) for v in rec.errors.values()),
        "error_samples": [e for v in rec.errors.values() for e in v][:5],
        "rss_mb_start": round(memory[0][1]) if memory else None, "rss_mb_end": round(memory[-1][1]) if memory else None,
        "rss_mb_max": round(max(m for _, m in memory)) if memory else None,
        "memory_growth": levelling(memory),
    }  # fmt: skip
    console.print(table)
    console.print(summary)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(
        json.dumps({"routes": rows, "summary": summary, "memory": memory}, indent=2)
    )
    lines = ["| route | requests | errors | p50 ms | p95 ms |", "|---|---|---|---|---|"]
    lines += [
        f"| {r['route']} | {r['requests']} | {r['errors']} | {r['p50_ms']} | {r['p95_ms']} |"
        for r in rows
    ]
    (out / "results.md").write_text("\n".join(lines) + "\n\n" + json.dumps(summary) + "\n")
    if memory:
        plot_memory(memory, out / "memory.png",
                    f"ShopTalk server memory, {shoppers} shoppers, {elapsed / 60:.0f} min")  # fmt: skip
    return summary
