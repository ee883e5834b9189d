"""Hybrid retrieval: dense (FAISS) and lexical (BM25) candidates fused by reciprocal rank, with filters."""

from __future__ import annotations

from dataclasses import dataclass

import faiss
import numpy as np

from .embed import Embedder
from .store import OpenBuild
from .types import Filters, Hit

RRF_K = 60


@dataclass(frozen=True)
class Fusion:
    """How to fuse: weights of each retriever's reciprocal rank (0 switches one off)."""

    dense: float = 1.0
    lexical: float = 1.0
    k: int = RRF_K


DEFAULT_FUSION = Fusion()


class Searcher:
    """Searches one open build; read-only and safe to share between threads."""

    def __init__(self, build: OpenBuild, embedder: Embedder, fusion: Fusion = DEFAULT_FUSION):
        self.build, self.embedder, self.fusion = build, embedder, fusion
        dates = {m.id: m.date.toordinal() for m in build.meetings}
        names = {p.id: p.name.casefold() for p in build.people}
        ps = build.passages
        self._date = np.array([dates.get(p.meeting_id, 0) for p in ps], dtype=np.int64)
        self._meeting = np.array([p.meeting_id for p in ps], dtype=object)
        self._person = np.array([p.person_id or "" for p in ps], dtype=object)
        self._who = [f"{names.get(p.person_id, '')}|{(p.speaker_label or '').casefold()}" for p in ps]
        self._org = [(p.organisation or "").casefold() for p in ps]

    def mask(self, filters: Filters | None) -> np.ndarray | None:
        """Rows allowed by the filters, or None when nothing is filtered."""
        if filters is None or filters == Filters():
            return None
        m = np.ones(len(self.build.passages), dtype=bool)
        if filters.meeting:
            m &= np.array([mid == filters.meeting or mid.startswith(filters.meeting) for mid in self._meeting])
        if filters.since:
            m &= self._date >= filters.since.toordinal()
        if filters.until:
            m &= self._date <= filters.until.toordinal()
        if filters.person:
            needle = filters.person.casefold()
            m &= np.array([pid == filters.person or needle in who for pid, who in zip(self._person, self._who)])
        if filters.organisation:
            needle = filters.organisation.casefold()
            m &= np.array([needle in org for org in self._org])
        return m

    def dense(self, query_vec: np.ndarray, n: int, mask: np.ndarray | None) -> list[tuple[int, float]]:
        index = self.build.vectors
        n = min(n, index.ntotal)
        if n == 0:
            return []
        params = None
        if mask is not None:
            allowed = np.flatnonzero(mask).astype(np.int64)
            if not len(allowed):
                return []
            sel = faiss.IDSelectorBatch(allowed)
            params = (faiss.SearchParametersHNSW(sel=sel, efSearch=max(128, n))
                      if isinstance(index, faiss.IndexHNSW) else faiss.SearchParameters(sel=sel))
        scores, ids = index.search(query_vec.reshape(1, -1).astype(np.float32), n, params=params)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]

    def search(self, query: str, k: int = 10, filters: Filters | None = None,
               fetch: int | None = None) -> list[Hit]:
        """The k best passages; each retriever contributes `fetch` candidates (default max(50, 5k))."""
        fetch = fetch or max(50, 5 * k)
        mask = self.mask(filters)
        f = self.fusion
        dense = self.dense(self.embedder.encode_query(query), fetch, mask) if f.dense else []
        lexical = self.build.lexical.search(query, fetch, mask) if f.lexical else []
        return self.fuse(dense, lexical, k)

    def fuse(self, dense: list[tuple[int, float]], lexical: list[tuple[int, float]], k: int) -> list[Hit]:
        f = self.fusion
        score: dict[int, float] = {}
        d_rank = {row: r for r, (row, _) in enumerate(dense, 1)}
        l_rank = {row: r for r, (row, _) in enumerate(lexical, 1)}
        sim = dict(dense)
        for row, r in d_rank.items():
            score[row] = score.get(row, 0.0) + f.dense / (f.k + r)
        for row, r in l_rank.items():
            score[row] = score.get(row, 0.0) + f.lexical / (f.k + r)
        best = sorted(score, key=lambda row: (-score[row], row))[:k]
        ps = self.build.passages
        return [Hit(ps[row], score[row], d_rank.get(row), l_rank.get(row), sim.get(row)) for row in best]
