"""people: speaker labels → persons, across meetings, with maintainer overrides and the check report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from askbot.errors import ParseError
from askbot.minutes import parse_file
from askbot.people import PeopleRegistry, ambiguous, format_check, resolve_all, unresolved
from askbot.people.matching import name_matches, org_matches, slug
from askbot.people.overrides import load_overrides

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "minutes" / "2022-01-14-naeringssamarbeidet.txt"
SAMPLES = REPO / "tests" / "minutes" / "samples"
OWN = REPO / "tests" / "minutes" / "own"
PEOPLE_FILE = REPO / "data" / "people.toml"
OYVINDS = ("oyvind-andreas-sorli", "oyvind-satvedt")

SAK3 = [  # every speaker turn in Sak 3: label → (person id, organisation at the meeting)
    ("Harriet fra Ringeriksregionen", "harriet-slaaen", "Ringerikekommune"),
    ("Gina fra Søndre Viken", "gina-finsrud", "Søndre Viken"),
    ("Ingar fra Kongsbergregionen", "ingar-vaskinn", "Kongsbergregionen"),
    ("Maria fra Lillestrøm", "maria-hermansdatter-hoff", "Lillestrøm kommune"),
    ("Dag fra Asker", "dag-aanensen", "Asker kommune"),
    ("Yngvar MNU (Moss)", "yngvar-trandem", "Mossregionen næringsutvikling"),
    ("Eva, Kongsvingerregionen", "eva-snare", "Kongsvingerregionen"),
    ("Terje fra Mosseregionen IPR", "terje-pettersen", "Moss kommune"),
    ("Eli - Hamarregionen", "eli-arnkvaern-bryhni", "Hamarregionen utvikling"),
]


@pytest.fixture(scope="module")
def seed():
    return PeopleRegistry.from_file(PEOPLE_FILE).resolve(parse_file(SEED))


@pytest.fixture(scope="module")
def archive():
    files = [SEED, *sorted(OWN.glob("*.txt"))]
    resolved, people = resolve_all([parse_file(f) for f in reversed(files)], PEOPLE_FILE)
    return {r.meeting.date.isoformat(): r for r in resolved}, {p.id: p for p in people}


def test_seed_sak3_every_turn_is_attributed(seed):
    sak3 = [p for p in seed.passages if p.agenda_number == "3"]
    assert [(p.speaker_label, p.person_id, p.organisation) for p in sak3[:-1]] == SAK3
    assert not any(p.ambiguous or p.candidates for p in sak3[:-1])
    oyvind = sak3[-1]
    assert oyvind.speaker_label == "Øyvind" and oyvind.person_id is None
    assert oyvind.ambiguous and oyvind.candidates == OYVINDS


def test_seed_other_turns(seed):
    by_label = {}
    for p in seed.passages:
        if p.how != "attendance":
            by_label.setdefault(p.speaker_label, set()).add((p.person_id, p.ambiguous, p.organisation))
    assert by_label["Dag fra Asker innledet"] == {("dag-aanensen", False, "Asker kommune")}
    assert by_label["Dag"] == {("dag-aanensen", False, "Asker kommune")}
    assert by_label["Maria"] == {("maria-hermansdatter-hoff", False, "Lillestrøm kommune")}
    assert by_label["Eli"] == {("eli-arnkvaern-bryhni", False, "Hamarregionen utvikling")}
    assert by_label["Mari"] == {("mari-stromsvag", False, "Osloregionen (sekretariatet)")}  # "Mari presenterte."
    assert by_label["Eva Snare"] == {("eva-snare", False, "Kongsvingerregionen")}  # not Eva Næss Karlsen
    assert by_label["Ingar"] == {("ingar-vaskinn", False, "Kongsbergregionen")}
    assert by_label[None] == {(None, False, None)}
    for group in ("Gruppe 1", "Gruppe 2", "Gruppe 3", "Grupperom 4", "Grupperom 5"):
        assert by_label[group] == {(None, False, None)}  # a group: no person, not ambiguous


def test_seed_reporting_helpers(seed):
    assert unresolved(seed) == []
    amb = ambiguous(seed)
    assert [(p.agenda_number, p.speaker_label, p.how) for p in amb] == [
        ("3", "Øyvind", "turn"), ("5", "Øyvind", "reported"), ("5", "Øyvind", "turn")]
    assert {p.id for p in seed.people} >= {*OYVINDS, "dag-aanensen", "eva-snare"}


def test_seed_persons(seed):
    registry = PeopleRegistry()
    registry.resolve(parse_file(SEED))
    people = {p.id: p for p in registry.persons()}
    assert len(people) == 24
    dag = people["dag-aanensen"]
    assert (dag.name, dag.organisation) == ("Dag Aanensen", "Asker kommune")
    assert dag.aliases == ("Dag fra Asker", "Dag")
    assert people["oyvind-satvedt"].organisation == "Osloregionen (sekretariatet)"
    assert people["oyvind-satvedt"].aliases == ()  # never guessed
    assert people["eli-arnkvaern-bryhni"].aliases == ("Eli - Hamarregionen", "Eli")


def test_resolving_twice_gives_the_same_answer(seed):
    registry = PeopleRegistry.from_file(PEOPLE_FILE)
    first = registry.resolve(parse_file(SEED))
    assert registry.resolve(parse_file(SEED)) == first == seed


def test_archive_organisation_change_and_new_people(archive):
    meetings, people = archive
    assert list(meetings) == ["2022-01-14", "2022-03-11", "2022-05-20", "2022-09-16"]

    def turn(date, label):
        return next(p for p in meetings[date].passages if p.speaker_label == label)

    assert turn("2022-03-11", "Gina fra Søndre Viken").organisation == "Søndre Viken"
    gina_may = turn("2022-05-20", "Gina fra Fredrikstad")
    assert (gina_may.person_id, gina_may.organisation) == ("gina-finsrud", "Fredrikstad kommune")
    assert people["gina-finsrud"].organisation == "Fredrikstad kommune"
    assert {"Gina fra Søndre Viken", "Gina fra Fredrikstad"} <= set(people["gina-finsrud"].aliases)
    sigrid = turn("2022-03-11", "Sigrid fra Drammensregionen")
    assert sigrid.person_id == "sigrid-holmen" and "hydrogenknutepunkt" in sigrid.text
    assert turn("2022-09-16", "Leila, Indre Østfold").person_id == "leila-haddad"
    assert turn("2022-09-16", "Øyvind Andreas").person_id == "oyvind-andreas-sorli"
    assert turn("2022-05-20", "Øyvind").person_id == "oyvind-satvedt"  # the only Øyvind present
    eva = turn("2022-03-11", "Eva")
    assert eva.ambiguous and eva.candidates == ("eva-naess-karlsen", "eva-snare")
    assert turn("2022-03-11", "Eva, Kongsvingerregionen").person_id == "eva-snare"
    assert turn("2022-05-20", "Camilla (Lørenskog)").person_id == "camilla-haltom"
    assert turn("2022-05-20", "Anne Kristine - Bærum").person_id == "anne-kristine-feltman"
    assert turn("2022-09-16", "Torstein fra Lunner").organisation == "Lunner kommune"
    assert all(not unresolved(m) for m in meetings.values())


def test_earlier_meetings_resolve_labels_without_an_attendee_list(tmp_path):
    later = tmp_path / "2022-06-10-ekstramote.txt"
    later.write_text("Ekstramøte\n\nSak 1. Bredbånd\n\nDag fra Asker:\n\nAsker bygger fiber.\n\n"
                     "Kari fra Innovasjon Norge:\n\nVi har midler.\n\nØyvind:\n\nHva med hydrogen?\n", encoding="utf-8")
    registry = PeopleRegistry()
    registry.resolve(parse_file(SEED))
    parsed = registry.resolve(parse_file(later))
    turns = {p.speaker_label: p for p in parsed.passages}
    assert (turns["Dag fra Asker"].person_id, turns["Dag fra Asker"].organisation) == ("dag-aanensen", "Asker kommune")
    kari = turns["Kari fra Innovasjon Norge"]
    assert kari.person_id is None and not kari.ambiguous and kari.organisation == "Innovasjon Norge"
    assert turns["Øyvind"].ambiguous and turns["Øyvind"].candidates == OYVINDS
    assert [p.speaker_label for p in unresolved(parsed)] == ["Kari fra Innovasjon Norge"]


def test_organisation_hint_mismatch_is_reported_not_silent(tmp_path):
    f = tmp_path / "2022-02-01-mote.txt"
    f.write_text("Møte\n\nFrammøtte:\n\nNAVN\tKOMMUNE\nDag Aanensen\tAsker kommune\n\n"
                 "Sak 1. Runden\n\nDag fra Bergen:\n\nHei.\n", encoding="utf-8")
    parsed = PeopleRegistry().resolve(parse_file(f))
    assert parsed.passages[0].person_id == "dag-aanensen"
    assert any("does not match 'Bergen'" in w for w in parsed.warnings)


def test_overrides(tmp_path):
    toml = tmp_path / "people.toml"
    toml.write_text('''
[person."Øyvind Sätvedt"]
aliases = ["ØS"]

[person."Gina Finsrud"]
same_as = ["Gina Finsrud Olsen"]
organisations = [{ since = 2022-02-01, name = "Fredrikstad kommune" }]

[labels]
"Gruppe 1" = "Eli Arnkværn Bryhni"
"Maria" = ""

[meeting."2022-01-14-naeringssamarbeidet".labels]
"Øyvind" = "oyvind-satvedt"
''', encoding="utf-8")
    registry = PeopleRegistry.from_file(toml)
    parsed = registry.resolve(parse_file(SEED))
    turns = {}
    for p in parsed.passages:
        turns.setdefault(p.speaker_label, p)
    assert turns["Øyvind"].person_id == "oyvind-satvedt" and not turns["Øyvind"].ambiguous
    assert turns["Øyvind"].organisation == "Osloregionen (sekretariatet)"
    assert turns["Gruppe 1"].person_id == "eli-arnkvaern-bryhni"
    assert turns["Maria"].person_id is None and not turns["Maria"].ambiguous
    assert [p.speaker_label for p in unresolved(parsed, registry.overrides)] == []
    assert turns["Gina fra Søndre Viken"].organisation == "Søndre Viken"  # the attendee list of that day wins
    assert registry.person("gina-finsrud").organisation == "Fredrikstad kommune"

    later = tmp_path / "2022-04-01-mote.txt"
    later.write_text("Møte\n\nFrammøtte:\n\nNAVN\tKOMMUNE\nGina Finsrud Olsen\t\n\nSak 1. Runden\n\n"
                     "ØS:\n\nVelkommen.\n\nGina:\n\nNy jobb.\n", encoding="utf-8")
    p2 = registry.resolve(parse_file(later))
    turns2 = {p.speaker_label: p for p in p2.passages}
    assert turns2["ØS"].person_id == "oyvind-satvedt"
    assert (turns2["Gina"].person_id, turns2["Gina"].organisation) == ("gina-finsrud", "Fredrikstad kommune")


def test_shipped_people_file_loads():
    ov = load_overrides(PEOPLE_FILE)
    assert ov.persons == () and ov.labels == {} and ov.meeting_labels == {}
    assert "[person." in PEOPLE_FILE.read_text(encoding="utf-8")  # documented by commented examples
    assert load_overrides(REPO / "no-such-people.toml") == load_overrides(None)


@pytest.mark.parametrize("text, message", [
    ("[labels\n", "bad people file"),
    ("[persons]\n", "unknown section"),
    ('[labels]\n"Dag" = 3\n', "must map to a person"),
    ('[person."Dag Aanensen"]\norganisations = [{ since = "soon", name = "X" }]\n', "since = YYYY-MM-DD"),
    ('[person."Dag Aanensen"]\nalias = ["D"]\n', "unknown key"),
])
def test_bad_people_file(tmp_path, text, message):
    toml = tmp_path / "people.toml"
    toml.write_text(text, encoding="utf-8")
    with pytest.raises(ParseError, match=message) as err:
        PeopleRegistry.from_file(toml)
    assert err.value.path == str(toml)


def test_format_check_report(seed):
    report = format_check(seed)
    assert report.startswith(str(SEED))
    assert "date       2022-01-14" in report
    assert "attendees  24" in report and "Eli Arnkværn Bryhni (møteleder) — Hamarregionen utvikling" in report
    assert "agenda     9 items" in report
    assert "3. Runden rundt bordet (max 3 min. per pers)" in report
    assert "Dag fra Asker → Dag Aanensen (Asker kommune)" in report
    assert "Øyvind → AMBIGUOUS: Øyvind Andreas Sørli, Øyvind Sätvedt" in report
    assert "Gruppe 1 → (group)" in report
    assert "3 ambiguous, 0 unresolved" in report  # "Øyvind:" twice, and "Øyvind orienterte …" (reported)


def test_format_check_on_a_sample_lists_unresolved_and_warnings():
    report = format_check(parse_file(SAMPLES / "01_nhn-tillitsrammeverk-featureteam-2024-03-05.txt"))
    assert "Mich → UNRESOLVED" in report and "Richard → Richard Husevåg (HSØ)" in report
    assert "warnings" in report and "agenda item 1.5 has no text" in report


@pytest.mark.parametrize("hint, org, expected", [
    ("Ringeriksregionen", "Ringerikekommune", True),
    ("Asker", "Asker kommune", True),
    ("Moss", "Mossregionen næringsutvikling", True),
    ("Mosseregionen IPR", "Moss kommune", True),
    ("Hamarregionen", "Hamarregionen utvikling", True),
    ("Nedre Romerike", "Samarbeidsrådet for Nedre Romerike", True),
    ("Kongsvingerregionen", "Osloregionen (sekretariatet)", False),
    ("Kongsvingerregionen", "Kongsbergregionen", False),
    ("Fredrikstad", "Søndre Viken", False),
])
def test_org_matching(hint, org, expected):
    assert org_matches(hint, org) is expected


def test_name_matching_and_slugs():
    assert name_matches("Dag", "Dag Aanensen") and name_matches("Eva Snare", "Eva Snare")
    assert not name_matches("Eva Snare", "Eva Næss Karlsen")
    assert name_matches("JB", "Jesper Buchhardt") and name_matches("Snare", "Eva Snare")
    assert slug("Øyvind Sätvedt") == "oyvind-satvedt" and slug("Camilla Håltøm") == "camilla-haltom"
    assert slug("Eli Arnkværn Bryhni") == "eli-arnkvaern-bryhni"


def test_every_sample_resolves_without_crashing():
    registry = PeopleRegistry()
    for f in sorted(SAMPLES.glob("*.txt")):
        parsed = registry.resolve(parse_file(f))
        assert parsed.meeting.date <= dt.date(2026, 12, 31)
        assert format_check(parsed)
