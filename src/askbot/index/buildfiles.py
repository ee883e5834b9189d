"""A build directory's names and pointer: its files, format version and manifest, what a build id may
be, and index/CURRENT (published atomically, read strictly). store.py writes, lists and opens builds."""

from __future__ import annotations

import json
import os
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from askbot.errors import IndexStoreError
from askbot.hashing import sha256_file

# 2: units.npy (segments) and anchors.npy; 3: passage actors (how, role, actors, people); 4: langs.txt;
# 5: a short last line joins the segment before it (index/units.py)
FORMAT_VERSION = 5
VECTORS, UNITS, ANCHORS, META, BM25, MANIFEST = (
    "vectors.faiss", "units.npy", "anchors.npy", "meta.sqlite", "bm25", "manifest.json")
BUILD_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]{0,99}")  # a plain name inside builds/, as write_build makes


@dataclass
class Manifest:
    build_id: str
    created: str
    model_id: str
    dims: int
    passages: int
    meetings: int
    people: int
    index_type: str
    sources: dict[str, str] = field(default_factory=dict)  # source file -> sha256
    files: dict[str, str] = field(default_factory=dict)  # build file -> sha256
    encoder: dict = field(default_factory=dict)  # which runtime/export made the vectors (model.Embedder.record)
    format_version: int = FORMAT_VERSION

    @classmethod
    def read(cls, path: Path) -> "Manifest":
        try:
            return cls(**json.loads(path.read_text()))
        except (OSError, ValueError, TypeError) as exc:
            raise IndexStoreError(f"{path}: unreadable manifest ({exc})") from exc


def builds_dir(index_dir: Path) -> Path:
    """index/builds, where each build is a directory named by its id."""
    return Path(index_dir) / "builds"


def hash_tree(build: Path) -> dict[str, str]:
    """sha256 of every file in a build directory but its manifest, by relative path."""
    return {
        str(p.relative_to(build)): sha256_file(p)
        for p in sorted(build.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    }


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` in one rename, the bytes synced first."""
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def publish(index_dir: Path, build_id: str) -> None:
    """Point index/CURRENT at a build, atomically."""
    if not (builds_dir(index_dir) / build_id / MANIFEST).exists():
        raise IndexStoreError(f"build {build_id} is not complete (no manifest)")
    write_atomic(Path(index_dir) / "CURRENT", build_id + "\n")


def current(index_dir: Path) -> str | None:
    """The build id index/CURRENT names, or None; IndexStoreError if CURRENT is not a plain build id."""
    f = Path(index_dir) / "CURRENT"
    try:
        raw = f.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise IndexStoreError(f"{f} is unreadable ({exc.strerror or exc}); it should hold one build id") from None
    try:
        build_id = raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise IndexStoreError(f"{f} is not UTF-8 text; it should hold one build id "
                              "(fix it with `askbot index rollback BUILD_ID`)") from None
    if not build_id:
        return None
    if not BUILD_ID.fullmatch(build_id):
        raise IndexStoreError(f"{f} names {build_id[:80]!r}, not a build id inside {builds_dir(index_dir)} "
                              "(fix it with `askbot index rollback BUILD_ID`)")
    return build_id
