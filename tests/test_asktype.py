"""What kind of answer a question asks for (a number, a time), in Norwegian, Danish and English."""

from __future__ import annotations

import pytest

from askbot.retrieve.asktype import AMOUNT, TIME, asks_for, has_kind


@pytest.mark.parametrize("question, kind", [
    ("Hvor mange bedrifter er med i Action Now-prosjektet?", AMOUNT),
    ("How much money is in the pot?", AMOUNT),
    ("Hvor meget koster licensen?", AMOUNT),
    ("What does the provider charge for dial-in calls?", AMOUNT),
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
