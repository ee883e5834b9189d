"""FAISS's OpenMP threads per search, for the service: one, on every thread that runs engine work.

OpenMP's thread count is per calling thread: ``faiss.omp_set_num_threads`` on the main thread leaves
the worker threads that run requests at one OpenMP thread per core. So the count is set where the
work runs (`call`, which `deps.run` wraps around engine work). Measured (bench/README.md): a k=400
scan over 10,000 passages took 28.5 ms with faiss's default under other load, 3.6 ms on one thread,
with the same hits; requests already run on threads of their own (faiss lets go of the GIL), so the
2 cores are used by 2 searches. ``OMP_NUM_THREADS`` in the environment leaves faiss's default alone.
"""

from __future__ import annotations

import os
from typing import Any, Callable, TypeVar

T = TypeVar("T")
_wanted: int | None = None


def limit_search_threads(threads: int = 1) -> None:
    """From now on, `call` runs work with `threads` OpenMP threads (and this thread does too)."""
    global _wanted
    if "OMP_NUM_THREADS" in os.environ:
        return
    _wanted = threads
    _apply()


def _apply() -> None:
    import faiss

    if faiss.omp_get_max_threads() != _wanted:
        faiss.omp_set_num_threads(_wanted)


def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """fn(*args, **kwargs) on this thread, with the search thread count set for it first."""
    if _wanted is not None:
        _apply()
    return fn(*args, **kwargs)
