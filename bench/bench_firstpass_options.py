"""Other first passes than today's (retrieve/firstpass.py: SQ8 codes + exact re-rank, k_factor 2): their
CPU per FAISS search and how often `Searcher.dense` keeps today's top 100, on one build.

    nice -n 10 .venv/bin/python bench/bench_firstpass_options.py INDEX QUESTIONS.jsonl [--n 100]

One Engine; the first n questions are encoded once; each option replaces the Searcher's first pass,
then times `search(qv, 400)` (the m of a k=20 ask) over the questions, 3 passes, median (min), faiss at
1 OpenMP thread. Any option but today's may change the candidate set, so it is a ranking decision, not a
speed-up; figures in bench/README.md ("Issue 11, seventh pass").
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import faiss


def _refined(flat, vecs, qtype, k_factor):
    from askbot.retrieve.firstpass import FirstPass

    fp = FirstPass.__new__(FirstPass)  # FirstPass with another quantizer / k_factor
    codes = faiss.IndexScalarQuantizer(flat.d, qtype, faiss.METRIC_INNER_PRODUCT)
    codes.train(vecs)
    codes.add(vecs)
    fp._codes, fp._flat, fp.k_factor = codes, flat, k_factor
    fp._index = faiss.IndexRefine(codes, flat)
    fp._index.own_fields = False
    fp._index.k_factor = k_factor
    fp._plain = faiss.IndexRefineSearchParameters(k_factor=k_factor)
    return fp


class _Flat:
    """The exact fp32 scan alone."""

    def __init__(self, flat):
        self._flat = flat

    def search(self, qv, m, sel=None):
        return self._flat.search(qv.reshape(1, -1), m)[1][0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("index")
    ap.add_argument("questions")
    ap.add_argument("--n", type=int, default=100)
    a = ap.parse_args()
    from askbot.api.threads import limit_search_threads
    from askbot.retrieve import Engine
    from askbot.settings import Settings

    limit_search_threads()
    eng = Engine.load(Settings(index_dir=a.index))
    s = eng.searcher
    if s._first is None:
        raise SystemExit(f"{a.index}: this build has no first pass (fewer units than firstpass.MIN_UNITS)")
    qs = [json.loads(line)["question"] for line in open(a.questions, encoding="utf-8") if line.strip()][: a.n]
    qvs = [eng.embedder.encode_query(q) for q in qs]
    today, flat, sq = s._first, s._first._flat, faiss.ScalarQuantizer
    ref = [s.dense(qv, 100, None) for qv in qvs]
    options = [("today: SQ8, k_factor 2", lambda: today), ("flat fp32, exact", lambda: _Flat(flat)),
               ("SQ8, k_factor 1.5", lambda: _refined(flat, s._vecs, sq.QT_8bit, 1.5)),
               ("SQ8 uniform, k_factor 2", lambda: _refined(flat, s._vecs, sq.QT_8bit_uniform, 2)),
               ("SQ4, k_factor 4", lambda: _refined(flat, s._vecs, sq.QT_4bit, 4)),
               ("SQfp16, k_factor 2", lambda: _refined(flat, s._vecs, sq.QT_fp16, 2))]
    for name, make in options:
        s._first = fp = make()
        same = sum(s.dense(qv, 100, None) == r for qv, r in zip(qvs, ref))
        ms = []
        for _ in range(3):
            t = time.process_time()
            for qv in qvs:
                fp.search(qv, 400)
            ms.append((time.process_time() - t) * 1000 / len(qvs))
        print(json.dumps({"option": name, "ms_per_search": round(statistics.median(ms), 3),
                          "min": round(min(ms), 3), "dense_top100_same": f"{same}/{len(qvs)}"}), flush=True)
    s._first = today


if __name__ == "__main__":
    main()
