"""A/B experiments: deterministic assignment, logged exposures, outcomes, the report, offline replay."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ranking.data import builtin_dataset, leave_one_out
from ranking.events import EventStore, make_engine
from ranking.experiments import (
    Arm,
    ArmCounts,
    Experiment,
    count_outcomes,
    plot_report,
    replay,
    report,
)
from ranking.models.base import TrainingData
from ranking.models.covisitation import CoVisitation
from ranking.models.popularity import Popularity
from retrieval import Catalog
from retrieval.embedders import Embedder
from retrieval.vector_cache import VectorCache
from tests.conftest import LOCAL, make_retrieval
from ui.api import create_app
from ui.services import build_services
from ui.settings import Settings

EXPERIMENT = Experiment(
    name="ranker-vs-baseline",
    arms=(Arm(name="baseline", scorer="baseline"), Arm(name="ranker", weight=3)),
)


def test_assignment_is_deterministic_and_follows_the_weights() -> None:
    users = [f"user-{i}" for i in range(8000)]
    first = [EXPERIMENT.assign(u).name for u in users]
    assert first == [EXPERIMENT.assign(u).name for u in users]
    share = Counter(first)["ranker"] / len(users)
    assert 0.72 < share < 0.78  # weight 3 of 4


def test_duplicate_arm_names_are_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        Experiment(name="x", arms=(Arm(name="a"), Arm(name="a")))


def test_live_experiment_logs_exposures_and_reports_outcomes(
    tmp_path: Path,
    data_dir: Path,
    onnx_embedder: Embedder,
    small_catalog: Catalog,
    shared_vectors: VectorCache,
) -> None:
    retrieval = make_retrieval(tmp_path, data_dir, onnx_embedder, vectors=shared_vectors)
    retrieval.sync(small_catalog)
    settings = Settings(home=tmp_path, data_dir=data_dir, experiments=[EXPERIMENT])
    context = next(p.id for p in small_catalog if p.department == "Toys & Games")
    with TestClient(
        create_app(lambda: build_services(settings, retrieval)), client=LOCAL
    ) as client:
        shown = {}
        for i in range(12):
            body = client.get(
                "/v1/recommendations", params={"user_id": f"u{i}", "product_id": context, "k": 3}
            ).json()
            assert body["experiment"] == EXPERIMENT.name
            assert body["arm"] == EXPERIMENT.assign(f"u{i}").name
            shown[f"u{i}"] = (body["arm"], body["recommendations"][0]["product"]["id"])
        clicks = [
            {"user_id": u, "product_id": pid, "type": "click"}
            for u, (_, pid) in shown.items()
            if u in ("u0", "u1", "u2")
        ]
        assert client.post("/v1/events", json={"events": clicks}).json()["stored"] == 3
    store = EventStore(make_engine(settings.database()))
    counts = {c.arm: c for c in count_outcomes(store, EXPERIMENT.name)}
    arms = Counter(arm for arm, _ in shown.values())
    for arm, n_users in arms.items():
        assert counts[arm].exposures == 3 * n_users
    expected_clicks = Counter(shown[u][0] for u in ("u0", "u1", "u2"))
    for arm in arms:
        assert counts[arm].outcomes["click"] == expected_clicks.get(arm, 0)
    reports = report(list(counts.values()), control="baseline")
    for r in reports:
        rate, low, high = r.rates["click"]
        assert low <= rate <= high
    plot_report(reports, tmp_path / "plot.png", "test")
    assert (tmp_path / "plot.png").stat().st_size > 1000


def test_report_flags_a_real_difference_and_not_noise() -> None:
    clear = report([ArmCounts("a", 10000, {"click": 100}), ArmCounts("b", 10000, {"click": 200})])
    assert clear[1].p_values["click"] is not None and clear[1].p_values["click"] < 0.001
    noise = report([ArmCounts("a", 1000, {"click": 50}), ArmCounts("b", 1000, {"click": 52})])
    assert noise[1].p_values["click"] is not None and noise[1].p_values["click"] > 0.5


def test_offline_replay_finds_the_better_ranker(data_dir: Path) -> None:
    split = leave_one_out(builtin_dataset("office", data_dir))
    training = TrainingData(split.data.n_items, list(split.train))
    arms = {"popularity": Popularity(), "co-visitation": CoVisitation()}
    for model in arms.values():
        model.fit(training)
    reports = report(replay(arms, split.histories("test"), split.test_target), control="popularity")
    assert reports[1].rates["click"][0] > reports[0].rates["click"][0]
    assert reports[1].p_values["click"] is not None and reports[1].p_values["click"] < 0.01
