"""Follow-ups of an open build, each with the later meetings that took it up again ("nevnt igjen").

Records come from `minutes.followups.extract` over the build's own meetings and passages (no file
needed). A later passage is follow-through evidence for an action when it names the same owner (as
an actor or in its words) and one of its stored unit vectors is within SIMILAR of the action's own
unit vector and they share a content word (a 6-letter stem that is not the owner's name): no text
is encoded, so serving needs no extra model work. An action is done only when
its own line or an evidence passage says so ("gjennomført", "ferdig", "done", "completed").
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np

from askbot.index.store import OpenBuild
from askbot.index.units import segments
from askbot.minutes.followlist import select
from askbot.minutes.followups import extract
from askbot.types import FollowUp, ParsedMinutes, Passage

SIMILAR = 0.90  # cosine of an action's unit to a later unit. Measured on tests/minutes/followthrough and the
#                 layouts: the same task taken up again 0.91–0.98, the same owner on another topic 0.86–0.91,
#                 so the shared content word decides between those (no cosine alone separated them).
_COMMON = {"orient", "fortal", "nettve", "medlem", "kommun", "region", "sekret", "referat", "presen", "møtene"}
_DONE = re.compile(r"\b(gjennomført|gjennomførd|ferdig|ferdigstilt|done|completed|fullført)\b", re.I)


@dataclass(frozen=True)
class Mention:
    """A later passage that takes a follow-up up again."""

    meeting_id: str
    meeting_date: object
    agenda_number: str
    agenda_title: str
    passage_id: str
    line: int
    text: str  # the passage's unit that matched, verbatim
    similarity: float
    done: bool  # the passage says the task is done


@dataclass(frozen=True)
class Tracked:
    record: FollowUp
    mentions: tuple[Mention, ...] = ()

    @property
    def done(self) -> bool:
        return self.record.done or any(m.done for m in self.mentions)


class FollowUps:
    """Every decision and action of one build, with follow-through, filterable like `askbot followups`."""

    def __init__(self, build: OpenBuild):
        self.build = build
        self.meetings = {m.id: m for m in build.meetings}
        self._row = {p.id: i for i, p in enumerate(build.passages)}
        self._start = np.searchsorted(build.owner, np.arange(len(build.passages) + 1))
        names = {p.id: p.name for p in build.people}
        self._who = [set(p.actors) | {names[i] for i in (p.person_id, *p.people_ids) if i in names}
                     for p in build.passages]
        by_meeting: dict[str, list[Passage]] = {}
        for p in build.passages:
            by_meeting.setdefault(p.meeting_id, []).append(p)
        known = tuple({a.name for m in build.meetings for a in m.attendees if a.kind == "person"})
        records = [r for m in build.meetings
                   for r in extract(ParsedMinutes(m, tuple(by_meeting.get(m.id, ()))), known)]
        self.tracked = [Tracked(r, self._mentions(r)) if r.kind == "action" else Tracked(r) for r in records]

    def row(self, passage_id: str) -> int | None:
        """The passage's row in the build."""
        return self._row.get(passage_id)

    def _units(self, row: int) -> np.ndarray:
        a, b = int(self._start[row]), int(self._start[row + 1])
        return np.stack([self.build.vectors.reconstruct(i) for i in range(a, b)])

    def vector(self, r: FollowUp) -> np.ndarray | None:
        """The stored unit vector of the record's own words: its segment, else its whole passage."""
        row = self._row.get(r.passage_id)
        if row is None:
            return None
        units, segs = self._units(row), segments(self.build.passages[row].text)
        j = next((k + 1 for k, s in enumerate(segs) if r.text in s or s in r.text), 0)
        return units[j]

    def _owns(self, r: FollowUp, row: int) -> bool:
        p = self.build.passages[row]
        if r.owner_kind == "secretariat":
            return "sekretariat" in p.text.casefold() or any("sekretariat" in (a.role or "")
                                                             for a in self.meetings[p.meeting_id].attendees
                                                             if a.name in self._who[row])
        return any(o in self._who[row] or o in p.text for o in r.owners) if r.owners and r.owner_kind != "all" else False

    def _mentions(self, r: FollowUp) -> tuple[Mention, ...]:
        v = self.vector(r)
        if v is None:
            return ()
        out = []
        for row, p in enumerate(self.build.passages):
            m = self.meetings[p.meeting_id]
            if m.date <= r.meeting_date or p.how in ("attendance", "role") or not self._owns(r, row):
                continue
            sims = self._units(row) @ v
            j = int(np.argmax(sims))
            segs = segments(p.text)
            text = p.text if j == 0 or not segs else segs[j - 1]
            if sims[j] >= SIMILAR and _stems(text, r.owners) & _stems(r.text, r.owners):
                out.append(Mention(m.id, m.date, p.agenda_number, p.agenda_title, p.id, p.line_start, text,
                                   round(float(sims[j]), 3), bool(_DONE.search(text))))
        return tuple(sorted(out, key=lambda x: (x.meeting_date, x.line)))

    def select(self, person: str | None = None, org: str | None = None, open_only: bool = False,
               since=None, until=None) -> list[Tracked]:
        """As `minutes.followlist.select`; `open_only` also drops actions a later meeting reports done."""
        keep = {id(r) for r in select((t.record for t in self.tracked), self.meetings, person, org, False, since,
                                      until)}
        out = [t for t in self.tracked if id(t.record) in keep and not (open_only and (t.record.kind != "action"
                                                                                     or t.done))]
        return sorted(out, key=lambda t: (t.record.meeting_date, t.record.meeting_id, t.record.line))


def _stems(text: str, owners: tuple[str, ...]) -> set[str]:
    names = {w[:6] for o in owners for w in o.casefold().split()}
    return {w[:6] for w in re.findall(r"[^\W\d_]{6,}", text.casefold())} - names - _COMMON


_CACHE: dict[str, FollowUps] = {}
_LOCK = threading.Lock()


def followups_of(build: OpenBuild) -> FollowUps:
    """The build's follow-ups, computed once per build (the Engine's build is read-only)."""
    key = f"{build.path}"
    with _LOCK:
        if key not in _CACHE:
            if len(_CACHE) >= 4:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = FollowUps(build)
        return _CACHE[key]


def describe(t: Tracked, lang: str = "no", quote: str | None = None) -> str:
    """One line a member reads: the words (`quote`, else the record's), meeting and item, due date, mentions
    again, done if the minutes say so."""
    r, no = t.record, lang == "no"
    bits = [f"{r.meeting_date:%d.%m.%Y}, {'sak' if no else 'item'} {r.agenda_number or '-'}"]
    if r.due or r.due_text:
        bits.append(("frist " if no else "due ") + (f"{r.due:%d.%m.%Y}" if r.due else r.due_text))
    for m in t.mentions:
        bits.append(f"{'nevnt igjen' if no else 'mentioned again'} {m.meeting_date:%d.%m.%Y}, "
                    f"{'sak' if no else 'item'} {m.agenda_number or '-'}")
    done = next((m for m in t.mentions if m.done), None)
    if r.done or done:
        when = f" {done.meeting_date:%d.%m.%Y}" if done else ""
        bits.append(f"gjennomført ifølge referatet{when}" if no else f"done according to the minutes{when}")
    return f"«{quote or r.text}» ({'; '.join(bits)})"
