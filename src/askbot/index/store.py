"""Build directories: write one atomically, publish it via index/CURRENT, list, roll back, open (the
names, manifest and CURRENT in buildfiles.py, re-exported here)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import faiss
import numpy as np

from askbot.errors import IndexStoreError
from askbot.hashing import sha256_file  # noqa: F401  (re-exported: store.sha256_file)
from askbot.index import metadb
from askbot.types import Meeting, Passage, Person

from .buildfiles import (  # noqa: F401  (re-exported: store.MANIFEST, store.current …)
    ANCHORS,
    BM25,
    BUILD_ID,
    FORMAT_VERSION,
    MANIFEST,
    META,
    UNITS,
    VECTORS,
    Manifest,
    builds_dir,
    current,
    publish,
)
from .buildfiles import hash_tree as _hash_tree
from .buildfiles import write_atomic as _write_atomic
from .langs import LANGUAGES_FILE, read_languages, write_languages
from .lexical import LexicalIndex
from .lock import index_lock

APPROX_THRESHOLD = 100_000  # above this many passages, use HNSW instead of exact search
# Measured (bench_core --approx-check): efSearch 128 gives recall@10 0.937 on 26k real vectors, 512 gives 0.970.
HNSW_EF_SEARCH = 512


def make_faiss_index(vectors: np.ndarray, approximate: bool = False) -> faiss.Index:
    """Exact inner-product search, or HNSW (for archives above APPROX_THRESHOLD passages)."""
    n, dims = vectors.shape
    if approximate:
        index = faiss.IndexHNSWFlat(dims, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = HNSW_EF_SEARCH
    else:
        index = faiss.IndexFlatIP(dims)
    if n:
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def write_build(index_dir: Path, *, model_id: str, vectors: np.ndarray, owner: list[int],
                is_segment: list[bool], anchors: np.ndarray, meetings: list[Meeting],
                people: list[Person], passages: list[Passage], sources: dict[str, str],
                approx_threshold: int = APPROX_THRESHOLD, encoder: dict | None = None) -> Manifest:
    """Write a complete build under a temporary name, manifest last, then rename it into place.

    Nothing is published: callers switch CURRENT with `publish` once this returns.
    """
    now = dt.datetime.now(dt.timezone.utc)
    build_id = now.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    root = builds_dir(index_dir)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".tmp-{build_id}"
    tmp.mkdir()
    try:
        index = make_faiss_index(vectors, approximate=len(passages) > approx_threshold)
        np.save(tmp / ANCHORS, np.asarray(anchors, dtype=np.float32))
        np.save(tmp / UNITS, np.stack([np.asarray(owner, np.int64), np.asarray(is_segment, np.int64)]))
        # not faiss.write_index: it ignores a failed close (disk full), and the build published truncated
        (tmp / VECTORS).write_bytes(faiss.serialize_index(index).tobytes())
        LexicalIndex.build([p.text for p in passages]).save(tmp / BM25)
        metadb.write(tmp / META, meetings, people, passages)
        write_languages(tmp / LANGUAGES_FILE, passages)
        manifest = Manifest(
            build_id=build_id, created=now.isoformat(timespec="microseconds"), model_id=model_id,
            dims=int(vectors.shape[1]), passages=len(passages), meetings=len(meetings),
            people=len(people), index_type=type(index).__name__, sources=sources, files=_hash_tree(tmp),
            encoder=dict(encoder or {}),
        )
        _write_atomic(tmp / MANIFEST, json.dumps(asdict(manifest), indent=2, ensure_ascii=False))
        os.replace(tmp, root / build_id)
    except sqlite3.Error as exc:  # disk full inside SQLite is not an OSError
        shutil.rmtree(tmp, ignore_errors=True)
        raise IndexStoreError(f"cannot write the build in {root}: {exc}; nothing published") from None
    except OSError as exc:  # a failed write or close names no file: name the folder
        shutil.rmtree(tmp, ignore_errors=True)
        if exc.filename is None:
            raise OSError(exc.errno, exc.strerror, str(root)) from None
        raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def list_builds(index_dir: Path) -> list[Manifest]:
    """Complete builds, oldest first (incomplete or foreign directories are ignored)."""
    root = builds_dir(index_dir)
    out = []
    for d in sorted(root.iterdir()) if root.exists() else []:
        if d.is_dir() and not d.name.startswith(".") and (d / MANIFEST).exists():
            try:
                out.append(Manifest.read(d / MANIFEST))
            except IndexStoreError:
                continue
    return sorted(out, key=lambda m: (m.created, m.build_id))


def rollback(index_dir: Path, to: str | None = None) -> str:
    """Publish `to`, or the build before the current one, once it opens and verifies.

    Takes the index lock, so it never races a build or a prune. Returns the build id now live.
    """
    with index_lock(index_dir, "rollback"):
        builds = [m.build_id for m in list_builds(index_dir)]
        if to is None:
            cur = current(index_dir)
            if cur not in builds or builds.index(cur) == 0:
                raise IndexStoreError("no earlier build to roll back to")
            to = builds[builds.index(cur) - 1]
        elif to not in builds:
            raise IndexStoreError(f"unknown build {to!r}; see `askbot index list`")
        open_build(index_dir, to)  # checksums, files and counts; refuses a corrupt build
        publish(index_dir, to)
    return to


def prune(index_dir: Path, keep: int) -> list[str]:
    """Delete builds older than CURRENT's beyond the newest `keep`; never CURRENT's or a newer one.

    Takes the index lock (re-entrant: a build prunes under its own). With no valid CURRENT it
    deletes nothing.
    """
    with index_lock(index_dir, "prune"):
        cur = current(index_dir)
        builds = [m.build_id for m in list_builds(index_dir)]
        if cur not in builds:
            return []
        older = builds[: builds.index(cur)]
        doomed = older[: max(0, len(builds) - max(keep, 1))]
        root = builds_dir(index_dir)
        for b in doomed:
            shutil.rmtree(root / b, ignore_errors=True)
    return doomed


@dataclass
class OpenBuild:
    manifest: Manifest
    path: Path
    vectors: faiss.Index
    owner: np.ndarray  # passage row of each vector
    is_segment: np.ndarray  # False: the whole passage, True: one of its segments
    anchors: np.ndarray  # off-topic anchor vectors (index/anchors.py), embedded with the same model
    lexical: LexicalIndex
    meetings: list[Meeting]
    people: list[Person]
    passages: list[Passage]
    languages: list[str] = field(default_factory=list)  # each passage's (index/langs.py), in row order


def open_build(index_dir: Path, build_id: str | None = None, *, model_id: str | None = None,
               dims: int | None = None) -> OpenBuild:
    """Open and verify a build (default: CURRENT). Refuses incomplete, corrupt or mismatched builds."""
    build_id = build_id or current(index_dir)
    if not build_id:
        raise IndexStoreError(f"no index published in {index_dir}; run `askbot build` first")
    if not BUILD_ID.fullmatch(build_id):
        raise IndexStoreError(f"{build_id[:80]!r} is not a build id inside {builds_dir(index_dir)}")
    path = builds_dir(index_dir) / build_id
    if not (path / MANIFEST).exists():
        raise IndexStoreError(f"build {build_id} in {index_dir} is missing or incomplete (no manifest)")
    manifest = Manifest.read(path / MANIFEST)
    if manifest.format_version != FORMAT_VERSION:
        raise IndexStoreError(f"build {build_id} has format {manifest.format_version}, expected {FORMAT_VERSION}: "
                             "it was made by an older askbot; rebuild with `askbot build`")
    if model_id and manifest.model_id != model_id:
        raise IndexStoreError(
            f"build {build_id} was embedded with model {manifest.model_id!r} but the configured model is "
            f"{model_id!r}; rebuild with `askbot build` or set ASKBOT_MODEL / ASKBOT_ENCODER")
    if dims and manifest.dims != dims:
        raise IndexStoreError(f"build {build_id} has {manifest.dims}-dim vectors, the model gives {dims}")
    actual = _hash_tree(path)
    for name, digest in manifest.files.items():
        if actual.get(name) != digest:
            raise IndexStoreError(f"build {build_id} is corrupt: {name} does not match its manifest checksum")
    try:
        vectors = faiss.read_index(str(path / VECTORS))
        owner, is_segment = np.load(path / UNITS)
        anchors = np.load(path / ANCHORS)
        meetings, people, passages = metadb.read(path / META)
        lexical = LexicalIndex.load(path / BM25, len(passages))
        languages = read_languages(path / LANGUAGES_FILE, len(passages))
    except Exception as exc:  # faiss raises RuntimeError, sqlite DatabaseError, numpy ValueError...
        raise IndexStoreError(f"build {build_id} could not be loaded: {exc}") from exc
    if (vectors.ntotal != len(owner) or len(passages) != manifest.passages
            or (len(owner) and owner.max() >= len(passages))):
        raise IndexStoreError(
            f"build {build_id} is inconsistent: {vectors.ntotal} vectors for {len(owner)} units, "
            f"{len(passages)} passages, manifest says {manifest.passages}")
    return OpenBuild(manifest, path, vectors, owner, is_segment.astype(bool), anchors, lexical, meetings, people,
                     passages, languages)
