"""The `shoptalk` command line against a store's own catalog file (generic format)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ui.cli import app

PRODUCTS = [
    {"id": "b1", "title": "Waterproof hiking boots, wide fit", "price": 139.0, "brand": "Keen",
     "category": "Shoes > Hiking", "rating": 4.6},
    {"id": "b2", "title": "Trail running shoes", "price": 89.0, "brand": "Salomon", "category": "Shoes > Running"},
    {"id": "b3", "title": "Dive light, 1000 lumen underwater torch", "price": 45.0, "category": "Sports > Diving"},
    {"id": "b4", "title": "Merino hiking socks", "category": "Shoes > Accessories"},
]  # fmt: skip


@pytest.fixture()
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "store.jsonl"
    path.write_text(
        "\n".join(json.dumps(p) for p in PRODUCTS)
        + '\n{"id": "b5", "title": "Bad", "price": "x"}\n'
    )
    monkeypatch.setenv("SHOPTALK_HOME", str(tmp_path / "home"))
    sources = [{"format": "generic", "path": str(path), "name": "mystore"}]
    monkeypatch.setenv("SHOPTALK_RETRIEVAL__SOURCES", json.dumps(sources))
    return path


def test_sync_then_search_prints_a_table(store: Path) -> None:
    runner = CliRunner()
    synced = runner.invoke(app, ["catalog", "sync"])
    assert synced.exit_code == 0, synced.output
    assert "mystore: 4 loaded, 1 rejected (price: 1)" in synced.output
    assert "line 5: price: 'x' is not a number" in synced.output
    assert "4 added" in synced.output

    again = runner.invoke(app, ["catalog", "sync"])
    assert "0 added, 0 changed, 0 removed, 4 unchanged; 0 texts embedded" in again.output

    found = runner.invoke(app, ["search", "boots for wide feet", "--max-price", "150", "-k", "3"])
    assert found.exit_code == 0, found.output
    assert "Waterproof" in found.output and "$139.00" in found.output
    assert "Merino" not in found.output, "no listed price never satisfies a price bound"


def test_check_reports_rejected_rows_and_fails(store: Path) -> None:
    result = CliRunner().invoke(app, ["catalog", "check"])
    assert result.exit_code == 1 and "rejected" in result.output


def test_unreadable_source_is_a_clear_error(store: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["catalog", "sync", "--source", f"generic:x:{tmp_path / 'missing.csv'}"]
    )
    assert result.exit_code == 2 and "no such file" in result.output


def test_progress_without_a_terminal_is_a_line_at_a_steady_interval() -> None:
    from ui.console import ProgressLines

    now = [0.0]
    said: list[str] = []
    progress = ProgressLines("embedding products", 1000, every=10, say=said.append, clock=lambda: now[0])
    for _ in range(10):  # 100 items a step, 4 s a step: a line every ~10 s, and one at the end
        now[0] += 4
        progress.advance(100)
    assert len(said) == 4, said
    assert said[0] == "embedding products: 300/1,000 (30%), 25/s, about 28 s left"
    assert said[-1] == "embedding products: 1,000/1,000 done in 40 s (25/s)"
