"""Topics the archive never mentions: no people, a plain "nobody has raised this" (real model, seed index),
and the lexical rule behind it only where the archive is in the question's language."""

from __future__ import annotations

import pytest

from askbot.index.lexical import tokenize
from askbot.retrieve.absent import Vocabulary


@pytest.mark.parametrize("q, text", [
    ("Hvem jobber med oppdrett av laks?", "Ingen i referatene har tatt opp dette."),
    ("Hvem jobber med solcelleparker?", "Ingen i referatene har tatt opp dette."),
    ("Hva ble sagt om kryptovaluta og blokkjede?", "Jeg fant ikke noe i referatene"),
])
def test_absent_topic_gets_no_people(seed_engine, q, text):
    a = seed_engine.ask(q)
    assert a.kind == "none" and not a.people and a.text.startswith(text)
    assert a.hits  # the closest passages, labelled as not an answer


@pytest.mark.parametrize("q", ["hvem jobber med hydrogen?", "Hvem jobber med grønne innkjøp?"])
def test_present_topic_still_answers(seed_engine, q):
    a = seed_engine.ask(q)
    assert a.kind == "people" and a.people


def _vocabulary(texts, languages):
    return Vocabulary(sorted({t for x in texts for t in tokenize(x)}), languages)


def test_compounds_and_acronyms_count_as_present():
    v = _vocabulary(["Vi jobber med hydrogenprosjektet i regionen.", "Steen F. Andersen (SFA) deltok."], ["no", "no"])
    assert not v.absent("Hvem jobber med hydrogen?")  # part of a compound
    assert not v.absent("Hvem har initialerne SFA?")  # an acronym as written
    assert v.absent("Hvem jobber med oppdrett av laks?")


def test_no_lexical_verdict_across_languages():
    norwegian = _vocabulary(["Vi jobber med hydrogen i regionen."] * 9 + ["We work on hydrogen."], ["no"] * 9 + ["en"])
    assert not norwegian.absent("Who works on salmon farming?")  # English words over Norwegian minutes
    mixed = _vocabulary(["Vi jobber med hydrogen."] * 7 + ["Allotments committee met."] * 3, ["no"] * 7 + ["en"] * 3)
    assert not mixed.absent("Når hadde parsellhagekomiteen møte?")  # its answer may be the English minutes
