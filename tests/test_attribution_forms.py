"""Attribution forms beyond a subject + verb: front-matter attendance, "Org, Name, INIT" absence lists, a
speaker's hedged sentence that goes on ("Dette kan …"), the doer of a proposal or decision clause ("foreslår
at Maps lager …", "It was agreed that the Clerk would …"), a contact point ("… kan kontakte Jara."), a people
table with no heading, and initials that spell a word or repeat a listed person ("PS noted", "Referent: TB").

Real sample minutes (tests/minutes/samples) and small minutes written to files here, parsed by the real parser."""

from __future__ import annotations

from pathlib import Path

from askbot.minutes import parse_file

SAMPLES = Path(__file__).resolve().parent / "minutes" / "samples"
FU = SAMPLES / "03_fordelingsutvalget-ifi-2022-01-18.txt"

_PARISH = """Minutes of the Meeting of Little Ashby Parish Council held on Monday 6 March 2023

Present: Cllr A Smith (Chairman), Cllr R Patel, Cllr T Green, Mrs B Jones (Clerk)

1. Footpaths
Cllr Patel reported that the hedge on the bridleway was overgrown. This could block the path for riders by \
the summer. It was agreed that the Clerk would write to the county highways team. The reply will be reported \
at the next meeting. It was agreed that the meeting would close at nine.

2. Allotments
Cllr Green reported that two plots are vacant. It was noted that the waiting list is empty. Residents who \
want a plot can contact Cllr Green.
"""
_BOARD_DA = """Referat af bestyrelsesmøde 12. september 2023

Deltagere: Karen Holm (KH), Søren Lund (SL), Mette Dahl (MD)

Sommerfest
SL fortalte, at festen gav overskud. Det kan give råd til et nyt telt næste år. Bestyrelsen besluttede, \
at KH sender invitationen til medlemmerne. Festen holdes igen i august.
"""


def _passage(path: Path, needle: str):
    pm = parse_file(path)
    return min((p for p in pm.passages if needle in p.text), key=lambda p: len(p.text))


