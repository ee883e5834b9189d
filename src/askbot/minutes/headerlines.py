"""A meeting's header lines that name its members: "Servering: Frederik", "Straffer: 2x vin Frederik (…), 1x vin
Ola (…)", "Tidtaker: Kari Nordmann" — a "Label: …" line before the first agenda item that is no attendance group.
Such a line is a record about those members at this meeting (a duty, a fine), so it becomes a passage attributed
to them with how "role" (how "attendance" when it names an absent member, who never acts). A name two entries share
names nobody; address lines ("Til:", "Kopi:", "To:", "Cc:") name recipients, not members' records."""

from __future__ import annotations

import re

from askbot.types import Attendee, HeaderLine, Line

_LABEL = re.compile(r"^[\s*_>#-]*(?P<label>[A-ZÆØÅa-zæøå][\w/.-]*(?:\s+[\w/.-]+){0,2})[\s*_]*:[\s*_]*(?P<value>\S.*)$")
_ADDRESS = re.compile(r"^(?:til|to|kopi|kopi til|cc|bcc|mottakere|modtagere|recipients|distribution|distribusjon|"
                      r"fordeling|sendt til|sent to|fra|from|emne|subject|re)$", re.I)


def header_lines(lines: list[Line], entries: list[Attendee], skip: set[int]) -> list[HeaderLine]:
    """Each header label line that names a member, with the members it names."""
    out = []
    for ln in lines:
        m = _LABEL.match(ln.text)
        if ln.number in skip or not m or len(ln.text) > 300 or _ADDRESS.match(m["label"].strip()):
            continue
        named = _named(m["value"], entries)
        if named:
            out.append(HeaderLine(ln, tuple(a.name for a in named), any(a.absent for a in named),
                                  all(a.absent for a in named)))
    return out


def _named(value: str, entries: list[Attendee]) -> list[Attendee]:
    """Roster entries the text names by full name, or by a first name only one entry has."""
    found: list[Attendee] = []
    for a in entries:
        first = a.name.split()[0] if a.name.split() else ""
        keys = {a.name} | ({first} if len(first) >= 3 and first[:1].isupper() else set())
        for key in keys:
            if not re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", value):
                continue
            sharing = [b for b in entries if b.name == key or (b.name.split() or [""])[0] == key]
            if len(sharing) == 1 and a not in found:
                found.append(a)
    return found
