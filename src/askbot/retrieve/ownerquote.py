"""The quote of a follow-up's citation, holding its owner where a line of its own names the owner.

A record's text is its task line; minutes often put the owner on the line under it ("Ansvar: GF (program og
innledere)", "Action: JT", "Responsible: the Clerk"), so the task line alone never shows who. The quote then
runs from the task line through that owner line, cut from the passage itself (still a verbatim substring).
When the owner line stands in a passage of its own (the parser made it one), that passage is cited beside
the task's, quoted whole.
"""

from __future__ import annotations

import re

from askbot.types import FollowUp, Passage

OWNER_LINE = re.compile(r"^\W*(?:ansvar|ansvarlig|ansvarleg|ansvarlege|ansvarlige|action|actions|responsible|owner|"
                        r"lead|frist og ansvar)\s*:", re.I)


def owner_quote(p: Passage | None, r: FollowUp) -> str:
    """The record's words, and the owner line right under them when there is one in the same passage."""
    if p is None:
        return r.text
    at = p.text.find(r.text)
    if at < 0:
        return r.text
    end = at + len(r.text)
    rest = p.text[end:]
    gap = re.match(r"[ \t]*\n[ \t]*", rest)  # the very next line, no blank line between
    if gap is None:
        return r.text
    line = rest[gap.end():].split("\n", 1)[0]
    if not OWNER_LINE.match(line):
        return r.text
    return p.text[at:end + gap.end() + len(line.rstrip())]


def owner_passage(passages: list[Passage], row: int | None, r: FollowUp) -> Passage | None:
    """The passage right after the record's that is only an owner line ("Ansvar: ØS, frist 1. mars"), if any."""
    if row is None or row + 1 >= len(passages):
        return None
    p, nxt = passages[row], passages[row + 1]
    if nxt.meeting_id != p.meeting_id or r.text not in p.text or not p.text.rstrip().endswith(r.text.rstrip()):
        return None
    text = nxt.text.strip()
    return nxt if "\n" not in text and OWNER_LINE.match(text) and nxt.line_start <= p.line_end + 1 else None
