"""Find a meeting's date in its front matter, text or file name (Norwegian, Danish, English)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from askbot.types import Document

MONTHS = {
    "jan": 1, "januar": 1, "january": 1, "feb": 2, "februar": 2, "february": 2,
    "mar": 3, "mars": 3, "marts": 3, "march": 3, "apr": 4, "april": 4,
    "mai": 5, "maj": 5, "may": 5, "jun": 6, "juni": 6, "june": 6, "jul": 7, "juli": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "okt": 10, "oct": 10, "oktober": 10, "october": 10, "nov": 11, "november": 11,
    "des": 12, "dec": 12, "desember": 12, "december": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})(?![\d.]\d)")
_DAY_MONTH = re.compile(rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?({_MONTH})\b\.?,?(?:\s+(\d{{4}}))?", re.I)
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")

# "Tid: Fredag 14. januar kl. 0900-1100", "Møtedato: 05.03.2024", "held ... on Wednesday 8 August 2012"
_MEETING_LABEL = re.compile(
    r"^\W*(tid|tidspunkt|møtetid|møtedato|mødedato|mødetid|dato for møtet|meeting date|date of meeting|time)\W*[:\s]",
    re.I)
_HELD = re.compile(r"\b(held|holdt|avholdt|afholdt|afviklet)\b.*\b(on|den|på)\b", re.I)
_INLINE_LABEL = re.compile(r"\b(tid|møtetid|møtedato|mødedato|dato|date|time)\s*:\s*", re.I)
# a date that is not this meeting's: the previous minutes, the next meeting, a deadline
_OTHER = re.compile(r"((?:the|adopt|approve|receive|confirm)\s+(?:the\s+)?minutes\s+(?:of|from)|"
                    r"(?:godkjenning av|godkjenne|godkende|godkendelse af)\s+referat|previous|forrige|"
                    r"førre|sidste|last meeting|next meeting|neste møte|næste møde|neste styremøte|følgende møte|"
                    r"innen|frist|deadline|by\s*$|until|før|approve|godkjenn|godkend)[^.]{0,60}$", re.I)
_WRITTEN_LABEL = re.compile(r"^\W*(dato|date|dateret)\W*:", re.I)
_TITLE = re.compile(r"^(#|\W*(referat|møtereferat|mødereferat|protokoll|minutes|notes)\b)", re.I)


def parse_date(text: str, default_year: int | None = None) -> tuple[dt.date | None, bool]:
    """The first date in `text` → (date, year_was_given). A day+month without year uses default_year."""
    found: list[tuple[int, dt.date | None, bool]] = []
    for m in _ISO.finditer(text):
        found.append((m.start(), _mk(int(m[1]), int(m[2]), int(m[3])), True))
    for m in _NUMERIC.finditer(text):
        year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
        found.append((m.start(), _mk(year, int(m[2]), int(m[1])), True))
    for m in _DAY_MONTH.finditer(text):
        year = int(m[3]) if m[3] else default_year
        found.append((m.start(), _mk(year, MONTHS[m[2].lower()], int(m[1])) if year else None, bool(m[3])))
    for m in _MONTH_DAY.finditer(text):
        found.append((m.start(), _mk(int(m[3]), MONTHS[m[1].lower()], int(m[2])), True))
    found = sorted((f for f in found if f[1] is not None), key=lambda f: f[0])
    return (found[0][1], found[0][2]) if found else (None, False)


def _mk(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return parse_date(str(value))[0] if value is not None else None


def file_date(path: str) -> dt.date | None:
    """YYYY-MM-DD anywhere in the file name."""
    m = _ISO.search(Path(path).name)
    return _mk(int(m[1]), int(m[2]), int(m[3])) if m else None


def meeting_date(doc: Document, head: int = 60) -> tuple[dt.date | None, str]:
    """(date, where it came from). Preference: the meeting-time line, front matter `date`,
    a dated title line, a `Dato:` line, the file name. A day without a year takes the year from
    the file name, front matter or another date in the document."""
    lines = [ln for ln in doc.lines if ln.text.strip()][:head]
    from_file = file_date(doc.path)
    meta = next((_as_date(doc.metadata[k]) for k in ("meeting_date", "date") if k in doc.metadata), None)
    written = next((d for ln in lines if _WRITTEN_LABEL.match(ln.text)
                    for d, had in [parse_date(ln.text)] if d and had), None)
    year = (from_file or meta or written).year if (from_file or meta or written) else _first_year(lines)
    for k, ln in enumerate(lines):
        text = ln.text.replace("*", "").replace("_", " ")
        inline = _INLINE_LABEL.search(text[:600]) if len(text) > 200 else None
        if inline:  # a collapsed transcript: "… Tid: Onsdag 2006-03-22 kl. 17:30 …"
            text = text[inline.start():inline.start() + 80]
        held = _HELD.search(text)
        if held and (k > 15 or _OTHER.search(text[:held.start()])):
            held = None  # "… to adopt the minutes of the meeting held on 13 November": not this meeting
        if _MEETING_LABEL.match(text) or held or inline:
            date, had_year = parse_date(text, year)
            if date and not had_year and not (from_file or meta) and written and date > written:
                date = _mk(date.year - 1, date.month, date.day) or date  # minutes written after New Year
            if date:
                return date, f"line {ln.number}" + ("" if had_year else f" (year {date.year} inferred)")
    if meta:
        return meta, "front matter"
    for pattern in (_TITLE, _WRITTEN_LABEL):
        for ln in lines:
            if pattern.match(ln.text):
                date, had_year = parse_date(ln.text)
                if date and had_year:
                    return date, f"line {ln.number}"
    for ln in lines[:6]:  # "Bestyrelsesmøde 7.02.2023", "Selectmen’s Minutes, November 16, 2017"
        date, had_year = parse_date(ln.text)
        if date and had_year and not _OTHER.search(ln.text[:ln.text.find(str(date.year))]):
            if from_file and from_file != date:
                break
            return date, f"line {ln.number}"
    if from_file:
        return from_file, "file name"
    return None, ""


def _first_year(lines) -> int | None:
    for ln in lines:
        date, had_year = parse_date(ln.text)
        if date and had_year:
            return date.year
    for ln in lines:
        m = _YEAR.search(ln.text)
        if m:
            return int(m[1])
    return None
