"""GET /followups: decisions and action items of the live build, with follow-through (API key required).

Query: `person`, `org` (part of a name, case-insensitive), `open` (true: actions no minutes report as done),
`since`, `until` (meeting dates, ISO). Bad filters get a 422 naming them (unknown parameters, a date that
is not one, since after until). Response (one object):

    {"build_id", "count", "followups": [{"kind": "decision"|"action", "text", "line",
      "meeting": {"id", "date", "title"}, "agenda_item": {"number", "title"},
      "owners": [str], "owner_kind": "person"|"org"|"secretariat"|"all"|"ambiguous"|"none", "candidates": [str],
      "due": "YYYY-MM-DD"|null, "due_text": str|null, "done": bool, "passage_id",
      "mentions": [{"meeting": {"id", "date"}, "agenda_item": {"number", "title"}, "passage_id", "line",
                    "text", "similarity", "done"}],
      "summary": {"no": str, "en": str}}]}

`done` is true only when the minutes say so: the record's own line or a later mention.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from askbot.retrieve import Engine
from askbot.retrieve.followthrough import Tracked, describe, followups_of

from .deps import get_engine, run
from .errmap import ERROR_RESPONSES
from .params import only_known_params
from .security import require_key

router = APIRouter(tags=["followups"], dependencies=[Depends(require_key)], responses=ERROR_RESPONSES)


def followup_json(t: Tracked, title: str) -> dict:
    r = t.record
    return {
        "kind": r.kind, "text": r.text, "line": r.line,
        "meeting": {"id": r.meeting_id, "date": r.meeting_date.isoformat(), "title": title},
        "agenda_item": {"number": r.agenda_number, "title": r.agenda_title},
        "owners": list(r.owners), "owner_kind": r.owner_kind, "candidates": list(r.candidates),
        "due": r.due.isoformat() if r.due else None, "due_text": r.due_text, "done": t.done,
        "passage_id": r.passage_id,
        "mentions": [{"meeting": {"id": m.meeting_id, "date": m.meeting_date.isoformat()},
                      "agenda_item": {"number": m.agenda_number, "title": m.agenda_title},
                      "passage_id": m.passage_id, "line": m.line, "text": m.text, "similarity": m.similarity,
                      "done": m.done} for m in t.mentions],
        "summary": {"no": describe(t, "no"), "en": describe(t, "en")},
    }


def followups_view(engine: Engine, person, org, open_only, since, until) -> dict:
    fu = followups_of(engine.build)
    rows = fu.select(person, org, open_only, since, until)
    return {"build_id": engine.build_id, "count": len(rows),
            "followups": [followup_json(t, fu.meetings[t.record.meeting_id].title) for t in rows]}


@router.get("/followups", summary="Decisions and action items, with the later meetings that took them up again",
            dependencies=[Depends(only_known_params)])
async def followups(
    request: Request,
    person: str | None = Query(None, min_length=1, max_length=200, description="part of an owner's name"),
    org: str | None = Query(None, min_length=1, max_length=200, description="part of an organisation's name"),
    open: bool = Query(False, description="only actions no minutes report as done"),  # noqa: A002
    since: dt.date | None = Query(None, description="first meeting date, e.g. 2024-01-01"),
    until: dt.date | None = Query(None, description="last meeting date (inclusive)"),
    engine: Engine = Depends(get_engine),
) -> dict:
    if since and until and since > until:
        raise HTTPException(422, f"'since' ({since}) is after 'until' ({until}); 'since' must not be after 'until'")
    return await run(request, followups_view, engine, person, org, open, since, until)
