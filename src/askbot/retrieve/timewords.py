"""Time words in a question ("i fjor", "siden mars", "våren 2022", "at the last meeting") → a date range.

`read_time(question, today, last_meeting)` returns a `TimeRange` (since, until, the phrase as written)
or None when the question holds no phrase this module can read. Ranges are inclusive and relative to
`today`; "siste/forrige møte", "the last meeting" is the archive's latest meeting date (`last_meeting`),
and is None when no meeting date is known. Seasons: spring March–May, summer June–August, autumn
September–November, winter December (of the year before)–February.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from askbot.minutes.dates import MONTHS


@dataclass(frozen=True)
class TimeRange:
    since: dt.date | None
    until: dt.date | None
    phrase: str  # the words of the question it was read from
    asked: tuple[dt.date, dt.date] | None = None  # a date with no meeting: what was asked (datewords)


_SEASONS = {"vår": 3, "våren": 3, "spring": 3, "sommer": 6, "sommeren": 6, "summer": 6, "høst": 9,
            "høsten": 9, "haust": 9, "hausten": 9, "autumn": 9, "fall": 9, "vinter": 12, "vinteren": 12,
            "winter": 12}
_SEASON = "|".join(sorted(_SEASONS, key=len, reverse=True))
_MONTH = "|".join(sorted((m for m in MONTHS if len(m) > 3 or m in ("mai", "may")), key=len, reverse=True))
_YEAR = r"(?:19|20)\d\d"
_NUM = {"en": 1, "ett": 1, "ei": 1, "one": 1, "a": 1, "to": 2, "two": 2, "tre": 3, "three": 3, "fire": 4,
        "four": 4, "fem": 5, "five": 5, "seks": 6, "six": 6, "tolv": 12, "twelve": 12}
_N = r"\d{1,2}|" + "|".join(_NUM)
_LAST_MEETING = (r"(?:på\s+|i\s+|fra\s+)?(?:det\s+)?(?:siste|forrige|førre|sist(?:e)?)\s+møte(?:t)?|"
                 r"(?:at|in|from|during)?\s*(?:the\s+)?(?:last|latest|previous|most\s+recent)\s+meeting")


def _year(y: int) -> tuple[dt.date, dt.date]:
    return dt.date(y, 1, 1), dt.date(y, 12, 31)


def _month(y: int, m: int) -> tuple[dt.date, dt.date]:
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return dt.date(y, m, 1), nxt - dt.timedelta(days=1)


def _season(y: int, start: int) -> tuple[dt.date, dt.date]:
    if start == 12:  # winter Y: December Y-1 to February Y
        return dt.date(y - 1, 12, 1), _month(y, 2)[1]
    return dt.date(y, start, 1), _month(y, start + 2)[1]


def _recent_month(today: dt.date, m: int) -> int:
    """The year of the latest month `m` that has begun by `today`."""
    return today.year if m <= today.month else today.year - 1


def _recent_season(today: dt.date, start: int) -> int:
    """The year of the latest season that has begun by `today` (winter belongs to the year it ends in)."""
    if start == 12:
        return today.year + 1 if today.month == 12 else today.year
    return today.year if start <= today.month else today.year - 1


def _months_back(today: dt.date, n: int) -> dt.date:
    y, m = divmod(today.year * 12 + today.month - 1 - n, 12)
    return dt.date(y, m + 1, min(today.day, _month(y, m + 1)[1].day))


def _ym(months: int) -> tuple[int, int]:
    y, m = divmod(months, 12)
    return y, m + 1


def _since_season(today: dt.date, word: str, season: str) -> tuple[dt.date, dt.date] | None:
    """'siden sommeren': from the start of the latest summer begun; 'etter sommeren': from the day
    after the latest summer ended."""
    start = _SEASONS[season]
    year = _recent_season(today, start)
    if word in ("siden", "sidan", "since"):
        return _season(year, start)[0], today
    if _season(year, start)[1] >= today:
        year -= 1
    return _season(year, start)[1] + dt.timedelta(days=1), today


def _n(word: str) -> int:
    return int(word) if word.isdigit() else _NUM[word.lower()]


Reader = Callable[[re.Match, dt.date, "dt.date | None"], "tuple[dt.date | None, dt.date | None] | None"]

# (pattern, reader) in order of precedence: longer, more specific phrases first.
_RULES: list[tuple[str, Reader]] = [
    (rf"\b(?:{_LAST_MEETING})\b", lambda m, t, last: (last, last) if last else None),
    (rf"\b(?:mellom|between|fra|from)\s+({_YEAR})\s+(?:og|and|til|to|-|–)\s+({_YEAR})\b",
     lambda m, t, last: (_year(int(m[1]))[0], _year(int(m[2]))[1])),
    (rf"\b(?:i\s+)?({_SEASON})\s+(?:i\s+)?fjor\b",
     lambda m, t, last: _season(t.year - 1, _SEASONS[m[1].lower()])),
    (rf"\b(?:(?:in|during)\s+(?:the\s+)?)?({_SEASON})(?:\s+of)?\s+({_YEAR})\b",
     lambda m, t, last: _season(int(m[2]), _SEASONS[m[1].lower()])),
    (rf"\b(?:(?:in|i)\s+)?({_MONTH})\s+({_YEAR})\b",
     lambda m, t, last: _month(int(m[2]), MONTHS[m[1].lower()])),
    (rf"\b(siden|sidan|since|etter|after)\s+(?:the\s+)?({_SEASON})(?:en)?\b|\b(etter)\s+(sommer)ferien\b",
     lambda m, t, last: _since_season(t, (m[1] or m[3]).lower(), (m[2] or m[4]).lower())),
    (rf"\b(?:før|before)\s+(?:the\s+)?({_SEASON})(?:en)?\b",
     lambda m, t, last: (dt.date(_recent_season(t, _SEASONS[m[1].lower()]), 1, 1),
                         _season(_recent_season(t, _SEASONS[m[1].lower()]), _SEASONS[m[1].lower()])[0]
                         - dt.timedelta(days=1))),
    (rf"\b(?:siden|sidan|since|etter|after|fra|frå|from)\s+({_MONTH})\b",
     lambda m, t, last: (dt.date(_recent_month(t, MONTHS[m[1].lower()]), MONTHS[m[1].lower()], 1), t)),
    (rf"\b(?:siden|sidan|since|fra\s+og\s+med)\s+({_YEAR})\b", lambda m, t, last: (_year(int(m[1]))[0], t)),
    (rf"\b(?:etter|after)\s+({_YEAR})\b", lambda m, t, last: (_year(int(m[1]) + 1)[0], t)),
    (rf"\b(?:før|before)\s+({_YEAR})\b", lambda m, t, last: (None, _year(int(m[1]) - 1)[1])),
    (r"\bi\s+forfjor\b|\bthe\s+year\s+before\s+last\b", lambda m, t, last: _year(t.year - 2)),
    (r"\bi\s+fjor\b|\blast\s+year\b|\bforrige\s+år\b", lambda m, t, last: _year(t.year - 1)),
    (r"\bi\s+år\b|\bthis\s+year\b|\bdette\s+året\b", lambda m, t, last: (dt.date(t.year, 1, 1), t)),
    (r"\b(?:i\s+)?forrige\s+måned\b|\blast\s+month\b",
     lambda m, t, last: _month(*_ym(t.year * 12 + t.month - 2))),
    (r"\b(?:denne\s+måneden|this\s+month)\b", lambda m, t, last: (dt.date(t.year, t.month, 1), t)),
    (rf"\b(?:(?:de|det)\s+)?siste\s+({_N})\s+(?:månedene|måneder|måneda)\b|"
     rf"\b(?:the\s+)?(?:last|past)\s+({_N})\s+months\b",
     lambda m, t, last: (_months_back(t, _n(m[1] or m[2])), t)),
    (r"\b(?:det\s+)?siste\s+året\b|\b(?:the\s+)?(?:last|past)\s+(?:12\s+months|twelve\s+months)\b|"
     r"\bthe\s+past\s+year\b", lambda m, t, last: (_months_back(t, 12), t)),
    (r"\bi\s+(vår)es\b|\bi\s+(vår|sommer|høst|haust|vinter)\b|\b(?:this|last)\s+(spring|summer|autumn|fall|winter)\b",
     lambda m, t, last: _season(_recent_season(t, _SEASONS[(m[1] or m[2] or m[3]).lower()]),
                                _SEASONS[(m[1] or m[2] or m[3]).lower()])),
]
# Not read here: a bare month ("hva skjer i mai?") or year; datewords reads "i/in 2021" only when the
# archive has a meeting that year (else no filter: seed q45/q85 "in 2021" are about 2022 meetings).
_COMPILED = [(re.compile(p, re.IGNORECASE), r) for p, r in _RULES]


def read_time(question: str, today: dt.date, last_meeting: dt.date | None = None) -> TimeRange | None:
    """The first time phrase in `question` (by rule precedence) as a TimeRange, or None."""
    for rx, reader in _COMPILED:
        for m in rx.finditer(question or ""):
            try:
                got = reader(m, today, last_meeting)
            except (ValueError, KeyError):
                got = None
            if got is not None:
                since, until = got
                return TimeRange(since, min(until, today) if until and since and since <= today else until,
                                 m[0].strip())
    return None


_NO_MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
              "november", "desember"]


def describe(r: TimeRange, lang: str) -> str:
    """'2022', 'mars 2024' / 'March 2024', 'siden 1.3.2024' / 'since 2024-03-01', or a from–to range."""
    s, u = r.since, r.until
    no = lang == "no"
    day = (lambda d: f"{d.day}.{d.month}.{d.year}") if no else (lambda d: d.isoformat())
    if s and u and s == dt.date(s.year, 1, 1) and u in (dt.date(s.year, 12, 31),):
        return str(s.year)
    if s and u and s.day == 1 and (s.year, s.month) == (u.year, u.month) and u == _month(s.year, s.month)[1]:
        return f"{_NO_MONTHS[s.month - 1]} {s.year}" if no else s.strftime("%B %Y")
    if s and u and s == u:
        return day(s)
    if s and not u:
        return f"{'fra' if no else 'from'} {day(s)}"
    if u and not s:
        return f"{'til' if no else 'until'} {day(u)}"
    return f"{day(s)}–{day(u)}"


def limit_note(r: TimeRange, lang: str) -> str:
    """The sentence the answer carries: 'Avgrenset til: 2022.' / 'Limited to: 2022.'; a date with no
    meeting: 'Ingen møte 15.3.2024; søkte i alle møter.' / 'No meeting on 2024-03-15; searched all meetings.'"""
    if r.asked:
        no, asked = lang == "no", TimeRange(*r.asked, r.phrase)
        day = r.asked[0] == r.asked[1]
        head = (("Ingen møte " if day else "Ingen møter i ") if no else ("No meeting on " if day else
                "No meetings in ")) + describe(asked, lang)
        tail = (("søkte i alle møter" if no else "searched all meetings") if r.since is None else
                f"{'brukte nærmeste møte' if no else 'used the nearest meeting'}, {describe(r, lang)}")
        return f"{head}; {tail} («{r.phrase}»)."
    return f"{'Avgrenset til' if lang == 'no' else 'Limited to'}: {describe(r, lang)} («{r.phrase}»)."
