"""The main job for real: `shoptalk serve` as a process, indexing a catalog and answering HTTP."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import free_port, wait_for_http
from tests.test_cli import PRODUCTS


def test_serve_indexes_then_answers(tmp_path: Path, vllm_server: Any) -> None:
    """Index a new catalog and answer search and chat; the model is the session's vLLM server
    (`SHOPTALK_LLM__URL`), so the test neither prepares the model again nor starts a second one."""
    store = tmp_path / "store.jsonl"
    store.write_text("\n".join(json.dumps(p) for p in PRODUCTS) + "\n")
    port = free_port()
    env = {
        **os.environ,
        "SHOPTALK_HOME": str(tmp_path / "home"),
        "SHOPTALK_RETRIEVAL__SOURCES": json.dumps(
            [{"format": "generic", "path": str(store), "name": "s"}]
        ),
        "SHOPTALK_LLM__URL": vllm_server.url,
        "SHOPTALK_LLM__SERVED_MODEL": vllm_server.served_name,
    }
    log = (tmp_path / "serve.log").open("w")
    shoptalk = Path(sys.executable).parent / "shoptalk"
    proc = subprocess.Popen(
        [str(shoptalk), "serve", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/healthz", proc, tmp_path / "serve.log", timeout=180)
        assert httpx.get(f"{base}/healthz").json()["products"] == len(PRODUCTS)
        hits = httpx.get(f"{base}/v1/search", params={"q": "underwater torch", "k": 2}).json()[
            "hits"
        ]
        assert hits[0]["product"]["id"] == "s:b3"
        assert "4 added" in (tmp_path / "serve.log").read_text()
        chat = httpx.post(
            f"{base}/v1/chat", json={"message": "an underwater torch for diving"}, timeout=180
        )
        assert chat.status_code == 200, chat.text
        assert chat.json()["cards"][0]["product"]["id"] == "s:b3"
    finally:
        proc.terminate()
        proc.wait(20)
