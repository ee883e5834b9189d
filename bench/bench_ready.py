"""Ready time of `askbot serve` (spawn → first /ask answered) and RSS then, interleaved fresh processes:

    python bench/bench_ready.py --index INDEX --repeats 5

- **torch**: ASKBOT_ENCODER=torch (the reference; imports torch);
- **onnx before**: the fp32 export loaded as before (the one-file model.onnx: the session copies
  its 470 MB of weights), patched in from here;
- **onnx**: today's path (model.mapped.onnx: weights memory-mapped from the side file; both files'
  sha256 checked on a thread while the tokenizer loads).

Reports median (min–max) and ratio to torch in the same repeat, with the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_encoder import serve_run  # noqa: E402
from bench_http import spread  # noqa: E402

BEFORE = """
import sys
import askbot.model.onnx_mapped as P
P.read_mapped = lambda *a, **k: None
from askbot.cli import app
sys.argv = ["askbot"] + sys.argv[1:]
app()
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--index", type=Path, required=True)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--variants", default="torch,onnx before,onnx")
    args = ap.parse_args(argv)
    variants = args.variants.split(",")
    rows: dict[str, list[dict]] = {}
    q = ["hvem jobber med hydrogen?", "who works on tourism?"]
    for rep in range(args.repeats):
        for v in variants[rep % len(variants):] + variants[:rep % len(variants)]:
            env = {"ASKBOT_ENCODER": v.split()[0]}
            if v == "onnx before":
                env["ASKBOT_BENCH_CMD"] = BEFORE
            r = serve_run(args.index, env, q, 0, clients=[])
            r["load"] = os.getloadavg()[0]
            rows.setdefault(v, []).append(r)
            print(f"repeat {rep + 1} {v}: ready {r['ready_s']:.2f} s (CPU {r['ready_cpu_s']:.2f} s), RSS {r['rss_mb']:.0f} MB, load {r['load']:.1f}",
                  flush=True)
    base = rows.get("torch")
    print(f"\nindex {args.index}; median (min–max) over {args.repeats}; ratio to torch in the same repeat\n")
    print("| variant | ready s | CPU s to ready | RSS at ready MB | load |\n|---|---|---|---|---|")
    for name, runs in rows.items():
        cells = []
        for k in ("ready_s", "ready_cpu_s", "rss_mb"):
            cells.append(spread([r[k] for r in runs], 2,
                                [b[k] for b in base] if base and name != "torch" else None))
        loads = [r["load"] for r in runs]
        print(f"| {name} | " + " | ".join(cells) + f" | {min(loads):.1f}–{max(loads):.1f} |")
    out = HERE / "results" / f"ready-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(rows, indent=1))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
