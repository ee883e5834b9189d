"""readers: .txt/.md/.docx/.pdf → numbered, cleaned lines; clear errors naming the file."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from askbot.errors import ParseError
from askbot.minutes import parse_minutes, read_document

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "minutes" / "2022-01-14-naeringssamarbeidet.txt"
SAMPLES = REPO / "tests" / "minutes" / "samples"

MINUTES_LINES = [
    "Referat møte i Osloregionens faggruppe Næringssamarbeidet",
    "Tid: Fredag 11. mars kl. 0900-1100",
    "Frammøtte:",
    "NAVN\tKOMMUNE / REGION",
    "Dag Aanensen\tAsker kommune",
    "Eli Arnkværn Bryhni (møteleder)\tHamarregionen utvikling",
    "Sak 1. Godkjenning av innkalling",
    "Godkjent",
    "Sak 2. Hydrogen og batterier",
    "Dag fra Asker:",
    "Asker utreder en fyllestasjon for hydrogen ved Slemmestad.",
    "Eli - Hamarregionen",
    "Hamar vil ha en batterifabrikk og trenger flere ingeniører.",
]


def test_seed_lines_keep_their_physical_numbers():
    doc = read_document(SEED)
    raw = SEED.read_text(encoding="utf-8").split("\n")
    assert len(doc.lines) == len(raw)
    for ln in doc.lines:
        assert ln.text == raw[ln.number - 1].rstrip()
    assert doc.metadata == {}


def test_provenance_comments_are_dropped_but_numbering_kept():
    path = SAMPLES / "01_nhn-tillitsrammeverk-featureteam-2024-03-05.txt"
    doc = read_document(path)
    raw = path.read_text(encoding="utf-8").split("\n")
    assert not any(ln.text.startswith(("# source:", "# note:")) for ln in doc.lines)
    assert doc.lines[0].number == 3
    heading = next(ln for ln in doc.lines if ln.text.startswith("# Møtereferat"))
    assert raw[heading.number - 1] == heading.text


def test_front_matter_becomes_metadata():
    doc = read_document(SAMPLES / "03_fordelingsutvalget-ifi-2022-01-18.txt")
    assert doc.metadata["title"] == "Første møte vår 2022"
    assert "cyb, Gyda" in doc.metadata["attending"]
    assert not any(ln.text.strip() == "---" for ln in doc.lines[:3])
    assert doc.lines[0].number > 30  # numbering still refers to the file
    doc12 = read_document(SAMPLES / "12_stoke-ferry-parish-council-2012-08-08.txt")
    assert doc12.metadata["date"] == "2012-08-27"


def test_odd_characters_and_stray_html_are_cleaned(tmp_path):
    f = tmp_path / "2022-03-11-rotete.md"
    text = ("\ufeffLinje\u00a0én\u200b med\u202fmellomrom\r\n"
            "Andre<br>linje<p>med</p> <b>tagger</b>\r"
            "Se: <https://www.halden.kommune.no/new-in-halden/> &amp; mer\n"
            "Soft\u00adhyphen\u2060 og <!-- kommentar -->slutt   \n")
    f.write_bytes(text.encode("utf-8"))
    doc = read_document(f)
    assert [ln.number for ln in doc.lines] == [1, 2, 3, 4, 5]
    assert doc.lines[0].text == "Linje én med mellomrom"
    assert doc.lines[1].text == "Andre linjemed tagger"
    assert doc.lines[2].text == "Se: <https://www.halden.kommune.no/new-in-halden/> & mer"
    assert doc.lines[3].text == "Softhyphen og slutt"


def test_cp1252_text_is_decoded(tmp_path):
    f = tmp_path / "gammel.txt"
    f.write_bytes("Møte i næringsgruppa på Årnes – «godkjent»\n".encode("cp1252"))
    assert read_document(f).lines[0].text == "Møte i næringsgruppa på Årnes – «godkjent»"


def test_bad_yaml_front_matter_names_the_line(tmp_path):
    f = tmp_path / "bad.md"
    f.write_text("---\ntitle: ok\ndate: [2022-01-01\nbody: x\n---\n\nTekst\n", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        read_document(f)
    assert err.value.path == str(f) and err.value.line is not None and 2 <= err.value.line <= 5
    assert "front matter" in str(err.value) and "bad.md" in str(err.value)


def _pdf_without_text(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.rect(100, 100, 200, 200, fill=1)
    c.showPage()
    c.save()


BAD_INPUTS = {
    "empty.txt": b"",
    "blank.md": b"  \n\n\t\n",
    "garbage.txt": bytes(range(256)) * 4,
    "undecodable.txt": b"\x81\x8d\x8f\x90\x9d" * 50,
    "notazip.docx": b"This is not a Word file at all, just text with a .docx name.\n",
    "fake.pdf": b"%PDF-1.4\nthis is not really a pdf\n",
    "minutes.odt": b"PK\x03\x04 some odt",
    "only-front-matter.md": b"---\ntitle: Tomt\n---\n\n",
    "bad-date.md": b"---\ndate: 2022-13-45\n---\nTekst\n",
    "list-front-matter.md": b"---\n- a\n- b\n---\nTekst\n",
}


@pytest.mark.parametrize("name", [*BAD_INPUTS, "notext.pdf", "truncated.docx"])
def test_bad_inputs_raise_parse_error_naming_the_file(tmp_path, name):
    f = tmp_path / name
    if name == "notext.pdf":
        _pdf_without_text(f)
    elif name == "truncated.docx":
        with zipfile.ZipFile(f, "w") as z:
            z.writestr("hello.txt", "a zip, but no Word document inside")
    else:
        f.write_bytes(BAD_INPUTS[name])
    with pytest.raises(ParseError) as err:
        read_document(f)
    assert err.value.path == str(f)
    assert name in str(err.value)


def test_docx_round_trip(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading(MINUTES_LINES[0], level=1)
    d.add_paragraph(MINUTES_LINES[1])
    d.add_paragraph(MINUTES_LINES[2])
    table = d.add_table(rows=0, cols=2)
    for row in MINUTES_LINES[3:6]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = row.split("\t")
    for text in MINUTES_LINES[6:]:
        d.add_paragraph(text)
    path = tmp_path / "2022-03-11-fra-word.docx"
    d.save(path)

    doc = read_document(path)
    texts = [ln.text for ln in doc.lines]
    assert texts[0] == "# " + MINUTES_LINES[0]
    assert texts[1:] == MINUTES_LINES[1:]
    assert [ln.number for ln in doc.lines] == list(range(1, len(texts) + 1))

    parsed = parse_minutes(doc)
    assert parsed.meeting.date.isoformat() == "2022-03-11"
    assert [a.name for a in parsed.meeting.attendees] == ["Dag Aanensen", "Eli Arnkværn Bryhni"]
    assert [(i.number, i.title) for i in parsed.meeting.agenda] == [
        ("1", "Godkjenning av innkalling"), ("2", "Hydrogen og batterier")]
    turns = {p.speaker_label: p for p in parsed.passages}
    assert turns["Dag fra Asker"].text == MINUTES_LINES[10]
    assert turns["Eli - Hamarregionen"].line_start == texts.index(MINUTES_LINES[12]) + 1


def test_pdf_round_trip_numbers_lines_by_page(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "2022-03-11-referat.pdf"
    c = canvas.Canvas(str(path))
    for lines in (MINUTES_LINES[:8], MINUTES_LINES[8:]):
        y = 800
        for text in lines:
            left, _, right = text.partition("\t")  # table rows drawn as two columns
            c.drawString(50, y, left)
            if right:
                c.drawString(300, y, right)
            y -= 20
        c.showPage()
    c.save()

    doc = read_document(path)
    numbers = {ln.number: " ".join(ln.text.split()) for ln in doc.lines}
    assert numbers[1001] == MINUTES_LINES[0]
    assert numbers[1002] == MINUTES_LINES[1]
    assert numbers[2001] == MINUTES_LINES[8]
    assert all(n // 1000 in (1, 2) for n in numbers)

    parsed = parse_minutes(doc)
    assert parsed.meeting.id == "2022-03-11-referat"
    assert parsed.meeting.date.isoformat() == "2022-03-11"
    assert [(a.name, a.organisation) for a in parsed.meeting.attendees] == [
        ("Dag Aanensen", "Asker kommune"), ("Eli Arnkværn Bryhni", "Hamarregionen utvikling")]
    assert [i.number for i in parsed.meeting.agenda] == ["1", "2"]
    dag = next(p for p in parsed.passages if p.speaker_label == "Dag fra Asker")
    assert dag.line_start == 2003 and dag.text == MINUTES_LINES[10]
    eli = next(p for p in parsed.passages if p.speaker_label == "Eli - Hamarregionen")
    assert eli.line_start == 2005 and eli.text == MINUTES_LINES[12]
    assert dag.id == f"2022-03-11-referat.{parsed.passages.index(dag) + 1:03d}"


OWN_MEETING = REPO / "tests" / "minutes" / "own" / "2022-09-16-naeringssamarbeidet.txt"


def _structure(parsed, normalise=False):
    def norm(text):
        return " ".join(text.split()) if normalise else text

    m = parsed.meeting
    return (m.id, m.date, m.title, [(i.number, i.title) for i in m.agenda], m.attendees,
            [(p.agenda_number, p.speaker_label, norm(p.text)) for p in parsed.passages])


def test_own_meeting_as_docx_parses_like_the_text_file(tmp_path):
    import docx

    lines = OWN_MEETING.read_text(encoding="utf-8").split("\n")
    d = docx.Document()
    table = None
    for text in lines:
        if "\t" in text:
            table = table or d.add_table(rows=0, cols=2)
            table.add_row().cells[0].text, table.rows[-1].cells[1].text = text.split("\t")
            continue
        table = None
        d.add_paragraph(text)
    path = tmp_path / OWN_MEETING.with_suffix(".docx").name
    d.save(path)
    from_docx, from_txt = parse_minutes(read_document(path)), parse_minutes(read_document(OWN_MEETING))
    assert _structure(from_docx) == _structure(from_txt)
    assert [(p.line_start, p.line_end) for p in from_docx.passages] == [
        (p.line_start, p.line_end) for p in from_txt.passages]


def test_own_meeting_as_pdf_parses_like_the_text_file(tmp_path):
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    path = tmp_path / OWN_MEETING.with_suffix(".pdf").name
    width, height = landscape(A4)
    c = canvas.Canvas(str(path), pagesize=(width, height))
    c.setFont("Helvetica", 7)
    y = height - 30
    for text in OWN_MEETING.read_text(encoding="utf-8").split("\n"):
        if y < 30:
            c.showPage()
            c.setFont("Helvetica", 7)
            y = height - 30
        left, _, right = text.partition("\t")
        c.drawString(30, y, left)
        if right:
            c.drawString(300, y, right)
        y -= 10
    c.showPage()
    c.save()
    doc = read_document(path)
    assert {ln.number // 1000 for ln in doc.lines} == {1, 2}
    from_pdf, from_txt = parse_minutes(doc), parse_minutes(read_document(OWN_MEETING))
    assert _structure(from_pdf, normalise=True) == _structure(from_txt, normalise=True)
