"""Encoders side by side, interleaved in one run: torch (today's, the baseline), onnx, onnx-int8.

    python bench/bench_encoder.py --meetings 60 --repeats 2 --seconds 8

Makes (or reuses) a synthetic archive (bench/synth.py) and two builds of it: fp32 vectors (made
on onnx, which torch loads too: same model id) and int8 vectors. Then per repeat, encoders in
rotating order, each in fresh processes:

- **encode**: a child process loads the Embedder and times one-question encodes (distinct
  questions, so the LRU never answers) and passage encodes (texts/s on archive paragraphs);
- **cold serve**: `askbot serve` spawned with ASKBOT_ENCODER; ready = spawn until the first
  /ask answers; RSS (VmRSS) right then; then 8 keep-alive clients drive /ask for --seconds
  (bench_http.load): p95 and req/s. `--variants` adds onnx servers with other
  ASKBOT_ENCODE_WORKERS / ASKBOT_ENCODE_BATCH, to size them.

Reports median (min–max) over repeats and each figure's ratio to torch's in the same repeat.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_http import load, pct, spread  # noqa: E402

ENCODERS = ["torch", "onnx", "onnx-int8"]


def child(encoder: str, minutes: Path, questions: list[str]) -> dict:
    """In this (fresh) process: load, time query encodes and passage encodes."""
    os.environ["ASKBOT_ENCODER"] = encoder
    if encoder == "torch":
        os.environ.setdefault("OMP_NUM_THREADS", "1")  # as `askbot serve` runs torch
    t0 = time.perf_counter()
    from askbot.model import Embedder
    from askbot.settings import Settings

    emb = Embedder.load(Settings())
    load_s = time.perf_counter() - t0
    for q in questions[:5]:
        emb.model.encode_queries([q])
    times = []
    for q in questions[5:]:
        t = time.perf_counter()
        emb.model.encode_queries([q])
        times.append((time.perf_counter() - t) * 1000)
    paras = [p.strip() for f in sorted(minutes.glob("*.txt"))[:20]
             for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 40]
    sample = random.Random(7).sample(paras, min(192, len(paras)))
    t = time.perf_counter()
    emb.encode_passages(sample)
    return {"load_s": load_s, "q_p50": statistics.median(times), "q_p95": pct(times, 95),
            "texts_per_s": len(sample) / (time.perf_counter() - t), "n_queries": len(times)}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def serve_run(index: Path, env_extra: dict, questions: list[str], seconds: float, clients: list[int] = (8,)) -> dict:
    """Spawn `askbot serve`; ready (to the first answer), VmRSS then, then each client count for ``seconds``:
    p50/p95/req/s as c{n}_p50 … (and the first count's as p50/p95/rps)."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    key = secrets.token_urlsafe(16)
    env = {**os.environ, "ASKBOT_API_KEYS": f"bench:{key}", "ASKBOT_RATE_LIMIT_PER_MINUTE": "0", **env_extra}
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    cmd = env.pop("ASKBOT_BENCH_CMD", None)  # a patched start-up (bench_ready.py)
    head = [sys.executable, "-c", cmd] if cmd else [sys.executable, "-m", "askbot.cli"]
    proc = subprocess.Popen(head + ["serve", "--port", str(port), "--index", str(index)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                r = httpx.post(base + "/ask", json={"question": questions[0]}, headers={"X-API-Key": key}, timeout=30)
                if r.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.perf_counter() - t0 > 300:
                raise SystemExit(f"server with {env_extra} did not answer")
            time.sleep(0.05)
        ready = time.perf_counter() - t0
        rss = rss_mb(proc.pid)
        stat = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime: CPU spent to ready
        loads = {n: asyncio.run(load(base, key, questions[1:], n, seconds)) for n in clients}
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    out = {"ready_s": ready, "ready_cpu_s": cpu, "rss_mb": rss, "errors": sum(r["errors"] for r in loads.values())}
    if clients:
        out.update({k: loads[clients[0]][k] for k in ("p50", "p95", "rps")})
    for n, r in loads.items():
        out.update({f"c{n}_p50": r["p50"], f"c{n}_p95": r["p95"], f"c{n}_rps": r["rps"]})
    return out


def timed_build(minutes: Path, index: Path, encoder: str) -> dict:
    if (index / "CURRENT").exists():
        return json.loads((index / "build-time.json").read_text())
    t = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "askbot.cli", "build", "--minutes", str(minutes), "--index", str(index),
                          "--no-progress"], env={**os.environ, "ASKBOT_ENCODER": encoder},
                         capture_output=True, text=True, check=True)
    out = {"encoder": encoder, "seconds": time.perf_counter() - t, "report": run.stdout.strip().splitlines()[-1]}
    (index / "build-time.json").write_text(json.dumps(out))
    return out


def med(vals: list[float]) -> str:
    return spread(vals, 2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--meetings", type=int, default=60)
    ap.add_argument("--work", type=Path, default=Path("/tmp/askbot-bench-encoder"))
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=8.0, help="HTTP load per server run")
    ap.add_argument("--variants", default="1:32,2:1", help="extra onnx servers as workers:batch, comma-separated")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    minutes = args.work / "minutes"
    if args.child:
        qs = [json.loads(x)["question"] for x in (minutes / "questions.jsonl").read_text().splitlines() if x]
        print(json.dumps(child(args.child, minutes, qs[:65])))
        return 0
    if not (minutes / "questions.jsonl").exists():
        subprocess.run([sys.executable, str(HERE / "synth.py"), "--meetings", str(args.meetings), "--out",
                        str(minutes), "--seed", "1"], check=True)
    questions = [json.loads(x)["question"] for x in (minutes / "questions.jsonl").read_text().splitlines() if x]
    index = args.work / "index"  # fp32 vectors, made on onnx (torch loads them too: the same model id)
    builds = {"fp32 (onnx)": timed_build(minutes, index, "onnx"),
              "int8": timed_build(minutes, args.work / "index-int8", "onnx-int8")}
    indexes = {"torch": index, "onnx": index, "onnx-int8": args.work / "index-int8"}
    variants = [tuple(v.split(":")) for v in args.variants.split(",") if v]
    load_before = os.getloadavg()
    rows: dict[str, list[dict]] = {}
    for rep in range(args.repeats):
        order = ENCODERS[rep % 3:] + ENCODERS[:rep % 3]
        for enc in order:
            c = subprocess.run([sys.executable, __file__, "--work", str(args.work), "--child", enc],
                               capture_output=True, text=True, check=True)
            r = json.loads(c.stdout.strip().splitlines()[-1])
            r.update(serve_run(indexes[enc], {"ASKBOT_ENCODER": enc}, questions, args.seconds))
            rows.setdefault(enc, []).append(r)
            print(f"repeat {rep + 1} {enc}: {json.dumps({k: round(v, 2) for k, v in r.items()})}", flush=True)
        for workers, batch in variants:
            name = f"onnx w{workers} b{batch}"
            r = serve_run(index, {"ASKBOT_ENCODER": "onnx", "ASKBOT_ENCODE_WORKERS": workers,
                                  "ASKBOT_ENCODE_BATCH": batch}, questions, args.seconds)
            rows.setdefault(name, []).append(r)
            print(f"repeat {rep + 1} {name}: {json.dumps({k: round(v, 2) for k, v in r.items()})}", flush=True)

    base = rows["torch"]
    print(f"\n{args.meetings} synthetic meetings; load average before {' '.join(f'{x:.1f}' for x in load_before)}; "
          f"median (min–max) over {args.repeats} repeats; ratio = figure / torch's in the same repeat\n")
    keys = [("q_p50", "query p50 ms"), ("q_p95", "query p95 ms"), ("ready_s", "ready s"), ("rss_mb", "RSS MB"),
            ("p95", "8 clients p95 ms"), ("rps", "8 clients req/s"), ("texts_per_s", "texts/s")]
    print("| encoder | " + " | ".join(label for _, label in keys) + " |")
    print("|---" * (len(keys) + 1) + "|")
    for name, runs in rows.items():
        cells = []
        for k, _ in keys:
            if k not in runs[0]:
                cells.append("—")
                continue
            vals = [r[k] for r in runs]
            ratios = [r[k] / b[k] for r, b in zip(runs, base)]
            cells.append(f"{med(vals)}" + ("" if name == "torch" else f"<br>×{med(ratios)}"))
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"\nbuilds: {json.dumps(builds)}")
    out = HERE / "results" / f"encoder-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"meetings": args.meetings, "rows": rows, "builds": builds}, indent=1))
    print(f"wrote {out}")
    return 1 if any(r.get("errors") for runs in rows.values() for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
