"""The shapes a roster comes in: table rows, item lists, a front-matter entry (frontroster.py has the groups),
and prose sentences."""

from __future__ import annotations

import re

from askbot.types import Attendee

from .entries import fits_initials_after, parse_entry
from .roles import is_role_text

_NAME_COL = re.compile(r"^(navn|namn|name|deltaker|deltakar|deltager|medlem|member)", re.I)
_ORG_COL = re.compile(r"(kommune|region|organi[sz]a|virksomhed|verksemd|virksomhet|bedrift|firma|company|enhet|afdeling|avdeling|"
                      r"representerer|forening|org\b)", re.I)
_ROLE_COL = re.compile(r"^(rolle|role|funksjon|funktion|title|tittel|verv)", re.I)
_INIT_COL = re.compile(r"^(init|initialer|initials)", re.I)
_PRESENT_COL = re.compile(r"^(til ?stede|present|møtt|deltok)", re.I)
_AMOUNT_COL = re.compile(r"\b(beløp|beløb|sum|kr|nok|dkk|amount|budget|budsjett|tilskudd|tilskud|grant|søknad)\b", re.I)
_SPLIT_COLS = re.compile(r"\t| {2,}")
_NAMES = r"(?P<names>[A-ZÆØÅ](?:[^.;:]|(?<=\b[A-ZÆØÅ])\.(?=\s*[A-ZÆØÅ])){1,300}?)"  # "Cllr L. Moreau": an initial's dot
_FULL = r"(?P<names>[A-ZÆØÅ][\w'’-]+(?:\s+[A-ZÆØÅ][\w'’-]+){1,3})"  # one full name
PROSE_GROUPS = [
    (re.compile(rf"{_NAMES}\s+(?:deltog|deltok)\s+ikke(?:\s+(?:på|i)\s+mødet)?", re.I), "absent"),
    (re.compile(rf"{_NAMES}\s+(?:hadde|havde|meldte|meldt)\s+(?:forfall|afbud|fravær)", re.I), "absent"),
    (re.compile(rf"{_NAMES}\s+(?:deltog|deltok|møtte|møtte)\s+som\s+(?:suppleant(?:er)?|vara(?:medlem(?:mer)?)?)",
                re.I), "substitute"),
    (re.compile(r"apologies(?:\s+for\s+absence)?\s+(?:were\s+|was\s+)?(?:received\s+)?(?:and\s+accepted\s+)?"
                rf"from\s+{_NAMES}(?=(?<!\b[A-ZÆØÅ])\.|$|\s+[Ww]ith\b)", re.I), "absent"),
    (re.compile(rf"\b(?:[Ee]lles|[Ee]llers|[Oo]gså)\s+møtte\s+{_NAMES}(?=\.|$)"), "present"),
    (re.compile(rf"\b(?:[Ff]ra|[Ff]rå)\s+sekretariatet\s+(?:møtte|deltok|deltog)\s+{_NAMES}(?:\.|$)"), "staff"),
    # "Møtet vart leia av Eli Arnkværn Bryhni, Hamarregionen utvikling." / "The meeting was chaired by …"
    (re.compile(rf"\b(?:[Mm]øtet|[Mm]ødet|[Tt]he meeting)\s+(?:ble|blei|vart|blev|was)\s+(?:leda|ledet|leia|leidd|"
                rf"chaired|led)\s+(?:av|af|by)\s+{_FULL}(?:,\s*(?P<org>[^.;:]{{2,80}}?))?(?:\.(?=\s|$)|(?=;|$))"), "chair"),
    # "Jonas Tveit var sekretær for møtet …" / "Anne Smith was minute taker"
    (re.compile(rf"(?<![\w.]){_FULL}\s+(?:var|er|was|is|acted as|fungerte som)\s+(?:møtets\s+)?(?P<role>sekretær|"
                r"referent|møteleder|møteleiar|ordstyrer|ordstyrar|secretary|minute taker|chair|chairman|clerk)"
                r"(?:\s+(?:for|på|i|at|of)\s+(?:møtet|mødet|the meeting))?\b[^.;:]*\.?"), "role"),
]


def cells(text: str) -> list[str]:
    if not text.strip().startswith("|"):
        return [c.strip() for c in _SPLIT_COLS.split(text.strip())]
    return [c.strip() for c in text.strip().strip("|").split("|")]


