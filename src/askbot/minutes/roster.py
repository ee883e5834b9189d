"""The roster: who attended, who was absent, who was in attendance, with initials, organisation and role.

Forms: a heading ("Til stede", "Deltagere", "Present", "THOSE ATTENDING", "Forfall", "Meldt fravær",
"Afbud", "Apologies", "Fra sekretariatet", "Ordførere", "In attendance", …) followed on its line or
on the next lines by a table (markdown, tab, spaced columns), a bullet list, one name per line, or a
comma / semicolon list; the same headings inline in a collapsed line ("… Styremedlemmer: A, B (tlf)
Forfall: C Sekretariatet: D Saksliste …"); YAML front matter; and prose ("X og Y deltog ikke på
mødet", "Apologies were received from Cllr X", "Elles møtte …"). Each group is also kept as a span
of the text, so attendance becomes passages ("who chaired?", "who sent apologies?")."""

from __future__ import annotations

import re

from askbot.types import Attendee, Document, Line

from .docnames import is_given_name
from .entries import is_initials, parse_entry, strip_titles
from .roles import ROLE_WORDS, normalise_role
from .frontroster import front_groups
from .rosterforms import PROSE_GROUPS, cells, roster_header, split_items, table_rows
from .rostergroups import ANY_HEAD, RosterGroup, fold_initials
from .rostergroups import group_entries as _entries
from .rostergroups import heading_kind as _kind
from .rostergroups import make_group as _group
from .rostergroups import merge_groups as _merge

HEAD = re.compile(rf"^[\s#*_>]*(?:[A-Z]?\d[\w/.-]*\s+){{0,2}}({ANY_HEAD})[\s*_.]*(?::|\s*$)[\s*_]*(.*)$", re.I)
HEAD_NOCOLON = re.compile(r"^[\s#*_]*(til ?stede|tilstede|present|elles møtte)\s+(?=[A-ZÆØÅ])(.*)$", re.I)
INLINE = re.compile(rf"(?:^|(?<=[\s.;)]))({ANY_HEAD})[\s*_]*:\s*", re.I)
_BULLET = re.compile(r"^(?:[-*•+]|\[[ xX]\])[ \t]+(?=\S)")
_STOP_INLINE = re.compile(r"\s(?:saksliste|dagsorden|agenda|saker|sak \d|følgende saker|dessuten|møtet ble|"
                          r"planen var|\d+/\d+\s)", re.I)


def _following(lines: list[Line], i: int, cuts: dict[int, int] | None = None
               ) -> tuple[list[list[str]], list[int], str]:
    """Entries after a heading line: a table, a bullet list, or one entry per line (blank lines allowed)."""
    j = i + 1
    while j < len(lines) and not lines[j].text.strip():
        j += 1
    if j >= len(lines):
        return [], [], ""
    first = _BULLET.sub("", lines[j].text.strip())  # "-  OS2 - Fællesskabet, Rasmus Frey, RF" is a list item
    if re.search(r"\S(?:\t| {2,})\S", first) or first.startswith("|"):
        rows, nums = [], []
        while j < len(lines) and (re.search(r"\S(?:\t| {2,})\S", lines[j].text.strip())
                                  or lines[j].text.strip().startswith("|")):
            rows.append(cells(lines[j].text))
            nums.append(lines[j].number)
            j += 1
        return table_rows(rows), nums, "table"
    rows, nums = [], []
    while j < len(lines):
        t = lines[j].text.strip()
        if not t:
            j += 1
            continue
        if HEAD.match(t) and rows:
            break
        item = re.sub(r"^\s*(?:[-*•+]|\[[ xX]\])\s+", "", t)
        cut = INLINE.search(item, 1)
        if cut:  # "A, B og C (prosjektleder). Fra administrasjonen: D og E" – the rest is its own group
            item = item[:cut.start()]
        dot = re.search(r"(?<![A-ZÆØÅ])\.\s+(?=[A-ZÆØÅ][a-zæøå])", item)
        if dot:  # "… and Cllr H Allsopp (leave). The meeting accepted these as proper reasons …"
            item = item[:dot.start()]
        if (cut or dot) and cuts is not None:
            cuts[lines[j].number] = lines[j].text.find(item) + len(item) + (1 if dot else 0)
        parts = _name_and_org(item, split_items(item.lstrip(":").strip()))
        got = [p for p in parts if parse_entry(p)]
        if not got or len(got) < len(parts) / 2:
            break
        rows.extend([p] for p in parts)
        nums.append(lines[j].number)
        j += 1
    return rows, nums, "list"


