"""Explicit dates, months and years in questions → a range checked against the meeting dates (no model)."""

import datetime as dt

import pytest

from askbot.retrieve.datewords import NEAREST_DAYS, read_when
from askbot.retrieve.timewords import limit_note

D = dt.date
TODAY = D(2026, 1, 1)
MEETINGS = [D(2012, 8, 8), D(2015, 3, 5), D(2022, 1, 14), D(2023, 2, 7), D(2023, 11, 22), D(2024, 3, 15)]

CASES = [
    ("Who chaired the sync on 2024-03-15?", D(2024, 3, 15), D(2024, 3, 15), "2024-03-15"),
    ("Hva ble vedtatt på møtet 5. mars 2015?", D(2015, 3, 5), D(2015, 3, 5), "5. mars 2015"),
    ("What was decided at the meeting of 5 March 2015?", D(2015, 3, 5), D(2015, 3, 5), "5 March 2015"),
    ("Who spoke on March 5, 2015?", D(2015, 3, 5), D(2015, 3, 5), "March 5, 2015"),
    ("Hvem deltog i mødet den 14.01.2022?", D(2022, 1, 14), D(2022, 1, 14), "14.01.2022"),
    ("Hva ble sagt på møtet 14.01.2022?", D(2022, 1, 14), D(2022, 1, 14), "14.01.2022"),
    ("Hvem ledet møtet 22/11/2023?", D(2023, 11, 22), D(2023, 11, 22), "22/11/2023"),
    ("Hvad blev besluttet den 7. februar 2023?", D(2023, 2, 7), D(2023, 2, 7), "7. februar 2023"),
    ("Hva ble sagt i mars 2024?", D(2024, 3, 1), D(2024, 3, 31), "i mars 2024"),
    ("Who attended in March 2024?", D(2024, 3, 1), D(2024, 3, 31), "in March 2024"),
    ("Hvad blev sagt i november 2023?", D(2023, 11, 1), D(2023, 11, 30), "i november 2023"),
    ("Hva sa nettverket om kjernekraft i 2023?", D(2023, 1, 1), D(2023, 12, 31), "i 2023"),
    ("Who raised the budget in 2023?", D(2023, 1, 1), D(2023, 12, 31), "in 2023"),
    ("Hvad skete der i løbet af 2023?", D(2023, 1, 1), D(2023, 12, 31), "i løbet af 2023"),
    ("Hva har skjedd siden 5. mars 2015?", D(2015, 3, 5), TODAY, "siden 5. mars 2015"),
    ("What was said after 2024-03-15?", D(2024, 3, 16), TODAY, "after 2024-03-15"),
    ("Hva ble sagt før 14.01.2022?", None, D(2022, 1, 13), "før 14.01.2022"),
]


@pytest.mark.parametrize("question,since,until,phrase", CASES, ids=[c[0] for c in CASES])
def test_date_gives_range(question, since, until, phrase):
    r = read_when(question, TODAY, MEETINGS)
    assert r is not None and (r.since, r.until, r.phrase, r.asked) == (since, until, phrase, None)


@pytest.mark.parametrize("question", [
    "Hva ble vedtatt i sak 19/13?", "Hva ble bestemt i sak 12/2023?", "Hvornår blev bestyrelsesmøde 7/2009 holdt?",
    "Hvem bevilget kr 14.000.000?", "Hva skjer kl. 14.00?", "Who signed the 1.200.000 contract?",
    "Hvem foreslo møteplanen for 2023–24?", "Hva står i 2023-budsjettet?", "Which regions have 2030 targets?",
    "Were the minutes of 13 November 2023 adopted?", "Hva står i referatet fra 14.01.2022?",
    "Hva skal gjøres innen 15.03.2024?", "What is due by 5 March 2015?", "Hva skjedde 31. februar 2024?",
    "Hvem kom 14.01.22?", "hva skjer 5. mars?", "Who presented the annual accounts for 2021?",
])
def test_numbers_that_are_not_meeting_dates_are_not_read(question):
    assert read_when(question, TODAY, MEETINGS) is None


def test_a_day_without_a_meeting_uses_the_nearest_within_a_few_days():
    r = read_when("Who chaired the sync on 2024-03-17?", TODAY, MEETINGS)
    assert NEAREST_DAYS >= 2 and (r.since, r.until, r.asked) == (D(2024, 3, 15), D(2024, 3, 15), (D(2024, 3, 17),) * 2)
    assert limit_note(r, "no") == "Ingen møte 17.3.2024; brukte nærmeste møte, 15.3.2024 («2024-03-17»)."
    assert limit_note(r, "en") == "No meeting on 2024-03-17; used the nearest meeting, 2024-03-15 («2024-03-17»)."


def test_a_day_far_from_any_meeting_means_no_filter_and_says_so():
    r = read_when("Hva ble sagt på møtet 1. juli 2024?", TODAY, MEETINGS)
    assert (r.since, r.until, r.asked) == (None, None, (D(2024, 7, 1),) * 2)
    assert limit_note(r, "no") == "Ingen møte 1.7.2024; søkte i alle møter («1. juli 2024»)."
    assert limit_note(r, "en") == "No meeting on 2024-07-01; searched all meetings («1. juli 2024»)."
    assert read_when("on 2024-03-15", TODAY, []).since is None  # an empty archive: no filter either


def test_a_month_or_year_without_meetings_means_no_filter_and_says_so():
    month = read_when("Who spoke in July 2024?", TODAY, MEETINGS)
    assert (month.since, month.until) == (None, None)
    assert limit_note(month, "en") == "No meetings in July 2024; searched all meetings («in July 2024»)."
    year = read_when("Hva fikk Hamar av UNESCO i 2021?", TODAY, MEETINGS)
    assert (year.since, year.until, year.asked) == (None, None, (D(2021, 1, 1), D(2021, 12, 31)))
    assert limit_note(year, "no") == "Ingen møter i 2021; søkte i alle møter («i 2021»)."


def test_time_words_still_read_and_a_full_date_wins_over_its_month():
    assert read_when("Hva ble sagt i fjor?", TODAY, MEETINGS).since == D(2025, 1, 1)
    assert read_when("mellom 2021 og 2022", TODAY, MEETINGS).until == D(2022, 12, 31)
    assert read_when("på siste møte", TODAY, MEETINGS).since == D(2024, 3, 15)
    assert read_when("siden mars", TODAY, MEETINGS).since == D(2025, 3, 1)
    assert read_when("Hvem ledet møtet 5. mars 2015?", TODAY, MEETINGS).until == D(2015, 3, 5)  # not all March
