"""`askbot check` on hostile sizes (issue 10, Low): a file over the reader's size limit and a file
with more passages than the cap get a clear error naming the file, the same in check and build
(real `askbot` subprocesses); in-file repeats are reported as repeats, not as cache reuse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import SEED_DIR, make_settings

from askbot.index import build
from askbot.index.units import embedding_units
from askbot.minutes import limits, parse_file

SEED = next(SEED_DIR.glob("*.txt"))


def askbot(*args, cwd):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASKBOT_")}
    return subprocess.run([sys.executable, "-m", "askbot.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300)


def _hostile(folder):
    folder.mkdir()
    big = folder / "2022-02-01-big.txt"
    with open(big, "wb") as f:
        f.write(SEED.read_bytes())
        f.write(b"Mer tekst her.\n" * ((limits.MAX_FILE_BYTES["text"] + limits.MiB) // 15))
    many = folder / "2022-03-01-many.txt"
    turns = "".join(f"\nIngar fra Kongsberg: Vi drøftet tiltak nummer {i} om hydrogen.\n"
                    for i in range(getattr(limits, "MAX_PASSAGES", 5_000) + 200))
    many.write_text(SEED.read_text(encoding="utf-8") + turns, encoding="utf-8")
    return big, many


def test_check_and_build_refuse_an_oversized_file_and_too_many_passages(tmp_path):
    big, many = _hostile(tmp_path / "minutes")
    r = askbot("check", str(big), str(many), cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr  # main: the second file passed with rc 0
    assert f"error: {big}: 9.0 MiB is over the limit of 8 MiB for .txt/.md files" in r.stderr, r.stderr
    assert f"error: {many}: yields " in r.stderr and "over the limit of 5,000 for one file" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    b = askbot("build", "--no-progress", "--minutes", str(tmp_path / "minutes"), "--index", str(tmp_path / "index"),
               cwd=tmp_path)
    assert b.returncode == 1 and "nothing published" in b.stderr, b.stderr
    assert "9.0 MiB is over the limit of 8 MiB" in b.stderr and "over the limit of 5,000" in b.stderr, b.stderr


def test_repeats_in_one_file_are_reported_as_repeats_not_as_cache_reuse(tmp_path, seed_settings, embedder):
    minutes = tmp_path / "minutes"
    minutes.mkdir()
    text = SEED.read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    doubled = minutes / SEED.name
    doubled.write_text(text + "\n" + body, encoding="utf-8")  # the file pasted into itself
    r = askbot("check", str(doubled), cwd=tmp_path)
    assert "passages repeat an earlier passage of this file word for word (line " in r.stdout, r.stdout
    assert "cache" not in r.stdout
    settings = make_settings(tmp_path, minutes)
    shutil.copytree(seed_settings.index_dir / "cache", settings.index_dir / "cache")
    report = build(settings, embedder)
    texts = embedding_units(list(parse_file(doubled).passages))[0]
    assert len(texts) > len(set(texts))  # the repeats are there
    # every distinct text is embedded or from the cache once; main counted each repeat as "reused from cache"
    assert report.embedded + report.cached == len(set(texts)) and report.cached > 0, report
    assert report.details.reused == report.cached
