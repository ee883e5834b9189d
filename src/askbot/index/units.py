"""Sub-passage segments (bullets, sentences-in-lines) embedded beside each passage.

A speaker turn often lists several unrelated points; a question about one of them matches the
whole turn poorly. Each passage is therefore embedded whole and per segment, and its dense score
mixes both (see search.py). Segments are verbatim substrings of the passage.
"""

from __future__ import annotations

import re

from askbot.hashing import text_hash  # noqa: F401  (re-exported for callers of segments)
from askbot.minutes.sentences import sentence_spans
from askbot.types import Passage

_BULLET = re.compile(r"^\s*([-•*–]|\d+[.)])\s")
MIN_CHARS = 25
SENTENCE_GROUP = 300


def segments(text: str) -> list[str]:
    """Verbatim segments of a passage: bullet items (with their continuation lines) or lines; a line
    shorter than MIN_CHARS joins the one before it when it ends the passage, the one after it else.

    A passage with a single segment returns [] (its whole-passage vector already covers it).
    """
    segs: list[list[str]] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        prev = segs[-1] if segs else None
        continues = prev is not None and not _BULLET.match(line) and not prev[-1].rstrip().endswith((".", ":", "!", "?"))
        if continues or (prev is not None and len("".join(prev)) < MIN_CHARS):
            prev.append(stripped)
        else:
            segs.append([stripped])
    if len(segs) > 1 and len("".join(segs[-1])) < MIN_CHARS:
        segs[-2].extend(segs.pop())  # a short last line ("----", "Vedtatt.") alone is a hub: near every question
    out = []
    for parts in segs:
        first, last = parts[0], parts[-1]
        start = text.find(first)
        end = text.find(last, start) + len(last)
        out.extend(_sentence_groups(text[start:end]))
    return out if len(out) > 1 else []


def _sentence_groups(seg: str) -> list[str]:
    """A long segment (a collapsed PDF line, a long paragraph) as runs of whole sentences of about
    SENTENCE_GROUP characters, so one point in it can be found; short segments stay whole."""
    if len(seg) <= 2 * SENTENCE_GROUP:
        return [seg]
    out, start, end = [], None, None
    for a, b in sentence_spans(seg):
        if start is None:
            start = a
        end = b
        if end - start >= SENTENCE_GROUP:
            out.append(seg[start:end])
            start = None
    if start is not None:
        out.append(seg[start:end])
    return out


def embedding_units(passages: list[Passage]) -> tuple[list[str], list[int], list[bool]]:
    """All texts to embed: each passage whole, then its segments. Returns (texts, owner rows, is_segment)."""
    texts: list[str] = []
    owner: list[int] = []
    is_seg: list[bool] = []
    for row, p in enumerate(passages):
        texts.append(p.text)
        owner.append(row)
        is_seg.append(False)
        for s in segments(p.text):
            texts.append(s)
            owner.append(row)
            is_seg.append(True)
    return texts, owner, is_seg
