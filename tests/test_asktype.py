"""What kind of answer a question asks for (a number, a time), in Norwegian, Danish and English."""

from __future__ import annotations

import pytest

from askbot.retrieve.asktype import AMOUNT, MONEY, TIME, asks_for, has_kind, strength


@pytest.mark.parametrize("question, kind", [
    ("Hvor mange bedrifter er med i Action Now-prosjektet?", AMOUNT),
    ("How much money is in the pot?", MONEY),
    ("Hvor meget koster licensen?", MONEY),
    ("What does the provider charge for dial-in calls?", MONEY),
    ("Hvor mye støtte fikk prosjektet?", MONEY),
    ("How many people attended?", AMOUNT),
    ("Når ble innspillet sendt til Statnett?", TIME),
    ("Hvornår er ansøgningsfristen?", TIME),
    ("When is the next meeting?", TIME),
    ("Hvem jobber med hydrogen?", None),
    ("Who proposed the motion?", None),
])
def test_asks_for(question, kind):
    assert asks_for(question) == kind


@pytest.mark.parametrize("text, kind, expected", [
    ("Ca 12 bedrifter er med.", AMOUNT, True),
    ("30 mill. i potten.", AMOUNT, True),
    ("MNU jobber med Green Offshore Tech (Horizon 2020).", AMOUNT, False),  # a year is no amount
    ("Partnerskap (2022-2025) med USN.", AMOUNT, False),
    ("De fire områdene er: ulikhet og transport.", AMOUNT, True),
    ("Ansøgningsfrist: 25. februar 2026 kl. 12.00.", TIME, True),
    ("Møtet var 14.01.2022.", TIME, True),
    ("Svar ventes før jul.", TIME, True),
    ("Der er afsat midler til puljen.", TIME, False),
    ("Ca 12 bedrifter er med.", None, False),
])
def test_has_kind(text, kind, expected):
    assert has_kind(text, kind) is expected


@pytest.mark.parametrize("text, expected", [
    ("30 mill. i potten.", 2), ("Der er 24,75 mio. kr. til rådighed.", 2), ("må betale fra kr 800 - 1.000,-", 2),
    ("£125.00 plus VAT", 2), ("opptil 100 innovasjonsprosjekter", 1), ("Horizon 2020", 0), ("Ingen tall her.", 0),
])
def test_a_sum_of_money_is_a_stronger_answer_than_another_number(text, expected):
    assert strength(text, MONEY) == expected
