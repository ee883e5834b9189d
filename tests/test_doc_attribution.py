"""Who acts where the roster says little: roles named in prose, nynorsk verbs, passive agents, the
document's own labels, lone first names, and a first name linked to the full name written elsewhere.

Real sample minutes (tests/minutes/samples) and our own minutes in other layouts (tests/minutes/layouts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from askbot.minutes import parse_file, read_document

ROOT = Path(__file__).resolve().parent
SAMPLES = ROOT / "minutes" / "samples"
LAYOUTS = ROOT / "minutes" / "layouts"
SEPT = LAYOUTS / "2023-09-15-naeringssamarbeidet.txt"


def _passage(path: Path, needle: str):
    pm = parse_file(path)
    return min((p for p in pm.passages if needle in p.text), key=lambda p: len(p.text))


def test_chair_clerk_and_secretariat_named_in_prose_join_the_roster():
    roster = {a.name: a for a in parse_file(SEPT).meeting.attendees}
    assert roster["Eli Arnkværn Bryhni"].organisation == "Hamarregionen utvikling"
    assert "møteleder" in roster["Eli Arnkværn Bryhni"].role
    assert "referent" in roster["Jonas Tveit"].role and "sekretariat" in roster["Øyvind Sätvedt"].role


@pytest.mark.parametrize("needle, actors, how", [
    ("Leiaren minte om at Hamarregionen", ("Eli Arnkværn Bryhni",), "role"),  # "Møtet vart leia av …"
    ("Leiaren opplyste at ho går av", ("Eli Arnkværn Bryhni",), "role"),
    ("Sekretæren orienterte om at Osloregionen", ("Jonas Tveit",), "role"),  # "… var sekretær for møtet"
    ("Trandem spurde om Moss hamn", ("Yngvar Trandem",), "reported"),  # nynorsk "spurde"
    ("Pettersen støtta dette", ("Terje Pettersen",), "reported"),
])
def test_roles_from_prose_and_nynorsk_verbs(needle, actors, how):
    p = _passage(SEPT, needle)
    assert (p.actors, p.how, p.ambiguous) == (actors, how, False)


def test_the_sentence_after_a_cut_attendance_sentence_is_nobodys():
    p = _passage(SEPT, "Under sak 4 møtte òg representantar")  # follows "Jonas Tveit var sekretær …" on its own line
    assert (p.actors, p.speaker_label) == ((), None)
    assert _passage(SEPT, "Jonas Tveit var sekretær for møtet og skreiv referatet.").how == "attendance"


def test_a_passive_agent_owns_the_resolution_it_follows():
    path = SAMPLES / "32_saxilby-ingleby-parish-council-2023-04-05.txt"
    p = _passage(path, "This was proposed by Cllr Spurr.")
    assert p.actors == ("Spurr",) and p.text.startswith("RESOLVED: Schedule of dates agreed")
    assert _passage(path, "This was proposed by Cllr J Willox.").actors == ("J.Willox",)
    assert _passage(path, "Approval deferred to the next meeting.").actors == ()


def test_a_label_the_document_uses_names_that_actor_as_a_subject():
    path = SAMPLES / "01_nhn-tillitsrammeverk-featureteam-2024-03-05.txt"  # "HelseID:" turns, not on the roster
    assert _passage(path, "HelseID redegjorde kort").actors == ("HelseID",)
    assert (_passage(path, "HelseID tar et møte").actors, _passage(path, "HelseID tar et møte").how) == (("HelseID",), "action")


def test_lone_first_names_without_a_roster():
    path = SAMPLES / "29_det-kolde-gys-bestyrelsesmode-2012-08-16.txt"  # no attendee list at all
    assert _passage(path, "Jara har kontaktet Inge K").actors == ("Jara",)
    assert _passage(path, "Kirstine bestiller.").actors == ("Kirstine",)
    assert _passage(path, "Jara, Anne og Kirstine arbejder på den.").actors == ("Jara", "Anne", "Kirstine")
    assert _passage(path, "Listen med årets gang blev gennemgået").actors == ()


def test_a_closing_task_names_the_owner_of_its_item_unless_another_subject_is_there():
    path = SAMPLES / "29_det-kolde-gys-bestyrelsesmode-2012-08-16.txt"
    item = _passage(path, "Medlemsfolder: er i gang med at blive udviklet")  # "… Jara, Anne og Kirstine arbejder på den."
    assert (item.actors, item.how) == (("Jara", "Anne", "Kirstine"), "reported") and item.text.startswith("a)")
    assert _passage(path, "Som medlem tager man selv hængelåse med").actors == ()  # "Der bliver …" before "Kirstine bestiller."
    assert _passage(path, "Bestyrelsen har arbejdet på en overdragelse").actors == ()


def test_a_given_name_the_document_writes_in_lower_case_is_a_word():
    from askbot.minutes.docnames import DocNames, is_given_name

    lines = read_document(ROOT.parent / "data" / "minutes" / "2022-01-14-naeringssamarbeidet.txt").lines
    doc = DocNames.of(lines)
    assert is_given_name("Dag") and "dag" in doc.lower and not doc.first_name("Dag")  # "i dag"
    assert not DocNames().first_name("He") and not DocNames().first_name("Region")


def test_a_first_name_entry_takes_the_full_name_the_document_writes():
    path = SAMPLES / "20_online-hovedstyret-stormote-2024-09-30.txt"  # "Tilstede: … Ådne …", later "v/ Ådne Børresen"
    pm = parse_file(path)
    names = [a.name for a in pm.meeting.attendees]
    assert "Ådne Børresen" in names and "Ådne" not in names
    assert names.count("Frederik") == 2  # listed twice: two people, no full name to join
    assert _passage(path, "Ådne tar det videre").actors == ("Ådne Børresen",)


def test_an_organisation_that_has_done_something_owns_that_sentence_only():
    path = SAMPLES / "30_hedensted-faelles-landdistriktsraad-2023-08-31.txt"
    p = _passage(path, "Region Midtjylland har ligeledes finansieret")
    assert (p.actors, p.how) == (("Region Midtjylland",), "reported") and p.text.endswith("til indsatsen.")
    assert _passage(path, "Projektbeskrivelsen er medsendt som bilag.").actors == ()


def test_a_status_round_of_short_headings_names_each_reporter():
    path = SAMPLES / "20_online-hovedstyret-stormote-2024-09-30.txt"  # "### Bedkom:", "### Prokom:", …
    bedkom = _passage(path, "Har sendt ut interesseskjema for å begynne bookingrunden")
    assert (bedkom.actors, bedkom.how) == (("Bedkom",), "turn")  # its first bullet "Det har vært …" ends nothing
    assert _passage(path, "Vi er midt i skriving av tredje utgave av offline").actors == ("Prokom",)
    assert _passage(path, "Satt opp notion (med hjelp av Lara)").actors == ()  # "### Nestleder:": a role nobody holds here
    assert _passage(path, "Fondet bare eksisterer, i guess (jacob)").actors == ("Jacob",)  # signed in lower case


def test_an_unknown_speaker_in_a_clause_ends_the_turn_before_it():
    path = SAMPLES / "12_stoke-ferry-parish-council-2012-08-08.txt"  # PCSO Watson is a visitor, not on the roster
    assert _passage(path, "Cllr Leamon asked what should the public do").actors == ("M Leamon",)
    p = _passage(path, "PCSO Watson advised not to move them")  # "PCSO Sophie Watson was welcomed …" earlier
    assert p.actors == ("Sophie Watson",) and "Cllr Leamon" not in p.text
    assert _passage(path, "There were no more queries or problems raised").actors == ()


def test_a_roles_report_is_its_holders():
    path = SAMPLES / "35_sedgwick-selectmen-2017-11-16.txt"  # "Also present: … Barbara Grindle, Assistant"
    p = _passage(path, "Work has begun on the town report")  # "ASSISTANT’S STUFF: Work has begun …"
    assert (p.actors, p.how, p.role) == (("Barbara Grindle",), "role", "assistant")
    assert _passage(path, "CEO absent but left a letter").actors == ()  # no CEO on the roster


def test_a_signature_gives_the_role_and_a_passage_that_says_so():
    path = SAMPLES / "26_musikk-i-hedmark-styremote-2013-11-05.txt"  # "… Kåre Haugli (s.) styreleder Trond Eklund Johansen daglig leder"
    roster = {a.name: a for a in parse_file(path).meeting.attendees}
    assert roster["Kåre Haugli"].role == "styreleder" and roster["Trond Eklund Johansen"].role == "daglig leder"
    p = _passage(path, "Trond Eklund Johansen daglig leder")
    assert (p.actors, p.how, p.role) == (("Trond Eklund Johansen",), "attendance", "chief executive")
    seed = parse_file(ROOT.parent / "data" / "minutes" / "2022-01-14-naeringssamarbeidet.txt")
    assert all(p.role != "chair" or "leder" not in p.text.split() or "(" in p.text for p in seed.passages
               if p.how == "attendance" and len(p.actors) == 1)  # "X leder arbeidet" (a verb) is no signature
