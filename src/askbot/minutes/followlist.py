"""Follow-up records filtered the way members ask for them: by person, organisation, open only, since a date.

Shared by `askbot followups`, `GET /followups` and the bot, so all three filter alike.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from askbot.types import FollowUp, Meeting


def organisations(r: FollowUp, meetings: dict[str, Meeting]) -> set[str]:
    """The organisations a record's owners stand for: their roster organisation, or an owner that is one."""
    m = meetings.get(r.meeting_id)
    orgs = {a.organisation for a in (m.attendees if m else ()) if a.organisation and a.name in (*r.owners,
                                                                                                 *r.candidates)}
    return {o for o in orgs if o} | (set(r.owners) if r.owner_kind == "org" else set())


def select(records: Iterable[FollowUp], meetings: dict[str, Meeting], person: str | None = None,
           org: str | None = None, open_only: bool = False, since: dt.date | None = None,
           until: dt.date | None = None) -> list[FollowUp]:
    """Records in meeting-date order that pass every filter given. `person`/`org`: part of a name,
    case-insensitive; `open_only`: actions the minutes do not report as done."""
    out = []
    for r in records:
        if since and r.meeting_date < since or until and r.meeting_date > until:
            continue
        if person and not any(person.casefold() in o.casefold() for o in (*r.owners, *r.candidates)):
            continue
        if org and not any(org.casefold() in o.casefold() for o in organisations(r, meetings)):
            continue
        if open_only and (r.kind != "action" or r.done):
            continue
        out.append(r)
    return sorted(out, key=lambda r: (r.meeting_date, r.meeting_id, r.line))
