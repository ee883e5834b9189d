""""Who is TKA?" / "Hvem står bag forkortelsen DWK?": initials answered from the attendee list.

Minutes with a roster of "Christian Kjær Pedersen (CKP), Leif N. Bay (LNB), …" then write "CKP
advised …"; members ask who the letters stand for. The answer is the roster entry that spells them
out ("Name (XX)" in an attendance passage), else the person the parser resolved a speaker label of
those letters to; never a guess from letters alone.
"""

from __future__ import annotations

import re

from askbot.types import Answer, Hit, Passage, PersonAnswer

from .answer import cite
from .language import detect_language
from .roleanswer import CLOSEST_EN, CLOSEST_NO

_ASK = re.compile(
    r"\b(?i:who\s+is|who's|who\s+are|hvem\s+er|kven\s+er|hvem\s+står\s+bag|hvem\s+står\s+bak|kven\s+står\s+bak|"
    r"who\s+has\s+the\s+initials|hvem\s+har\s+initialene|hvem\s+har\s+initialerne|kven\s+har\s+initialane|"
    r"what\s+does|hva\s+står)\s+(?i:(?:the\s+)?(?:initials|forkortelsen|forkortinga|initialene|initialerne)\s+)?"
    r"(?P<x>[A-ZÆØÅ]{2,5})\b"
)


def asked_initials(query: str) -> str | None:
    """The initials a question asks about ("TKA"), or None."""
    m = _ASK.search(query)
    return m["x"] if m else None


def answer_initials(engine, query: str, k: int, cat) -> Answer | None:
    """The person the initials stand for, cited by the roster line; None when the archive does not say."""
    x = asked_initials(query)
    if x is None:
        return None
    found: dict[str, Passage] = {}
    spelled = re.compile(rf"([A-ZÆØÅ][\w.'-]*(?:\s+[A-ZÆØÅ][\w.'-]*){{0,4}})\s*\(\s*{x}\s*\)")
    for p in engine.build.passages:
        if p.how == "attendance" and f"({x})" in p.text.replace("( ", "(").replace(" )", ")"):
            for name in spelled.findall(p.text):
                for pid in (p.person_id, *p.people_ids):
                    person = engine.person(pid) if pid else None
                    if person and (person.name in name or name.endswith(person.name)):
                        found.setdefault(pid, p)
        elif p.speaker_label == x and p.person_id and not p.ambiguous and engine.person(p.person_id).name != x:
            found.setdefault(p.person_id, p)  # (an organisation named "DGI" is not initials)
    lang = detect_language(query)
    if not found:
        if engine.known.knows(x):  # written somewhere, just not spelt out: ordinary retrieval
            return None
        text = (f"{x} står ikke i referatene. {CLOSEST_NO}" if lang == "no"
                else f"{x} does not appear in the minutes. {CLOSEST_EN}")
        hits = engine.searcher.search(query, k)
        return Answer(query, lang, "none", (), tuple(cite(h, query, cat) for h in hits), text)
    people = tuple(PersonAnswer(engine.person(pid), 1.0, (cite(Hit(p, 1.0), query, cat),), p.organisation)
                   for pid, p in found.items())
    names = ", ".join(pa.person.name for pa in people)
    text = (f"{x} står for {names} i referatene." if lang == "no" else f"In the minutes, {x} is {names}.")
    return Answer(query, lang, "people", people, tuple(c for pa in people for c in pa.citations)[:k], text)
