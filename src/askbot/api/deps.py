"""Request dependencies: the live engine (503 until one is loaded) and running work off the loop."""

from __future__ import annotations

from functools import partial
from typing import Any, Callable, TypeVar

import anyio
from fastapi import HTTPException, Request

from askbot.errors import QueryError
from askbot.retrieve import Engine
from askbot.settings import Settings
from askbot.types import Filters

from . import threads

T = TypeVar("T")


class NotReady(HTTPException):
    def __init__(self, reason: str | None):
        super().__init__(503, f"not ready: {reason or 'no index loaded'}", headers={"Retry-After": "5"})


# The dependencies below never block, so they are coroutines: FastAPI runs a plain `def` dependency
# on the worker thread pool, a thread hop each (≈0.1 ms of CPU and two GIL hand-overs per request).
async def get_engine(request: Request) -> Engine:
    """The engine serving this request; it stays this request's even if a reload swaps it."""
    holder = request.app.state.holder
    engine = holder.engine
    if engine is None:
        raise NotReady(holder.reason)
    return engine


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def run(request: Request, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run blocking engine work (encoding, FAISS, SQLite) in the bounded worker pool."""
    return await anyio.to_thread.run_sync(partial(threads.call, fn, *args, **kwargs),
                                          limiter=request.app.state.work_limiter)


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u200e\u200f"), None)


def check_question(question: str, settings: Settings) -> str:
    q = question.strip()
    if not q.translate(_INVISIBLE).strip():
        raise QueryError("the question is empty" if not q else "the question has no visible characters")
    if len(q) > settings.max_question_chars:
        raise QueryError(f"the question is {len(q)} characters long; the limit is "
                         f"{settings.max_question_chars}")
    return q


def make_filters(meeting: str | None = None, since=None, until=None, person: str | None = None,
                 organisation: str | None = None) -> Filters | None:
    if since and until and since > until:
        raise QueryError(f"'since' ({since}) is after 'until' ({until})")
    f = Filters(meeting=meeting or None, since=since, until=until, person=person or None,
                organisation=organisation or None)
    return None if f == Filters() else f
