"""Hot reload over real HTTP: a new build swaps in under load; corrupt builds are refused."""

from __future__ import annotations

import json
import shutil
import threading
import time

import httpx
import pytest
from api_server import ADMIN, USER, serve, with_keys
from conftest import SEED_DIR, copy_minutes, make_settings

from askbot.index import build, store

# A later meeting in the seed's format, about things the seed never mentions.
EXTRA_MEETING = """Dato: 10.2.23

Referat møte i Osloregionens faggruppe Næringssamarbeidet

Tid: Fredag 3. februar kl. 0900-1100

Frammøtte:

NAVN\tKOMMUNE / REGION
Eli Arnkværn Bryhni (møteleder)\tHamarregionen utvikling
Ingar Vaskinn\tKongsbergregionen
Torunn Vatnedal\tFolloregionen

Fra sekretariatet møtte:

Øyvind Sätvedt

Saksliste

Sak 1. Godkjenning av innkalling og dagsorden

Godkjent

Sak 2. Runden rundt bordet

Torunn fra Folloregionen:

- Follo bygger en klynge for akvakultur og tareoppdrett i Oslofjorden, med et settefiskanlegg for rognkjeks i Vestby.
- Søker partnere som vil teste fôr laget av tang og tare.

Ingar fra Kongsbergregionen:

- Kongsberg åpner et testsenter for autonome droner som skal frakte blodprøver mellom sykehusene.

Sak 3. Eventuelt

Ingen saker.
"""
EXTRA_NAME = "2023-02-03-naeringssamarbeidet.txt"
QUESTION = {"question": "Hvem jobber med tareoppdrett og akvakultur?", "k": 5}


def _seed_settings_with_cache(tmp_path, seed_settings):
    """Settings for a private index of the seed meeting, its vector cache borrowed (no re-embedding)."""
    settings = make_settings(tmp_path, copy_minutes(tmp_path / "minutes", SEED_DIR))
    shutil.copytree(seed_settings.index_dir / "cache", settings.index_dir / "cache")
    return settings


@pytest.fixture()
def fresh_index(tmp_path, seed_settings, embedder):
    """A private, published index of the seed meeting that a test may publish new builds into."""
    settings = _seed_settings_with_cache(tmp_path, seed_settings)
    build(settings, embedder)
    return settings


def _copy_build(settings, new_id: str, edit=None) -> str:
    """Copy the live build under a new id (its manifest says so), then let `edit` damage it."""
    index = settings.index_dir
    src = store.builds_dir(index) / store.current(index)
    dst = store.builds_dir(index) / new_id
    shutil.copytree(src, dst)
    manifest = json.loads((dst / store.MANIFEST).read_text())
    manifest["build_id"] = new_id
    if edit:
        edit(dst, manifest)
    (dst / store.MANIFEST).write_text(json.dumps(manifest))
    return new_id


def test_new_build_swaps_in_under_load_without_a_failed_request(fresh_index, embedder):
    with serve(with_keys(fresh_index), embedder, watch_interval=0.2) as api:
        first = api.wait_ready()["build_id"]
        results, stop = [], threading.Event()

        def client_loop():
            with httpx.Client(base_url=api.base_url, timeout=60) as c:
                while not stop.is_set():
                    try:
                        r = c.post("/ask", json=QUESTION, headers=USER)
                        results.append((r.status_code, r.json().get("hits", [])))
                    except Exception as exc:  # a dropped connection is a failure too
                        results.append((repr(exc), []))

        loops = [threading.Thread(target=client_loop) for _ in range(3)]
        for t in loops:
            t.start()
        try:
            (fresh_index.minutes_dir / EXTRA_NAME).write_text(EXTRA_MEETING, encoding="utf-8")
            report = build(fresh_index, embedder)  # publishes a second build while clients ask
            new = report.manifest.build_id
            assert new != first
            api.wait_ready(timeout=30, build_id=new)
            time.sleep(1.0)  # keep asking against the new build for a moment
        finally:
            stop.set()
            for t in loops:
                t.join(timeout=60)
        failures = [code for code, _ in results if code != 200]
        assert len(results) > 10 and not failures, failures[:5]
        meeting_id = EXTRA_NAME.removesuffix(".txt")
        before = [hits for _, hits in results if not any(h["meeting"]["id"] == meeting_id for h in hits)]
        assert before, "some answers came from the first build"
        with api.client() as c:
            a = c.post("/ask", json=QUESTION, headers=USER).json()
            assert a["people"] and "Torunn" in a["people"][0]["name"]
            assert any(h["meeting"]["id"] == meeting_id for h in a["hits"])
            search = c.get("/search", params={"q": "rognkjeks settefisk Vestby"}, headers=USER).json()
            assert search["hits"][0]["meeting"]["id"] == meeting_id
            assert any(m["id"] == meeting_id for m in c.get("/meetings", headers=USER).json()["meetings"])


