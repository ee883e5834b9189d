"""Cut an agenda item's lines into speaker turns, and long turns into passage-sized chunks.

A chunk is a list of Pieces (spans of stripped lines), so its text is always the source's own
words: whole lines joined with "\\n" (a blank line kept as one empty line), or, only when a single
line is longer than the limit, whole sentences of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from askbot.types import Line

from .agenda import has_words, is_sub_break
from .cast import Actor, Cast
from .owners import owner
from .reported import switches
from .speakers import Names, is_section_break, split_label

LIMIT = 1200
_BULLET = re.compile(r"^([-*•–+]|\d+[.)])\s")
_SENTENCE_END = re.compile(r"[.!?:;…][)\"”»']*$")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[)\"”»']*\s+(?=[A-ZÆØÅÄÖÜ0-9\"«(])")


@dataclass(frozen=True)
class Piece:
    line: int
    start: int
    end: int
    blank_before: bool = False
    heading: bool = False


@dataclass
class Block:
    """One speaker turn: a "Name:" label as written, or an actor found in the text, and its pieces."""

    label: str | None
    pieces: list[Piece]
    actor: Actor | None = None  # set when the text (not a label) names who speaks or acts
    bullet: bool = False  # a "- Name: …" list item: the turn ends with the item
    headed: bool = False  # opened by a speaker heading ("### Bedkom:"): the turn ends with the next heading

    def __iter__(self):  # (label, pieces), as blocks were once tuples
        return iter((self.label, self.pieces))


_BULLET_LABEL = re.compile(r"^([-*•+]\s+)(?=\S)")


def segment(lines: list[Line], names: Names, cast: Cast | None = None, heads: dict[int, Actor] | None = None
            ) -> tuple[list[Block], dict[int, str]]:
    """Speaker turns in order, and the stripped text of each line. With a cast, sentences that name
    an actor ("AS advised …", "Ansvar: KH", "… (NS)") open turns too, and so do speaker headings
    (`heads`, line number → reporter: see headturns)."""
    texts = {ln.number: ln.text.strip() for ln in lines}
    blocks: list[Block] = []
    cur = Block(None, [])
    blank = False

    def flush() -> None:
        if any(not p.heading for p in cur.pieces):
            blocks.append(cur)

    for ln in lines:
        t = texts[ln.number]
        if not t:
            blank = bool(cur.pieces)
            continue
        if heads and ln.number in heads:  # "### Bedkom:" in a status round
            flush()
            who = heads[ln.number]
            cur, blank = Block(who.label, [Piece(ln.number, 0, len(t), False, heading=True)], who, headed=True), False
            continue
        if is_sub_break(t) and _is_paragraph(t):  # "1.1 AB welcomed members, …": numbered text, not a title
            flush()
            cur, blank = Block(None, []), False
        elif is_sub_break(t) or is_section_break(t) or (cur.label is None and _is_subtitle(t, names)):
            flush()
            cur, blank = Block(None, []), False
            if has_words(t):
                cur.pieces.append(Piece(ln.number, 0, len(t), False, heading=True))
            continue
        found = split_label(t, names)
        bullet = _BULLET_LABEL.match(t) if not found else None
        if bullet:  # "- Eric Huss: How should we …" (a known name after a bullet)
            inner = split_label(t[bullet.end():], names)
            if inner and names.knows(inner[0].split()[0] if inner[0].split() else ""):
                found = inner
        if cur.bullet and _BULLET.match(t) and not found:
            flush()  # the next list item is not the labelled item's speaker's
            cur = Block(None, [])
        if found:
            flush()
            cur, blank = Block(found[0], [], bullet=bool(bullet)), False
            if found[1]:  # a list item keeps its "- Name:" (it is the item's own text); a turn line drops it
                cur.pieces.append(Piece(ln.number, 0 if bullet else len(t) - len(found[1]), len(t)))
            continue
        in_label_turn = cur.label is not None and cur.actor is None
        if in_label_turn and cur.pieces and (_DECISION.match(t) or _is_owner_line(t)):
            flush()  # "Vedtak: …" / "Ansvar: PSD …" after a "Name:" turn: the meeting's, or the owner's
            cur, in_label_turn = Block(None, []), False
        if cast is None:
            cur.pieces.append(Piece(ln.number, 0, len(t), blank))
            blank = False
            continue
        opened = bool(cur.pieces) and texts[cur.pieces[-1].line][:cur.pieces[-1].end].rstrip().endswith(":")
        if cur.actor is not None and not cur.headed and (blank or _BULLET.match(t)) and not opened:
            flush()  # a text-found actor's turn ends with its paragraph or list item
            cur = Block(None, [])
        who = owner(cast, t) if not in_label_turn else None
        if who is not None and who.names:
            if cur.actor is None and cur.pieces and _is_owner_line(t):
                cur.actor, cur.label = who, who.label  # "Ansvar: KH" names the owner of the task above it
                cur.pieces.append(Piece(ln.number, 0, len(t), blank))
            else:
                flush()
                cur = Block(who.label, [Piece(ln.number, 0, len(t), False)], who)
            blank = False
            continue
        start = 0
        for offset, actor in switches(cast, t):
            if in_label_turn and (actor is None or not actor.names or not all(map(cast.knows, actor.names))):
                continue  # inside a "Name:" turn only another roster member takes over
            if offset > start and t[start:offset].strip():
                cur.pieces.append(Piece(ln.number, start, len(t[:offset].rstrip()), blank and start == 0))
                blank = False
            if actor is None and (cur.actor is None or cur.headed):
                continue  # the turn was not an actor's, or is a heading's (the reporter's own "Det har vært …")
            flush()
            cur, start = Block(actor.label if actor else None, [], actor), offset
            in_label_turn = False  # the "Name:" turn has ended: a later sentence may end this one
        if t[start:].strip():
            cur.pieces.append(Piece(ln.number, start, len(t), blank and start == 0))
        blank = False
    flush()
    return blocks, texts


_DECISION = re.compile(r"^[\s*_]*(?:vedtak|konklusjon|beslutning|besluttet|resolved|decision|decided|innstilling|"
                       r"votering|afstemning)[\s*_]*:", re.I)


def _is_paragraph(text: str) -> bool:
    body = re.sub(r"^[#\s]*\d+(?:\.\d+)+\.?\s*", "", text)
    return not text.lstrip().startswith("#") and len(body) > 60 and bool(re.search(r"[a-zæøå]{3,}[.,;:]?\s", body))


def _is_owner_line(text: str) -> bool:
    """"Ansvar: KH" alone on its line (not "Action: AB to contact …", which is a task of its own)."""
    m = re.match(r"^[\s*_]*(ansvar|ansvarlig|ansvarleg|responsible|owner)[\s*_]*:[\s*_]*(.*)$", text, re.I)
    return bool(m) and len(m[2].split()) <= 6


def _is_subtitle(text: str, names: Names) -> bool:
    """"Standing Orders:", "Village Hall:" — a short title line inside item-level text."""
    words = text.rstrip(":").split()
    return (text.endswith(":") and 0 < len(words) <= 8 and len(text) <= 80 and text[0].isupper()
            and ". " not in text and "http" not in text and split_label(text, names) is None)


def render(pieces: list[Piece], texts: dict[int, str]) -> str:
    out: list[str] = []
    prev: Piece | None = None
    start = 0
    for p in pieces:
        if prev is not None and p.line == prev.line:
            out[-1] = texts[p.line][start:p.end]
        else:
            if prev is not None and p.blank_before:
                out.append("")
            start = p.start
            out.append(texts[p.line][p.start:p.end])
        prev = p
    return "\n".join(out)


def chunks(pieces: list[Piece], texts: dict[int, str], limit: int = LIMIT) -> list[list[Piece]]:
    """Split a turn longer than `limit` on paragraph/bullet boundaries, then sentence ends."""
    if len(render(pieces, texts)) <= limit:
        return [pieces]
    units: list[list[Piece]] = []
    for p in pieces:
        prev = units[-1][-1] if units else None
        ended = prev is not None and bool(_SENTENCE_END.search(texts[prev.line][prev.start:prev.end]))
        if not units or p.heading or _BULLET.match(texts[p.line][p.start:p.end]) or (p.blank_before and ended):
            units.append([])
        units[-1].append(p)
    fine: list[list[Piece]] = []
    for unit in units:
        fine.extend(_sentences(unit, texts, limit) if len(render(unit, texts)) > limit else [unit])
    out: list[list[Piece]] = []
    for unit in fine:
        if out and len(render(out[-1] + unit, texts)) <= limit:
            out[-1] = out[-1] + unit
        else:
            out.append(list(unit))
    return out


def _rstrip_end(line: str, a: int, b: int) -> int:
    """len(line[:b].rstrip()), copying only line[a:b] (a copy of the prefix per sentence is quadratic)."""
    kept = line[a:b].rstrip()
    return a + len(kept) if kept else len(line[:b].rstrip())


def _sentences(unit: list[Piece], texts: dict[int, str], limit: int) -> list[list[Piece]]:
    """Sub-units ending at sentence ends: between lines, or inside a line longer than `limit`."""
    out: list[list[Piece]] = [[]]
    for p in unit:
        text = texts[p.line][p.start:p.end]
        spans = [(p.start, p.end)]
        if len(text) > limit:
            cuts = [p.start + m.end() for m in _SENTENCE_SPLIT.finditer(text)]
            bounds = [p.start, *cuts, p.end]
            spans = [(a, _rstrip_end(texts[p.line], a, b)) for a, b in zip(bounds, bounds[1:])]
        for k, (a, b) in enumerate(spans):
            out[-1].append(Piece(p.line, a, b, p.blank_before and k == 0, p.heading))
            if _SENTENCE_END.search(texts[p.line][a:b]):
                out.append([])
    return [u for u in out if u]
