"""Files' sha256 worked out on a thread of their own, beside other start-up work, then checked."""

from __future__ import annotations

import threading
from pathlib import Path

from askbot.errors import ModelError
from askbot.hashing import sha256_file


class ChecksumCheck:
    """sha256 of each file on a thread (hashlib lets go of the GIL, the tokenizer load does not)."""

    def __init__(self, files: list[tuple[Path, str]]):
        self.files = [(Path(p), sha) for p, sha in files]
        self.bad: list[str] = []
        self._thread = threading.Thread(target=self._run, name="askbot-sha256", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for path, expected in self.files:
            try:
                actual = sha256_file(path)
            except OSError as exc:
                self.bad.append(f"{path}: unreadable ({exc.strerror or exc})")
                continue
            if actual != expected:
                self.bad.append(f"{path}: sha256 {actual[:12]}…, but its marker records {str(expected)[:12]}…")

    def verify(self) -> None:
        """Raise ModelError unless every file's sha256 is the one its marker records."""
        self._thread.join()
        if self.bad:
            raise ModelError("; ".join(self.bad) + ": the model files are corrupt or were changed; refused. "
                             "Run `askbot model provision` to remake them.")
