"""Who owns a follow-up line: written owners ("MS", "KM and JT", "Vaskinn og Holmen", "the Clerk",
"sekretæren", "alle") resolved on the meeting's roster; a name several entries fit stays ambiguous."""

from __future__ import annotations

import re

from askbot.types import Attendee, Meeting

ORG = re.compile(r"kommune|region|fylke|nemnd|sekretariat|forum|council|committee|partnership|\bAS\b|ASA|havn|"
                 r"\bNHO\b|\bKS\b|statnett|kom\b|\bOS2\b", re.I)
SECRETARIAT = re.compile(r"\b(sekretariatet|the\s+secretariat|sekretæren|sekretariat)\b", re.I)
ALL = re.compile(r"^\s*(alle|all|everyone|all members)\b", re.I)
_ROLE_WORDS = {"chair": ("chair", "leder", "leiar", "møteleder", "chairman"),
               "clerk": ("clerk", "referent", "sekretær", "secretary"),
               "lead": ("prosjektleder", "projektleder", "rådmann", "rådmannen", "kommunedirektør", "daglig leder")}


def known_all(m: Meeting, names) -> bool:
    return all(any(a.name == n and a.kind == "person" for a in m.attendees) for n in names)


def owners_of(m: Meeting, written: str, known: tuple[str, ...] = ()):
    """Resolve 'MS', 'KM and JT', 'Vaskinn og Holmen', 'Øyvind Sätvedt', 'sekretæren', 'alle' on the roster."""
    written = written.strip().strip(".")
    if not written or len(written) > 60:
        return (), "none", ()
    if ALL.match(written):
        return ("all members",), "all", ()
    names, cands = [], []
    for part in re.split(r"\s*(?:,|\bog\b|\band\b|&)\s*", written):
        part = re.sub(r"^(the|Cllr|Mrs|Mr|Ms)\s+", "", part.strip(), flags=re.I)
        if not part:
            continue
        found = _roster(m.attendees, part)
        if len(found) == 1:
            names.append(found[0])
        elif len(found) > 1:
            cands.extend(found)
        elif SECRETARIAT.search(part):
            names.append("the secretariat")
        elif len(other := [n for n in known if n.lower().split()[-1] == part.lower()]) == 1:
            names.append(other[0])  # a surname on another meeting's roster
        elif part[:1].isupper() and not part.isupper() and ORG.search(part):
            names.append(part)  # an organisation, as written
        else:
            return (), "none", ()
    if cands:
        return tuple(names), "ambiguous", tuple(dict.fromkeys(cands))
    if not names:
        return (), "none", ()
    kind = ("secretariat" if names == ["the secretariat"] else
            "org" if any(ORG.search(n) and n not in known and not known_all(m, [n]) for n in names) else "person")
    return tuple(dict.fromkeys(names)), kind, ()


def _roster(attendees: tuple[Attendee, ...], token: str) -> list[str]:
    found = _roster_all(attendees, token)
    present = [n for n in found if any(a.name == n and not a.absent for a in attendees)]
    return present if len(found) > 1 and len(present) == 1 else found  # "ØS": not the one who sent apologies


def _roster_all(attendees: tuple[Attendee, ...], token: str) -> list[str]:
    people = [a for a in attendees if a.kind == "person"]
    low = token.lower()
    for role, words in _ROLE_WORDS.items():
        if low in words or low.rstrip("en") in words:
            return list(dict.fromkeys(a.name for a in people if a.role and any(
                w in a.role.lower() for w in words) and not (role == "chair" and "nest" in a.role.lower())))
    if token.isupper() and 2 <= len(token) <= 4:
        return list(dict.fromkeys(a.name for a in people if token in a.initials))
    full = [a.name for a in people if a.name.lower() == low]
    if full:
        return full[:1]
    words = low.split()
    return list(dict.fromkeys(a.name for a in people if words and (
        a.name.lower().split()[-1] == words[-1] or a.name.lower().split()[0] == words[0]) and len(words) == 1))
