"""Where a text-found turn ends, and turns in a collapsed line: an action (and a deed or a passive
agent) owns its sentence only; in a PDF transcript collapsed onto one line, a roster member's full
name before a verb opens a turn even with no full stop before it; a member's own sentence ends the turn before it."""

from __future__ import annotations

import bisect
import re

from .cast import Actor, Cast
from .verbs import ACTION, GENERIC, REPORT


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


_ANY_VERB = re.compile(rf"^(?:{REPORT}|{ACTION}|{GENERIC})\b", re.I)
# "Vestby Rør v/ Tor Nilsen merker at …": an organisation and the person who speaks for it
VIA = re.compile(r"^[A-ZÆØÅ][\w.&-]*(?:\s+[\w.&-]+){0,3}\s+v/\s*(?P<who>[A-ZÆØÅ][\w.-]*(?:\s+[A-ZÆØÅ][\w.-]*){0,2})"
                 r"\s+[a-zæøå]")


def member_subject(cast: Cast, body: str) -> bool:
    """Does the sentence open with a member the roster lists, then a verb ("Birthe Aagaard hadde sendt …"),
    or with "Org v/ Member"? Someone else is its subject, so the turn before it ends there, also when that
    member is absent."""
    words = body.split()
    for k in range(min(4, len(words) - 1), 0, -1):
        if words[0][:1].isupper() and cast.knows(" ".join(words[:k])) and _ANY_VERB.match(body.split(None, k)[k]):
            return True
    via = VIA.match(body)
    return bool(via and cast.knows(via["who"]))
