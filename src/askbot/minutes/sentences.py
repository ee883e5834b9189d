"""Sentence spans in Norwegian, Danish and English minutes.

A full stop ends a sentence unless it belongs to an ordinal or a date ("1. september", "20. mai",
"14.01.2022", "kl. 10"), an abbreviation ("bl.a.", "f.eks.", "ca.", "nr.", "Mr.", "Cllr.", "No."),
an initial ("A. B. Hansen", "Peter N. M. Hansteen"), a decimal ("2.5"), or a URL / markdown link.
Abbreviations that often close a sentence ("osv.", "mv.", "etc.", "mill.") end one before a capital.
With lines=True, a line break before a bullet ("- ", "• ", "2) ") and a blank line end one too, while
a plain line break (a PDF wrap) does not.
"""

from __future__ import annotations

import re
from bisect import bisect_right

ABBREVIATIONS = frozenset("""
bl.a f.eks ca nr kl mill mrd mv jf osv evt ev dvs mht pga ift vedr iht inkl ekskl tlf adr
ref pkt st tidl hhv bla ifm mfl m.fl m.m mm etc eg ie vs viz approx dept govt no nos mr mrs ms dr
prof cllr cllrs rev st jr sr co ltd inc fig vol pp ch sec art kap sen pr dvs ang vedk sml f.o.m t.o.m
a.s as inc fx bl.a. dir adm avd afd ordf nestl sekr repr jfr vedr incl excl cf esp
""".split())
_MONTHS = ("januar|februar|mars|marts|april|mai|maj|juni|juli|august|september|oktober|november|desember|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|des|dec")
_ORDINAL_NEXT = re.compile(rf"\s*(?:(?i:{_MONTHS})\b|[a-zæøå])")
_FINAL = frozenset("osv mv m.fl mfl m.m mm etc o.l ol mill mrd mio kr nok stk a.m p.m jan feb mar apr jun jul aug "
                   "sep sept okt oct nov des dec".split())  # may close a sentence: "1. okt. Alle", "9 p.m. Next"
