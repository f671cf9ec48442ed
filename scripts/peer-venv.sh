#!/usr/bin/env bash
# Creates .venv-recbole: RecBole 1.2.1 (the SASRec peer of `shoptalk bench ranker`) needs older
# numpy/pandas/scipy than the app, so it gets its own environment. Idempotent.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv-recbole"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
STAMP="$VENV/.installed-v1"
[ -f "$STAMP" ] && exit 0
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check torch==2.13.0
"$VENV/bin/pip" install --quiet --disable-pip-version-check "recbole==1.2.1" "numpy==1.26.4" \
  "pandas==2.1.4" "scipy==1.11.4" "setuptools<70" "ray<2.10" thop tabulate
touch "$STAMP"
