"""The roster in YAML front matter as groups that cite their own lines: "attending: - fui, Ingeborg Steel",
"not_attending:", "other_attending:", and role keys ("referent: Kari Nordmann", "ordstyrer:", "chair:"). Each
entry sits on its own line, so each becomes its own attendance passage ("who represented defi?", "who took
the minutes?") as well as its group's."""

from __future__ import annotations

import re

from askbot.types import Attendee, Document, Line

from .entries import parse_entry
from .rosterforms import pair
from .rostergroups import GROUP_ROLE, RosterGroup

# front-matter key → group kind (as rostergroups.heading_kind gives for a heading)
_KEYS = {"attending": "present", "attendees": "present", "deltakere": "present", "deltagere": "present",
         "present": "present", "participants": "present", "other_attending": "present",
         "not_attending": "absent", "absent": "absent", "apologies": "absent", "forfall": "absent",
         "afbud": "absent", "referent": "clerk", "minute_taker": "clerk", "minutetaker": "clerk",
         "note_taker": "clerk", "notetaker": "clerk", "scribe": "clerk", "ordstyrer": "chair",
         "møteleder": "chair", "mødeleder": "chair", "chair": "chair", "chairman": "chair", "facilitator": "chair"}
_TOP_KEY = re.compile(r"^(?P<key>[^\s#:-][^:]*):")


def front_groups(doc: Document) -> list[RosterGroup]:
    """One group per roster key of the front matter, in the order written; spans are the key's line and its
    entries' lines (the front matter's own line numbers)."""
    out: list[RosterGroup] = []
    for key, value in doc.metadata.items():
        kind = _KEYS.get(str(key).casefold())
        if kind is None:
            continue
        pairs = [p for p in (_entry(e, kind) for e in _items(value)) if p]
        if not pairs:
            continue
        spans = _spans(doc.front, str(key), [raw for raw, _ in pairs])
        out.append(RosterGroup(kind, tuple(a for _, a in pairs), spans, False, tuple(r for r, _ in pairs),
                               own_lines=bool(spans)))
    return out


def _items(value) -> list:
    return [value] if isinstance(value, (str, dict)) else value if isinstance(value, list) else []


def _entry(entry, kind: str) -> tuple[str, Attendee] | None:
    absent, role = kind == "absent", GROUP_ROLE.get(kind)
    if isinstance(entry, dict):
        name = entry.get("name") or entry.get("navn")
        if not name:
            return None
        org = entry.get("organisation") or entry.get("organization") or entry.get("org")
        got = parse_entry(str(name))
        given = entry.get("role") or entry.get("rolle")  # YAML may give a list or a number
        return str(name), Attendee(str(name), org and str(org), str(given) if given else role,
                                   got.initials if got else (), absent)
    if not isinstance(entry, str) or not entry.strip():
        return None
    a = pair(entry)
    if a is None:
        return None
    return entry.strip(), Attendee(a.name, a.organisation, a.role or role, a.initials, absent)


def _spans(lines: tuple[Line, ...], key: str, raws: list[str]) -> tuple[tuple[int, int, int], ...]:
    """The key's line and, up to the next top-level key, each line that holds one of its entries."""
    start = next((i for i, ln in enumerate(lines) if (m := _TOP_KEY.match(ln.text)) and m["key"].strip() == key), None)
    if start is None:
        return ()
    found = [lines[start]]
    for ln in lines[start + 1:]:
        if _TOP_KEY.match(ln.text):
            break
        if any(r in ln.text for r in raws):
            found.append(ln)
    if len(found) == 1 and not any(r in lines[start].text for r in raws):
        return ()
    return tuple((ln.number, 0, len(ln.text)) for ln in found)
