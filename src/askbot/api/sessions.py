"""Server-side page sessions: a random token in an HttpOnly cookie maps to a key's name."""

from __future__ import annotations

import secrets
import threading
import time

from fastapi import Request
from fastapi.responses import Response

from .security import Principal

COOKIE = "askbot_session"


class SessionStore:
    """token -> (Principal, expiry). The API key itself is never stored. At most `max_per_key`
    sessions per key (its oldest dropped), so one key's logins cannot evict everyone else's."""

    def __init__(self, ttl_seconds: float = 12 * 3600, max_sessions: int = 10_000, max_per_key: int = 50):
        self.ttl, self.max, self.max_per_key = ttl_seconds, max_sessions, max(1, max_per_key)
        self._s: dict[str, tuple[Principal, float]] = {}
        self._lock = threading.Lock()

    def create(self, principal: Principal) -> str:
        token = secrets.token_urlsafe(32)
        now = time.monotonic()
        with self._lock:
            mine = [t for t, (p, _) in self._s.items() if p.name == principal.name]
            for t in mine[:max(0, len(mine) - self.max_per_key + 1)]:  # dicts keep insertion order
                del self._s[t]
            if len(self._s) >= self.max:
                self._s = {t: v for t, v in self._s.items() if v[1] > now}
                while len(self._s) >= self.max:  # still full: drop the oldest
                    self._s.pop(next(iter(self._s)))
            self._s[token] = (principal, now + self.ttl)
        return token

    def get(self, token: str | None) -> Principal | None:
        if not token:
            return None
        with self._lock:
            entry = self._s.get(token)
            if entry is None:
                return None
            if entry[1] <= time.monotonic():
                del self._s[token]
                return None
            return entry[0]

    def drop(self, token: str | None) -> None:
        with self._lock:
            self._s.pop(token or "", None)


def set_cookie(request: Request, response: Response, token: str, ttl: float) -> None:
    response.set_cookie(COOKIE, token, max_age=int(ttl), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")


def clear_cookie(response: Response) -> None:
    response.delete_cookie(COOKIE, httponly=True, samesite="strict", path="/")


def session_principal(request: Request) -> Principal | None:
    """The logged-in page user, or None; sets the key name for the access log."""
    principal = request.app.state.sessions.get(request.cookies.get(COOKIE))
    if principal is not None:
        request.state.key_name = principal.name
    return principal
