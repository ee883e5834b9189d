"""The quote shown for a hit: the passage's segment that best answers the question, widened to whole sentences.

A passage is embedded whole and per segment at build time (index/units.py); the Searcher holds those
vectors, so each segment's cosine with the question costs one small dot product and no encode. A
segment's score is its cosine plus a little for the question's content words it holds (stemmed, a
shared stem of a compound counts) and for holding the kind of answer asked for (asktype.py: a number
for "hvor mange", a date for "when"); a segment without two words outside its links ("----", a lone
URL) is passed over; the runner-up joins the best when it is a neighbour nearly as good and both fit,
and an agenda heading brings the segment it heads. The pick is widened to whole sentences
(minutes/sentences.py) and, when longer than the limit, narrowed to the run of its sentences holding
the kind of answer asked for, then most of the question's words. A quote is always a verbatim
substring of the passage text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from itertools import islice

import numpy as np

from askbot.index import tokenize
from askbot.index.units import segments
from askbot.minutes.sentences import link_free, sentence_spans
from askbot.types import Passage

from .asktype import asks_for, has_kind, strength

LIMIT = 350  # characters of a shown quote (350 chosen on the samples: 300 -> 350 holds 2 more of 83 English answers)
W_WORDS = 0.02  # a segment holding all the question's content words gains this much cosine
W_KIND = 0.01  # … and this much for holding the kind of answer asked for (a number, a date)
NEAR = 0.01  # a neighbouring segment this close to the best joins it when both fit the limit
STEM = 5  # shared leading letters that make two longer words one ("ansøgningsfrist", "-fristen")
_MARKS = " \t\n-•*–"
_WORD = re.compile(r"[^\W\d_]{2,}")


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


@lru_cache(maxsize=4096)
def _layout(text: str) -> tuple[tuple[tuple[int, int], ...], frozenset[int], tuple[bool, ...], tuple[tuple[int, int], ...]]:
    """What a passage's quote is picked from, the same for every question, so kept per text (hits recur
    across questions; ≈0.3 ms a passage): its segments, those that say something (`_wordy`), which are
    agenda headings (`_heading`), and its sentences (lines=True)."""
    segs = tuple(segment_spans(text))
    wordy = frozenset(i for i, (a, b) in enumerate(segs) if _wordy(text[a:b]))
    heads = tuple(_heading(text[a:b]) for a, b in segs)
    return segs, wordy, heads, tuple(sentence_spans(text, lines=True))


@lru_cache(maxsize=256)
def _question(query: str) -> tuple[frozenset[str], str | None]:
    """The question's stemmed content words and the kind of answer it asks for (once per question)."""
    return frozenset(tokenize(query)), asks_for(query)


@lru_cache(maxsize=8192)
def _tokens(piece: str) -> frozenset[str]:
    """A segment's or sentence's stemmed content words (hit passages recur across questions: cached)."""
    return frozenset(tokenize(piece))


@lru_cache(maxsize=8192)
def _long(tokens: frozenset[str]) -> tuple[frozenset[str], tuple[str, ...]]:
    """The tokens of at least STEM letters, as a set and sorted (for prefix look-ups)."""
    long = frozenset(t for t in tokens if len(t) >= STEM)
    return long, tuple(sorted(long))


def _held(words: frozenset[str], tokens: frozenset[str]) -> set[str]:
    """The question words found in `tokens`: equal, or one a prefix of the other of at least STEM letters."""
    out = set(words & tokens)
    long, ordered = None, ()
    for w in words - out:
        if len(w) < STEM:
            continue
        if long is None:
            long, ordered = _long(tokens)
        at = bisect_left(ordered, w)  # tokens that start with w sort right after w
        if (at < len(ordered) and ordered[at].startswith(w)) or any(w[:n] in long for n in range(STEM, len(w))):
            out.add(w)
    return out


def _wordy(seg: str) -> bool:
    """Does the segment say something: two words of letters outside its links and e-mail addresses?"""
    return next(islice(_WORD.finditer(link_free(seg)), 1, None), None) is not None  # a second word


def _heading(seg: str) -> bool:
    """An agenda heading: in capitals ("TO RECEIVE AND ADOPT THE MINUTES …") or a line ending in a colon."""
    letters = list(filter(str.isalpha, seg))
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.7 * len(letters) or seg.rstrip().endswith(":")


def pick_quote(text: str, query: str, unit_sims: np.ndarray | None = None, limit: int = LIMIT) -> str:
    """The quote for `text`: unit_sims are the cosines of the question with the passage's embedded units
    (whole passage first, then each segment); None or a mismatch picks by words alone."""
    (segs, wordy, heads, spans), (words, kind) = _layout(text), _question(query)
    lo, hi = 0, len(text)
    if segs:
        vectors = unit_sims is not None and len(unit_sims) == len(segs) + 1
        cos = unit_sims[1:].tolist() if vectors else [0.0] * len(segs)
        score = [c + W_WORDS * len(_held(words, _tokens(text[a:b]))) / max(len(words), 1)
                 + W_KIND * has_kind(text[a:b], kind) for c, (a, b) in zip(cos, segs)]
        best = max(sorted(wordy) or range(len(segs)), key=lambda i: (score[i], -i))  # not "----" or a lone link
        lo, hi = segs[best]
        near = [i for i in (best - 1, best + 1) if i in wordy and score[i] >= score[best] - NEAR]
        if heads[best] and best + 1 in wordy:  # an agenda heading restates the question;
            near = [best + 1]  # what it heads holds the answer
        for i in sorted(near, key=lambda i: -score[i])[:1]:
            if max(hi, segs[i][1]) - min(lo, segs[i][0]) <= limit:
                lo, hi = min(lo, segs[i][0]), max(hi, segs[i][1])
    sents = [(a, b) for a, b in spans if a < hi and b > lo] or [(lo, hi)]
    quote = _fit(text, sents, words, kind, limit)
    if quote not in text:  # cannot happen; the contract is checked, not assumed
        quote = text.strip()[:limit]
    return quote


def _fit(text: str, sents: list[tuple[int, int]], words: set[str], kind: str | None, limit: int) -> str:
    """The whole run of sentences if it fits; else the window of whole sentences within the limit holding
    the kind of answer asked for, then most of the question's words, then the earliest, then the longest;
    a single sentence longer than the limit competes too, cut to it."""
    shared = [_held(words, _tokens(text[a:b])) for a, b in sents]
    kinds = [strength(text[a:b], kind) for a, b in sents]
    windows = [(i, j) for i in range(len(sents)) for j in range(i, len(sents))
               if i == j or sents[j][1] - sents[i][0] <= limit]  # a single sentence may be cut (_trim)

    def key(w: tuple[int, int]) -> tuple[int, int, int, int]:
        i, j = w
        return max(kinds[i:j + 1]), len(set().union(*shared[i:j + 1])), -i, sents[j][1] - sents[i][0]

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
        return pick_quote(passage.text, query, self.unit_sims(passage))

    def unit_sims(self, passage: Passage) -> np.ndarray | None:
        """The question's cosines with the passage's stored units (whole passage, then segments), if stored."""
        row = self._row.get(passage.id)
        return None if self._qv is None or row is None else self._sims(self._qv, row)
