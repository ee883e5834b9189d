"""Load benchmark of the HTTP service: N concurrent clients against POST /ask.

    python bench/bench_http.py --meetings 250 --clients 1,8,32 --repeats 3

Makes (or reuses) a synthetic archive with bench/synth.py (250 meetings ≈ 10,000 passages),
builds its index, starts `askbot serve` as its own process on 127.0.0.1 and, per repeat,
measures in-process `engine.ask` p50 (same questions, same machine, same run), then drives
/ask with 1, 8 and 32 concurrent keep-alive clients for a fixed time. Reports throughput,
p50/p95/p99 and errors (which must be 0) per level as the median over repeats with the
spread (min–max), and the ratio HTTP p50 / in-process p50. Writes JSON to bench/results/.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(q / 100 * (len(s) - 1))))] if s else float("nan")


def prepare(work: Path, meetings: int, seed: int) -> tuple[Path, Path, list[str]]:
    minutes, index = work / "minutes", work / "index"
    if not (minutes / "questions.jsonl").exists():
        subprocess.run([sys.executable, str(HERE / "synth.py"), "--meetings", str(meetings), "--out",
                        str(minutes), "--seed", str(seed)], check=True)
    if not (index / "CURRENT").exists():
        subprocess.run([sys.executable, "-m", "askbot.cli", "build", "--minutes", str(minutes),
                        "--index", str(index), "--no-progress"], check=True)
    questions = [json.loads(x)["question"] for x in (minutes / "questions.jsonl").read_text().splitlines() if x]
    return minutes, index, questions


def start_server(index: Path, key: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "ASKBOT_API_KEYS": f"bench:{key}", "ASKBOT_RATE_LIMIT_PER_MINUTE": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "askbot.cli", "serve", "--host", "127.0.0.1", "--port",
                             str(port), "--index", str(index)], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base, started = f"http://127.0.0.1:{port}", time.monotonic()
    while True:
        try:
            if httpx.get(base + "/readyz", timeout=5).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() - started > 300:
            raise SystemExit("the server did not become ready")
        time.sleep(0.2)
    print(f"server ready {time.monotonic() - started:.1f} s after start", flush=True)
    return proc, base


def in_process_p50(engine, questions: list[str], n: int) -> float:
    for q in questions[:5]:
        engine.ask(q)  # warm
    times = []
    for i in range(n):
        t = time.perf_counter()
        engine.ask(questions[i % len(questions)])
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


async def load(base: str, key: str, questions: list[str], clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, headers={"X-API-Key": key}, timeout=60, limits=limits) as c:
        for q in questions[:clients]:  # open the connections
            await c.post("/ask", json={"question": q})
        deadline = time.perf_counter() + seconds

        async def worker(w: int) -> None:
            nonlocal errors
            i = w
            while time.perf_counter() < deadline:
                t = time.perf_counter()
                try:
                    r = await c.post("/ask", json={"question": questions[i % len(questions)]})
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                latencies.append((time.perf_counter() - t) * 1000)
                errors += not ok
                i += clients

        start = time.perf_counter()
        await asyncio.gather(*(worker(w) for w in range(clients)))
        elapsed = time.perf_counter() - start
    return {"clients": clients, "requests": len(latencies), "errors": errors, "rps": len(latencies) / elapsed,
            "p50": pct(latencies, 50), "p95": pct(latencies, 95), "p99": pct(latencies, 99)}


def spread(vals: list[float], digits: int = 1, base: list[float] | None = None) -> str:
    """"median (min–max)"; with `base` (the baseline's values, repeat for repeat) also " ×ratio", the
    median of each repeat's own ratio. The one cell format of every bench table."""
    cell = f"{statistics.median(vals):.{digits}f} ({min(vals):.{digits}f}–{max(vals):.{digits}f})"
    if base is not None:
        cell += f" ×{statistics.median([v / b for v, b in zip(vals, base)]):.2f}"
    return cell


def summarise(runs: list[dict], key: str) -> str:
    return spread([r[key] for r in runs])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--meetings", type=int, default=250)
    ap.add_argument("--work", type=Path, default=Path("/tmp/askbot-bench"))
    ap.add_argument("--clients", default="1,8,32")
    ap.add_argument("--seconds", type=float, default=15.0, help="load time per level and repeat")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--inproc", type=int, default=200, help="in-process asks per repeat")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1,
                    help="torch threads (OMP_NUM_THREADS) for the server and the in-process engine alike "
                         "(1, as `askbot serve` uses by default; 0: torch's default)")
    args = ap.parse_args(argv)
    if args.threads:  # before torch is imported, here and in the server process
        os.environ["OMP_NUM_THREADS"] = os.environ["MKL_NUM_THREADS"] = str(args.threads)
    levels = [int(x) for x in args.clients.split(",")]

    from askbot.retrieve import Engine
    from askbot.settings import Settings

    _, index, questions = prepare(args.work, args.meetings, args.seed)
    engine = Engine.load(Settings(index_dir=index))
    print(f"{engine.passage_count} passages, build {engine.build_id}, {len(questions)} questions", flush=True)
    load_before = " ".join(f"{x:.1f}" for x in os.getloadavg())
    key = secrets.token_urlsafe(16)
    proc, base = start_server(index, key)
    rows: dict[int, list[dict]] = {n: [] for n in levels}
    inproc: list[float] = []
    try:
        for rep in range(args.repeats):
            inproc.append(in_process_p50(engine, questions, args.inproc))
            print(f"repeat {rep + 1}: in-process ask p50 {inproc[-1]:.1f} ms", flush=True)
            for n in levels:
                row = asyncio.run(load(base, key, questions, n, args.seconds))
                row["ratio_p50"] = row["p50"] / inproc[-1]
                rows[n].append(row)
                print(f"  {n:>2} clients: {row['rps']:.1f} req/s p50 {row['p50']:.1f} p95 {row['p95']:.1f} "
                      f"p99 {row['p99']:.1f} ms errors {row['errors']} ratio {row['ratio_p50']:.2f}", flush=True)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)

    print(f"\ntorch threads {args.threads or 'default'}; load average before: {load_before}")
    print(f"{engine.passage_count} passages; in-process ask p50 {summarise([{'v': v} for v in inproc], 'v')} ms"
          f" (median (min–max) over {args.repeats} repeats)\n")
    print("| clients | req/s | p50 ms | p95 ms | p99 ms | errors | HTTP p50 / in-process p50 |")
    print("|---|---|---|---|---|---|---|")
    for n, runs in rows.items():
        print(f"| {n} | {summarise(runs, 'rps')} | {summarise(runs, 'p50')} | {summarise(runs, 'p95')} | "
              f"{summarise(runs, 'p99')} | {sum(r['errors'] for r in runs)} | {summarise(runs, 'ratio_p50')} |")
    out = HERE / "results" / f"http-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"passages": engine.passage_count, "threads": args.threads, "inproc_p50_ms": inproc, "levels": rows}, indent=1))
    print(f"\nwrote {out}")
    return 1 if any(r["errors"] for runs in rows.values() for r in runs) else 0


if __name__ == "__main__":
    sys.exit(main())
