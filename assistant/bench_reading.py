"""How the assistant reads requests phrased as people type them (`data/phrasings`): each line is a
message and what a correct reader takes from it (price bounds, rating floors, review counts, age,
sizes, gift, language, whether the store carries the product, and the product in plain words),
written by someone who had not seen the reader's code. Every message goes through the same path
as a chat turn, words only: `ChatPipeline.read`, then the search that decides "we don't carry".

A line is right when every field it states is read as stated; the product words are reported
apart (a reader may search "mics" for "microphone" and still find them)."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from assistant.pipeline import ChatPipeline
from assistant.query import ShoppingQuery
from assistant.state import ConversationState, advance

#: An age read within this many years of the one stated counts ("toddler": 1-3 read as 1-3).
AGE_SLACK = 1.0


@dataclass(frozen=True)
class ReadingRow:
    set: str
    category: str
    lines: int
    right: float
    product_words: float


def _price(expected: dict[str, Any], query: ShoppingQuery) -> str | None:
    if expected.get("approx"):
        if query.min_price is None or query.max_price is None:
            return f"approx price read as {query.min_price}-{query.max_price}"
        return None
    for field in ("min_price", "max_price"):
        want = expected.get(field)
        got = getattr(query, field)
        if (Decimal(str(want)) if want is not None else None) != got:
            return f"{field} {want} read as {got}"
    return None


def mistakes(expected: dict[str, Any], query: ShoppingQuery, carried: bool) -> list[str]:
    """What the reading got wrong of what the line states (empty when right)."""
    out = [m for m in [_price(expected, query)] if m]
    for field in ("min_rating", "min_rating_count"):
        want, got = expected.get(field), getattr(query, field)
        if (float(want) if want is not None else None) != (float(got) if got is not None else None):
            out.append(f"{field} {want} read as {got}")
    if expected.get("prefer_rated") and not (query.prefer_rated or query.min_rating):
        out.append("'well reviewed' not read")
    if "age_min" in expected:
        low, high = expected["age_min"], expected.get("age_max", expected["age_min"])
        if query.age_min is None or query.age_max is None or (
            query.age_max < low - AGE_SLACK or query.age_min > high + AGE_SLACK
        ):  # fmt: skip
            out.append(f"age {low}-{high} read as {query.age_min}-{query.age_max}")
    for size in expected.get("sizes", []):
        number = re.search(r"\d+(?:[./]\d+)?", size)
        key = number.group(0) if number else size.lower()
        if not any(key in s.lower() for s in query.sizes):
            out.append(f"size {size!r} read as {list(query.sizes)}")
    if expected.get("gift") and not query.gift:
        out.append("gift not read")
    language = {"spanish": "es", "chinese": "zh"}.get(expected["category"])
    if language and query.language != language:
        out.append(f"language {language} read as {query.language}")
    if bool(expected.get("not_carried")) == carried:
        out.append("said not carried" if not carried else "shown as carried")
    return out


def product_found(expected: dict[str, Any], query: ShoppingQuery) -> bool | None:
    """Whether the searched words hold the product's words (None when the line names none)."""
    words = re.findall(r"[a-z]+", str(expected.get("product", "")).lower())
    if not words:
        return None
    return all(w[:5] in query.search.lower() for w in words)


def load_phrasings(path: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def run_reading_bench(
    pipeline: ChatPipeline, paths: Sequence[Path], out: Path, console: Console, show: int = 12
) -> list[ReadingRow]:
    """Every line of every file through the reader and the carried check; a table per file and
    category, the wrong readings listed, results on disk."""
    rows: list[ReadingRow] = []
    wrong: list[dict[str, Any]] = []
    for path in paths:
        right: Counter[str] = Counter()
        total: Counter[str] = Counter()
        named: dict[str, list[bool]] = defaultdict(list)
        for expected in load_phrasings(path):
            query = pipeline.read(expected["text"]).query
            state = advance(ConversationState(), query, pipeline.catalog)
            found = pipeline.find(state, k=5)
            carried = found.close_match and not query.unknown_product
            errors = mistakes(expected, query, carried)
            category = expected["category"]
            total[category] += 1
            right[category] += not errors
            if (hit := product_found(expected, query)) is not None:
                named[category].append(hit)
            if errors:
                wrong.append({"set": path.stem, "text": expected["text"], "errors": errors,
                              "searched": query.search})  # fmt: skip
        for category in sorted(total):
            rows.append(ReadingRow(
                path.stem, category, total[category], round(right[category] / total[category], 3),
                round(sum(named[category]) / len(named[category]), 3) if named[category] else 1.0,
            ))  # fmt: skip
        rows.append(ReadingRow(
            path.stem, "all", sum(total.values()), round(sum(right.values()) / sum(total.values()), 3),
            round(sum(sum(v) for v in named.values()) / max(1, sum(len(v) for v in named.values())), 3),
        ))  # fmt: skip
    table = Table(title="Reading requests as people type them (words only)")
    for col in ("set", "category", "lines", "read right", "product words searched"):
        table.add_column(col)
    for r in rows:
        table.add_row(r.set, r.category, str(r.lines), f"{r.right:.0%}", f"{r.product_words:.0%}")
    console.print(table)
    for item in wrong[:show]:
        console.print(f"  [{item['set']}] {item['text']!r}: {'; '.join(item['errors'])}",
                      highlight=False, markup=False)  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(
        {"rows": [asdict(r) for r in rows], "wrong": wrong}, indent=2, ensure_ascii=False
    ))  # fmt: skip
    lines = [
        "| set | category | lines | read right | product words searched |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.set} | {r.category} | {r.lines} | {r.right:.0%} | {r.product_words:.0%} |"
        for r in rows
    ]
    (out / "results.md").write_text("\n".join(lines) + "\n")
    return rows
