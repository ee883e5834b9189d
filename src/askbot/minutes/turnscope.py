"""Where a text-found turn ends, and turns in a collapsed line: an action (and a deed or a passive
agent) owns its sentence only; in a PDF transcript collapsed onto one line, a roster member's full
name before a verb opens a turn even with no full stop before it."""

from __future__ import annotations

import bisect
import re

from .cast import Actor, Cast
from .verbs import ACTION, REPORT


def scoped(text: str, found: list[tuple[int, Actor | None]], starts: list[int], own: dict[int, int] | None = None
           ) -> list[tuple[int, Actor | None]]:
    """An action ("Prosjektleder skal rapportere …") owns its sentence only, and so does any turn in a
    collapsed transcript line (no paragraphs to end it), and so does a turn in `own` (offset → the start of the
    one sentence it owns: a passive agent, a deed): the next sentence ends it unless it opens one."""
    taken = {o for o, _ in found}
    ends = []
    own = own or {}
    for offset, actor in found:
        if actor is None or not (actor.how == "action" or len(text) > 400 or offset in own):
            continue
        i = bisect.bisect_right(starts, own.get(offset, offset))
        nxt = starts[i] if i < len(starts) else None
        if nxt is not None and nxt not in taken:
            ends.append((nxt, None))
            taken.add(nxt)
    return sorted(found + ends, key=lambda x: x[0])


def embedded(cast: Cast, text: str, found: list[tuple[int, Actor | None]]) -> list[tuple[int, Actor | None]]:
    """In a collapsed line (a PDF transcript without line breaks) a roster member's full name followed by a
    verb opens a turn even where no full stop precedes it ("… Eirik Seim Håvard Fosseng skal sørge for …")."""
    if len(text) < 400:
        return []
    taken = {o for o, _ in found}
    out: list[tuple[int, Actor | None]] = []
    for name in sorted({a.name for a in cast.present if len(a.name.split()) >= 2}, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w-]){re.escape(name)}\s+(?:{REPORT}|{ACTION})\b", text):
            if m.start() not in taken and not any(o < m.start() < o + len(name) for o in taken):
                out.append((m.start(), Actor((name,), name, "reported")))
                taken.add(m.start())
    return out