def _name_and_org(line: str, parts: list[str]) -> list[str]:
    """ "Kari Nordmo, Nordmo Regnskap AS" on a line of its own is one person and her firm, not two
    people: a full name, one comma, then a part that does not open with a given name or a title
    ("Kari Nordmo, Per Hansen" and "Cllrs Cotton and Ashton Derry" are two)."""
    if len(parts) != 2 or line.count(",") != 1 or len(parts[0].split()) < 2 or "(" in parts[0] \
            or strip_titles(parts[0])[1] or strip_titles(parts[1])[1] or is_initials(parts[1]):
        return parts  # "Kari Nordmo, AS" may be Anne Skog's initials
    first = parts[1].split()[0]
    if _FIRM.search(parts[1]):  # "Morten Haug, Haug Transport AS": "Haug" is a given name somewhere too
        return [", ".join(parts)]
    return parts if is_given_name(first) or not first[:1].isupper() else [", ".join(parts)]


_FIRM = re.compile(r"\s(?:AS|ASA|ANS|A/S|ApS|Ltd|Inc|LLC|GmbH|kommune|fylkeskommune|kommun|region|"
                   r"regionen|universitet|university|høgskole|council)$")


def find_roster(doc: Document, network: str | None, head: int = 150) -> tuple[list[Attendee], set[int], list[RosterGroup]]:
    """Attendees (secretariat last), the line numbers their lists occupy, and the groups as written."""
    lines = list(doc.lines[:head])
    groups: list[RosterGroup] = []
    used: set[int] = set()
    for i, ln in enumerate(lines):
        if ln.number in used:
            continue
        text = ln.text
        m = HEAD.match(text) or HEAD_NOCOLON.match(text)
        if m and len(text) < 400:
            kind, rest = _kind(m[1].strip()), (m[2] or "").strip().strip("*_ ")
            if rest and not rest.startswith("|"):
                entries = _entries(_name_and_org(rest, split_items(rest)), kind, ln.number, network, m[1])
                nums = []
            else:
                cuts: dict[int, int] = {}
                rows, nums, _ = _following(lines, i, cuts)
                entries = [e for r in rows for e in _row_entries(r, kind, ln.number, network, m[1])]
            if entries:
                if nums and nums[-1] in cuts:  # the list ends inside a line: the rest of it is text
                    spans = tuple((n, 0, cuts.get(n, len(_line(lines, n)))) for n in [ln.number, *nums])
                    groups.append(_group(kind, entries, spans, inline=True))
                    used.update([ln.number, *nums[:-1]])
                    continue
                spans = tuple((n, 0, len(_line(lines, n))) for n in [ln.number, *nums])
                groups.append(_group(kind, entries, spans))
                used.update([ln.number, *nums])
                for n in nums:  # headings later in a consumed line
                    later = next(x for x in lines if x.number == n)
                    groups.extend(g for g in _inline(later, network, short=True) if g.spans[0][1] > 0)
                continue
        tabular = text.lstrip().startswith("|") or re.search(r"\S(?:\t| {2,})\S", text.strip())
        if i and tabular and roster_header(cells(text)):  # a table with no heading above (.md, .docx, .pdf)
            rows, nums, _ = _following(lines, i - 1)
            entries = [e for r in rows for e in _row_entries(r, "present", ln.number, network, "")]
            if len(entries) >= 2:
                groups.append(_group("present", entries, tuple((n, 0, len(_line(lines, n))) for n in nums)))
                used.update(nums)
                continue
        groups.extend(_inline(ln, network))
        groups.extend(_prose(ln, network))
        groups.extend(_role_list(ln, network))
    groups[:0] = front_groups(doc)
    attendees = _merge(groups)
    groups = fold_initials(groups, attendees)
    staff = [a for a in attendees if a.role == "sekretariat"]
    return [a for a in attendees if a.role != "sekretariat"] + staff, used, groups


def _line(lines: list[Line], number: int) -> str:
    return next((ln.text for ln in lines if ln.number == number), "")


