"""The human-readable `askbot check FILE` report: structure, speakers → people, warnings."""

from __future__ import annotations

from collections import Counter

from askbot.minutes import clean, parse_label
from askbot.types import ParsedMinutes, Passage

from .registry import PeopleRegistry


def speaker_status(p: Passage, names: dict[str, str]) -> str:
    """"Harriet Slaaen (Ringerikekommune)", "AMBIGUOUS: a, b", "UNRESOLVED" or "(group)"."""
    if p.person_id:
        name = names.get(p.person_id, p.person_id)
        return f"{name} ({p.organisation})" if p.organisation else name
    if len(p.people_ids) > 1:
        return " + ".join(names.get(i, i) for i in p.people_ids)
    if p.ambiguous:
        return "AMBIGUOUS: " + candidate_list([names.get(c, c) for c in p.candidates])
    if parse_label(p.speaker_label or "").group:
        return "(group)"
    return "UNRESOLVED" + (f" (organisation hint: {p.organisation})" if p.organisation else "")


def candidate_list(shown: list[str]) -> str:
    """An ambiguity's candidates for a maintainer: "a, b", or "Frederik ×2 (…)" when names repeat,
    since "Frederik, Frederik" reads as a bug rather than as two people nothing tells apart."""
    counts = Counter(shown)
    text = ", ".join(n if counts[n] == 1 else f"{n} ×{counts[n]}" for n in counts)
    if len(counts) < len(shown):
        text += " (different people written the same way: add surnames or organisations in the minutes)"
    return text


def format_check(parsed: ParsedMinutes) -> str:
    """Date, title, attendees, agenda items with each speaker → person, counts and warnings.

    Pass minutes already run through `PeopleRegistry.resolve`; unresolved minutes are resolved
    here against their own attendee list only.
    """
    if not parsed.people and not any(p.person_id or p.ambiguous for p in parsed.passages):

        parsed = PeopleRegistry().resolve(parsed)
    m = parsed.meeting
    names = {person.id: person.name for person in parsed.people}
    out = [m.source_path,
           f"  meeting    {m.id}",
           f"  date       {m.date.isoformat()}",
           f"  title      {m.title}",
           f"  body       {m.body}",
           f"  attendees  {len(m.attendees)}"]
    for a in m.attendees:
        role = f" ({a.role})" if a.role else ""
        extra = "".join([f"  [{'/'.join(a.initials)}]" if a.initials else "", "  ABSENT" if a.absent else "",
                         f"  substitute for {a.substitute_for}" if a.substitute_for else ""])
        out.append(f"    {a.name}{role}" + (f" — {a.organisation}" if a.organisation else "") + extra)
    by_item: dict[tuple[str, str], list[Passage]] = {}
    for p in parsed.passages:
        by_item.setdefault((p.agenda_number, p.agenda_title), []).append(p)
    out.append(f"  agenda     {len(m.agenda)} items, {len(parsed.passages)} passages")
    items = [(i.number, i.title) for i in m.agenda]
    for key in [k for k in by_item if k not in items] + items:
        ps = by_item.get(key, [])
        number, title = key
        head = f"{number}. {title}" if number and not number[-1:] == "." else f"{number} {title}"
        out.append(f"    {head.strip() or '(before the agenda)'}  [{len(ps)} passage{'s' * (len(ps) != 1)}]")
        seen: dict[tuple[str, str], list[Passage]] = {}
        for p in ps:
            key = p.speaker_label or ("attendance: " + (p.role or "present") if p.how == "attendance" else "")
            seen.setdefault((key, p.how or ""), []).append(p)
        for (label, how), group in seen.items():
            lines = ", ".join(str(p.line_start) for p in group)
            if not label:
                who = "(text without a speaker)"
            else:  # the evidence: how the minutes attribute it (turn label, reported speech, action, role)
                who = f"{clean(label) if how != 'attendance' else label} → {speaker_status(group[0], names)}"
                who += f"  ({how})" if how and how != "turn" else ""
            out.append(f"      {who}  [line {lines}]")
    counts = Counter(_kind(p) for p in parsed.passages if p.speaker_label and p.how != "attendance")
    out.append(f"  speakers   {counts['resolved']} resolved, {counts['ambiguous']} ambiguous, "
               f"{counts['unresolved']} unresolved, {counts['group']} group turns")
    hows = Counter(p.how for p in parsed.passages if p.how and (p.person_id or p.people_ids))
    out.append("  attributed " + (", ".join(f"{n} by {h}" for h, n in sorted(hows.items())) or "none"))
    if parsed.warnings:
        out.append("  warnings")
        out.extend(f"    {w}" for w in parsed.warnings)
    return "\n".join(out)


def _kind(p: Passage) -> str:
    if p.person_id or p.people_ids:
        return "resolved"
    if p.ambiguous:
        return "ambiguous"
    return "group" if parse_label(p.speaker_label or "").group else "unresolved"
