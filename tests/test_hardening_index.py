"""Index hardening (issue 10, items 3, 4, 5, 9, 12, 13, 14): the build lock, hashes of the bytes
parsed, prune vs rollback, symlinks out of the minutes folder, cache checks, resumable embedding,
early failures, stale temporaries, rollback verification, CURRENT validation. Real builds with the
real model, real files, and real subprocesses holding the lock or killed mid-build."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import OWN_DIR, REPO, SEED_DIR, copy_minutes, make_settings

from askbot.errors import BuildError, IndexStoreError
from askbot.index import build, store
from askbot.hashing import text_hash
from askbot.index.embedcache import EmbeddingCache
from askbot.index.units import embedding_units
from askbot.minutes import parse_file

SEED_FILE = next(SEED_DIR.glob("*.txt"))
OWN_FILE = sorted(OWN_DIR.glob("*.txt"))[0]
ASKBOT = [sys.executable, "-m", "askbot.cli"]

HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from askbot.index.lock import index_lock
    with index_lock(sys.argv[1], sys.argv[2]):
        print("HELD", flush=True)
        sys.stdin.readline()
""")


@pytest.fixture
def seeded(tmp_path, embedder):
    s = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", SEED_FILE), keep_builds=10)
    return s, build(s, embedder)


@pytest.fixture
def lock_holder(seeded):
    """Another process holding the index lock (as a running build does) until the test ends."""
    s, _ = seeded
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(s.index_dir), "build"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "HELD"
    yield proc
    proc.stdin.close()
    proc.wait(timeout=30)


def test_second_build_is_refused_while_one_runs(seeded, lock_holder, embedder):
    s, first = seeded
    with pytest.raises(IndexStoreError, match=rf"another build is running \(pid {lock_holder.pid}\)"):
        build(s, embedder)
    cli = subprocess.run([*ASKBOT, "build", "--index", str(s.index_dir), "--minutes", str(s.minutes_dir),
                          "--no-progress"], capture_output=True, text=True, timeout=300)
    assert cli.returncode == 1 and f"another build is running (pid {lock_holder.pid})" in cli.stderr
    assert "Traceback" not in cli.stderr
    assert store.current(s.index_dir) == first.manifest.build_id


def test_rollback_and_prune_take_the_same_lock(seeded, embedder):
    s, first = seeded
    build(s, embedder)
    proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(s.index_dir), "prune"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "HELD"
        with pytest.raises(IndexStoreError, match=rf"another prune is running \(pid {proc.pid}\)"):
            store.rollback(s.index_dir, first.manifest.build_id)
        with pytest.raises(IndexStoreError, match="another prune is running"):
            store.prune(s.index_dir, keep=1)
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)
    assert len(store.list_builds(s.index_dir)) == 2


def test_prune_never_deletes_current_or_newer(seeded, embedder):
    s, first = seeded
    later = [build(s, embedder).manifest.build_id for _ in range(2)]
    store.rollback(s.index_dir, first.manifest.build_id)
    assert store.prune(s.index_dir, keep=1) == []  # main deleted the two builds newer than CURRENT
    assert [m.build_id for m in store.list_builds(s.index_dir)] == [first.manifest.build_id, *later]
    store.rollback(s.index_dir, later[0])
    assert store.prune(s.index_dir, keep=1) == [first.manifest.build_id]
    assert [m.build_id for m in store.list_builds(s.index_dir)] == later


class EditsFileWhileEmbedding:
    """The real model; the first encode rewrites a minutes file, as an editor saving mid-build would."""

    def __init__(self, embedder, path: Path, new: bytes):
        self.inner, self.path, self.new, self.done = embedder, path, new, False
        self.model_id, self.dims = embedder.model_id, embedder.dims

    def encode_passages(self, texts, progress=False):
        if not self.done:
            self.path.write_bytes(self.new)
            self.done = True
        return self.inner.encode_passages(texts)


def test_manifest_records_the_hash_of_the_bytes_parsed(tmp_path, embedder):
    s = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", OWN_FILE))
    f = s.minutes_dir / OWN_FILE.name
    parsed_bytes = f.read_bytes()
    report = build(s, EditsFileWhileEmbedding(embedder, f, parsed_bytes + b"\nEn ny linje.\n"))
    assert report.manifest.sources[OWN_FILE.name] == hashlib.sha256(parsed_bytes).hexdigest()


def test_symlink_out_of_the_minutes_folder_is_refused(tmp_path, embedder):
    s = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", SEED_FILE))
    (s.minutes_dir / "x.txt").symlink_to("/etc/passwd")
    (s.minutes_dir / "2022-03-11-lenke.txt").symlink_to(OWN_FILE)  # a real meeting, outside the folder
    with pytest.raises(BuildError) as err:
        build(s, embedder)
    assert "x.txt: refused: it resolves to /etc/passwd, outside the minutes folder" in str(err.value)
    assert "2022-03-11-lenke.txt: refused" in str(err.value)
    report = build(s, embedder, skip_bad=True)
    assert report.manifest.meetings == 1 and len(report.skipped) == 2
    assert "root:x:0:0" not in Path(store.builds_dir(s.index_dir), report.manifest.build_id, "meta.sqlite").read_text(
        errors="replace")


