"""The quote shown for a hit: the passage's segment most similar to the question, widened to whole sentences.

A passage is embedded whole and per segment at build time (index/units.py); the Searcher holds those
vectors, so the segment closest to the question costs one small dot product and no encode. The
segment is then widened to whole sentences (minutes/sentences.py: ordinals, abbreviations, URLs, PDF
wraps) and, when longer than the limit, narrowed to the run of its sentences sharing most words with
the question. A quote is always a verbatim substring of the passage text.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from askbot.index import tokenize
from askbot.index.units import segments
from askbot.minutes.sentences import sentence_spans
from askbot.types import Passage

LIMIT = 300  # characters of a shown quote
_MARKS = " \t\n-•*–"


def segment_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) in `text` of each embedded segment, in the order they were embedded."""
    out, pos = [], 0
    for seg in segments(text):
        a = text.find(seg, pos)
        if a < 0:
            return []
        out.append((a, a + len(seg)))
        pos = a + 1
    return out


def pick_quote(text: str, query: str, unit_sims: np.ndarray | None = None, limit: int = LIMIT) -> str:
    """The quote for `text`: unit_sims are the cosines of the question with the passage's embedded units
    (whole passage first, then each segment); None or a mismatch falls back to the whole passage."""
    segs = segment_spans(text)
    lo, hi = 0, len(text)
    if unit_sims is not None and segs and len(unit_sims) == len(segs) + 1:
        lo, hi = segs[int(np.argmax(unit_sims[1:]))]
    elif segs:  # no vectors: the segment sharing most words with the question, else the first
        words = set(tokenize(query))
        lo, hi = max(segs, key=lambda s: (len(words.intersection(tokenize(text[s[0]:s[1]]))), -s[0]))
    sents = [(a, b) for a, b in sentence_spans(text, lines=True) if a < hi and b > lo] or [(lo, hi)]
    quote = _fit(text, sents, set(tokenize(query)), limit)
    if quote not in text:  # cannot happen; the contract is checked, not assumed
        quote = text.strip()[:limit]
    return quote


def _fit(text: str, sents: list[tuple[int, int]], words: set[str], limit: int) -> str:
    """The whole run of sentences if it fits; else the window of whole sentences within the limit sharing
    most words with the question (then the earliest, then the longest); else the best single sentence."""
    shared = [words.intersection(tokenize(text[a:b])) for a, b in sents]
    windows = [(i, j) for i in range(len(sents)) for j in range(i, len(sents))
               if sents[j][1] - sents[i][0] <= limit] or [(i, i) for i in range(len(sents))]

    def key(w: tuple[int, int]) -> tuple[int, int, int]:
        i, j = w
        return len(set().union(*shared[i:j + 1])), -i, sents[j][1] - sents[i][0]

    i, j = max(windows, key=key)
    a, b = sents[i][0], sents[j][1]
    return _trim(text[a:b], limit)


def _trim(quote: str, limit: int) -> str:
    """Strip bullet marks; cut an over-long single sentence at a clause or word boundary."""
    quote = quote.strip(_MARKS) or quote.strip()
    if len(quote) <= limit:
        return quote
    cut = quote[:limit]
    for sep in ("; ", ", ", " "):
        at = cut.rfind(sep)
        if at > limit // 2:
            return cut[:at].rstrip(" ,;")
    return cut


class Quoter:
    """Quotes for one question: the question's vector against the stored unit vectors of each passage."""

    def __init__(self, unit_sims: Callable[[np.ndarray, int], np.ndarray], row_of: dict[str, int],
                 query_vec: np.ndarray | None):
        self._sims, self._row, self._qv = unit_sims, row_of, query_vec

    def __call__(self, passage: Passage, query: str) -> str:
        row = self._row.get(passage.id)
        sims = None if self._qv is None or row is None else self._sims(self._qv, row)
        return pick_quote(passage.text, query, sims)
