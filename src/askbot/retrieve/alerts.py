"""Topic alerts: which of a build's new passages answer a topic, by the engine's own answer.

Each meeting with new passages is asked the topic on its own (`Engine.ask` with that meeting as
the filter), so the relevance decision (relevance.py, through the answer) says whether the meeting
takes the topic up at all, against the same floor and off-topic anchors as any question. Of the
passages it answers with, the new ones are the alerts: for a passage answer those the answer counts
as answering well (`answer.strong_hits`, the "n avsnitt … svarer godt" of its text), for a people
answer the passages it cites for each person. Measured on the seed plus 20.05.2022 (19 new
passages): "hydrogen" gives the one passage that names it, "batterier" the three on batteries,
"pannekaker" and "transport" none; "reiseliv" 7, two of them procedural ("Godkjent. …"): the
answer's 0.03 margin on compressed e5 scores.
"""

from __future__ import annotations

from askbot.types import Citation, Filters, Passage

from .answer import strong_hits
from .engine import Engine

ALERT_K = 10  # passages considered per meeting; at most this many alerts per meeting and topic


def _answering(engine: Engine, topic: str, filters: Filters, k: int) -> list[Citation]:
    """The citations the engine's answer to `topic` within `filters` gives as answering it."""
    ans = engine.ask(topic, k=k, filters=filters)
    if ans.kind == "none":
        return []
    if ans.kind == "people":
        return [c for pa in ans.people for c in pa.citations]
    # the same search the answer ran (same query, filters and depth), to know which hits it counts
    hits = engine.search(topic, k=max(3 * k, 20), filters=filters)
    good = {h.passage.id for h in strong_hits(hits[:k])}
    return [c for c in ans.hits if c.passage_id in good]


def topic_alerts(engine: Engine, topic: str, new: list[Passage], k: int = ALERT_K) -> list[Citation]:
    """The new passages that answer `topic`, once each, meeting by meeting (oldest first), best first
    within a meeting. `new`: passages of `engine`'s build (index.changes.new_passages)."""
    new_ids = {p.id for p in new}
    dates = {m.id: (m.date, m.id) for m in engine.meetings()}
    out: list[Citation] = []
    seen: set[str] = set()
    for mid in sorted({p.meeting_id for p in new}, key=dates.__getitem__):
        for c in _answering(engine, topic, Filters(meeting=mid), k):
            if c.passage_id in new_ids and c.passage_id not in seen:
                seen.add(c.passage_id)
                out.append(c)
    return out
