"""Overrides in the people file that point at nobody: a label pinned to a name no roster has.

`"Eva" = "Eva Snarre"` (a typo for the roster's Eva Snare) would otherwise create a person who
attended nothing. `drop_ghosts` removes such rules before resolving, and returns a warning for each,
naming the people file's line and the nearest real name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from askbot.types import ParsedMinutes

from .matching import slug
from .overrides import Overrides


@dataclass(frozen=True)
class Ghost:
    file: str
    line: int | None
    label: str
    target: str
    suggestion: str | None

    def text(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line else self.file
        hint = f"; did you mean {self.suggestion}?" if self.suggestion else ""
        return (f"{where}: override {self.label!r} = {self.target!r} names nobody in any roster; "
                f"ignored (no person is made up){hint} Add [person.\"{self.target}\"] if they are real")


def _line(lines: list[str], label: str, target: str) -> tuple[int | None, str]:
    """The people file's line of `label = "target"` and the label as written (tomllib keeps no lines)."""
    for n, raw in enumerate(lines, 1):
        left, sep, right = raw.partition("=")
        if sep and re.search(r'["\']' + re.escape(target) + r'["\']', right) and \
                left.strip().strip("\"'").casefold() == label:
            return n, left.strip().strip("\"'")
    return None, label


def drop_ghosts(path: str | Path | None, overrides: Overrides,
                parsed: list[ParsedMinutes]) -> tuple[Overrides, list[Ghost]]:
    """Overrides without the label rules whose person is in no roster (nor a [person] table), and the warnings."""
    names = {a.name for pm in parsed for a in pm.meeting.attendees if a.kind == "person"}
    for po in overrides.persons:
        names.update((po.name, *po.same_as))
    known = {n.casefold() for n in names} | {slug(n) for n in names}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines() if path and Path(path).is_file() else []
    except (OSError, UnicodeDecodeError):
        lines = []
    ghosts: list[Ghost] = []

    def keep(table: dict[str, str]) -> dict[str, str]:
        out = {}
        for label, target in table.items():
            if target and target.casefold() not in known and slug(target) not in known:
                best = process.extractOne(target, sorted(names), scorer=fuzz.WRatio, score_cutoff=80)
                ghosts.append(Ghost(str(path), *_line(lines, label, target), target, best[0] if best else None))
            else:
                out[label] = target
        return out

    labels = keep(overrides.labels)
    meetings = {mid: keep(table) for mid, table in overrides.meeting_labels.items()}
    return replace(overrides, labels=labels, meeting_labels=meetings), ghosts
