"""Dense scores normalised per document language, for archives that mix languages.

multilingual-e5 scores a question higher against text in the question's own language, and the
spread of its scores differs per language too, so in a mixed archive an English question drifts to
English passages of other meetings and a Norwegian one to Norwegian passages. Each passage's score is
therefore read as a z-score among the passages of its own language: (score − mean) / spread, the mean
and spread being the question's scores over (a fixed sample of) that language's passages.

A passage's language is its document's: the language holding most of the meeting's text (by the
per-passage judgement of index/langs.py, weighted by length). Short lines (names, "Apologies: …",
table rows) carry no function words and were judged Norwegian by default; the document decides them.

Measured on tests/eval/samples.jsonl (mixed archive, 246 answerable questions; chosen there), against
the earlier centring (half of each language's mean affinity taken off, per passage language):
R@1 0.435 → 0.467, R@5 0.659 → 0.679, paraphrase R@5 0.388 → 0.447. The seed (one language) is
unchanged. Per-passage languages with z-scores gave R@5 0.659; document languages with the earlier
centring 0.663–0.675 (weights 0.5–1).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MIN_PASSAGES = 20  # a language needs this many passages to get its own statistics
SAMPLE = 1000  # passages per language the statistics are taken over (evenly spaced; bounds the cost)


def document_languages(meetings: Sequence[str], langs: Sequence[int], lengths: Sequence[int]) -> np.ndarray:
    """Each passage's document language: per meeting, the language with most characters of text."""
    meetings = np.asarray(meetings, dtype=object)
    langs = np.asarray(langs, dtype=np.int64)
    weights = np.maximum(np.asarray(lengths, dtype=np.float64), 1.0)
    out = langs.copy()
    if not len(langs):
        return out
    size = int(langs.max()) + 1
    for m in dict.fromkeys(meetings.tolist()):
        rows = meetings == m
        out[rows] = int(np.bincount(langs[rows], weights=weights[rows], minlength=size).argmax())
    return out


class LanguageNorm:
    """Per-language score statistics for one build; `active` only when two or more languages have
    MIN_PASSAGES passages each. Read-only after construction (safe to share between threads)."""

    def __init__(self, vecs: np.ndarray, start: np.ndarray, langs: np.ndarray, whole_weight: float):
        self.langs = np.asarray(langs, dtype=np.int64)
        self.whole_weight = whole_weight
        counts = np.bincount(self.langs, minlength=1)
        self.active = int((counts >= MIN_PASSAGES).sum()) >= 2
        size = len(counts)
        self._own = np.array([i if counts[i] >= MIN_PASSAGES else -1 for i in range(size)])  # -1: pooled
        rows = []
        for i in range(size):
            have = np.flatnonzero(self.langs == i)
            if len(have) > SAMPLE:
                have = have[np.linspace(0, len(have) - 1, SAMPLE).astype(np.int64)]
            rows.append(have)
        self._rows = np.concatenate(rows) if rows else np.zeros(0, np.int64)
        self._row_lang = self.langs[self._rows]
        lo, hi = start[self._rows], start[self._rows + 1]
        units = np.concatenate([np.arange(a, b) for a, b in zip(lo, hi)]) if len(lo) else np.zeros(0, np.int64)
        self._sample = np.ascontiguousarray(vecs[units])  # copied once (≤ 3 × SAMPLE passages' units)
        self._first = np.concatenate([[0], np.cumsum(hi - lo)[:-1]]).astype(np.int64) if len(lo) else self._rows
        self._nseg = hi - lo - 1

    def scores(self, qv: np.ndarray) -> np.ndarray:
        """The sampled passages' dense scores (whole/segment mix, as search.py scores a passage)."""
        if not len(self._rows):
            return np.zeros(0, np.float32)
        sims = self._sample @ qv
        whole = sims[self._first]
        segs = sims.copy()
        segs[self._first] = -np.inf  # the whole-passage unit is not a segment
        best = np.maximum.reduceat(segs, self._first)
        w = self.whole_weight
        return np.where(self._nseg > 0, w * whole + (1 - w) * best, whole)

    def statistics(self, qv: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(mean, spread) of the question's scores per language; small languages take the pooled ones."""
        s = self.scores(qv)
        size = len(self._own)
        pooled = (float(s.mean()), float(s.std()) + 1e-6) if len(s) else (0.0, 1.0)
        mean, spread = np.full(size, pooled[0]), np.full(size, pooled[1])
        for i in range(size):
            if self._own[i] >= 0:
                x = s[self._row_lang == i]
                mean[i], spread[i] = float(x.mean()), float(x.std()) + 1e-6
        return mean, spread

    def normalise(self, rows: list[int], raw: list[float], qv: np.ndarray) -> list[float]:
        """Each row's raw score as a z-score among the passages of its language, for question `qv`."""
        mean, spread = self.statistics(qv)
        i = self.langs[np.asarray(rows, dtype=np.int64)]
        return ((np.asarray(raw, dtype=np.float64) - mean[i]) / spread[i]).tolist()
