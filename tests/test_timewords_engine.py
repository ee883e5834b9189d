"""Time words and explicit dates applied by the Engine: real model, real build of the seed + our own
2022 meetings."""

import datetime as dt

import pytest

from askbot.types import Filters

TODAY = dt.date(2023, 3, 1)  # the archive holds 2022-01-14, 2022-03-11, 2022-05-20, 2022-09-16


@pytest.fixture
def engine(archive_engine, monkeypatch):
    monkeypatch.setattr(archive_engine, "today", lambda: TODAY)
    return archive_engine


def _dates(engine, citations):
    return {engine.meeting(c.meeting_id).date for c in citations}


def test_last_meeting_limits_to_the_latest_meeting_and_says_so(engine):
    ans = engine.ask("Hva ble sagt om hydrogen på siste møte?")
    assert ans.hits and _dates(engine, ans.hits) == {dt.date(2022, 9, 16)}
    assert "Avgrenset til: 16.9.2022" in ans.text


def test_spring_2022_in_english(engine):
    ans = engine.ask("Who talked about hydrogen in spring 2022?")
    assert ans.hits and _dates(engine, ans.hits) <= {dt.date(2022, 3, 11), dt.date(2022, 5, 20)}
    assert "Limited to: 2022-03-01–2022-05-31" in ans.text


def test_last_year_in_search(engine):
    hits = engine.search("hvem jobber med hydrogen i fjor?", k=20)
    assert hits and {engine.meeting(h.passage.meeting_id).date.year for h in hits} == {2022}
    assert not engine.search("hvem jobber med hydrogen i år?", k=5)  # nothing in 2023


def test_explicit_filters_override_time_words(engine):
    jan = Filters(since=dt.date(2022, 1, 1), until=dt.date(2022, 1, 31))
    ans = engine.ask("Hva ble sagt om hydrogen på siste møte?", filters=jan)
    assert ans.hits and _dates(engine, ans.hits) == {dt.date(2022, 1, 14)}
    assert "Avgrenset til" not in ans.text


def test_no_time_words_no_note(engine):
    ans = engine.ask("hvem jobber med hydrogen?")
    assert "Avgrenset til" not in ans.text and len(_dates(engine, ans.hits)) > 1


# Explicit dates, months and years (retrieve/datewords.py)

@pytest.mark.parametrize("question,day,note", [
    ("Hva ble sagt om hydrogen på møtet 11.03.2022?", dt.date(2022, 3, 11), "Avgrenset til: 11.3.2022"),
    ("What was said about hydrogen at the meeting of 20 May 2022?", dt.date(2022, 5, 20),
     "Limited to: 2022-05-20"),
    ("Who talked about hydrogen on 2022-09-16?", dt.date(2022, 9, 16), "Limited to: 2022-09-16"),
])
def test_a_full_date_limits_to_that_meeting(engine, question, day, note):
    ans = engine.ask(question)
    assert ans.hits and _dates(engine, ans.hits) == {day}
    assert note in ans.text


def test_a_day_without_a_meeting_uses_the_nearest_and_says_so(engine):
    ans = engine.ask("Hva ble sagt om hydrogen på møtet 13.03.2022?")
    assert ans.hits and _dates(engine, ans.hits) == {dt.date(2022, 3, 11)}
    assert "Ingen møte 13.3.2022; brukte nærmeste møte, 11.3.2022" in ans.text


def test_a_day_far_from_any_meeting_searches_all_and_says_so(engine):
    ans = engine.ask("What was said about hydrogen at the meeting on 1 July 2022?")
    assert len(_dates(engine, ans.hits)) > 1
    assert "No meeting on 2022-07-01; searched all meetings" in ans.text


def test_a_month_without_meetings_searches_all_and_says_so(engine):
    hits = engine.search("hvem jobber med hydrogen i juli 2022?", k=20)
    assert len({engine.meeting(h.passage.meeting_id).date for h in hits}) > 1


def test_a_danish_month_and_a_year(engine):
    ans = engine.ask("Hvem talte om brint og hydrogen i maj 2022?")
    assert ans.hits and _dates(engine, ans.hits) == {dt.date(2022, 5, 20)}
    assert "maj 2022" in ans.text
    assert "Avgrenset til: 2022 («i 2022»)" in engine.ask("hvem jobber med hydrogen i 2022?").text


def test_a_case_number_is_not_a_date(engine):
    ans = engine.ask("hvem jobber med hydrogen i sak 11/2022?")
    assert "Avgrenset til" not in ans.text and len(_dates(engine, ans.hits)) > 1
    ans = engine.ask("hvem jobber med hydrogen i sak 5/2022 på møtet 14.01.2022?")  # the date, not 5/2022
    assert ans.hits and _dates(engine, ans.hits) == {dt.date(2022, 1, 14)}
    assert "Avgrenset til: 14.1.2022 («14.01.2022»)" in ans.text
