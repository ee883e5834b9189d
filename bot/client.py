"""Async client of the askbot HTTP service: the bot's only backend.

Retries with exponential back-off on network errors, timeouts and 5xx; after the last
attempt it raises `ServiceUnavailable`, which the bot turns into "try again shortly".
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any
from urllib.parse import quote

import httpx

from askbot.errors import AskbotError

from .pages import valid_passage_id

log = logging.getLogger(__name__)


class ServiceUnavailable(AskbotError):
    """The HTTP service is down, slow, or failing (network error, timeout, 5xx)."""


class ServiceBusy(AskbotError):
    """The service rate-limited us (429)."""

    def __init__(self, retry_after: float):
        self.retry_after = retry_after
        super().__init__(f"rate limited; retry after {retry_after:.0f}s")


class ServiceRefused(AskbotError):
    """The service refused the request (4xx other than 429), with its reason."""

    def __init__(self, status: int, reason: str):
        self.status, self.reason = status, reason
        super().__init__(f"{status}: {reason}")


class NotFound(ServiceRefused):
    """404: the passage (or other resource) does not exist (any more)."""


class ServiceClient:
    """A thin async wrapper over the service's JSON endpoints."""

    def __init__(
        self,
        base_url: str,
        api_key: str = "",
        *,
        timeout: float = 15.0,
        retries: int = 3,
        backoff: float = 0.3,
        deadline: float = 20.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ):
        headers = {"User-Agent": "askbot-telegram"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        self.retries, self.backoff, self.deadline = retries, backoff, deadline
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers=headers,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            transport=transport,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def _request(self, method: str, path: str, accept: tuple[int, ...] = (), **kw: Any) -> Any:
        last, started = "", time.monotonic()
        for attempt in range(self.retries + 1):
            if attempt:
                delay = self.backoff * 2 ** (attempt - 1)
                if time.monotonic() - started + delay > self.deadline:
                    break  # the user has waited long enough: say "try again shortly"
                await asyncio.sleep(delay)
            try:
                r = await self._http.request(method, path, **kw)
            except httpx.HTTPError as exc:  # connect/read errors and timeouts
                last = f"{type(exc).__name__}"
                log.warning("service %s %s failed (%s), attempt %d", method, path, last, attempt + 1)
                continue
            if r.status_code in accept:
                return r.json()
            if r.status_code >= 500:
                last = f"HTTP {r.status_code}"
                log.warning("service %s %s returned %d, attempt %d", method, path, r.status_code, attempt + 1)
                continue
            if r.status_code == 429:
                raise ServiceBusy(_retry_after(r))
            if r.status_code == 401:  # misconfigured, not the user's fault: log it, tell them "shortly"
                log.error("the service refused the bot's API key (401); check ASKBOT_API_KEY")
                raise ServiceUnavailable(f"{method} {path}: 401 {_reason(r)}")
            if r.status_code >= 400:
                cls = NotFound if r.status_code == 404 else ServiceRefused
                raise cls(r.status_code, _reason(r))
            return r.json()
        raise ServiceUnavailable(f"{method} {path}: {last}")

    async def ask(self, question: str, k: int = 10, filters: dict | None = None) -> dict:
        body: dict[str, Any] = {"question": question, "k": k}
        if filters:
            body["filters"] = filters
        return await self._request("POST", "/ask", json=body)

    async def search(self, q: str, k: int = 10) -> dict:
        return await self._request("GET", "/search", params={"q": q, "k": k})

    async def passage(self, passage_id: str) -> dict:
        """GET /passages/{id}, the id checked for the service's shape and percent-encoded whole
        (so '#', '?', '/' or a newline in it can never change which URL is asked for)."""
        if not valid_passage_id(passage_id):
            raise ServiceRefused(400, "not a passage id")
        return await self._request("GET", "/passages/" + quote(passage_id, safe=""))

    async def alerts(self, topic: str, since_build: str) -> dict:
        """GET /alerts: the passages the live build added since `since_build` that answer `topic`."""
        return await self._request("GET", "/alerts", params={"topic": topic, "since_build": since_build})

    async def ready(self) -> dict:
        """/readyz, ready or not: {ready, reason, build_id, model_id, passage_count}."""
        return await self._request("GET", "/readyz", accept=(503,))

    async def reload(self, admin_key: str | None = None) -> dict:
        headers = {"Authorization": f"Bearer {admin_key}"} if admin_key else None
        return await self._request("POST", "/admin/reload", headers=headers)


def _retry_after(r: httpx.Response) -> float:
    try:
        return max(1.0, float(r.headers.get("Retry-After", "5")))
    except ValueError:
        return 5.0


def _reason(r: httpx.Response) -> str:
    try:
        body = r.json()
    except ValueError:
        return r.text[:200]
    detail = body.get("detail", body) if isinstance(body, dict) else body
    if isinstance(detail, list):  # FastAPI validation errors
        detail = "; ".join(str(d.get("msg", d)) if isinstance(d, dict) else str(d) for d in detail)
    return str(detail)[:200]
