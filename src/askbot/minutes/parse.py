"""Minutes → Meeting (date, title, body, attendees, agenda) and Passages, one per agenda item x
speaker turn (long turns split on paragraph boundaries). Passage text is verbatim: the source's
lines, stripped of surrounding whitespace and of the speaker label, joined with "\\n"."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from askbot.errors import ParseError
from askbot.hashing import text_hash
from askbot.types import AgendaItem, Document, HeaderLine, Meeting, ParsedMinutes, Passage

from . import limits
from .agenda import find_agenda
from .attendance import attendance_passages, header_passages
from .cast import Cast
from .dates import meeting_date
from .doclinks import document_names, link_first_names
from .headerlines import header_lines
from .headturns import speaker_headings
from .orgnames import canonical_attendees
from .readers import read_document
from .roster import find_roster, secretariat_org_name
from .signatures import signature_roles
from .speakers import Names
from .turns import Block, Piece, chunks, render, segment

_TITLE_LINE = re.compile(r"^\W*(referat|møtereferat|mødereferat|protokoll|minutes|notes|notat)\b", re.I)
_LABEL_LINE = re.compile(r"^[\w\s.]{1,25}:\s")
_BODY_LABEL = re.compile(r"^[\s*_]*(møtenavn|mødenavn|utvalg|udvalg|committee|body|gruppe|forum)[\s*_]*:[\s*_]*(.+)$",
                         re.I)
_BODY_IN = re.compile(r"\b\w*(?:møte|møde|meeting)\s+(?:i|in|of|for)\s+(?:the\s+)?(.+?)(?:\s+[-–]\s+.*)?$", re.I)
_BODY_MINUTES = re.compile(r"^minutes of (?:the )?(.+?)\s+meeting\b", re.I)
_STRIP_TITLE = re.compile(r"^\W*(referat|møtereferat|mødereferat|minutes|protokoll)\b\W*|\s*\W*\b(møte|møde|meeting)?"
                          r"\s*[\d.\-/]+\s*$", re.I)
_PROSE_MIN = 200


def parse_file(path: str | Path) -> ParsedMinutes:
    """Read and parse one minutes file; ParseError names the file (and line) on failure. Parsing is
    bounded in time and the passages in number (limits.py), like reading."""
    doc = read_document(path)
    with limits.deadline(doc.path, what="parsing"):
        parsed = parse_minutes(doc)
    limits.check_passages(doc.path, len(parsed.passages))
    return parsed


def parse_minutes(doc: Document, meeting_id: str | None = None) -> ParsedMinutes:
    mid = meeting_id or Path(doc.path).stem
    date, source = meeting_date(doc)
    if date is None:
        raise ParseError(doc.path, "no meeting date found (looked for a 'Tid:'/'Møtedato:' line, front "
                                   "matter 'date:', a dated title line, and YYYY-MM-DD in the file name)")
    warnings = ["meeting date taken from the file name"] if source == "file name" else []
    title, title_line, body = _title_and_body(doc)
    if title_line is not None and len(next((ln.text for ln in doc.lines if ln.number == title_line), "")) > 200:
        title_line = None  # a collapsed transcript: the "title" line holds the whole text
    title = _short(title)
    attendees, used, groups = find_roster(doc, secretariat_org_name(body))
    attendees, groups = signature_roles(doc, attendees, groups, used)  # "Kåre Haugli (s.) styreleder"
    attendees = canonical_attendees(attendees, secretariat_org_name(body))  # one spelling of the secretariat
    if not attendees:
        warnings.append("no attendee list found")
    names = Names.of(attendees)
    cast = Cast(attendees, document_names(doc.lines, names, used))
    heads = speaker_headings(doc.lines, cast)
    items, agenda_warnings = find_agenda(doc.lines)
    warnings += agenda_warnings
    lines = list(doc.lines)
    work: list[tuple[AgendaItem, list[Block], dict[int, str]]] = []
    header: list[HeaderLine] = []
    if items:
        pre = [ln for ln in lines[:items[0][1]] if ln.number not in used and ln.number != title_line]
        pre_blocks, pre_texts = segment(pre, Names(), cast)
        told = {p.line for b in pre_blocks if b.actor for p in b.pieces}  # the rest of a line a turn began in is kept
        # "Servering: Frederik" (no turn of its own): a record about those members, its own passage
        header = header_lines([ln for ln in pre if ln.number not in told], cast.entries, used)
        taken = {h.line.number for h in header}
        pre_blocks = [b if b.actor else Block(None, [p for p in b.pieces if p.line not in taken]) for b in pre_blocks]
        prose = [b if b.actor else Block(None, b.pieces) for b in pre_blocks
                 if b.pieces and (b.actor or _is_prose(b.pieces, pre_texts) or any(p.line in told for p in b.pieces))]
        if prose:
            work.append((AgendaItem("", "", prose[0].pieces[0].line), prose, pre_texts))
        bounds = [i for _, i in items] + [len(lines)]
        for (item, start), end in zip(items, bounds[1:]):
            blocks, texts = segment(lines[start + 1:end], names, cast, heads)
            if not blocks:
                warnings.append(f"line {item.line}: agenda item {item.number} has no text")
            work.append((item, blocks, texts))
    else:
        warnings.append("no agenda items found; the whole text is treated as one item")
        rest = [ln for ln in lines if ln.number not in used and ln.number != title_line]
        blocks, texts = segment(rest, names, cast, heads)
        first = next((ln.number for ln in rest if ln.text.strip()), 1)
        work.append((AgendaItem("", title, first), blocks, texts))
    cut = _inline_spans(doc, groups)
    passages = _passages(mid, work, cut)
    passages = attendance_passages(mid, doc, groups) + header_passages(mid, header) + passages
    passages = [_renumber(p, mid, i) for i, p in enumerate(passages, 1)]
    attendees, passages = link_first_names(attendees, passages, cast.doc)
    if not passages:
        warnings.append("no passages found")
    meeting = Meeting(id=mid, date=date, title=title, body=body, source_path=doc.path,
                      attendees=tuple(attendees), agenda=tuple(item for item, _ in items))
    return ParsedMinutes(meeting=meeting, passages=tuple(passages), warnings=tuple(warnings))


def _inline_spans(doc: Document, groups) -> dict[int, list[tuple[int, int]]]:
    """Attendance written inside a longer line, in that line's stripped coordinates (it becomes its own
    passage, so the surrounding text's passages leave it out)."""
    raw = {ln.number: ln.text for ln in doc.lines}
    out: dict[int, list[tuple[int, int]]] = {}
    for g in groups:
        if g.inline:
            for number, start, end in g.spans:
                lead = len(raw.get(number, "")) - len(raw.get(number, "").lstrip())
                out.setdefault(number, []).append((max(0, start - lead), max(0, end - lead)))
    return out


