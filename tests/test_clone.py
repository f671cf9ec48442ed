"""The project works from a clone alone: its own `data/`, nothing from beside it.

The repository (as committed) is cloned into a temporary folder with no `../shared` next to it;
the clone's own CLI loads the whole demo store from the clone's `data/`, indexes a small slice
of it, and the clone's data-reading tests pass there. The clone runs on this checkout's Python
environment (the clone's folder comes first on the path, so its own code and defaults are used)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_a_clone_alone_has_its_data_and_passes(tmp_path: Path) -> None:
    clone = tmp_path / "alone" / "shoptalk"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(clone)], check=True)
    assert not (clone.parent / "shared").exists()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SHOPTALK_", "PYTHONPATH"))}
    env.update(SHOPTALK_HOME=str(tmp_path / "home"), HF_HUB_OFFLINE="1")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], cwd=clone, env=env, capture_output=True,
                              text=True, timeout=900)  # fmt: skip

    where = run("-c", "from ui.settings import Settings; print(Settings().data_dir)")
    assert where.stdout.strip() == str(clone / "data"), where.stderr
    checked = run("-m", "ui.cli", "catalog", "check")
    assert "24575 loaded, 1 rejected" in checked.stdout, checked.stdout + checked.stderr
    assert "4344 loaded" in checked.stdout
    # the demo store's first sync, on a slice: 200 Vespa products written as a generic source
    sliced = tmp_path / "slice.jsonl"
    probe = run("-c", "import json; from pathlib import Path; from retrieval.loaders import demo_store_sources, "
                "load_catalog; c, _ = load_catalog(demo_store_sources(Path('data'))); "
                "print('\\n'.join(json.dumps({'id': p.id.split(':')[1], 'title': p.title, 'category': "
                "' > '.join(p.category)}) for p in list(c)[:200]))")  # fmt: skip
    sliced.write_text(probe.stdout)
    env["SHOPTALK_RETRIEVAL__SOURCES"] = json.dumps(
        [{"format": "generic", "path": str(sliced), "name": "v"}]
    )
    synced = run("-m", "ui.cli", "catalog", "sync")
    assert "200 added" in synced.stdout, synced.stdout + synced.stderr
    del env["SHOPTALK_RETRIEVAL__SOURCES"]
    tests = run(
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "tests/test_loaders.py",
        "tests/test_prices.py",
    )
    assert tests.returncode == 0 and " passed" in tests.stdout, tests.stdout[-3000:]
