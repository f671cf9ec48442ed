"""The chat-backend contract, run against a real vLLM server (started once per test session) and
the in-process transformers backend, with the real default model prepared from PyPI."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel

from assistant.errors import LLMUnavailable
from assistant.llm import ChatMessage, LLMBackend, TransformersBackend, VLLMBackend
from assistant.server import LocalVLLMServer
from tests.conftest import free_port

pytestmark = pytest.mark.slow


class Query(BaseModel):
    need: str
    max_price: float | None
    department: (
        Literal["Toys & Games", "Musical Instruments", "Kindle Store", "Industrial & Scientific"]
        | None
    )


@pytest.fixture(scope="session", params=["vllm", "transformers"])
def backend(request: pytest.FixtureRequest, model_path: Path) -> LLMBackend:
    if request.param == "vllm":
        server = request.getfixturevalue("vllm_server")
        return VLLMBackend(server.url, server.served_name, timeout=120)
    return TransformersBackend(model_path, threads=2)


MESSAGES = [
    ChatMessage(role="system", content="Extract the shopper's request as JSON."),
    ChatMessage(role="user", content="a ukulele for my kid, less than 40 dollars"),
]


def test_structured_output_always_fits_the_schema(backend: LLMBackend) -> None:
    query = backend.structured(MESSAGES, Query, max_tokens=80)
    assert isinstance(query, Query) and query.need


def test_streaming_yields_pieces_that_make_the_answer(backend: LLMBackend) -> None:
    prompt = [ChatMessage(role="user", content="Greet a shopper in one short sentence.")]
    pieces = list(backend.stream(prompt, max_tokens=24))
    assert len(pieces) >= 2 and "".join(pieces).strip()


def test_local_server_is_reused_not_started_twice(
    vllm_server: LocalVLLMServer, model_path: Path
) -> None:
    again = LocalVLLMServer(model_path, port=vllm_server.port, log_path=vllm_server.log_path)
    said: list[str] = []
    assert again.start(timeout=5, say=said.append) == vllm_server.url
    assert said and "reusing" in said[0]


def test_unreachable_server_is_a_named_failure() -> None:
    dead = VLLMBackend(f"http://127.0.0.1:{free_port()}", "shoptalk-llm", timeout=2)
    with pytest.raises(LLMUnavailable, match="failed"):
        dead.generate([ChatMessage(role="user", content="hi")], max_tokens=4)


def test_a_server_with_another_model_on_the_port_is_refused(
    vllm_server: LocalVLLMServer, tmp_path: Path
) -> None:
    """A server left on the port (say, by a test, with its model in a temporary folder) is not
    reused for another model folder: the error says what is there and how to choose a port."""
    other = LocalVLLMServer(tmp_path / "another-model", port=vllm_server.port)
    with pytest.raises(LLMUnavailable) as refused:
        other.start(timeout=5, say=lambda m: None)
    assert str(vllm_server.model_path) in str(refused.value)
    assert "SHOPTALK_LLM__PORT" in str(refused.value)
