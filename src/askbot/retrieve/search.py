"""Retrieval: multi-vector dense search (FAISS) fused with BM25 by reciprocal rank, with filters.

Measured on tests/eval/questions.jsonl (half paraphrases sharing no words with the answer):
BM25 in every query pulls paraphrased Norwegian questions towards passages sharing incidental
words (recall@5 no 0.70 with plain RRF, 0.91 dense alone), while it is what finds rare names and
terms. So by default ("gated") BM25 joins the fusion only when its best passage covers at least
half of the question's content words (two or more): the question is literal, and lexical
evidence is trustworthy.

In an archive mixing languages, dense scores are z-scores among the passages of the passage's
document language (langnorm.py), so the question's own language does not pull the hits.
"""

from __future__ import annotations

from dataclasses import dataclass

import faiss
import numpy as np

from askbot.index import HNSW_EF_SEARCH, OpenBuild
from askbot.index.langs import passage_language
from askbot.model import Embedder
from askbot.types import Filters, Hit

from .firstpass import FirstPass
from .langnorm import LanguageNorm, document_languages
from .rowfilter import RowFilter
from .unitscore import raw_score_array

LANGS = ("no", "da", "en")
MIN_LANG_PASSAGES = 20  # a language needs this many passages before scores are centred on it
WHOLE_WEIGHT = 0.3  # dense score = 0.3 * whole passage + 0.7 * best segment (measured best of 0.3/0.5/1.0)


@dataclass(frozen=True)
class Fusion:
    """mode: "gated" (default), "rrf" (always fuse), "dense" or "lexical" (one retriever only)."""

    mode: str = "gated"
    k: int = 60
    lexical_weight: float = 1.0
    min_coverage: float = 0.5
    language_weight: float = 0.5  # how much of the query's same-language bonus is taken off (mixed archives)
    language_norm: str = "document"  # "document": z-scores per document language (langnorm.py); "centre": the above


DEFAULT_FUSION = Fusion()


