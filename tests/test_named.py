"""Questions that name someone: a person's passages ranked by the topic, a bare name meeting by meeting,
an ambiguous first name answered with both candidates, an organisation's people (real model, seed index)."""

from __future__ import annotations

import pytest

from askbot.retrieve.named import Registry


def _theirs(engine, passage_id: str, person_id: str) -> bool:
    p = engine.passage(passage_id)
    return p.person_id == person_id or person_id in p.people_ids


@pytest.fixture(scope="module")
def names(seed_engine) -> Registry:
    return seed_engine.names


@pytest.mark.parametrize("q, who, topic", [
    ("Hva sa Ingar om hydrogen?", ["Ingar Vaskinn"], "hydrogen"),
    ("Hva jobber Gina Finsrud med?", ["Gina Finsrud"], ""),
    ("dag aanesen", ["Dag Aanensen"], ""),  # a typo, lower case
    ("Hva har Camilla Haltom sagt?", ["Camilla Håltøm"], ""),
    ("What did Eva say about trucks?", ["Eva Næss Karlsen", "Eva Snare"], "trucks"),
])
def test_registry_finds_people(names, q, who, topic):
    n = names.find(q)
    assert n is not None and [p.name for p in n.people] == who and n.topic == topic


@pytest.mark.parametrize("q", ["Hvem jobber med bærekraftig transport?", "Dag for dag", "How many theme plans will Asker make?",
                               "What kind of survey is the network for skilled immigrants in Søndre Viken working on?"])
def test_topic_words_are_not_names(names, q):
    assert names.find(q) is None


def test_what_did_x_say_about_y_is_x_passages_ranked_by_y(seed_engine):
    a = seed_engine.ask("Hva sa Ingar om hydrogen?")
    assert a.kind == "passages" and a.language == "no" and "Ingar Vaskinn" in a.text
    assert a.hits and all(_theirs(seed_engine, c.passage_id, "ingar-vaskinn") for c in a.hits)
    assert "hydrogen" in seed_engine.passage(a.hits[0].passage_id).text


def test_bare_name_gives_that_persons_passages_meeting_by_meeting(seed_engine):
    a = seed_engine.ask("Dag Aanensen")
    own = [p.id for p in seed_engine.passages_by_person("dag-aanensen") if p.how != "attendance"]
    assert a.kind == "people" and [p.person.id for p in a.people] == ["dag-aanensen"]
    assert [c.passage_id for c in a.hits] == own
    assert "14.01.2022" in a.text and "møte for møte" in a.text
    for c in a.hits:
        assert c.quote in seed_engine.passage(c.passage_id).text


def test_ambiguous_first_name_asks_which_one(seed_engine):
    a = seed_engine.ask("Hva sa Eva om tungtransport?")
    assert a.kind == "people" and {p.person.name for p in a.people} == {"Eva Næss Karlsen", "Eva Snare"}
    assert "Hvem mener du?" in a.text and "Eva Snare" in a.text and "Eva Næss Karlsen" in a.text


def test_who_from_an_organisation_is_answered_in_english_with_its_people(seed_engine):
    a = seed_engine.ask("who from Søndre Viken attended?")
    assert a.language == "en" and a.kind == "people" and a.text.startswith("From Søndre Viken")
    assert {p.person.name for p in a.people} == {"Gina Finsrud", "Anna Gyüre-Szamosi", "Eirik Milde", "Eystein Kleiven"}