def _row_entries(row: list[str], kind: str, line: int, network: str | None, head: str) -> list[tuple[str, Attendee]]:
    name, org, role, init, absent = (row + ["", "", "", "", ""])[:5]
    got = _entries([name], "absent" if absent else kind, line, network, head)
    if not got:
        return []
    a = got[0][1]
    initials = tuple(dict.fromkeys(([init.strip()] if init.strip() else []) + list(a.initials)))
    return [(got[0][0], Attendee(a.name, org.strip() or a.organisation, role.strip() or a.role, initials,
                                 a.absent or bool(absent), a.substitute_for, a.kind, line))]


def _inline(ln: Line, network: str | None, short: bool = False) -> list[RosterGroup]:
    """Headings inside a collapsed line: "… Styremedlemmer: A, B Forfall: C Sekretariatet: D Saksliste …"."""
    text = ln.text
    found = list(INLINE.finditer(text))
    if not found or (len(text) < 120 and not short):
        return []
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(text)
        stop = _STOP_INLINE.search(text, m.end(), end)
        end = stop.start() if stop else end
        dot = re.search(r"(?<![A-ZÆØÅ])\.\s+(?=[A-ZÆØÅ])", text[m.end():end])
        end = m.end() + dot.start() + 1 if dot else end
        kind = _kind(m[1])
        entries = _entries(split_items(text[m.end():end]), kind, ln.number, network, m[1])
        if entries:
            out.append(_group(kind, entries, ((ln.number, m.start(), end),), inline=True))
    return out


_ROLE_WORDS = sorted({w for ws in ROLE_WORDS.values() for w in ws} | {"høgskole kontakt", "likesinnede foreninger"},
                     key=len, reverse=True)
_ROLE_AT = re.compile(r"(?:(?<=^)|(?<=[\s;,.]))(" + "|".join(re.escape(w) for w in _ROLE_WORDS) + r")\s+[-–:]\s+(?=[A-ZÆØÅ])",
                      re.I)


def _role_list(ln: Line, network: str | None) -> list[RosterGroup]:
    """"Leder - Petter Reinholdtsen Nestleder - Peter N.M. Hansteen Sekretær - Håvard Fosseng …": two or
    more "role - name" pairs in a line are the board as constituted; each pair is its own group."""
    found = list(_ROLE_AT.finditer(ln.text))
    if len(found) < 2:
        return []
    out = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(ln.text)
        words = ln.text[m.end():end].split()
        name = []
        for w in words[:5]:  # the name runs until a word that is not part of one
            if not (w[:1].isupper() or re.fullmatch(r"[A-ZÆØÅ]\.(?:[A-ZÆØÅ]\.)*", w)):
                break
            name.append(w)
        if len(name) > 1 and not _entries([" ".join(name)], "present", ln.number, network):
            name = name[:-1]
        for k in range(2, len(name) - 1):  # "Varamedlem - Eirik Seim Håvard Fosseng skal …": two names run together
            if ln.text.count(" ".join(name[k:])) > 1:
                name = name[:k]
                break
        written = ln.text[m.start():m.end()] + " ".join(name)
        pairs = _entries([f"{' '.join(name)} ({m[1]})"], "present", ln.number, network) if name else []
        if pairs:
            start = m.start()
            out.append(_group(m[1].casefold(), [(written, pairs[0][1])], ((ln.number, start, start + len(written)),),
                              inline=True))
    return out


def _prose(ln: Line, network: str | None) -> list[RosterGroup]:
    out = []
    for rx, kind in PROSE_GROUPS:
        for m in rx.finditer(ln.text):
            found = m.groupdict()
            if kind == "role":  # "X var sekretær for møtet": the role word says which group
                kind = "clerk" if normalise_role(found["role"]) == "clerk" else "chair"
            items = [m["names"] + (f", {found['org']}" if found.get("org") else "")] if "org" in found or \
                "role" in found else split_items(m["names"])
            entries = _entries(items, kind, ln.number, network)
            if entries:
                out.append(_group(kind, entries, ((ln.number, m.start(), m.end()),), inline=True))
    return out


def secretariat_org_name(body: str | None) -> str | None:
    """"Osloregionens faggruppe …" / "Næringssamarbeidet i Osloregionen" → "Osloregionen" (the network
    that runs the secretariat)."""
    within = re.search(r"\s(?:i|in|within)\s+([A-ZÆØÅ]\w+)", body or "")
    word = within[1] if within else (body or "").split()[0] if (body or "").split() else ""
    if not word[:1].isupper():
        return None
    if len(word) > 4 and word.endswith("s") and word[-3:-1] in ("en", "et", "an", "er"):
        word = word[:-1]
    return word
