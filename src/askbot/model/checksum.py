"""A file's sha256 worked out on a thread of its own, beside other start-up work, then checked."""

from __future__ import annotations

import threading
from pathlib import Path

from askbot.errors import ModelError
from askbot.hashing import sha256_file

class ChecksumCheck:
    """sha256 of a file on a thread of its own (hashlib lets go of the GIL), beside the session load."""

    def __init__(self, path: Path, expected: str):
        self.path, self.expected, self.actual = Path(path), expected, None
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._run, name="askbot-sha256", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.actual = sha256_file(self.path)
        except OSError as exc:
            self._error = exc

    def verify(self) -> None:
        """Raise ModelError unless the file's sha256 is the one its marker records."""
        self._thread.join()
        if self._error is not None or self.actual != self.expected:
            found = f"unreadable ({self._error})" if self._error else f"sha256 {self.actual[:12]}…"
            raise ModelError(f"{self.path}: {found}, but its marker records {self.expected[:12]}…: the optimised "
                             "model is corrupt or was changed; refused. Run `askbot model provision` to remake it.")
