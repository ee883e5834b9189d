"""A who-answer names people from the meetings that answer: a meeting that merely holds one of the best
hits lends the people of that hit, not of its other near-miss passages; and a long round-the-table turn
close only by its mixed score, with no part close to the question, names nobody (real model, real
builds of our own small minutes: an allotment society and a tenants' association; a business network)."""

from __future__ import annotations

import pytest
from conftest import REPO, engine_over

import numpy as np

from askbot.retrieve.relevance import decide, people_evidence
from askbot.types import Hit, Passage

OWN = REPO / "tests" / "minutes" / "peoplelists"
ROUND = REPO / "tests" / "minutes" / "roundtable"


def _hit(pid: str, sim: float, person: str | None = "x") -> Hit:
    p = Passage(pid, pid.split(".")[0], "1", "Item", person, person and f"p-{pid}", False, "text", 1, 1, "h" + pid)
    return Hit(p, 0.01, 1, None, sim)


def test_the_best_hits_meetings_answer_with_all_their_close_passages():
    # fused order: a.1 first (meeting a), b.1 the most similar (meeting b), c.1 fourth, c.2 fifth (meeting c)
    hits = [_hit("a.1", 0.84), _hit("b.1", 0.86), _hit("a.2", 0.83), _hit("c.1", 0.82), _hit("c.2", 0.83),
            _hit("a.3", 0.81), _hit("b.2", 0.80)]
    got = [h.passage.id for h in people_evidence(list(decide(hits).evidence), hits)]
    assert got == ["a.1", "b.1", "a.2", "c.1", "a.3", "b.2"]  # c.2 is a near miss of meeting c: nobody


@pytest.fixture(scope="module")
def two_bodies(tmp_path_factory, embedder):
    return engine_over(tmp_path_factory, embedder, "peoplelists", OWN)


@pytest.mark.parametrize("q", ["Who raised the frozen standpipes on the allotments?", "Who raised the standpipes that froze?"])
def test_a_near_miss_speaker_of_another_meeting_is_not_listed(two_bodies, q):
    a = two_bodies.ask(q)
    names = [p.person.name for p in a.people]
    assert a.kind == "people" and names[:2] == ["Alice Moreton", "Brian Tolley"]
    # the tenants' frozen taps are one of the four best hits (no speaker); their burst radiators, within
    # the margin but ranked below, are another meeting's near miss: not raising the standpipes
    assert "Fiona Grant" not in names
    hits = two_bodies.search(q, k=10)
    assert any(h.passage.meeting_id.endswith("hillside-tenants") for h in hits[:4])
    assert any(h.passage.speaker_label == "Fiona Grant" for h in hits[4:])


def test_a_turn_with_no_part_close_to_the_question_names_nobody():
    from askbot.retrieve.relevance import by_best_unit

    hits = [_hit("a.1", 0.89), _hit("a.2", 0.84), _hit("a.3", 0.84), _hit("a.4", 0.80, person=None)]
    units = {"a.1": [0.86, 0.91, 0.70], "a.2": [0.84, 0.84], "a.3": [0.81, 0.86, 0.72], "a.4": [0.80]}
    got = by_best_unit(hits, lambda p: np.array(units[p.id]))
    assert [h.passage.id for h in got] == ["a.1", "a.3"]  # a.2's best unit is 0.07 below a.1's
    assert by_best_unit(hits, lambda p: None) == hits[:3]  # no stored units: by the mixed scores


@pytest.fixture(scope="module")
def round_table(tmp_path_factory, embedder):
    return engine_over(tmp_path_factory, embedder, "roundtable", ROUND)


def test_a_round_table_lists_who_said_it_not_who_spoke_nearby(round_table):
    a = round_table.ask("Who needs more staff for the summer?")
    names = [p.person.name for p in a.people]
    assert a.kind == "people" and names[0] == "Kari Holm"  # "Our campsite needs more staff for the summer season."
    assert "Hanna Berg" not in names  # her turn is about summer jobs and a bakery; no bullet asks for staff
    assert round_table.ask("Who reported an export order for the timber mill?").people[0].person.name == "Jonas Dahl"
