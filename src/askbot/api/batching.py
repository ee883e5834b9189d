"""Coalesce concurrent query encodes into batches, first come first served, a few encodes at once.

Encoding one short query on 2 cores costs about as much as encoding several together, so under
concurrent load the service encodes whatever queued while the previous batch ran. Up to
``workers`` callers encode at once (onnxruntime: one thread per run, so 2 on 2 cores; torch: 1),
each taking the oldest queued questions, so no question waits behind later ones (a bare
``threading.Lock`` is unfair: p95 1.5 s at p50 45 ms). A lone request is encoded at once, and
a question already in the Embedder's LRU cache is not encoded at all. It wraps the Embedder the
engine would load and is handed to `Engine.load(..., model=...)`, so every build shares it.
"""

from __future__ import annotations

import threading
from collections import deque

import numpy as np


class _Slot:
    __slots__ = ("text", "vector", "error", "done")

    def __init__(self, text: str):
        self.text, self.vector, self.error, self.done = text, None, None, False


class BatchingEmbedder:
    """The Embedder interface the engine uses (model_id, dims, encode_query), batched."""

    def __init__(self, embedder, max_batch: int = 32, workers: int = 0):
        self.inner = embedder
        self.model = embedder.model
        self.model_id = embedder.model_id
        self.dims = embedder.dims
        self.record = getattr(embedder, "record", None)
        self.cache = getattr(embedder, "cache", None)
        torch = getattr(embedder, "encoder", "torch") == "torch"
        self.max_batch = max_batch if max_batch > 0 else (32 if torch else 1)
        self.workers = workers or (1 if torch else 2)
        self._queue: deque[_Slot] = deque()
        self._cond = threading.Condition()
        self._active = 0
        self.batches = 0  # how many encodes ran, and how many queries they held (for tests/benchmarks)
        self.queries = 0

    def encode_query(self, text: str) -> np.ndarray:
        cached = self.cache.get(text) if self.cache is not None else None
        if cached is not None:
            return cached
        slot = _Slot(text)
        with self._cond:
            self._queue.append(slot)
            while True:
                # wait while all encoders are busy, or our question is in a batch another caller runs
                while not slot.done and (self._active >= self.workers or not self._queue):
                    self._cond.wait()
                if slot.done:
                    break
                batch = [self._queue.popleft() for _ in range(min(self.max_batch, len(self._queue)))]
                self._active += 1
                self._cond.release()
                try:
                    self._run(batch)
                finally:
                    self._cond.acquire()
                    self._active -= 1
                    self._cond.notify_all()
        if slot.error is not None:
            raise slot.error
        return slot.vector

    def _run(self, batch: list[_Slot]) -> None:
        try:
            vectors = self.model.encode_queries([s.text for s in batch])
        except Exception as exc:  # every caller in the batch gets the error
            for s in batch:
                s.error, s.done = exc, True
            return
        self.batches += 1
        self.queries += len(batch)
        for s, v in zip(batch, vectors):
            s.vector = self.cache.put(s.text, v) if self.cache is not None else v
            s.done = True

    def encode_passages(self, texts, progress: bool = False):
        return self.inner.encode_passages(texts, progress=progress)
