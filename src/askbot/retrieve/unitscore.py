"""The dense score of many candidate passages at once, bit for bit the score `Searcher._raw_score` gives.

A passage's raw score mixes the query's cosine with the whole passage and with its best segment. Scored
one row at a time that is a Python loop of a slice, a matrix-vector product and a max per candidate
(≈360 candidates an ask: ~8 ms at 10,000 passages). Here the candidates are grouped by their number of
stored units and each group is one stacked product: numpy runs the same (n, d) @ (d,) BLAS call per
passage as the slice would (BLAS sums a matrix's rows in an order that depends on its shape, so one big
product over all candidates would move the last bits), then the same float32 arithmetic, vectorised.
"""

from __future__ import annotations

import numpy as np


def raw_scores(vecs: np.ndarray, start: np.ndarray, qv: np.ndarray, rows: list[int],
               whole_weight: float) -> dict[int, float]:
    """row -> whole_weight * cos(whole) + (1 - whole_weight) * max cos(segment); cos(whole) alone
    for a passage stored as one unit. `start[r]:start[r + 1]` are row r's units in `vecs`."""
    if not rows:
        return {}
    rows_a = np.asarray(rows, dtype=np.int64)
    first = start[rows_a]
    counts = start[rows_a + 1] - first
    out: dict[int, float] = {}
    for n in np.unique(counts):
        pick = counts == n
        group, base = rows_a[pick], first[pick]
        sims = vecs[base[:, None] + np.arange(n)] @ qv  # (len(group), n): one (n, d) @ (d,) per passage
        if n == 1:
            mixed = sims[:, 0]
        else:
            mixed = whole_weight * sims[:, 0] + (1 - whole_weight) * sims[:, 1:].max(axis=1)
        out.update(zip(group.tolist(), mixed.tolist()))
    return {r: out[r] for r in rows}
