"""Bounded mutation fuzz of the readers (issue 10, item 2): 300 mutated files per reader (.pdf, .docx,
.txt, .md), deterministic seeds, each read in a real subprocess limited to 500 MB of address space
and 10 s per file; every file must parse or fail as a ParseError naming it."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from test_hardening_readers import MEMORY_LIMIT, read_in_child

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "data" / "minutes" / "2022-01-14-naeringssamarbeidet.txt"
MARKDOWN = REPO / "tests" / "minutes" / "layouts" / "2023-04-21-naeringssamarbeidet.md"
PER_READER = 300


def _seed_lines() -> list[str]:
    return SEED.read_text(encoding="utf-8").splitlines()[:80]


def seed_pdf(compress: bool) -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pageCompression=int(compress))
    y = 800
    for line in _seed_lines():
        if y < 60:
            c.showPage()
            y = 800
        c.drawString(50, y, line[:90])
        y -= 14
    c.save()
    return buf.getvalue()


def seed_docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_heading("Referat", level=1)
    for line in _seed_lines():
        d.add_paragraph(line, style="List Bullet" if line.startswith("-") else None)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Dag Aanensen", "Asker kommune"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to eight byte-level edits: flips, random bytes, inserts, deletes, duplicated runs, truncation."""
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op, i = rng.randrange(6), rng.randrange(max(len(b), 1))
        if op == 0 and b:
            b[i] ^= 1 << rng.randrange(8)
        elif op == 1 and b:
            b[i] = rng.randrange(256)
        elif op == 2:
            b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 3:
            del b[i:i + rng.randint(1, 64)]
        elif op == 4:
            b[i:i] = b[i:i + rng.randint(1, 512)] * rng.randint(2, 20)
        elif op == 5 and rng.random() < 0.3:
            del b[i:]
    return bytes(b)


def mutate_docx_part(data: bytes, rng: random.Random) -> bytes:
    """Mutate one XML part inside an otherwise valid zip, so lxml and python-docx see the damage."""
    src = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in src.namelist() if n.endswith((".xml", ".rels"))]
    victim = "word/document.xml" if rng.random() < 0.6 else rng.choice(names)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            z.writestr(info.filename, mutate(body, rng) if info.filename == victim else body)
    return out.getvalue()


def mutated_files(tmp: Path) -> dict[str, list[Path]]:
    seeds = {
        "pdf": [seed_pdf(False), seed_pdf(True)],
        "docx": [seed_docx()],
        "txt": [SEED.read_bytes()],
        "md": [MARKDOWN.read_bytes()],
    }
    out: dict[str, list[Path]] = {}
    for n, (kind, datas) in enumerate(seeds.items()):
        rng = random.Random(1000 + n)
        paths = []
        for i in range(PER_READER):
            data = rng.choice(datas)
            if kind == "docx" and i % 2:
                data = mutate_docx_part(data, rng)
            else:
                data = mutate(data, rng)
            p = tmp / f"fuzz-{i:03d}.{kind}"
            p.write_bytes(data)
            paths.append(p)
        out[kind] = paths
    return out


@pytest.fixture(scope="module")
def fuzz_files(tmp_path_factory):
    return mutated_files(tmp_path_factory.mktemp("fuzz"))


@pytest.mark.parametrize("kind", ["pdf", "docx", "txt", "md"])
def test_mutated_files_parse_or_fail_clearly(fuzz_files, kind):
    rows, peak = read_in_child(fuzz_files[kind], timeout=240)
    assert len(rows) == PER_READER
    bad = [r for r in rows if r["outcome"] not in ("parsed", "ParseError")
           or (r["outcome"] == "ParseError" and not r["names_file"])]
    assert not bad, bad[:5]
    assert peak < MEMORY_LIMIT
    outcomes = {o: sum(r["outcome"] == o for r in rows) for o in ("parsed", "ParseError")}
    assert outcomes["parsed"] and outcomes["ParseError"], outcomes  # the mutations reach both paths
