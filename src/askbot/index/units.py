"""Sub-passage segments (bullets, sentences-in-lines) embedded beside each passage.

A speaker turn often lists several unrelated points; a question about one of them matches the
whole turn poorly. Each passage is therefore embedded whole and per segment, and its dense score
mixes both (see search.py). Segments are verbatim substrings of the passage.
"""

from __future__ import annotations

import re

from askbot.hashing import text_hash  # noqa: F401  (re-exported for callers of segments)
from askbot.types import Passage

_BULLET = re.compile(r"^\s*([-•*–]|\d+[.)])\s")
MIN_CHARS = 25


def segments(text: str) -> list[str]:
    """Verbatim segments of a passage: bullet items (with their continuation lines) or lines.

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
    out = []
    for parts in segs:
        first, last = parts[0], parts[-1]
        start = text.find(first)
        end = text.find(last, start) + len(last)
        out.append(text[start:end])
    return out if len(out) > 1 else []


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
