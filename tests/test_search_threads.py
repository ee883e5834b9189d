"""`askbot serve` runs each FAISS search on one OpenMP thread (requests already run on threads of
their own), unless OMP_NUM_THREADS says otherwise: checked in real subprocesses."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = "import faiss; from askbot.api.server import limit_search_threads; limit_search_threads(); print(faiss.omp_get_max_threads())"


def threads(**env) -> int:
    base = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", CODE], env={**base, **env}, capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


def test_one_search_thread_unless_told_otherwise():
    assert threads() == 1
    assert threads(OMP_NUM_THREADS="2") == 2
