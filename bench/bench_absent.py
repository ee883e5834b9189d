"""Cost of the lexical relevance evidence per ask (retrieve/absent.py): Vocabulary.absent() (which
now includes missing_name()) and missing_name() alone, per question, on a published build's own
vocabulary and on that vocabulary padded with random tokens to the size of a large archive.

    python bench/bench_absent.py --index /tmp/me/samples --pad 150000 --repeats 5

Reports per-question median and p5/p95 over repeats × the eval questions (seed + samples sets),
the Vocabulary's construction time, and the one-off wordfreq import (lazy, first English question
with a capitalised word). Writes bench/results/absent.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import string
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from askbot.evaluate import load_questions  # noqa: E402
from askbot.index import store  # noqa: E402
from askbot.retrieve.absent import Vocabulary, build_words  # noqa: E402


def _per_question(fn, questions: list[str], repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        for q in questions:
            t = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t) * 1000)
    return out


def _summary(ms: list[float]) -> dict:
    ms = sorted(ms)
    return {"median_ms": round(statistics.median(ms), 4), "p5_ms": round(ms[len(ms) // 20], 4),
            "p95_ms": round(ms[len(ms) * 19 // 20], 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", type=Path, required=True, help="an index folder with a published build")
    ap.add_argument("--pad", type=int, default=150_000, help="random tokens added for the large-archive row")
    ap.add_argument("--repeats", type=int, default=5)
    a = ap.parse_args()
    build = store.open_build(a.index)
    questions = [q.question for f in ("tests/eval/questions.jsonl", "tests/eval/samples.jsonl")
                 for q in load_questions(ROOT / f)]
    t = time.perf_counter()
    from askbot.retrieve.absent import common_english
    common_english("warmup")
    wordfreq_ms = (time.perf_counter() - t) * 1000
    rng = random.Random(1)
    tokens = build.lexical.vocabulary()
    padded = sorted(set(tokens) | {"".join(rng.choices(string.ascii_lowercase + "æøå", k=rng.randint(4, 14)))
                                   for _ in range(a.pad)})
    langs = ["no"] * len(build.passages)
    rows = {}
    for name, toks in (("build", tokens), (f"build+{a.pad}", padded)):
        t = time.perf_counter()
        v = Vocabulary(toks, langs, build_words(build.meetings, build.people))
        init_ms = (time.perf_counter() - t) * 1000
        rows[name] = {"tokens": len(toks), "init_ms": round(init_ms, 1),
                      "absent": _summary(_per_question(v.absent, questions, a.repeats)),
                      "missing_name": _summary(_per_question(v.missing_name, questions, a.repeats))}
    result = {"questions": len(questions), "repeats": a.repeats, "loadavg": os.getloadavg(),
              "wordfreq_first_use_ms": round(wordfreq_ms, 1), "rows": rows}
    out = ROOT / "bench" / "results" / "absent.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2))
    print(f"{len(questions)} questions × {a.repeats}, load {os.getloadavg()[0]:.2f}; "
          f"wordfreq first use {wordfreq_ms:.0f} ms (once)")
    for name, r in rows.items():
        print(f"{name:>14} {r['tokens']:>7} tokens  init {r['init_ms']:6.1f} ms  absent p50 {r['absent']['median_ms']:.3f} "
              f"(p5 {r['absent']['p5_ms']:.3f}, p95 {r['absent']['p95_ms']:.3f}) ms  missing_name p50 "
              f"{r['missing_name']['median_ms']:.3f} (p95 {r['missing_name']['p95_ms']:.3f}) ms")


if __name__ == "__main__":
    main()
