"""Chat backends: one core method (`stream`), the conveniences built on it, and two implementations
registered the same way: any vLLM OpenAI-compatible server over HTTP, and in-process transformers."""

from __future__ import annotations

import json
import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.errors import LLMUnavailable

T = TypeVar("T", bound=BaseModel)


class ChatMessage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    role: Literal["system", "user", "assistant"]
    content: str


class LLMBackend(ABC):
    """A chat model. Implementations provide `stream`; everything else is built on it."""

    name: str = "llm"

    @abstractmethod
    def stream(
        self, messages: Sequence[ChatMessage], max_tokens: int = 256, temperature: float = 0.0,
        json_schema: dict[str, Any] | None = None,
    ) -> Iterator[str]:  # fmt: skip
        """Text pieces as they are generated; with `json_schema`, the whole text is valid JSON for it.
        A last message from the assistant is the answer's beginning: the model continues it (the
        pieces do not repeat it)."""

    def generate(self, messages: Sequence[ChatMessage], max_tokens: int = 256, temperature: float = 0.0,
                 json_schema: dict[str, Any] | None = None) -> str:  # fmt: skip
        return "".join(self.stream(messages, max_tokens, temperature, json_schema))

    def structured(
        self, messages: Sequence[ChatMessage], schema: type[T], max_tokens: int = 256
    ) -> T:
        """A pydantic object generated under its JSON schema (constrained decoding)."""
        text = self.generate(messages, max_tokens, 0.0, schema.model_json_schema())
        try:
            return schema.model_validate_json(text)
        except ValidationError as exc:
            raise LLMUnavailable(
                f"{self.name} returned output that does not fit {schema.__name__}: {exc}"
            ) from exc


def structured_body(json_schema: dict[str, Any] | None) -> dict[str, Any]:
    """The request options that make a vLLM server decode under `json_schema` (none for None).
    The servers ShopTalk starts also decode JSON without free whitespace (`LocalVLLMServer`)."""
    if json_schema is None:
        return {}
    return {"extra_body": {"structured_outputs": {"json": json_schema}}}


class VLLMBackend(LLMBackend):
    """Any vLLM OpenAI-compatible server (structured output through vLLM's `structured_outputs`)."""

    name = "vllm"

    def __init__(
        self, base_url: str, model: str, api_key: str | None = None, timeout: float = 60.0
    ) -> None:
        from openai import OpenAI

        self.base_url = base_url.rstrip("/")
        self.model = model
        self._client = OpenAI(
            base_url=f"{self.base_url}/v1",
            api_key=api_key or "not-needed",
            timeout=timeout,
            max_retries=0,
        )

    def stream(
        self, messages: Sequence[ChatMessage], max_tokens: int = 256, temperature: float = 0.0,
        json_schema: dict[str, Any] | None = None,
    ) -> Iterator[str]:  # fmt: skip
        import openai

        extra = structured_body(json_schema)
        if (
            messages and messages[-1].role == "assistant"
        ):  # the answer's start is given: continue it
            extra.setdefault("extra_body", {}).update(
                add_generation_prompt=False, continue_final_message=True
            )
        try:
            chunks = self._client.chat.completions.create(
                model=self.model, messages=[m.model_dump() for m in messages],  # type: ignore[misc]
                max_tokens=max_tokens, temperature=temperature, stream=True, **extra,
            )  # fmt: skip
            with cast(
                Any, chunks
            ):  # closing the generator closes the response: vLLM aborts the request
                for chunk in chunks:
                    choices = getattr(chunk, "choices", None)
                    if choices and choices[0].delta.content:
                        yield choices[0].delta.content
        except openai.APIError as exc:
            raise LLMUnavailable(f"the vLLM server at {self.base_url} failed: {exc}") from exc


