"""`shoptalk bench assistant`: multi-turn shopping conversations (data, in
`bench_conversations.jsonl`) through the whole pipeline, each turn checked for grounding, hard
constraints, refinements and references; latency per turn; and the overhead against calling the
same vLLM server directly with the same prompts."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from rich.console import Console
from rich.table import Table

from assistant.grounding import check, check_sense
from assistant.llm import ChatMessage, LLMBackend, VLLMBackend, structured_body
from assistant.pipeline import ChatPipeline
from assistant.turn import ChatRequest, ChatResponse

CONVERSATIONS = Path(__file__).with_name("bench_conversations.jsonl")


class Expect(BaseModel):
    """What must hold for one turn's products (hard constraints are listed per turn)."""

    model_config = ConfigDict(extra="forbid")

    intent: str | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    department: str | None = None
    exclude: list[str] = Field(default_factory=list)
    cheaper: bool = False
    more: bool = False
    compare: list[int] = Field(default_factory=list)
    ref: list[int] = Field(default_factory=list)
    relaxed_ok: bool = False
    min_rating: float | None = None
    kind: list[str] = Field(default_factory=list, description="The first card's title or category "
                            "names one of these (what the product is)")  # fmt: skip
    notice: bool | None = Field(default=None, description="A 'we don't carry' notice is (not) due")
    language: str | None = Field(default=None, description="The answer's language")
    question: bool | None = Field(default=None, description="A clarifying question is (not) due")


class Turn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    say: str
    expect: Expect = Field(default_factory=Expect)


class Conversation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    category: str = Field(
        default="basics", description="The phrasing it stands for (per-category rates)"
    )
    turns: list[Turn] = Field(min_length=1)


def load_conversations(path: Path = CONVERSATIONS) -> list[Conversation]:
    out = []
    for n, line in enumerate(path.read_text().splitlines(), start=1):
        if line.strip():
            try:
                out.append(Conversation.model_validate_json(line))
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: {exc}") from exc
    return out


class RecordingBackend(LLMBackend):
    """Passes every call to the real backend and records it (prompt, schema, seconds) for replay."""

    def __init__(self, inner: LLMBackend) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls: list[tuple[list[ChatMessage], int, dict[str, Any] | None, float]] = []

    def stream(self, messages: Sequence[ChatMessage], max_tokens: int = 256, temperature: float = 0.0,
               json_schema: dict[str, Any] | None = None) -> Iterator[str]:  # fmt: skip
        started = time.perf_counter()
        yield from self.inner.stream(messages, max_tokens, temperature, json_schema)
        self.calls.append((list(messages), max_tokens, json_schema, time.perf_counter() - started))


class TurnResult(BaseModel):
    conversation: str
    category: str = "basics"
    kind_ok: bool | None = None
    notice_ok: bool | None = None
    language_expected_ok: bool | None = None
    question_ok: bool | None = None
    truncated: int = 0
    repeated: int = 0
    contradicting: int = 0
    unsupported: int = 0
    reasons_per_pick: float | None = None
    language_ok: bool | None = None
    question: bool = False
    lead_by_model: bool = False
    lead_from_facts: bool = False
    text: str = ""
    card_titles: list[str] = Field(default_factory=list)
    turn: int
    say: str
    cards: int
    invented: int = Field(description="Products in the final text that are not on the cards")
    wrong_prices: int = Field(description="Prices in the final text that are not the catalog's")
    constraint_ok: int
    constraint_total: int
    relaxed: bool
    intent_ok: bool | None
    refinement_ok: bool | None
    reference_ok: bool | None
    parsed: bool
    caught: int = Field(description="Violations the checker caught in the model's first text")
    caught_as: tuple[str, ...] = Field(
        default=(),
        description="What they were: `kind: text` (why a lead fell back to the template)",
    )
    fallback: bool
    trimmed: bool = Field(default=False, description="The lead kept only its checked sentences")
    first_cards_s: float | None
    first_token_s: float | None
    total_s: float
    tokens: int
    llm_s: float
    direct_s: float | None = None


def _satisfies(card: dict[str, Any], e: Expect) -> bool:
    p = card["product"]
    price = Decimal(str(p["price"]["amount"])) if p.get("price") else None
    if (e.min_price is not None or e.max_price is not None) and price is None:
        return False
    if e.min_price is not None and price is not None and price < e.min_price:
        return False
    if e.max_price is not None and price is not None and price > e.max_price:
        return False
    if e.department and (p["category"] or ["Uncategorized"])[0] != e.department:
        return False
    if e.min_rating is not None and (p.get("rating") is None or p["rating"] < e.min_rating):
        return False
    for name in e.exclude:
        if re.search(rf"\b{re.escape(name)}\b", f"{p['title']} {p.get('brand') or ''}", re.I):
            return False
    return True


