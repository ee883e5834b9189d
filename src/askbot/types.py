"""Typed records shared by every layer (frozen dataclasses; pydantic only at the edges)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Line:
    """One line of a source file, with its 1-based line number (or page*1000+line for PDF)."""

    number: int
    text: str


@dataclass(frozen=True)
class Document:
    """A file read into lines, plus any front-matter metadata."""

    path: str
    lines: tuple[Line, ...]
    metadata: dict = field(default_factory=dict, hash=False, compare=False)
    front: tuple[Line, ...] = field(default=(), compare=False)  # the front matter's own lines (attendance cites them)


@dataclass(frozen=True)
class Attendee:
    """One roster entry: a person (or a member organisation) listed as present, absent or in attendance."""

    name: str
    organisation: str | None = None
    role: str | None = None  # as written: "møteleder", "Chairman", "Locum Clerk", "sekretariat"
    initials: tuple[str, ...] = ()  # as written ("AS") or derived from the name
    absent: bool = False  # listed under Forfall / Meldt fravær / Apologies / Absent
    substitute_for: str | None = None  # "vara for X", "on behalf of X"
    kind: str = "person"  # "person" | "org"
    line: int = field(default=0, compare=False)  # where the entry is written (not part of its identity)


@dataclass(frozen=True)
class HeaderLine:
    """A header line naming roster members ("Tidtaker: Ola Hansen"): a record of theirs at this meeting."""

    line: Line
    names: tuple[str, ...]  # the members it names
    any_absent: bool
    all_absent: bool


@dataclass(frozen=True)
class AgendaItem:
    number: str  # "3", "14/07", "AD 2"
    title: str
    line: int


@dataclass(frozen=True)
class Meeting:
    id: str  # stable: derived from the source file stem
    date: dt.date
    title: str
    body: str  # the network / committee
    source_path: str
    attendees: tuple[Attendee, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()


@dataclass(frozen=True)
class Person:
    id: str  # stable slug of the full name
    name: str
    organisation: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Passage:
    """One agenda item x speaker turn (or part of a long turn), verbatim."""

    id: str  # "<meeting_id>.<seq:03d>", stable while the file is unchanged
    meeting_id: str
    agenda_number: str
    agenda_title: str
    speaker_label: str | None  # as written in the minutes; None for item-level text
    person_id: str | None
    ambiguous: bool
    text: str
    line_start: int
    line_end: int
    content_hash: str
    candidates: tuple[str, ...] = ()  # person ids when ambiguous
    organisation: str | None = None  # the speaker's organisation at this meeting
    how: str | None = None  # how the actor was found: turn | reported | action | attendance | role
    role: str | None = None  # the actor's role here: chair, clerk, absent, … (normalised)
    actors: tuple[str, ...] = ()  # roster names the minutes attribute this passage to (when not a turn label)
    people_ids: tuple[str, ...] = ()  # every person the passage is attributed to (filled by people/)


@dataclass(frozen=True)
class ParsedMinutes:
    meeting: Meeting
    passages: tuple[Passage, ...]
    warnings: tuple[str, ...] = ()
    people: tuple[Person, ...] = ()  # filled by PeopleRegistry.resolve: everyone its passages name


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    dense_rank: int | None = None
    lexical_rank: int | None = None
    similarity: float | None = None  # cosine of query and passage (dense), for "no good match"


@dataclass(frozen=True)
class Filters:
    meeting: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    person: str | None = None  # person id or (part of) a name
    organisation: str | None = None


@dataclass(frozen=True)
class Citation:
    meeting_date: dt.date
    meeting_title: str
    agenda_number: str
    agenda_title: str
    speaker: str | None  # resolved full name, else the label
    organisation: str | None
    quote: str  # verified to occur verbatim in the passage text
    passage_id: str
    source_path: str
    line_start: int
    score: float = 0.0
    meeting_id: str = ""
    speaker_label: str | None = None
    ambiguous: bool = False


@dataclass(frozen=True)
class PersonAnswer:
    person: Person
    score: float
    citations: tuple[Citation, ...]
    organisation: str | None = None  # as of the cited meeting


AnswerKind = Literal["people", "passages", "none"]


@dataclass(frozen=True)
class Answer:
    query: str
    language: str  # "no" | "en"
    kind: AnswerKind
    people: tuple[PersonAnswer, ...]
    hits: tuple[Citation, ...]
    text: str


@dataclass(frozen=True)
class FollowUp:
    """A decision or an action item, verbatim from the minutes (minutes/followups.py)."""

    kind: str  # "decision" | "action"
    meeting_id: str
    meeting_date: dt.date
    agenda_number: str
    agenda_title: str
    text: str  # the line as written
    line: int
    owners: tuple[str, ...] = ()  # roster names, "the secretariat", an organisation, "all members"
    owner_kind: str = "none"  # person | org | secretariat | all | ambiguous | none
    candidates: tuple[str, ...] = ()  # roster names when the owner is ambiguous
    due: dt.date | None = None
    due_text: str | None = None  # as written: "innen 1. september", "by the next meeting"
    done: bool = False  # only when the minutes say so ("gjennomført", "ferdig", "done", "completed")
    passage_id: str = ""
