"""Answers kept for their buttons: 'Flere treff' pages and long source ids, bound to who asked.

A button's callback data is sent back by Telegram as the client wrote it, so any allowed user
can forge one. Keys are therefore unguessable (`secrets.token_urlsafe`), and each entry is bound
to the chat and the user that asked: anyone else pressing (or forging) the button gets nothing.
Pages are cut from the cached answer, so paging never asks the service again.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

# The service's passage ids: "<file stem>.<nnn>" (turns) or "<file stem>.a<nnn>" (attendance).
# A stem is any file name without its suffix, so '#', '?', spaces and newlines occur; '/' cannot.
PASSAGE_ID = re.compile(r"[^/\\\x00]{1,290}\.a?\d{3,6}", re.S)
TOKEN = re.compile(r"[A-Za-z0-9_-]{16}")


def valid_passage_id(pid: str | None) -> bool:
    return bool(pid) and PASSAGE_ID.fullmatch(pid) is not None


@dataclass(frozen=True)
class Entry:
    chat_id: int
    user_id: int | None
    value: Any  # the answer dict (pages) or a passage id (long source ids)
    created: float


class PageCache:
    """token -> Entry, at most `max_entries` (oldest dropped first), each for `ttl` seconds."""

    def __init__(self, max_entries: int = 2000, ttl: float = 6 * 3600):
        self.max, self.ttl = max_entries, ttl
        self._d: OrderedDict[str, Entry] = OrderedDict()
        self._lock = threading.Lock()

    def put(self, chat_id: int, user_id: int | None, value: Any) -> str:
        token = secrets.token_urlsafe(12)  # 16 characters, 96 random bits
        with self._lock:
            self._d[token] = Entry(chat_id, user_id, value, time.monotonic())
            while len(self._d) > self.max:
                self._d.popitem(last=False)
        return token

    def get(self, token: str, chat_id: int | None, user_id: int | None) -> tuple[str, Any]:
        """("ok", value), or ("expired", None) / ("not_yours", None)."""
        if not TOKEN.fullmatch(token or ""):
            return "expired", None
        with self._lock:
            entry = self._d.get(token)
            if entry is not None and time.monotonic() - entry.created > self.ttl:
                del self._d[token]
                entry = None
        if entry is None:
            return "expired", None
        if entry.chat_id != chat_id or entry.user_id != user_id:
            return "not_yours", None
        return "ok", entry.value
