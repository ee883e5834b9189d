"""Plain-text rendering of answers and hits for the terminal (Norwegian or English labels)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from askbot.minutes.position import where
from askbot.types import Answer, Citation, Hit

WORDS = {
    "no": {"item": "sak", "nobody": "(ingen taler)", "ambiguous": " (tvetydig)", "Passages": "Avsnitt",
           "Closest passages": "Nærmeste avsnitt", "More passages": "Flere avsnitt"},
    "en": {"item": "item", "nobody": "(no speaker)", "ambiguous": " (ambiguous)", "Passages": "Passages",
           "Closest passages": "Closest passages", "More passages": "More passages"},
}


def _w(lang: str, key: str) -> str:
    return WORDS.get(lang, WORDS["no"])[key]


def _cite(date, number, title, who, org, ambiguous, source, line, lang) -> str:
    who = (who or _w(lang, "nobody")) + (_w(lang, "ambiguous") if ambiguous else "")
    org = f" ({org})" if org else ""
    item = f" · {_w(lang, 'item')} {number} {title}".rstrip() if number or title else ""  # none before the agenda
    return (f"{date:%d.%m.%Y}{item} · {who}{org} "
            f"· {Path(source or '').name}, {where(source, line, lang)}")


def citation_line(c: Citation, lang: str = "no") -> str:
    """'14.01.2022 · sak 3 Runden rundt bordet · Ingar Vaskinn (Kongsbergregionen) · fil.pdf, side 1, linje 17'."""
    return _cite(c.meeting_date, c.agenda_number, c.agenda_title, c.speaker, c.organisation, c.ambiguous,
                 c.source_path, c.line_start, lang)


def _quote(text: str) -> str:
    return textwrap.fill(f"«{text}»", width=100, initial_indent="    ", subsequent_indent="     ")


def render_answer(a: Answer) -> str:
    """The answer's text; for who-questions each person (current organisation) with their quotes, then
    only the passages not already quoted under a person (each quote is printed once)."""
    lang = a.language
    out = [a.text, ""]
    shown: set[str] = set()
    if a.kind == "people":
        for i, p in enumerate(a.people, 1):
            org = p.person.organisation or p.organisation  # the header: where they are now
            out.append(f"{i}. {p.person.name}" + (f" — {org}" if org else ""))
            for c in p.citations:
                shown.add(c.passage_id)
                out += [_quote(c.quote), f"     {citation_line(c, lang)}"]
        out.append("")
    rest = [c for c in a.hits if c.passage_id not in shown]
    if rest:
        label = {"people": "More passages", "passages": "Passages", "none": "Closest passages"}[a.kind]
        out.append(f"{_w(lang, label)}:")
        for c in rest:
            out += [_quote(c.quote), f"     {citation_line(c, lang)}"]
    return "\n".join(out).rstrip()


def render_hits(query: str, hits: list[Hit], engine, lang: str = "no") -> str:
    """Ranked passages, each with its citation (date, item, speaker with organisation, file and line)."""
    out = [f"? {query}"]
    for i, h in enumerate(hits, 1):
        p = h.passage
        m = engine.meeting(p.meeting_id)
        person = engine.person(p.person_id) if p.person_id else None
        who = person.name if person else p.speaker_label
        org = p.organisation or (person.organisation if person else None)
        out.append(f"{i:>2}. " + _cite(m.date, p.agenda_number, p.agenda_title, who, org, p.ambiguous,
                                       m.source_path, p.line_start, lang))
        out.append(textwrap.indent(textwrap.shorten(p.text, 300), "     "))
    return "\n".join(out)
