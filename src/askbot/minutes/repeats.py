"""Passages of one file that repeat an earlier passage of it word for word.

A file pasted into itself (or minutes that copy a paragraph) yields the same passage twice. The
build indexes both and embeds the text once; `askbot check` says so plainly, so a repeat is not
mistaken for, or counted as, vectors reused from the embedding cache.
"""

from __future__ import annotations

from askbot.types import Passage

SHOWN = 5


def repeated(passages: tuple[Passage, ...] | list[Passage]) -> list[tuple[Passage, Passage]]:
    """(repeat, first) for each passage whose text an earlier passage of the same file has."""
    first: dict[str, Passage] = {}
    out = []
    for p in passages:
        key = " ".join(p.text.split())
        if key in first:
            out.append((p, first[key]))
        else:
            first[key] = p
    return out


def repeats_note(passages: tuple[Passage, ...] | list[Passage]) -> str:
    """The check report's line about repeats ("" when there are none)."""
    pairs = repeated(passages)
    if not pairs:
        return ""
    shown = ", ".join(f"line {p.line_start} = line {q.line_start}" for p, q in pairs[:SHOWN])
    more = f", and {len(pairs) - SHOWN} more" if len(pairs) > SHOWN else ""
    return (f"\n  repeats    {len(pairs)} passage{'s' * (len(pairs) != 1)} repeat an earlier passage of this file "
            f"word for word ({shown}{more}); each is indexed again and its text embedded once")
