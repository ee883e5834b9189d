"""Structured logging: one JSON line per request (method, path, status, latency_ms, key name, and
the client address: the peer, or X-Forwarded-For from ASKBOT_TRUSTED_PROXIES).

The API key itself is never logged (only its configured name), nor the query string, and a
question's text only when ASKBOT_LOG_QUESTIONS is on (it is logged at DEBUG otherwise).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import time

access_log = logging.getLogger("askbot.access")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {
            "ts": dt.datetime.fromtimestamp(record.created, dt.timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        out.update(getattr(record, "fields", None) or {})
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def configure_logging(level: int = logging.INFO) -> None:
    """JSON lines on stderr for askbot's loggers (and uvicorn's own messages)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    for name in ("askbot", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


class AccessLogMiddleware:
    """Pure ASGI, so it sees the final status of every response, 413s and 500s included."""

    def __init__(self, app, log_questions: bool = False):
        self.app, self.log_questions = app, log_questions

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        start = time.perf_counter()
        status = 500
        state = scope.setdefault("state", {})  # request.state writes the key name here

        async def send_wrapper(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            fields = {
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "latency_ms": round((time.perf_counter() - start) * 1000, 2),
                "key": state.get("key_name"),
                "client": (scope.get("client") or ("unknown",))[0],
            }
            question = state.get("question")
            if question is not None and self.log_questions:
                fields["question"] = question
            access_log.info("request", extra={"fields": fields})
            if question is not None and not self.log_questions and access_log.isEnabledFor(logging.DEBUG):
                access_log.debug("question", extra={"fields": {"path": scope["path"], "question": question}})
