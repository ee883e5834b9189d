"""Decide whether a line opens a speaker turn ("Dag fra Asker:", "Maria: …", "Eli - Hamarregionen").

A label is short and starts with a capitalised name-ish token. It counts when it stands alone on
its line (single names, "Name fra/-/, Org" forms, groups) or, for "Label: text" on one line, when
its first token is one of the meeting's attendees' first names, full names or initials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from askbot.types import Attendee

from .labels import GROUP, STOP, clean, name_like, parse_label

_BOLD = re.compile(r"^(\*\*|__)(.+?)(\*\*|__)\s*(:?)\s*(.*)$")
_EXPLICIT = re.compile(r"\s(fra|frå|from)\s|\s[-–—]\s|,|\(", re.I)
_NOUNISH = ("sjon", "tion", "ing", "het", "else", "ene", "skap", "ment", "tet", "isk")
_SECTION = {"spørsmål", "kommentarer", "kommentar", "oppsummering", "diskusjon", "questions", "discussion",
            "gruppearbeid", "gruppearbeidet", "innspill", "aksjon", "aksjoner", "action", "actions",
            "vedtak", "konklusjon", "beslutning", "beslutninger", "resolved", "decision", "referat",
            "spørsmål/kommentarer", "q&a", "oppfølging", "tilbakemelding", "tilbakemeldinger"}


@dataclass(frozen=True)
class Names:
    """The attendee name tokens a label may open with."""

    first: frozenset[str] = frozenset()
    full: frozenset[str] = frozenset()
    initials: frozenset[str] = frozenset()

    @classmethod
    def of(cls, attendees: tuple[Attendee, ...] | list[Attendee]) -> "Names":
        first, full, initials = set(), set(), set()
        for a in attendees:
            tokens = a.name.split()
            if not tokens:
                continue
            first.add(tokens[0].casefold())
            full.add(a.name.casefold())
            initials.update(initials_of(a.name))
        return cls(frozenset(first), frozenset(full), frozenset(initials))

    def knows(self, name: str) -> bool:
        tokens = name.split()
        return bool(tokens) and (tokens[0].casefold() in self.first or name.casefold() in self.full
                                 or (tokens[0].isupper() and tokens[0] in self.initials))


def initials_of(name: str) -> set[str]:
    """"Jesper Buchhardt" → {"JB"}; "Eli Arnkværn Bryhni" → {"EAB", "EB"}."""
    letters = [t[0].upper() for t in name.replace("-", " ").split() if t[:1].isalpha()]
    return {"".join(letters), letters[0] + letters[-1]} if len(letters) >= 2 else set()


def split_label(line: str, names: Names) -> tuple[str, str] | None:
    """(label as written, rest of the line) when `line` opens a speaker turn, else None."""
    text = line.strip()
    if not text or text[0] in "#|>-*•–+[(<" and not text.startswith(("**", "__")):
        return None
    m = _BOLD.match(text)
    if m:
        inner = m[2].strip()
        if inner.endswith(":"):
            label, rest, colon = inner[:-1], m[5], True
        else:
            label, rest, colon = inner, m[5], m[4] == ":"
    else:
        head, colon_sep, tail = text.partition(":")
        label, rest, colon = (head, tail, True) if colon_sep else (text, "", False)
    label, rest = label.strip(), rest.strip()
    if not label or len(label) > 60 or "http" in label or "/" in label.split()[0]:
        return None
    if not colon:
        return (label, "") if _dash_label(label, names) else None
    return (label, rest) if _is_label(label, names, alone=not rest) else None


def _is_label(label: str, names: Names, alone: bool) -> bool:
    core = clean(label)
    if GROUP.match(core):
        return True
    first = core.split()[0] if core.split() else ""
    if not first or first.casefold().strip(".") in STOP or len(core.split()) > 7:
        return False
    parsed = parse_label(core)
    if not name_like(parsed.name):
        return False
    if names.knows(parsed.name):
        return True
    if not alone:
        return False
    tokens = parsed.name.split()
    if parsed.hints:  # "Kari fra Innovasjon Norge": unknown person, but a speaker label
        explicit = _EXPLICIT.search(core) or parsed.hints[0].split()[0].isupper()
        return len(tokens) <= 2 and parsed.hints[0][:1].isupper() and bool(explicit)
    if len(tokens) == 1:
        return not (names.first and first.casefold().endswith(_NOUNISH))
    return not names.first  # "Kari Nordmann:" only when there is no attendee list to check against


def _dash_label(label: str, names: Names) -> bool:
    """"Eli - Hamarregionen" (no colon): a known first name, a dash, a capitalised organisation."""
    parsed = parse_label(label)
    return (bool(re.search(r"\s[-–—]\s", label)) and bool(parsed.hints) and len(label) <= 50
            and name_like(parsed.name, 2) and names.knows(parsed.name) and parsed.hints[0][:1].isupper())


def is_section_break(line: str) -> bool:
    """"Spørsmål:", "Kommentarer/oppsummering fra gruppearbeidet:", "Aksjon:" end the current turn."""
    text = line.strip().strip("*_ ")
    if not text.endswith(":") or len(text.split()) > 8:
        return False
    first = re.split(r"[\s/]", text.rstrip(":").casefold(), maxsplit=1)[0]
    return first in _SECTION or text.rstrip(":").casefold() in _SECTION