_NUMBERED = re.compile(r"(?i:sak|punkt|pkt|item|no|nr|kap|kapittel|§)\s+$")  # "Sak 3. Runden"
_CANDIDATE = re.compile(r"[.!?…]+[)\"”»'’]*(?=\s+|$)")
_URL = re.compile(r"\[[^\]\n]*\]\([^)\s]*\)"  # a markdown link
                  r"|(?:https?://|www\.)\S+?(?=[.,;:!?)\]»”]*(?:\s|$))"  # a URL, less the punctuation after it
                  r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")  # an e-mail address
_BULLET_LINE = re.compile(r"[ \t]*(?:[-•*–]|\d{1,2}[.)](?!\s*(?i:%s)\b))\s" % _MONTHS)


_SPACE = re.compile(r"\s*")
_SMALL_NUMBER = re.compile(r"\d{1,3}")
_SMALL_LETTER = re.compile(r"[a-zæøå]")
_LETTER = re.compile(r"[a-zæøåA-ZÆØÅ]")
_DOTTED = re.compile(r"(?:[a-zæøå]\.){1,3}[a-zæøå]?")
_LINK_MARKS = ("[", "@", "://", "www.")  # every _URL alternative holds one of these
_LINE_START = re.compile(r"\n[ \t#*>]*$")  # only blanks, heading or quote marks since the line began
_ROW = re.compile(r"\S(?:\t| {2,}|\s\|\s)\S|^\s*\|")  # columns: a tab, a run of spaces or a pipe


def _line_cuts(text: str) -> set[int]:
    """Line breaks that end a sentence: before a blank line, a bullet or numbered line, and around
    table rows (tab- or pipe-separated); a plain wrap inside a sentence is not one."""
    cuts, lines, pos = set(), text.split("\n"), 0
    for this, nxt in zip(lines, lines[1:]):
        pos += len(this)
        if not nxt.strip() or not this.strip() or _BULLET_LINE.match(nxt) or _ROW.search(this) or _ROW.search(nxt):
            cuts.add(pos)
        pos += 1
    return cuts


def link_free(text: str) -> str:
    """The text less its URLs, markdown link targets and e-mail addresses."""
    return _URL.sub(" ", text) if any(mark in text for mark in _LINK_MARKS) else text


def _protected(text: str) -> list[tuple[int, int]]:
    if not any(mark in text for mark in _LINK_MARKS):  # no link can match: the scan is skipped
        return []
    return [m.span() for m in _URL.finditer(text)]


def _tail_word(before: str) -> str | None:
    r"""The run of word characters and dots ending `before` (or ending it before one final newline), as
    re.search(r"([\w.]+)$", before) finds it, by a scan back from the end; None if there is none."""
    stop = len(before) - 1 if before.endswith("\n") else len(before)
    i = stop
    while i and (before[i - 1].isalnum() or before[i - 1] in "_."):  # \w is str.isalnum() or "_"
        i -= 1
    return before[i:stop] if i < stop else None


def _is_end(text: str, dot: int, end: int, after_url: bool = False) -> bool:
    """Does the punctuation at text[dot:end] end a sentence? (after_url: it closes a URL or link)"""
    if text[dot] in "!?…":
        return True
    before = text[max(0, dot - 60):dot]  # a bounded window: a whole-text prefix made long lines quadratic
    word = None if after_url else _tail_word(before)
    token = word.casefold() if word else ""
    nxt = _SPACE.match(text, end).end()  # not text[end:].lstrip(): a copy per full stop is quadratic
    after = text[nxt:nxt + 1]
    if not after:
        return True
    if token.rstrip(".") in _FINAL:
        return after[:1].isupper()
    if token.rstrip(".") in ABBREVIATIONS or token in ABBREVIATIONS:
        return False
    if _SMALL_NUMBER.fullmatch(token):  # "1. september", "20. mai", "3. kvartal", "Sak 3. Runden"
        if _ORDINAL_NEXT.match(text, end) or after[:1].isdigit() or _NUMBERED.search(before[: -len(token)]):
            return False
        if _LINE_START.search(before[: -len(token)] if dot > len(before) else "\n" + before[: -len(token)]):
            return False  # a numbered line or heading: "2. Godkjenning av referat", "### 7. Neste møte"
    if _SMALL_LETTER.fullmatch(token) and word and (len(before) == 1 or not before[-2].isalpha()) and after.isdigit():
        return False  # "d. 5. juni", "(s. 12)": a lone small letter before a number abbreviates
    if _LETTER.fullmatch(token) and word and (len(before) == 1 or not before[-2].isalpha()):
        if token.isupper() or after[:1].isupper():  # an initial: "A. B. Hansen"
            return False
    if _DOTTED.fullmatch(token):  # "f.eks", "bl.a", "m.fl"
        return False
    return after[:1].isupper() or after[:1].isdigit() or after[:1] in "\"«(“-–•*"


def sentence_spans(text: str, lines: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, whitespace trimmed; the pieces cover the text in order.

    lines=True also ends a sentence at a blank line and before a bulleted or numbered line."""
    guard = _protected(text)  # sorted, disjoint: looked up by bisection (a scan per full stop was quadratic)
    starts, ends = [a for a, _ in guard], {b for _, b in guard}
    cuts = []
    for m in _CANDIDATE.finditer(text):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < guard[i][1]:
            continue
        if _is_end(text, m.start(), m.end(), m.start() in ends):
            cuts.append(m.end())
    if lines:
        cuts = sorted(set(cuts) | _line_cuts(text))
    out, start = [], 0
    for c in cuts + [len(text)]:
        piece = text[start:c]
        a, b = start + len(piece) - len(piece.lstrip()), start + len(piece.rstrip())
        if b > a:
            out.append((a, b))
        start = c
    return out


def sentences(text: str, lines: bool = False) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, lines)]
