"""First builds side by side, interleaved in one run: what `askbot build` embeds with (issue 11).

    nice -n 10 python bench/bench_build.py --meetings 30 --repeats 2

Each repeat builds the first ``--meetings`` meetings of a synthetic archive from nothing (a fresh
index folder, so an empty embedding cache) once per variant, in rotating order, each in a fresh
``askbot build`` process:

- **torch**: today's encoder, sentence-transformers fp32 (``ASKBOT_ENCODER=torch``);
- **onnx**: the fp32 export on every core (``ASKBOT_BUILD_PRECISION=fp32``);
- **auto**: what a build picks by default (``ASKBOT_BUILD_PRECISION=auto``: torch under bfloat16
  autocast on a CPU with AMX, else the same as onnx).

Reports per variant: wall seconds of the whole build (process start to exit), the texts it
embedded, texts/s over the whole build, peak RSS, the manifest's encoder, and each repeat's ratio of
texts/s to torch's in the same repeat (median, min–max).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from bench_http import spread  # noqa: E402

DEFAULT_MINUTES = Path("/tmp/e11/scale/minutes-250")
CHILD = ("import atexit, resource, sys\n"
         "atexit.register(lambda: print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr))\n"
         "from askbot.cli import app\n"
         "sys.argv = ['askbot'] + sys.argv[1:]\n"
         "sys.exit(app())\n")
VARIANTS = {
    "torch": {"ASKBOT_ENCODER": "torch", "ASKBOT_BUILD_PRECISION": "fp32"},
    "onnx": {"ASKBOT_ENCODER": "onnx", "ASKBOT_BUILD_PRECISION": "fp32"},
    "auto": {"ASKBOT_ENCODER": "onnx", "ASKBOT_BUILD_PRECISION": "auto"},
}


def one_build(minutes: Path, env: dict) -> dict:
    """Build ``minutes`` into a fresh index in a child process; wall, texts, peak RSS, encoder."""
    with tempfile.TemporaryDirectory(prefix="askbot-bench-build-") as tmp:
        index = Path(tmp) / "index"
        cmd = [sys.executable, "-c", CHILD, "build", "--no-progress", "--minutes", str(minutes), "--index", str(index)]
        t = time.perf_counter()
        run = subprocess.run(cmd, env={**os.environ, **env}, cwd=REPO, capture_output=True, text=True)
        wall = time.perf_counter() - t
        if run.returncode != 0:
            raise SystemExit(f"build failed ({env}): {run.stderr[-2000:]}")
        out = run.stdout + run.stderr
        texts = int(re.search(r"embedded (\d+)", out).group(1))
        peak = int(re.search(r"MAXRSS_KB (\d+)", out).group(1))
        current = (index / "CURRENT").read_text().strip()
        manifest = json.loads((index / "builds" / current / "manifest.json").read_text())
        return {"wall_s": wall, "texts": texts, "tps": texts / wall, "rss_mb": peak / 1024,
                "encoder": (manifest.get("encoder") or {}).get("encoder")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=Path, default=DEFAULT_MINUTES)
    ap.add_argument("--meetings", type=int, default=30)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated, of: " + ", ".join(VARIANTS))
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="askbot-bench-minutes-") as tmp:
        minutes = Path(tmp)
        for f in sorted(args.minutes.glob("*.txt"))[:args.meetings]:
            shutil.copy(f, minutes / f.name)
        names = [n for n in args.variants.split(",") if n]
        if "torch" not in names or any(n not in VARIANTS for n in names):
            raise SystemExit(f"--variants: torch (the baseline) and any of {', '.join(VARIANTS)}")
        rows: dict[str, list[dict]] = {n: [] for n in names}
        load_before = os.getloadavg()
        for rep in range(args.repeats):
            for name in names[rep % len(names):] + names[:rep % len(names)]:
                r = one_build(minutes, VARIANTS[name])
                rows[name].append(r)
                print(f"repeat {rep + 1} {name}: {json.dumps({k: (round(v, 2) if isinstance(v, float) else v) for k, v in r.items()})}",
                      flush=True)
        load_after = os.getloadavg()
    base = [r["tps"] for r in rows["torch"]]
    print(f"\n{args.meetings} meetings of {args.minutes}, first builds (empty cache); load average before "
          f"{' '.join(f'{x:.1f}' for x in load_before)}, after {' '.join(f'{x:.1f}' for x in load_after)}; "
          f"median (min–max) over {args.repeats} repeats, ×ratio of texts/s to torch's in the same repeat\n")
    print("| variant | encoder | texts | build s | texts/s | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for name, runs in rows.items():
        rss = [r["rss_mb"] for r in runs]
        print(f"| {name} | {runs[0]['encoder']} | {runs[0]['texts']} | {spread([r['wall_s'] for r in runs], 1)} | "
              f"{spread([r['tps'] for r in runs], 1, None if name == 'torch' else base)} | "
              f"{statistics.median(rss):.0f} |")
    out = HERE / "results" / f"build-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"meetings": args.meetings, "load": [load_before, load_after], "rows": rows}, indent=1))
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
