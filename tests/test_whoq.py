"""Who-questions: which questions ask for a person, and a person the question names as its object
("Who seconded Cllr Hansen's proposal?") is never the answer (real model, real index of real minutes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from askbot.retrieve.whoq import is_who_question

from conftest import engine_over

FORUM = Path(__file__).parent / "minutes" / "layouts" / "2023-06-09-regional-business-forum.txt"


@pytest.mark.parametrize("q, who", [
    ("Who chaired the meeting?", True),
    ("Which selectman resigned?", True),
    ("Which councillor turned up last, at 7.03pm?", True),
    ("Which volunteer coordinator said there are early slots?", True),
    ("From whom can nomination papers be picked up?", True),
    ("Which region has also financed the effort?", True),
    ("Hvilken komité skriver på tredje utgave av Offline?", True),
    ("Hvilket firma leverer sensorene?", True),
    ("Og hvem skal invitere Statnett?", True),
    ("Kven leia møtet?", True),
    ("Which regulation was cited as the legal footing?", False),
    ("Hvilke saker ble behandlet?", False),
    ("What is the annual membership fee?", False),
    ("What did Ingar say about hydrogen?", False),
])
def test_is_who_question(q, who):
    assert is_who_question(q) is who


@pytest.fixture(scope="module")
def forum(tmp_path_factory, embedder):
    return engine_over(tmp_path_factory, embedder, "forum", FORUM)


def _names(answer) -> list[str]:
    return [p.person.name for p in answer.people]


def test_which_councillor_gets_people(forum):
    a = forum.ask("Which councillor asked about shorter licensing procedures for new substations?")
    assert a.kind == "people" and _names(a)[0] == "L Olsen"


def test_named_object_is_not_the_answer(forum):
    a = forum.ask("Who seconded the proposal by Cllr Hansen on grid capacity?")
    assert a.kind == "people"
    assert "Per Hansen" not in _names(a) and _names(a)[0] == "L Olsen"


def test_seconder_is_an_actor_of_the_proposal(forum):
    p = next(p for p in forum.build.passages if "seconded by Cllr Mrs Olsen" in p.text)
    names = {forum.person(i).name for i in (p.person_id, *p.people_ids) if i and forum.person(i)}
    assert {"Per Hansen", "L Olsen"} <= names


def test_who_is_x_stays_a_named_question(forum):
    a = forum.ask("Who is Dag Aanensen?")
    assert _names(a) == ["Dag Aanensen"]
