"""Roster and turn forms of real-world minutes that the samples lack: nynorsk and municipal protocol headings,
Danish reporting verbs, "Org v/ Name", a member's sentence that ends the turn before it (absent members
included), a turn by a first name one present and one absent member share, a name and firm per line,
proposer and seconder lines, and case-numbered agenda items ("PS 21/25", "25/01").

Small minutes written to files here, parsed (and resolved) by the real parser and people registry."""

from __future__ import annotations

from pathlib import Path

from askbot.minutes import parse_file
from askbot.people import PeopleRegistry


def _written(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _who(path: Path) -> dict[str, tuple[str, ...]]:
    """Each passage's first line of text → the people it is attributed to."""
    return {p.text.split("\n")[0]: p.actors for p in parse_file(path).passages}


def test_nynorsk_headings_give_the_roster_and_the_clerk(tmp_path):
    path = _written(tmp_path, "2025-03-01-styremote.txt", "Styremøte 1. mars 2025\n\nTil stades: Astrid Solheim (AS), "
                    "Sigurd Hovland (SH)\nSkrivar: Sigurd Hovland\n\nSak 1 Budsjett\nSigurd meinte at budsjettet er "
                    "for stramt.\n")
    roster = {a.name: a.role for a in parse_file(path).meeting.attendees}
    assert roster == {"Astrid Solheim": None, "Sigurd Hovland": "referent"}
    assert _who(path)["Sigurd meinte at budsjettet er for stramt."] == ("Sigurd Hovland",)
    table = _written(tmp_path, "2025-03-02-styremote.txt", "Styremøte 2. mars 2025\n\nNamn\tVerksemd\tRolle\n"
                     "Ragnhild Sunde\tSunde Bygg\tleiar\nÅse Marie Hjelmeland\tHjelmeland AS\treferent\n\n"
                     "Sak 1 Jobbmesse\nLeiaren foreslo ein felles jobbmesse i september.\n")
    roster = {a.name: (a.organisation, a.role) for a in parse_file(table).meeting.attendees}
    assert roster == {"Ragnhild Sunde": ("Sunde Bygg", "leiar"), "Åse Marie Hjelmeland": ("Hjelmeland AS", "referent")}
    assert _who(table)["Leiaren foreslo ein felles jobbmesse i september."] == ("Ragnhild Sunde",)


def test_municipal_protocol_headings(tmp_path):
    path = _written(tmp_path, "2025-03-01-formannskap.txt", "Formannskapet 1. mars 2025\n\nFaste medlemmer som møtte:\n"
                    "Leder Anne-Grete Solberg (Ap)\nBjørn Are Kvam (H)\nForfall:\nHans Petter Ruud (Sp)\n"
                    "Varamedlemmer som møtte:\nEva Lie (Sp)\nSekretær: Lise Holm\n\nSak 1 Budsjett\n"
                    "Lederen påpekte at fristen er kort.\n")
    roster = {a.name: (a.absent, a.role) for a in parse_file(path).meeting.attendees}
    assert roster["Anne-Grete Solberg"] == (False, "Leder") and roster["Bjørn Are Kvam"][0] is False
    assert roster["Hans Petter Ruud"][0] is True and roster["Eva Lie"][0] is False
    assert roster["Lise Holm"] == (False, "referent")
    assert not any("som" in name.split() for name in roster)  # no "Varamedlemmer som" person
    assert _who(path)["Lederen påpekte at fristen er kort."] == ("Anne-Grete Solberg",)


def test_danish_reporting_verbs_open_a_turn(tmp_path):
    path = _written(tmp_path, "2025-03-01-bestyrelse.txt", "Bestyrelsesmøde 1. marts 2025\n\nDeltagere: Jens Holm, "
                    "Line Ørum, Anders Søndergaard (formand), Pia Holm\n\nAd 1) Budget\nJens Holm fremlagde budgettet.\n"
                    "Line Ørum takkede for orienteringen.\nFormanden understregede fristen.\nPia Holm tilføjede, at "
                    "kassen er tom.\n")
    who = _who(path)
    assert who["Line Ørum takkede for orienteringen."] == ("Line Ørum",)
    assert who["Formanden understregede fristen."] == ("Anders Søndergaard",)
    assert who["Pia Holm tilføjede, at kassen er tom."] == ("Pia Holm",)


def test_an_organisation_v_a_person_is_that_person(tmp_path):
    path = _written(tmp_path, "2025-03-01-nettverk.txt", "Nettverksmøte 1. mars 2025\n\nTil stede: Kari Nordmo "
                    "(Nordmo Regnskap AS), Hilde Sæther (Vestby kommune), Tor Nilsen (Vestby Rør AS)\n\n"
                    "Sak 1 Runde rundt bordet\nNordmo Regnskap flytter til nye lokaler i mai (KN).\n"
                    "Kommunen v/ Hilde informerte om nytt næringsfond.\nVestby Rør v/ Tor Nilsen merker at markedet "
                    "er tregt.\nAnsvar: KN, frist 1. mai\n")
    who = _who(path)
    assert who["Kommunen v/ Hilde informerte om nytt næringsfond."] == ("Hilde Sæther",)
    assert who["Vestby Rør v/ Tor Nilsen merker at markedet er tregt."] == ("Tor Nilsen",)
    assert who["Ansvar: KN, frist 1. mai"] == ("Kari Nordmo",)


def test_an_absent_members_sentence_ends_the_turn_before_it(tmp_path):
    """ "Birthe Aagaard hadde sendt innspill": not Jens Holm's words, and not Birthe's turn either (absent)."""
    path = _written(tmp_path, "2025-03-01-styremote.txt", "Styremøte 1. mars 2025\n\nTil stede: Jens Holm, Line Ørum\n"
                    "Forfall: Birthe Aagaard\n\nSak 1 Budsjett\nJens Holm la fram budsjettet.\nBirthe Aagaard hadde "
                    "på forhånd sendt innspill om vedlikehold.\n")
    who = _who(path)
    assert who["Jens Holm la fram budsjettet."] == ("Jens Holm",)
    assert who["Birthe Aagaard hadde på forhånd sendt innspill om vedlikehold."] == ()


def test_a_turn_by_a_first_name_goes_to_the_present_member_of_that_name(tmp_path):
    path = _written(tmp_path, "2025-03-01-sameie.txt", "Styremøte 1. mars 2025\n\nTil stede: Hege Sørlie, Arvid Lothe\n"
                    "Forfall: Hege Rønning\n\nSak 1 Fasade\nHege: Vi bør ha et beboermøte først.\n")
    resolved = PeopleRegistry().resolve(parse_file(path))
    turn = next(p for p in resolved.passages if p.speaker_label == "Hege")
    assert (turn.person_id, turn.ambiguous) == ("hege-sorlie", False)


def test_a_name_and_firm_per_line_is_one_person(tmp_path):
    """ "Kari Nordmo, Nordmo Regnskap AS" on a line of its own: one member and her firm; two names on a
    line ("Per Hansen, Ola Dunk") stay two people."""
    path = _written(tmp_path, "2025-03-01-nettverk.txt", "Nettverksmøte 1. mars 2025\n\nTil stede:\nKari Nordmo, "
                    "Nordmo Regnskap AS\nKjell-Arne Øvrebø, Øvrebø Eiendom\nPer Hansen, Ola Dunk\n\n"
                    "Forfall: Morten Haug, Haug Transport AS\n\nSak 1 Runde\nKari Nordmo orienterte om flyttingen.\n")
    roster = {a.name: a.organisation for a in parse_file(path).meeting.attendees}
    assert roster == {"Kari Nordmo": "Nordmo Regnskap AS", "Kjell-Arne Øvrebø": "Øvrebø Eiendom",
                      "Per Hansen": None, "Ola Dunk": None, "Morten Haug": "Haug Transport AS"}


def test_the_proposer_and_the_seconder_own_their_lines(tmp_path):
    path = _written(tmp_path, "2025-03-01-council.txt", "Parish council meeting, 1 March 2025\n\nPresent: Cllr Aisha "
                    "Rahman, Cllr Tom Whitfield, Cllr David Pryce\n\n1. Finance\nCllr Pryce reported that the precept "
                    "had been set.\nProposed: Cllr Rahman\nSeconded: Cllr Whitfield\n\n2. Grants\nIt was resolved to "
                    "award the grant. Proposed by Cllr Rahman, seconded by Cllr Whitfield.\n")
    who = _who(path)
    assert who["Cllr Pryce reported that the precept had been set."] == ("David Pryce",)
    assert who["Proposed: Cllr Rahman"] == ("Aisha Rahman",) and who["Seconded: Cllr Whitfield"] == ("Tom Whitfield",)
    assert who["Proposed by Cllr Rahman, seconded by Cllr Whitfield."] == ("Aisha Rahman", "Tom Whitfield")


def test_case_numbered_items_are_the_agenda(tmp_path):
    """ "PS 21/25 …" (a municipal protocol, with its overview list first) and "25/01 …" (a parish council)."""
    kommune = _written(tmp_path, "2025-03-01-kommunestyre.txt", "Kommunestyret 1. mars 2025\n\nSaksliste:\n"
                       "PS 21/25 Skolestruktur\nPS 22/25 Eventuelt\n\nPS 21/25 Skolestruktur\n\nOrdføreren orienterte.\n"
                       "\nPS 22/25 Eventuelt\n\nIngen saker.\n")
    items = [(a.number, a.title) for a in parse_file(kommune).meeting.agenda]
    assert items == [("21/25", "Skolestruktur"), ("22/25", "Eventuelt")]
    parish = _written(tmp_path, "2025-03-01-parish.txt", "Parish council, 1 March 2025\n\nPresent: Cllr Ann Hart\n\n"
                      "25/01 Public participation\nNo members of the public were present.\n25/02 Finance\n"
                      "Cllr Hart reported on the accounts.\n")
    assert [a.number for a in parse_file(parish).meeting.agenda] == ["25/01", "25/02"]


def test_a_double_first_name_without_the_surname_is_that_member(tmp_path):
    path = _written(tmp_path, "2025-03-01-sameie.txt", "Styremøte 1. mars 2025\n\nTil stede: Pål Ståle Dybvik, "
                    "Hege Sørlie\n\nSak 1 Vei\nPål Ståle mente at veien må asfalteres.\n")
    assert _who(path)["Pål Ståle mente at veien må asfalteres."] == ("Pål Ståle Dybvik",)


def test_an_initial_with_a_full_stop_stays_in_the_name(tmp_path):
    path = _written(tmp_path, "2025-03-01-council.txt", "Parish council, 1 March 2025\n\nPresent: Cllr J. Hartley "
                    "(Chairman), Cllr P. O'Neill\nApologies for absence were received from Cllr L. Moreau.\n\n"
                    "1. Finance\nCllr O'Neill reported that the precept had been set.\n")
    roster = {a.name: a.absent for a in parse_file(path).meeting.attendees}
    assert roster == {"J. Hartley": False, "P. O'Neill": False, "L. Moreau": True}


def test_decision_and_owner_lines_after_a_turn_are_not_the_speakers(tmp_path):
    """After "Hege: …", "**Vedtak:** …" is the meeting's and "**Ansvar:** PSD kontakter …" names PSD; a
    seconder two members could be ("Cllr Mrs Hartley") is left undecided, not given to the line before."""
    path = _written(tmp_path, "2025-05-12-styre.md", "# Styremøte 12.05.2025\n\nTil stede: Pål Ståle Dybvik, Hege "
                    "Sørlie\n\n## Sak 14/25 Fasade\nHege: Vi bør ha et beboermøte først.\n**Vedtak:** Styret går "
                    "videre med laveste anbud.\n**Ansvar:** PSD kontakter entreprenøren innen 1. juni.\n")
    who = _who(path)
    assert who["Vi bør ha et beboermøte først."] == ()  # the turn's speaker is its label, resolved later
    assert who["**Vedtak:** Styret går videre med laveste anbud."] == ("Pål Ståle Dybvik",)  # the task's owner
    turn = next(p for p in parse_file(path).passages if p.speaker_label == "Hege")
    assert "Vedtak" not in turn.text
    parish = _written(tmp_path, "2025-01-15-parish.txt", "Parish council, 15 January 2025\n\nPresent: Cllr J. "
                      "Hartley (Chairman), Cllr Mrs S. Hartley, Cllr R. Bhatt-Jones\n\n1. Finance\nCllr Bhatt-Jones "
                      "reported on the precept.\nSeconded: Cllr Mrs Hartley\n")
    second = next(p for p in parse_file(parish).passages if p.text.startswith("Seconded"))
    assert second.actors == () and set(second.candidates) == {"J. Hartley", "S. Hartley"}


def test_the_mayor_in_nynorsk(tmp_path):
    path = _written(tmp_path, "2025-03-14-formannskap.txt", "Formannskapet 14. mars 2025\n\nTil stede: Ingrid Berge, "
                    "ordførar (Sp), Nils Vågen (SV)\n\nSak 1 Budsjett\nNils Vågen la fram budsjettet.\nOrdføraren "
                    "gjorde merksam på at fristen er kort.\n")
    assert _who(path)["Ordføraren gjorde merksam på at fristen er kort."] == ("Ingrid Berge",)


def test_initials_a_second_letter_tells_apart(tmp_path):
    """ "Sigurd Hovland (SH)" and "Sindre Hovland (SiH)": "SH" is Sigurd's, "SiH" Sindre's, never a stranger."""
    path = _written(tmp_path, "2025-02-01-styremote.txt", "Styremøte 1. februar 2025\n\nTil stades: Sigurd Hovland "
                    "(SH), Sindre Hovland (SiH), Astrid Solheim (AS)\n\nSak 1 Kurs\nAstrid Solheim orienterte om "
                    "kurset.\n\nAnsvar: SH tek kontakt med kommunen.\n\nAnsvar: AS og SiH\n")
    who = _who(path)
    assert who["Ansvar: SH tek kontakt med kommunen."] == ("Sigurd Hovland",)
    assert who["Ansvar: AS og SiH"] == ("Astrid Solheim", "Sindre Hovland")
