"""Attendee lists: tab or markdown tables, bullet lists, comma lists, YAML front matter,
and the "Fra sekretariatet møtte:" line (organisation = the network's secretariat)."""

from __future__ import annotations

import re

from askbot.types import Attendee, Document, Line

_HEAD = re.compile(
    r"^[\s#*_:]*(fram|frem)?(møtte|møtt|til ?stede|deltakere|deltagere|deltok|present|attendees|"
    r"attending|those attending|those present|members present|participants)[\s*_]*(?::[\s*_]*(.*))?$", re.I)
_SECRETARIAT = re.compile(
    r"^[\s#*_]*(fra sekretariatet(?: møtte| deltok)?|sekretariatet?|from the secretariat)[\s*_]*:[\s*_]*(.*)$",
    re.I)
_NAME_COL = re.compile(r"^(navn|name|deltaker|deltager|medlem|member)", re.I)
_ORG_COL = re.compile(r"(kommune|region|organi[sz]a|virksomhed|firma|company|enhet|afdeling|avdeling|"
                      r"representerer|forening|org\b)", re.I)
_INIT_COL = re.compile(r"^(init|initialer|initials)", re.I)
_PRESENT_COL = re.compile(r"^(til ?stede|present|møtt|deltok)", re.I)
ROLES = {
    "møteleder", "leder", "nestleder", "referent", "sekretær", "ordstyrer", "observatør", "gjest",
    "styreleder", "koordinator", "projektleder", "prosjektleder", "chairman", "chair", "chairwoman",
    "vice-chair", "vice chair", "clerk", "secretary", "treasurer", "minute taker", "sekretariat",
    "facilitator", "innleder", "foredragsholder", "mødeleder",
}
_HONORIFIC = re.compile(r"^((borough |county |district )?councillor|cllr|mrs|mr|ms|miss|dr|bc|pcso)\.?\s+", re.I)
_LIST_ITEM = re.compile(r"^\s*[-*•]\s+")
_COLUMNS = re.compile(r"\S(?:\t| {2,})\S")  # tab-separated, or columns laid out with spaces (PDF)
_COLUMNS_SPLIT = re.compile(r"\t| {2,}")


def find_attendees(doc: Document, network: str | None, head: int = 120) -> tuple[list[Attendee], set[int]]:
    """Attendees (secretariat last) and the line numbers their lists occupy."""
    lines = list(doc.lines[:head])
    found: list[Attendee] = []
    used: set[int] = set()
    for i, ln in enumerate(lines):
        if ln.number in used:
            continue
        sec = _SECRETARIAT.match(ln.text)
        m = None if sec else _HEAD.match(ln.text)
        if not (sec or m):
            continue
        rest = ((sec[2] if sec else m[3]) or "").strip()
        block = _block(lines, i, rest)
        people = [p for p in map(_person, block[0]) if p]
        if sec:
            org = f"{network} (sekretariatet)" if network else "sekretariatet"
            people = [Attendee(p.name, org, "sekretariat") for p in people]
        if people:
            found.extend(people)
            used.update([ln.number, *block[1]])
    meta = _from_metadata(doc.metadata)
    staff = [a for a in found if a.role == "sekretariat"]
    return [a for a in found if a.role != "sekretariat"] + meta + staff, used


def _block(lines: list[Line], i: int, rest: str) -> tuple[list[list[str]], list[int]]:
    """The entries (each a list of cells) following an attendee heading, and their line numbers."""
    if rest and not rest.startswith("|"):
        return [[c] for c in _comma_items(rest)], []
    j = i + 1
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    if j >= len(lines):
        return [], []
    first = lines[j].text.strip()
    if _COLUMNS.search(first) or first.startswith("|"):
        rows, nums = [], []
        while j < len(lines) and (_COLUMNS.search(lines[j].text.strip()) or lines[j].text.strip().startswith("|")):
            rows.append(_cells(lines[j].text))
            nums.append(lines[j].number)
            j += 1
        return _table(rows), nums
    if _LIST_ITEM.match(first):
        rows, nums = [], []
        while j < len(lines) and _LIST_ITEM.match(lines[j].text):
            rows.append([_LIST_ITEM.sub("", lines[j].text).strip()])
            nums.append(lines[j].number)
            j += 1
        return rows, nums
    text = first.lstrip(":").strip()
    if "," in text or len(text.split()) <= 5:
        return [[c] for c in _comma_items(text)], [lines[j].number]
    return [], []


