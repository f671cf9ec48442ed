"""The indexed catalog on disk, and keeping it in step with the catalog files (`catalog sync`)."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from retrieval.catalog import Catalog, Product
from retrieval.embedders import Embedder, ProgressFn
from retrieval.errors import IndexNotReadyError
from retrieval.semantic import SemanticIndex
from retrieval.text import embedding_text
from retrieval.vector_cache import VectorCache, text_key

log = logging.getLogger(__name__)


class CatalogDB:
    """The products that are indexed, with the hashes that tell what changed since."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS products (id TEXT PRIMARY KEY, position INTEGER NOT NULL,"
            " content_hash TEXT NOT NULL, vector_key TEXT NOT NULL, body TEXT NOT NULL)"
        )

    def hashes(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT id, content_hash FROM products"))

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM products").fetchone()[0])

    def write(self, catalog: Catalog, vector_keys: Sequence[str], removed: Sequence[str]) -> None:
        """Store the catalog as indexed; rows of `removed` are deleted, others kept in place."""
        with self._db:
            self._db.executemany("DELETE FROM products WHERE id = ?", [(pid,) for pid in removed])
            self._db.executemany(
                "INSERT OR REPLACE INTO products (id, position, content_hash, vector_key, body)"
                " VALUES (?, ?, ?, ?, ?)",
                [
                    (p.id, i, p.content_hash(), key, p.model_dump_json())
                    for i, (p, key) in enumerate(zip(catalog, vector_keys, strict=True))
                ],
            )

    def load(self) -> tuple[Catalog, list[str]]:
        """The indexed catalog and each product's vector key, in catalog order."""
        rows = self._db.execute(
            "SELECT body, vector_key FROM products ORDER BY position, id"
        ).fetchall()
        if not rows:
            raise IndexNotReadyError(
                f"no indexed catalog in {self.path}; run `shoptalk catalog sync` (or start the "
                "server with `./scripts/serve.sh`, which syncs the demo store)"
            )
        return Catalog(Product.model_validate_json(body) for body, _ in rows), [k for _, k in rows]

    def close(self) -> None:
        self._db.close()


@dataclass(frozen=True)
class SyncReport:
    """What a sync changed, and how long it took."""

    added: int
    changed: int
    removed: int
    kept_removed: int
    unchanged: int
    embedded: int
    chroma_repaired: int
    seconds: float

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.changed} changed, {self.removed} removed"
            f"{f' ({self.kept_removed} removed from the files but kept)' if self.kept_removed else ''}, "
            f"{self.unchanged} unchanged; {self.embedded} texts embedded, "
            f"{self.chroma_repaired} vectors repaired in Chroma; {self.seconds:.1f} s"
        )


def chroma_metadata(product: Product) -> dict[str, Any]:
    """The few fields stored beside each vector, for people browsing the collection."""
    meta: dict[str, Any] = {"title": product.title[:200], "department": product.department}
    if product.price is not None:
        meta["price"] = float(product.price.amount)
    return meta


def sync_index(
    catalog: Catalog,
    db: CatalogDB,
    cache: VectorCache,
    embedder: Embedder,
    semantic: SemanticIndex,
    delete_removed: bool = True,
    progress: Callable[[int], ProgressFn] | None = None,
) -> SyncReport:
    """Bring the indexed catalog and the Chroma collection in step with `catalog`.

    Unchanged products cost a hash comparison; changed text is embedded once (the vector cache
    remembers every text it has seen), and Chroma is repaired if it lost vectors.
    """
    started = time.perf_counter()
    before = db.hashes()
    current = {p.id: p.content_hash() for p in catalog}
    added = [pid for pid in current if pid not in before]
    changed = [pid for pid in current if pid in before and before[pid] != current[pid]]
    gone = [pid for pid in before if pid not in current]
    if gone and not delete_removed:
        indexed, _ = db.load()
        kept = [indexed.get(pid) for pid in gone]
        catalog = Catalog([*catalog, *kept])
    catalog = catalog.by_department()  # searchers scan a department's vectors as one slice
    texts = [embedding_text(p) for p in catalog]
    vectors, embedded = cache.embed_cached(embedder, texts, progress=progress)
    keys = [text_key(embedder.name, t) for t in texts]

    in_chroma = semantic.ids()
    touched = set(added) | set(changed)
    upsert = [i for i, p in enumerate(catalog) if p.id in touched or p.id not in in_chroma]
    repaired = sum(1 for i in upsert if catalog.products[i].id not in touched)
    if upsert:
        semantic.upsert(
            [catalog.products[i].id for i in upsert],
            vectors[upsert],
            [chroma_metadata(catalog.products[i]) for i in upsert],
        )
    stale = sorted(in_chroma - set(catalog.ids))
    if stale:
        semantic.delete(stale)
    db.write(catalog, keys, gone if delete_removed else [])
    return SyncReport(
        added=len(added), changed=len(changed), removed=len(gone) if delete_removed else 0,
        kept_removed=0 if delete_removed else len(gone),
        unchanged=len(current) - len(added) - len(changed), embedded=embedded,
        chroma_repaired=repaired, seconds=time.perf_counter() - started,
    )  # fmt: skip


def load_vectors(cache: VectorCache, keys: Sequence[str], dim: int) -> np.ndarray:
    """The cached vectors for these keys, in order; a missing one means the index needs a sync."""
    found = cache.get_many(sorted(set(keys)))
    missing = [k for k in keys if k not in found]
    if missing:
        raise IndexNotReadyError(
            f"{len(missing)} product vectors are missing from the vector cache; run `shoptalk catalog sync`"
        )
    return np.stack([found[k] for k in keys]) if keys else np.zeros((0, dim), np.float32)
