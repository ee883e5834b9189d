"""ONNX graphs of the encoder side by side with torch, interleaved in one run (issue 11, fifth pass).

    nice -n 10 python bench/bench_graph.py --graph today=/tmp/today/model.onnx \\
        --graph fused=~/.cache/askbot/models/intfloat--multilingual-e5-small/onnx/model.onnx --repeats 3

Each repeat runs every variant in a fresh process, in rotating order:

- **torch**: sentence-transformers fp32 (the reference): one-question encodes at 1 thread
  (as `askbot serve` runs it) and passages at torch's default threads (what `askbot build` uses);
- **torch-bf16** (``--bf16``): the same model under torch's bfloat16 CPU autocast, passages only;
- **each --graph** (an ``.onnx`` file over the provisioned checkpoint's tokenizer): one-question
  encodes at 1 thread (what `askbot build` uses); passages at 1 and 2 intra-op threads, and two
  1-thread runs of the one session in parallel threads (half the texts each).

Questions: distinct ones from ``questions.jsonl`` (no cache involved); passages: 192 paragraphs of
the archive's minutes. Also the min cosine of each graph's vectors to torch's on those texts.
Reports median (min–max) over repeats and the median of each repeat's ratio to torch.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_http import pct, spread

DEFAULT_MINUTES = Path("/tmp/e11/scale/minutes-250")
TORCH_VECS = Path("/tmp/askbot-bench-graph-torch.npy")  # torch's passage vectors, for the cosines


def texts(minutes: Path, n_questions: int, n_paras: int) -> tuple[list[str], list[str]]:
    qs = [json.loads(x)["question"] for x in (minutes / "questions.jsonl").read_text().splitlines() if x]
    paras = [p.strip() for f in sorted(minutes.glob("*.txt"))
             for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 40]
    return list(dict.fromkeys(qs))[:n_questions], random.Random(7).sample(paras, min(n_paras, len(paras)))


def _queries(encode, questions: list[str]) -> dict:
    for q in questions[:5]:  # warm-up
        encode([q])
    times, cpu = [], []
    for q in questions[5:]:
        t, c = time.perf_counter(), time.thread_time()
        encode([q])
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.thread_time() - c) * 1000)
    return {"q_p50": statistics.median(times), "q_p95": pct(times, 95), "q_cpu_p50": statistics.median(cpu)}


def _rate(fn, paras: list[str], out: dict, key: str):
    """texts/s of wall time (``key``) and texts per CPU-second of the whole process (``key``_cpu):
    the latter hardly moves when other work shares the cores."""
    t, c = time.perf_counter(), time.process_time()
    vecs = fn(paras)
    out[key], out[key + "_cpu"] = len(paras) / (time.perf_counter() - t), len(paras) / (time.process_time() - c)
    return vecs


def child(variant: str, path: str, minutes: Path, nq: int, npara: int) -> dict:
    import numpy as np

    from askbot.model.locate import provisioned_path
    from askbot.settings import Settings

    questions, paras = texts(minutes, nq, npara)
    checkpoint = provisioned_path(Settings())
    if variant == "torch":
        import torch

        from askbot.model.encode import TorchEncoder, load_folder

        enc = TorchEncoder(load_folder(checkpoint))
        default_threads = torch.get_num_threads()
        torch.set_num_threads(1)
        out = _queries(enc.encode_queries, questions)
        torch.set_num_threads(default_threads)
        vecs = _rate(enc.encode_passages, paras, out, "tps_default")
        out["threads"] = default_threads
        np.save(TORCH_VECS, vecs)
        return out
    if variant == "torch-bf16":  # passages only: what a build on an AMX CPU embeds with
        import torch

        from askbot.model.encode import TorchEncoder, load_folder

        enc = TorchEncoder(load_folder(checkpoint), bf16=True)
        out = {"threads": torch.get_num_threads()}
        vecs = _rate(enc.encode_passages, paras, out, "tps_default")
        ref = np.load(TORCH_VECS) if TORCH_VECS.exists() else None
        if ref is not None and ref.shape == vecs.shape:
            out["min_cos"] = float(np.min(np.sum(ref * vecs, axis=1)))
        return out
    from askbot.model.onnx_encoder import OnnxEncoder

    one, two = OnnxEncoder(Path(path), checkpoint, threads=1), OnnxEncoder(Path(path), checkpoint, threads=2)
    out = _queries(one.encode_queries, questions)
    vecs = _rate(one.encode_passages, paras, out, "tps_1")
    _rate(two.encode_passages, paras, out, "tps_2")

    def parallel(items: list[str]):  # two 1-thread runs of the one session at once, half the texts each
        halves = [items[0::2], items[1::2]]
        workers = [threading.Thread(target=one.encode_passages, args=(h,)) for h in halves]
        for w in workers:
            w.start()
        for w in workers:
            w.join()

    _rate(parallel, paras, out, "tps_par")
    ref = np.load(TORCH_VECS) if TORCH_VECS.exists() else None
    if ref is not None and ref.shape == vecs.shape:  # torch's run of this same text sample
        out["min_cos"] = float(np.min(np.sum(ref * vecs, axis=1)))
    return out


KEYS = [("q_p50", "question p50 ms, 1 thread"), ("q_p95", "question p95 ms"), ("q_cpu_p50", "question CPU ms p50"),
        ("tps_default", "passages texts/s, torch default threads"), ("tps_default_cpu", "torch texts per CPU-s"),
        ("tps_1", "texts/s, 1 thread"),
        ("tps_1_cpu", "texts per CPU-s, 1 thread"), ("tps_2", "texts/s, 2 threads"),
        ("tps_par", "texts/s, 2 × 1-thread runs in parallel")]
BASE = {"tps_1_cpu": "tps_default_cpu", "tps_default_cpu": "tps_default_cpu"}  # CPU-s against torch's CPU-s; other texts/s against torch's wall texts/s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--graph", action="append", default=[], help="name=path.onnx (repeatable)")
    ap.add_argument("--minutes", type=Path, default=DEFAULT_MINUTES)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--questions", type=int, default=65)
    ap.add_argument("--paragraphs", type=int, default=192)
    ap.add_argument("--bf16", action="store_true", help="also torch under bfloat16 autocast (passages)")
    ap.add_argument("--child", nargs=2, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child, args.minutes, args.questions, args.paragraphs)))
        return 0
    variants = [("torch", "")] + [("torch-bf16", "")] * args.bf16 + [tuple(g.split("=", 1)) for g in args.graph]
    load_before = os.getloadavg()
    rows: dict[str, list[dict]] = {}
    for rep in range(args.repeats):
        order = variants[rep % len(variants):] + variants[:rep % len(variants)]
        if rep == 0:  # torch first once, so its vectors are there for the cosines
            order = variants
        for name, path in order:
            cmd = [sys.executable, __file__, "--minutes", str(args.minutes), "--questions", str(args.questions),
                   "--paragraphs", str(args.paragraphs), "--child", name, path]
            run = subprocess.run(cmd, capture_output=True, text=True, check=True)
            r = json.loads(run.stdout.strip().splitlines()[-1])
            rows.setdefault(name, []).append(r)
            print(f"repeat {rep + 1} {name}: {json.dumps({k: round(v, 3) for k, v in r.items()})}", flush=True)
    load_after = os.getloadavg()
    base = rows["torch"]
    print(f"\n{args.paragraphs} paragraphs of {args.minutes}, {args.questions - 5} questions; load average "
          f"before {' '.join(f'{x:.1f}' for x in load_before)}, after {' '.join(f'{x:.1f}' for x in load_after)}; "
          f"median (min–max) over {args.repeats} repeats; ×ratio to torch's in the same repeat (texts/s: to torch "
          f"at its default {base[0]['threads']} threads)\n")
    print("| variant | " + " | ".join(label for _, label in KEYS) + " | min cos to torch |")
    print("|---" * (len(KEYS) + 2) + "|")
    for name, runs in rows.items():
        cells = []
        for k, _ in KEYS:
            if k not in runs[0]:
                cells.append("—")
                continue
            bk = k if k.startswith("q_") else BASE.get(k, "tps_default")
            cells.append(spread([r[k] for r in runs], 1, None if name == "torch" else [b[bk] for b in base]))
        cos = min((r["min_cos"] for r in runs if "min_cos" in r), default=None)
        print(f"| {name} | " + " | ".join(cells) + f" | {'—' if cos is None else f'{cos:.7f}'} |")
    out = HERE / "results" / f"graph-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"variants": dict(variants), "load": [load_before, load_after], "rows": rows}, indent=1))
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
