"""What one document itself says about who is who, beyond its roster.

- the words it writes in lower case ("dag", "grant", "mark"): such a word at the head of a sentence
  is an ordinary word, not a first name;
- the turn labels it uses that the roster does not list ("HelseID:", "Mich:"): the same word as a
  subject ("HelseID redegjorde …") names that actor;
- a first name alone ("Jara har kontaktet …") is an actor only when it is a given name (the name
  list of the `gender-guesser` package, used for membership only) that the document never writes in
  lower case;
- a roster entry written as a first name only ("Ådne") is the full name the document writes once
  elsewhere ("v/ Ådne Børresen"), when that is the only full name it writes with that first name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from askbot.types import Attendee, Line

from .labels import STOP

_WORD = re.compile(r"(?<![\w-])[a-zæøåäöü]{2,}(?![\w-])")
_FULL = re.compile(r"(?<![\w-])([A-ZÆØÅ][a-zæøåäöü]+)\s+([A-ZÆØÅ][a-zæøåäöü]+(?:-[A-ZÆØÅ][a-zæøåäöü]+)?)(?![\w-])")
_PRONOUNS = frozenset("""he she it they we you i me him her us them his hers its our their han hun hen vi dere
jeg du den det de dem seg man ho eg dei me dykk hende ham hans jer i os""".split())


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Every first name in gender-guesser's list (about 48,000 names, Nordic and English ones among them)."""
    import gender_guesser.detector as gd

    return frozenset(gd.Detector(case_sensitive=True).names)


def is_given_name(token: str) -> bool:
    return len(token) >= 3 and token[:1].isupper() and token[1:].islower() and token in _given_names()


@dataclass
class DocNames:
    """One document's own evidence about names (see the module docstring)."""

    lower: frozenset[str] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)  # casefolded label → label as written
    full: dict[str, set[str]] = field(default_factory=dict)  # first name → full names written with it

    @classmethod
    def of(cls, lines: list[Line] | tuple[Line, ...]) -> "DocNames":
        text = "\n".join(ln.text for ln in lines)
        full: dict[str, set[str]] = {}
        for m in _FULL.finditer(text):
            if is_given_name(m[1]) and not is_given_name(m[2]) and m[2].casefold() not in STOP:
                full.setdefault(m[1], set()).add(f"{m[1]} {m[2]}")
        return cls(frozenset(_WORD.findall(text)), {}, full)

    def add_label(self, label: str) -> None:
        self.labels.setdefault(label.casefold(), label)

    def first_name(self, token: str) -> bool:
        """A lone first name as a subject: a given name the document never writes as an ordinary word."""
        t = token.strip(" ,.:;*_")
        return (" " not in t and is_given_name(t) and t.casefold() not in self.lower
                and t.casefold() not in _PRONOUNS and t.casefold() not in STOP)

    def by_surname(self, surname: str) -> str | None:
        """The one full name the document writes with this surname ("PCSO Watson" → "Sophie Watson")."""
        found = {f for fulls in self.full.values() for f in fulls if f.split()[-1] == surname}
        return next(iter(found)) if len(found) == 1 else None

    def links(self, attendees: list[Attendee]) -> dict[str, str]:
        """First-name-only roster entries → the one full name the document writes for them."""
        firsts = [a.name for a in attendees if " " not in a.name.strip()]
        out = {}
        for name in firsts:
            fulls = self.full.get(name, set()) - {a.name for a in attendees}
            if firsts.count(name) == 1 and len(fulls) == 1:
                out[name] = next(iter(fulls))
        return out
