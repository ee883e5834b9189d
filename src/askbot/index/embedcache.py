"""The embedding cache: vectors keyed by model id + content hash, so a rebuild embeds only new text.

Fresh vectors are written in batches as they are made, so a killed build resumes where it
stopped; cached vectors are checked (finite, the model's dims, unit norm) and bad rows re-embedded.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np

from askbot.errors import IndexStoreError, ModelError
from askbot.hashing import text_hash
from askbot.model import Embedder

log = logging.getLogger(__name__)
BATCH = 256  # texts embedded (and committed to the cache) at a time
NORM_TOLERANCE = 1e-3


class EmbeddingCache:
    """Vectors keyed by (model id, sha256 of the text), so a rebuild embeds only new text."""

    def __init__(self, path: Path):
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise IndexStoreError(f"cannot create the embedding cache folder {path.parent}: {exc.strerror or exc}") from None
        with self._connect() as con:
            con.execute("CREATE TABLE IF NOT EXISTS vectors (model_id TEXT, content_hash TEXT, "
                        "vector BLOB, PRIMARY KEY (model_id, content_hash))")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A connection that commits on success; sqlite errors name the file and how to reset it."""
        try:
            con = sqlite3.connect(self.path, timeout=30)
            try:
                with con:
                    yield con
            finally:
                con.close()
        except sqlite3.DatabaseError as exc:  # also OperationalError: not a database, disk full, read-only
            raise IndexStoreError(
                f"embedding cache {self.path} is unusable ({exc}); it only holds vectors, so delete it "
                "and run `askbot build` again to re-embed") from None

    def missing(self, model_id: str, hashes: list[str]) -> int:
        """How many of the distinct ``hashes`` have no vector for ``model_id`` (nothing is read but keys)."""
        unique, found = sorted(set(hashes)), 0
        with self._connect() as con:
            for i in range(0, len(unique), 500):
                chunk = unique[i : i + 500]
                found += con.execute(
                    f"SELECT COUNT(*) FROM vectors WHERE model_id=? AND content_hash IN ({','.join('?' * len(chunk))})",
                    [model_id, *chunk]).fetchone()[0]
        return len(unique) - found

    def get_many(self, model_id: str, hashes: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with self._connect() as con:
            for i in range(0, len(hashes), 500):
                chunk = hashes[i : i + 500]
                rows = con.execute(
                    f"SELECT content_hash, vector FROM vectors WHERE model_id=? AND content_hash IN "
                    f"({','.join('?' * len(chunk))})", [model_id, *chunk])
                out.update((h, v) for h, v in rows)
        return {h: np.frombuffer(v, dtype=np.float32) if isinstance(v, bytes) else np.zeros(0, np.float32)
                for h, v in out.items()}

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        with self._connect() as con:
            con.executemany("INSERT OR REPLACE INTO vectors VALUES (?,?,?)",
                            [(model_id, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()])


def valid_vector(v: np.ndarray, dims: int) -> bool:
    """Finite, `dims` long and of unit length (the model normalises every vector)."""
    return (v.shape == (dims,) and bool(np.isfinite(v).all())
            and abs(float(np.linalg.norm(v)) - 1.0) <= NORM_TOLERANCE)


def embed_texts(embedder: Embedder, texts: list[str], cache: EmbeddingCache,
                progress: bool = False, hashes: list[str] | None = None) -> tuple[np.ndarray, int]:
    """Vectors for texts in order, embedding only texts the cache lacks (``hashes``: their
    ``text_hash``es, if the caller has them). Returns (vectors, n_embedded)."""
    hashes = hashes if hashes is not None else [text_hash(t) for t in texts]
    known = cache.get_many(embedder.model_id, sorted(set(hashes)))
    bad = [h for h, v in known.items() if not valid_vector(v, embedder.dims)]
    if bad:
        log.warning("embedding cache %s: %d cached vectors are not finite unit %d-dim vectors; re-embedding them",
                    cache.path, len(bad), embedder.dims)
        for h in bad:
            del known[h]
    todo: dict[str, str] = {}
    for h, t in zip(hashes, texts):
        if h not in known:
            todo.setdefault(h, t)
    if todo:
        known.update(_embed_in_batches(embedder, todo, cache, progress, len(set(hashes)) - len(todo)))
    vectors = np.stack([known[h] for h in hashes]) if hashes else np.zeros((0, embedder.dims), np.float32)
    return vectors.astype(np.float32), len(todo)


def _embed_in_batches(embedder: Embedder, todo: dict[str, str], cache: EmbeddingCache,
                      progress: bool, reused: int = 0) -> dict[str, np.ndarray]:
    """Embed and commit BATCH texts at a time, so the work survives a kill."""
    from .progress import stage

    items, out = list(todo.items()), {}
    with stage("embedding", len(items), "new texts", progress, f" ({reused} reused from the cache)") as bar:
        for i in range(0, len(items), BATCH):
            batch = items[i : i + BATCH]
            fresh = embedder.encode_passages([t for _, t in batch])
            new = {h: v for (h, _), v in zip(batch, fresh)}
            wrong = [h for h, v in new.items() if not valid_vector(np.asarray(v, np.float32), embedder.dims)]
            if wrong:
                raise ModelError(f"the model {embedder.model_id} gave {len(wrong)} vectors that are not finite "
                                 f"unit {embedder.dims}-dim vectors; nothing was cached for them")
            cache.put_many(embedder.model_id, new)
            out.update(new)
            bar.update(len(batch))
    return out
