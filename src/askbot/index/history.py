"""`askbot index list`: each published build described, and what it changed against the build before it.

Reads only manifests and each build's meetings table (no vectors, no model), so listing stays fast.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from . import store
from .report import compare


@dataclass(frozen=True)
class BuildInfo:
    manifest: store.Manifest
    first: dt.date | None  # the earliest and latest meeting date in the build
    last: dt.date | None
    added: list[str]  # source files against the build before (all files for the first)
    changed: list[str]
    removed: list[str]

    def to_dict(self, live: bool) -> dict:
        m = self.manifest
        return {"build_id": m.build_id, "created": m.created, "live": live, "meetings": m.meetings,
                "first_meeting": self.first.isoformat() if self.first else None,
                "last_meeting": self.last.isoformat() if self.last else None, "people": m.people,
                "passages": m.passages, "model_id": m.model_id,
                "changes": {"added": self.added, "changed": self.changed, "removed": self.removed}}


def _date_range(build: store.Manifest, index_dir) -> tuple[dt.date | None, dt.date | None]:
    path = store.builds_dir(index_dir) / build.build_id / store.META
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            lo, hi = con.execute("SELECT min(date), max(date) FROM meetings").fetchone()
        finally:
            con.close()
        return (dt.date.fromisoformat(lo) if lo else None, dt.date.fromisoformat(hi) if hi else None)
    except (sqlite3.Error, ValueError):  # an unreadable build is still listed, without its dates
        return None, None


def describe(index_dir) -> list[BuildInfo]:
    """Every complete build, oldest first, each compared with the one before it."""
    out, before = [], {}
    for m in store.list_builds(index_dir):
        out.append(BuildInfo(m, *_date_range(m, index_dir), *compare(before, m.sources)))
        before = m.sources
    return out


def _made(created: str) -> str:
    try:
        t = dt.datetime.fromisoformat(created)
    except ValueError:
        return created
    return t.astimezone().strftime("%d.%m.%Y %H:%M")


def _names(sign: str, names: list[str], most: int = 3) -> list[str]:
    shown = [f"{sign}{n}" for n in names[:most]]
    return shown + [f"{sign}{len(names) - most} more"] if len(names) > most else shown


def format_row(b: BuildInfo, live: bool) -> str:
    """One line per build: id, when made, meetings (count and dates), people, passages, model, changes."""
    m = b.manifest
    dates = f" {b.first:%d.%m.%Y}–{b.last:%d.%m.%Y}" if b.first and b.last else ""
    changes = [*_names("+", b.added), *_names("~", b.changed), *_names("-", b.removed)]
    what = f"{len(b.added)} added, {len(b.changed)} changed, {len(b.removed)} removed"
    if changes:
        what += ": " + ", ".join(changes)
    return (f"{'*' if live else ' '} {m.build_id}  made {_made(m.created)}  {m.meetings} meetings{dates}  "
            f"{m.people} people  {m.passages} passages  {m.model_id}  vs previous: {what}")
