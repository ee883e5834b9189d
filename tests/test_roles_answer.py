"""Questions about a role ("who chaired?", "hvem var referent?", "who sent apologies?") are answered from
the attendance lines of the meetings found, with the real model over real sample minutes."""

from __future__ import annotations

import pytest

from askbot.retrieve.roles import role_asked
from conftest import SAMPLES_DIR, engine_over


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder):
    files = [SAMPLES_DIR / n for n in ("12_stoke-ferry-parish-council-2012-08-08.txt",
                                       "28_folkenetvaerket-bestyrelsesmode-2023-02-07.txt",
                                       "34_choppington-parish-council-2023-11-22.txt")]
    return engine_over(tmp_path_factory, embedder, "roles", *files)


@pytest.mark.parametrize("question, role", [
    ("Who chaired the meeting?", "chair"), ("Hvem var referent?", "clerk"), ("Hvem ledet møtet?", "chair"),
    ("Who sent apologies?", "absent"), ("Hvem deltog som suppleant?", "substitute"), ("Who was the clerk?", "clerk"),
    ("Hvem leder arbeidet med hydrogen?", None), ("who works on hydrogen?", None), ("Hvem har meldt inn saker?", None),
])
def test_the_role_a_question_asks_about(question, role):
    assert role_asked(question) == role


@pytest.mark.parametrize("question, person", [
    ("Who chaired the Stoke Ferry parish council meeting in August 2012?", "T Ryves"),
    ("Who was the clerk at the Stoke Ferry parish council?", "C Hardy"),
    ("Hvem var referent på bestyrelsesmødet i Folkenetværket?", "Lone"),
    ("Who chaired the Choppington parish council meeting?", "Vaughan"),
])
def test_who_held_a_role_is_answered_from_the_attendance_lines(engine, question, person):
    answer = engine.ask(question, k=5)
    assert answer.kind == "people"
    assert answer.people[0].person.name == person
    cited = answer.people[0].citations[0]
    assert cited.quote in engine.passage(cited.passage_id).text


_BOARD = """Northshire Growth Partnership - Board meeting
Minutes of the meeting held on 3 April 2025 at County Hall

Present: Jane Baker (JB, Chair, Northshire Council), Omar Khan (OK, Chamber of Commerce), Priya Shah (PS)
In attendance: Liam Ford (LF, Secretariat)
Apologies: David Nolan (DN)

1. Welcome and apologies
The Chair welcomed members. Apologies were received from DN.

2. Hydrogen valley bid
OK reported that three local hauliers had expressed interest in hydrogen trucks.
"""


def test_an_absence_question_lists_only_the_people_listed_as_absent(tmp_path_factory, embedder):
    """"Present: …" and the chair's welcome are found too, but are no evidence of who sent apologies."""
    root = tmp_path_factory.mktemp("absence-src")
    (root / "2025-04-03-board.txt").write_text(_BOARD, encoding="utf-8")
    engine = engine_over(tmp_path_factory, embedder, "absence", root / "2025-04-03-board.txt")
    for question in ("Who sent apologies to the Northshire board?", "Hvem hadde forfall i Northshire-styret?"):
        answer = engine.ask(question, k=5)
        assert [p.person.name for p in answer.people] == ["David Nolan"], question
    assert engine.ask("Who chaired the Northshire board meeting?", k=5).people[0].person.name == "Jane Baker"
