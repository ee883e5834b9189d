"""Maintainer overrides for speaker resolution, read from `data/people.toml`.

Format (every table optional; names may be given as full names or person ids):

    [person."Gina Finsrud"]                 # one table per person, keyed by full name
    aliases = ["Gina F", "GF"]              # labels that always mean this person
    same_as = ["Gina Finsrud Olsen"]        # other spellings of the full name in attendee lists
    organisation = "Søndre Viken"           # used when no attendee list says otherwise
    organisations = [                       # organisation changes, each valid from its date
      { since = 2022-05-20, name = "Fredrikstad kommune" },
    ]

    [labels]                                # label → person in every meeting; "" = not a person
    "Øyvind S" = "Øyvind Sätvedt"

    [meeting."2022-01-14-naeringssamarbeidet".labels]   # label → person in one meeting (by id)
    "Øyvind" = "Øyvind Sätvedt"

Labels are matched case-insensitively, ignoring a trailing colon and markdown emphasis.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from askbot.errors import ParseError
from askbot.minutes import clean


@dataclass(frozen=True)
class PersonOverride:
    name: str
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    organisation: str | None = None
    organisations: tuple[tuple[dt.date, str], ...] = ()  # (since, organisation), sorted


@dataclass(frozen=True)
class Overrides:
    persons: tuple[PersonOverride, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)  # cleaned casefolded label → person ("" = none)
    meeting_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def label(self, meeting_id: str, label: str) -> str | None:
        """The person a label is pinned to (meeting-specific first); "" = not a person; None = no rule."""
        key = label_key(label)
        specific = self.meeting_labels.get(meeting_id, {})
        return specific[key] if key in specific else self.labels.get(key)


@lru_cache(maxsize=8192)
def label_key(label: str) -> str:
    return " ".join(clean(label).casefold().split())


def load_overrides(path: str | Path | None) -> Overrides:
    """Read people.toml; a missing file means no overrides. Errors → ParseError naming the file."""
    if path is None or not Path(path).exists():
        return Overrides()
    p = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ParseError(p, f"bad people file: {exc}") from None
    unknown = set(data) - {"person", "labels", "meeting"}
    if unknown:
        raise ParseError(p, f"unknown section(s) {', '.join(sorted(unknown))}; expected person, labels, meeting")
    persons = tuple(_person(p, name, spec) for name, spec in _table(p, data, "person").items())
    labels = _labels(p, _table(p, data, "labels"), "labels")
    meetings = {mid: _labels(p, _table(p, spec, "labels", f"meeting.{mid}"), f"meeting.{mid}.labels")
                for mid, spec in _table(p, data, "meeting").items()}
    return Overrides(persons, labels, meetings)


def _table(path: str, data, key: str, where: str = "") -> dict:
    value = data.get(key, {}) if isinstance(data, dict) else None
    if not isinstance(value, dict):
        raise ParseError(path, f"[{(where + '.' if where else '') + key}] must be a table")
    return value


def _labels(path: str, table: dict, where: str) -> dict[str, str]:
    bad = [k for k, v in table.items() if not isinstance(v, str)]
    if bad:
        raise ParseError(path, f"[{where}] {bad[0]!r} must map to a person's name (or \"\")")
    return {label_key(k): v.strip() for k, v in table.items()}


def _person(path: str, name: str, spec) -> PersonOverride:
    if not isinstance(spec, dict):
        raise ParseError(path, f"[person.{name!r}] must be a table")
    unknown = set(spec) - {"aliases", "same_as", "organisation", "organisations"}
    if unknown:
        raise ParseError(path, f"[person.{name!r}] unknown key(s) {', '.join(sorted(unknown))}")
    changes = []
    for entry in spec.get("organisations", []):
        since = entry.get("since") if isinstance(entry, dict) else None
        if not isinstance(since, dt.date) or not isinstance(entry.get("name"), str):
            raise ParseError(path, f"[person.{name!r}] organisations entries need since = YYYY-MM-DD and name = \"…\"")
        changes.append((since if not isinstance(since, dt.datetime) else since.date(), entry["name"]))
    return PersonOverride(name=name, aliases=tuple(map(str, spec.get("aliases", []))),
                          same_as=tuple(map(str, spec.get("same_as", []))),
                          organisation=spec.get("organisation"), organisations=tuple(sorted(changes)))
