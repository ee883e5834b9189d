"""The Embedder: the loaded model behind one small interface (load once, share)."""

from __future__ import annotations

import threading

import numpy as np

from askbot.settings import Settings


class Embedder:
    """The sentence-transformers model with e5's query/passage prefixes; load once, share."""

    def __init__(self, model, model_id: str):
        self.model = model
        self.model_id = model_id
        dim = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dims = int(dim())
        self._lock = threading.Lock()  # torch inference is thread-safe, but one encode at a time is faster on 2 cores

    @classmethod
    def load(cls, settings: Settings) -> "Embedder":
        from .provisioning import load_model, model_id

        return cls(load_model(settings), model_id(settings))

    def encode_query(self, text: str) -> np.ndarray:
        from .encode import encode_queries

        with self._lock:
            return encode_queries(self.model, [text])[0]

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        from .encode import encode_passages

        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        with self._lock:
            return encode_passages(self.model, texts, show_progress=progress)
