"""Questions with their own answer before normal retrieval: follow-ups ("hva lovet X", "hvem skal Y",
retrieve/promises.py) and timelines ("når snakket vi om X", retrieve/timeline.py). None: ask as usual."""

from __future__ import annotations

from askbot.types import Answer

from .followthrough import followups_of
from .promises import asks_followups, promised, who_is_to
from .timeline import is_timeline, timeline


def special_answer(engine, query: str, qv, k: int, cat, filters, off: float) -> Answer | None:
    if is_timeline(query):
        return timeline(engine, query, qv, cat, filters, off, max(k, 10))
    if not asks_followups(query):  # the records cost seconds on a large archive: only when asked
        return None
    fu = followups_of(engine.build)
    return promised(fu, query) or who_is_to(fu, query, qv, {p.name: p for p in engine.build.people})
