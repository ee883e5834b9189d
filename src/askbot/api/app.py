"""create_app: the FastAPI application, its lifespan (load once, watch for new builds), middleware."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import threading

import anyio
from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from askbot.settings import Settings

from . import errmap, routes_admin, routes_archive, routes_ask, routes_health, routes_page, routes_search
from . import routes_alerts, routes_browse, routes_docs
from . import routes_followups
from .bodylimit import BodyLimitMiddleware
from .holder import EngineHolder, Loader, make_loader
from .logging import AccessLogMiddleware
from .security import KeyRing, RateLimiter
from .sessions import SessionStore

log = logging.getLogger("askbot.api")

MAX_BODY_BYTES = 64 * 1024
DESCRIPTION = """Ask the network's meeting minutes. Every endpoint but `/healthz` and `/readyz`
needs an API key: `Authorization: Bearer <key>` or `X-API-Key: <key>`. Admin endpoints need an
admin key. Answers cite meeting date, agenda item and speaker; `/passages/{id}` shows a cited
passage with the rest of its agenda item."""


def _install_sighup(holder: EngineHolder) -> bool:
    """SIGHUP → reload, when we run on the main thread's loop (not under a test thread)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGHUP"):
        return False
    loop = asyncio.get_running_loop()
    try:
        loop.add_signal_handler(signal.SIGHUP, lambda: asyncio.ensure_future(holder.reload()))
    except (NotImplementedError, RuntimeError, ValueError):
        return False
    return True


def create_app(settings: Settings, *, model=None, loader: Loader | None = None, watch_interval: float = 1.0,
               max_body_bytes: int = MAX_BODY_BYTES, workers: int = 16) -> FastAPI:
    """The service. `model`: an already loaded Embedder to reuse (else it is loaded at start);
    `loader(settings, old_engine, build_id)` overrides how a build is loaded. Engine work runs on
    at most `workers` threads; index/CURRENT is polled every `watch_interval` s (0: never)."""
    loader = loader or make_loader(model)
    keys = KeyRing.from_settings(settings)  # raises ValueError on a malformed key list

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        holder = EngineHolder(settings, loader, limiter=anyio.CapacityLimiter(1))
        app.state.holder = holder
        app.state.work_limiter = anyio.CapacityLimiter(workers)
        first = asyncio.create_task(holder.reload())  # /healthz answers while the model loads
        watcher = asyncio.create_task(holder.watch(watch_interval)) if watch_interval > 0 else None
        hup = _install_sighup(holder)
        try:
            yield
        finally:
            if hup:
                asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
            for task in (first, watcher):
                if task is not None:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task

    app = FastAPI(title="askbot", version="1.0", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None)  # /docs: routes_docs, offline
    app.state.settings = settings
    app.state.keys = keys
    app.state.limiter = RateLimiter(settings.rate_limit_per_minute)
    app.state.login_limiter = RateLimiter(10)
    app.state.sessions = SessionStore(max_per_key=settings.max_sessions_per_key)
    app.state.auth_failures = RateLimiter(settings.auth_failures_per_minute)
    if not len(keys):
        log.warning("no API keys configured: every authenticated request will be refused")

    errmap.install(app)
    for r in (routes_health, routes_ask, routes_search, routes_archive, routes_admin, routes_page, routes_alerts,
              routes_browse, routes_followups):
        app.include_router(r.router)
    routes_docs.install(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(AccessLogMiddleware, log_questions=settings.log_questions)
    app.openapi = lambda: _openapi(app, settings)
    return app


def _openapi(app: FastAPI, settings: Settings) -> dict:
    """The schema, with the configured question length limit (and "not only blanks") written in;
    the handlers check both themselves, to answer with a plain reason."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description,
                             routes=app.routes)
        props = schema["components"]["schemas"]["AskRequest"]["properties"]
        questions = [props["question"]] + [p["schema"] for p in schema["paths"]["/search"]["get"]["parameters"]
                                           if p["name"] == "q"]
        for q in questions:
            q.update(maxLength=settings.max_question_chars, pattern=r"\S")
        app.openapi_schema = schema
    return app.openapi_schema
