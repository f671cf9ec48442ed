#!/usr/bin/env bash
# Runs the whole ShopTalk test suite (installs what it needs first). Extra arguments go to pytest,
# e.g. ./scripts/test.sh -m "not slow" for the quick run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/bootstrap.sh"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False ANONYMIZED_TELEMETRY=False
cd "$ROOT"
exec "$ROOT/.venv/bin/python" -m pytest "$@"