def _price(card: dict[str, Any]) -> Decimal | None:
    p = card["product"].get("price")
    return Decimal(str(p["amount"])) if p else None


def judge(answer: ChatResponse, turn: Turn, previous: list[dict[str, Any]], pipeline: ChatPipeline,
          said: set[Decimal]) -> dict[str, Any]:  # fmt: skip
    """The checks of one turn (see module docstring)."""
    e = turn.expect
    data = answer.model_dump(mode="json")
    cards = data["cards"]
    invented = sum(c["product"]["id"] not in pipeline.catalog for c in cards)
    # the shopper's own amounts, from any turn so far, may be repeated back; nothing else that is not a price
    final = check(answer.text, answer.cards, said, pipeline.brand_names)
    invented += sum(v.kind in ("mark", "name") for v in final)
    relaxed = answer.relaxed is not None
    judged = [c for c in cards if not (relaxed and e.relaxed_ok)]
    refinement = None
    if e.cheaper:
        # "cheaper" means below the first product on screen that has a price (as the pipeline reads it)
        top = next((p for p in map(_price, previous) if p is not None), None)
        refinement = (
            top is not None and all((_price(c) or top) < top for c in cards) and bool(cards)
        )
    if e.more:
        before = {c["product"]["id"] for c in previous}
        refinement = bool(cards) and not before & {c["product"]["id"] for c in cards}
    if e.exclude:
        refinement = all(n in answer.query.exclude_brands for n in e.exclude)
    reference = None
    if e.compare:
        want = [previous[i - 1]["product"]["id"] for i in e.compare if i <= len(previous)]
        reference = answer.comparison is not None and list(answer.comparison.product_ids) == want
    if e.ref:
        want = [previous[i - 1]["product"]["id"] for i in e.ref if i <= len(previous)]
        reference = [c["product"]["id"] for c in cards] == want
    focus = bool(e.compare or e.ref)
    kind_ok = None
    if e.kind and cards:
        first = cards[0]["product"]
        said_of_it = f"{first['title']} {' '.join(first.get('category') or [])}".lower()
        kind_ok = any(re.search(rf"\b{re.escape(k.lower())}", said_of_it) for k in e.kind)
    notice_ok = (
        None
        if e.notice is None
        else (bool(answer.notice) and "carry" in (answer.notice or "").lower()) == e.notice
    )
    sense = check_sense(answer.text, turn.say, answer.cards, answer.query.age)
    recommended = [c for c in answer.cards if c.recommended]
    reasons = sum(
        len(re.findall(r"\[\d{1,2}\]", line))
        for line in re.findall(r"^- (?:\[\d{1,2}\](?:, )?)+ ", answer.text, re.M)
    )
    lead = answer.text.split("\n- [", 1)[0]
    return {
        "truncated": sum(v.kind == "truncated" for v in sense), "repeated": sum(v.kind == "repeated" for v in sense),
        "contradicting": sum(v.kind == "contradiction" for v in sense),
        "unsupported": sum(v.kind == "unsupported" for v in sense),
        "reasons_per_pick": round(reasons / len(recommended), 2) if recommended else None,
        "language_ok": pipeline.vocabulary.language(lead) == answer.query.language if lead.strip() else None,
        "question": "?" in answer.text, "text": answer.text,
        "card_titles": [f"[{c.mark}]{'*' if c.recommended else ''} {c.product.title[:70]} ({c.price})" for c in answer.cards],
        "cards": len(cards), "invented": invented, "wrong_prices": sum(v.kind == "price" for v in final),
        "constraint_ok": 0 if focus else sum(_satisfies(c, e) for c in judged),
        "constraint_total": 0 if focus else len(judged), "relaxed": relaxed,
        "intent_ok": answer.query.intent.value == e.intent if e.intent else None,
        "refinement_ok": refinement, "reference_ok": reference, "kind_ok": kind_ok, "notice_ok": notice_ok,
        "language_expected_ok": None if e.language is None else answer.query.language == e.language
        and pipeline.vocabulary.language(lead) == e.language,
        "question_ok": None if e.question is None else ("?" in answer.text) == e.question,
    }  # fmt: skip


