"""Questions with their own answer before normal retrieval: follow-ups ("hva lovet X", "hvem skal Y",
retrieve/promises.py) and timelines ("når snakket vi om X", retrieve/timeline.py). None: ask as usual."""

from __future__ import annotations

from askbot.types import Answer

from .followthrough import followups_of
from .promises import promised, who_is_to
from .timeline import is_timeline, timeline


def special_answer(engine, query: str, qv, k: int, cat, filters, off: float) -> Answer | None:
    if is_timeline(query):
        return timeline(engine, query, qv, cat, filters, off, max(k, 10))
    fu = followups_of(engine.build)
    return promised(fu, query) or who_is_to(fu, query, qv, {p.name: p for p in engine.build.people})
