"""The JSON shapes other tools rely on (CLI --json, HTTP, the bot). Extend, don't break."""

from __future__ import annotations

from typing import Any

from askbot.minutes.position import page_line
from askbot.types import Answer, Citation, Hit, Meeting, Passage, Person, PersonAnswer


def meeting_ref(m: Meeting) -> dict[str, Any]:
    return {"id": m.id, "date": m.date.isoformat(), "title": m.title}


def hit_to_dict(hit: Hit, meeting: Meeting, person: Person | None, people: list[Person | None] = ()) -> dict[str, Any]:
    """One search hit in the `askbot search --json` shape (DESIGN.md); `people`: all of the passage's actors."""
    p = hit.passage
    return {
        "passage_id": p.id,
        "text": p.text,
        "score": round(float(hit.score), 6),
        "meeting": meeting_ref(meeting),
        "agenda_item": {"number": p.agenda_number, "title": p.agenda_title},
        "speaker": speaker_dict(p, person, people),
        "line_start": p.line_start,
        "line_end": p.line_end,
        "source_path": meeting.source_path,
        **_paged(meeting.source_path, p.line_start),
    }


def _paged(source_path: str, line: int) -> dict[str, Any]:
    """"page" (PDFs, else null) and "page_line" (the line on that page; else the line): "side 1, linje 17"."""
    page, on_page = page_line(source_path, line)
    return {"page": page, "page_line": on_page}


def speaker_dict(p: Passage, person: Person | None, people: list[Person | None] = ()) -> dict[str, Any]:
    """The passage's actor: the label as written, the person, how the minutes attribute it (turn, reported,
    action, attendance, role), the role, and every person when there are several ("A og B mente …")."""
    d = {
        "label": p.speaker_label,
        "name": person.name if person else None,
        "organisation": p.organisation or (person.organisation if person else None),
        "ambiguous": p.ambiguous,
        "person_id": p.person_id,
        "candidates": list(p.candidates),
        "how": p.how,
        "role": p.role,
    }
    if len(p.people_ids) > 1:
        by_id = {x.id: x for x in people if x is not None}
        d["people"] = [{"person_id": i, "name": by_id[i].name if i in by_id else None} for i in p.people_ids]
    return d


def citation_to_dict(c: Citation) -> dict[str, Any]:
    return {
        "passage_id": c.passage_id,
        "meeting": {"id": c.meeting_id, "date": c.meeting_date.isoformat(), "title": c.meeting_title},
        "agenda_item": {"number": c.agenda_number, "title": c.agenda_title},
        "speaker": {
            "label": c.speaker_label,
            "name": c.speaker,
            "organisation": c.organisation,
            "ambiguous": c.ambiguous,
        },
        "quote": c.quote,
        "score": round(float(c.score), 6),
        "source_path": c.source_path,
        "line_start": c.line_start,
        **_paged(c.source_path, c.line_start),
    }


def person_to_dict(p: Person) -> dict[str, Any]:
    return {"id": p.id, "name": p.name, "organisation": p.organisation, "aliases": list(p.aliases)}


def person_answer_to_dict(pa: PersonAnswer) -> dict[str, Any]:
    d = person_to_dict(pa.person)
    d["organisation"] = pa.organisation or pa.person.organisation
    d["current_organisation"] = pa.person.organisation or d["organisation"]
    d["score"] = round(float(pa.score), 6)
    d["citations"] = [citation_to_dict(c) for c in pa.citations]
    return d


def answer_to_dict(a: Answer) -> dict[str, Any]:
    """The Answer as JSON: `askbot ask --json`, `POST /ask`, and what the bot renders."""
    return {
        "query": a.query,
        "language": a.language,
        "kind": a.kind,
        "text": a.text,
        "people": [person_answer_to_dict(p) for p in a.people],
        "hits": [citation_to_dict(c) for c in a.hits],
    }


def passage_to_dict(p: Passage, meeting: Meeting, person: Person | None) -> dict[str, Any]:
    """A passage in the search-hit shape without a score (`GET /passages/{id}`, people pages)."""
    d = hit_to_dict(Hit(p, 0.0), meeting, person)
    del d["score"]
    return d


def meeting_to_dict(m: Meeting, full: bool = False) -> dict[str, Any]:
    """A meeting for listings; `full` adds the attendees and the agenda (`GET /meetings/{id}`)."""
    d = {**meeting_ref(m), "body": m.body, "source_path": m.source_path}
    if full:
        d["attendees"] = [{"name": a.name, "organisation": a.organisation, "role": a.role}
                          for a in m.attendees]
        d["agenda"] = [{"number": a.number, "title": a.title, "line": a.line} for a in m.agenda]
    return d
