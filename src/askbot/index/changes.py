"""What a build adds: the passages whose text (content hash) no earlier build had.

A passage counts as new when its content hash is not among an earlier build's hashes. Ids alone
would not do: a line added early in a file renumbers the ids after it ("<meeting>.<seq>") without
changing their words, and a corrected passage keeps its id with new words. Both builds must still
be in index/builds/ (`askbot index prune` and `keep_builds` remove old ones).
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path

from askbot.errors import IndexStoreError
from askbot.types import Passage

from .buildfiles import BUILD_ID, MANIFEST, META, builds_dir


def is_kept(index_dir: Path, build_id: str) -> bool:
    """Is `build_id` a complete build in index/builds/ (a plain name, with its manifest)?"""
    return bool(BUILD_ID.fullmatch(build_id or "")) and (builds_dir(index_dir) / build_id / MANIFEST).exists()


@lru_cache(maxsize=16)
def _hashes(meta: Path) -> frozenset[str]:
    try:
        con = sqlite3.connect(f"file:{meta}?mode=ro", uri=True)
        try:
            return frozenset(r[0] for r in con.execute("SELECT content_hash FROM passages"))
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise IndexStoreError(f"{meta}: unreadable metadata ({exc})") from exc


def content_hashes(index_dir: Path, build_id: str) -> frozenset[str]:
    """The content hashes of every passage in a kept build (cached: a build never changes)."""
    if not is_kept(index_dir, build_id):
        raise IndexStoreError(f"build {build_id[:80]!r} is not in {builds_dir(index_dir)} "
                              "(unknown, or pruned; see `askbot index list`)")
    return _hashes((builds_dir(index_dir) / build_id / META).resolve())


def new_passages(index_dir: Path, since_build: str, passages: list[Passage]) -> list[Passage]:
    """The passages (of a newer build, in its order) whose words `since_build` did not have."""
    old = content_hashes(index_dir, since_build)
    return [p for p in passages if p.content_hash not in old]
