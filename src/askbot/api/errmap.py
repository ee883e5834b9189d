"""askbot's named errors and request errors → 4xx/503 JSON with a reason; never a traceback."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from askbot.errors import AskbotError, IndexStoreError, ModelError, QueryError

from .models import ErrorBody

log = logging.getLogger("askbot.api")

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "invalid_request",
         429: "rate_limited", 503: "not_ready"}

# Documented on every authenticated route, so the OpenAPI schema lists what a client can get.
ERROR_RESPONSES = {
    code: {"model": ErrorBody, "description": desc}
    for code, desc in {400: "malformed request (e.g. a body that is not UTF-8 JSON)",
                       401: "missing or invalid API key", 413: "request body too large",
                       422: "invalid request (with a reason)", 429: "rate limit exceeded (see Retry-After)",
                       503: "no index loaded yet (see /readyz)"}.items()
}
NOT_FOUND = {404: {"model": ErrorBody, "description": "unknown id"}}


def error(status: int, detail: str, headers: dict | None = None, errors: list | None = None) -> JSONResponse:
    body = {"detail": detail, "error": CODES.get(status, "error")}
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, headers=headers)


def _field_errors(exc: RequestValidationError) -> tuple[str, list]:
    errs = []
    for e in exc.errors():
        loc = ".".join(str(x) for x in e.get("loc", ()) if x != "body") or "body"
        errs.append({"field": loc, "message": e.get("msg", "invalid"), "type": e.get("type", "")})
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errs[:5]) or "invalid request"
    return summary, errs


def install(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        summary, errs = _field_errors(exc)
        return error(422, summary, errors=errs)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, exc: QueryError):
        return error(422, str(exc))

    @app.exception_handler(IndexStoreError)
    @app.exception_handler(ModelError)
    async def not_ready(request: Request, exc: AskbotError):
        return error(503, f"not ready: {exc}", {"Retry-After": "5"})

    @app.exception_handler(AskbotError)
    async def askbot_error(request: Request, exc: AskbotError):
        return error(400, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.error("unhandled error", exc_info=exc,
                  extra={"fields": {"method": request.method, "path": request.url.path}})
        return error(500, "internal error; it has been logged")
