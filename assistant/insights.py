"""What store staff want to know from the stored conversations and events: top queries,
queries that found nothing, the most recommended products and the catalog never recommended."""

from __future__ import annotations

import json
from collections import Counter

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict

from assistant.conversations import messages_table
from ranking.events import EventType, events_table
from retrieval.catalog import Catalog


class Count(BaseModel):
    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    count: int


class Insights(BaseModel):
    model_config = ConfigDict(frozen=True)

    messages: int
    top_queries: list[Count]
    zero_result_queries: list[Count]
    most_recommended: list[Count]
    recommended_products: int
    catalog_products: int
    coverage: float
    never_recommended_sample: list[Count]


def insights(
    engine: sa.Engine, catalog: Catalog, limit: int = 10, recent: int = 20_000
) -> Insights:
    """Counts over the most recent messages and all recommendation events."""
    with engine.connect() as conn:
        rows = conn.execute(sa.select(messages_table.c.conversation_id, messages_table.c.role, messages_table.c.content,
                                      messages_table.c.data).order_by(messages_table.c.id.desc()).limit(recent)).all()  # fmt: skip
        shown = conn.execute(
            sa.select(events_table.c.product_id, sa.func.count().label("n"))
            .where(events_table.c.type == EventType.recommendation_shown.value)
            .group_by(events_table.c.product_id).order_by(sa.desc("n"))
        ).all()  # fmt: skip
    rows = rows[::-1]
    queries: Counter[str] = Counter()
    empty: Counter[str] = Counter()
    for (conv, role, content, _data), nxt in zip(rows, [*rows[1:], None][: len(rows)], strict=True):
        if role != "user":
            continue
        text = " ".join(content.lower().split())[:200]
        queries[text] += 1
        if nxt is not None and nxt[0] == conv and nxt[1] == "assistant":
            answer = json.loads(nxt[3])
            if not answer.get("cards") or "don't" in (answer.get("notice") or ""):
                empty[text] += 1
    known = {pid: n for pid, n in shown if pid in catalog}
    never = [p for p in catalog if p.id not in known][:limit]
    return Insights(
        messages=len(rows),
        top_queries=[Count(key=q, label=q, count=n) for q, n in queries.most_common(limit)],
        zero_result_queries=[Count(key=q, label=q, count=n) for q, n in empty.most_common(limit)],
        most_recommended=[
            Count(key=pid, label=catalog.get(pid).title[:80], count=n) for pid, n in list(known.items())[:limit]
        ],
        recommended_products=len(known), catalog_products=len(catalog),
        coverage=round(len(known) / len(catalog), 4) if len(catalog) else 0.0,
        never_recommended_sample=[Count(key=p.id, label=p.title[:80], count=0) for p in never],
    )  # fmt: skip
