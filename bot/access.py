"""Who may talk to the bot: the allow-list, admins, per-user rate limits, and UI language."""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass, field


def parse_ids(spec: str | None) -> frozenset[int]:
    """'123, -100456' -> {123, -100456}; ignores blanks, refuses anything that is not an id."""
    out = set()
    for part in filter(None, (p.strip() for p in (spec or "").split(","))):
        if not re.fullmatch(r"-?\d+", part):
            raise ValueError(f"Telegram id {part!r} must be a number (user ids > 0, group ids < 0)")
        out.add(int(part))
    return frozenset(out)


@dataclass
class Access:
    """Allow-listed user ids and group (chat) ids; admins are always allowed."""

    allowed: frozenset[int] = frozenset()
    admins: frozenset[int] = frozenset()

    @classmethod
    def from_settings(cls, settings) -> "Access":
        return cls(parse_ids(settings.telegram_allowed), parse_ids(settings.telegram_admins))

    def is_admin(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.admins

    def permits(self, user_id: int | None, chat_id: int | None, private: bool) -> bool:
        """A private chat needs an allowed user; a group needs an allowed group or user."""
        if self.is_admin(user_id) or (user_id is not None and user_id in self.allowed):
            return True
        return not private and chat_id is not None and chat_id in self.allowed


@dataclass
class RateLimit:
    """A sliding window: at most `count` questions per `per` seconds for each user."""

    count: int = 6
    per: float = 60.0
    _seen: dict[int, deque] = field(default_factory=dict)

    def check(self, user_id: int, now: float | None = None) -> float:
        """Record a question; 0 if allowed, else the seconds until the next one is."""
        now = time.monotonic() if now is None else now
        q = self._seen.setdefault(user_id, deque())
        while q and now - q[0] >= self.per:
            q.popleft()
        if len(q) >= self.count:
            return max(1.0, self.per - (now - q[0]))
        q.append(now)
        return 0.0


@dataclass
class Refusals:
    """Remember whom we refused so each stranger gets one polite refusal, not one per message."""

    quiet_for: float = 24 * 3600
    _when: dict[int, float] = field(default_factory=dict)

    def first(self, key: int, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        last = self._when.get(key)
        if last is not None and now - last < self.quiet_for:
            return False
        self._when[key] = now
        return True


_EN = {"who", "what", "which", "where", "when", "how", "the", "is", "are", "does", "do",
       "works", "work", "working", "about", "with", "on", "of", "and", "anyone", "help", "show"}
_NO = {"hvem", "hva", "hvilke", "hvor", "når", "hvordan", "jobber", "med", "er", "og", "det",
       "som", "på", "om", "noen", "har", "til", "av", "hjelp", "vis"}


def guess_lang(text: str | None, language_code: str | None = None) -> str:
    """'en' or 'no': the words of the message first, the user's Telegram language second."""
    words = re.findall(r"\w+", (text or "").lower())
    if re.search(r"[æøå]", text or "", re.I):
        return "no"
    en, no = sum(w in _EN for w in words), sum(w in _NO for w in words)
    if en != no:
        return "en" if en > no else "no"
    return "en" if (language_code or "").lower().startswith("en") else "no"
