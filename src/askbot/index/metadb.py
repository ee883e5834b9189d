"""The SQLite metadata of a build: meetings, people and passages (row = FAISS row id)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from askbot.types import AgendaItem, Attendee, Meeting, Passage, Person

SCHEMA = """
CREATE TABLE meetings (id TEXT PRIMARY KEY, date TEXT NOT NULL, title TEXT, body TEXT,
  source_path TEXT, attendees TEXT, agenda TEXT);
CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT NOT NULL, organisation TEXT, aliases TEXT);
CREATE TABLE passages (row INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, meeting_id TEXT NOT NULL,
  agenda_number TEXT, agenda_title TEXT, speaker_label TEXT, person_id TEXT, ambiguous INTEGER,
  candidates TEXT, organisation TEXT, text TEXT NOT NULL, line_start INTEGER, line_end INTEGER,
  content_hash TEXT NOT NULL, how TEXT, role TEXT, actors TEXT, people_ids TEXT);
CREATE INDEX passages_person ON passages(person_id);
CREATE INDEX passages_meeting ON passages(meeting_id);
"""


def write(path: Path, meetings: list[Meeting], people: list[Person], passages: list[Passage]) -> None:
    """Write a fresh metadata database; passages are stored in FAISS row order."""
    con = sqlite3.connect(path)
    try:
        con.executescript(SCHEMA)
        con.executemany(
            "INSERT INTO meetings VALUES (?,?,?,?,?,?,?)",
            [
                (m.id, m.date.isoformat(), m.title, m.body, m.source_path,
                 json.dumps([a.__dict__ for a in m.attendees], ensure_ascii=False),
                 json.dumps([a.__dict__ for a in m.agenda], ensure_ascii=False))
                for m in meetings
            ],
        )
        con.executemany(
            "INSERT INTO people VALUES (?,?,?,?)",
            [(p.id, p.name, p.organisation, json.dumps(list(p.aliases), ensure_ascii=False)) for p in people],
        )
        con.executemany(
            "INSERT INTO passages VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (row, p.id, p.meeting_id, p.agenda_number, p.agenda_title, p.speaker_label, p.person_id,
                 int(p.ambiguous), json.dumps(list(p.candidates)), p.organisation, p.text,
                 p.line_start, p.line_end, p.content_hash, p.how, p.role,
                 json.dumps(list(p.actors), ensure_ascii=False), json.dumps(list(p.people_ids)))
                for row, p in enumerate(passages)
            ],
        )
        con.commit()
    finally:
        con.close()


def read(path: Path) -> tuple[list[Meeting], list[Person], list[Passage]]:
    """Read everything back (passages in row order)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        meetings = [
            Meeting(id=r[0], date=dt.date.fromisoformat(r[1]), title=r[2], body=r[3], source_path=r[4],
                    attendees=tuple(_attendee(a) for a in json.loads(r[5])),
                    agenda=tuple(AgendaItem(**a) for a in json.loads(r[6])))
            for r in con.execute("SELECT * FROM meetings ORDER BY date, id")
        ]
        people = [
            Person(id=r[0], name=r[1], organisation=r[2], aliases=tuple(json.loads(r[3])))
            for r in con.execute("SELECT * FROM people ORDER BY name")
        ]
        passages = [
            Passage(id=r[1], meeting_id=r[2], agenda_number=r[3], agenda_title=r[4], speaker_label=r[5],
                    person_id=r[6], ambiguous=bool(r[7]), candidates=_strings(r[8]),
                    organisation=r[9], text=r[10], line_start=r[11], line_end=r[12], content_hash=r[13],
                    how=r[14], role=r[15], actors=_strings(r[16]), people_ids=_strings(r[17]))
            for r in con.execute("SELECT * FROM passages ORDER BY row")
        ]
    finally:
        con.close()
    return meetings, people, passages


def _strings(text: str) -> tuple:
    """A stored JSON list as a tuple; most are empty, and skipping json.loads for those saves ≈0.2 s
    of start-up per 10,000 passages (three lists a passage)."""
    return () if text == "[]" else tuple(json.loads(text))


def _attendee(d: dict) -> Attendee:
    return Attendee(**{**d, "initials": tuple(d.get("initials") or ())})
