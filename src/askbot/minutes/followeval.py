"""Score the follow-up extractor against a hand-annotated set (tests/eval/followups.jsonl).

Each row: {"file", "meeting", "line", "kind", "owners", "due", "due_text", "text"}, annotated by reading
the file. A record matches a row when it comes from the same meeting and one text contains the other
(whitespace-normalised); each record matches at most one row. Figures:
- found: rows matched by a record (any kind); kind: matched rows whose kind is right;
- precision: records matched / records extracted from the annotated files;
- owner precision: of matched records that name an owner, those naming exactly the annotated owners;
- owner recall: of rows with an owner, those matched by a record naming exactly those owners;
- due: of rows with a due date or phrase, those whose record has that date (or, without one, the phrase).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from askbot.errors import AskbotError
from askbot.types import FollowUp

from .followups import extract
from .parse import parse_file
from .readers import read_document


class AnnotationError(AskbotError):
    """A follow-up annotation row that cannot be read (file and line named)."""


def load(path: Path) -> list[dict]:
    rows = []
    for no, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            row = json.loads(raw)
            row["owners"], row["text"] = tuple(row.get("owners") or ()), row["text"]
            row["due"] = dt.date.fromisoformat(row["due"]) if row.get("due") else None
        except (ValueError, KeyError, TypeError) as exc:
            raise AnnotationError(f"{path}:{no}: not a follow-up annotation ({exc})") from exc
        rows.append(row)
    return rows


def _resolve(name: str, base: Path) -> Path:
    for root in (Path.cwd(), *base.resolve().parents):
        if (root / name).is_file():
            return root / name
    raise AnnotationError(f"{base}: annotated file {name} not found")


def records_for(rows: list[dict], base: Path) -> list[FollowUp]:
    """Extract from every file the set names; names known across all of them (as `askbot followups`)."""
    files = [_resolve(f, base) for f in dict.fromkeys(r["file"] for r in rows)]
    pms = [(parse_file(f), read_document(f)) for f in files]
    known = tuple({a.name for pm, _ in pms for a in pm.meeting.attendees if a.kind == "person"})
    return [r for pm, doc in pms for r in extract(pm, known, doc)]


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().casefold()


def match(rows: list[dict], records: list[FollowUp]) -> dict[int, FollowUp]:
    """Row index → the record that extracts it (longest shared text first)."""
    pairs = []
    for i, row in enumerate(rows):
        a = _norm(row["text"])
        for j, r in enumerate(records):
            b = _norm(r.text)
            if r.meeting_id == row["meeting"] and min(len(a), len(b)) >= 6 and (a in b or b in a):
                pairs.append((-min(len(a), len(b)), abs(r.line - row["line"]), i, j))
    out, used = {}, set()
    for _, _, i, j in sorted(pairs):
        if i not in out and j not in used:
            out[i] = records[j]
            used.add(j)
    return out


def score(rows: list[dict], records: list[FollowUp]) -> dict:
    got = match(rows, records)
    annotated = {r["meeting"] for r in rows}
    extracted = [r for r in records if r.meeting_id in annotated]
    claimed = [i for i, r in got.items() if r.owners and r.owner_kind != "ambiguous"]
    right = [i for i in claimed if set(got[i].owners) == set(rows[i]["owners"])]
    owned = [i for i, row in enumerate(rows) if row["owners"]]
    dues = [i for i, row in enumerate(rows) if row["due"] or row.get("due_text")]
    due_ok = [i for i in dues if i in got and (got[i].due == rows[i]["due"] if rows[i]["due"] else
                                               _norm(rows[i]["due_text"]) in _norm(got[i].due_text or ""))]
    wrong = [f"{rows[i]['meeting']}:{rows[i]['line']} owner {list(got[i].owners)} != {list(rows[i]['owners'])}"
             for i in claimed if i not in right]
    missed = [f"{rows[i]['meeting']}:{rows[i]['line']} not found: {rows[i]['text'][:60]}"
              for i in range(len(rows)) if i not in got]

    def ratio(a, b):
        return round(len(a) / len(b), 3) if b else None

    return {"n": len(rows), "with_owner": len(owned), "with_due": len(dues), "found": ratio(got, rows),
            "kind": ratio([i for i in got if got[i].kind == rows[i]["kind"]], rows),
            "precision": ratio(got, extracted), "extracted": len(extracted),
            "owner_precision": ratio(right, claimed), "owner_recall": ratio([i for i in owned if i in right], owned),
            "due": ratio(due_ok, dues), "wrong": wrong, "missed": missed}


def evaluate(path: Path) -> dict:
    rows = load(path)
    return score(rows, records_for(rows, Path(path)))
