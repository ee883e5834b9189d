"""Who-answers with the real model over real sample minutes: a question asking who holds a role gets only the
person a roster gives that role, cited by that line, in the question's language, and nobody when no one holds
it (retrieve/roleanswer.py); "hvem skal …" quotes the owner line under the task (retrieve/ownerquote.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from askbot.retrieve.roleanswer import holder_asked
from conftest import SAMPLES_DIR, engine_over

LAYOUTS = Path(__file__).parent / "minutes" / "layouts"


@pytest.fixture(scope="module")
def engine(tmp_path_factory, embedder):
    files = [SAMPLES_DIR / "26_musikk-i-hedmark-styremote-2013-11-05.txt",
             SAMPLES_DIR / "23_midt-troms-regionrad-2012-03-19.txt",
             LAYOUTS / "2023-02-10-naeringssamarbeidet-referat.txt", LAYOUTS / "2023-09-15-naeringssamarbeidet.txt"]
    return engine_over(tmp_path_factory, embedder, "holders", *files)


@pytest.mark.parametrize("question, role", [
    ("Who is the daglig leder of Musikk i Hedmark?", "chief executive"),
    ("Hvem er daglig leder i Musikk i Hedmark?", "chief executive"), ("Hvem er styreleder?", "chair"),
    ("Who chaired the meeting?", "chair"), ("Hvem ledet møtet?", "chair"), ("Hvem var referent?", "clerk"),
    ("Who is the treasurer of Næringssamarbeidet?", "treasurer"),
    ("Hvem har ansatt en daglig leder?", None), ("Who asked the clerk about the hall?", None),
    ("Hvem ledet arbeidet med planen?", None), ("Who is worried about electricity?", None),
])
def test_a_question_asking_who_holds_a_role(question, role):
    got = holder_asked(question)
    assert (got[0] if got else None) == role


@pytest.mark.parametrize("question, lang, said", [
    ("Who is the daglig leder of Musikk i Hedmark?", "en", "The minutes list Trond Eklund Johansen as daglig leder"),
    ("Hvem er daglig leder i Musikk i Hedmark?", "no", "Trond Eklund Johansen er ført opp som daglig leder"),
])
def test_the_daglig_leder_is_the_person_the_signature_gives_it(engine, question, lang, said):
    answer = engine.ask(question, k=5)
    assert answer.kind == "people" and answer.language == lang
    assert [p.person.name for p in answer.people] == ["Trond Eklund Johansen"]
    cited = answer.people[0].citations[0]
    assert "daglig leder" in cited.quote and cited.quote in engine.passage(cited.passage_id).text
    assert said in answer.text


def test_who_chaired_names_only_chairs_cited_by_their_line(engine):
    answer = engine.ask("Who chaired the meeting?", k=5)
    assert answer.kind == "people" and answer.language == "en"
    assert {p.person.name for p in answer.people} <= {"Paul Dahlø", "Eli Arnkværn Bryhni", "Kåre Haugli"}
    for pa in answer.people:
        assert engine.passage(pa.citations[0].passage_id).role == "chair"


def test_a_role_nobody_on_the_roster_holds_names_nobody(engine):
    answer = engine.ask("Who is the treasurer of Næringssamarbeidet?", k=5)
    assert answer.kind == "none" and answer.people == ()
    assert answer.text.startswith("Nobody in the minutes is listed as treasurer")


def test_the_owner_line_under_a_task_is_quoted(engine):
    answer = engine.ask("Hvem skal sette opp temamøtet om kompetanse og rekruttering?", k=5)
    assert [p.person.name for p in answer.people] == ["Gina Finsrud"]
    quote = answer.people[0].citations[0].quote
    assert quote.startswith("Temamøte om kompetanse") and "Ansvar: GF" in quote
    assert quote in engine.passage(answer.people[0].citations[0].passage_id).text
    assert "Ansvar: GF" in answer.text


def test_an_owner_line_of_its_own_is_cited_beside_the_task(engine):
    answer = engine.ask("Hvem skal sende ut notatet om regionale virkemidler?", k=5)
    assert [p.person.name for p in answer.people] == ["Øyvind Sätvedt"]
    quotes = [c.quote for c in answer.people[0].citations]
    assert "Ansvar: ØS, frist 1. mars" in quotes
    for c in answer.people[0].citations:
        assert c.quote in engine.passage(c.passage_id).text
