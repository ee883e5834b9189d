"""Attendance groups: the heading words that open one ("Til stede", "Forfall", "Fra sekretariatet",
"Referent", "Apologies" …) and the kind they give, the entries of a group's items, and the groups
merged into one roster (roster.py finds the groups in the text)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from askbot.types import Attendee

from .entries import is_initials, parse_entry
from .roles import normalise_role

_PRESENT = (r"(?:fram|frem)møtte|møtte|møtt|til ?stede|deltakere|deltagere|deltok|present(?: members)?|"
            r"members present|attendees|attendance|attending|those attending|those present|participants|"
            r"styremedlemmer|fra styret|frå styret|bestyrelsen|ordførere|ordfører \w+|rådmenn|councillors|"
            r"selectmen present|also present|in attendance|observers|fra administrasjonen|frå administrasjonen|"
            r"fra administrationen|fra kommunen|gjester|guests|elles møtte|til ?stades|deltakarar|"
            r"faste medlemmer som møtte|faste medlemer som møtte|møtende medlemmer|møtande medlemer|"
            r"varamedlemmer som møtte|varamedlemer som møtte|møtende varamedlemmer|møtande varamedlemer|"
            r"medlemmer som møtte|medlemer som møtte")
_STAFF = r"fra sekretariatet(?: møtte| deltok)?|frå sekretariatet|sekretariat(?:et)?|secretariat|from the secretariat"
_ABSENT = (r"forfall|meldt forfall|meldt fravær|meldt fråvær|fravær|fråvær|fraværende|afbud|apologies(?: for absence)?|"
           r"absent|not present|ikke til stede|ikkje til stades|ikke møtt|ikke tilstede")
_ROLE_HEAD = (r"referent|møteleder|møteleiar|ordstyrer|mødeleder|chair|chairman|facilitator|referat skrevet av|"
              r"skrevet af|skrivar|protokollfører|protokollførar|sekretær")
ANY_HEAD = rf"{_STAFF}|{_ABSENT}|{_PRESENT}|{_ROLE_HEAD}"
GROUP_ROLE = {"staff": "sekretariat", "clerk": "referent", "chair": "møteleder"}  # the role a group's kind gives


@dataclass(frozen=True)
class RosterGroup:
    """One attendance group as written: its kind, entries, and where its text is."""

    kind: str  # "present" | "absent" | "staff" | a role ("clerk", "chair")
    entries: tuple[Attendee, ...]
    spans: tuple[tuple[int, int, int], ...]  # (line number, start, end) of its text, in order
    inline: bool = False  # part of a longer line whose other text is not attendance
    raws: tuple[str, ...] = ()  # each entry as written (to find it inside its line)
    own_lines: bool = False  # each entry on its own line (front matter): each is its own attendance passage too


def heading_kind(head: str) -> str:
    """The kind of group a heading opens: "staff", "absent", "clerk", "chair" or "present"."""
    h = head.casefold()
    if re.fullmatch(_STAFF, h, re.I):
        return "staff"
    if re.fullmatch(_ABSENT, h, re.I):
        return "absent"
    if re.fullmatch(_ROLE_HEAD, h, re.I):
        return "clerk" if h.startswith(("referent", "referat", "skrevet", "skrivar", "protokollf", "sekretær")) else "chair"
    return "present"


def group_entries(items: list[str], kind: str, line: int, network: str | None, head: str = ""
                  ) -> list[tuple[str, Attendee]]:
    """(item as written, entry) for each item that names someone."""
    out: list[tuple[str, Attendee]] = []
    role = GROUP_ROLE.get(kind)
    if kind == "present" and normalise_role(head) not in (None, "member", "observer"):
        role = head.strip()
    for item in items:
        a = parse_entry(item, absent=kind == "absent", line=line, group_role=role)
        if a is None:  # an item that names nobody ("Locum Clerk" after "Tony Shaw," is parse_entry's) is dropped
            continue
        if kind == "staff":
            a = Attendee(a.name, f"{network} (sekretariatet)" if network else "sekretariatet", "sekretariat",
                         a.initials, False, None, "person", line)
        out.append((item.strip(), a))
    return out


def make_group(kind: str, pairs: list[tuple[str, Attendee]], spans, inline: bool = False) -> RosterGroup:
    return RosterGroup(kind, tuple(a for _, a in pairs), tuple(spans), inline, tuple(r for r, _ in pairs))


def merge_groups(groups: list[RosterGroup]) -> list[Attendee]:
    """One entry per name across groups; a later mention adds initials, organisation and role it lacked.
    A name listed twice in one group is two people ("Frederik, …, Frederik") and stays so."""
    by: dict[str, Attendee] = {}
    for g in groups:
        seen: dict[str, int] = {}
        for e in g.entries:
            k = e.name.casefold()
            seen[k] = seen.get(k, 0) + 1
            if seen[k] > 1:
                by[f"{k}#{seen[k]}"] = e
    for e in (e for g in groups for e in g.entries):
        key = e.name.casefold()
        old = by.get(key)
        by[key] = e if old is None else _merged(old, e)
    for key, a in list(by.items()):
        # "Referent: TB" or "Apologies were received from DN" beside "Tor Brekke (TB)": one person, not two
        owners = [k for k, b in by.items() if b is not a and a.name in b.initials]
        if a.kind == "person" and is_initials(a.name) and len(owners) == 1:
            by[owners[0]] = _merged(by[owners[0]], a)
            del by[key]
    return list(by.values())


def fold_initials(groups: list[RosterGroup], attendees: list[Attendee]) -> list[RosterGroup]:
    """The groups with each initials-only entry that merge_groups folded into a person named as that
    person, so "Referent: TB" is Tor Brekke's attendance line, not a line about someone called "TB"."""
    kept = {a.name.casefold() for a in attendees}
    owner = {}
    for g in groups:
        for e in g.entries:
            if e.name.casefold() not in kept and is_initials(e.name):
                hits = [a for a in attendees if e.name in a.initials]
                if len(hits) == 1:
                    owner[e.name] = hits[0].name
    if not owner:
        return groups
    return [replace(g, entries=tuple(replace(e, name=owner.get(e.name, e.name)) for e in g.entries)) for g in groups]


def _merged(old: Attendee, e: Attendee) -> Attendee:
    """One entry from two mentions of a person: the first's name and line, what either says; present wins."""
    return Attendee(old.name, old.organisation or e.organisation,
                    ", ".join(dict.fromkeys(r for r in (old.role, e.role) if r)) or None,
                    tuple(dict.fromkeys(old.initials + e.initials)), old.absent and e.absent,
                    old.substitute_for or e.substitute_for, old.kind, old.line)
