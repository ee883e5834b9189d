"""Attendance as passages: each roster group's text ("Meldt fravær: A, B og C", "PRESENT: …") attributed to
the people it lists, each entry that carries a role ("Cllr T Ryves (Chairman)") or has a front-matter line of
its own ("- defi, Ina Bergli Henriksen") on its own, so "who chaired?", "who represented Lillestrøm?" and "who
sent apologies?" are answered and cited; and each header line that names members ("Servering: Frederik")."""

from __future__ import annotations

from askbot.hashing import text_hash
from askbot.types import Document, HeaderLine, Passage

from .roles import normalise_role
from .rostergroups import RosterGroup

_OWN_PASSAGE = {"chair", "vice-chair", "clerk", "deputy clerk", "treasurer", "mayor", "chief executive",
                "project leader", "fire chief", "substitute"}


def attendance_passages(mid: str, doc: Document, groups: list[RosterGroup]) -> list[Passage]:
    """Passages for the roster groups that have text in the document (or in its front matter)."""
    raw = {ln.number: ln.text for ln in (*doc.front, *doc.lines)}
    out: list[Passage] = []

    def add(text: str, line_start: int, line_end: int, names: tuple[str, ...], role: str | None) -> None:
        text = text.strip()
        if not text or not names:
            return
        out.append(Passage(
            id=f"{mid}.a{len(out) + 1:03d}", meeting_id=mid, agenda_number="", agenda_title="",
            speaker_label=None, person_id=None, ambiguous=False, text=text, line_start=line_start,
            line_end=line_end, content_hash=text_hash(text), how="attendance", role=role, actors=names))

    for g in groups:
        if not g.spans:
            continue
        role = {"absent": "absent", "staff": "secretariat", "substitute": "substitute"}.get(g.kind)
        role = role or (normalise_role(g.kind) if g.kind != "present" else None)
        parts = []
        for number, start, end in g.spans:
            line = raw.get(number, "")
            lead = len(line) - len(line.lstrip())
            parts.append(line[start:end].strip() if g.inline else line.strip())
            _ = lead
        add("\n".join(p for p in parts if p), g.spans[0][0], g.spans[-1][0], tuple(e.name for e in g.entries), role)
        if len(g.entries) < 2:
            continue
        for entry, written in zip(g.entries, g.raws):
            r = normalise_role(entry.role)
            if (r not in _OWN_PASSAGE and not g.own_lines) or not written:
                continue
            for number, _s, _e in g.spans:
                line = raw.get(number, "")
                if written in line:
                    add(written, number, number, (entry.name,), "absent" if entry.absent else r)
                    break
    return out


def header_passages(mid: str, found: list[HeaderLine]) -> list[Passage]:
    """Header lines that name members ("Servering: Frederik", see headerlines) as their passages: how "role"
    (a duty or record of theirs at this meeting, which a who-answer may name, unlike being listed present); a
    line that names an absent member stays attendance (absent people never act in that meeting)."""
    out = []
    for h in found:
        ln, text = h.line, h.line.text.strip()
        how, role = ("attendance", "absent" if h.all_absent else None) if h.any_absent else ("role", None)
        out.append(Passage(
            id=f"{mid}.h{len(out) + 1:03d}", meeting_id=mid, agenda_number="", agenda_title="",
            speaker_label=None, person_id=None, ambiguous=False, text=text, line_start=ln.number,
            line_end=ln.number, content_hash=text_hash(text), how=how, role=role, actors=h.names))
    return out
