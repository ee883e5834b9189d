"""`askbot build` when the disk fails it (issue 10, Low): a full disk, a folder that cannot be
written and a file deleted mid-build each end in one `error:` line, rc 1 and nothing published;
never a traceback, and never a truncated build published with rc 0."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys

from conftest import SEED_DIR, copy_minutes, make_settings
from typer.testing import CliRunner

from askbot.index import pipeline, store


def askbot(*args, cwd, fsize: int | None = None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASKBOT_")}

    def limit():  # a disk that fills up: writes past `fsize` bytes fail (EFBIG), as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))

    return subprocess.run([sys.executable, "-m", "askbot.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=300, preexec_fn=limit if fsize else None)


def assert_error_line(r, *needles):
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and r.stderr.count("error:") == 1, r.stderr
    for n in needles:
        assert n in r.stderr, r.stderr


def test_disk_full_while_writing_the_build_publishes_nothing(tmp_path, seed_settings):
    live = store.builds_dir(seed_settings.index_dir) / store.current(seed_settings.index_dir)
    vectors = (live / store.VECTORS).stat().st_size
    others = max(p.stat().st_size for p in live.iterdir() if p.is_file() and p.name != store.VECTORS)
    assert others < vectors - 1000  # so the vector file is the write that fails
    s = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", SEED_DIR))
    shutil.copytree(seed_settings.index_dir / "cache", s.index_dir / "cache")  # nothing to embed
    r = askbot("build", "--no-progress", "--minutes", str(s.minutes_dir), "--index", str(s.index_dir),
               cwd=tmp_path, fsize=vectors - 1000)
    assert_error_line(r, "File too large", "nothing published")  # main: rc 0, a truncated vectors.faiss live
    assert not (s.index_dir / "CURRENT").exists()
    assert not [p for p in store.builds_dir(s.index_dir).iterdir() if p.name.startswith(".tmp-")]


def test_an_index_folder_that_cannot_be_written_is_one_error_line(tmp_path):
    s = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", SEED_DIR))
    s.index_dir.mkdir()
    (s.index_dir / "builds").write_text("a file where the builds folder should be")
    r = askbot("build", "--no-progress", "--minutes", str(s.minutes_dir), "--index", str(s.index_dir), cwd=tmp_path)
    assert_error_line(r, "is not writable")
    if os.geteuid() != 0:  # root writes through permissions
        (s.index_dir / "builds").unlink()
        s.index_dir.chmod(0o555)
        try:
            r = askbot("build", "--no-progress", "--minutes", str(s.minutes_dir), "--index", str(s.index_dir),
                       cwd=tmp_path)
        finally:
            s.index_dir.chmod(0o755)
        assert_error_line(r, "is not writable")


def test_a_file_deleted_mid_build_is_named(tmp_path, monkeypatch):
    from askbot.cli import app

    s = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", SEED_DIR))
    gone = s.minutes_dir / "2022-02-01-gone.txt"
    shutil.copy2(next(SEED_DIR.glob("*.txt")), gone)
    scan = pipeline.scan

    def scan_then_delete(root):  # the file is listed, then removed before it is read
        found = scan(root)
        gone.unlink()
        return found

    monkeypatch.setattr(pipeline, "scan", scan_then_delete)
    r = CliRunner().invoke(app, ["build", "--no-progress", "--minutes", str(s.minutes_dir), "--index",
                                 str(s.index_dir)])
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit), (r.output, r.exception)
    assert "error:" in r.output and "2022-02-01-gone.txt" in r.output and "No such file" in r.output, r.output
    assert "Traceback" not in r.output and not (s.index_dir / "CURRENT").exists()
