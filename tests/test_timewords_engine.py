"""Time words applied by the Engine: real model, real build of the seed + our own 2022 meetings."""

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
