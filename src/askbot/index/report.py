"""The build report: what a build changes against the live one, and what the maintainer should fix.

`Details` collects it while the pipeline runs (files skipped and why, duplicate files, speakers
nobody or several people match, each with a suggested name); `format_report` prints it; `warnings`
are what `askbot build --strict` refuses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from askbot.types import ParsedMinutes, Person

CONVERT = {".doc", ".odt", ".rtf"}  # documents askbot does not read: say so rather than skip them silently


@dataclass(frozen=True)
class Skipped:
    path: str  # relative to the minutes folder
    reason: str
    warn: bool  # a meeting may be missing (a warning) or the file is clutter (a lock or hidden file)


@dataclass(frozen=True)
class Speaker:
    meeting_id: str
    label: str
    line: int
    kind: str  # "unresolved" | "ambiguous"
    candidates: tuple[str, ...] = ()  # names, when ambiguous
    suggestion: str | None = None  # the nearest roster or registry name

    def text(self) -> str:
        where = f"{self.meeting_id}, line {self.line}"
        if self.kind == "ambiguous":
            from askbot.people import candidate_list

            head = f"ambiguous speaker {self.label!r} ({where}) could be {candidate_list(list(self.candidates))}"
        else:
            head = f"unresolved speaker {self.label!r} ({where}) matches nobody"
        if not self.suggestion:
            return head + "; name the person in the people file"
        return (head + f"; did you mean {self.suggestion}? Fix the minutes, or add to the people file: "
                f'[meeting."{self.meeting_id}".labels] "{self.label}" = "{self.suggestion.split(" (")[0]}"')


@dataclass
class Details:
    people_file: Path
    live: str | None = None  # the build CURRENT named when this one started
    added: list[str] = field(default_factory=list)  # source files, by name
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (refused file, the file it copies)
    speakers: list[Speaker] = field(default_factory=list)
    ghosts: list[str] = field(default_factory=list)  # people-file overrides naming nobody (people.ghosts)
    embedded: int = 0
    reused: int = 0
    unchanged: bool = False  # same sources, people and model as the live build: nothing published

    def warnings(self) -> list[str]:
        out = [f"skipped {s.path}: {s.reason}" for s in self.skipped if s.warn]
        out += [f"duplicate {a}: the same content as {b}; not indexed twice (delete one)" for a, b in self.duplicates]
        return out + self.ghosts + [s.text() for s in self.speakers]


def compare(live: dict[str, str], new: dict[str, str]) -> tuple[list[str], list[str], list[str]]:
    """Added, changed and removed source files between two manifests' {file: sha256}."""
    return (sorted(set(new) - set(live)), sorted(f for f in new if f in live and new[f] != live[f]),
            sorted(set(live) - set(new)))


def people_file_line(path: Path) -> str:
    state = "" if path.is_file() else " (not there: no overrides; set ASKBOT_PEOPLE_FILE to use another)"
    return f"people file: {path}{state}"


def speaker_issues(resolved: list[ParsedMinutes], people: list[Person]) -> list[Speaker]:
    """One entry per (meeting, label) that resolves to nobody or to several people, with a suggestion."""
    from askbot.minutes import clean, parse_label
    from askbot.people import ambiguous, unresolved

    names = {p.id: p for p in people}
    out, seen = [], set()
    for r in resolved:
        for p in [*unresolved(r), *ambiguous(r)]:
            key = (r.meeting.id, p.speaker_label)
            if key in seen or not p.speaker_label:
                continue
            seen.add(key)
            label = parse_label(p.speaker_label)
            shown = clean(p.speaker_label)
            if p.ambiguous:
                cands = [names[c] for c in p.candidates if c in names]
                pick = _nearest(label.name, label.hints, [(c.name, c.organisation) for c in cands], need_org=True)
                out.append(Speaker(r.meeting.id, shown, p.line_start, "ambiguous",
                                   tuple(_show(c.name, c.organisation) for c in cands), pick))
            else:
                pool = [(a.name, a.organisation) for a in r.meeting.attendees if a.kind == "person"]
                pool += [(x.name, x.organisation) for x in people]
                out.append(Speaker(r.meeting.id, shown, p.line_start, "unresolved", (),
                                   _nearest(label.name, label.hints, pool)))
    return out


def _show(name: str, org: str | None) -> str:
    return f"{name} ({org})" if org else name


def _nearest(name: str, hints: tuple[str, ...], pool: list[tuple[str, str | None]],
             need_org: bool = False) -> str | None:
    """The pool's name nearest to a label's name (first name, surname or full), an organisation match breaking ties."""
    best, best_score = None, 0.0
    key = name.casefold()
    for full, org in dict.fromkeys(pool):
        tokens = full.casefold().split()
        score = max([fuzz.ratio(key, full.casefold()), *(fuzz.ratio(key, t) for t in tokens)])
        org_hit = bool(org and hints and max(fuzz.partial_ratio(h.casefold(), org.casefold()) for h in hints) >= 85)
        if need_org and not org_hit:
            continue
        score += 25 if org_hit else 0
        if score > best_score:
            best, best_score = _show(full, org), score
    return best if best_score >= (60 if not need_org else 0) and best else None


def format_report(d: Details, published: str | None = None) -> str:
    """The short report `askbot build` prints: changes against the live build, then warnings."""
    live = d.live or "(none)"
    out = [people_file_line(d.people_file)] + [f"warning: {g}" for g in d.ghosts]
    if d.unchanged:
        return "\n".join(out + [f"nothing changed since the live build {live}: nothing published"])
    out.append(f"against the live build {live}: {len(d.added)} added, {len(d.changed)} changed, "
               f"{len(d.removed)} removed")
    out += [f"  {sign} {name}" for sign, names in (("+", d.added), ("~", d.changed), ("-", d.removed))
            for name in names]
    for s in d.skipped:
        out.append(f"skipped {s.path}: {s.reason}")
    for a, b in d.duplicates:
        out.append(f"duplicate {a}: the same content as {b}; not indexed twice (delete one)")
    out += [s.text() for s in d.speakers]
    if d.embedded or d.reused:
        out.append(f"texts embedded {d.embedded}, reused {d.reused}")
    if published:
        out.append(f"published build {published}")
    return "\n".join(out)