def cpu_dtype(flags_path: Path = Path("/proc/cpuinfo")) -> str:
    """bfloat16 where the CPU computes in it (AVX512-BF16, AMX); float32 elsewhere. On an AVX2-only
    CPU, bf16 matrix products are emulated: a 250-token prompt took 10 s to read in bf16 and 1.7 s
    in float32 (decoding is slower in float32, 0.24 s against 0.11 s a token, but reading the
    prompt dominates a turn); see the README's model section."""
    try:
        flags = flags_path.read_text()
    except OSError:
        return "bfloat16"
    return "bfloat16" if re.search(r"\b(?:avx512_bf16|amx_bf16)\b", flags) else "float32"


class TransformersBackend(LLMBackend):
    """In-process transformers: the fallback where vLLM cannot be installed. Slower, same contract;
    JSON-schema output is enforced token by token with lm-format-enforcer."""

    name = "transformers"

    def __init__(self, model_path: Path, threads: int | None = None) -> None:
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if threads:
            torch.set_num_threads(threads)
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_path))
        self.model = AutoModelForCausalLM.from_pretrained(
            str(model_path), dtype=getattr(torch, cpu_dtype())
        ).eval()
        self._lock = threading.Lock()  # one generation at a time on this process's model
        self._token_data: Any = None

    def _token_table(self) -> Any:
        """lm-format-enforcer's view of the vocabulary (its own transformers adapter predates
        transformers 5, so the table is built here the same way: each token decoded after '0' to
        see whether it starts a word)."""
        if self._token_data is None:
            from lmformatenforcer.tokenenforcer import TokenEnforcerTokenizerData

            tok = self.tokenizer
            zero = tok.encode("0")[-1]
            special = set(tok.all_special_ids)
            regular = []
            for idx in range(len(tok)):
                if idx in special:
                    continue
                after_zero = tok.decode([zero, idx])[1:]
                regular.append((idx, after_zero, len(after_zero) > len(tok.decode([idx]))))
            self._token_data = TokenEnforcerTokenizerData(
                regular,
                lambda ids: str(tok.decode(ids)).rstrip("\ufffd"),
                tok.eos_token_id,
                False,
                len(tok),
            )
        return self._token_data

    def _constraint(self, json_schema: dict[str, Any] | None) -> Callable[..., list[int]] | None:
        if json_schema is None:
            return None
        from lmformatenforcer import JsonSchemaParser, TokenEnforcer

        enforcer = TokenEnforcer(self._token_table(), JsonSchemaParser(json_schema))
        return lambda _batch, sentence: list(
            enforcer.get_allowed_tokens(sentence.tolist()).allowed_tokens
        )

    def stream(
        self, messages: Sequence[ChatMessage], max_tokens: int = 256, temperature: float = 0.0,
        json_schema: dict[str, Any] | None = None,
    ) -> Iterator[str]:  # fmt: skip
        from transformers import TextIteratorStreamer

        prefix = bool(messages) and messages[-1].role == "assistant"  # continue the given start
        prompt = self.tokenizer.apply_chat_template(
            [m.model_dump() for m in messages], tokenize=False, add_generation_prompt=not prefix,
            continue_final_message=prefix,
        )  # fmt: skip
        inputs = self.tokenizer(prompt, return_tensors="pt")
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        kwargs: dict[str, Any] = dict(**inputs, max_new_tokens=max_tokens, streamer=streamer,
                                      do_sample=temperature > 0, prefix_allowed_tokens_fn=self._constraint(json_schema))  # fmt: skip
        if temperature > 0:
            kwargs["temperature"] = temperature
        errors: list[BaseException] = []

        def run() -> None:
            try:
                with self._lock:
                    self.model.generate(**kwargs)
            except BaseException as exc:  # surfaced to the caller below, not swallowed
                errors.append(exc)
                streamer.end()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        yield from streamer
        thread.join()
        if errors:
            raise LLMUnavailable(f"in-process generation failed: {errors[0]}") from errors[0]


def parse_json(text: str) -> Any:
    """JSON from model output, with a clear error."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LLMUnavailable(f"model output is not JSON ({exc.msg}): {text[:200]!r}") from exc