def test_bad_cached_vectors_are_re_embedded(seeded, embedder):
    s, first = seeded
    cache = EmbeddingCache(s.index_dir / "cache" / "embeddings.sqlite")
    with sqlite3.connect(cache.path) as con:
        hashes = [text_hash(t) for t in sorted(set(embedding_units(list(parse_file(SEED_FILE).passages))[0]))[:3]]
        nan = np.full(embedder.dims, np.nan, np.float32).tobytes()
        con.execute("UPDATE vectors SET vector=? WHERE content_hash=?", (nan, hashes[0]))
        con.execute("UPDATE vectors SET vector=? WHERE content_hash=?", (b"\0" * 12, hashes[1]))
        con.execute("UPDATE vectors SET vector=? WHERE content_hash=?",
                    ((np.ones(embedder.dims, np.float32)).tobytes(), hashes[2]))  # not unit length
    report = build(s, embedder)
    assert report.embedded == 3
    vectors = np.load(store.builds_dir(s.index_dir) / report.manifest.build_id / "anchors.npy")
    assert np.isfinite(vectors).all()
    from askbot.retrieve import Engine

    engine = Engine.load(s, model=embedder)
    assert engine.passage_count == first.manifest.passages


def test_corrupt_cache_file_names_it_and_how_to_reset(seeded, embedder):
    s, first = seeded
    path = s.index_dir / "cache" / "embeddings.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(IndexStoreError, match=r"embeddings\.sqlite is unusable .*delete it"):
        build(s, embedder)
    assert store.current(s.index_dir) == first.manifest.build_id


KILLED_MID_EMBEDDING = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {tests!r})
    from pathlib import Path
    from conftest import make_settings
    from askbot.index import build, embedcache
    from askbot.model import Embedder
    from askbot.settings import Settings

    embedcache.BATCH = 8
    model, calls = Embedder.load(Settings()), []
    real = model.encode_passages
    def encode(texts, progress=False):
        calls.append(len(texts))
        if len(calls) == 3:
            os.kill(os.getpid(), signal.SIGKILL)  # killed in the third batch
        return real(texts)
    model.encode_passages = encode
    build(make_settings(Path({root!r}), Path({minutes!r})), model)
""")


def test_killed_build_keeps_the_vectors_already_embedded(tmp_path, embedder):
    s = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", SEED_FILE))
    code = KILLED_MID_EMBEDDING.format(tests=str(REPO / "tests"), root=str(tmp_path), minutes=str(s.minutes_dir))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    with sqlite3.connect(s.index_dir / "cache" / "embeddings.sqlite") as con:
        assert con.execute("SELECT count(*) FROM vectors").fetchone()[0] == 16  # two batches survived
    unique = len(set(embedding_units(list(parse_file(SEED_FILE).passages))[0]))
    report = build(s, embedder)  # resumes: only what the killed build had not embedded
    assert report.embedded == unique - 16
    assert store.current(s.index_dir) == report.manifest.build_id

def test_unwritable_index_fails_before_the_model_loads(tmp_path):
    s = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", SEED_FILE), model=str(tmp_path / "no-model"))
    s.index_dir.mkdir()
    (s.index_dir / "builds").write_text("a file where the builds folder should be")
    with pytest.raises(IndexStoreError, match="is not writable"):  # main: a ModelError after parsing
        build(s)


def test_stale_temporaries_are_cleaned_at_the_next_build(seeded, embedder):
    s, _ = seeded
    old = time.time() - 3600
    tmp_build = store.builds_dir(s.index_dir) / ".tmp-20200101T000000-dead00"
    tmp_build.mkdir()
    (tmp_build / "vectors.faiss").write_bytes(b"x" * 1000)
    tmp_current = s.index_dir / ".CURRENT.deadbeef"
    tmp_current.write_text("20200101T000000-dead00\n")
    for p in (tmp_build / "vectors.faiss", tmp_build, tmp_current):
        os.utime(p, (old, old))
    build(s, embedder)
    assert not tmp_build.exists() and not tmp_current.exists()


def test_rollback_refuses_a_corrupt_build(seeded, embedder):
    s, first = seeded
    second = build(s, embedder)
    meta = store.builds_dir(s.index_dir) / first.manifest.build_id / "meta.sqlite"
    meta.write_bytes(meta.read_bytes()[:-100])
    with pytest.raises(IndexStoreError, match="corrupt: meta.sqlite"):
        store.rollback(s.index_dir, first.manifest.build_id)
    assert store.current(s.index_dir) == second.manifest.build_id


@pytest.mark.parametrize("content", [b"../../other/builds/20220101T000000-abcdef\n", b"/etc\n", b"\xff\xfe\x00bad\n",
                                     "dir"])
def test_current_must_name_a_build_inside_builds(seeded, content):
    s, first = seeded
    cur = s.index_dir / "CURRENT"
    cur.unlink()
    if content == "dir":
        cur.mkdir()
    else:
        cur.write_bytes(content)
    with pytest.raises(IndexStoreError, match="CURRENT"):
        store.current(s.index_dir)
    from askbot.retrieve import Engine

    with pytest.raises(IndexStoreError):
        Engine.load(s)
    cli = subprocess.run([*ASKBOT, "index", "list", "--index", str(s.index_dir)], capture_output=True, text=True,
                         timeout=120)
    assert cli.returncode == 1 and "error:" in cli.stderr and "Traceback" not in cli.stderr
    assert first.manifest.build_id in cli.stdout  # the builds are still listed, to roll back to
