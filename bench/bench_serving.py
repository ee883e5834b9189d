"""Serving before/after a change, interleaved in one run: in-process ask p50/p95, ready, RSS, HTTP at
1/8/32 clients, each variant its own source tree (a `git worktree`) and its own index.

    git worktree add --detach /tmp/wt-base <commit>
    python bench/bench_serving.py --variant base=/tmp/wt-base/src:/tmp/old-index \
        --variant now=src:/tmp/new-index --questions Q.jsonl --repeats 3 --seconds 8

A build made by one tree may not open in the other (a format bump), so each variant names its
index; build both from the same minutes (stand-in vectors: ``bench_scale.py --standin``, deterministic)
so they hold the same passages and vectors. Every process gets PYTHONPATH=<tree>, so the tree's code
is what runs. In-process: one Engine, each question asked once after 5 warm-ups, faiss threads as the
tree's `askbot serve` sets them (`api.server.limit_search_threads` where the tree has it). Reports
median (min–max) over repeats, the ratio to the first variant in the same repeat, and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_encoder import rss_mb, serve_run  # noqa: E402
from bench_http import pct, spread  # noqa: E402

WORKERS = """
import sys
import askbot.api.app as A
import askbot.api.server as S
_create = A.create_app
S.create_app = lambda settings, **kw: _create(settings, **{{**kw, "workers": {0}}})
from askbot.cli import app
sys.argv = ["askbot"] + sys.argv[1:]
app()
"""
KEYS = ("ask_p50", "ask_p95", "ask_cpu_ms", "ready_s", "ready_cpu_s", "rss_mb")


def child(index: Path, questions: list[str]) -> dict:
    from askbot.retrieve import Engine
    from askbot.settings import Settings

    try:
        from askbot.api.server import limit_search_threads
    except ImportError:  # a tree from before it
        limit_search_threads = None
    if limit_search_threads is not None:
        limit_search_threads()
    engine = Engine.load(Settings(index_dir=index))
    for q in questions[:5]:
        engine.ask(q + " ?")
    times = []
    cpu = time.process_time()
    for q in questions:
        t = time.perf_counter()
        engine.ask(q)
        times.append((time.perf_counter() - t) * 1000)
    cpu = (time.process_time() - cpu) * 1000 / max(len(questions), 1)  # all threads: spinning shows here
    return {"ask_p50": statistics.median(times), "ask_p95": pct(times, 95), "ask_cpu_ms": cpu,
            "rss_engine_mb": rss_mb(os.getpid())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--variant", action="append", required=True,
                    help="NAME=SRC:INDEX[:ENV=VALUE...] (first one: the baseline); WORK_THREADS=N sets the "
                         "service's engine threads")
    ap.add_argument("--questions", type=Path, required=True, help="a questions.jsonl (bench/synth.py writes one)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--clients", default="1,8,32")
    ap.add_argument("--encoder", default="onnx")
    ap.add_argument("--in-process", type=int, default=120, help="questions asked in-process (0: skip)")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    questions = [json.loads(x)["question"] for x in args.questions.read_text().splitlines() if x.strip()]
    if args.child:
        print(json.dumps(child(Path(args.child), questions[:args.in_process])))
        return 0
    variants = []
    for v in args.variant:
        name, rest = v.split("=", 1)
        src, index, *extra = rest.split(":")
        variants.append((name, Path(src).resolve(), Path(index), dict(e.split("=", 1) for e in extra)))
    clients = [int(c) for c in args.clients.split(",") if c]
    rows: dict[str, list[dict]] = {}
    for rep in range(args.repeats):
        order = variants[rep % len(variants):] + variants[:rep % len(variants)]
        for name, src, index, extra in order:
            env = {"PYTHONPATH": str(src), "ASKBOT_ENCODER": args.encoder, **extra}
            if "WORK_THREADS" in env:  # the service's engine threads (create_app's `workers`), patched in
                env["ASKBOT_BENCH_CMD"] = WORKERS.format(int(env.pop("WORK_THREADS")))
            row = {"load": os.getloadavg()[0]}
            if args.in_process:
                c = subprocess.run([sys.executable, __file__, "--variant", "x=.:.", "--questions", str(args.questions),
                                    "--in-process", str(args.in_process), "--child", str(index)],
                                   env={**os.environ, **env}, capture_output=True, text=True, check=True)
                row.update(json.loads(c.stdout.strip().splitlines()[-1]))
            row.update(serve_run(index, env, questions, args.seconds, clients=clients))
            row["load_after"] = os.getloadavg()[0]
            rows.setdefault(name, []).append(row)
            print(f"repeat {rep + 1} {name}: " + json.dumps({k: round(v, 2) if isinstance(v, float) else v
                                                             for k, v in row.items()}), flush=True)
    keys = [k for k in KEYS if args.in_process or not k.startswith("ask")]
    keys += [f"c{c}_{m}" for c in clients for m in ("p50", "p95", "rps")]
    base = rows[variants[0][0]]
    print(f"\nmedian (min–max) over {args.repeats}; ×ratio to {variants[0][0]} in the same repeat (median)\n")
    print("| variant | " + " | ".join(keys) + " | load |\n" + "|---" * (len(keys) + 2) + "|")
    for name, runs in rows.items():
        cells = []
        for k in keys:
            nan = float("nan")
            cells.append(spread([r.get(k, nan) for r in runs], 1,
                                [b.get(k, nan) for b in base] if runs is not base else None))
        loads = [r["load"] for r in runs] + [r["load_after"] for r in runs]
        print(f"| {name} | " + " | ".join(cells) + f" | {min(loads):.1f}–{max(loads):.1f} |")
    out = HERE / "results" / f"serving-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"variants": [(n, str(s), str(i), e) for n, s, i, e in variants], "rows": rows}, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
