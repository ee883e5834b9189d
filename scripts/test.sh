#!/usr/bin/env bash
# Install everything, then run the whole test suite (real model, real FAISS, real HTTP on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh
exec .venv/bin/python -m pytest -q "$@"
