"""The Embedder: the loaded model behind one small interface (load once, share), whichever runtime.

``ASKBOT_ENCODER`` picks the runtime: ``torch`` (sentence-transformers, the reference),
``onnx`` (the fp32 export on onnxruntime: the same vectors, no torch import) or ``onnx-int8``
(faster, smaller, other vectors and so another model id). Question vectors are kept in an LRU
cache: the bot's "more hits" and repeated questions cost no encode.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from askbot.errors import ModelError
from askbot.settings import Settings

log = logging.getLogger(__name__)
QUERY_CACHE_SIZE = 1024  # question vectors kept (1.5 MB at 384 dims)


class QueryCache:
    """A thread-safe LRU of question → read-only vector."""

    def __init__(self, size: int = QUERY_CACHE_SIZE):
        self.size, self.hits, self.misses = size, 0, 0
        self._items: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> np.ndarray | None:
        with self._lock:
            vec = self._items.get(text)
            if vec is None:
                self.misses += 1
                return None
            self._items.move_to_end(text)
            self.hits += 1
            return vec

    def put(self, text: str, vec: np.ndarray) -> np.ndarray:
        vec = np.array(vec, dtype=np.float32)
        vec.flags.writeable = False
        if self.size > 0:
            with self._lock:
                self._items[text] = vec
                self._items.move_to_end(text)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return vec


class Embedder:
    """``model`` (a TorchEncoder or OnnxEncoder) with its model id, dims and the query cache.

    ``record`` says which runtime/export makes the vectors; builds keep it in their manifest.
    """

    def __init__(self, model, model_id: str, encoder: str = "torch", record: dict | None = None,
                 cache_size: int = QUERY_CACHE_SIZE):
        if not hasattr(model, "encode_queries"):  # a bare SentenceTransformer
            from .encode import TorchEncoder

            model = TorchEncoder(model)
        self.model, self.model_id, self.encoder = model, model_id, encoder
        self.dims = int(model.dims)
        self.record = {"encoder": encoder, "model_id": model_id, **(record or {})}
        self.cache = QueryCache(cache_size)
        # torch: one encode at a time is faster on 2 cores; onnxruntime runs concurrently, a thread each
        self._lock = threading.Lock() if encoder.startswith("torch") else None

    @classmethod
    def load(cls, settings: Settings, threads: int = 1) -> "Embedder":
        """The configured runtime; `threads`: onnxruntime's threads per run (1 to serve; a build takes every core)."""
        if settings.encoder == "torch":
            from .provisioning import load_model, model_id

            return cls(load_model(settings), model_id(settings), "torch")
        if settings.encoder in ("onnx", "onnx-int8"):
            return _load_onnx(cls, settings, threads)
        raise ModelError(f"ASKBOT_ENCODER={settings.encoder!r}: use torch, onnx or onnx-int8")

    def _locked(self, fn, *args, **kw):
        if self._lock is None:
            return fn(*args, **kw)
        with self._lock:
            return fn(*args, **kw)

    def encode_query(self, text: str) -> np.ndarray:
        vec = self.cache.get(text)
        if vec is None:
            vec = self.cache.put(text, self._locked(self.model.encode_queries, [text])[0])
        return vec

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dims) vectors for several questions in one run (the service's batches); not cached."""
        return self._locked(self.model.encode_queries, list(texts))

    def encode_passages(self, texts: list[str], progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        return self._locked(self.model.encode_passages, texts, show_progress=progress)


def _load_onnx(cls, settings: Settings, threads: int = 1) -> Embedder:
    """The export beside the checkpoint (made now for a provisioned one that lacks it)."""
    from pathlib import Path

    from .locate import HOW_TO_PROVIDE, locate
    from .onnx_encoder import OnnxEncoder
    from .onnx_export import FILES, encoder_model_id, ensure_export, export_dir, read_export
    from .onnx_mapped import MAPPED_FILES, read_mapped
    from .provisioning import model_id, resolve_model
    from .spm_tokenizer import read_spm

    folder = Path(resolve_model(settings))
    base_id = model_id(settings)
    marker = read_export(folder, base_id)
    if marker is None:
        found = locate(settings)
        if found is None or found[1] != "provisioned":
            raise ModelError(
                f"no ONNX export of the model at {folder} (looked for {export_dir(folder) / 'askbot-onnx.json'}); "
                "only a provisioned model is exported: run `askbot model provision`, or set ASKBOT_ENCODER=torch. "
                + HOW_TO_PROVIDE)
        marker = ensure_export(folder, base_id)
    kind = settings.encoder
    name = FILES[kind]
    mapped = read_mapped(export_dir(folder), marker, kind)
    spm = read_spm(export_dir(folder), folder)
    if spm is None:
        log.info("no current SentencePiece copy of %s: reading it with tokenizers (≈0.5 s and ≈230 MB more); "
                 "`askbot model provision` makes it", folder / "tokenizer.json")
    sums = spm["files"] if spm is not None else []
    if mapped is not None:  # weights memory-mapped from a side file; both files' sha256 checked beside the load
        encoder = OnnxEncoder(mapped["path"], folder, threads=threads, checksums=mapped["files"] + sums, spm=spm)
    else:
        log.info("no current %s in %s: serving %s, which copies its weights (≈1 s and ≈380 MB more); "
                 "`askbot model provision` makes it", MAPPED_FILES[kind], export_dir(folder), name)
        encoder = OnnxEncoder(export_dir(folder) / name, folder, threads=threads, checksums=sums or None, spm=spm)
    record = {"export": f"{export_dir(folder).name}/{name}", "sha256": marker["files"][name]["sha256"],
              "verified_min_cos": marker["verification"][kind]["min_cos"]}
    return cls(encoder, encoder_model_id(kind, base_id, marker), kind, record)
