""""Når snakket vi om X?" / "When did we discuss X?": the meetings that discussed X, in date order, each
with its item and the passage; only hits the relevance decision counts as evidence (retrieve/relevance.py)."""

from __future__ import annotations

import re
from dataclasses import replace

from askbot.types import Answer

from .answer import cite
from .language import detect_language
from .relevance import decide

_WHEN = re.compile(r"^\W*(?:når|naar|hvornår|kva tid|når\s+ble\s+det)\s+(?:snakket|snakka|diskuterte|drøftet|drøfta|"
                   r"tok|talte|diskuterede|nevnte|har)\s+(?:vi|de|nettverket|man|det)?\b|^\W*when\s+(?:did|have|has)\s+"
                   r"(?:we|they|the\s+\w+)\s+(?:discuss|talk|talked|discussed|raise|raised|mention|mentioned|take\s+up)\b",
                   re.I)


def is_timeline(query: str) -> bool:
    return bool(_WHEN.search(query.strip()))


def timeline(engine, query: str, qv, cat, filters, off: float, k: int = 10) -> Answer | None:
    """One citation per meeting (its strongest evidence passage), oldest first; None when nothing answers."""
    hits = engine.searcher.search(query, max(3 * k, 20), filters, query_vec=qv)
    decision = decide(hits, off)
    if not decision.answers or not decision.evidence:
        return None
    per_meeting = {}
    for h in decision.evidence:
        per_meeting.setdefault(h.passage.meeting_id, h)
    dates = {m: cat.meetings[m].date for m in per_meeting}
    ordered = sorted(per_meeting.values(), key=lambda h: (dates[h.passage.meeting_id], h.passage.line_start))
    lang = detect_language(query)
    cites = tuple(replace(cite(h, query, cat)) for h in ordered[:k])
    when = ", ".join(f"{c.meeting_date:%d.%m.%Y} ({'sak' if lang == 'no' else 'item'} {c.agenda_number or '-'})"
                     for c in cites)
    text = (f"Dette ble tatt opp på {len(cites)} møte{'r' if len(cites) != 1 else ''}: {when}." if lang == "no" else
            f"This was discussed at {len(cites)} meeting{'s' if len(cites) != 1 else ''}: {when}.")
    return Answer(query, lang, "passages", (), cites, text)
