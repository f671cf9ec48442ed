"""A SQLite cache of vectors keyed by (embedder, text), so unchanged text is never embedded twice."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from retrieval.embedders import Embedder, ProgressFn


def text_key(embedder_name: str, text: str) -> str:
    """The cache key of one text under one embedder."""
    return hashlib.sha256(f"{embedder_name}\0{text}".encode()).hexdigest()[:32]


class VectorCache:
    """Vectors on disk; `embed_cached` embeds only the texts it has not seen."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)"
        )
        # One connection serves every thread (a background build writes while requests read):
        # one statement or transaction at a time.
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 900):
            chunk = list(keys[start : start + 900])
            marks = ",".join("?" * len(chunk))
            with self._lock:
                got = self._db.execute(
                    f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk
                ).fetchall()
            for key, blob in got:
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: Sequence[tuple[str, np.ndarray]]) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items],
            )

    def embed_cached(
        self,
        embedder: Embedder,
        texts: Sequence[str],
        progress: Callable[[int], ProgressFn] | None = None,
        batch_size: int = 64,
    ) -> tuple[np.ndarray, int]:
        """Vectors for all texts and how many had to be embedded now.

        `progress(total)` is called once with the number of texts to embed and returns a callback
        that is told how many were done after each batch.
        """
        keys = [text_key(embedder.name, t) for t in texts]
        found = self.get_many(sorted(set(keys)))
        missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in found}.items())
        if missing:
            tick = progress(len(missing)) if progress else None
            # Commit every few thousand so an interrupted cold build keeps what it did.
            step = 4096
            for start in range(0, len(missing), step):
                part = missing[start : start + step]
                vectors = embedder.embed([t for _, t in part], batch_size=batch_size, progress=tick)
                pairs = [(k, v) for (k, _), v in zip(part, vectors, strict=True)]
                self.put_many(pairs)
                found.update(pairs)
        out = (
            np.stack([found[k] for k in keys]) if keys else np.zeros((0, embedder.dim), np.float32)
        )
        return out, len(missing)

    def close(self) -> None:
        self._db.close()
