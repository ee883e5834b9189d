"""Refuse request bodies over a size limit with 413 and a reason (ASGI middleware)."""

from __future__ import annotations

import json

from starlette.exceptions import HTTPException


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(413, f"request body too large: the limit is {limit} bytes")


DRAIN_BYTES = 4 * 1024 * 1024  # read (and drop) up to this much of a refused body, so the client sees the 413


async def _drain(receive, budget: int) -> None:
    """Consume what is left of a refused body (up to `budget` bytes): answering while the client is
    still sending and then closing would reset the connection before it reads the response."""
    while budget > 0:
        message = await receive()
        if message["type"] != "http.request":
            return
        budget -= len(message.get("body", b""))
        if not message.get("more_body", False):
            return


class BodyLimitMiddleware:
    """Checks Content-Length up front, and counts the bytes of chunked bodies as they arrive."""

    def __init__(self, app, max_bytes: int):
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_bytes
            except ValueError:
                return await self._refuse(send, 400, "invalid Content-Length header")
            if too_big:
                if int(length) <= DRAIN_BYTES:
                    await _drain(receive, DRAIN_BYTES)
                return await self._refuse(send, 413, BodyTooLarge(self.max_bytes).detail)
        received = 0
        started = exceeded = False

        async def limited_receive():
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    exceeded = True
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
            if exceeded:  # the app answered 413 itself; still take in the rest before closing
                await _drain(receive, DRAIN_BYTES)
        except BodyTooLarge as exc:
            if started:
                raise
            await _drain(receive, DRAIN_BYTES)
            await self._refuse(send, 413, exc.detail)

    @staticmethod
    async def _refuse(send, status: int, detail: str) -> None:
        body = json.dumps({"detail": detail, "error": "too_large" if status == 413 else "bad_request"}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})
