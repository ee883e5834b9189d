"""One spelling for the secretariat: "Osloregionens sekretariat", "Osloregionen secretariat" and the
roster's "Osloregionen (sekretariatet)" heading all become "Osloregionen (sekretariatet)".

Attendee tables write the organisation as the minute-taker did, while a "Fra sekretariatet møtte:"
heading gives "<network> (sekretariatet)"; the people registry then saw three organisations for the
same staff. Canonicalising the attendees' organisations at parse time fixes every later use.
"""

from __future__ import annotations

import re
from dataclasses import replace

from askbot.types import Attendee

_WORD = r"(?:sekretariat(?:et)?|secretariat)"
_SUFFIX = re.compile(rf"^(?P<net>.+?)\s+(?:\(\s*{_WORD}\s*\)|{_WORD})$", re.I)
_BARE = re.compile(rf"^(?:the\s+)?{_WORD}$", re.I)


def _network(word: str) -> str:
    """"Osloregionens" → "Osloregionen" (a genitive s), otherwise as written."""
    if len(word) > 4 and word.endswith("s") and word[-3:-1] in ("en", "et", "an", "er") and " " not in word:
        return word[:-1]
    return word


def canonical_org(org: str | None, network: str | None = None) -> str | None:
    """The one spelling of a secretariat organisation; any other organisation unchanged."""
    if not org:
        return org
    text = " ".join(org.split())
    if _BARE.match(text):
        return f"{network} (sekretariatet)" if network else "sekretariatet"
    m = _SUFFIX.match(text)
    return f"{_network(m['net'])} (sekretariatet)" if m else org


def canonical_attendees(attendees: list[Attendee], network: str | None) -> list[Attendee]:
    return [replace(a, organisation=canonical_org(a.organisation, network)) if a.organisation else a
            for a in attendees]
