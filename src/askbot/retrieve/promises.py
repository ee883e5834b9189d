"""Questions answered from the follow-up records first: "hva lovet X (å gjøre)?" / "what did X promise?"
(X's actions) and "hvem skal Y?" / "who is to Y?" (the owner of the action most like Y). None when no
record fits, so the engine falls back to normal retrieval."""

from __future__ import annotations

import re

import numpy as np

from askbot.types import Answer, Citation, PersonAnswer

from .followthrough import FollowUps, Tracked, describe
from .language import detect_language
from .ownerquote import owner_passage, owner_quote
from .relevance import FLOOR

_PROMISED = re.compile(
    r"^\W*(?:hva|hvad|kva)\s+(?:har\s+)?(?:lovet|lova|lovte|lovede|skal)\s+(?P<no>.+?)(?:\s+(?:å|at)\s+gjøre|\s+gjøre)?"
    r"\W*$|^\W*what\s+(?:did|has|have|will|is)\s+(?P<en>.+?)\s+(?:promised?|agreed?|undert(?:ook|aken)|to\s+do|do)"
    r"(?:\s+to(?:\s+do)?)?\W*$", re.I)
_WHO_TODO = re.compile(r"^\W*(?:hvem|hvem av oss)\s+(?:skal|har ansvar(?:et)? for|er ansvarlig for|følger opp)\s+"
                       r"(?P<task>.+?)\W*$|^\W*who\s+(?:is|are|'s)\s+(?:to|going\s+to|responsible\s+for|"
                       r"following\s+up)\s+(?P<task_en>.+?)\W*$", re.I)
_STOP = {"kontakt", "contact", "should", "skulle"}


def _stems(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[^\W\d_]{5,}", text.casefold())} - _STOP


def _cite(fu: FollowUps, t: Tracked, owner: str | None) -> Citation:
    """The record cited by its passage; the quote holds the owner line under the task (ownerquote.py)."""
    r, m = t.record, fu.meetings[t.record.meeting_id]
    org = next((a.organisation for a in m.attendees if a.name == owner), None)
    row = fu.row(r.passage_id)
    quote = owner_quote(fu.build.passages[row] if row is not None else None, r)
    return Citation(r.meeting_date, m.title, r.agenda_number, r.agenda_title, owner, org, quote, r.passage_id,
                    m.source_path, r.line, 1.0, m.id)


def _cites(fu: FollowUps, t: Tracked, owner: str | None) -> tuple[Citation, ...]:
    """The record's citation, and the owner line's passage when the owner stands in a passage of its own."""
    first = _cite(fu, t, owner)
    q = owner_passage(fu.build.passages, fu.row(t.record.passage_id), t.record)
    if q is None:
        return (first,)
    m = fu.meetings[q.meeting_id]
    return first, Citation(m.date, m.title, q.agenda_number, q.agenda_title, owner, first.organisation, q.text.strip(),
                           q.id, m.source_path, q.line_start, 1.0, m.id)


def asks_followups(query: str) -> bool:
    """Is this a "hva lovet X" / "hvem skal Y" question (so the follow-up records are worth building)?"""
    q = query.strip()
    return bool(_PROMISED.match(q) or _WHO_TODO.match(q))


def promised(fu: FollowUps, query: str) -> Answer | None:
    """X's action items, with follow-through, when the question asks what X promised."""
    q = _PROMISED.match(query.strip())
    who = (q["no"] or q["en"]).strip() if q else ""
    if not who or len(who) > 60:
        return None
    key = who.casefold()
    mine = [t for t in fu.tracked if t.record.kind == "action" and any(
        key == o.casefold() or key in o.casefold().split() or o.casefold().startswith(key + " ")
        for o in t.record.owners)]
    if not mine:
        return None
    lang = detect_language(query)
    owner = next(o for o in mine[0].record.owners if key in o.casefold())
    head = (f"{owner} har lovet å gjøre dette ({len(mine)}):" if lang == "no" else
            f"{owner} promised to do this ({len(mine)}):")
    return Answer(query, lang, "passages", (), tuple(_cite(fu, t, owner) for t in mine),
                  " ".join([head] + [describe(t, lang) for t in mine]))


def who_is_to(fu: FollowUps, query: str, qv: np.ndarray, people: dict[str, object]) -> Answer | None:
    """The owner of the action most like the task the question names ("Hvem skal invitere Statnett?")."""
    q = _WHO_TODO.match(query.strip())
    task = (q["task"] or q["task_en"] or "") if q else ""
    words = _stems(task)
    if not words:
        return None
    scored = []
    for t in fu.tracked:
        r = t.record
        if r.kind != "action" or not r.owners or not words & _stems(r.text):
            continue
        v = fu.vector(r)
        if v is not None:
            scored.append((float(v @ qv), t))
    sim, best = max(scored, key=lambda x: x[0], default=(0.0, None))
    if best is None or sim < FLOOR:
        return None
    lang = detect_language(query)
    owners = best.record.owners
    found = [PersonAnswer(people[o], sim, _cites(fu, best, o)) for o in owners if o in people]
    text = (f"{' og '.join(owners)} skal gjøre dette: " if lang == "no" else f"{' and '.join(owners)} is to do this: ")
    cites = _cites(fu, best, owners[0])
    return Answer(query, lang, "people" if found else "passages", tuple(found), cites,
                  text + describe(best, lang, cites[0].quote))
