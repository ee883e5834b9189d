"""Linking within one document: the turn labels it uses beyond its roster, and a first-name-only roster
entry ("Ådne") joined to the one full name the same document writes for it ("Ådne Børresen")."""

from __future__ import annotations

from dataclasses import replace

from askbot.types import Attendee, Line, Passage

from .docnames import DocNames
from .entries import derived_initials
from .labels import clean, parse_label
from .speakers import Names, split_label


def document_names(lines: list[Line] | tuple[Line, ...], names: Names, used: set[int]) -> DocNames:
    """The document's own names: its lower-case words, full names, and the labels of "Label:" turns that
    no roster entry fits (an organisation or a person the roster leaves out)."""
    doc = DocNames.of(lines)
    for ln in lines:
        if ln.number in used:
            continue
        found = split_label(ln.text.strip(), names)
        if not found:
            continue
        label = parse_label(clean(found[0]))
        tokens = label.name.split()
        if label.group or label.hints or not 1 <= len(tokens) <= 2 or names.knows(label.name):
            continue
        doc.add_label(label.name)
    return doc


def link_first_names(attendees: list[Attendee], passages: list[Passage], doc: DocNames
                     ) -> tuple[list[Attendee], list[Passage]]:
    """Roster entries and passage actors written as a first name only, renamed to the full name the
    document writes once for that first name; nothing changes where it writes none or several."""
    links = doc.links(attendees)
    if not links:
        return attendees, passages

    def names(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(links.get(v, v) for v in values)  # a name listed twice stays two entries

    people = [replace(a, name=links[a.name], initials=tuple(sorted(derived_initials(links[a.name]))))
              if a.name in links else a for a in attendees]
    out = [replace(p, actors=names(p.actors), candidates=names(p.candidates))
           if any(v in links for v in (*p.actors, *p.candidates)) else p for p in passages]
    return people, out
