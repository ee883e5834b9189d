"""bench/synth.py writes minutes in the seed's layout, and a question set that matches them."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]
WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]
SPEAKER = re.compile(r"^([A-ZÆØÅ][\w-]*) fra ([^:]+):$")


def _load_synth():
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["synth"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    stats = _load_synth().generate(3, out, seed=11)
    return out, stats


def _files(out: Path) -> list[Path]:
    return sorted(out.glob("*-naeringssamarbeidet.txt"))


def _attendees(lines: list[str]) -> list[tuple[str, str]]:
    start = lines.index("NAVN\tKOMMUNE / REGION")
    rows = []
    for ln in lines[start + 1:]:
        if not ln.strip():
            break
        name, org = ln.split("\t")
        rows.append((name, org))
    return rows


def test_files_and_dates(archive):
    out, stats = archive
    files = _files(out)
    assert len(files) == 3 and stats["meetings"] == 3
    assert (out / "questions.jsonl").exists()
    dates = []
    for f in files:
        m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)-naeringssamarbeidet\.txt", f.name)
        assert m, f.name
        d = dt.date(*map(int, m.groups()))
        dates.append(d)
        lines = f.read_text(encoding="utf-8").splitlines()
        dato = next(ln for ln in lines if ln.startswith("Dato: "))
        written = dt.datetime.strptime(dato[6:], "%d.%m.%y").date()
        assert 0 < (written - d).days <= 10
        tid = f"Tid: {WEEKDAYS[d.weekday()]} {d.day}. {MONTHS[d.month - 1]} kl. 0900-1100"
        assert tid in lines
        assert "Referat møte i Osloregionens faggruppe Nærings samarbeidet" in lines
    assert max(dates) < dt.date(2022, 1, 1)
    gaps = [(b - a).days for a, b in zip(dates, dates[1:])]
    assert all(14 <= g <= 42 for g in gaps), gaps


def test_layout(archive):
    out, _ = archive
    for f in _files(out):
        lines = f.read_text(encoding="utf-8").splitlines()
        rows = _attendees(lines)
        assert len(rows) >= 12
        assert rows[0][0].endswith(" (møteleder)")
        assert all(name and org for name, org in rows)
        i = lines.index("Fra sekretariatet møtte:")
        assert next(ln for ln in lines[i + 1:] if ln.strip()).count(",") >= 1
        assert lines.index("Saksliste") > i
        numbers = [int(m[1]) for ln in lines if (m := re.match(r"^Sak (\d+)\. \S", ln))]
        assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 5
        assert lines[lines.index("Sak 3. Runden rundt bordet (max 3 min. per pers)") + 2].endswith(":")
        assert any(ln.startswith("- ") for ln in lines)


def test_speakers_are_attendees(archive):
    out, _ = archive
    for f in _files(out):
        lines = f.read_text(encoding="utf-8").splitlines()
        rows = [(name.replace(" (møteleder)", ""), org) for name, org in _attendees(lines)]
        labels = [m for ln in lines if (m := SPEAKER.match(ln))]
        assert len(labels) >= 15
        for m in labels:
            first, region = m[1], m[2]
            who = [n for n, org in rows if n.split()[0] == first and region in org]
            assert len(who) == 1, (f.name, m[0], who)
            assert lines[lines.index(m[0]) + 2].strip(), m[0]


def test_deterministic(archive, tmp_path):
    out, _ = archive
    _load_synth().generate(3, tmp_path, seed=11)
    for f in _files(out) + [out / "questions.jsonl"]:
        assert (tmp_path / f.name).read_bytes() == f.read_bytes()


def test_questions_match_the_archive(archive):
    out, _ = archive
    texts = {f: f.read_text(encoding="utf-8") for f in _files(out)}
    qs = [json.loads(ln) for ln in (out / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    fields = {"id", "question", "lang", "who", "paraphrase", "answer_contains", "agenda_number", "speaker"}
    assert len(qs) >= 20 and all(set(q) == fields for q in qs)
    assert {q["lang"] for q in qs} == {"no", "en"}
    assert any(q["paraphrase"] for q in qs) and any(q["answer_contains"] is None for q in qs)
    for q in qs:
        if q["answer_contains"] is None:
            assert q["speaker"] is None
            continue
        where = [(f, t) for f, t in texts.items() if q["answer_contains"] in t]
        assert len(where) == 1 and where[0][1].count(q["answer_contains"]) == 1, q["id"]
        lines = where[0][1].splitlines()
        names = [name.replace(" (møteleder)", "") for name, _ in _attendees(lines)]
        assert q["speaker"] in names, q["id"]
        at = next(k for k, ln in enumerate(lines) if q["answer_contains"] in ln)
        label = next(SPEAKER.match(ln) for ln in reversed(lines[:at]) if SPEAKER.match(ln))
        assert q["speaker"].split()[0] == label[1], q["id"]


def test_the_parser_reads_every_file(archive):
    from askbot.minutes import parse_file

    out, _ = archive
    for f in _files(out):
        parsed = parse_file(f)
        assert len(parsed.passages) >= 20, f.name
        assert [a.number for a in parsed.meeting.agenda][:3] == ["1", "2", "3"]
        assert len(parsed.meeting.attendees) >= 12
        labelled = [p for p in parsed.passages if p.speaker_label and not p.speaker_label.startswith("Gruppe")
                    and p.how == "turn"]
        assert len(labelled) >= 15
        assert all(SPEAKER.match(p.speaker_label + ":") for p in labelled)
        reported = [p for p in parsed.passages if p.how == "reported"]  # "Sindre orienterte …"; two Sindres: ambiguous
        assert all(len(p.actors) == 1 or (p.ambiguous and len(p.candidates) >= 2) for p in reported)
