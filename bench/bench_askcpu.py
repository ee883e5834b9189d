"""CPU per ask besides the question encode: `Engine.ask` over realistic questions with cached vectors.

Loads a build, encodes each question once (a warm-up pass fills a vector cache), then times passes of
`ask` over the same questions by `time.process_time` (CPU, robust on a shared machine) with faiss at
one OpenMP thread, as the service runs it (askbot/api/threads.py). Prints the median and range of the
per-ask CPU over the runs, and the load average. Then `fresh`: one timed pass over the next n questions,
never asked in this process (their vectors encoded beforehand, untimed), so per-passage caches only
help where their hits overlap the first set's. Not a test; figures go in bench/README.md.

    nice -n 10 .venv/bin/python bench/bench_askcpu.py INDEX QUESTIONS.jsonl [--n 150] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("index")
    ap.add_argument("questions")
    ap.add_argument("--n", type=int, default=150, help="questions (the first n)")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    from askbot.api.threads import limit_search_threads
    from askbot.retrieve import Engine
    from askbot.settings import Settings

    limit_search_threads()
    every = [json.loads(line)["question"] for line in open(a.questions, encoding="utf-8") if line.strip()]
    qs, others = every[: a.n], every[a.n: 2 * a.n]
    eng = Engine.load(Settings(index_dir=a.index))
    vecs, encode = {}, eng.embedder.encode_query

    def cached(q: str):
        if q not in vecs:
            vecs[q] = encode(q)
        return vecs[q]

    eng.embedder.encode_query = cached
    for q in qs:  # warm-up: fills the vector cache and every lazy structure
        eng.ask(q)
    per_ask = []
    for _ in range(a.runs):
        t = time.process_time()
        for q in qs:
            eng.ask(q)
        per_ask.append((time.process_time() - t) * 1000 / len(qs))
    for q in others:
        cached(q)
    t = time.process_time()
    for q in others:
        eng.ask(q)
    fresh = (time.process_time() - t) * 1000 / max(len(others), 1)
    import askbot
    print(json.dumps({"index": a.index, "questions": len(qs), "runs": a.runs,
                      "cpu_ms_per_ask_median": round(statistics.median(per_ask), 3),
                      "min": round(min(per_ask), 3), "max": round(max(per_ask), 3),
                      "all": [round(x, 3) for x in per_ask], "fresh": round(fresh, 3),
                      "fresh_questions": len(others), "load": os.getloadavg(),
                      "code": os.path.dirname(askbot.__file__)}))


if __name__ == "__main__":
    main()
