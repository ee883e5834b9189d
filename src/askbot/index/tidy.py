"""Index folder housekeeping: fail early if it cannot take a build; clear what killed builds left."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from pathlib import Path

from askbot.errors import IndexStoreError

from .buildfiles import builds_dir

STALE_SECONDS = 60  # a temporary older than this, found under the index lock, was left by a killed build


def check_writable(index_dir: Path) -> None:
    """IndexStoreError (naming the folder) if a new build cannot be written there, before the model loads."""
    root = builds_dir(index_dir)
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe = root / f".tmp-probe-{uuid.uuid4().hex[:8]}"
        try:
            with open(probe, "wb") as f:
                f.write(b"\0" * 65536)
                f.flush()
                os.fsync(f.fileno())
        finally:
            probe.unlink(missing_ok=True)
    except OSError as exc:
        raise IndexStoreError(f"index folder {index_dir} is not writable: {exc.strerror or exc}") from None


def clean_stale(index_dir: Path, older_than: float = STALE_SECONDS) -> list[str]:
    """Remove builds/.tmp-* and .CURRENT.* left by killed builds; call it holding the index lock."""
    now, gone = time.time(), []
    for p in [*builds_dir(index_dir).glob(".tmp-*"), *Path(index_dir).glob(".CURRENT.*")]:
        try:
            if now - p.lstat().st_mtime < older_than:
                continue
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p)
            else:
                p.unlink()
            gone.append(p.name)
        except OSError:
            continue
    return gone
