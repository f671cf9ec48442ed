"""`POST /v1/embeddings` in OpenAI's wire format, so the OpenAI client and LangChain's OpenAI
embeddings work against ShopTalk unchanged. Vectors come from the retrieval embedder (ONNX by
default): the same vectors the catalog index holds."""

from __future__ import annotations

import base64
from typing import Annotated, Any, Literal

import numpy as np
from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from retrieval.embedders import Embedder
from ui.deps import services, shopper
from ui.errors import BadEmbeddingRequest, UnknownModelError, errors

MAX_INPUTS = 2048
MAX_CHARS = 20_000


class EmbeddingRequest(BaseModel):
    """OpenAI's embeddings request. Token-id input is refused with a hint (no tokenizer to decode it)."""

    model_config = ConfigDict(extra="forbid")

    input: str | Annotated[list[str], Field(min_length=1, max_length=MAX_INPUTS)] | list[int] | list[list[int]] = Field(
        description="A text or a list of texts (up to 2,048)"
    )  # fmt: skip
    model: str = Field(
        min_length=1, max_length=200, description="See GET /v1/models; e.g. 'all-MiniLM-L6-v2'"
    )
    encoding_format: Literal["float", "base64"] = Field(
        default="float", description="base64: little-endian float32"
    )
    dimensions: int | None = Field(
        default=None, ge=1, description="Must equal the model's dimension if given"
    )
    user: str | None = Field(default=None, max_length=200)

    @field_validator("input")
    @classmethod
    def _texts(cls, value: Any) -> Any:
        if isinstance(value, list) and value and not all(isinstance(v, str) for v in value):
            raise ValueError("token-id input is not supported: send the text itself "
                             "(LangChain: OpenAIEmbeddings(check_embedding_ctx_length=False))")  # fmt: skip
        texts = [value] if isinstance(value, str) else value
        for i, text in enumerate(texts):
            if not text.strip():
                raise ValueError(f"input[{i}] is empty; every input must contain text")
            if len(text) > MAX_CHARS:
                raise ValueError(f"input[{i}] has {len(text)} characters; the limit is {MAX_CHARS}")
        return value


class EmbeddingData(BaseModel):
    object: Literal["embedding"] = "embedding"
    index: int
    embedding: list[float] | str


class EmbeddingUsage(BaseModel):
    prompt_tokens: int
    total_tokens: int


class EmbeddingResponse(BaseModel):
    object: Literal["list"] = "list"
    data: list[EmbeddingData]
    model: str
    usage: EmbeddingUsage


class ModelCard(BaseModel):
    id: str
    object: Literal["model"] = "model"
    owned_by: str = "shoptalk"


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[ModelCard]


def model_names(embedder: Embedder, configured: str) -> list[str]:
    """Names a client may use for the embedder: the public model name, the setting, the cache id."""
    return list(dict.fromkeys(["all-MiniLM-L6-v2", configured, embedder.name]))


def embedder_of(request: Request) -> tuple[Embedder, list[str]]:
    """The index's embedder and the names a client may call it by."""
    svc = services(request)
    return svc.searcher.embedder, model_names(svc.searcher.embedder, svc.embedding_model)


def embed_response(
    embedder: Embedder, names: list[str], body: EmbeddingRequest
) -> EmbeddingResponse:
    """The OpenAI response for a request (pure apart from running the model)."""
    if body.model not in names:
        raise UnknownModelError(body.model, names)
    if body.dimensions is not None and body.dimensions != embedder.dim:
        raise BadEmbeddingRequest(
            f"dimensions={body.dimensions}: this model makes {embedder.dim}-dimensional vectors"
        )
    texts: list[str] = [body.input] if isinstance(body.input, str) else list(body.input)  # type: ignore[arg-type]
    vectors = (
        embedder.embed(texts, batch_size=64) if len(texts) > 1 else embedder.embed_batch(texts)
    )
    data = []
    for i, vector in enumerate(np.asarray(vectors, dtype="<f4")):
        value: list[float] | str = (base64.b64encode(vector.tobytes()).decode() if body.encoding_format == "base64"
                                    else vector.tolist())  # fmt: skip
        data.append(EmbeddingData(index=i, embedding=value))
    tokens = embedder.count_tokens(texts)
    return EmbeddingResponse(
        data=data, model=body.model, usage=EmbeddingUsage(prompt_tokens=tokens, total_tokens=tokens)
    )


router = APIRouter(tags=["embeddings"], dependencies=[shopper])


@router.post(
    "/v1/embeddings", response_model=EmbeddingResponse, responses=errors(401, 403, 404, 422)
)
def embeddings(request: Request, body: EmbeddingRequest) -> EmbeddingResponse:
    """Vectors for texts, in OpenAI's format (the OpenAI client works unchanged)."""
    embedder, names = embedder_of(request)
    return embed_response(embedder, names, body)


@router.get("/v1/models", response_model=ModelList)
def models(request: Request) -> ModelList:
    """The embedding models served (OpenAI's format)."""
    _, names = embedder_of(request)
    return ModelList(data=[ModelCard(id=n) for n in names])