def _without(pieces: list[Piece], cut: dict[int, list[tuple[int, int]]], texts: dict[int, str]
             ) -> list[list[Piece]]:
    """The pieces as runs that skip the cut spans (a run ends where a span is taken out)."""
    runs: list[list[Piece]] = [[]]
    for p in pieces:
        spans = sorted(x for x in cut.get(p.line, ()) if x[0] < p.end and x[1] > p.start)
        if not spans:
            runs[-1].append(p)
            continue
        start = p.start
        for a, b in spans:
            if a > start:
                runs[-1].append(Piece(p.line, start, a, p.blank_before and start == p.start, p.heading))
            runs.append([])
            start = max(start, b)
        text = texts.get(p.line, "")
        while start < p.end and text[start:start + 1] in (" ", ".", ",", ";", ":"):
            start += 1  # the full stop that ended the attendance sentence belongs to it
        if start < p.end:
            runs[-1].append(Piece(p.line, start, p.end, False, p.heading))
    return [r for r in runs if any(not x.heading for x in r)]


def _passages(mid: str, work, cut: dict[int, list[tuple[int, int]]] | None = None) -> list[Passage]:
    out: list[Passage] = []
    for item, blocks, texts in work:
        for block in blocks:
            actor = block.actor
            runs = _without(block.pieces, cut, texts) if cut else [block.pieces]
            first = block.pieces[0] if block.pieces else None
            if actor is not None and first is not None and any(
                    a <= first.start < b for a, b in (cut or {}).get(first.line, ())):
                actor = None  # the sentence that named the actor was attendance ("X var sekretær …"): cut out
            label = block.label if actor is not None or block.actor is None else None
            for chunk in (c for run in runs for c in chunks(run, texts)):
                if not render(chunk, texts).strip(" \n.,;:"):
                    continue
                text = render(chunk, texts).strip()
                out.append(Passage(
                    id=f"{mid}.{len(out) + 1:03d}", meeting_id=mid, agenda_number=item.number,
                    agenda_title=item.title, speaker_label=label, person_id=None,
                    ambiguous=bool(actor and actor.ambiguous), text=text, line_start=chunk[0].line,
                    line_end=chunk[-1].line, content_hash=text_hash(text),
                    candidates=actor.candidates if actor else (),
                    how=actor.how if actor else ("turn" if label else None),
                    role=actor.role if actor else None, actors=actor.names if actor else ()))
    return out


