"""Builds: publish, incremental embedding, failures and kills leave CURRENT alone, rollback, corrupt builds refused."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import OWN_DIR, REPO, SEED_DIR, copy_minutes, make_settings

from askbot.errors import BuildError, IndexStoreError
from askbot.index import build, store
from askbot.index.units import embedding_units
from askbot.minutes import parse_file
from askbot.retrieve import Engine

SEED_FILE = next(SEED_DIR.glob("*.txt"))


def unique_texts(passages) -> set[str]:
    return set(embedding_units(list(passages))[0])


def own_meetings() -> list[Path]:
    return sorted(p for p in OWN_DIR.glob("*.txt"))


@pytest.fixture
def seeded(tmp_path, embedder):
    s = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", SEED_FILE))
    report = build(s, embedder)
    return s, report


def test_seed_build_is_published_with_manifest(seeded):
    s, report = seeded
    m = report.manifest
    assert store.current(s.index_dir) == m.build_id
    files = set(os.listdir(store.builds_dir(s.index_dir) / m.build_id))
    assert {"vectors.faiss", "meta.sqlite", "bm25", "manifest.json"} <= files
    assert m.passages == len(parse_file(SEED_FILE).passages) > 20
    assert m.dims == 384 and m.meetings == 1 and m.index_type == "IndexFlatIP"
    assert list(m.sources) == [SEED_FILE.name]
    texts = embedding_units(list(parse_file(SEED_FILE).passages))[0]
    assert report.embedded == len(set(texts)) and report.cached == 0  # a repeated text is not from the cache


def test_rebuild_after_new_meeting_embeds_only_its_passages(seeded, embedder):
    s, first = seeded
    new = own_meetings()[0]
    copy_minutes(s.minutes_dir, new)
    second = build(s, embedder)
    seed_texts, new_texts = unique_texts(parse_file(SEED_FILE).passages), unique_texts(parse_file(new).passages)
    assert second.embedded == len(new_texts - seed_texts) > 0
    assert second.manifest.passages == first.manifest.passages + len(parse_file(new).passages)
    assert store.current(s.index_dir) == second.manifest.build_id
    third = build(s, embedder)  # nothing new: nothing embedded
    assert third.embedded == 0


def test_failed_parse_publishes_nothing(seeded, embedder):
    s, first = seeded
    (s.minutes_dir / "2022-02-02-broken.txt").write_bytes(b"\x00\x01garbage\xff" * 50)
    with pytest.raises(BuildError) as err:
        build(s, embedder)
    assert "2022-02-02-broken.txt" in str(err.value)
    assert store.current(s.index_dir) == first.manifest.build_id
    assert [m.build_id for m in store.list_builds(s.index_dir)] == [first.manifest.build_id]
    skipped = build(s, embedder, skip_bad=True)
    assert [e.path for e in skipped.skipped] == [str(s.minutes_dir / "2022-02-02-broken.txt")]
    assert store.current(s.index_dir) == skipped.manifest.build_id


def test_exception_during_embedding_leaves_current(seeded, embedder, monkeypatch):
    s, first = seeded
    copy_minutes(s.minutes_dir, own_meetings()[0])

    def boom(*a, **k):
        raise KeyboardInterrupt("interrupted")

    monkeypatch.setattr(embedder, "encode_passages", boom)
    with pytest.raises(KeyboardInterrupt):
        build(s, embedder)
    assert store.current(s.index_dir) == first.manifest.build_id
    assert os.listdir(store.builds_dir(s.index_dir)) == [first.manifest.build_id]


KILLED_BUILD = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from askbot.index import metadb
    from askbot.index import build
    from conftest import make_settings
    from pathlib import Path
    real = metadb.write
    def slow_write(*a, **k):
        real(*a, **k)
        print("WRITING", flush=True)
        time.sleep(60)
    metadb.write = slow_write
    build(make_settings(Path({root!r}), Path({minutes!r})))
""")


