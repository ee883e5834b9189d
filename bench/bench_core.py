"""Core benchmark: build throughput, warm query latency against the bare floor, recall at scale, HNSW.

    python bench/bench_core.py --meetings 250 --repeats 3 --threads 1,2 --approx-check

A benchmark, not a test: it measures and reports, it asserts nothing (exit status 0 unless it
crashes). Sections, all in one run so ratios compare like with like:

1. Build: a synthetic archive (bench/synth.py, 250 meetings ≈ 10,000 passages) is built by
   `askbot.index.build` into a fresh index (empty embedding cache) in a subprocess, so its peak
   RSS (ru_maxrss) is the build's own; passages/s and texts/s are compared with a raw
   `encode_passages` baseline measured in the same subprocess. Then the newest held-out
   meetings are added one at a time: each rebuild must embed exactly that meeting's new texts.
2. Ready: wall time from spawning a fresh process until `Engine.load` and a first `ask` are done
   (the service's "ready" budget), plus `Engine.load` in this process.
3. Warm latency: per question, interleaved, the bare floor (one `encode_query` + one FAISS search,
   k=50, on the build's own index), `engine.ask`, `engine.search`, and `ask` decomposed stage by
   stage (same calls as Engine.ask / Searcher.search) to show where time beyond the floor goes.
   Repeated for each --threads value (torch and FAISS threads), alternating the order per repeat.
4. Recall: askbot.evaluate on the synthetic question set (recall@5 of the planted fact,
   speaker-hit@3 for "who" questions), per language.
5. --approx-check: HNSW (store.make_faiss_index(approximate=True)) vs exact IndexFlatIP on the
   archive's vectors and on a scaled set (--approx-scale units: the archive's vectors tiled with
   gaussian noise, re-normalised) to show the regime above the switch-over threshold.

Stdout gets a table; bench/results/core-*.json (git-ignored) gets everything. Statistics: p50 with
p5/p95 pooled over all repeats, and the per-repeat p50s (median, min–max); the load average is
recorded at each section because the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


# ------------------------------------------------------------------------------------ helpers

def pct(values, q: float) -> float:
    s = sorted(values)
    if not s:
        return float("nan")
    pos = q / 100 * (len(s) - 1)
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def summary(values) -> dict:
    values = list(values)
    return {"n": len(values), "p5": pct(values, 5), "p50": pct(values, 50), "p95": pct(values, 95),
            "mean": statistics.fmean(values) if values else float("nan")}


def spread(values) -> dict:
    """Median and min–max of per-repeat figures."""
    values = list(values)
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "values": values}


def loadavg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def rss_mb() -> float:
    """Current resident set size of this process."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def set_threads(n: int) -> None:
    import faiss
    import torch

    torch.set_num_threads(n)
    faiss.omp_set_num_threads(n)


def settings_for(work: Path):
    from askbot.settings import Settings

    return Settings(minutes_dir=work / "minutes", index_dir=work / "index", people_file=work / "people.toml")


def run_worker(args: list[str], cwd: Path) -> dict:
    """Run this script as a worker subprocess; its last stdout line is a JSON report."""
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args], cwd=cwd,
                          stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------------------------ workers

