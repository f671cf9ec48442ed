"""`shoptalk bench support`: customer-service drafts on agent scenarios kept as data
(`benchmarks/support/scenarios.jsonl`: a real customer of the demo log and a message), each
checked: the reference resolved to the right past product, proposals of the right kind, no echo of
the customer's words, no shopper template, grounded. Prints a table and a sample of drafts."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from assistant.grounding import check, echoed
from assistant.phrases import phrase
from assistant.pipeline import ChatPipeline
from assistant.references import size_of, size_step
from assistant.support import Draft, draft_reply

SCENARIOS = Path(__file__).resolve().parents[1] / "benchmarks" / "support" / "scenarios.jsonl"
#: kinds whose proposals follow from a past product
PROPOSING = {"size", "cheaper", "brand", "same", "question"}


class Scenario(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    kind: str  # size | cheaper | brand | same | question | out_of_catalog | none
    customer_id: str
    message: str
    expected_reference: str | None = None
    direction: int = 0


def load_scenarios(path: Path = SCENARIOS) -> list[Scenario]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [Scenario.model_validate_json(line) for line in lines if line.strip()]


def shopper_template(text: str, language: str) -> bool:
    """The draft uses the shopper chat's templated lead ("[1] fits best ...")."""
    lead = phrase(language, "lead", mark=0, for_whom="")
    core = re.sub(r"\[0\]", "", lead).strip(" .。")
    return bool(core) and core in text


def right_kind(scenario: Scenario, draft: Draft, pipeline: ChatPipeline) -> bool | None:
    """The proposals are what was asked for (None: the scenario proposes nothing to judge)."""
    if scenario.kind not in PROPOSING:
        if scenario.kind == "out_of_catalog":  # nothing presented as the thing asked for
            return "carry" in draft.text.lower() or not draft.cards
        return None
    if scenario.expected_reference is None:
        return None
    ref = pipeline.catalog.get(scenario.expected_reference)
    shown = [c.product for c in draft.cards]
    if not shown:
        return False
    if scenario.kind in ("same", "question"):
        return shown[0].id == ref.id
    # the same category: the past product's category path, or a narrower one under it
    same_kind = all(p.category[: len(ref.category)] == ref.category for p in shown)
    if scenario.kind == "size":
        if not draft.proposals:  # no other size exists: the draft must say so and ask
            return "?" in draft.text
        steps = [size_step(size_of(ref.title), size_of(p.title)) for p in shown]
        want = scenario.direction
        return same_kind and all(
            s is not None and (s * want > 0 if want else s != 0) for s in steps
        )
    if scenario.kind == "cheaper":
        if ref.price is None:  # nothing can be promised cheaper: same kind, and no such claim
            return same_kind and "less than" not in draft.text
        return same_kind and all(
            p.price is not None and p.price.amount < ref.price.amount for p in shown
        )
    if scenario.kind == "brand":
        mine = (ref.brand or "").lower()
        return same_kind and all((p.brand or "").lower() not in ("", mine) for p in shown)
    return None


def run(
    pipeline: ChatPipeline, scenarios: Sequence[Scenario], say: Any = print
) -> list[dict[str, Any]]:
    rows = []
    for n, s in enumerate(scenarios, 1):
        started = time.perf_counter()
        draft = draft_reply(pipeline, s.customer_id, s.message)
        seconds = time.perf_counter() - started
        got = draft.referring_to.product_id if draft.referring_to else None
        row = {
            "id": s.id, "kind": s.kind, "customer_id": s.customer_id, "message": s.message,
            "expected_reference": s.expected_reference, "reference": got,
            "reference_right": got == s.expected_reference,
            "right_kind": right_kind(s, draft, pipeline),
            "echo": echoed(draft.text, s.message) is not None,
            "shopper_template": shopper_template(draft.text, draft.language),
            "violations": [v.model_dump() for v in check(draft.text, list(draft.cards))],
            "lead_by_model": draft.lead_by_model, "degraded": draft.degraded, "seconds": round(seconds, 2),
            "text": draft.text, "cards": [f"[{c.mark}] {c.product.title[:80]} ({c.price}) — {c.why}" for c in draft.cards],
        }  # fmt: skip
        rows.append(row)
        say(f"[{n}/{len(scenarios)}] {s.id} {s.kind}: reference {'ok' if row['reference_right'] else 'WRONG'}, "
            f"kind {row['right_kind']}, {seconds:.1f} s")  # fmt: skip
    return rows


def summarize(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    judged = [r for r in rows if r["right_kind"] is not None]
    secs = sorted(r["seconds"] for r in rows)
    return {
        "scenarios": len(rows),
        "references_right": sum(r["reference_right"] for r in rows) / len(rows),
        "right_kind": sum(bool(r["right_kind"]) for r in judged) / len(judged) if judged else None,
        "judged_for_kind": len(judged),
        "echoes": sum(r["echo"] for r in rows),
        "shopper_templates": sum(r["shopper_template"] for r in rows),
        "ungrounded": sum(bool(r["violations"]) for r in rows),
        "model_sentence_kept": sum(r["lead_by_model"] for r in rows) / len(rows),
        "p50_s": secs[len(secs) // 2],
        "p95_s": secs[min(len(secs) - 1, int(0.95 * len(secs)))],
    }


def write(summary: dict[str, Any], rows: Sequence[dict[str, Any]], out: Path, setup: str,
          say: Any = print) -> None:  # fmt: skip
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(
        json.dumps({"setup": setup, "summary": summary, "rows": list(rows)}, indent=1)
    )
    kinds = sorted({r["kind"] for r in rows})
    lines = [f"Setup: {setup}. {summary['scenarios']} scenarios (`benchmarks/support/scenarios.jsonl`).", "",
             "| kind | scenarios | reference right | proposals of the right kind | echoes | shopper template | ungrounded |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for kind in [*kinds, "all"]:
        part = [r for r in rows if kind in ("all", r["kind"])]
        judged = [r for r in part if r["right_kind"] is not None]
        kind_rate = f"{sum(bool(r['right_kind']) for r in judged)}/{len(judged)}" if judged else "-"
        lines.append(f"| {kind} | {len(part)} | {sum(r['reference_right'] for r in part)}/{len(part)} | {kind_rate} | "
                     f"{sum(r['echo'] for r in part)} | {sum(r['shopper_template'] for r in part)} | "
                     f"{sum(bool(r['violations']) for r in part)} |")  # fmt: skip
    lines += ["", f"Model sentence kept (passed the checks): {summary['model_sentence_kept']:.0%}; "
              f"draft latency p50 {summary['p50_s']:.1f} s, p95 {summary['p95_s']:.1f} s.", ""]  # fmt: skip
    (out / "results.md").write_text("\n".join(lines))
    samples = [
        "# Drafts from `shoptalk bench support` (the first scenario of each kind, verbatim)",
        "",
    ]
    for kind in kinds:
        r = next(r for r in rows if r["kind"] == kind)
        samples += [f"## {r['id']} ({kind}) — customer {r['customer_id']}", "", f"> {r['message']}", "",
                    f"Referring to: `{r['reference']}` (expected `{r['expected_reference']}`)", "", "```", r["text"], "```", "",
                    *[f"- {c}" for c in r["cards"]], ""]  # fmt: skip
    (out / "samples.md").write_text("\n".join(samples))
    say("\n".join(lines))
