#!/usr/bin/env bash
# Starts ShopTalk's main job: indexes the demo store if needed, then serves the API.
# Extra arguments go to `shoptalk serve` (see --help).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/bootstrap.sh"
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False ANONYMIZED_TELEMETRY=False
cd "$ROOT"
exec "$ROOT/.venv/bin/shoptalk" serve "$@"
