"""The archive itself: passages (what a citation links to), meetings, people."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Path, Request

from askbot.retrieve import Engine

from . import views
from .deps import get_engine, run
from .errmap import ERROR_RESPONSES, NOT_FOUND
from .models import MeetingDetail, MeetingList, PassageView, PeopleList, PersonDetail
from .security import require_key

router = APIRouter(tags=["archive"], dependencies=[Depends(require_key)], responses=ERROR_RESPONSES)



def Id():  # noqa: N802 - a fresh Path() per route: FastAPI binds a param object to one name
    return Path(..., min_length=1, max_length=300)


def _found(value, kind: str, ident: str):
    if value is None:
        raise HTTPException(404, f"no {kind} with id {ident!r}")
    return value


@router.get("/passages/{passage_id}", response_model=PassageView, responses=NOT_FOUND,
            summary="A passage with every passage of its agenda item")
async def passage(request: Request, passage_id: str = Id(), engine: Engine = Depends(get_engine)) -> dict:
    return _found(await run(request, views.passage_view, engine, passage_id), "passage", passage_id)


@router.get("/meetings", response_model=MeetingList, summary="Every meeting, oldest first")
async def meetings(request: Request, engine: Engine = Depends(get_engine)) -> dict:
    return await run(request, views.meetings_view, engine)


@router.get("/meetings/{meeting_id}", response_model=MeetingDetail, responses=NOT_FOUND,
            summary="A meeting's agenda and attendees")
async def meeting(request: Request, meeting_id: str = Id(), engine: Engine = Depends(get_engine)) -> dict:
    return _found(await run(request, views.meeting_view, engine, meeting_id), "meeting", meeting_id)


@router.get("/people", response_model=PeopleList, summary="Everyone who speaks in the minutes")
async def people(request: Request, engine: Engine = Depends(get_engine)) -> dict:
    return await run(request, views.people_view, engine)


@router.get("/people/{person_id}", response_model=PersonDetail, responses=NOT_FOUND,
            summary="What a person has raised, meeting by meeting")
async def person(request: Request, person_id: str = Id(), engine: Engine = Depends(get_engine)) -> dict:
    return _found(await run(request, views.person_view, engine, person_id), "person", person_id)
