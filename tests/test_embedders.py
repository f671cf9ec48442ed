"""The embedder contract, run against every backend with the real bundled model."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.embedders import Embedder

TEXTS = [
    "waterproof hiking boots for wide feet",
    "acoustic guitar strings, light gauge",
    "trail shoes for mountain walking in the rain",
]


@pytest.fixture(params=["onnx", "torch"])
def embedder(request: pytest.FixtureRequest) -> Embedder:
    return request.getfixturevalue(f"{request.param}_embedder")  # type: ignore[no-any-return]


def test_vectors_are_unit_length_with_the_model_dimension(embedder: Embedder) -> None:
    vectors = embedder.embed_batch(TEXTS)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)


def test_similar_meaning_is_closer_than_unrelated(embedder: Embedder) -> None:
    boots, strings, shoes = embedder.embed_batch(TEXTS)
    assert boots @ shoes > boots @ strings + 0.1


def test_batching_does_not_change_vectors(embedder: Embedder) -> None:
    alone = np.stack([embedder.embed_query(t) for t in TEXTS])
    batched = embedder.embed(TEXTS, batch_size=2)
    assert np.allclose(alone, batched, atol=1e-4)


def test_progress_is_reported_per_batch(embedder: Embedder) -> None:
    done: list[int] = []
    embedder.embed(TEXTS * 3, batch_size=4, progress=done.append)
    assert done == [4, 4, 1]


def test_onnx_export_matches_sentence_transformers(
    onnx_embedder: Embedder, torch_embedder: Embedder
) -> None:
    long_text = " ".join(TEXTS * 30)  # past the 128-token truncation
    a = onnx_embedder.embed_batch([*TEXTS, long_text])
    b = torch_embedder.embed_batch([*TEXTS, long_text])
    assert onnx_embedder.name == torch_embedder.name, "same vectors, so the same cache key"
    assert np.min(np.sum(a * b, axis=1)) > 0.999
