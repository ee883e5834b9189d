"""Serving at scale: ready time, RSS, ask p50/p95 in-process and over HTTP at 1/8/32 clients,
torch against onnx (fp32) in one interleaved run, on a synthetic archive of any size.

    python bench/bench_scale.py --meetings 250 --standin --repeats 2 --seconds 8
    python bench/bench_scale.py --meetings 1000 --standin --repeats 2 --seconds 8

``--standin`` builds the index with the real pipeline (parse, people, units, FAISS, metadata) but
with **stand-in passage vectors**: a bag of words, each word a fixed pseudo-random gaussian,
normalised. Questions are encoded by the real model. Serving costs (FAISS scans every unit: the
index is flat below ``approx_threshold``, so recall against exact search is 1 by construction;
per-passage rescoring; the answer) do not depend on the vectors' values, so latency, ready time
and RSS are those of a real archive of that size, while no quality figure is (none is reported).
It exists because embedding a 10,000-passage archive takes ≈28 CPU-minutes on this machine (see
README). The stand-in build lives in its own index folder (its own embedding cache).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import zlib
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_encoder import rss_mb, serve_run  # noqa: E402
from bench_http import pct, spread  # noqa: E402


class StandIn:
    """The real Embedder for questions; bag-of-words vectors for passages (latency only)."""

    def __init__(self, real):
        self.real, self.model_id, self.dims, self.record = real, real.model_id, real.dims, {
            **real.record, "standin": "bag-of-words passage vectors (bench_scale.py)"}
        self._words: dict[str, np.ndarray] = {}

    def _word(self, w: str) -> np.ndarray:
        v = self._words.get(w)
        if v is None:
            v = self._words[w] = np.random.default_rng(zlib.crc32(w.encode())).standard_normal(self.dims, np.float32)
        return v

    def encode_passages(self, texts, progress=False):
        out = np.stack([np.sum([self._word(w) for w in (t.lower().split() or ["."])], axis=0) for t in texts])
        return (out / np.linalg.norm(out, axis=1, keepdims=True)).astype(np.float32)

    def encode_query(self, text):
        return self.real.encode_query(text)

    def encode_queries(self, texts):
        return self.real.encode_queries(texts)


def standin_build(minutes: Path, index: Path) -> dict:
    done = index / "build-time.json"
    if done.exists():
        return json.loads(done.read_text())
    from askbot.index import build
    from askbot.model import Embedder
    from askbot.settings import Settings

    settings = Settings(minutes_dir=minutes, index_dir=index)
    t = time.perf_counter()
    report = build(settings, StandIn(Embedder.load(settings)), skip_bad=True)
    import resource

    out = {"seconds": time.perf_counter() - t, "embedded": report.embedded, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
           "load": os.getloadavg()}
    meta = json.loads(next((index / "builds").glob("*/manifest.json")).read_text())
    out["passages"], out["faiss"] = meta["passages"], meta["index_type"]
    done.write_text(json.dumps(out))
    return out


def in_process(index: Path, encoder: str, questions: list[str]) -> dict:
    """A child process: load the Engine, ask each question once (the LRU never answers), time it."""
    os.environ["ASKBOT_ENCODER"] = encoder
    if encoder == "torch":
        os.environ.setdefault("OMP_NUM_THREADS", "1")
    from askbot.api.threads import limit_search_threads
    from askbot.retrieve import Engine
    from askbot.settings import Settings

    limit_search_threads()  # as `askbot serve` does: one OpenMP thread per FAISS search
    engine = Engine.load(Settings(index_dir=index))
    for q in questions[:5]:
        engine.ask(q + " ?")
    times = []
    for q in questions:
        t = time.perf_counter()
        engine.ask(q)
        times.append((time.perf_counter() - t) * 1000)
    return {"ask_p50": statistics.median(times), "ask_p95": pct(times, 95), "rss_engine_mb": rss_mb(os.getpid())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--meetings", type=int, default=250)
    ap.add_argument("--work", type=Path, default=Path("/tmp/askbot-bench-scale"))
    ap.add_argument("--standin", action="store_true", help="stand-in passage vectors (latency, RSS, ready only)")
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--clients", default="1,8,32")
    ap.add_argument("--encoders", default="torch,onnx")
    ap.add_argument("--workers", default="", help="onnx servers with these ASKBOT_ENCODE_WORKERS too, e.g. 1,3")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    minutes = args.work / f"minutes-{args.meetings}"
    index = args.work / f"index-{args.meetings}{'-standin' if args.standin else ''}"
    if not (minutes / "questions.jsonl").exists():
        subprocess.run([sys.executable, str(HERE / "synth.py"), "--meetings", str(args.meetings), "--out",
                        str(minutes), "--seed", "1"], check=True)
    questions = [json.loads(x)["question"] for x in (minutes / "questions.jsonl").read_text().splitlines() if x]
    if args.child:
        print(json.dumps(in_process(index, args.child, questions[:120])))
        return 0
    if not args.standin and not (index / "CURRENT").exists():
        raise SystemExit(f"{index}: no build; build it with `askbot build` or pass --standin")
    built = standin_build(minutes, index) if args.standin else {}
    print(f"build: {json.dumps(built)}", flush=True)
    encoders = args.encoders.split(",")
    clients = [int(c) for c in args.clients.split(",")]
    rows: dict[str, list[dict]] = {}
    for rep in range(args.repeats):
        for enc in encoders[rep % len(encoders):] + encoders[:rep % len(encoders)]:
            row = {"load_before": os.getloadavg()[0]}
            c = subprocess.run([sys.executable, __file__, "--work", str(args.work), "--meetings", str(args.meetings),
                                "--child", enc] + (["--standin"] if args.standin else []),
                               capture_output=True, text=True, check=True)
            row.update(json.loads(c.stdout.strip().splitlines()[-1]))
            first = serve_run(index, {"ASKBOT_ENCODER": enc}, questions, args.seconds, clients=clients)
            row.update(first)
            rows.setdefault(enc, []).append(row)
            print(f"repeat {rep + 1} {enc}: {json.dumps({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()})}",
                  flush=True)
        for w in filter(None, args.workers.split(",")):
            row = {"load_before": os.getloadavg()[0], "ask_p50": float("nan"), "ask_p95": float("nan")}
            row.update(serve_run(index, {"ASKBOT_ENCODER": "onnx", "ASKBOT_ENCODE_WORKERS": w}, questions,
                                 args.seconds, clients=clients))
            rows.setdefault(f"onnx, {w} workers", []).append(row)
            print(f"repeat {rep + 1} onnx w{w}: {json.dumps({k: round(v, 2) for k, v in row.items()})}", flush=True)
    base = rows.get("torch")
    print(f"\n{args.meetings} meetings ({built.get('passages')} passages{', stand-in vectors' if args.standin else ''}); "
          f"median (min–max) over {args.repeats}; ratio to torch in the same repeat\n")
    keys = ["ask_p50", "ask_p95", "ready_s", "rss_mb"] + [f"c{c}_{m}" for c in clients for m in ("p50", "p95", "rps")]
    print("| encoder | " + " | ".join(keys) + " | load |\n" + "|---" * (len(keys) + 2) + "|")
    for name, runs in rows.items():
        cells = []
        for k in keys:
            cells.append(spread([r[k] for r in runs], 1,
                                [b[k] for b in base] if base is not None and name != "torch" else None))
        loads = [r["load_before"] for r in runs]
        print(f"| {name} | " + " | ".join(cells) + f" | {min(loads):.1f}–{max(loads):.1f} |")
    out = HERE / "results" / f"scale-{args.meetings}-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"meetings": args.meetings, "standin": args.standin, "build": built, "rows": rows}, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
