"""The 8-bit first pass (retrieve/firstpass.py) against today's exact flat scan, in one process.

    python bench/bench_firstpass.py INDEX [--repeats 2]

One Engine on INDEX (e.g. a `bench_scale.py --standin` build); the real questions of
tests/eval/{questions,samples}.jsonl and INDEX's minutes' questions.jsonl (if given with --questions)
are asked with the first pass off and on, interleaved, with the question vectors cached (the encode is
the same in both). Prints the identical-top-5 share of the answers, the dense rows' recall@50/@400
against the exact scan, CPU ms an ask and p50/p95; and per FAISS search (1 thread, 200 queries,
3 repeats, median (min–max)) the flat scan against the codes + exact re-rank.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("--questions", type=Path, action="append", default=[])
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args()
    os.environ.setdefault("ASKBOT_ENCODER", "onnx")
    import faiss

    from askbot.api.threads import limit_search_threads
    from askbot.retrieve import Engine, firstpass
    from askbot.settings import Settings

    limit_search_threads()
    files = [REPO / "tests/eval/questions.jsonl", REPO / "tests/eval/samples.jsonl", *args.questions]
    qs = list(dict.fromkeys(json.loads(x)["question"] for f in files for x in f.read_text().splitlines() if x.strip()))
    engine = Engine.load(Settings(index_dir=args.index))
    s = engine.searcher
    t = time.perf_counter()
    fp = firstpass.FirstPass.for_index(s.build.vectors, s._vecs, min_units=0)
    print(f"{len(qs)} questions, {s._vecs.shape[0]} units; first pass derived in {time.perf_counter() - t:.2f} s")
    for q in qs:
        engine.ask(q)  # the question-vector LRU
    answers, ms, cpu = {"off": {}, "on": {}}, {"off": [], "on": []}, {"off": 0.0, "on": 0.0}
    for rep in range(args.repeats):
        for i, q in enumerate(qs):
            for v in ("off", "on") if (i + rep) % 2 == 0 else ("on", "off"):
                s._first = fp if v == "on" else None
                c0, w0 = time.process_time(), time.perf_counter()
                a = engine.ask(q)
                ms[v].append((time.perf_counter() - w0) * 1000)
                cpu[v] += time.process_time() - c0
                answers[v][q] = (a.kind, a.text, tuple(repr(c) for c in a.hits[:5]))
    recall = {50: [], 400: []}
    Q = np.stack([engine.embedder.encode_query(q) for q in qs])
    for n in recall:
        for qv in Q:
            s._first = None
            ex = {r for r, *_ in s.dense(qv, n, None)}
            s._first = fp
            recall[n].append(len(ex & {r for r, *_ in s.dense(qv, n, None)}) / max(1, len(ex)))
    out = {"identical_top5": float(np.mean([answers["off"][q] == answers["on"][q] for q in qs]))}
    out.update({f"recall@{n}": (round(float(np.mean(r)), 4), round(float(np.min(r)), 3)) for n, r in recall.items()})
    for v in ms:
        out[v] = {"cpu_ms": round(cpu[v] / len(ms[v]) * 1000, 2), "p50": round(statistics.median(ms[v]), 2),
                  "p95": round(float(np.percentile(ms[v], 95)), 2)}
    print(json.dumps(out))
    faiss.omp_set_num_threads(1)
    flat = faiss.downcast_index(s.build.vectors)
    for name, f in (("flat", lambda q: flat.search(q[None], 200)), ("codes+re-rank", lambda q: fp.search(q, 200))):
        reps = []
        for _ in range(3):
            c0 = time.process_time()
            for q in Q[:200]:
                f(q)
            reps.append((time.process_time() - c0) / len(Q[:200]) * 1000)
        print(f"{name}: {statistics.median(reps):.2f} ({min(reps):.2f}–{max(reps):.2f}) CPU ms a search, m=200")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
