"""Find agenda items: "Sak 1. Title", "Sak 14/07 …", "AD 2: …", "### 1. Title", " 1. Minutes of …",
and, failing those, markdown headings. One pattern family is chosen per document so that numbered
lists inside a speaker's turn are not mistaken for agenda items."""

from __future__ import annotations

import re
from collections import Counter

from askbot.types import AgendaItem, Line

_KEYWORD = re.compile(
    r"^[#\s*_]*(sak nr\.?|saksnr\.?|sak|punkt|pkt\.?|agenda item|item|ad|ps|rs|ds|os)\s*(\d+[a-z]?(?:[./]\d+)*)"
    r"(?:\s*([.:)\-–])\s*|\s+|$)(.*)$", re.I)
_MD_NUMBERED = re.compile(r"^(#{1,6})\s*(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
_PLAIN_NUMBERED = re.compile(r"^\s*(\d{1,2})(?:\\?\.|\))\s+(\S.{0,150})$")
_ANY_NUMBERED = re.compile(r"^\s*\d+(?:\\?\.|\))\s")
_SUB_NUMBER = re.compile(r"^\s*#*\s*\d+\.\d+(?:\.\d+)*\\?\.?(\s|$)")
_HEADING = re.compile(r"^(#{1,6})\s+(\S.*)$")
_CASE_NUMBERED = re.compile(r"^\s*(\d{1,4}/\d{2,4})\s+([A-ZÆØÅ].{0,150})$")  # "25/01 Public participation"
_CASE_FAMILY = {"rs": "ps", "ds": "ps", "os": "ps"}  # a municipal protocol's political, report, delegated cases
_ATTR = re.compile(r"\s*\{[#:][^}]*\}\s*-*\s*$")


def _title(text: str) -> str:
    return _ATTR.sub("", text).strip().strip("*_").strip().rstrip(":").strip()


def find_agenda(lines: tuple[Line, ...] | list[Line]) -> tuple[list[tuple[AgendaItem, int]], list[str]]:
    """[(item, index into lines)] in document order, plus warnings."""
    for finder in (_keyword_items, _markdown_numbered, _plain_numbered, _case_numbered, _headings):
        items = finder(lines)
        if items:
            counts = Counter(item.number for item, _ in items)
            dup = sorted(n for n, c in counts.items() if c > 1)
            return items, [f"agenda number {n} used more than once" for n in dup]
    return [], []


def _keyword_line(text: str) -> tuple[str, str, str] | None:
    """("sak", "3", "Title") for "Sak 3. Title"; None for a sentence like "Sak 3 ble utsatt …"."""
    m = _KEYWORD.match(text)
    if not m or len(text) > 200:
        return None
    title = _title(m[4])
    if title and not (m[3] or title[0].isupper() or title[0].isdigit()):
        return None
    return m[1].casefold().rstrip("."), m[2], title


def _keyword_items(lines) -> list[tuple[AgendaItem, int]]:
    out, keyword = [], None
    for i, ln in enumerate(lines):
        found = _keyword_line(ln.text)
        if not found:
            continue
        word, number, title = found
        word = _CASE_FAMILY.get(word, word)
        keyword = keyword or word
        if word == keyword:  # "Punkt 1:" inside "Sak 5" is not an item
            out.append((AgendaItem(f"AD {number}" if word == "ad" else number, title, ln.number), i))
    later = Counter(item.number for item, _ in out)
    listed = {i for (item, i), (_nxt, j) in zip(out, out[1:]) if later[item.number] > 1
              and not any(x.text.strip() for x in lines[i + 1:j])}
    return [(item, i) for item, i in out if i not in listed]  # the agenda overview, when its items follow


def _markdown_numbered(lines) -> list[tuple[AgendaItem, int]]:
    found = [(i, m) for i, ln in enumerate(lines) if (m := _MD_NUMBERED.match(ln.text))]
    if not found:
        return []
    level = Counter(len(m[1]) for _, m in found).most_common(1)[0][0]
    return [(AgendaItem(m[2], _title(m[3]), lines[i].number), i) for i, m in found if len(m[1]) == level]


def _plain_numbered(lines) -> list[tuple[AgendaItem, int]]:
    out, expected = [], None
    for i, ln in enumerate(lines):
        m = _PLAIN_NUMBERED.match(ln.text)
        if not m or not m[2][0].isupper():
            continue
        nxt = next((x.text for x in lines[i + 1:] if x.text.strip()), "")
        if _ANY_NUMBERED.match(nxt):
            continue  # a list (e.g. the agenda overview), not an item with its own text
        n = int(m[1])
        if expected is None or n == expected:
            out.append((AgendaItem(str(n), _title(m[2]), ln.number), i))
            expected = n + 1
    return out if len(out) >= 2 else []


def _case_numbered(lines) -> list[tuple[AgendaItem, int]]:
    """Items numbered by case alone, as parish and municipal minutes do: "25/01 Public participation"."""
    found = [(i, m) for i, ln in enumerate(lines) if (m := _CASE_NUMBERED.match(ln.text))]
    return [(AgendaItem(m[1], _title(m[2]), lines[i].number), i) for i, m in found] if len(found) >= 2 else []


def _headings(lines) -> list[tuple[AgendaItem, int]]:
    found = [(i, m) for i, ln in enumerate(lines) if (m := _HEADING.match(ln.text)) and len(m[1]) >= 2]
    if len(found) < 2:
        return []
    level = min(len(m[1]) for _, m in found)
    picked = [(i, m) for i, m in found if len(m[1]) == level]
    return [(AgendaItem(str(k), _title(m[2]), lines[i].number), i) for k, (i, m) in enumerate(picked, 1)]


def is_sub_break(text: str) -> bool:
    """A heading, sub-number ("#### 1.1", "6.1. Other Business") or "Punkt 2: …" inside an item."""
    return bool(_HEADING.match(text.strip()) or _SUB_NUMBER.match(text) or _keyword_line(text))


def has_words(text: str) -> bool:
    """True when a heading line says more than its number ("#### 1.1" says nothing)."""
    return bool(re.search(r"[^\W\d_]{2,}", _ATTR.sub("", text)))