def replay_direct(
    server: VLLMBackend,
    calls: Sequence[tuple[list[ChatMessage], int, dict[str, Any] | None, float]],
) -> float:
    """Seconds to make the same calls straight to the vLLM server with its OpenAI client."""
    started = time.perf_counter()
    for messages, max_tokens, schema, _ in calls:
        server._client.chat.completions.create(
            model=server.model, messages=[m.model_dump() for m in messages],  # type: ignore[misc]
            max_tokens=max_tokens, temperature=0.0, **structured_body(schema),
        )  # fmt: skip
    return time.perf_counter() - started


def run(pipeline: ChatPipeline, recorder: RecordingBackend, conversations: Sequence[Conversation],
        direct: VLLMBackend | None, replay: int, console: Console) -> list[TurnResult]:  # fmt: skip
    results: list[TurnResult] = []
    for n, conv in enumerate(conversations):
        conversation_id = None
        previous: list[dict[str, Any]] = []
        said: set[Decimal] = set()
        for i, turn in enumerate(conv.turns, start=1):
            recorder.calls.clear()
            answer = pipeline.answer(
                ChatRequest(
                    message=turn.say, conversation_id=conversation_id, user_id=f"bench-{conv.id}"
                )
            )
            conversation_id = answer.conversation_id
            said |= {x for x in (answer.query.min_price, answer.query.max_price) if x is not None}
            verdict = judge(answer, turn, previous, pipeline, said)
            m = answer.meta
            direct_s = (
                replay_direct(direct, recorder.calls) if direct is not None and n < replay else None
            )
            results.append(TurnResult(
                conversation=conv.id, category=conv.category, turn=i, say=turn.say, parsed=m.parsed_by_model, caught=len(m.violations),
                caught_as=tuple(f"{v.kind}: {v.text}" for v in m.violations),
                fallback=m.fallback, trimmed=m.trimmed, lead_by_model=m.lead_by_model, lead_from_facts=m.lead_from_facts, first_cards_s=m.first_cards_s, first_token_s=m.first_token_s, total_s=m.total_s,
                tokens=m.tokens, llm_s=sum(c[3] for c in recorder.calls), direct_s=direct_s, **verdict))  # fmt: skip
            if answer.query.intent.value not in ("compare", "detail"):
                previous = [c.model_dump(mode="json") for c in answer.cards]
        r = results[-1]
        console.print(f"  {conv.id}: {len(conv.turns)} turns, last {r.total_s:.1f} s")
    return results


def right(r: TurnResult) -> bool:
    """Every check of the turn holds: the cards meet the constraints, the first card is the kind
    asked for, the notice, language, question, intent, refinement and reference are as due, and
    nothing is invented."""
    checks = (r.kind_ok, r.notice_ok, r.language_expected_ok, r.question_ok, r.intent_ok,
              r.refinement_ok, r.reference_ok)  # fmt: skip
    return (r.constraint_ok == r.constraint_total and False not in checks
            and r.invented == 0 and r.wrong_prices == 0)  # fmt: skip


def by_category(results: Sequence[TurnResult]) -> dict[str, dict[str, Any]]:
    """Per phrasing category: turns, the share right, and the checks that failed most."""
    out: dict[str, dict[str, Any]] = {}
    for category in sorted({r.category for r in results}):
        rows = [r for r in results if r.category == category]
        failed: dict[str, int] = {}
        for r in rows:
            for name in ("kind_ok", "notice_ok", "language_expected_ok", "question_ok", "intent_ok",
                         "refinement_ok", "reference_ok"):  # fmt: skip
                if getattr(r, name) is False:
                    failed[name.removesuffix("_ok")] = failed.get(name.removesuffix("_ok"), 0) + 1
            if r.constraint_ok != r.constraint_total:
                failed["constraints"] = failed.get("constraints", 0) + 1
        out[category] = {"turns": len(rows), "right": round(sum(map(right, rows)) / len(rows), 3),
                         "failed": ", ".join(f"{k} {v}" for k, v in sorted(failed.items(), key=lambda x: -x[1]))}  # fmt: skip
    return out