class Searcher:
    """Searches one open build; read-only and safe to share between threads."""

    def __init__(self, build: OpenBuild, embedder: Embedder, fusion: Fusion = DEFAULT_FUSION):
        self.build, self.embedder, self.fusion = build, embedder, fusion
        index = build.vectors
        flat = index.storage if isinstance(index, faiss.IndexHNSW) else index
        flat = faiss.downcast_index(flat)
        # A view of the stored vectors (no copy), to score every unit of a candidate passage exactly.
        self._vecs = faiss.rev_swig_ptr(flat.get_xb(), index.ntotal * index.d).reshape(index.ntotal, index.d)
        self._first = FirstPass.for_index(index, self._vecs)  # 8-bit codes + exact re-rank (firstpass.py)
        self._start = np.searchsorted(build.owner, np.arange(len(build.passages) + 1))
        dates = {m.id: m.date.toordinal() for m in build.meetings}
        names = {p.id: p.name.casefold() for p in build.people}
        ps = build.passages
        self._date = np.array([dates.get(p.meeting_id, 0) for p in ps], dtype=np.int64)
        self._meeting = [p.meeting_id for p in ps]
        self._person = [" ".join(filter(None, (p.person_id, *p.people_ids))) for p in ps]
        self._who = [f"{'|'.join(names.get(i, '') for i in (p.person_id, *p.people_ids) if i)}|"
                     f"{(p.speaker_label or '').casefold()}" for p in ps]
        self._org = [(p.organisation or "").casefold() for p in ps]
        self._rows = RowFilter(self._meeting, self._date, self._person, self._who, self._org)
        self._centre_languages(build)

    def mask(self, filters: Filters | None) -> np.ndarray | None:
        """Passage rows allowed by the filters (read-only), or None when nothing is filtered (rowfilter.py)."""
        return self._rows.mask(filters)

    def _centre_languages(self, build: OpenBuild) -> None:
        """Each passage's language and each language's mean unit vector (when the archive has several)."""
        langs = build.languages or [passage_language(p) for p in build.passages]  # stored by the build
        self._lang = np.array([LANGS.index(x) for x in langs], dtype=np.int64)
        self._centres = None
        counts = np.bincount(self._lang, minlength=len(LANGS))
        if (counts >= MIN_LANG_PASSAGES).sum() >= 2:
            unit_lang = self._lang[np.asarray(build.owner, dtype=np.int64)]
            self._centres = np.stack([self._vecs[unit_lang == i].mean(axis=0) if counts[i] else
                                      np.zeros(self._vecs.shape[1], dtype=np.float32) for i in range(len(LANGS))])
        self._norm = None
        if self.fusion.language_norm == "document":
            doc = document_languages(self._meeting, self._lang, [len(p.text) for p in build.passages])
            norm = LanguageNorm(self._vecs, self._start, doc, WHOLE_WEIGHT)
            self._norm = norm if norm.active else None

    def passage_languages(self) -> list[str]:
        """Each passage's language ("no", "da" or "en"), in build order."""
        return [LANGS[i] for i in self._lang]

    def document_languages(self) -> list[str] | None:
        """Each passage's document language, as the z-scores use it; None when they are off."""
        return None if self._norm is None else [LANGS[i] for i in self._norm.langs]

    def language_shift(self, qv: np.ndarray) -> np.ndarray | None:
        """Per language: the query's cosine with that language's centre (its same-language bonus)."""
        return None if self._centres is None else self._centres @ qv

    def unit_sims(self, qv: np.ndarray, row: int) -> np.ndarray:
        """The query's cosines with passage `row`'s stored units: the whole passage, then its segments."""
        return self._vecs[self._start[row]:self._start[row + 1]] @ qv

    def _raw_score(self, qv: np.ndarray, row: int) -> float:
        """Mix of the whole passage's and its best segment's cosine with the query."""
        sims = self.unit_sims(qv, row)
        return float(sims[0]) if len(sims) == 1 else float(WHOLE_WEIGHT * sims[0] + (1 - WHOLE_WEIGHT) * sims[1:].max())

    def _shifted(self, raw: float, row: int, shift: np.ndarray | None) -> float:
        """Less the query's affinity to the passage's language, when the archive mixes languages."""
        return raw if shift is None else raw - self.fusion.language_weight * float(shift[self._lang[row]])

    def dense(self, qv: np.ndarray, n: int, mask: np.ndarray | None) -> list[tuple[int, float, float]]:
        """Top-n (row, score, raw cosine) by dense score; candidates come from FAISS over all units."""
        index = self.build.vectors
        m = min(4 * n, index.ntotal)
        if m == 0:
            return []
        sel = None
        if mask is not None:
            allowed = np.flatnonzero(mask[self.build.owner]).astype(np.int64)
            if not len(allowed):
                return []
            sel = faiss.IDSelectorBatch(allowed)
        if isinstance(index, faiss.IndexHNSW):
            params = faiss.SearchParametersHNSW(sel=sel, efSearch=max(HNSW_EF_SEARCH, m))
        else:
            params = faiss.SearchParameters(sel=sel) if sel is not None else None
        if self._first is not None:
            ids = self._first.search(qv, m, sel)[None]
        else:
            _, ids = index.search(qv.reshape(1, -1).astype(np.float32), m, params=params)
        found = ids[0]
        rows = np.unique(self.build.owner[found[found >= 0]])  # the candidates' passages (order is free: sorted below)
        raw = raw_score_array(self._vecs, self._start, qv, rows, WHOLE_WEIGHT)  # = _raw_score per row, batched
        if self._norm is not None:  # the z-score or the shift only re-ranks; `raw` stays the cosine mix
            score = np.asarray(self._norm.normalise(rows, raw, qv), dtype=np.float64)
        else:  # = self._shifted per row, vectorised (the same float64 arithmetic)
            shift, score = self.language_shift(qv), raw
            if shift is not None:
                score = raw - self.fusion.language_weight * shift.astype(np.float64)[self._lang[rows]]
        top = np.lexsort((rows, -score))[:n]  # score descending, then row: as sorting (-score, row)
        return list(zip(rows[top].tolist(), score[top].tolist(), raw[top].tolist()))

    def search(self, query: str, k: int = 10, filters: Filters | None = None,
               fetch: int | None = None, query_vec: np.ndarray | None = None) -> list[Hit]:
        """The k best passages; each retriever contributes `fetch` candidates (default max(50, 5k))."""
        fetch = fetch or max(50, 5 * k)
        mask = self.mask(filters)
        mode = self.fusion.mode
        if mode != "lexical" and query_vec is None:
            query_vec = self.embedder.encode_query(query)
        dense = self.dense(query_vec, fetch, mask) if mode != "lexical" else []
        lexical = self.build.lexical.search(query, fetch, mask) if mode != "dense" else []
        if mode == "gated" and lexical:
            found, total = self.build.lexical.coverage(query, lexical[0][0])
            if found < 2 or found < self.fusion.min_coverage * total:
                return self.fuse(dense, [], k, lexical)
        return self.fuse(dense, lexical, k, lexical)

    def fuse(self, dense: list[tuple[int, float, float]], lexical: list[tuple[int, float]], k: int,
             lexical_seen: list[tuple[int, float]] = ()) -> list[Hit]:
        f = self.fusion
        d_rank = {t[0]: r for r, t in enumerate(dense, 1)}
        l_rank = {t[0]: r for r, t in enumerate(lexical_seen, 1)}
        sim = {t[0]: t[2] for t in dense}
        score = {row: 1 / (f.k + r) for row, r in d_rank.items()}
        for r, (row, _) in enumerate(lexical, 1):
            score[row] = score.get(row, 0.0) + f.lexical_weight / (f.k + r)
        best = [row for _, row in sorted([(-s, row) for row, s in score.items()])[:k]]  # score, then row
        ps = self.build.passages
        return [Hit(ps[row], score[row], d_rank.get(row), l_rank.get(row), sim.get(row)) for row in best]
