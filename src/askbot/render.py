"""Plain-text rendering of answers and hits for the terminal."""

from __future__ import annotations

import textwrap

from askbot.types import Answer, Citation, Hit


def citation_line(c: Citation) -> str:
    who = c.speaker or "(ingen taler)"
    if c.ambiguous:
        who += " (tvetydig)"
    org = f" ({c.organisation})" if c.organisation else ""
    return (f"{c.meeting_date:%d.%m.%Y} · sak {c.agenda_number} {c.agenda_title} · {who}{org} "
            f"· {c.source_path}:{c.line_start}")


def _quote(text: str) -> str:
    return textwrap.fill(f"«{text}»", width=100, initial_indent="    ", subsequent_indent="     ")


def render_answer(a: Answer) -> str:
    out = [a.text, ""]
    if a.kind == "people":
        for i, p in enumerate(a.people, 1):
            org = p.organisation or p.person.organisation
            out.append(f"{i}. {p.person.name}" + (f" — {org}" if org else ""))
            for c in p.citations:
                out += [_quote(c.quote), f"     {citation_line(c)}"]
        out.append("")
    label = {"people": "Passages", "passages": "Passages", "none": "Closest passages"}[a.kind]
    if a.language == "no":
        label = {"Passages": "Avsnitt", "Closest passages": "Nærmeste avsnitt"}[label]
    out.append(f"{label}:")
    for c in a.hits:
        out += [_quote(c.quote), f"     {citation_line(c)}"]
    return "\n".join(out)


def render_hits(query: str, hits: list[Hit], engine) -> str:
    out = [f"? {query}"]
    for i, h in enumerate(hits, 1):
        p = h.passage
        m = engine.meeting(p.meeting_id)
        person = engine.person(p.person_id) if p.person_id else None
        who = person.name if person else (p.speaker_label or "-")
        out.append(f"{i:>2}. [{h.score:.4f}] {m.date} sak {p.agenda_number} · {who} · {p.id}")
        out.append(textwrap.indent(textwrap.shorten(p.text, 300), "     "))
    return "\n".join(out)
