"""One writer at a time per index folder: an OS file lock (fcntl.flock) on index/build.lock.

Builds, rollbacks and prunes take it; the kernel drops it when the holder exits or is killed, so
a stale lock cannot outlive its process. Re-entrant within one thread (a build prunes under it).
"""

from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from askbot.errors import IndexStoreError

LOCK_FILE = "build.lock"
_held: dict[str, tuple[int, int]] = {}  # resolved index dir -> (owning thread id, depth)
_guard = threading.Lock()


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        pid, _, what = os.read(fd, 200).decode("ascii", "replace").strip().partition(" ")
        return f"another {what or 'build'} is running (pid {pid or '?'})"
    except OSError:
        return "another build is running"


@contextmanager
def index_lock(index_dir: Path, what: str = "build") -> Iterator[None]:
    """Hold the index folder's lock for `what` ("build", "rollback", "prune"), or fail at once."""
    index_dir = Path(index_dir)
    key = str(index_dir.resolve())
    me = threading.get_ident()
    with _guard:
        owner, depth = _held.get(key, (None, 0))
        if owner == me:
            _held[key] = (me, depth + 1)
            reentered = True
        else:
            reentered = False
    if reentered:
        try:
            yield
        finally:
            with _guard:
                _held[key] = (me, _held[key][1] - 1)
        return
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(index_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise IndexStoreError(f"cannot lock index folder {index_dir}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise IndexStoreError(f"index folder {index_dir} is busy: {_holder(fd)}; "
                                  "try again when it has finished") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {what}\n".encode(), 0)
        with _guard:
            _held[key] = (me, 1)
        try:
            yield
        finally:
            with _guard:
                _held.pop(key, None)
            os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the descriptor releases the flock
