"""The service runs each FAISS search on one OpenMP thread, on the worker threads that run requests
(OpenMP's count is per thread: set on the main thread alone, the workers kept one per core), unless
OMP_NUM_THREADS says otherwise. Real subprocesses, real anyio worker threads."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = """
import types, anyio, faiss
from askbot.api import deps
from askbot.api.server import limit_search_threads
limit_search_threads()
req = types.SimpleNamespace(app=types.SimpleNamespace(state=types.SimpleNamespace(work_limiter=anyio.CapacityLimiter(4))))
async def main():
    return await deps.run(req, faiss.omp_get_max_threads)
print(faiss.omp_get_max_threads(), anyio.run(main))
"""


def threads(**env) -> list[int]:
    base = {k: v for k, v in os.environ.items() if k != "OMP_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", CODE], env={**base, **env}, capture_output=True, text=True, check=True)
    return [int(x) for x in out.stdout.split()]


def test_one_search_thread_on_the_request_threads():
    assert threads() == [1, 1]  # the main thread and a worker thread running engine work


def test_omp_num_threads_wins():
    assert threads(OMP_NUM_THREADS="2") == [2, 2]
