"""Organisation labels are consistent (issue 12): the secretariat has one spelling however the minutes
write it, and a person's header shows their current organisation. Real minutes files, parsed and resolved."""

from __future__ import annotations

from conftest import OWN_DIR, PEOPLE_FILE, REPO, SEED_DIR

from askbot.index import minutes_files
from askbot.minutes import parse_file
from askbot.people import resolve_all

LAYOUTS = REPO / "tests" / "minutes" / "layouts"


def test_the_secretariat_has_one_spelling_in_attendees_people_and_passages():
    files = [*minutes_files(SEED_DIR), *minutes_files(OWN_DIR), *minutes_files(LAYOUTS)]
    parsed, people = resolve_all([parse_file(f) for f in files], PEOPLE_FILE)
    orgs = {a.organisation for r in parsed for a in r.meeting.attendees} | \
        {p.organisation for r in parsed for p in r.passages} | {p.organisation for p in people}
    staff = {o for o in orgs if o and ("sekretar" in o.casefold() or "secretar" in o.casefold())}
    assert staff == {"Osloregionen (sekretariatet)"}, staff  # not "Osloregionens sekretariat", "… secretariat"
    jonas = next(p for p in people if p.name == "Jonas Tveit")
    assert jonas.organisation == "Osloregionen (sekretariatet)"


def test_a_persons_header_shows_their_current_organisation():
    from bot.render import answer_blocks

    ans = {"kind": "people", "language": "no", "text": "", "people": [
        {"name": "Anna Gyüre-Szamosi", "organisation": "Søndre Viken", "current_organisation": "Fredrikstad kommune",
         "citations": [{"passage_id": "x.001", "quote": "q", "meeting": {"date": "2022-01-14"},
                        "agenda_item": {"number": "3", "title": "Runden"},
                        "speaker": {"name": "Anna Gyüre-Szamosi", "organisation": "Søndre Viken"}}]}]}
    blocks, _ = answer_blocks(ans)
    header = "".join(t for _, t in blocks[0])
    assert header.startswith("1. Anna Gyüre-Szamosi, Fredrikstad kommune")
    assert "(Søndre Viken)" in "".join(t for b in blocks for _, t in b)  # the citation keeps the org of then