def _written(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_roster_lines_are_attendance_passages():
    p = _passage(FU, 'referent: "Jeanette Kirkerud"')
    assert (p.actors, p.how, p.role, p.line_start) == (("Jeanette Kirkerud",), "attendance", "clerk", 11)
    p = _passage(FU, "defi, Ina Bergli Henriksen")  # one entry, one line, one passage
    assert (p.text, p.actors, p.how) == ("defi, Ina Bergli Henriksen", ("Ina Bergli Henriksen",), "attendance")
    roster = {a.name: a for a in parse_file(FU).meeting.attendees}
    assert "referent" in roster["Jeanette Kirkerud"].role and roster["Dan Rachou"].organisation == "maps"


def test_a_front_matter_role_that_is_no_string_is_read(tmp_path):
    """YAML gives "role: [leder, kasserer]" as a list and "role: 2" as a number (once a crash in normalise_role)."""
    path = _written(tmp_path, "2024-03-05-styremote.md", "---\ntitle: Styremøte\nattending:\n  - name: Kari Nordmann\n"
                    "    role: [leder, kasserer]\n  - name: Ola Hansen\n    role: 2\n---\n\n# 1. Budsjett\n\n"
                    "Kari Nordmann orienterte om budsjettet.\n")
    roster = {a.name: a.role for a in parse_file(path).meeting.attendees}
    assert roster == {"Kari Nordmann": "['leder', 'kasserer']", "Ola Hansen": "2"}


def test_an_organisation_name_initials_absence_list_is_read():
    path = SAMPLES / "09_os2-aiheatcontrol-pm1-2026-01-20.txt"  # "Afbud:", "-  OS2 - Fællesskabet, Rasmus Frey, RF"
    p = _passage(path, "OS2 - Fællesskabet, Rasmus Frey, RF")
    assert (p.actors, p.how, p.role) == (("Rasmus Frey", "Jakob Nørby"), "attendance", "absent")
    names = {a.name for a in parse_file(path).meeting.attendees}
    assert not names & {"RF", "JN", "4BC"}


def test_a_hedged_sentence_stays_in_the_speakers_turn(tmp_path):
    p = _passage(FU, "Dette kan muligens også føre til at nye foreninger oppretter færre styreplasser")
    assert p.actors == ("list",) and p.text.startswith("List påpeker at hvis man gjør veldig mye jobb")
    p = _passage(_written(tmp_path, "2023-03-06-ashby.txt", _PARISH), "This could block the path")
    assert p.actors == ("R Patel",) and p.text.startswith("Cllr Patel reported")
    p = _passage(_written(tmp_path, "2023-09-12-bestyrelse.txt", _BOARD_DA), "Det kan give råd til et nyt telt")
    assert p.actors == ("Søren Lund",)


def test_the_doer_of_a_proposal_or_decision_clause(tmp_path):
    p = _passage(FU, "foreslår at Maps lager et kontraforslag")
    assert (p.actors, p.how) == (("maps",), "action")
    parish = _written(tmp_path, "2023-03-06-ashby.txt", _PARISH)
    p = _passage(parish, "It was agreed that the Clerk would write")
    assert (p.actors, p.how, p.role) == (("B Jones",), "action", "clerk")
    assert _passage(parish, "The reply will be reported at the next meeting.").actors == ()  # its sentence only
    assert _passage(parish, "It was agreed that the meeting would close").actors == ()  # the body is nobody
    p = _passage(_written(tmp_path, "2023-09-12-bestyrelse.txt", _BOARD_DA), "at KH sender invitationen")
    assert (p.actors, p.how) == (("Karen Holm",), "action")
    assert _passage(FU, "Koordinator bestemmer at konkrete forslag skal lages").actors == ()  # no member in the clause


def test_a_contact_point_names_who_to_turn_to(tmp_path):
    p = _passage(SAMPLES / "29_det-kolde-gys-bestyrelsesmode-2012-08-16.txt", "kan kontakte Jara")
    assert (p.actors, p.how, p.role) == (("Jara",), "role", "contact") and p.text.startswith("Medlemmer, der har")
    p = _passage(SAMPLES / "35_sedgwick-selectmen-2017-11-16.txt", "available on Wednesday, November 22 from the clerk")
    assert (p.actors, p.role) == (("Cindy Reilly",), "contact")
    assert _passage(SAMPLES / "35_sedgwick-selectmen-2017-11-16.txt", "They must be returned").actors == ()
    p = _passage(_written(tmp_path, "2023-03-06-ashby.txt", _PARISH), "can contact Cllr Green")
    assert p.actors == ("T Green",) and p.text.startswith("Residents who want a plot")


_HEADER_NO = """Referat fra styremøte 3. mai 2023

Til stede: Kari Nordmann, Ola Hansen, Per Berg
Forfall: Lise Dahl
Tidtaker: Ola Hansen
Kopi: Per Berg

Sak 1/23 Budsjett
Kari Nordmann orienterte om budsjettet for neste år.
"""


def test_a_header_line_naming_members_is_their_record(tmp_path):
    path = SAMPLES / "20_online-hovedstyret-stormote-2024-09-30.txt"  # "***Straffer:** … 1x vin Ola (…)*"
    p = _passage(path, "1x vin Ola (manglende fraværsmelding)")
    assert (p.actors, p.how, p.role) == (("Ola",), "attendance", "absent")  # "Frederik": two entries, so nobody
    pm = parse_file(_written(tmp_path, "2023-05-03-styre.txt", _HEADER_NO))
    assert [(p.text, p.actors, p.how) for p in pm.passages if p.text.startswith(("Tidtaker", "Kopi"))] == [
        ("Tidtaker: Ola Hansen", ("Ola Hansen",), "role")]  # an address line names a recipient, no record of theirs


_ROLES_NO = """Referat fra styremøte 7. juni 2023

Til stede: Kari Nordmann, Ola Hansen, Per Berg

Sak 1/23 Åpning
Kari tar referat. Ola Hansen er ordstyrer i dag. Budsjettet ble gjennomgått.

Per Berg mente at festen bør flyttes. Det kan ikke gå slik som i fjor. Det må sendes ut ny innkalling.
"""


def test_a_role_line_in_the_body_gives_that_member_the_role(tmp_path):
    path = SAMPLES / "31_rust-leadership-council-2024-03-15.txt"
    assert [(p.actors, p.how, p.role) for p in (_passage(path, "- Mark is taking notes"),
                                                  _passage(path, "- Eric Huss facilitating"))] == [
        (("Mark Rousskov",), "role", "clerk"), (("Eric Huss",), "role", "chair")]
    path = _written(tmp_path, "2023-06-07-styre.txt", _ROLES_NO)
    got = [_passage(path, "Kari tar referat."), _passage(path, "er ordstyrer i dag")]
    assert [(p.actors, p.role) for p in got] == [(("Kari Nordmann",), "clerk"), (("Ola Hansen",), "chair")]
    assert _passage(path, "Budsjettet ble gjennomgått.").actors == ()  # a role line owns its sentence only
    assert _passage(path, "Det kan ikke gå slik som i fjor.").actors == ("Per Berg",)  # hedged: goes on
    assert _passage(path, "Det må sendes ut ny innkalling.").actors == ()  # a passive is the meeting's


_TABLE_NO = """# Protokoll fra styremøte i Vestfold Vekst

**Dato:** 12. mars 2025, kl. 09.00–11.30

| Navn | Organisasjon | Rolle |
|---|---|---|
| Hanne Lie (HL) | Tønsberg kommune | styreleder |
| Geir Moe (GM) | Vestfold fylkeskommune | |
| Dag Eriksen (DE) | Innovasjon Norge | |

## Sak 13/25 Havvind

GM orienterte om fylkets arbeid med havvind. DE viste til et program for leverandørutvikling.

| Navn | Organisasjon | Beløp |
|---|---|---|
| Per Olsen | Olsen AS | 200 000 |
| Kari Berg | Berg Marine | 150 000 |
"""


def test_a_people_table_with_no_heading_above_is_the_roster(tmp_path):
    """A "| Navn | Organisasjon | Rolle |" table is the attendance list even with no "Deltakere" heading;
    a table of amounts with a name column ("| Navn | Organisasjon | Beløp |") is not."""
    path = _written(tmp_path, "2025-03-12-styremote.md", _TABLE_NO)
    roster = {a.name: (a.organisation, a.role) for a in parse_file(path).meeting.attendees}
    assert roster == {"Hanne Lie": ("Tønsberg kommune", "styreleder"), "Geir Moe": ("Vestfold fylkeskommune", None),
                      "Dag Eriksen": ("Innovasjon Norge", None)}
    p = _passage(path, "GM orienterte om fylkets arbeid")
    assert (p.actors, p.how) == (("Geir Moe",), "reported")
    import docx  # the same table in a .docx, whose rows the reader gives as tab-separated lines

    d = docx.Document()
    d.add_heading("Referat fra styremøte 12. mars 2025", 1)
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("Navn", "Organisasjon", "Rolle"), ("Hanne Lie (HL)", "Tønsberg kommune", "styreleder"),
                             ("Geir Moe (GM)", "Vestfold fylkeskommune", "")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    d.add_heading("Sak 13/25 Havvind", 2)
    d.add_paragraph("GM orienterte om fylkets arbeid med havvind.")
    d.save(tmp_path / "2025-03-12-styre.docx")
    pm = parse_file(tmp_path / "2025-03-12-styre.docx")
    assert [(a.name, a.role) for a in pm.meeting.attendees] == [("Hanne Lie", "styreleder"), ("Geir Moe", None)]
    assert _passage(tmp_path / "2025-03-12-styre.docx", "GM orienterte").actors == ("Geir Moe",)


def test_initials_that_spell_a_word_are_the_member_who_has_them(tmp_path):
    """ "DE viste til …" and "PS noted that …" are Dag Eriksen and Priya Shah when the roster gives them
    those initials, although "de" and "ps" are words that open content lines."""
    p = _passage(_written(tmp_path, "2025-03-12-styremote.md", _TABLE_NO), "DE viste til et program")
    assert (p.actors, p.how) == (("Dag Eriksen",), "reported")
    board = _written(tmp_path, "2025-04-03-board.txt", "Board meeting, 3 April 2025\n\nPresent: Jane Baker (JB, Chair), "
                     "Omar Khan (OK), Priya Shah (PS)\n\n2. Hydrogen\nPS noted that the electrolyser pilot would be "
                     "ready by autumn.\n\n3. Skills\nPs: the bootcamp is full.\n")
    p = _passage(board, "PS noted that the electrolyser")
    assert (p.actors, p.how) == (("Priya Shah",), "reported")
    assert _passage(board, "the bootcamp is full").actors == ()  # "Ps:" is no one's initials in capitals


def test_initials_in_a_later_roster_line_are_the_person_listed_with_them(tmp_path):
    """ "Referent: TB" after "Tor Brekke (TB)" makes Tor Brekke the clerk, and "Apologies were received
    from DN" after "Apologies: David Nolan (DN)" is David Nolan again: neither is a second person."""
    path = _written(tmp_path, "2023-01-05-styremote.txt", "Styremøte 5. januar 2023\n\nTil stede: Tor Brekke (TB), "
                    "Kari Nordmann (KN)\nReferent: TB\n\nSak 1. Budsjett\n\nKN orienterte om budsjettet.\n")
    roster = {a.name: a.role for a in parse_file(path).meeting.attendees}
    assert roster == {"Tor Brekke": "referent", "Kari Nordmann": None}
    p = _passage(path, "Referent: TB")
    assert (p.actors, p.how, p.role) == (("Tor Brekke",), "attendance", "clerk")
    board = _written(tmp_path, "2025-04-03-board.txt", "Board meeting, 3 April 2025\n\nPresent: Jane Baker (JB, Chair), "
                     "Omar Khan (OK)\nApologies: David Nolan (DN)\n\n1. Welcome\nThe Chair welcomed members. Apologies "
                     "were received from DN.\n")
    names = [a.name for a in parse_file(board).meeting.attendees]
    assert sorted(names) == ["David Nolan", "Jane Baker", "Omar Khan"]
