"""Files' sha256 worked out on a thread of their own, beside other start-up work, then checked.

A file whose sha256 was verified once is not hashed again while it is provably the same file:
``askbot-verified.json`` beside it keeps the sha256 with the file's size, inode, mtime and ctime
(as git's index and make do). Any write, copy, replacement or ``touch`` changes the ctime, which
user programs cannot set back, so such a file is hashed again (and refused if wrong). Hashing the
470 MB weights took ≈1 s of CPU at every start (0.5 s of it on the critical path).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path

from askbot.errors import ModelError
from askbot.hashing import sha256_file

VERIFIED = "askbot-verified.json"


def _stamp(st: os.stat_result) -> list[int]:
    return [st.st_size, st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns]


class ChecksumCheck:
    """sha256 of each file on a thread (hashlib lets go of the GIL, the tokenizer load does not)."""

    def __init__(self, files: list[tuple[Path, str]]):
        self.files = [(Path(p), sha) for p, sha in files]
        self.bad: list[str] = []
        self.hashed: list[Path] = []  # the files actually read this time (the others matched their stamp)
        self._thread = threading.Thread(target=self._run, name="askbot-sha256", daemon=True)
        self._thread.start()

    def _record(self, path: Path) -> Path:
        return path.parent / VERIFIED

    def _run(self) -> None:
        known: dict[Path, dict] = {}
        fresh: dict[Path, dict] = {}
        for path, expected in self.files:
            record = self._record(path)
            if record not in known:
                try:
                    loaded = json.loads(record.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    loaded = {}
                known[record] = loaded if isinstance(loaded, dict) else {}
            try:
                stamp = _stamp(os.stat(path))
                if known[record].get(path.name) == {"sha256": expected, "stamp": stamp}:
                    continue
                actual = sha256_file(path)
                self.hashed.append(path)
            except OSError as exc:
                self.bad.append(f"{path}: unreadable ({exc.strerror or exc})")
                continue
            if actual != expected:
                self.bad.append(f"{path}: sha256 {actual[:12]}…, but its marker records {str(expected)[:12]}…")
            elif stamp == _stamp(os.stat(path)):  # not changed while it was read
                fresh.setdefault(record, dict(known[record]))
                fresh[record][path.name] = {"sha256": expected, "stamp": stamp}
        for record, entries in fresh.items():
            _write(record, entries)

    def verify(self) -> None:
        """Raise ModelError unless every file's sha256 is the one its marker records."""
        self._thread.join()
        if self.bad:
            raise ModelError("; ".join(self.bad) + ": the model files are corrupt or were changed; refused. "
                             "Run `askbot model provision` to remake them.")


def _write(record: Path, entries: dict) -> None:
    """Best effort: a read-only model folder just means hashing again next time."""
    tmp = record.with_name(f".{record.name}.{os.getpid()}")
    try:
        tmp.write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, record)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