def test_killed_build_leaves_current_serving(seeded):
    s, first = seeded
    copy_minutes(s.minutes_dir, own_meetings()[0])
    code = KILLED_BUILD.format(tests=str(REPO / "tests"), root=str(s.index_dir.parent), minutes=str(s.minutes_dir))
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "WRITING"  # mid-write of the new build
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert store.current(s.index_dir) == first.manifest.build_id
    assert [m.build_id for m in store.list_builds(s.index_dir)] == [first.manifest.build_id]
    engine = Engine.load(s)
    assert engine.build_id == first.manifest.build_id and engine.passage_count == first.manifest.passages


def test_rollback_and_list(seeded, embedder):
    s, first = seeded
    copy_minutes(s.minutes_dir, own_meetings()[0])
    second = build(s, embedder)
    assert store.rollback(s.index_dir) == first.manifest.build_id
    assert store.current(s.index_dir) == first.manifest.build_id
    with pytest.raises(IndexStoreError, match="no earlier build"):
        store.rollback(s.index_dir)
    assert store.rollback(s.index_dir, second.manifest.build_id) == second.manifest.build_id
    with pytest.raises(IndexStoreError, match="unknown build"):
        store.rollback(s.index_dir, "nope")


def test_old_builds_pruned_but_live_kept(tmp_path, embedder):
    s = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", SEED_FILE), keep_builds=2)
    ids = [build(s, embedder).manifest.build_id for _ in range(3)]
    assert [m.build_id for m in store.list_builds(s.index_dir)] == ids[1:]


@pytest.mark.parametrize("damage, message", [
    ("truncate_faiss", "corrupt: vectors.faiss"),
    ("other_model", "was embedded with model 'sentence-transformers/all-MiniLM-L6-v2'"),
    ("no_manifest", "missing or incomplete"),
    ("bad_sqlite", "corrupt: meta.sqlite"),
])
def test_damaged_build_refused_at_load(seeded, embedder, damage, message):
    s, first = seeded
    path = store.builds_dir(s.index_dir) / first.manifest.build_id
    if damage == "truncate_faiss":
        data = (path / "vectors.faiss").read_bytes()
        (path / "vectors.faiss").write_bytes(data[: len(data) // 2])
    elif damage == "other_model":
        mf = json.loads((path / "manifest.json").read_text())
        mf["model_id"] = "sentence-transformers/all-MiniLM-L6-v2"
        (path / "manifest.json").write_text(json.dumps(mf))
    elif damage == "no_manifest":
        (path / "manifest.json").unlink()
    else:
        (path / "meta.sqlite").write_bytes(b"not a database")
    with pytest.raises(IndexStoreError, match=message):
        Engine.load(s, model=embedder)


def test_no_index_is_a_clear_error(tmp_path, embedder):
    with pytest.raises(IndexStoreError, match="run `askbot build` first"):
        Engine.load(make_settings(tmp_path), model=embedder)


def test_empty_minutes_folder_is_an_error(tmp_path, embedder):
    with pytest.raises(BuildError, match="no minutes files"):
        build(make_settings(tmp_path), embedder)


def test_approximate_index_above_threshold(tmp_path, embedder, seed_engine):
    """Above the threshold the build uses HNSW; it answers like the exact index, filters included."""
    from askbot.types import Filters

    s = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", SEED_FILE), approx_threshold=10)
    assert build(s, embedder).manifest.index_type == "IndexHNSWFlat"
    approx = Engine.load(s, model=embedder)
    for q in ["Ringeriksbanen", "Who works on sustainable transport?", "hydrogen"]:
        assert [h.passage.id for h in approx.search(q, 3)] == [h.passage.id for h in seed_engine.search(q, 3)]
    only = approx.search("transport", 5, Filters(person="Ingar"))
    assert only and all("ingar-vaskinn" in (h.passage.person_id, *h.passage.people_ids) for h in only)
