"""Versioned ranker artifacts and the catalog they were trained on."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from ranking.models.base import Recommender
from ranking.models.blend import LearnedBlend
from ranking.rerank import PersonalReranker
from retrieval.catalog import Catalog


def catalog_fingerprint(catalog: Catalog) -> str:
    """Identifies the catalog's rows in order: a model scores rows, so it only fits this one."""
    import hashlib

    return hashlib.sha256("\n".join(catalog.ids).encode()).hexdigest()[:16]


class ModelRegistry:
    """Versioned ranker artifacts: `<dir>/<version>/{model.pkl, meta.json}`, `reranker.pkl` when
    the learned search reranker won its held-out test, and `<dir>/LATEST`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def latest_version(self) -> str | None:
        latest = self.folder / "LATEST"
        return latest.read_text().strip() if latest.is_file() else None

    def publish(
        self, version: str, model: Recommender, meta: Mapping[str, object],
        reranker: PersonalReranker | None = None,
    ) -> Path:  # fmt: skip
        target = self.folder / version
        model.save(target / "model.pkl")
        if reranker is not None:
            reranker.save(target / "reranker.pkl")
        (target / "meta.json").write_text(json.dumps(meta, indent=2, default=str))
        tmp = self.folder / "LATEST.tmp"
        tmp.write_text(version)
        tmp.replace(self.folder / "LATEST")  # atomic: a reader sees the old or the new version
        return target

    def load(self, version: str) -> tuple[Recommender, dict[str, object]]:
        folder = self.folder / version
        return Recommender.load(folder / "model.pkl"), json.loads(
            (folder / "meta.json").read_text()
        )

    def load_reranker(self, version: str, behaviour: Recommender) -> PersonalReranker | None:
        """The version's learned search reranker, or None if it was not published with one."""
        path = self.folder / version / "reranker.pkl"
        if not path.is_file() or not isinstance(behaviour, LearnedBlend):
            return None
        return PersonalReranker.load(path, behaviour)
