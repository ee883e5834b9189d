"""A question asking for an amount or a date of something the minutes name but give no such detail for is
answered "none" (retrieve/detailtype.py); with the detail in the minutes it is answered. Real model, a real
build of our own small minutes (tests/minutes/detail)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import engine_over

from askbot.retrieve.asktype import AMOUNT, MONEY, TIME, asked_detail

DETAIL_DIR = Path(__file__).parent / "minutes" / "detail"


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder):
    return engine_over(tmp_path_factory, embedder, "detail", DETAIL_DIR)


@pytest.mark.parametrize("question, kind", [
    ("Hvor mye fikk Toastjærn innvilget i prosjektstøtte?", AMOUNT),
    ("Hvor mange penge er der til rådighed i puljen?", MONEY),
    ("What salary does the secretary receive?", MONEY),
    ("What hourly rate was agreed with 4B Consulting?", MONEY),
    ("Hva koster medlemskap i laget?", MONEY),
    ("Hvornår holder foreningen generalforsamling?", TIME),
    ("Hvilken dato ble uttalelsen sendt?", TIME),
    ("Where and when is the next meeting?", TIME),
    ("Hva ble vedtatt om medlemskontingenten?", None),  # the noun follows the verb: not asked for
    ("Hvem foreslo vinstraff når vaskingen ikke er gjort?", None),  # a who-question
    ("Blir komitéledere straffet når vaskingen ikke er gjort?", None),  # yes or no
    ("Who presented the figures for how much power is needed?", None),
])
def test_the_detail_a_question_leads_with(question, kind):
    assert asked_detail(question) == kind


@pytest.mark.parametrize("question, text", [
    ("Hvor mye fikk Solbakken skolekorps innvilget i prosjektstøtte?",
     "Jeg fant ikke noe tall eller beløp for dette i referatene. Her er de nærmeste avsnittene, som ikke er et svar."),
    ("How much project funding was Solbakken skolekorps granted?",
     "I found no amount of money for this in the minutes. Here are the closest passages; they are not an answer."),
])
def test_an_amount_the_minutes_never_give_is_none(engine, question, text):
    a = engine.ask(question)
    assert a.kind == "none" and not a.people and a.text == text
    assert any("Solbakken" in c.quote for c in a.hits)  # the closest passages, labelled as not an answer


@pytest.mark.parametrize("question", [
    "Hvor mye fikk Bakkely sjakklubb innvilget til turneringen?",
    "How much was Bakkely sjakklubb granted for the tournament?",
])
def test_the_same_question_with_the_amount_in_the_minutes_is_answered(engine, question):
    a = engine.ask(question)
    assert a.kind == "passages" and "25 000 kr" in a.hits[0].quote
    other = engine.ask(question.replace("Bakkely sjakklubb", "Solbakken skolekorps"))
    assert other.kind == "none"  # the amount of another club is no answer


def test_a_when_question_with_the_date_is_answered_and_without_it_is_none(engine):
    a = engine.ask("Når holder Fjellvik idrettslag årsmøte?")
    assert a.kind == "passages" and "12. juni" in a.hits[0].quote
    b = engine.ask("Når holder Bakkely sjakklubb årsmøte?")
    assert b.kind == "none" and b.text.startswith("Jeg fant ikke noen dato eller tid for dette i referatene.")
    c = engine.ask("When is Bakkely sjakklubb holding its annual meeting?")
    assert c.kind == "none" and c.text.startswith("I found no date or time for this in the minutes.")


def test_a_past_when_is_left_to_the_meeting_date(engine):
    """'Når ble … innvilget?' is answered by the meeting's date, which the passage need not repeat;
    the present-tense question about the same club's annual meeting is 'none'."""
    assert engine.ask("Når ble søknaden fra Solbakken skolekorps innvilget?").kind == "passages"
    assert engine.ask("Når holder Solbakken skolekorps årsmøte?").kind == "none"