def summarize(results: Sequence[TurnResult]) -> dict[str, Any]:
    def rate(values: list[bool | None]) -> float | None:
        xs = [v for v in values if v is not None]
        return round(sum(xs) / len(xs), 4) if xs else None

    def pct(values: list[float | None], q: float) -> float | None:
        xs = [v for v in values if v is not None]
        return round(float(np.percentile(xs, q)), 2) if xs else None

    ok = sum(r.constraint_ok for r in results)
    total = sum(r.constraint_total for r in results)
    streaming = [
        (r.tokens, r.total_s - r.first_token_s) for r in results if r.first_token_s and r.tokens > 1
    ]
    replayed = [r for r in results if r.direct_s is not None]
    return {
        "conversations": len({r.conversation for r in results}), "turns": len(results),
        "right_turns": round(sum(map(right, results)) / len(results), 4) if results else None,
        "invented_products": sum(r.invented for r in results), "wrong_prices": sum(r.wrong_prices for r in results),
        "constraint_rate": round(ok / total, 4) if total else None, "constrained_products": total,
        "relaxed_turns": sum(r.relaxed for r in results),
        "parse_valid_rate": rate([r.parsed for r in results]), "intent_rate": rate([r.intent_ok for r in results]),
        "refinement_rate": rate([r.refinement_ok for r in results]), "reference_rate": rate([r.reference_ok for r in results]),
        "caught_by_checker": sum(r.caught for r in results), "fallback_turns": sum(r.fallback for r in results),
        "trimmed_leads": sum(r.trimmed for r in results),
        "lead_by_model_rate": rate([r.lead_by_model for r in results]),
        "lead_from_facts_rate": rate([r.lead_from_facts for r in results]),
        "truncated_sentences": sum(r.truncated for r in results), "repeated_sentences": sum(r.repeated for r in results),
        "contradicting_numbers": sum(r.contradicting for r in results), "unsupported_texts": sum(r.unsupported for r in results),
        "reasons_per_recommended_card": pct([r.reasons_per_pick for r in results], 50),
        "answer_in_shopper_language": rate([r.language_ok for r in results]),
        "clarifying_questions": sum(r.question for r in results),
        "first_cards_p50": pct([r.first_cards_s for r in results], 50), "first_cards_p95": pct([r.first_cards_s for r in results], 95),
        "first_token_p50": pct([r.first_token_s for r in results], 50), "first_token_p95": pct([r.first_token_s for r in results], 95),
        "turn_p50": pct([r.total_s for r in results], 50), "turn_p95": pct([r.total_s for r in results], 95),
        "tokens_per_s": round(sum(t for t, _ in streaming) / sum(s for _, s in streaming), 1) if streaming else None,
        "replayed_turns": len(replayed),
        "pipeline_s_replayed": round(sum(r.total_s for r in replayed), 1),
        "llm_s_replayed": round(sum(r.llm_s for r in replayed), 1),
        "direct_vllm_s_replayed": round(sum(r.direct_s or 0 for r in replayed), 1),
        "overhead_per_turn_s": round(sum(r.total_s - (r.direct_s or 0) for r in replayed) / len(replayed), 2)
        if replayed else None,
    }  # fmt: skip


def write(
    summary: dict[str, Any], results: Sequence[TurnResult], out: Path, console: Console, setup: str
) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({"setup": setup, "summary": summary, "categories": by_category(results),
                                                  "turns": [r.model_dump() for r in results]}, indent=2))  # fmt: skip
    table = Table(title=f"Assistant benchmark ({setup})")
    table.add_column("measure")
    table.add_column("value", justify="right")
    lines = ["| measure | value |", "|---|---|"]
    for key, value in summary.items():
        table.add_row(key, str(value))
        lines.append(f"| {key} | {value} |")
    console.print(table)
    categories = by_category(results)
    per = Table(title="Per phrasing category")
    for column in ("category", "turns", "right", "failed checks"):
        per.add_column(column)
    lines += ["", "| category | turns | right | failed checks |", "|---|---|---|---|"]
    for name, row in categories.items():
        per.add_row(name, str(row["turns"]), f"{row['right']:.0%}", row["failed"])
        lines.append(f"| {name} | {row['turns']} | {row['right']:.0%} | {row['failed']} |")
    console.print(per)
    samples = [
        "# Sample answers (the first five turns of the run, verbatim, beside their cards)",
        "",
    ]
    for r in list(results)[:5]:
        samples += [f"## {r.conversation} turn {r.turn}: “{r.say}”", "", "Cards:", "",
                    *[f"- {t}" for t in r.card_titles], "", "Answer:", "", *[f"> {line}" for line in r.text.splitlines()], ""]  # fmt: skip
    (out / "samples.md").write_text("\n".join(samples))
    for line in samples[:60]:
        console.print(line, highlight=False, markup=False)
    (out / "results.md").write_text(f"Setup: {setup}\n\n" + "\n".join(lines) + "\n")
