"""Encoding with the loaded sentence-transformers model: e5's query/passage prefixes, unit vectors (TorchEncoder)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from askbot.errors import ModelError

from .locate import HOW_TO_PROVIDE

if TYPE_CHECKING:  # pragma: no cover
    from sentence_transformers import SentenceTransformer

QUERY_PREFIX = "query: "
PASSAGE_PREFIX = "passage: "
DIMS = 384


def load_folder(folder: Path) -> SentenceTransformer:
    """The sentence-transformers model in ``folder`` on CPU, files only."""
    from sentence_transformers import SentenceTransformer

    with contextlib.suppress(Exception):  # no "Loading weights" bar on every start
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    try:
        return SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    except Exception as exc:  # anything here means an unusable model
        raise ModelError(f"Could not load the model at {folder}: {exc}. {HOW_TO_PROVIDE}") from exc


def embedding_dim(model: SentenceTransformer) -> int:
    get = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(get())


def _encode(model, texts, prefix: str, batch_size: int, show_progress: bool) -> np.ndarray:
    items = [texts] if isinstance(texts, str) else list(texts)
    if not items:
        return np.zeros((0, embedding_dim(model)), dtype=np.float32)
    vecs = model.encode(
        items, prompt=prefix, batch_size=batch_size, show_progress_bar=show_progress,
        convert_to_numpy=True, normalize_embeddings=True,
    )
    return np.ascontiguousarray(vecs, dtype=np.float32)


def encode_queries(model: SentenceTransformer, texts: str | Sequence[str]) -> np.ndarray:
    """(n, dims) float32 unit vectors for questions (adds ``query: ``)."""
    return _encode(model, texts, QUERY_PREFIX, 32, False)


def encode_passages(
    model: SentenceTransformer,
    texts: Iterable[str],
    batch_size: int = 32,
    show_progress: bool = False,
) -> np.ndarray:
    """(n, dims) float32 unit vectors for passages (adds ``passage: ``)."""
    return _encode(model, texts, PASSAGE_PREFIX, batch_size, show_progress)


class TorchEncoder:
    """The sentence-transformers model behind the same methods as ``OnnxEncoder`` (the reference path).

    ``bf16``: passages are encoded under torch's CPU autocast to bfloat16 (matrix products in
    bfloat16, normalisations and pooling in float32), for builds on CPUs with AMX.
    """

    def __init__(self, model: SentenceTransformer, bf16: bool = False):
        self.st = model
        self.dims = embedding_dim(model)
        self.bf16 = bf16

    def encode_queries(self, texts: str | Sequence[str]) -> np.ndarray:
        return encode_queries(self.st, texts)

    def encode_passages(self, texts: Iterable[str], batch_size: int = 32, show_progress: bool = False) -> np.ndarray:
        if not self.bf16:
            return encode_passages(self.st, texts, batch_size, show_progress)
        import torch

        with torch.autocast("cpu", dtype=torch.bfloat16):
            return encode_passages(self.st, texts, batch_size, show_progress)
