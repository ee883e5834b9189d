"""Roles written beside a roster member's name outside the attendance list: the signature block of a
protocol ("Kåre Haugli (s.) styreleder", "Trond Eklund Johansen daglig leder", "Anne Smith (sign.)
Chairman"). Each becomes the member's role and an attendance group of its own (so "who is the daglig
leder?" is answered and cited); a name the roster does not list, or no role word after it, adds nothing."""

from __future__ import annotations

import re
from dataclasses import replace

from askbot.types import Attendee, Document

from .roles import ROLE_WORDS, normalise_role
from .rostergroups import RosterGroup

_ROLE = "|".join(sorted({re.escape(w) for ws in ROLE_WORDS.values() for w in ws if len(w) > 3}, key=len, reverse=True))
_SIGNED = r"(?:\s*\((?:s|sign|sign\.|sgd|signed|sig)\.?\))?"
_SKIP = {"member", "observer", "substitute", "secretariat"}
_VERBLIKE = {"leder", "leiar", "chair", "facilitator", "president", "formand"}  # "Dag Aanensen leder arbeidet": a verb


def signature_roles(doc: Document, attendees: list[Attendee], groups: list[RosterGroup], used: set[int]
                    ) -> tuple[list[Attendee], list[RosterGroup]]:
    """The roster with the roles its members sign with, and one inline group per signature."""
    full = [a for a in attendees if not a.absent and len(a.name.split()) >= 2 and not a.role]
    if not full:
        return attendees, groups
    rx = re.compile(r"(?<![\w-])(?P<name>" + "|".join(re.escape(a.name) for a in sorted(full, key=lambda a: -len(a.name)))
                    + rf"){_SIGNED}\s+(?P<role>{_ROLE})(?![\w-])", re.I)
    roles: dict[str, str] = {}
    extra: list[RosterGroup] = []
    for ln in doc.lines:
        if ln.number in used:
            continue
        for m in rx.finditer(ln.text):
            name = next(a.name for a in full if a.name.casefold() == m["name"].casefold())
            role = normalise_role(m["role"])
            signed = bool(re.search(r"\(", m[0]))
            if role is None or role in _SKIP or name in roles or (not signed and m["role"].casefold() in _VERBLIKE):
                continue
            roles[name] = m["role"]
            entry = next(a for a in full if a.name == name)
            extra.append(RosterGroup(m["role"].casefold(), (replace(entry, role=m["role"]),),
                                     ((ln.number, m.start(), m.end()),), inline=True, raws=(m[0],)))
    if not roles:
        return attendees, groups
    return [replace(a, role=roles[a.name]) if a.name in roles else a for a in attendees], groups + extra
