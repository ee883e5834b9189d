"""API keys (named, constant-time compared), admin keys, per-key token-bucket rate limits, and
a limit on failed authentications per client address (uvicorn sets the address, believing
X-Forwarded-For only from ASKBOT_TRUSTED_PROXIES)."""

from __future__ import annotations

import hmac
import ipaddress
import math
import threading
import time
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from askbot.settings import Settings, parse_keys


@dataclass(frozen=True)
class Principal:
    name: str  # the key's name; the key itself is never kept beside it
    admin: bool


class KeyRing:
    """Every configured key, checked with hmac.compare_digest against all of them (no early exit)."""

    def __init__(self, api_keys: dict[str, str], admin_keys: dict[str, str]):
        self._entries = [(k.encode(), n, False) for k, n in api_keys.items()]
        self._entries += [(k.encode(), n, True) for k, n in admin_keys.items()]

    @classmethod
    def from_settings(cls, settings: Settings) -> "KeyRing":
        return cls(parse_keys(settings.api_keys), parse_keys(settings.admin_keys))

    def __len__(self) -> int:
        return len(self._entries)

    def lookup(self, presented: str | None) -> Principal | None:
        if not presented:
            return None
        p = presented.encode("utf-8", "surrogateescape")
        found: Principal | None = None
        for key, name, admin in self._entries:
            if hmac.compare_digest(p, key) and (found is None or admin):
                found = Principal(name, admin)
        return found


class RateLimiter:
    """A token bucket per name (a key's name, a client address): `per_minute` tokens, refilled
    evenly; 0 disables it. At most `max_names` buckets are kept, the least recently used dropped
    first, so names an attacker can mint (addresses) cannot grow it without bound."""

    def __init__(self, per_minute: int, burst: int | None = None, max_names: int = 100_000):
        self.rate = per_minute / 60.0
        self.capacity = float(burst or per_minute)
        self.max_names = max(1, max_names)
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._buckets)

    def _put(self, name: str, value: tuple[float, float]) -> None:
        self._buckets.pop(name, None)  # re-inserted: the dict's order is the order of use
        self._buckets[name] = value
        while len(self._buckets) > self.max_names:
            self._buckets.pop(next(iter(self._buckets)))

    def take(self, name: str) -> float:
        """Take one token; return 0 when allowed, else the seconds until one is available."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(name, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._put(name, (tokens - 1.0, now))
                return 0.0
            self._put(name, (tokens, now))
            return (1.0 - tokens) / self.rate

    def wait(self, name: str) -> float:
        """Seconds until `name` has a token again (0: it has one now); takes nothing."""
        if self.rate <= 0:
            return 0.0
        with self._lock:
            tokens, last = self._buckets.get(name, (self.capacity, time.monotonic()))
        tokens = min(self.capacity, tokens + (time.monotonic() - last) * self.rate)
        return 0.0 if tokens >= 1.0 else (1.0 - tokens) / self.rate


_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")
_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="X-API-Key: <API key>")


def _unauthorized(detail: str) -> HTTPException:
    return HTTPException(401, detail, headers={"WWW-Authenticate": "Bearer"})


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _too_many_failures(wait: float) -> HTTPException:
    return HTTPException(429, "too many failed authentications from this address; retry later",
                         headers={"Retry-After": str(max(1, math.ceil(wait)))})


def failure_source(request: Request) -> str:
    """Who failed authentication: the client address, an IPv6 one by its /64 (one host's
    allocation, which it can rotate through freely)."""
    host = client_address(request)
    try:
        addr = ipaddress.ip_address(host)
    except ValueError:
        return host
    if addr.version == 6:
        if addr.ipv4_mapped is not None:
            return str(addr.ipv4_mapped)
        return str(ipaddress.ip_network(f"{addr}/64", strict=False))
    return host


def failure_wait(request: Request) -> float:
    """Seconds this client must wait after too many failed authentications (0: none). One limit
    for the API's keys and the page's login form, so the two cannot be used to double the guesses."""
    return request.app.state.auth_failures.wait(failure_source(request))


def note_failure(request: Request) -> None:
    request.app.state.auth_failures.take(failure_source(request))


def check_rate(request: Request, principal: Principal) -> None:
    wait = request.app.state.limiter.take(principal.name)
    if wait > 0:
        raise HTTPException(429, f"rate limit exceeded for key {principal.name!r}; retry later",
                            headers={"Retry-After": str(max(1, math.ceil(wait)))})


def presented_keys(request: Request) -> list[str] | None:
    """Every key the request presents; None when one header is malformed."""
    keys = []
    auth = request.headers.get("authorization")
    if auth is not None:
        scheme, _, token = auth.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        keys.append(token.strip())
    if (api_key := request.headers.get("x-api-key")) is not None:
        keys.append(api_key.strip())
    return keys


async def require_key(  # a coroutine: in-memory look-ups only, no thread hop (see deps.get_engine)
    request: Request,
    _bearer: HTTPAuthorizationCredentials | None = Depends(_bearer),  # documents the schemes in OpenAPI
    _header: str | None = Depends(_header),
) -> Principal:
    """The caller's key (Bearer or X-API-Key), checked and rate-limited. Every credential the
    request presents must be valid: a bad one beside a good one is still refused. An address with
    too many failures is refused (429) before any key is looked at, so guessing learns nothing."""
    if (wait := failure_wait(request)) > 0:
        raise _too_many_failures(wait)
    try:
        return _authenticate(request)
    except HTTPException as exc:
        if exc.status_code == 401:
            note_failure(request)
        raise


def _authenticate(request: Request) -> Principal:
    keys = presented_keys(request)
    if keys is None:
        raise _unauthorized("malformed Authorization header: use 'Authorization: Bearer <key>'")
    if not keys:
        raise _unauthorized("missing API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'")
    principals = [request.app.state.keys.lookup(k) for k in keys]
    if any(p is None for p in principals):
        raise _unauthorized("invalid API key")
    principal = max(principals, key=lambda p: p.admin)
    request.state.key_name = principal.name
    check_rate(request, principal)
    return principal


async def require_admin(principal: Principal = Depends(require_key)) -> Principal:
    if not principal.admin:
        raise HTTPException(403, f"key {principal.name!r} is not an admin key")
    return principal
