"""Follow-through over several meetings (tests/minutes/followthrough), follow-up questions, timelines and
GET /followups, with the real model, a real build and the real HTTP service on loopback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from api_server import USER, serve, with_keys
from conftest import copy_minutes, make_settings

FT = Path(__file__).parent / "minutes" / "followthrough"


@pytest.fixture(scope="module")
def ft_settings(tmp_path_factory, embedder):
    from askbot.index import build

    root = tmp_path_factory.mktemp("followthrough")
    s = make_settings(root, copy_minutes(root / "minutes", *sorted(FT.glob("*.txt"))))
    build(s, embedder)
    return s


@pytest.fixture(scope="module")
def engine(ft_settings, embedder):
    from askbot.retrieve import Engine

    return Engine.load(ft_settings, model=embedder)


@pytest.fixture(scope="module")
def tracked(engine):
    from askbot.retrieve.followthrough import followups_of

    return {t.record.owners: t for t in followups_of(engine.build).tracked if t.record.kind == "action"}


def test_an_action_taken_up_again_is_linked_to_both_later_meetings(tracked):
    kari = tracked[("Kari Nordmann",)]
    assert kari.record.due == dt.date(2024, 3, 1)
    assert [(m.meeting_date, m.agenda_number) for m in kari.mentions] == [(dt.date(2024, 3, 8), "2"),
                                                                            (dt.date(2024, 5, 24), "2")]
    assert not kari.done  # "et møte er avtalt" is not done
    texts = " ".join(m.text for m in kari.mentions)
    assert "reiselivsstrategien" not in texts and "Lars Berg" not in texts  # same owner other topic; other owner


def test_done_only_when_the_minutes_say_so(tracked):
    per = tracked[("Per Hansen",)]
    assert per.done and per.mentions[0].done and "gjennomført" in per.mentions[0].text
    note = tracked[("the secretariat",)]
    assert note.mentions == () and not note.done


def test_describe_in_both_languages(tracked):
    from askbot.retrieve.followthrough import describe

    kari = tracked[("Kari Nordmann",)]
    assert "nevnt igjen 08.03.2024, sak 2" in describe(kari, "no") and "frist 01.03.2024" in describe(kari, "no")
    assert "mentioned again 24.05.2024, item 2" in describe(kari, "en")
    assert "gjennomført ifølge referatet 08.03.2024" in describe(tracked[("Per Hansen",)], "no")


def test_open_filter_drops_what_a_later_meeting_reports_done(engine):
    from askbot.retrieve.followthrough import followups_of

    open_ = followups_of(engine.build).select(open_only=True)
    assert {t.record.owners for t in open_} == {("Kari Nordmann",), ("the secretariat",)}


def test_what_did_x_promise_answers_from_the_records(engine):
    ans = engine.ask("hva lovet Kari å gjøre?")
    assert ans.hits and "Statnett" in ans.hits[0].quote and ans.hits[0].speaker == "Kari Nordmann"
    assert "Kari Nordmann har lovet" in ans.text and "nevnt igjen" in ans.text
    en = engine.ask("What did Per Hansen promise?")
    assert en.language == "en" and "invitasjon" in en.hits[0].quote and "done according to the minutes" in en.text


def test_who_is_to_names_the_owner(engine):
    ans = engine.ask("Hvem skal ta kontakt med Statnett?")
    assert ans.kind == "people" and [p.person.name for p in ans.people] == ["Kari Nordmann"]
    ans = engine.ask("Hvem skal sende ut invitasjon til næringsfrokosten?")
    assert [p.person.name for p in ans.people] == ["Per Hansen"]


def test_other_questions_fall_back_to_retrieval(engine):
    ans = engine.ask("hva lovet Ola å gjøre?")  # nobody called Ola: normal retrieval
    assert "har lovet" not in ans.text


def test_when_did_we_discuss_gives_meetings_in_date_order(engine):
    ans = engine.ask("Når snakket vi om nettkapasitet hos Statnett?")
    dates = [c.meeting_date for c in ans.hits]
    assert dates == sorted(dates) and len(set(dates)) == len(dates) >= 2
    assert dt.date(2024, 1, 12) in dates and "Dette ble tatt opp på" in ans.text
    assert all("Statnett" in c.quote or "nettkapasitet" in c.quote.lower() for c in ans.hits)
    en = engine.ask("When did we discuss Statnett?")
    assert en.language == "en" and en.text.startswith("This was discussed at")


@pytest.fixture(scope="module")
def server(ft_settings, embedder):
    with serve(with_keys(ft_settings), embedder) as s:
        yield s


def test_get_followups(server):
    with server.client() as c:
        assert c.get("/followups").status_code == 401
        r = c.get("/followups", params={"person": "kari", "open": "true"}, headers=USER)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["count"] == 1 and body["followups"][0]["owners"] == ["Kari Nordmann"]
        row = body["followups"][0]
        assert row["due"] == "2024-03-01" and [m["meeting"]["date"] for m in row["mentions"]] == ["2024-03-08",
                                                                                                  "2024-05-24"]
        assert "nevnt igjen 08.03.2024, sak 2" in row["summary"]["no"]
        orgs = c.get("/followups", params={"org": "nordby"}, headers=USER).json()
        assert [f["owners"] for f in orgs["followups"]] == [["Per Hansen"]] and orgs["followups"][0]["done"]
        assert "/followups" in c.get("/openapi.json", headers=USER).json()["paths"]


@pytest.mark.parametrize("params,needle", [({"since": "2024-05-01", "until": "2024-01-01"}, "since"),
                                           ({"since": "last year"}, "since"), ({"owner": "kari"}, "owner")])
def test_get_followups_bad_filters_are_422_with_a_reason(server, params, needle):
    with server.client() as c:
        r = c.get("/followups", params=params, headers=USER)
        assert r.status_code == 422 and needle in r.text


def test_ordinary_questions_do_not_build_the_records(seed_settings, embedder):
    """The records take seconds on a large archive: a plain question must not pay for them."""
    from askbot.retrieve import Engine
    from askbot.retrieve import followthrough

    e = Engine.load(seed_settings, model=embedder)
    followthrough._CACHE.pop(str(e.build.path), None)
    e.ask("hvem jobber med hydrogen?")
    assert str(e.build.path) not in followthrough._CACHE
    e.ask("hva lovet Eli å gjøre?")
    assert str(e.build.path) in followthrough._CACHE
