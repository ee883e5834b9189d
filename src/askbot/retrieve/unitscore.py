"""The dense score of many candidate passages at once, bit for bit the score `Searcher._raw_score` gives.

A passage's raw score mixes the query's cosine with the whole passage and with its best segment. Scored
one row at a time that is a Python loop of a slice, a matrix-vector product and a max per candidate
(≈360 candidates an ask: ~8 ms at 10,000 passages). Here the candidates are grouped by their number of
stored units and each group is one stacked product: numpy runs the same (n, d) @ (d,) BLAS call per
passage as the slice would (BLAS sums a matrix's rows in an order that depends on its shape, so one big
product over all candidates would move the last bits), then the same float32 arithmetic, vectorised.
The groups come from one stable sort of the candidates' unit counts, and the scores stay in an array
(`raw_score_array`): no dict or Python float per candidate on the search path.
"""

from __future__ import annotations

import numpy as np


def raw_score_array(vecs: np.ndarray, start: np.ndarray, qv: np.ndarray, rows: np.ndarray,
                    whole_weight: float) -> np.ndarray:
    """float64 array aligned with `rows` (int64): whole_weight * cos(whole) + (1 - whole_weight) *
    max cos(segment), cos(whole) alone for a passage stored as one unit; each the float32 value the
    per-passage formula gives. `start[r]:start[r + 1]` are row r's units in `vecs`."""
    out = np.empty(len(rows), dtype=np.float32)
    if not len(rows):
        return out.astype(np.float64)
    first = start[rows]
    counts = start[rows + 1] - first
    order = np.argsort(counts, kind="stable")
    sorted_counts = counts[order]
    cuts = np.flatnonzero(sorted_counts[1:] != sorted_counts[:-1]) + 1
    for lo, hi in zip(np.concatenate(([0], cuts)).tolist(), np.concatenate((cuts, [len(rows)])).tolist()):
        n = int(sorted_counts[lo])
        pick = order[lo:hi]
        base = first[pick]
        sims = vecs[base[:, None] + np.arange(n)] @ qv  # (len(group), n): one (n, d) @ (d,) per passage
        if n == 1:
            out[pick] = sims[:, 0]
        else:
            out[pick] = whole_weight * sims[:, 0] + (1 - whole_weight) * sims[:, 1:].max(axis=1)
    return out.astype(np.float64)


def raw_scores(vecs: np.ndarray, start: np.ndarray, qv: np.ndarray, rows: list[int],
               whole_weight: float) -> dict[int, float]:
    """row -> its raw score (`raw_score_array`), in the order of `rows`."""
    if not rows:
        return {}
    got = raw_score_array(vecs, start, qv, np.asarray(rows, dtype=np.int64), whole_weight)
    return dict(zip(rows, got.tolist()))
