"""A local vLLM server that ShopTalk starts itself when no vLLM URL is configured: it reuses one
already answering on the port, waits for readiness with progress, and stops what it started."""

from __future__ import annotations

import atexit
import os
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from assistant.config import LLMConfig
from assistant.errors import LLMUnavailable
from assistant.llm import LLMBackend, cpu_dtype

ROOT = Path(__file__).resolve().parents[1]


def _all_cores() -> str:
    """The cores this process may run on, as vLLM's thread-binding list ("0-1", "0,2,5")."""
    cores = sorted(os.sched_getaffinity(0))
    if cores == list(range(cores[0], cores[-1] + 1)):
        return f"{cores[0]}-{cores[-1]}"
    return ",".join(str(c) for c in cores)


class LocalVLLMServer:
    """`python -m vllm.entrypoints.openai.api_server` from the vLLM environment (`scripts/vllm-venv.sh`)."""

    def __init__(
        self, model_path: Path, port: int = 8901, served_name: str = "shoptalk-llm",
        venv: Path = ROOT / ".venv-vllm", log_path: Path | None = None, max_model_len: int = 4096,
    ) -> None:  # fmt: skip
        self.model_path = model_path
        self.port = port
        self.served_name = served_name
        self.venv = venv
        self.log_path = log_path or model_path.parent / f"vllm-{port}.log"
        self.max_model_len = max_model_len
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def healthy(self) -> bool:
        try:
            return httpx.get(f"{self.url}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def served(self) -> list[tuple[str, str]]:
        """What the server on our port serves: (name, model folder) per model; [] if none answers."""
        try:
            models = httpx.get(f"{self.url}/v1/models", timeout=2).json()
        except (httpx.HTTPError, ValueError):
            return []
        return [(str(m.get("id")), str(m.get("root"))) for m in models.get("data", [])]

    def serves_our_model(self) -> bool:
        """The server on our port serves our model folder under our name (not just the name: a
        server left behind by a test serves a model from a temporary folder under the same name)."""
        ours = self.model_path.resolve()
        return any(
            name == self.served_name and Path(root).resolve() == ours
            for name, root in self.served()
        )

    def start(self, timeout: float = 600.0, say: Callable[[str], None] = print) -> str:
        """Reuse a server already serving our model, or start one and wait until ready. Another
        server on the port is an error that says what is there and how to choose another port."""
        if self.healthy():
            if self.serves_our_model():
                say(f"reusing the vLLM server at {self.url}")
                return self.url
            raise LLMUnavailable(
                f"port {self.port} already has a server that serves "
                f"{', '.join(f'{n} ({r})' for n, r in self.served()) or 'no model we can see'}, "
                f"not {self.served_name} ({self.model_path}); stop it, or choose another port "
                "with SHOPTALK_LLM__PORT (or use it as is with SHOPTALK_LLM__URL)"
            )
        python = self.venv / "bin" / "python"
        if not python.is_file():
            subprocess.run([str(ROOT / "scripts" / "vllm-venv.sh")], check=True)
        command = [
            str(python), "-m", "vllm.entrypoints.openai.api_server", "--model", str(self.model_path),
            "--served-model-name", self.served_name, "--host", "127.0.0.1", "--port", str(self.port),
            "--max-model-len", str(self.max_model_len), "--dtype", cpu_dtype(), "--enforce-eager",
            # Compact JSON: given leave to write whitespace between fields, the small model wrote
            # blank lines until its token budget ran out (seen in CI: `{"need": "ukulele",` ...).
            "--structured-outputs-config", '{"backend": "xgrammar", "disable_any_whitespace": true}',
            # Tool calls in Qwen's (Hermes) format, for agents given ShopTalk's MCP tools.
            "--enable-auto-tool-choice", "--tool-call-parser", "hermes",
        ]  # fmt: skip
        env = {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "VLLM_CPU_KVCACHE_SPACE": os.environ.get("VLLM_CPU_KVCACHE_SPACE", "2"),
            # vLLM's CPU backend keeps one core free by default; on a small machine that halves
            # generation speed (2 cores: 6 s instead of 10 s for a 276-token prompt + 40 tokens).
            "VLLM_CPU_OMP_THREADS_BIND": os.environ.get("VLLM_CPU_OMP_THREADS_BIND", _all_cores()),
        }
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log = self.log_path.open("ab")
        self._proc = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
        atexit.register(self.stop)
        started = time.time()
        last_said = 0.0
        while time.time() - started < timeout:
            if self._proc.poll() is not None:
                raise LLMUnavailable(
                    f"vLLM exited with {self._proc.returncode} while starting; see {self.log_path}"
                )
            if self.healthy():
                say(f"vLLM ready at {self.url} after {time.time() - started:.0f} s")
                return self.url
            if time.time() - last_said > 15:
                say(
                    f"waiting for vLLM to load {self.model_path.name} ({time.time() - started:.0f} s; log {self.log_path})"
                )
                last_said = time.time()
            time.sleep(1)
        self.stop()
        raise LLMUnavailable(
            f"vLLM did not become ready within {timeout:.0f} s; see {self.log_path}"
        )

    def stop(self) -> None:
        """Stop the server if this object started it."""
        if self._proc is not None and self._proc.poll() is None:
            os.killpg(self._proc.pid, 15)
            try:
                self._proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self._proc.pid, 9)
        self._proc = None


def open_llm(
    config: LLMConfig, models_dir: Path, say: Callable[[str], None] = print
) -> tuple[LLMBackend | None, LocalVLLMServer | None]:
    """The configured chat backend, and the local vLLM server if ShopTalk had to start one."""
    from assistant.llm import TransformersBackend, VLLMBackend
    from assistant.model_prep import prepare_model

    if config.backend == "none":
        return None, None
    if config.backend == "vllm" and config.url:
        return VLLMBackend(config.url, config.served_model, config.api_key, config.timeout), None
    path = config.model_path or prepare_model(config.size, models_dir, say=say)
    if config.backend == "transformers":
        return TransformersBackend(path), None
    server = LocalVLLMServer(path, port=config.port, served_name=config.served_model)
    server.start(say=say)
    return VLLMBackend(server.url, server.served_name, config.api_key, config.timeout), server