def _renumber(p: Passage, mid: str, seq: int) -> Passage:
    pid = f"{mid}.{seq:03d}"
    return p if p.id == pid else replace(p, id=pid)


def _is_prose(pieces: list[Piece], texts: dict[int, str]) -> bool:
    """Text before the first agenda item is kept only when it reads as prose (not lists or labels)."""
    text = render(pieces, texts)
    lines = [ln for ln in text.split("\n") if ln.strip()]
    prose = [ln for ln in lines if not re.match(r"^([-*•|#]|\d+[.)]|\{)", ln) and not _LABEL_LINE.match(ln)]
    # numbered or bulleted sentences ("1. Kan rådmannen skaffe svar på om …?") are prose too
    prose += [ln for ln in lines if re.match(r"^([-*•]|\d+[.)])\s", ln) and len(ln) >= 50
              and len(re.findall(r"\b[a-zæøå]{3,}\b", ln)) >= 5]
    return sum(map(len, prose)) >= _PROSE_MIN


def _short(title: str, limit: int = 120) -> str:
    """A title that is really a collapsed page: its first sentence, or its first words, up to `limit`."""
    if len(title) <= limit:
        return title
    cut = title[:limit]
    end = max(cut.rfind(". "), cut.rfind(": "))
    return cut[:end] if end > 20 else cut[:cut.rfind(" ")] + " …"


def _title_and_body(doc: Document) -> tuple[str, int | None, str]:
    """(title, its line number or None, body) from front matter, the heading or "Referat …" line."""
    meta = doc.metadata
    head = [ln for ln in doc.lines if ln.text.strip()][:30]
    title, title_line = None, None
    if meta.get("title"):
        title = str(meta["title"]).strip()
    else:
        for test in (lambda t: t.startswith("# "), lambda t: bool(_TITLE_LINE.match(t)),
                     lambda t: not _LABEL_LINE.match(t) and not t.isupper() and len(t) > 3):
            hit = next((ln for ln in head if test(ln.text.strip())), None)
            if hit:
                title, title_line = hit.text.strip().lstrip("#").strip().strip("*_ "), hit.number
                break
    title = title or Path(doc.path).stem
    for key in ("body", "committee", "group", "organisation", "organization"):
        if meta.get(key):
            return title, title_line, str(meta[key]).strip()
    for ln in head:
        m = _BODY_LABEL.match(ln.text)
        if m and not m[2][:1].isdigit():
            return title, title_line, m[2].strip().strip("*_ ")
    candidates = [title, str(meta.get("subheadline") or ""), str(meta.get("description") or "")]
    candidates += [ln.text.strip().lstrip("#").strip() for ln in head if _TITLE_LINE.match(ln.text)]
    for text in candidates:
        m = _BODY_MINUTES.match(text) or _BODY_IN.search(text)
        if m:
            return title, title_line, m[1].strip().rstrip(".:")
    return title, title_line, _STRIP_TITLE.sub("", title).strip() or title
