"""The embedding cache: vectors keyed by model id + content hash, so a rebuild embeds only new text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np

from askbot.hashing import text_hash
from askbot.model import Embedder


class EmbeddingCache:
    """Vectors keyed by (model id, sha256 of the text), so a rebuild embeds only new text."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        with self._connect() as con:
            con.execute("CREATE TABLE IF NOT EXISTS vectors (model_id TEXT, content_hash TEXT, "
                        "vector BLOB, PRIMARY KEY (model_id, content_hash))")

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30)

    def get_many(self, model_id: str, hashes: list[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with self._connect() as con:
            for i in range(0, len(hashes), 500):
                chunk = hashes[i : i + 500]
                rows = con.execute(
                    f"SELECT content_hash, vector FROM vectors WHERE model_id=? AND content_hash IN "
                    f"({','.join('?' * len(chunk))})", [model_id, *chunk])
                out.update((h, np.frombuffer(v, dtype=np.float32)) for h, v in rows)
        return out

    def put_many(self, model_id: str, items: dict[str, np.ndarray]) -> None:
        with self._connect() as con:
            con.executemany("INSERT OR REPLACE INTO vectors VALUES (?,?,?)",
                            [(model_id, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in items.items()])


def embed_texts(embedder: Embedder, texts: list[str], cache: EmbeddingCache,
                progress: bool = False) -> tuple[np.ndarray, int]:
    """Vectors for texts in order, embedding only texts the cache lacks. Returns (vectors, n_embedded)."""
    hashes = [text_hash(t) for t in texts]
    known = cache.get_many(embedder.model_id, sorted(set(hashes)))
    todo: dict[str, str] = {}
    for h, t in zip(hashes, texts):
        if h not in known:
            todo.setdefault(h, t)
    if todo:
        fresh = embedder.encode_passages(list(todo.values()), progress=progress)
        new = dict(zip(todo.keys(), fresh))
        cache.put_many(embedder.model_id, new)
        known.update(new)
    vectors = np.stack([known[h] for h in hashes]) if hashes else np.zeros((0, embedder.dims), np.float32)
    return vectors.astype(np.float32), len(todo)
