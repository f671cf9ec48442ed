"""A/B experiments: configuration, deterministic assignment, exposure logging, and one report
(per-arm rates with 95% Wilson intervals and a two-proportion z-test against the control arm)
used both for live experiments and for offline replays."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from ranking.events import Event, EventContext, EventStore, EventType
from ranking.models.base import Recommender

OUTCOMES = (
    ("click", EventType.click),
    ("add_to_cart", EventType.add_to_cart),
    ("purchase", EventType.purchase),
)
ATTRIBUTION_WINDOW = timedelta(days=1)


class Arm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=100)
    weight: float = Field(
        default=1.0, gt=0, description="Share of traffic, relative to the other arms"
    )
    scorer: Literal["ranker", "baseline"] = Field(
        default="ranker",
        description="'ranker': the trained model; 'baseline': popularity + co-visitation + text",
    )


class Experiment(BaseModel):
    """Named arms and their traffic split; the first arm is the control."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=100)
    arms: tuple[Arm, ...] = Field(min_length=2)
    active: bool = True

    @model_validator(mode="after")
    def _unique(self) -> Experiment:
        names = [a.name for a in self.arms]
        if len(set(names)) != len(names):
            raise ValueError(f"experiment {self.name!r}: arm names must be unique, got {names}")
        return self

    def assign(self, user_id: str) -> Arm:
        """The same user always gets the same arm: a hash of (experiment, user) against the weights."""
        digest = hashlib.sha256(f"{self.name}\0{user_id}".encode()).digest()
        point = int.from_bytes(digest[:8], "big") / 2**64
        total = sum(a.weight for a in self.arms)
        edge = 0.0
        for arm in self.arms:
            edge += arm.weight / total
            if point < edge:
                return arm
        return self.arms[-1]


def exposure_events(
    experiment: Experiment,
    arm: Arm,
    user_id: str,
    session_id: str | None,
    product_ids: Sequence[str],
) -> list[Event]:
    """`recommendation_shown` events for a list shown to a user, tagged with experiment and arm."""
    return [
        Event(user_id=user_id, session_id=session_id, product_id=pid, type=EventType.recommendation_shown,
              context=EventContext(experiment=experiment.name, arm=arm.name, position=i, source="recommendations"))
        for i, pid in enumerate(product_ids)
    ]  # fmt: skip


@dataclass(frozen=True)
class ArmCounts:
    arm: str
    exposures: int
    outcomes: dict[str, int]


@dataclass(frozen=True)
class ArmReport:
    arm: str
    exposures: int
    rates: dict[str, tuple[float, float, float]]  # outcome -> (rate, low, high)
    p_values: dict[str, float | None]  # against the control; None for the control itself


def count_outcomes(store: EventStore, experiment: str) -> list[ArmCounts]:
    """Exposures per arm, and how many exposed (user, product) pairs led to each outcome within
    the attribution window."""
    shown: dict[tuple[str, str], tuple[str, float]] = {}
    for e in store.query(experiment=experiment):
        if e.type == EventType.recommendation_shown and e.context.arm:
            shown.setdefault((e.user_id, e.product_id), (e.context.arm, e.timestamp.timestamp()))
    exposures: defaultdict[str, int] = defaultdict(int)
    for arm, _ in shown.values():
        exposures[arm] += 1
    hit: defaultdict[str, set[tuple[str, str]]] = defaultdict(set)
    users = {u for u, _ in shown}
    window = ATTRIBUTION_WINDOW.total_seconds()
    for user in users:
        for e in store.query(user_id=user):
            key = (e.user_id, e.product_id)
            if key in shown:
                arm, at = shown[key]
                if 0 <= e.timestamp.timestamp() - at <= window:
                    for name, kind in OUTCOMES:
                        if e.type == kind:
                            hit[f"{arm}\0{name}"].add(key)
    return [
        ArmCounts(arm, n, {name: len(hit[f"{arm}\0{name}"]) for name, _ in OUTCOMES})
        for arm, n in sorted(exposures.items())
    ]


def report(counts: Sequence[ArmCounts], control: str | None = None) -> list[ArmReport]:
    """Rates with 95% Wilson intervals; two-sided z-test of each arm against the control."""
    if not counts:
        return []
    base = next((c for c in counts if c.arm == control), counts[0])
    out = []
    for c in counts:
        rates: dict[str, tuple[float, float, float]] = {}
        p_values: dict[str, float | None] = {}
        for name in c.outcomes:
            k, n = c.outcomes[name], c.exposures
            low, high = proportion_confint(k, n, method="wilson") if n else (0.0, 0.0)
            rates[name] = (k / n if n else 0.0, float(low), float(high))
            if c is base:
                p_values[name] = None
            else:
                pair = np.array([k, base.outcomes[name]])
                sizes = np.array([n, base.exposures])
                p_values[name] = (
                    float(proportions_ztest(pair, sizes)[1])
                    if pair.sum() and 0 < pair.sum() < sizes.sum()
                    else 1.0
                )
        out.append(ArmReport(c.arm, c.exposures, rates, p_values))
    return out


def replay(
    arms: dict[str, Recommender], histories: list[np.ndarray], targets: np.ndarray, k: int = 10
) -> list[ArmCounts]:
    """Offline: each arm shows its top-k to every held-out history; a 'click' is the item the user
    really took next appearing in that list. Counted like a live experiment, for `report`."""
    out = []
    for name, model in arms.items():
        hits = 0
        for start in range(0, len(histories), 512):
            scores = model.score(histories[start : start + 512])
            top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
            hits += int((top == targets[start : start + 512, None]).any(axis=1).sum())
        out.append(
            ArmCounts(name, len(histories) * k, {"click": hits, "add_to_cart": 0, "purchase": 0})
        )
    return out


def plot_report(reports: Sequence[ArmReport], path: Path, title: str) -> None:
    """Bars per outcome and arm, with the 95% intervals."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    outcomes = [o for o, _ in OUTCOMES if any(r.rates[o][0] for r in reports)] or ["click"]
    fig, ax = plt.subplots(figsize=(2 + 2 * len(outcomes), 3.5))
    width = 0.8 / len(reports)
    for i, r in enumerate(reports):
        x = np.arange(len(outcomes)) + i * width
        rates = [r.rates[o][0] for o in outcomes]
        err = [
            [r.rates[o][0] - r.rates[o][1] for o in outcomes],
            [r.rates[o][2] - r.rates[o][0] for o in outcomes],
        ]
        ax.bar(x, rates, width, yerr=err, capsize=3, label=f"{r.arm} (n={r.exposures})")
    ax.set_xticks(
        np.arange(len(outcomes)) + width * (len(reports) - 1) / 2, [f"{o} rate" for o in outcomes]
    )
    ax.set_title(title)
    ax.legend(fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
