"""Coalesce concurrent query encodes into one batch (leader/follower, no timer, no added latency).

Encoding one short query on 2 cores costs about as much as encoding eight together, so under
concurrent load the service encodes whatever queued while the previous batch ran. A lone
request is encoded at once, exactly as before. It wraps the Embedder the engine would load and
is handed to `Engine.load(..., model=...)`, so every build the service loads shares it.
"""

from __future__ import annotations

import threading

import numpy as np


class _Slot:
    __slots__ = ("text", "vector", "error", "done")

    def __init__(self, text: str):
        self.text, self.vector, self.error, self.done = text, None, None, False


class BatchingEmbedder:
    """The Embedder interface the engine uses (model_id, dims, encode_query), batched."""

    def __init__(self, embedder, max_batch: int = 32):
        self.inner = embedder
        self.model = embedder.model
        self.model_id = embedder.model_id
        self.dims = embedder.dims
        self.max_batch = max_batch
        self._queue: list[_Slot] = []
        self._queue_lock = threading.Lock()
        self._encode_lock = threading.Lock()
        self.batches = 0  # how many encodes ran, and how many queries they held (for tests/benchmarks)
        self.queries = 0

    def encode_query(self, text: str) -> np.ndarray:
        slot = _Slot(text)
        with self._queue_lock:
            self._queue.append(slot)
        while not slot.done:
            with self._encode_lock:  # followers wait here while a leader encodes their query
                if slot.done:
                    break
                with self._queue_lock:
                    batch, self._queue = self._queue[: self.max_batch], self._queue[self.max_batch:]
                self._run(batch)
        if slot.error is not None:
            raise slot.error
        return slot.vector

    def _run(self, batch: list[_Slot]) -> None:
        from askbot.model import encode_queries

        try:
            vectors = encode_queries(self.model, [s.text for s in batch])
        except Exception as exc:  # every caller in the batch gets the error
            for s in batch:
                s.error, s.done = exc, True
            return
        self.batches += 1
        self.queries += len(batch)
        for s, v in zip(batch, vectors):
            s.vector, s.done = v, True

    def encode_passages(self, texts, progress: bool = False):
        return self.inner.encode_passages(texts, progress=progress)
