""""Who is TKA?": initials answered from the roster that spells them out, or from the speaker labels the
parser resolved; letters the minutes never write get a plain "not in the minutes" (real model)."""

from __future__ import annotations

from pathlib import Path

import pytest

from askbot.retrieve.initials import asked_initials

from conftest import engine_over

SAMPLES = Path(__file__).parent / "minutes" / "samples"
LAYOUTS = Path(__file__).parent / "minutes" / "layouts"


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder):
    return engine_over(tmp_path_factory, embedder, "initials", SAMPLES / "27_dds-bestyrelsesmode-7-2009-10-10.txt",
                       LAYOUTS / "2023-02-10-naeringssamarbeidet-referat.txt")


@pytest.mark.parametrize("q, x", [
    ("Who is TKA in the DDS attendee list?", "TKA"), ("Hvem står bag forkortelsen DWK?", "DWK"),
    ("Hvem har initialerne SFA?", "SFA"), ("Hvem er TP?", "TP"), ("Who is Dag Aanensen?", None),
    ("Hvem jobber med hydrogen?", None),
])
def test_asked_initials(q, x):
    assert asked_initials(q) == x


@pytest.mark.parametrize("q, name, lang", [
    ("Who is TKA in the DDS attendee list?", "Torben Klit Andersen", "en"),
    ("Hvem står bag forkortelsen DWK?", "Dagmar W. Keinicke", "no"),
    ("Hvem har initialerne SFA?", "Steen F. Andersen", "no"),
    ("Hvem er TP?", "Terje Pettersen", "no"),  # a speaker label the parser resolved
])
def test_initials_name_the_person(engine, q, name, lang):
    a = engine.ask(q)
    assert a.kind == "people" and [p.person.name for p in a.people] == [name] and a.language == lang
    assert name in a.text and a.hits


def test_unknown_initials_are_not_guessed(engine):
    a = engine.ask("Who is XYZ?")
    assert a.kind == "none" and not a.people and a.text.startswith("XYZ does not appear in the minutes")
