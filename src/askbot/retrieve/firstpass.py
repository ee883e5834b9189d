"""A cheaper first pass over the unit vectors of a large exact (flat) build, derived at load.

Below `APPROX_THRESHOLD` passages the build stores an exact `IndexFlatIP`; each ask streams every
fp32 unit vector (≈110,000 units, ≈170 MB at 40,000 passages). Here the same vectors are also kept
as 8-bit scalar codes (faiss `IndexScalarQuantizer`, QT_8bit: a quarter of the bytes) and searched
through faiss `IndexRefine`: the codes give `K_FACTOR × m` candidates, whose exact fp32 inner
products (read from the flat index, no copy) pick the m returned. So the m units are the exact
top-m whenever those are among the codes' top `K_FACTOR × m`, up to which of several equal products
is kept (the flat scan's own choice there is arbitrary: faiss keeps k ≥ 100 in a reservoir)
(bench/README.md, "Issue 11, fourth pass"); the candidate passages are then rescored exactly as
before (unitscore.py).

Nothing is stored: the codes are derived from the stored vectors when the build is opened (≈0.1 s
per 27,000 units, +d bytes a unit of memory). Builds with fewer than `MIN_UNITS` units keep the flat
scan alone (it is cheap there, and the answers stay bit-for-bit those of the exact scan).
"""

from __future__ import annotations

import faiss
import numpy as np

MIN_UNITS = 20_000  # below this many unit vectors the flat scan alone is used (≈7,500 passages; at 27,312
# units, 10,809 passages, 743/743 real questions kept their top-5 and CPU an ask fell ×0.83–0.85)
K_FACTOR = 2  # code candidates per unit returned, rescored exactly (k_factor 4 found nothing more)


class FirstPass:
    """8-bit codes of a flat index's vectors, searched with an exact fp32 re-rank of the candidates."""

    def __init__(self, flat: faiss.IndexFlat, vecs: np.ndarray, k_factor: int = K_FACTOR):
        codes = faiss.IndexScalarQuantizer(flat.d, faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
        codes.train(vecs)
        codes.add(vecs)
        self._codes, self._flat, self.k_factor = codes, flat, k_factor
        self._index = faiss.IndexRefine(codes, flat)
        self._index.own_fields = False  # both indexes stay owned by Python
        self._index.k_factor = k_factor
        self._plain = faiss.IndexRefineSearchParameters(k_factor=k_factor)  # unfiltered asks: made once (read-only)

    @classmethod
    def for_index(cls, index: faiss.Index, vecs: np.ndarray, min_units: int | None = None) -> "FirstPass | None":
        """A first pass for a flat inner-product index with at least `min_units` (MIN_UNITS) vectors, else None."""
        min_units = MIN_UNITS if min_units is None else min_units
        flat = faiss.downcast_index(index)
        if not isinstance(flat, faiss.IndexFlat) or flat.metric_type != faiss.METRIC_INNER_PRODUCT:
            return None
        return cls(flat, vecs) if flat.ntotal >= min_units else None

    def search(self, qv: np.ndarray, m: int, sel: faiss.IDSelector | None = None) -> np.ndarray:
        """Ids of the m best units (exact inner products among the codes' candidates), -1 padded."""
        params, base = self._plain, None
        if sel is not None:  # `base` stays referenced here for the search
            base = faiss.SearchParameters(sel=sel)
            params = faiss.IndexRefineSearchParameters(k_factor=self.k_factor, base_index_params=base)
        _, ids = self._index.search(qv.reshape(1, -1).astype(np.float32), m, params=params)
        return ids[0]
