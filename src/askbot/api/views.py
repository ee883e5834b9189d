"""Engine results shaped as JSON-ready dicts; shared by the JSON routes and the page. Blocking: run in a worker."""

from __future__ import annotations

from askbot.jsonshapes import answer_to_dict, hit_to_dict, meeting_ref, meeting_to_dict, passage_to_dict, person_to_dict
from askbot.retrieve import Engine
from askbot.types import Filters, Passage


def _lookup(engine: Engine):
    meetings: dict = {}
    people: dict = {}

    def meeting(mid: str):
        if mid not in meetings:
            meetings[mid] = engine.meeting(mid)
        return meetings[mid]

    def person(pid: str | None):
        if pid is None:
            return None
        if pid not in people:
            people[pid] = engine.person(pid)
        return people[pid]

    return meeting, person


def ask_view(engine: Engine, question: str, k: int, filters: Filters | None) -> dict:
    return answer_to_dict(engine.ask(question, k=k, filters=filters))


def search_view(engine: Engine, query: str, k: int, filters: Filters | None) -> dict:
    meeting, person = _lookup(engine)
    hits = engine.search(query, k=k, filters=filters)
    return {"query": query,
            "hits": [hit_to_dict(h, meeting(h.passage.meeting_id), person(h.passage.person_id),
                                 [person(i) for i in h.passage.people_ids]) for h in hits]}


def _passages(engine: Engine, passages: list[Passage]) -> list[dict]:
    meeting, person = _lookup(engine)
    return [passage_to_dict(p, meeting(p.meeting_id), person(p.person_id)) for p in passages]


def passage_view(engine: Engine, passage_id: str) -> dict | None:
    p = engine.passage(passage_id)
    if p is None:
        return None
    around = engine.neighbours(passage_id) or [p]
    if all(q.id != p.id for q in around):
        around = sorted([*around, p], key=lambda q: q.line_start)
    return {"passage": _passages(engine, [p])[0], "neighbours": _passages(engine, around)}


def meetings_view(engine: Engine) -> dict:
    return {"meetings": [meeting_to_dict(m) for m in engine.meetings()]}


def meeting_view(engine: Engine, meeting_id: str) -> dict | None:
    m = engine.meeting(meeting_id)
    return None if m is None else meeting_to_dict(m, full=True)


def people_view(engine: Engine) -> dict:
    return {"people": [person_to_dict(p) for p in sorted(engine.people(), key=lambda p: p.name)]}


def person_view(engine: Engine, person_id: str) -> dict | None:
    person = engine.person(person_id)
    if person is None:
        return None
    groups: dict[str, dict] = {}
    meeting, _ = _lookup(engine)
    for p in engine.passages_by_person(person_id):
        m = meeting(p.meeting_id)
        g = groups.setdefault(m.id, {"meeting": meeting_ref(m), "passages": []})
        g["passages"].append(passage_to_dict(p, m, person))
    return {**person_to_dict(person), "meetings": list(groups.values())}
