"""Time words in questions → date ranges, with a fixed clock (no model)."""

import datetime as dt

import pytest

from askbot.retrieve.timewords import describe, limit_note, read_time

D = dt.date
TODAY = D(2024, 10, 15)
LAST = D(2024, 9, 13)  # the archive's latest meeting

CASES = [
    # Norwegian
    ("Hva sa vi om hydrogen i fjor?", D(2023, 1, 1), D(2023, 12, 31)),
    ("hvem jobbet med nettkapasitet i år", D(2024, 1, 1), TODAY),
    ("Hva har skjedd med Viken siden mars?", D(2024, 3, 1), TODAY),
    ("hva skjedde siden november", D(2023, 11, 1), TODAY),
    ("Hvem snakket om batterier våren 2022?", D(2022, 3, 1), D(2022, 5, 31)),
    ("Hva ble sagt høsten 2023 om kompetanse?", D(2023, 9, 1), D(2023, 11, 30)),
    ("sommeren 2023", D(2023, 6, 1), D(2023, 8, 31)),
    ("vinteren 2023", D(2022, 12, 1), D(2023, 2, 28)),
    ("Hva ble bestemt på forrige møte?", LAST, LAST),
    ("Hva ble vedtatt på siste møte?", LAST, LAST),
    ("hva sa Eli på det siste møtet", LAST, LAST),
    ("Hva er gjort etter sommeren?", D(2024, 9, 1), TODAY),
    ("Hva har skjedd siden sommeren?", D(2024, 6, 1), TODAY),
    ("Hva skjedde etter sommerferien?", D(2024, 9, 1), TODAY),
    ("siden 2022", D(2022, 1, 1), TODAY),
    ("etter 2022", D(2023, 1, 1), TODAY),
    ("før 2023", None, D(2022, 12, 31)),
    ("mellom 2021 og 2022", D(2021, 1, 1), D(2022, 12, 31)),
    ("hva ble sagt i mars 2023", D(2023, 3, 1), D(2023, 3, 31)),
    ("i forrige måned", D(2024, 9, 1), D(2024, 9, 30)),
    ("de siste 6 månedene", D(2024, 4, 15), TODAY),
    ("det siste året", D(2023, 10, 15), TODAY),
    ("høsten i fjor", D(2023, 9, 1), D(2023, 11, 30)),
    ("i våres", D(2024, 3, 1), D(2024, 5, 31)),
    ("i høst", D(2024, 9, 1), TODAY),
    ("i forfjor", D(2022, 1, 1), D(2022, 12, 31)),
    ("før sommeren", D(2024, 1, 1), D(2024, 5, 31)),
    ("Hva ble sagt om E134 frå januar?", D(2024, 1, 1), TODAY),
    # English
    ("What did we say about hydrogen last year?", D(2023, 1, 1), D(2023, 12, 31)),
    ("who raised grid capacity this year", D(2024, 1, 1), TODAY),
    ("What happened since March?", D(2024, 3, 1), TODAY),
    ("Who talked about batteries in spring 2022?", D(2022, 3, 1), D(2022, 5, 31)),
    ("in the autumn of 2023", D(2023, 9, 1), D(2023, 11, 30)),
    ("What was decided at the last meeting?", LAST, LAST),
    ("at the previous meeting", LAST, LAST),
    ("What was said after the summer?", D(2024, 9, 1), TODAY),
    ("since 2022", D(2022, 1, 1), TODAY),
    ("before 2023", None, D(2022, 12, 31)),
    ("between 2021 and 2022", D(2021, 1, 1), D(2022, 12, 31)),
    ("in June 2023", D(2023, 6, 1), D(2023, 6, 30)),
    ("last month", D(2024, 9, 1), D(2024, 9, 30)),
    ("the past 3 months", D(2024, 7, 15), TODAY),
    ("the year before last", D(2022, 1, 1), D(2022, 12, 31)),
    ("last spring", D(2024, 3, 1), D(2024, 5, 31)),
    ("last winter", D(2023, 12, 1), D(2024, 2, 29)),
    ("this month", D(2024, 10, 1), TODAY),
]


@pytest.mark.parametrize("question,since,until", CASES, ids=[c[0] for c in CASES])
def test_phrase_gives_range(question, since, until):
    r = read_time(question, TODAY, LAST)
    assert r is not None, question
    assert (r.since, r.until) == (since, until)
    assert r.phrase.lower() in question.lower()


def test_enough_phrases_in_both_languages():
    assert len(CASES) >= 40


@pytest.mark.parametrize("question", [
    "hvem jobber med hydrogen?", "who works on grid capacity?", "hva er status for Ringeriksbanen",
    "hvem skal invitere Statnett?", "When is the next meeting?", "hva lovet Eli å gjøre?",
    "Which regions have 2030 targets?",  # a bare year with no preposition is a topic, not a filter
    # a bare year or month names when something happened, not which meetings to search
    "Which UNESCO title did Hamar receive in 2021?", "Hvem tok opp Arendalsuka i 2023?", "hva skjer i mai?",
    "What happens in February?",
])
def test_no_time_phrase_reads_as_none(question):
    assert read_time(question, TODAY, LAST) is None


def test_last_meeting_without_an_archive_is_none():
    assert read_time("hva ble sagt på siste møte?", TODAY, None) is None


def test_relative_to_the_clock():
    assert read_time("siden mars", D(2024, 2, 10)).since == D(2023, 3, 1)  # March has not come yet this year
    assert read_time("etter sommeren", D(2024, 7, 1)).since == D(2023, 9, 1)  # this summer is not over
    assert read_time("i vinter", D(2024, 12, 20)).since == D(2024, 12, 1)


def test_described_in_the_answers_language():
    year = read_time("i fjor", TODAY)
    assert describe(year, "no") == "2023" and describe(year, "en") == "2023"
    assert limit_note(year, "no").startswith("Avgrenset til: 2023")
    assert limit_note(read_time("last year", TODAY), "en").startswith("Limited to: 2023")
    assert describe(read_time("i mars 2023", TODAY), "no") == "mars 2023"
    assert describe(read_time("in March 2023", TODAY), "en") == "March 2023"
    assert describe(read_time("siden mars", TODAY), "no") == "1.3.2024–15.10.2024"
    assert describe(read_time("before 2023", TODAY), "en") == "until 2022-12-31"