def worker_build(a) -> dict:
    """Fresh process: load the model, measure raw embedding, build with an empty cache."""
    t0 = time.perf_counter()
    from askbot.index import pipeline as buildmod
    from askbot.index.units import embedding_units
    from askbot.model import Embedder

    set_threads(a.threads)
    work = Path(a.work)
    settings = settings_for(work)
    t_import = time.perf_counter() - t0
    t = time.perf_counter()
    embedder = Embedder.load(settings)
    t_model = time.perf_counter() - t
    rss_model = rss_mb()
    # Baseline: raw encode_passages on a random sample of the archive's texts (not via the cache).
    parsed, _ = buildmod.parse_all(buildmod.minutes_files(settings.minutes_dir))
    resolved, _ = buildmod.resolve_people(parsed, settings)
    texts, _, _ = embedding_units([p for r in resolved for p in r.passages])
    sample = random.Random(0).sample(texts, min(a.baseline_texts, len(texts)))
    embedder.encode_passages(sample[:8])  # warm
    t = time.perf_counter()
    embedder.encode_passages(sample)
    raw_s = time.perf_counter() - t
    rss_before = rss_mb()
    peak_before = peak_rss_mb()
    la0 = loadavg()
    encode = embedder.encode_passages
    inside = {"s": 0.0, "calls": 0}

    def timed_encode(texts, progress=False):  # time spent embedding inside the build
        t = time.perf_counter()
        try:
            return encode(texts, progress=progress)
        finally:
            inside["s"] += time.perf_counter() - t
            inside["calls"] += 1

    embedder.encode_passages = timed_encode
    t = time.perf_counter()
    report = buildmod.build(settings, embedder, progress=False)
    wall = time.perf_counter() - t
    return {
        "threads": a.threads, "import_s": t_import, "model_load_s": t_model, "rss_after_model_mb": rss_model,
        "baseline_texts": len(sample), "baseline_s": raw_s, "baseline_texts_per_s": len(sample) / raw_s,
        "rss_before_build_mb": rss_before, "peak_rss_before_build_mb": peak_before,
        "wall_s": wall, "encode_s": inside["s"], "encode_calls": inside["calls"], "passages": report.manifest.passages, "meetings": report.manifest.meetings,
        "texts": report.embedded + report.cached, "embedded": report.embedded, "cached": report.cached,
        "index_type": report.manifest.index_type, "peak_rss_mb": peak_rss_mb(),
        "loadavg_start": la0, "loadavg_end": loadavg(),
    }


def expected_new_texts(index_dir: Path, new_file: str) -> tuple[int, int]:
    """(distinct texts of the new meeting found in no other meeting, all distinct texts of the build)."""
    from askbot.index import store
    from askbot.index.units import embedding_units, text_hash

    ob = store.open_build(index_dir)
    new_ids = {m.id for m in ob.meetings if Path(m.source_path).name == new_file}
    texts, owner, _ = embedding_units(ob.passages)
    mine, others = set(), set()
    for t, row in zip(texts, owner):
        (mine if ob.passages[row].meeting_id in new_ids else others).add(text_hash(t))
    return len(mine - others), len(mine | others)


def worker_rebuild(a) -> dict:
    """Add the held-out meetings one at a time; time each rebuild and count what was embedded."""
    from askbot.index import pipeline as buildmod
    from askbot.model import Embedder

    set_threads(a.threads)
    work = Path(a.work)
    settings = settings_for(work)
    embedder = Embedder.load(settings)
    rss0 = rss_mb()
    rows = []
    for name in sorted(os.listdir(work / "held")):
        shutil.move(str(work / "held" / name), str(work / "minutes" / name))
        la = loadavg()
        t = time.perf_counter()
        report = buildmod.build(settings, embedder, progress=False)
        wall = time.perf_counter() - t
        expected, distinct = expected_new_texts(settings.index_dir, name)
        rows.append({"file": name, "wall_s": wall, "embedded": report.embedded, "cached": report.cached,
                     "expected_new": expected, "distinct_texts": distinct, "passages": report.manifest.passages,
                     "ok": report.embedded == expected, "loadavg": la})
    return {"threads": a.threads, "rss_after_model_mb": rss0, "peak_rss_mb": peak_rss_mb(), "rebuilds": rows}


def worker_ready(a) -> dict:
    """Fresh process: import, Engine.load, one ask. The parent times spawn -> this report.

    Threads are left at torch's default unless --ready-threads is given (`askbot serve` may set its own).
    """
    t0 = time.perf_counter()
    from askbot.retrieve import Engine

    if a.threads:
        set_threads(a.threads)
    t_import = time.perf_counter() - t0
    t = time.perf_counter()
    engine = Engine.load(settings_for(Path(a.work)))
    t_load = time.perf_counter() - t
    t = time.perf_counter()
    engine.ask("Hvem jobber med bærekraftig transport?")
    t_ask = time.perf_counter() - t
    import torch

    return {"import_s": t_import, "engine_load_s": t_load, "first_ask_s": t_ask, "rss_mb": rss_mb(),
            "torch_threads": torch.get_num_threads()}


# ------------------------------------------------------------------------------------ sections

