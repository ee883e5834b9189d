"""Speaker headings: a status round written as a run of short headings, one per reporter
("### Appkom:", "### Bedkom:", "### Nestleder:", …). Each heading's text is who reports what follows,
until the next heading.

A run counts when at least three headings of one level follow each other, every one of them short
(one to three words) and at least three of them ending in ":" (a topic heading rarely does). The
reporter is what the roster makes of the heading (a member, a role holder, an organisation), else the
heading as written; a role word the roster gives nobody ("Leder:" with no roles listed) names no one.
"""

from __future__ import annotations

import re

from askbot.types import Line

from .cast import Actor, Cast
from .roles import normalise_role, subject_role

_MD_HEAD = re.compile(r"^(#{2,6})\s+(.+?)\s*$")
_MIN_RUN = 3


def _short(text: str) -> bool:
    words = text.rstrip(":").split()
    return 1 <= len(words) <= 3 and not re.search(r"\d", text) and text[:1].isupper()


def speaker_headings(lines: list[Line] | tuple[Line, ...], cast: Cast) -> dict[int, Actor]:
    """Line number → the reporter of each speaker heading in a run (see the module docstring)."""
    heads = [(ln.number, m[1], m[2].strip("*_ ")) for ln in lines if (m := _MD_HEAD.match(ln.text.strip()))]
    out: dict[int, Actor] = {}
    i = 0
    while i < len(heads):
        j = i
        while j < len(heads) and heads[j][1] == heads[i][1] and _short(heads[j][2]):
            j += 1
        run = heads[i:j]
        if sum(h[2].endswith(":") for h in run) >= _MIN_RUN:
            for number, _level, text in run:
                actor = _reporter(text.rstrip(": "), cast)
                if actor is not None:
                    out[number] = actor
        i = max(j, i + 1)
    return out


def _reporter(text: str, cast: Cast) -> Actor | None:
    found = cast.lookup(text, "turn")
    if found is not None:
        return found if found.names or found.candidates else None
    if subject_role(text) or normalise_role(text):  # a role nobody on the roster holds
        return None
    return Actor((text,), text, "turn")
