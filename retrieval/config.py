"""The retrieval section of ShopTalk's settings."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from retrieval.loaders import CatalogSource


class RetrievalConfig(BaseModel):
    """Where the catalog comes from, how it is embedded and indexed, and how search fuses."""

    model_config = ConfigDict(extra="forbid")

    sources: list[CatalogSource] | None = Field(
        default=None, description="Catalog files; None means the bundled demo store"
    )
    embedding_backend: Literal["onnx", "torch"] | str = Field(
        default="onnx", description="Embedder backend name (see retrieval.embedders)"
    )
    embedding_model: str = Field(
        default="minilm", description="'minilm' (bundled) or a sentence-transformers folder"
    )
    embedding_max_tokens: int = Field(
        default=128, ge=8, le=512, description="Product text is truncated to this many tokens"
    )
    embedding_threads: int | None = Field(default=None, ge=1, description="None: all cores")
    chroma_url: str | None = Field(
        default=None, description="Chroma server, e.g. http://127.0.0.1:8001; None: embedded"
    )
    collection: str = Field(default="shoptalk-products", description="Chroma collection prefix")
    candidates: int = Field(default=100, ge=10, le=2000, description="Per-retriever candidates")
    fusion: Literal["tm2c2", "convex", "rrf"] = Field(
        default="convex", description="Score fusion of lexical and semantic (see README)"
    )
    alpha: float = Field(default=0.5, ge=0, le=1, description="Weight of semantic in convex fusion")
    multilingual: bool = Field(
        default=True,
        description="Search requests in other languages with multilingual-e5-small over titles "
        "(built once, in the background, by `serve`; or by `catalog sync --multilingual`)",
    )
    multilingual_alpha: float = Field(
        default=0.8, ge=0, le=1, description="Weight of semantic in fusion for those requests"
    )
    multilingual_threads: int = Field(
        default=1, ge=1, description="Cores the background multilingual build may use"
    )

    def resolved_sources(self, data_dir: Path) -> list[CatalogSource]:
        from retrieval.loaders import demo_store_sources

        return self.sources if self.sources is not None else demo_store_sources(data_dir)
