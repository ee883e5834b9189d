"""An organisation no roster lists, speaking: "Sport og fritid oplyser …", "Statens vegvesen orienterte …",
"The Environment Agency advised …"; the minutes' own body ("Kommunen", "The Council") and ordinary nouns
with "skal"/"will" stay unattributed (see minutes/orgsubject.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from askbot.minutes import parse_file
from askbot.minutes.orgsubject import body_subject, org_subject

SAMPLES = Path(__file__).resolve().parent / "minutes" / "samples"

NO = ("Referat styremøte 5. januar 2023\n\nTil stede: Kari Nordmann (leder), Ola Hansen, Per Berg\n\n"
      "Sak 1. Trafikk\n\nStatens vegvesen orienterte om ny gang- og sykkelvei langs fylkesveien.\n\n"
      "Sak 2. Skole\n\nKommunen informerte om nye åpningstider på biblioteket.\n\n"
      "Sak 3. Plan\n\nProsjektet skal levere en rapport innen mars.\n")
EN = ("Minutes of the Parish Council meeting held on Thursday 5 January 2023\n\n"
      "Present: Cllr John England (Chairman), Cllr Mary Smith, Cllr Peter Brown\n\n"
      "1. Flooding\n\nThe Environment Agency advised that the culvert under Mill Lane is blocked.\n\n"
      "2. Roads\n\nHighways England reported that the A47 roadworks finish in March.\n\n"
      "3. Budget\n\nThe Council noted the precept for the coming year.\n\n"
      "4. Footpaths\n\nThe plan will be published in the spring.\n")


def _passage(path: Path, needle: str):
    return min((p for p in parse_file(path).passages if needle in p.text), key=lambda p: len(p.text))


def test_an_organisation_without_a_roster_speaks_in_a_sample():
    p = _passage(SAMPLES / "28_folkenetvaerket-bestyrelsesmode-2023-02-07.txt", "Sport og fritid oplyser")
    assert (p.actors, p.how, p.ambiguous, p.speaker_label) == (("Sport og fritid",), "reported", False,
                                                               "Sport og fritid")
    assert "Der er oprettet" not in p.text  # the next bullet has a subject of its own


@pytest.mark.parametrize("lang, needle, actors", [
    ("no", "Statens vegvesen orienterte", ("Statens vegvesen",)),
    ("no", "Kommunen informerte", ()),  # the minutes' own body, not a named organisation
    ("no", "Prosjektet skal levere", ()),  # "skal" follows any noun
    ("en", "The Environment Agency advised", ("Environment Agency",)),
    ("en", "Highways England reported", ("Highways England",)),  # never Cllr John England
    ("en", "The Council noted the precept", ()),
    ("en", "The plan will be published", ()),
])
def test_organisation_subjects_by_form(tmp_path, lang, needle, actors):
    f = tmp_path / "2023-01-05-meeting.txt"
    f.write_text(NO if lang == "no" else EN, encoding="utf-8")
    p = _passage(f, needle)
    assert p.actors == actors and (p.how == "reported" if actors else not p.actors)


@pytest.mark.parametrize("subject, org", [
    ("Lund kommune", "Lund kommune"), ("Fellesnemnda for Buskerud", "Fellesnemnda for Buskerud"),
    ("Region Midtjylland", "Region Midtjylland"), ("Norfolk County Council", "Norfolk County Council"),
    ("Styret", None), ("Fylkeskommunen", None), ("The Parish Council", None), ("The Parish Clerk", None),
    ("Fire Chief", None), ("The Localism Act 2011", None), ("John Smith", None), ("Begge kommunene", None),
    ("Leder og nestleder", None), ("Styret og administrasjonen", None), ("Kultur og idrett", "Kultur og idrett"),
])
def test_what_looks_like_an_organisation_name(subject, org):
    assert org_subject(subject) == org


@pytest.mark.parametrize("subject, body", [("The Council", True), ("The Parish Council", True), ("Styret", True),
                                           ("Kommunen", True), ("Norfolk County Council", False),
                                           ("Lund kommune", False), ("The Clerk", False)])
def test_the_minutes_own_body_is_not_an_organisation_actor(subject, body):
    assert body_subject(subject) is body