def roster_header(row: list[str]) -> bool:
    """A table's header row that says it lists people: a name column beside an organisation, role,
    initials or attendance one ("| Navn | Organisasjon | Rolle |"), so the table needs no heading."""
    names = [k for k, c in enumerate(row) if _NAME_COL.match(c)]
    if any(_AMOUNT_COL.search(c) for c in row):  # "| Navn | Organisasjon | Beløp |": grants, not who attended
        return False
    return bool(names) and any(k != names[0] and (_ORG_COL.search(c) or any(rx.match(c) for rx in
                               (_ROLE_COL, _INIT_COL, _PRESENT_COL))) for k, c in enumerate(row))


def table_rows(rows: list[list[str]]) -> list[list[str]]:
    """Rows → [name, organisation, role, initials, absent-flag] using a header row when there is one."""
    rows = [r for r in rows if any(r) and not all(re.fullmatch(r":?-+:?", c) for c in r if c)]
    if not rows:
        return []
    header = rows[0]
    cols = {"name": 0, "org": 1 if len(header) > 1 else None, "role": None, "init": None, "present": None}
    if any(_NAME_COL.match(c) for c in header):
        rows = rows[1:]
        for k, c in enumerate(header):
            for key, rx in (("name", _NAME_COL), ("init", _INIT_COL), ("present", _PRESENT_COL), ("role", _ROLE_COL)):
                if rx.match(c) and cols[key] in (None, 0 if key == "name" else None):
                    cols[key] = k
            if _ORG_COL.search(c) and not _NAME_COL.match(c):
                cols["org"] = k
        if cols["org"] == cols["name"]:
            cols["org"] = None

    def get(r: list[str], key: str) -> str:
        return r[cols[key]] if cols[key] is not None and cols[key] < len(r) else ""

    out = []
    for r in rows:
        present = get(r, "present").strip().casefold()
        absent = "x" if cols["present"] is not None and present in ("", "-", "–", "nei", "no", "ikke") else ""
        out.append([get(r, "name"), get(r, "org"), get(r, "role"), get(r, "init"), absent])
    return out


def split_items(text: str) -> list[str]:
    """"A, B og C" / "A; B; C" / "Cllrs A, B and C" → entries; commas inside parentheses are kept."""
    text = text.strip().rstrip(".").strip("*_ ")
    plural = re.match(r"^(cllrs|councillors)\s+", text, re.I)
    if plural:
        text = text[plural.end():]
    sep = ";" if ";" in text else ","
    parts, depth, cur = [], 0, ""
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch == sep and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    out = []
    for p in parts:
        for q in re.split(r"(?<=\))\s+(?=[A-ZÆØÅ])", p):  # "Steve Lindhardt (SL) Lars Høgh (LH)"
            out.extend(x for x in re.split(r"\s+(?:og|and|&|samt|och)\s+(?![^()]*\))", q) if x.strip())
    out = [("Cllr " + x.strip()) if plural else x.strip() for x in out]
    if sep == ",":  # "Tony Shaw, Locum Clerk": a role after a name belongs to that name
        merged: list[str] = []
        for x in out:
            if merged and parse_entry(x) is None and is_role_text(x) and len(x.split()) <= 5 \
                    and parse_entry(merged[-1] + ", " + x) is not None:
                merged[-1] = merged[-1] + ", " + x
            else:
                merged.append(x)
        out = merged
        out = _org_name_initials(out)
    return out


def _org_name_initials(items: list[str]) -> list[str]:
    """"OS2 - Fællesskabet, Rasmus Frey, RF": an organisation, a name and initials that fit that name are one
    entry, not three (nothing else lets initials follow the name after a comma)."""
    out: list[str] = []
    for x in items:
        if len(out) >= 2 and fits_initials_after(out[-1], x) and parse_entry(out[-2]) is None:
            out[-2:] = [f"{out[-2]}, {out[-1]}, {x}"]
        else:
            out.append(x)
    return out


def pair(entry: str) -> Attendee | None:
    """"fui, Ingeborg Steel" (code first) or "Dag Aanensen, Asker kommune" (name first)."""
    if "," not in entry:
        return parse_entry(entry) or Attendee(entry.strip())
    a, b = (s.strip() for s in entry.split(",", 1))
    if len(a.split()) == 1 and (a.islower() or a.isupper()) and b[:1].isupper():
        got = parse_entry(b)
        return Attendee(got.name if got else b, a, None, got.initials if got else ())
    got = parse_entry(entry)
    return got or Attendee(a, b)
