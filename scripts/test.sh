#!/usr/bin/env bash
# Install everything, then run the whole test suite (real model, real FAISS, real HTTP on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
# The run's tmp dirs peak near 2.5 GB (model exports, copied caches). A full disk shows up as setup
# errors far from their cause, so say up front how much there is.
df -Pm "${TMPDIR:-/tmp}" | awk -v dir="${TMPDIR:-/tmp}" 'NR == 2 { printf "disk: %.1f GB free under %s%s\n", $4 / 1024, dir,
    ($4 < 2560 ? " (WARNING: the suite needs about 2.5 GB there)" : "") }'
exec .venv/bin/python -m pytest -q "$@"