def prepare(work: Path, meetings: int, held: int, seed: int) -> None:
    """Synthetic archive of meetings+held; the newest `held` files go to work/held for the rebuilds."""
    minutes = work / "minutes"
    subprocess.run([sys.executable, str(HERE / "synth.py"), "--meetings", str(meetings + held), "--out",
                    str(minutes), "--seed", str(seed)], check=True, stdout=subprocess.DEVNULL)
    shutil.move(str(minutes / "questions.jsonl"), str(work / "questions.jsonl"))
    (work / "held").mkdir()
    files = sorted(minutes.glob("[0-9]*-*.txt"))
    for f in files[len(files) - held:]:
        shutil.move(str(f), str(work / "held" / f.name))


def latency_questions(work: Path, n: int) -> list[str]:
    synth = [json.loads(x)["question"] for x in (work / "questions.jsonl").read_text().splitlines() if x.strip()]
    seed_file = REPO / "tests" / "eval" / "questions.jsonl"
    seed = [json.loads(x)["question"] for x in seed_file.read_text().splitlines() if x.strip()] \
        if seed_file.exists() else []
    rng = random.Random(0)
    take_seed = seed[: n // 2]
    take_synth = rng.sample(synth, min(len(synth), n - len(take_seed)))
    qs = take_seed + take_synth
    rng.shuffle(qs)
    return qs


def ask_stages(engine, q: str, timings: dict, gate: list) -> None:
    """Engine.ask(q) step by step (same calls, same parameters), timing each step."""
    from askbot.retrieve import make_answer

    pc = time.perf_counter
    k = 5
    search_k = max(3 * k, 20)
    fetch = max(50, 5 * search_k)
    s = engine.searcher
    b = engine.build
    t0 = pc()
    query = engine._check(q, k)
    qv = engine.embedder.encode_query(query)
    t1 = pc()
    m = min(4 * fetch, b.vectors.ntotal)
    b.vectors.search(qv.reshape(1, -1), m)
    t2 = pc()
    dense = s.dense(qv, fetch, None)  # FAISS again + per-passage rescoring in Python
    t3 = pc()
    lexical = b.lexical.search(query, fetch, None)
    t4 = pc()
    fused_lexical = lexical
    if s.fusion.mode == "gated" and lexical:
        found, total = b.lexical.coverage(query, lexical[0][0])
        if found < 2 or found < s.fusion.min_coverage * total:
            fused_lexical = []
    t5 = pc()
    hits = s.fuse(dense, fused_lexical, search_k, lexical)
    t6 = pc()
    off = engine.off_topic.similarity(qv)
    t7 = pc()
    make_answer(query, hits, engine.catalogue, k, off_topic_similarity=off)
    t8 = pc()
    gate.append(bool(fused_lexical))
    for name, v in (("encode_query", t1 - t0), (f"faiss_search_k{m}", t2 - t1),
                    ("dense_rescore", (t3 - t2) - (t2 - t1)), ("bm25_search", t4 - t3),
                    ("bm25_gate_coverage", t5 - t4), ("fuse", t6 - t5), ("off_topic", t7 - t6),
                    ("make_answer", t8 - t7), ("sum_of_stages", (t8 - t0) - (t2 - t1))):
        timings.setdefault(name, []).append(v * 1000)


def measure_latency(engine, questions: list[str], threads: list[int], repeats: int,
                    alt_questions: int) -> tuple[dict, dict]:
    import numpy as np

    index = engine.build.vectors
    out: dict = {}
    qvecs: dict[str, np.ndarray] = {}
    for n in threads:
        out[n] = {"floor": [], "ask": [], "search": [], "stages": {}, "per_repeat": [], "gate_open": []}
    for rep in range(repeats):
        order = threads if rep % 2 == 0 else list(reversed(threads))
        for n in order:
            set_threads(n)
            qs = questions if n == threads[0] else questions[:alt_questions]
            for q in qs[:5]:  # warm after switching threads
                engine.ask(q)
                engine.search(q)
            floor, ask, search, stages, gate = [], [], [], {}, []

            def m_floor(q):
                t = time.perf_counter()
                qv = engine.embedder.encode_query(q)
                index.search(qv.reshape(1, -1), 50)
                floor.append((time.perf_counter() - t) * 1000)
                qvecs[q] = qv

            def m_ask(q):
                t = time.perf_counter()
                engine.ask(q)
                ask.append((time.perf_counter() - t) * 1000)

            def m_search(q):
                t = time.perf_counter()
                engine.search(q)
                search.append((time.perf_counter() - t) * 1000)

            def m_stages(q):
                ask_stages(engine, q, stages, gate)

            ms = [m_floor, m_ask, m_search, m_stages]
            la = loadavg()
            for i, q in enumerate(qs):
                r = i % len(ms)  # rotate the order so no measurement always runs first
                for f in ms[r:] + ms[:r]:
                    f(q)
            row = out[n]
            row["floor"] += floor
            row["ask"] += ask
            row["search"] += search
            row["gate_open"] += gate
            for k, v in stages.items():
                row["stages"].setdefault(k, []).extend(v)
            rep_row = {"repeat": rep, "loadavg": la, "floor_p50": pct(floor, 50), "ask_p50": pct(ask, 50),
                       "search_p50": pct(search, 50), "ask_p95": pct(ask, 95), "floor_p95": pct(floor, 95)}
            rep_row["ratio_p50"] = rep_row["ask_p50"] / rep_row["floor_p50"]
            row["per_repeat"].append(rep_row)
            print(f"  threads {n} repeat {rep + 1}: floor p50 {rep_row['floor_p50']:.1f} ms, ask p50 "
                  f"{rep_row['ask_p50']:.1f} ms (ratio {rep_row['ratio_p50']:.2f}), search p50 "
                  f"{rep_row['search_p50']:.1f} ms; load {la[0]}", flush=True)
    result = {}
    for n, row in out.items():
        result[n] = {
            "floor_ms": summary(row["floor"]), "ask_ms": summary(row["ask"]), "search_ms": summary(row["search"]),
            "ratio_ask_floor_p50": spread(r["ratio_p50"] for r in row["per_repeat"]),
            "ask_p50_over_repeats": spread(r["ask_p50"] for r in row["per_repeat"]),
            "floor_p50_over_repeats": spread(r["floor_p50"] for r in row["per_repeat"]),
            "search_p50_over_repeats": spread(r["search_p50"] for r in row["per_repeat"]),
            "stages_ms": {k: summary(v) for k, v in row["stages"].items()},
            "bm25_fused_share": sum(row["gate_open"]) / max(1, len(row["gate_open"])),
            "per_repeat": row["per_repeat"],
        }
    return result, qvecs


def approx_check(base, queries, scale: int, noise: float, repeats: int, seed: int,
                 ef_sweep: tuple[int, ...] = (64, 128, 256, 512)) -> dict:
    import faiss
    import numpy as np

    from askbot.index import store

    def one(vectors: np.ndarray, label: str) -> dict:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        la = loadavg()
        t = time.perf_counter()
        exact = faiss.IndexFlatIP(vectors.shape[1])
        exact.add(vectors)
        t_flat = time.perf_counter() - t
        t = time.perf_counter()
        hnsw = store.make_faiss_index(vectors, approximate=True)
        t_hnsw = time.perf_counter() - t
        res = {"label": label, "vectors": int(vectors.shape[0]), "flat_build_s": t_flat, "hnsw_build_s": t_hnsw,
               "efSearch": int(hnsw.hnsw.efSearch), "loadavg": la}
        for k in (10, 50, 400):
            k = min(k, vectors.shape[0])
            _, truth = exact.search(queries, k)
            _, got = hnsw.search(queries, k)
            res[f"recall@{k}"] = float(np.mean([len(set(a) & set(b)) / k for a, b in zip(truth, got)]))
        flat_ms, hnsw_ms = [], []
        for _ in range(repeats):
            for i, q in enumerate(queries):
                pair = [(exact, flat_ms), (hnsw, hnsw_ms)]
                for idx, acc in (pair if i % 2 == 0 else pair[::-1]):
                    t = time.perf_counter()
                    idx.search(q.reshape(1, -1), 50)
                    acc.append((time.perf_counter() - t) * 1000)
        res["flat_k50_ms"], res["hnsw_k50_ms"] = summary(flat_ms), summary(hnsw_ms)
        res["hnsw_over_flat_p50"] = res["hnsw_k50_ms"]["p50"] / res["flat_k50_ms"]["p50"]
        # efSearch sweep (the default above is store.make_faiss_index's), to show the price of recall.
        default_ef = hnsw.hnsw.efSearch
        _, truth10 = exact.search(queries, 10)
        _, truth400 = exact.search(queries, min(400, vectors.shape[0]))
        res["ef_sweep"] = []
        for ef in ef_sweep:
            hnsw.hnsw.efSearch = ef
            _, got10 = hnsw.search(queries, 10)
            _, got400 = hnsw.search(queries, truth400.shape[1])
            ms = []
            for _ in range(repeats):
                for q in queries:
                    t = time.perf_counter()
                    hnsw.search(q.reshape(1, -1), 50)
                    ms.append((time.perf_counter() - t) * 1000)
            res["ef_sweep"].append({
                "efSearch": ef, "recall@10": float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(truth10, got10)])),
                "recall@400": float(np.mean([len(set(a) & set(b)) / len(a) for a, b in zip(truth400, got400)])),
                "k50_ms": summary(ms)})
        hnsw.hnsw.efSearch = default_ef
        print(f"  {label}: {res['vectors']} vectors, HNSW recall@10 {res['recall@10']:.3f}, flat p50 "
              f"{res['flat_k50_ms']['p50']:.2f} ms, HNSW p50 {res['hnsw_k50_ms']['p50']:.2f} ms, "
              f"HNSW build {t_hnsw:.1f} s", flush=True)
        return res

    out = {"archive": one(base, "archive")}
    if scale and scale > len(base):
        rng = np.random.default_rng(seed)
        reps = -(-scale // len(base))
        big = np.concatenate([base] + [base + rng.normal(0, noise, base.shape).astype(np.float32)
                                       for _ in range(reps - 1)])[:scale]
        big /= np.linalg.norm(big, axis=1, keepdims=True)
        out["scaled"] = one(big, f"scaled (noise sigma {noise})")
        out["scaled"]["noise_sigma"] = noise
    return out


# ------------------------------------------------------------------------------------ report

def fmt_s(s: dict, unit: str = "ms", d: int = 1) -> str:
    return f"{s['p50']:.{d}f} {unit} (p5 {s['p5']:.{d}f}, p95 {s['p95']:.{d}f})"


def fmt_spread(s: dict, d: int = 2) -> str:
    return f"{s['median']:.{d}f} ({s['min']:.{d}f}–{s['max']:.{d}f})"


def table(res: dict) -> str:
    rows = [("load average (1/5/15 min) at start", " / ".join(map(str, res["loadavg_start"])), "")]
    b = res.get("build")
    if b:
        rows += [
            ("archive", f"{b['meetings']} meetings, {b['passages']} passages, {b['texts']} texts (units), "
                        f"{b['texts'] / b['passages']:.2f} units/passage", ""),
            (f"build wall (empty cache, {b['threads']} thread(s))", f"{b['wall_s']:.1f} s", ""),
            ("build passages/s", f"{b['passages'] / b['wall_s']:.1f}", ""),
            ("build texts/s", f"{b['texts'] / b['wall_s']:.1f}", ""),
            ("raw encode_passages texts/s (baseline)", f"{b['baseline_texts_per_s']:.1f}",
             f"build/raw {b['texts'] / b['wall_s'] / b['baseline_texts_per_s']:.2f} "
             f"({b['baseline_texts']} random texts)"),
            ("embedding share of build wall", f"{b['encode_s'] / b['wall_s']:.1%}",
             f"non-embedding {b['wall_s'] - b['encode_s']:.1f} s"),
            ("build peak RSS (ru_maxrss)", f"{b['peak_rss_mb']:.0f} MB",
             f"after model load {b['rss_after_model_mb']:.0f} MB"),
            ("load average during build (start → end)", f"{b['loadavg_start'][0]} → {b['loadavg_end'][0]}", ""),
        ]
    rb = res.get("rebuild")
    if rb:
        walls = [r["wall_s"] for r in rb["rebuilds"]]
        ok = all(r["ok"] for r in rb["rebuilds"])
        rows += [
            ("rebuild after one new meeting: embedded / expected",
             ", ".join(f"{r['embedded']}/{r['expected_new']}" for r in rb["rebuilds"]),
             "only the new meeting's texts: " + ("yes" if ok else "NO")),
            ("rebuild wall", f"{statistics.median(walls):.1f} s ({min(walls):.1f}–{max(walls):.1f}, "
                             f"n={len(walls)})", "median (min–max)"),
        ]
    r = res.get("ready")
    if r:
        rows += [
            ("ready: spawn → Engine.load + first ask", fmt_spread(spread(r["wall_s"]), 1) + " s",
             f"target < 10 s; torch threads {r['children'][0].get('torch_threads')}; median (min–max)"),
            ("  of which import / Engine.load / first ask",
             " / ".join(f"{statistics.median(x[k] for x in r['children']):.1f}" for k in
                        ("import_s", "engine_load_s", "first_ask_s")) + " s", ""),
        ]
    if "engine_load_s" in res:
        rows.append(("Engine.load in this process, by step", f"{res['engine_load_s']:.1f} s",
                     ", ".join(f"{k[:-2]} {v:.1f} s" for k, v in res["engine_load_steps"].items())))
    for n, L in res.get("latency", {}).items():
        rows += [
            (f"[{n} thread(s)] floor (encode + FAISS k=50)", fmt_s(L["floor_ms"]), ""),
            (f"[{n} thread(s)] ask", fmt_s(L["ask_ms"]), "target p50 < 50 ms"),
            (f"[{n} thread(s)] ask p50 / floor p50", fmt_spread(L["ratio_ask_floor_p50"]),
             "target ≤ 1.3; median (min–max) over repeats"),
            (f"[{n} thread(s)] search (k=10)", fmt_s(L["search_ms"]), ""),
        ]
        st = L["stages_ms"]
        rows.append((f"[{n} thread(s)] ask by stage, p50 ms",
                     ", ".join(f"{k} {v['p50']:.2f}" for k, v in st.items()),
                     f"BM25 fused in {L['bm25_fused_share']:.0%} of questions"))
    rec = res.get("recall")
    if rec:
        for lang, row in rec["rows"].items():
            rows.append((f"recall@5 [{lang}]", f"{row['recall@5']:.3f} (n={row['questions']})",
                         f"speaker-hit@3 {row['speaker_hit@3']:.3f} (n={row['who']})"))
        na = rec["no_answer"]
        rows.append(("no-answer questions said 'none'", f"{na['said_none']}/{na['questions']}",
                     f"false 'none' on answerable: {na['false_none_on_answerable']}"))
    ap = res.get("approx")
    if ap:
        for key in ("archive", "scaled"):
            a = ap.get(key)
            if a:
                rows += [
                    (f"HNSW recall@10 vs exact [{a['label']}, {a['vectors']} vectors]",
                     f"{a['recall@10']:.3f}", f"@50 {a['recall@50']:.3f}, @400 {a.get('recall@400', float('nan')):.3f};"
                                              " target ≥ 0.95"),
                    (f"  HNSW efSearch sweep [{key}]: ef → recall@10 / @400 / p50 ms",
                     "; ".join(f"{e['efSearch']} → {e['recall@10']:.3f} / {e['recall@400']:.3f} / "
                               f"{e['k50_ms']['p50']:.2f}" for e in a.get("ef_sweep", [])), ""),
                    (f"  flat vs HNSW search k=50 [{key}]",
                     f"{fmt_s(a['flat_k50_ms'], d=2)} vs {fmt_s(a['hnsw_k50_ms'], d=2)}",
                     f"HNSW/flat {a['hnsw_over_flat_p50']:.2f}; HNSW build {a['hnsw_build_s']:.1f} s"),
                ]
    rows.append(("load average at end", " / ".join(map(str, res["loadavg_end"])), ""))
    w = max(len(x[0]) for x in rows)
    lines = ["| measure | value | note |", "|---|---|---|"]
    lines += [f"| {a.ljust(w)} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


# ------------------------------------------------------------------------------------ main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--meetings", type=int, default=250, help="synthetic meetings in the first build")
    ap.add_argument("--repeats", type=int, default=3, help="latency passes, rebuilds and ready-time spawns")
    ap.add_argument("--questions", type=int, default=200, help="questions per latency pass")
    ap.add_argument("--out", type=Path, default=None, help="JSON result (default bench/results/core-*.json)")
    ap.add_argument("--threads", default=str(os.cpu_count() or 1),
                    help="torch/FAISS threads, comma list to compare (e.g. 1,2); the build uses the first")
    ap.add_argument("--alt-questions", type=int, default=0,
                    help="questions per pass for the 2nd.. --threads values (default: --questions)")
    ap.add_argument("--ready-threads", type=int, default=0,
                    help="torch/FAISS threads in the ready-time processes (default 0: leave torch's default)")
    ap.add_argument("--approx-check", action="store_true", help="compare HNSW with exact search")
    ap.add_argument("--approx-scale", type=int, default=150_000,
                    help="with --approx-check, also a scaled set of this many vectors (0: skip)")
    ap.add_argument("--approx-noise", type=float, default=0.02, help="per-dimension sigma of the scaled copies")
    ap.add_argument("--work", type=Path, default=None, help="working directory (default: a temporary one)")
    ap.add_argument("--reuse", action="store_true",
                    help="measure the archive and index already in --work again (skips the build and rebuilds)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary working directory")
    ap.add_argument("--sections", default="ready,latency,recall,approx",
                    help="what to measure after the build (comma list of ready, latency, recall, approx)")
    ap.add_argument("--baseline-texts", type=int, default=256, help="texts in the raw encode baseline")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--worker", choices=["build", "rebuild", "ready"], help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    threads = [int(x) for x in str(a.threads).split(",") if x.strip()]
    a.threads_list = threads

    if a.worker:
        a.threads = threads[0]
        fn = {"build": worker_build, "rebuild": worker_rebuild, "ready": worker_ready}[a.worker]
        print(json.dumps(fn(a)), flush=True)
        return 0

    temp = a.work is None
    work = Path(tempfile.mkdtemp(prefix="askbot-bench-core-")) if temp else a.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    res: dict = {"argv": sys.argv[1:], "started": time.strftime("%Y-%m-%dT%H:%M:%S"), "loadavg_start": loadavg(),
                 "cpus": os.cpu_count(), "python": platform.python_version(), "work": str(work)}
    try:  # the package is installed editable: note uncommitted changes under src/ too
        git = lambda *c: subprocess.run(["git", *c], cwd=REPO, capture_output=True, text=True).stdout.strip()  # noqa: E731
        res["commit"] = git("rev-parse", "--short", "HEAD")
        res["src_dirty"] = git("status", "--porcelain", "--", "src").splitlines()
    except OSError:
        pass
    wargs = ["--work", str(work), "--threads", str(threads[0])]
    held = max(1, a.repeats)
    try:
        if not a.reuse:
            if (work / "minutes").exists():
                raise SystemExit(f"{work} already holds an archive; pass --reuse or use an empty --work")
            print(f"synthetic archive: {a.meetings} meetings (+{held} held out for rebuilds) in {work}", flush=True)
            prepare(work, a.meetings, held, a.seed)
            print(f"build (subprocess, {threads[0]} thread(s), empty cache)... load {loadavg()[0]}", flush=True)
            res["build"] = b = run_worker(["--worker", "build", "--baseline-texts", str(a.baseline_texts), *wargs],
                                          work)
            print(f"  {b['passages']} passages, {b['texts']} texts in {b['wall_s']:.1f} s "
                  f"({b['texts'] / b['wall_s']:.1f} texts/s; raw {b['baseline_texts_per_s']:.1f}); "
                  f"peak RSS {b['peak_rss_mb']:.0f} MB", flush=True)
            print(f"rebuilds, one new meeting each (x{held})...", flush=True)
            res["rebuild"] = run_worker(["--worker", "rebuild", *wargs], work)
            for r in res["rebuild"]["rebuilds"]:
                print(f"  {r['file']}: embedded {r['embedded']} (expected {r['expected_new']}) in "
                      f"{r['wall_s']:.1f} s", flush=True)

        sections = set(a.sections.split(","))
        if not a.approx_check:
            sections.discard("approx")
        ready_threads = str(a.ready_threads)
        if "ready" in sections:
            print(f"ready time: {a.repeats} fresh processes (threads {ready_threads or 'library default'})... "
                  f"load {loadavg()[0]}", flush=True)
        ready = {"wall_s": [], "children": [], "loadavg": loadavg()}
        for _ in range(max(1, a.repeats) if "ready" in sections else 0):
            t = time.perf_counter()
            child = run_worker(["--worker", "ready", "--work", str(work), "--threads", ready_threads or "0"], work)
            ready["wall_s"].append(time.perf_counter() - t)
            ready["children"].append(child)
        if ready["wall_s"]:
            res["ready"] = ready
            print(f"  {statistics.median(ready['wall_s']):.1f} s median", flush=True)

        # Engine.load, and its steps timed one by one (torch's default threads):
        # the heavy imports, the model, opening (and verifying) the build, then the rest of
        # Engine.load with the model given (= open_build again + Engine.__init__).
        from askbot.index import store
        from askbot.model import Embedder
        from askbot.retrieve import Engine

        settings = settings_for(work)
        steps = {}
        t0 = t = time.perf_counter()
        import sentence_transformers  # noqa: F401  (what Embedder.load imports first)
        import torch  # noqa: F401

        steps["import_torch_st_s"], t = time.perf_counter() - t, time.perf_counter()
        embedder = Embedder.load(settings)
        steps["model_load_s"], t = time.perf_counter() - t, time.perf_counter()
        engine = Engine.load(settings, model=embedder)
        engine_rest = time.perf_counter() - t
        res["engine_load_s"] = time.perf_counter() - t0
        t = time.perf_counter()
        store.open_build(settings.index_dir, model_id=embedder.model_id, dims=embedder.dims)
        steps["open_build_s"] = time.perf_counter() - t
        steps["engine_init_s"] = max(0.0, engine_rest - steps["open_build_s"])
        res["engine_load_steps"] = steps
        res["passages"] = engine.passage_count
        res["units"] = int(engine.build.vectors.ntotal)
        res["index_type"] = engine.manifest.index_type
        questions = latency_questions(work, a.questions)
        print(f"{engine.passage_count} passages / {res['units']} vectors; Engine.load {res['engine_load_s']:.1f} s",
              flush=True)
        if "latency" in sections:
            print(f"warm latency: {len(questions)} questions x {a.repeats} repeats, threads {threads}", flush=True)
            lat, qvecs = measure_latency(engine, questions, threads, a.repeats, a.alt_questions or a.questions)
            res["latency"] = lat
        else:
            qvecs = {q: engine.embedder.encode_query(q) for q in questions}

        set_threads(threads[0])
        from askbot.evaluate import evaluate, load_questions

        la = loadavg()
        t = time.perf_counter()
        if "recall" in sections:
            rec = evaluate(engine, load_questions(work / "questions.jsonl"))
            rec["seconds"], rec["loadavg"] = time.perf_counter() - t, la
            res["recall"] = rec
            print("recall: " + ", ".join(f"{k} r@5 {v['recall@5']:.3f} spk@3 {v['speaker_hit@3']:.3f}"
                                     for k, v in rec["rows"].items()), flush=True)

        if "approx" in sections:
            import numpy as np

            s = engine.searcher
            base = np.array(s._vecs, dtype=np.float32)  # copy of the build's stored vectors
            queries = np.stack([qvecs[q] for q in questions]).astype(np.float32)
            print(f"approximate index check (HNSW vs exact), scaled set {a.approx_scale} vectors...", flush=True)
            res["approx"] = approx_check(base, queries, a.approx_scale, a.approx_noise, a.repeats, a.seed)
        res["loadavg_end"] = loadavg()
    finally:
        if temp and not a.keep:
            shutil.rmtree(work, ignore_errors=True)

    print()
    print(table(res))
    out = a.out or HERE / "results" / f"core-{a.meetings}m-{time.strftime('%Y%m%dT%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(res, indent=1, default=str))
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
