"""GET /search: ranked passages (the `askbot search --json` shape)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Request

from askbot.retrieve import Engine
from askbot.settings import Settings

from . import views
from .daterange import INVALID_422, RULE, check_range
from .deps import check_question, get_engine, get_settings, make_filters, run
from .errmap import ERROR_RESPONSES
from .models import SearchOut
from .params import only_known_params
from .security import require_key

router = APIRouter(tags=["search"], dependencies=[Depends(require_key)], responses=ERROR_RESPONSES)


@router.get("/search", response_model=SearchOut, summary="Ranked passages with meeting, agenda item and speaker",
            dependencies=[Depends(only_known_params)], responses=INVALID_422)  # unknown query parameters: 422 naming them
async def search(
    request: Request,
    q: str = Query(..., min_length=1, description="the question or keywords",
                   examples=["hydrogen"]),
    k: int = Query(10, ge=1, le=100),
    meeting: str | None = Query(None, max_length=200, description="meeting id"),
    since: dt.date | None = Query(None, description=f"first meeting date, e.g. 2022-01-01 ({RULE})"),
    until: dt.date | None = Query(None, description="last meeting date (inclusive)"),
    person: str | None = Query(None, max_length=200, description="person id or part of a name"),
    organisation: str | None = Query(None, max_length=200),
    org: str | None = Query(None, max_length=200, description="the same as organisation (the CLI's --org)"),
    engine: Engine = Depends(get_engine),
    settings: Settings = Depends(get_settings),
) -> dict:
    query = check_question(q, settings)
    request.state.question = query
    check_range(since, until, ("query",))
    filters = make_filters(meeting, since, until, person, organisation or org)
    return await run(request, views.search_view, engine, query, k, filters)
