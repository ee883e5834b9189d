"""minutes: the seed's structure, every sample layout, our own later meetings, and bad inputs."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from askbot.errors import ParseError
from askbot.minutes import parse_file, parse_minutes, read_document
from askbot.minutes.agenda import find_agenda
from askbot.minutes.dates import meeting_date, parse_date
from askbot.minutes.speakers import Names, split_label
from askbot.types import Attendee, Document, Line

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "minutes" / "2022-01-14-naeringssamarbeidet.txt"
SAMPLES = REPO / "tests" / "minutes" / "samples"
OWN = REPO / "tests" / "minutes" / "own"

SEED_AGENDA = [
    ("1", "Godkjenning av innkalling og dagsorden"),
    ("2", "Godkjenning av referat fra møte 25. november 2021"),
    ("3", "Runden rundt bordet (max 3 min. per pers)"),
    ("4", "Hvordan implementere og følge opp bærekraftsmålene på næringsområdet?"),
    ("5", "Hvordan redusere klimautslipp fra tungtransporten?"),
    ("6", "Resultater så langt av Restart Osloregionen - gjenstående aktiviteter i kampanjen."),
    ("7", "Ordførererklæring for klima og miljø."),
    ("8", "Møteplan 2022 - tidspunkt for fysiske samlinger + årshjul med temaer på møtene i 2022"),
    ("9", "Eventuelt"),
]
SEED_ATTENDEES = [
    ("Eli Arnkværn Bryhni", "Hamarregionen utvikling"), ("Ingar Vaskinn", "Kongsbergregionen"),
    ("Dag Aanensen", "Asker kommune"), ("Gunnar Fredrik Aasgaard", "Samarbeidsrådet for Nedre Romerike"),
    ("Øyvind Andreas Sørli", "Hadelandsregionen"), ("Harriet Slaaen", "Ringerikekommune"),
    ("Janka Henriksen", "Hadelandsregionen"), ("Arve Magne Vannebo", "Holmestrand kommune"),
    ("Eystein Kleiven", "Søndre Viken"), ("Maria Hermansdatter Hoff", "Lillestrøm kommune"),
    ("Kristine Hasle", "Indre Østfold"), ("Eirik Milde", "Søndre Viken"), ("Gina Finsrud", "Søndre Viken"),
    ("Anne Kristine Feltman", "Bærum kommune"), ("Camilla Håltøm", "Lørenskog kommune"),
    ("Yngvar Trandem", "Mossregionen næringsutvikling"), ("Eva Snare", "Kongsvingerregionen"),
    ("Torstein Brandrud", "Lunner kommune"), ("Anna Gyüre-Szamosi", "Søndre Viken"),
    ("Terje Pettersen", "Moss kommune"),
]
SEED_SECRETARIAT = ["Øyvind Sätvedt", "Mari Strømsvåg", "Eva Næss Karlsen", "Merete Agerbak Jensen"]
SAK3_SPEAKERS = [
    "Harriet fra Ringeriksregionen", "Gina fra Søndre Viken", "Ingar fra Kongsbergregionen",
    "Maria fra Lillestrøm", "Dag fra Asker", "Yngvar MNU (Moss)", "Eva, Kongsvingerregionen",
    "Terje fra Mosseregionen IPR", "Eli - Hamarregionen", "Øyvind",
]


@pytest.fixture(scope="module")
def seed():
    return parse_file(SEED)


def test_seed_meeting_header(seed):
    m = seed.meeting
    assert m.id == "2022-01-14-naeringssamarbeidet"
    assert m.date == dt.date(2022, 1, 14)  # "Tid: Fredag 14. januar", not "Dato: 19.1.22"
    assert m.title.startswith("Referat møte i Osloregionens faggruppe")
    assert m.body.startswith("Osloregionens faggruppe")
    assert m.source_path == str(SEED)
    assert seed.warnings == ()


def test_seed_agenda_has_exactly_the_nine_items(seed):
    assert [(i.number, i.title) for i in seed.meeting.agenda] == SEED_AGENDA
    raw = SEED.read_text(encoding="utf-8").split("\n")
    for item in seed.meeting.agenda:
        assert raw[item.line - 1].startswith(f"Sak {item.number}")
    assert {p.agenda_number for p in seed.passages if p.how != "attendance"} == {n for n, _ in SEED_AGENDA}


def test_seed_attendees_and_secretariat(seed):
    attendees = seed.meeting.attendees
    assert len(attendees) == 24
    assert [(a.name, a.organisation) for a in attendees[:20]] == SEED_ATTENDEES
    assert attendees[0].role == "møteleder"
    assert all(a.role is None for a in attendees[1:20])
    staff = attendees[20:]
    assert [a.name for a in staff] == SEED_SECRETARIAT
    assert {(a.organisation, a.role) for a in staff} == {("Osloregionen (sekretariatet)", "sekretariat")}


def test_seed_sak3_speaker_turns_in_order(seed):
    sak3 = [p for p in seed.passages if p.agenda_number == "3"]
    assert [p.speaker_label for p in sak3] == SAK3_SPEAKERS
    harriet = sak3[0]
    assert harriet.text.startswith("- Har jobbet med regional samarbeidet")
    assert "Formål er 1) regional utvikling og 2) utvikle USN." in harriet.text  # not an agenda item
    assert harriet.text.endswith("Harriets presentasjon er vedlagt referatet.")
    assert sak3[-1].text == "vi har mulighet til å koble Oslo Science City med Hamar og andre fremtidige kunnskapspark."
    assert sak3[-1].line_start == sak3[-1].line_end == 123


def test_seed_content_lines_are_not_speakers(seed):
    labels = {p.speaker_label for p in seed.passages}
    # turn labels, plus the reported-speech subjects "Øyvind orienterte …", "Mari presenterte.", "Merete hadde …"
    assert labels == set(SAK3_SPEAKERS) | {
        None, "Dag fra Asker innledet", "Maria", "Eli", "Dag", "Gruppe 1", "Gruppe 2", "Gruppe 3",
        "Grupperom 4", "Grupperom 5", "Eva Snare", "Ingar", "Øyvind", "Mari", "Merete"}
    assert {p.how for p in seed.passages if p.speaker_label in ("Mari", "Merete")} == {"reported"}
    maria = next(p for p in seed.passages if p.speaker_label == "Maria")
    assert "Lillestrøm har laget en strategi for grønne innkjøp:" in maria.text
    assert "<https://www.lillestrom.kommune.no/" in maria.text
    dag = [p for p in seed.passages if p.speaker_label == "Dag fra Asker innledet"]
    assert dag[0].text.startswith("Asker kommunes planverk:")
    assert any("Grønn konkurransekraft:" in p.text for p in dag)


def test_seed_item_level_text_has_no_speaker(seed):
    by_item = {}
    for p in seed.passages:
        by_item.setdefault(p.agenda_number, []).append(p)
    assert [(p.speaker_label, p.text) for p in by_item["1"]] == [(None, "Godkjent")]
    oyvind = by_item["5"][0]  # reported speech by a first name two attendees share: ambiguous, not guessed
    assert oyvind.text.startswith("Øyvind orienterte kort")
    assert (oyvind.how, oyvind.actors, oyvind.ambiguous) == ("reported", (), True)
    assert set(oyvind.candidates) == {"Øyvind Andreas Sørli", "Øyvind Sätvedt"}
    assert [p.text for p in by_item["9"]] == ["Ingen saker"]


def test_long_turn_is_split_on_paragraphs_never_mid_sentence(seed):
    dag = [p for p in seed.passages if p.speaker_label == "Dag fra Asker innledet"]
    assert len(dag) >= 2
    for a, b in zip(dag, dag[1:]):
        assert a.line_end < b.line_start
        assert a.text.rstrip()[-1] in ".!?:)"
    assert all(len(p.text) <= 1200 for p in seed.passages)
    whole = "\n".join(p.text for p in dag)
    assert "innført indikatorer på grønn konkurransekraft" in whole
    assert "Måles på nytt om fire år, for å se om det er blitt bedre." in dag[-1].text


def _assert_verbatim(parsed, path: Path):
    raw = path.read_text(encoding="utf-8").split("\n")
    for p in parsed.passages:
        lines = [ln for ln in p.text.split("\n") if ln]
        assert lines[0] in raw[p.line_start - 1], p.id
        assert lines[-1] in raw[p.line_end - 1], p.id
        window, pos = "\n".join(raw[p.line_start - 1:p.line_end]), 0
        for ln in lines:
            pos = window.index(ln, pos) + len(ln)  # in order, verbatim


def test_seed_passages_are_verbatim_with_right_line_numbers(seed):
    _assert_verbatim(seed, SEED)
    eva = next(p for p in seed.passages if p.speaker_label == "Eva, Kongsvingerregionen")
    raw = SEED.read_text(encoding="utf-8").split("\n")
    assert raw[eva.line_start - 2] == "" and raw[eva.line_start - 3] == "Eva, Kongsvingerregionen:"


def test_ids_and_hashes_are_stable(seed):
    again = parse_file(SEED)
    assert [(p.id, p.content_hash, p.text) for p in again.passages] == [
        (p.id, p.content_hash, p.text) for p in seed.passages]
    assert [p.id for p in seed.passages] == [f"{seed.meeting.id}.{i:03d}" for i in range(1, len(seed.passages) + 1)]
    for p in seed.passages:
        assert p.content_hash == hashlib.sha256(p.text.encode("utf-8")).hexdigest()
        assert p.meeting_id == seed.meeting.id and p.person_id is None


SAMPLE_EXPECT = {
    "01_nhn-tillitsrammeverk-featureteam-2024-03-05.txt": (dt.date(2024, 3, 5), 8),
    "03_fordelingsutvalget-ifi-2022-01-18.txt": (dt.date(2022, 1, 18), 6),
    "09_os2-aiheatcontrol-pm1-2026-01-20.txt": (dt.date(2026, 1, 20), 7),
    "12_stoke-ferry-parish-council-2012-08-08.txt": (dt.date(2012, 8, 8), 6),
}


def test_every_sample_is_covered():
    assert set(SAMPLE_EXPECT) <= {p.name for p in SAMPLES.glob("*.txt")}


@pytest.mark.parametrize("name", sorted(SAMPLE_EXPECT))
def test_samples_parse_with_date_items_and_passages(name):
    date, items = SAMPLE_EXPECT[name]
    parsed = parse_file(SAMPLES / name)
    assert parsed.meeting.date == date
    assert len(parsed.meeting.agenda) == items
    assert len(parsed.passages) >= 5
    assert parsed.meeting.title and parsed.meeting.body and parsed.meeting.attendees
    _assert_verbatim(parsed, SAMPLES / name)


def test_sample_details():
    nhn = parse_file(SAMPLES / "01_nhn-tillitsrammeverk-featureteam-2024-03-05.txt")
    assert ("Richard Husevåg", "HSØ") in [(a.name, a.organisation) for a in nhn.meeting.attendees]
    assert {"Richard", "Eirik", "Morten", "Steinar", "Mich", "Nina", "Rune"} <= {p.speaker_label for p in nhn.passages}
    assert "Aksjon" not in {p.speaker_label for p in nhn.passages}
    fu = parse_file(SAMPLES / "03_fordelingsutvalget-ifi-2022-01-18.txt")
    assert fu.meeting.body == "Fordelingsutvalget"
    assert ("Gyda", "cyb") in [(a.name, a.organisation) for a in fu.meeting.attendees]
    assert any("used more than once" in w for w in fu.warnings)
    os2 = parse_file(SAMPLES / "09_os2-aiheatcontrol-pm1-2026-01-20.txt")
    assert os2.meeting.agenda[1].number == "AD 2" and os2.meeting.body == "OS2 Ai Heat Control"
    assert [a.name for a in os2.meeting.attendees][:2] == ["Jesper Buchhardt", "Mikkel Groot Andersen"]
    parish = parse_file(SAMPLES / "12_stoke-ferry-parish-council-2012-08-08.txt")
    assert parish.meeting.body == "Stoke Ferry Parish Council"
    assert ("T Ryves", "Chairman") in [(a.name, a.role) for a in parish.meeting.attendees]
    first = next(p for p in parish.passages if p.how != "attendance")
    assert first.agenda_number == "" and "PCSO Sophie Watson" in first.text
    assert all(p.how != "turn" for p in parish.passages)  # no "Name:" turns: actors come from the text
    assert {"T Ryves", "D Clements", "C Hardy", "J Nicholas-Letch"} <= {a for p in parish.passages for a in p.actors}
    starts = [p.text.split("\n")[0] for p in parish.passages]
    assert {"Standing Orders:", "Neighbourhood Planning:", "Village Hall:"} <= set(starts)  # sub-titles
    assert "Punkt 2: Støtte til styremiddag" in [p.text.split("\n")[0] for p in fu.passages]


OWN_EXPECT = {
    "2022-03-11-naeringssamarbeidet.txt": (dt.date(2022, 3, 11), 5, 16),
    "2022-05-20-naeringssamarbeidet.txt": (dt.date(2022, 5, 20), 6, 14),
    "2022-09-16-naeringssamarbeidet.txt": (dt.date(2022, 9, 16), 6, 16),
}


@pytest.mark.parametrize("name", sorted(OWN_EXPECT))
def test_own_minutes(name):
    date, items, attendees = OWN_EXPECT[name]
    parsed = parse_file(OWN / name)
    assert parsed.meeting.date == date and len(parsed.meeting.agenda) == items
    assert len(parsed.meeting.attendees) == attendees and parsed.warnings == ()
    assert [i.number for i in parsed.meeting.agenda] == [str(n) for n in range(1, items + 1)]
    _assert_verbatim(parsed, OWN / name)


def test_own_minutes_numbered_list_inside_a_turn_is_not_an_agenda_item():
    parsed = parse_file(OWN / "2022-03-11-naeringssamarbeidet.txt")
    turn = [p for p in parsed.passages if p.speaker_label == "Øyvind Sätvedt innledet"]
    assert len(turn) == 2 and all(p.agenda_number == "4" for p in turn)
    assert "1. Kartlegge behovet for hydrogen" in turn[0].text
    gina = next(p for p in parse_file(OWN / "2022-05-20-naeringssamarbeidet.txt").passages
                if p.speaker_label == "Gina fra Fredrikstad")
    assert "næringssjef i Fredrikstad kommune" in gina.text


def test_markdown_version_has_the_same_structure():
    txt = parse_file(OWN / "2022-05-20-naeringssamarbeidet.txt")
    md = parse_file(OWN / "variants" / "2022-05-20-naeringssamarbeidet.md")
    assert md.meeting.id == txt.meeting.id and md.meeting.date == txt.meeting.date
    assert md.meeting.title == txt.meeting.title and md.meeting.body == txt.meeting.body
    assert [(i.number, i.title) for i in md.meeting.agenda] == [(i.number, i.title) for i in txt.meeting.agenda]
    assert md.meeting.attendees == txt.meeting.attendees
    assert [(p.agenda_number, p.speaker_label, p.text) for p in md.passages if p.how != "attendance"] == [
        (p.agenda_number, p.speaker_label, p.text) for p in txt.passages if p.how != "attendance"]
    assert [(p.actors, p.role) for p in md.passages if p.how == "attendance"] == [
        (p.actors, p.role) for p in txt.passages if p.how == "attendance"]


def test_no_date_anywhere_is_an_error_naming_the_file(tmp_path):
    f = tmp_path / "referat-uten-dato.txt"
    f.write_text("Referat møte i faggruppen\n\nSak 1. Godkjenning\n\nGodkjent\n", encoding="utf-8")
    with pytest.raises(ParseError, match="no meeting date found") as err:
        parse_file(f)
    assert err.value.path == str(f) and "referat-uten-dato.txt" in str(err.value)


def _doc(text: str, name: str = "minutes.txt", **meta) -> Document:
    return Document(name, tuple(Line(i, t) for i, t in enumerate(text.split("\n"), 1)), meta)


@pytest.mark.parametrize("text, name, meta, expected", [
    ("Dato: 19.1.22\n\nTid: Fredag 14. januar kl. 0900-1100", "referat.txt", {}, "2022-01-14"),
    ("Dato: 5.1.23\nTid: Fredag 9. desember kl. 0900", "referat.txt", {}, "2022-12-09"),
    ("Tid: Fredag 14. januar kl. 0900", "2022-01-14-x.txt", {}, "2022-01-14"),
    ("**Tid**: 20.01.2026", "x.txt", {}, "2026-01-20"),
    ("Møtedato: 05.03.2024", "x.txt", {}, "2024-03-05"),
    ("Minutes of the Council Meeting held in the Hall at 7.30pm on Wednesday 8 August 2012",
     "x.md", {"date": "2012-08-27"}, "2012-08-08"),
    ("# Møtereferat fra møte i teamet - 05.03.2024", "x.md", {}, "2024-03-05"),
    ("Referat\n\nNoe tekst", "x.md", {"date": dt.date(2022, 5, 20)}, "2022-05-20"),
    ("Møtet ble holdt 2023-10-02 i Oslo\nTid: 2023-10-02", "x.txt", {}, "2023-10-02"),
    ("Referat\nIngen dato her", "01_team-2024-03-05.txt", {}, "2024-03-05"),
    ("Dato: 19.1.22\n\nReferat møte i gruppa", "referat.txt", {}, "2022-01-19"),
])
def test_meeting_date_sources(text, name, meta, expected):
    assert meeting_date(_doc(text, name, **meta))[0] == dt.date.fromisoformat(expected)


def test_parse_date_forms():
    assert parse_date("8th August 2012")[0] == dt.date(2012, 8, 8)
    assert parse_date("August 8, 2012")[0] == dt.date(2012, 8, 8)
    assert parse_date("14. januar", 2022) == (dt.date(2022, 1, 14), False)
    assert parse_date("den 31.02.2022") == (None, False)


@pytest.mark.parametrize("lines, expected", [
    (["Sak 14/07 Budsjett", "tekst", "Sak 15/07 Regnskap", "tekst"], [("14/07", "Budsjett"), ("15/07", "Regnskap")]),
    (["### AD 1: Økonomi", "x", "### AD 2: Kommunikation", "y"], [("AD 1", "Økonomi"), ("AD 2", "Kommunikation")]),
    ([" 1. Minutes of the last Meeting:", "", "text", " 2. Matters Arising:", "", "more"],
     [("1", "Minutes of the last Meeting"), ("2", "Matters Arising")]),
    (["## Agenda", "1. A", "2. B", "### 1. Første", "x", "### 2. Andre", "y"], [("1", "Første"), ("2", "Andre")]),
    (["## Innledning", "tekst", "## Diskusjon", "tekst"], [("1", "Innledning"), ("2", "Diskusjon")]),
    (["Sak 1. Tittel", "Sak 3 ble utsatt til neste møte.", "Punkt 1: Ikke et nytt punkt"], [("1", "Tittel")]),
])
def test_agenda_patterns(lines, expected):
    items, _ = find_agenda([Line(i, t) for i, t in enumerate(lines, 1)])
    assert [(i.number, i.title) for i, _ in items] == expected


NAMES = Names.of([Attendee("Dag Aanensen"), Attendee("Eli Arnkværn Bryhni"), Attendee("Jesper Buchhardt"),
                  Attendee("Eva Snare"), Attendee("Maria Hoff"), Attendee("Øyvind Sätvedt")])


@pytest.mark.parametrize("line, expected", [
    ("Harriet fra Ringeriksregionen:", ("Harriet fra Ringeriksregionen", "")),
    ("Dag fra Asker:", ("Dag fra Asker", "")),
    ("Eli - Hamarregionen", ("Eli - Hamarregionen", "")),
    ("Yngvar MNU (Moss):", ("Yngvar MNU (Moss)", "")),
    ("Eva, Kongsvingerregionen:", ("Eva, Kongsvingerregionen", "")),
    ("Maria:", ("Maria", "")),
    ("Gruppe 1:", ("Gruppe 1", "")),
    ("Grupperom 4:", ("Grupperom 4", "")),
    ("**Maria**: Måling er vanskelig.", ("Maria", "Måling er vanskelig.")),
    ("**Dag fra Asker:**", ("Dag fra Asker", "")),
    ("JB: Vi sender innkalling.", ("JB", "Vi sender innkalling.")),
    ("Øyvind: vi har mulighet til å koble", ("Øyvind", "vi har mulighet til å koble")),
    ("Dag fra Asker innledet:", ("Dag fra Asker innledet", "")),
    ("Formål er 1) regional utvikling og 2) utvikle USN.", None),
    ("Mål: skape arbeidsplasser", None),
    ("- Mål: skape arbeidsplasser, bedriftsetablerere", None),
    ("Se: <https://www.halden.kommune.no/new-in-halden/>", None),
    ("Link til påmelding: <https://www.osloregionen.no/kalender/>", None),
    ("Asker kommunes planverk:", None),
    ("Grønn konkurransekraft:", None),
    ("Spørsmål:", None),
    ("Kommentarer/oppsummering fra gruppearbeidet:", None),
    ("Lillestrøm har laget en strategi for grønne innkjøp:", None),
    ("Tilbakemelding fra Teamet:", None),
    ("Standing Orders:", None),
    ("War Memorials/Graves:", None),
    ("Oslo - Bergen", None),
    ("Ansøgningsfrist: 25. februar 2026 kl. 12.00.", None),
])
def test_speaker_labels(line, expected):
    assert split_label(line, NAMES) == expected


def test_read_then_parse_uses_file_stem_as_id(tmp_path):
    f = tmp_path / "2023-02-03-møte.md"
    f.write_text("# Referat\n\n## Sak 1. Hydrogen\n\n**Dag fra Asker:**\n\nVi bygger en fyllestasjon.\n",
                 encoding="utf-8")
    doc = read_document(f)
    parsed = parse_minutes(doc)
    assert parsed.meeting.id == "2023-02-03-møte" and parsed.meeting.date == dt.date(2023, 2, 3)
    assert parse_minutes(doc, meeting_id="m1").passages[0].id == "m1.001"
    assert "meeting date taken from the file name" in parsed.warnings
    assert "no attendee list found" in parsed.warnings
