"""Speaker labels → persons, meeting by meeting in date order.

A label is matched (first name, full name, surname or initials) against the meeting's own
attendees and secretariat first, then against people from earlier meetings; an organisation hint in
the label ("fra Asker", "- Hamarregionen", "MNU (Moss)") narrows the candidates fuzzily. Several
candidates left → the passage is marked ambiguous with their ids; none → unresolved. Nothing is
guessed silently: overrides in `data/people.toml` (see `askbot.overrides` for the format) settle
what the minutes cannot. Person ids are slugs of full names ("dag-aanensen").
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from askbot.minutes import Label, clean, initials_of, parse_label
from askbot.minutes.roles import subject_role
from askbot.types import ParsedMinutes, Passage, Person

from .matching import name_matches, org_matches, slug
from .overrides import Overrides, label_key, load_overrides


@dataclass
class _Known:
    id: str
    name: str
    first_seen: dt.date | None = None  # None: known from overrides only
    orgs: list[tuple[dt.date, int, str]] = field(default_factory=list)  # sorted (from, 1 = override, org)
    fixed_org: str | None = None
    aliases: list[str] = field(default_factory=list)

    def add_org(self, since: dt.date, priority: int, org: str) -> None:
        entry = (since, priority, org)
        i = bisect.bisect_left(self.orgs, entry)
        if i == len(self.orgs) or self.orgs[i] != entry:
            self.orgs.insert(i, entry)

    def org_at(self, date: dt.date) -> str | None:
        i = bisect.bisect_right(self.orgs, (date, 2, ""))
        if i:
            return self.orgs[i - 1][2]
        return self.fixed_org or (self.orgs[0][2] if self.orgs else None)

    def latest_org(self) -> str | None:
        return self.orgs[-1][2] if self.orgs else self.fixed_org


class PeopleRegistry:
    """Everyone seen so far; `resolve` each meeting oldest first so earlier meetings inform later ones."""

    def __init__(self, overrides: Overrides | None = None):
        self.overrides = overrides or Overrides()
        self._people: dict[str, _Known] = {}
        self._canonical: dict[str, str] = {}  # casefolded spelling → canonical full name
        self._aliases: dict[str, str] = {}  # label key → person id (from overrides)
        self._by_token: dict[str, set[str]] = {}  # first name, surname, initials → person ids
        for po in self.overrides.persons:
            for spelling in (po.name, *po.same_as):
                self._canonical[spelling.casefold()] = po.name
            known = self._ensure(po.name, None)
            known.fixed_org = po.organisation
            for since, org in po.organisations:
                known.add_org(since, 1, org)
            for alias in po.aliases:
                self._aliases[label_key(alias)] = known.id

    @classmethod
    def from_file(cls, path: str | Path | None) -> "PeopleRegistry":
        """A registry with the overrides in `path` (a missing file means none)."""
        return cls(load_overrides(path))

    def _ensure(self, name: str, date: dt.date | None) -> _Known:
        name = self._canonical.get(name.casefold(), name)
        pid = slug(name)
        if pid not in self._people:
            self._people[pid] = _Known(pid, name, date)
            tokens = name.casefold().split()
            for key in {tokens[0], tokens[-1], *initials_of(name)} if tokens else ():
                self._by_token.setdefault(key, set()).add(pid)
        known = self._people[pid]
        if date is not None and (known.first_seen is None or date < known.first_seen):
            known.first_seen = date
        return known

    def _lookup(self, ref: str) -> _Known:
        return self._people.get(ref) or self._ensure(ref, None)

    def resolve(self, parsed: ParsedMinutes) -> ParsedMinutes:
        """Register the meeting's attendees, then fill person_id/ambiguous/candidates/organisation."""
        m = parsed.meeting
        roster: list[str] = []
        # two present members written the same way ("Frederik, …, Frederik") stay two roster entries,
        # so a turn by that name is ambiguous, as reported speech by it already is
        written = Counter(a.name for a in m.attendees if a.kind == "person" and not a.absent)
        for a in m.attendees:
            known = self._ensure(a.name, m.date)
            if a.organisation:
                known.add_org(m.date, 0, a.organisation)
            if known.id not in roster or roster.count(known.id) < written[a.name]:
                roster.append(known.id)
        present = {slug(self._canonical.get(a.name.casefold(), a.name)) for a in m.attendees if not a.absent}
        away = {i for i in roster if i not in present}  # listed only as absent: never the speaker of a turn
        notes: list[str] = []
        passages = tuple(self._resolve_one(p, m.id, m.date, roster, notes, away) for p in parsed.passages)
        ids = sorted({i for p in passages for i in (p.person_id, *p.candidates, *p.people_ids) if i})
        return replace(parsed, passages=passages, warnings=parsed.warnings + tuple(notes),
                       people=tuple(self.person(i) for i in ids))

    def _resolve_one(self, p: Passage, mid: str, date: dt.date, roster: list[str], notes: list[str],
                     away: set[str] = frozenset()) -> Passage:
        if p.actors or (p.how and p.how != "turn" and p.candidates):
            return self._resolve_actors(p, mid, date)
        person, candidates, org = self._who(p, mid, date, roster, notes, away)
        new = (person.id if person else None, bool(candidates), candidates, org)
        if (p.person_id, p.ambiguous, p.candidates, p.organisation) == new:
            return p
        return replace(p, person_id=new[0], ambiguous=new[1], candidates=candidates, organisation=org)

    def _resolve_actors(self, p: Passage, mid: str, date: dt.date) -> Passage:
        """Passages the minutes attribute by reported speech, action, attendance or role: the actors are
        the meeting's own roster names (or full names written out), so they map to persons directly."""
        pinned = self.overrides.label(mid, p.speaker_label) if p.speaker_label else None
        if pinned == "":
            return replace(p, actors=(), people_ids=(), ambiguous=False, candidates=())
        if pinned:
            known = self._lookup(pinned)
            return replace(p, person_id=known.id, people_ids=(known.id,), ambiguous=False, candidates=(),
                           organisation=known.org_at(date))
        ids = tuple(dict.fromkeys(self._ensure(n, date).id for n in p.actors))
        cands = tuple(sorted(self._ensure(n, date).id for n in p.candidates)) if not ids else ()
        single = self._people[ids[0]] if len(ids) == 1 else None
        if single and p.speaker_label and p.how not in ("attendance", "role") and not subject_role(p.speaker_label):
            # a role word ("the Clerk", "Rådmannen") names whoever holds it at that meeting: nobody's alias
            alias = clean(p.speaker_label)
            if alias and alias != single.name and alias not in single.aliases:
                single.aliases.append(alias)
        return replace(p, person_id=single.id if single else None, people_ids=ids, ambiguous=bool(cands),
                       candidates=cands, organisation=single.org_at(date) if single else None)

    def _who(self, p: Passage, mid: str, date: dt.date, roster: list[str], notes: list[str],
             away: set[str] = frozenset()) -> tuple[_Known | None, tuple[str, ...], str | None]:
        """(person, ambiguity candidates, organisation) for one passage's speaker label."""
        if not p.speaker_label:
            return None, (), None
        pinned = self.overrides.label(mid, p.speaker_label)
        if pinned == "":
            return None, (), None
        key = label_key(p.speaker_label)
        if pinned is not None or key in self._aliases:
            return self._hit(p, self._lookup(pinned) if pinned else self._people[self._aliases[key]], date)
        label = parse_label(p.speaker_label)
        if label.group or not label.name.split():
            return None, (), None
        first = label.name.split()[0]
        near = self._by_token.get(first if first.isupper() else first.casefold(), set())
        cands, fits = self._candidates(label, [i for i in roster if i in near], date)
        if len(cands) > 1 and any(c not in away for c in cands):  # "Hege:" with one of two Heges absent
            cands = [c for c in cands if c not in away]
        if not cands:
            earlier = [i for i in sorted(near) if i not in roster
                       and (self._people[i].first_seen is None or self._people[i].first_seen <= date)]
            cands, fits = self._candidates(label, earlier, date)
        if len(cands) == 1:
            known = self._people[cands[0]]
            if not fits:
                notes.append(f"line {p.line_start}: '{clean(p.speaker_label)}' taken as {known.name}, whose "
                             f"organisation ({known.org_at(date)}) does not match '{', '.join(label.hints)}'")
            return self._hit(p, known, date)
        if cands:
            orgs = {self._people[c].org_at(date) for c in cands}
            return None, tuple(sorted(cands)), orgs.pop() if len(orgs) == 1 else None
        return None, (), label.hints[0] if label.hints else None

    def _candidates(self, label: Label, pids: list[str], date: dt.date) -> tuple[list[str], bool]:
        named = [i for i in pids if name_matches(label.name, self._people[i].name)]
        if not (label.hints and named):
            return named, True
        fit = [i for i in named if any(org_matches(h, self._people[i].org_at(date)) for h in label.hints)]
        return (fit, True) if fit else (named, False)

    def _hit(self, p: Passage, known: _Known, date: dt.date) -> tuple[_Known, tuple[str, ...], str | None]:
        alias = clean(p.speaker_label or "")
        if alias and alias not in known.aliases:
            known.aliases.append(alias)
        return known, (), known.org_at(date)

    def person(self, person_id: str) -> Person | None:
        k = self._people.get(person_id)
        return Person(k.id, k.name, k.latest_org(), tuple(k.aliases)) if k else None

    def persons(self) -> list[Person]:
        """Everyone known (attendees, speakers, override persons); organisation = the latest."""
        return sorted((self.person(i) for i in self._people), key=lambda p: p.id)


def resolve_all(parsed: list[ParsedMinutes], people_file: str | Path | None = None
                ) -> tuple[list[ParsedMinutes], list[Person]]:
    """Resolve a whole archive oldest meeting first; returns the resolved minutes and the people."""
    registry = PeopleRegistry.from_file(people_file)
    done = [registry.resolve(p) for p in sorted(parsed, key=lambda p: (p.meeting.date, p.meeting.id))]
    return done, registry.persons()


def unresolved(parsed: ParsedMinutes, overrides: Overrides | None = None) -> list[Passage]:
    """Passages whose speaker label matched nobody (groups and labels pinned to "" excluded)."""
    ov = overrides or Overrides()
    return [p for p in parsed.passages if p.speaker_label and not p.person_id and not p.ambiguous
            and not parse_label(p.speaker_label).group and ov.label(parsed.meeting.id, p.speaker_label) != ""]


def ambiguous(parsed: ParsedMinutes) -> list[Passage]:
    """Passages whose speaker label fits several people (see `candidates`)."""
    return [p for p in parsed.passages if p.ambiguous]