def _truncate_faiss(build_dir, manifest):
    vectors = build_dir / store.VECTORS
    data = vectors.read_bytes()
    vectors.write_bytes(data[: len(data) // 2])


def _truncate_and_rehash(build_dir, manifest):
    """Truncated, with a manifest that agrees with the damage: FAISS itself must refuse it."""
    _truncate_faiss(build_dir, manifest)
    manifest["files"][store.VECTORS] = store.sha256_file(build_dir / store.VECTORS)


def _other_model(build_dir, manifest):
    manifest["model_id"] = "sentence-transformers/all-MiniLM-L6-v2"


@pytest.mark.parametrize("edit,needle", [
    (_truncate_faiss, "corrupt"),
    (_truncate_and_rehash, "could not be loaded"),
    (_other_model, "all-MiniLM-L6-v2"),
])
def test_corrupt_build_is_refused_and_the_old_one_keeps_serving(fresh_index, embedder, edit, needle):
    with serve(with_keys(fresh_index), embedder, watch_interval=0.2) as api, api.client() as c:
        good = api.wait_ready()["build_id"]
        bad = _copy_build(fresh_index, "29990101T000000-bad001", edit)
        store.publish(fresh_index.index_dir, bad)  # the watcher sees CURRENT change
        ready = api.wait_for(lambda r: (r.get("refused") or {}).get("build_id") == bad, what="refusal")
        assert ready["ready"] is True and ready["build_id"] == good
        assert needle in ready["refused"]["reason"]
        assert c.post("/ask", json=QUESTION, headers=USER).status_code == 200
        r = c.post("/admin/reload", headers=ADMIN)  # an explicit reload refuses it too, with the reason
        assert r.status_code == 409 and needle in r.json()["detail"]
        assert c.get("/readyz").json()["build_id"] == good
        store.publish(fresh_index.index_dir, good)  # roll back: nothing to reload
        assert c.post("/admin/reload", headers=ADMIN).json()["build_id"] == good


def test_admin_reload_loads_a_published_build(fresh_index, embedder):
    with serve(with_keys(fresh_index), embedder, watch_interval=0) as api, api.client() as c:
        first = api.wait_ready()["build_id"]
        second = _copy_build(fresh_index, "29990101T000000-good01")
        store.publish(fresh_index.index_dir, second)
        time.sleep(0.5)
        assert c.get("/readyz").json()["build_id"] == first  # no watcher: nothing happens by itself
        r = c.post("/admin/reload", headers=ADMIN)
        assert r.status_code == 200, r.text
        assert r.json() == {"reloaded": True, "build_id": second, "previous_build_id": first,
                            "message": f"now serving build {second}"}
        assert c.get("/readyz").json()["build_id"] == second


def test_starts_without_an_index_then_picks_one_up(tmp_path, seed_settings, embedder):
    settings = _seed_settings_with_cache(tmp_path, seed_settings)
    with serve(with_keys(settings), embedder, wait=False, watch_interval=0.2) as api, api.client() as c:
        r = c.get("/readyz")
        assert r.status_code == 503 and "askbot build" in r.json()["reason"]
        r = c.post("/ask", json=QUESTION, headers=USER)
        assert r.status_code == 503 and "not ready" in r.json()["detail"] and r.headers["retry-after"]
        assert c.get("/healthz").status_code == 200
        new = build(settings, embedder).manifest.build_id
        api.wait_ready(timeout=30, build_id=new)
        assert c.post("/ask", json=QUESTION, headers=USER).status_code == 200
