"""Topic alerts on the service side: which passages a build adds (index/changes.py), which of them
answer a topic (retrieve/alerts.py), and GET /alerts, over real builds with the real model."""

from __future__ import annotations

import shutil

import pytest
from api_server import ADMIN, USER, serve, with_keys
from conftest import OWN_DIR, copy_minutes, published_seed_copy

from askbot.errors import IndexStoreError
from askbot.index import build, store
from askbot.index.changes import content_hashes, is_kept, new_passages
from askbot.retrieve import Engine
from askbot.retrieve.alerts import topic_alerts

MAY = OWN_DIR / "2022-05-20-naeringssamarbeidet.txt"
HYDROGEN_LINE = "Minnet om at alle regioner nå har meldt inn kontaktperson for hydrogen"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory, seed_settings, embedder):
    """(settings, seed build id, seed + 20.05.2022 build id); the second is live."""
    settings = published_seed_copy(tmp_path_factory.mktemp("alerts"), seed_settings, embedder)
    first = store.current(settings.index_dir)
    copy_minutes(settings.minutes_dir, MAY)
    build(settings, embedder)
    return settings, first, store.current(settings.index_dir)


@pytest.fixture(scope="module")
def engine(two_builds, embedder):
    return Engine.load(two_builds[0], model=embedder)


def test_new_passages_are_the_added_meetings_words(two_builds, engine):
    settings, first, second = two_builds
    new = new_passages(settings.index_dir, first, engine.build.passages)
    assert new and {p.meeting_id for p in new} == {"2022-05-20-naeringssamarbeidet"}
    assert new_passages(settings.index_dir, second, engine.build.passages) == []
    # the same build's own hashes, read from its metadata
    assert content_hashes(settings.index_dir, second) == {p.content_hash for p in engine.build.passages}


def test_unknown_or_malformed_build_is_refused(two_builds, engine):
    settings = two_builds[0]
    assert not is_kept(settings.index_dir, "../builds") and not is_kept(settings.index_dir, "20990101T000000-abc")
    with pytest.raises(IndexStoreError, match="not in .*pruned"):
        new_passages(settings.index_dir, "20990101T000000-abc", engine.build.passages)


def test_a_renumbered_passage_is_not_new(two_builds, engine, embedder, tmp_path):
    """Ids shift when a line is added early in a file; only the passage with new words is new."""
    settings = two_builds[0]
    moved = settings.model_copy(update={"minutes_dir": tmp_path / "m", "index_dir": tmp_path / "i"})
    copy_minutes(moved.minutes_dir, settings.minutes_dir)
    shutil.copytree(settings.index_dir / "cache", moved.index_dir / "cache")
    text = (moved.minutes_dir / MAY.name).read_text(encoding="utf-8")
    marker = "Sak 3. Runden rundt bordet\n"
    (moved.minutes_dir / MAY.name).write_text(
        text.replace(marker, marker + "\nHamar:\n\n- Hamar utreder en ny hydrogenstasjon ved Rudshøgda.\n"),
        encoding="utf-8")
    build(moved, embedder)
    shutil.copytree(settings.index_dir / "builds" / two_builds[2], moved.index_dir / "builds" / two_builds[2])
    after = Engine.load(moved, model=embedder)
    new = new_passages(moved.index_dir, two_builds[2], after.build.passages)
    assert [p.text for p in new] == ["- Hamar utreder en ny hydrogenstasjon ved Rudshøgda."]
    assert len({p.id for p in after.build.passages} - {p.id for p in engine.build.passages}) >= 1


def test_topic_alerts_by_the_answer(two_builds, engine):
    settings, first, _ = two_builds
    new = new_passages(settings.index_dir, first, engine.build.passages)
    [hydrogen] = topic_alerts(engine, "hydrogen", new)
    assert hydrogen.quote.startswith(HYDROGEN_LINE) and hydrogen.speaker == "Øyvind Sätvedt"
    assert hydrogen.agenda_number == "3" and str(hydrogen.meeting_date) == "2022-05-20"
    batteries = topic_alerts(engine, "batterier", new)
    assert len(batteries) >= 2 and all("batteri" in engine.passage(c.passage_id).text.lower() for c in batteries)
    assert topic_alerts(engine, "pannekaker", new) == []
    assert topic_alerts(engine, "hydrogen", []) == []


@pytest.fixture(scope="module")
def server(two_builds, embedder):
    with serve(with_keys(two_builds[0]), embedder) as s:
        yield s


def test_get_alerts(server, two_builds):
    _, first, second = two_builds
    with server.client(headers=USER) as c:
        r = c.get("/alerts", params={"topic": "hydrogen", "since_build": first})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["build_id"] == second and body["since_build"] == first and body["new_passages"] >= 1
        [a] = body["alerts"]
        assert a["quote"].startswith(HYDROGEN_LINE) and HYDROGEN_LINE in a["text"]
        assert a["meeting"]["date"] == "2022-05-20" and a["agenda_item"]["number"] == "3"
        assert a["speaker"]["name"] == "Øyvind Sätvedt" and a["source_path"].endswith(MAY.name)
        assert c.get("/alerts", params={"topic": "hydrogen", "since_build": second}).json()["alerts"] == []


def test_get_alerts_refusals(server, two_builds):
    first = two_builds[1]
    with server.client() as anon:
        assert anon.get("/alerts", params={"topic": "hydrogen", "since_build": first}).status_code == 401
    with server.client(headers=USER) as c:
        r = c.get("/alerts", params={"topic": "hydrogen", "since_build": "20990101T000000-abc"})
        assert r.status_code == 404 and "pruned" in r.json()["detail"] and two_builds[2] in r.json()["detail"]
        r = c.get("/alerts", params={"topic": "hydrogen", "since_build": "../../etc"})
        assert r.status_code == 422 and "since_build" in r.json()["detail"]
        r = c.get("/alerts", params={"since_build": first})
        assert r.status_code == 422 and "topic" in r.json()["detail"]
        r = c.get("/alerts", params={"topic": "\u200b ", "since_build": first})
        assert r.status_code == 422 and "visible" in r.json()["detail"]
    with server.client(headers=ADMIN) as c:
        paths = c.get("/openapi.json").json()["paths"]
    params = {p["name"] for p in paths["/alerts"]["get"]["parameters"]}
    assert {"topic", "since_build"} <= params and "404" in paths["/alerts"]["get"]["responses"]
