"""Engine results shaped as JSON-ready dicts; shared by the JSON routes and the page. Blocking: run in a worker."""

from __future__ import annotations

import weakref

from askbot.jsonshapes import answer_to_dict, hit_to_dict, meeting_ref, meeting_to_dict, passage_to_dict, person_to_dict
from askbot.retrieve import Engine
from askbot.types import Filters, Passage

from .routes_followups import followups_view


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


# --- the staff page's browse views (the JSON routes above stay as they are) ---------------------

def file_name(path: str) -> str:
    """Only the file's name, never the server's folders (either slash)."""
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _for_page(engine: Engine, shaped: list[dict]) -> list[dict]:
    """Passages as the page shows them: candidates by name (the API keeps ids), no server path."""
    for d in shaped:
        sp = d["speaker"]
        sp["candidates"] = [(engine.person(c).name if engine.person(c) else c) for c in sp["candidates"]]
        d.pop("source_path", None)
        d["file_name"] = file_name(engine.meeting(d["meeting"]["id"]).source_path)
    return shaped


def passage_page_view(engine: Engine, passage_id: str) -> dict | None:
    view = passage_view(engine, passage_id)
    if view is not None:
        _for_page(engine, [view["passage"], *view["neighbours"]])
    return view


def _meeting_page(m) -> dict:
    d = meeting_to_dict(m, full=True)
    for a, out in zip(m.attendees, d["attendees"]):
        out.update(absent=a.absent, substitute_for=a.substitute_for, kind=a.kind)
    d["present"] = [a for a in d["attendees"] if not a["absent"]]
    d["absent"] = [a for a in d["attendees"] if a["absent"]]
    d["file_name"] = file_name(m.source_path)
    del d["source_path"]  # the page shows no server paths
    return d


def meetings_page_view(engine: Engine) -> dict:
    return {"meetings": [_meeting_page(m) for m in engine.meetings()]}


def meeting_page_view(engine: Engine, meeting_id: str) -> dict | None:
    """A meeting with its agenda items in order, each with its passages (document order)."""
    m = engine.meeting(meeting_id)
    if m is None:
        return None
    d = _meeting_page(m)
    own = sorted((p for p in engine.build.passages if p.meeting_id == m.id), key=lambda p: (p.line_start, p.id))
    items = {a["number"]: {**a, "passages": []} for a in d["agenda"]}
    for p, shaped in zip(own, _for_page(engine, _passages(engine, own))):
        item = items.setdefault(p.agenda_number, {"number": p.agenda_number, "title": p.agenda_title,
                                                  "line": p.line_start, "passages": []})
        item["passages"].append(shaped)
    d["sections"] = sorted(items.values(), key=lambda i: i["line"])
    for n, sec in enumerate(d["sections"], 1):
        sec["anchor"] = f"item-{n}"
    return d


def org_history(groups: list[dict], fallback: str | None) -> list[str]:
    """Organisations from the person's passages, newest first, each once: ["Fredrikstad kommune", "Søndre Viken"]."""
    seen: list[str] = []
    for g in reversed(groups):  # groups are oldest first
        for p in g["passages"]:
            org = p["speaker"]["organisation"]
            if org and org not in seen:
                seen.append(org)
    return seen or ([fallback] if fallback else [])


def person_page_view(engine: Engine, person_id: str) -> dict | None:
    d = person_view(engine, person_id)
    if d is None:
        return None
    for g in d["meetings"]:
        _for_page(engine, g["passages"])
    d["organisations"] = org_history(d["meetings"], d["organisation"])
    return d


def person_followups(engine: Engine, name: str) -> list[dict]:
    """The decisions and actions `name` owns, as GET /followups gives them (not those where they are
    only one of an ambiguous owner's candidates)."""
    return [f for f in followups_view(engine, name, None, False, None, None)["followups"] if name in f["owners"]]


_PEOPLE: weakref.WeakKeyDictionary[Engine, dict] = weakref.WeakKeyDictionary()


def people_page_view(engine: Engine) -> dict:
    """Everyone, with the organisation history and how many meetings they raised something in.
    Computed once per loaded build (the engine is replaced on reload)."""
    if engine not in _PEOPLE:
        people = []
        for person in sorted(engine.people(), key=lambda p: p.name):
            d = person_page_view(engine, person.id)
            people.append({k: d[k] for k in ("id", "name", "organisations", "aliases")}
                          | {"meetings": len(d["meetings"])})
        _PEOPLE[engine] = {"people": people}
    return _PEOPLE[engine]