def _cells(text: str) -> list[str]:
    if not text.strip().startswith("|"):
        return [c.strip() for c in _COLUMNS_SPLIT.split(text.strip())]
    return [c.strip() for c in text.strip().strip("|").split("|")]


def _table(rows: list[list[str]]) -> list[list[str]]:
    """Rows → [name, organisation, role, initials] using a header row when there is one."""
    rows = [r for r in rows if any(r) and not all(re.fullmatch(r":?-+:?", c) for c in r if c)]
    if not rows:
        return []
    header = rows[0]
    cols = {"name": 0, "org": 1 if len(header) > 1 else None, "init": None, "present": None}
    if any(_NAME_COL.match(c) for c in header):
        rows = rows[1:]
        for k, c in enumerate(header):
            for key, rx in (("name", _NAME_COL), ("init", _INIT_COL), ("present", _PRESENT_COL)):
                if rx.match(c):
                    cols[key] = k
            if _ORG_COL.search(c) and not _NAME_COL.match(c):
                cols["org"] = k
    get = lambda r, key: r[cols[key]] if cols[key] is not None and cols[key] < len(r) else ""  # noqa: E731
    out = []
    for r in rows:
        if cols["present"] is not None and get(r, "present").strip() in ("", "-", "–", "nei", "no"):
            continue
        out.append([get(r, "name"), get(r, "org")])
    return out


def _comma_items(text: str) -> list[str]:
    parts = re.split(r",\s*|\s+(?:og|and|&)\s+", text.strip().rstrip("."))
    return [p.strip() for p in parts if p.strip() and not re.search(r"\d", p)]


def _person(cells: list[str]) -> Attendee | None:
    """["Eli Bryhni (møteleder)", "Hamarregionen utvikling"] → Attendee; also "Name (Org)"."""
    text, org = cells[0].strip(), (cells[1].strip() if len(cells) > 1 else "") or None
    role = None
    m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*(.*)$", text)
    if m:
        text = f"{m[1]} {m[3]}".strip()
        if m[2].strip().casefold() in ROLES:
            role = m[2].strip()
        elif org is None:
            org = m[2].strip()
    if "," in text:  # "Projektleder, Jesper Buchhardt"
        a, b = (s.strip() for s in text.split(",", 1))
        if a.casefold() in ROLES or (len(a.split()) == 1 and len(b.split()) >= 2):
            role, text = role or a, b
    while _HONORIFIC.match(text):
        text = _HONORIFIC.sub("", text, count=1)
    text = text.strip(" *_:")
    if not text or not text[0].isupper() or len(text.split()) > 6:
        return None
    return Attendee(text, org, role)


def _from_metadata(meta: dict) -> list[Attendee]:
    out = []
    for key in ("attending", "attendees", "deltakere", "present", "participants", "other_attending"):
        value = meta.get(key)
        for entry in [value] if isinstance(value, (str, dict)) else value if isinstance(value, list) else ():
            if isinstance(entry, dict):
                name = entry.get("name") or entry.get("navn")
                org = entry.get("organisation") or entry.get("organization") or entry.get("org")
                role = entry.get("role") or entry.get("rolle")
                if name:
                    out.append(Attendee(str(name), org and str(org), role and str(role)))
            elif isinstance(entry, str) and entry.strip():
                out.append(_pair(entry))
    return out


def _pair(entry: str) -> Attendee:
    """"fui, Ingeborg Steel" (code first) or "Dag Aanensen, Asker kommune" (name first)."""
    if "," not in entry:
        return _person([entry]) or Attendee(entry.strip())
    a, b = (s.strip() for s in entry.split(",", 1))
    if len(a.split()) == 1 and (a.islower() or a.isupper()) and b[:1].isupper():
        return Attendee(b, a)
    return Attendee(a, b)


def secretariat_org_name(body: str | None) -> str | None:
    """"Osloregionens faggruppe …" → "Osloregionen" (the network that runs the secretariat)."""
    word = (body or "").split()[0] if (body or "").split() else ""
    if not word[:1].isupper():
        return None
    if len(word) > 4 and word.endswith("s") and word[-3:-1] in ("en", "et", "an", "er"):
        word = word[:-1]
    return word
