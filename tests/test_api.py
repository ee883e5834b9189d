"""The HTTP service over real HTTP on loopback, against a real index of real minutes (real model)."""

from __future__ import annotations

import json
import logging

import httpx
import pytest
from api_server import ADMIN, ADMIN_KEY, OTHER_KEY, USER, USER_KEY, serve, with_keys

from askbot.api.logging import JsonFormatter

HYDROGEN = "Hvem jobber med hydrogen?"


@pytest.fixture(scope="module")
def api(archive_settings, embedder):
    with serve(with_keys(archive_settings), embedder) as running:
        yield running


@pytest.fixture()
def http(api):
    with api.client() as c:
        yield c


def test_health_needs_no_key_and_readyz_names_the_build(http):
    assert http.get("/healthz").json() == {"status": "ok"}
    r = http.get("/readyz").json()
    assert r["ready"] is True and r["build_id"] and r["passage_count"] > 0
    assert r["model_id"] and r["refused"] is None


@pytest.mark.parametrize("method,path", [("post", "/ask"), ("get", "/search?q=hydrogen"),
                                         ("get", "/meetings"), ("get", "/people"),
                                         ("get", "/passages/x"), ("post", "/admin/reload")])
def test_every_endpoint_but_health_needs_a_key(http, method, path):
    kw = {"json": {"question": HYDROGEN}} if method == "post" else {}
    r = getattr(http, method)(path, **kw)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert "API key" in r.json()["detail"]
    bad = getattr(http, method)(path, headers={"X-API-Key": "wrong"}, **kw)
    assert bad.status_code == 401 and bad.json()["error"] == "unauthorized"


def test_bad_credential_beside_a_good_one_is_refused(http):
    r = http.get("/meetings", headers={**USER, "Authorization": "Basic Zm9vOmJhcg=="})
    assert r.status_code == 401
    r = http.get("/meetings", headers={**USER, "Authorization": "Bearer nope"})
    assert r.status_code == 401


def test_ask_who_returns_cited_people(http):
    r = http.post("/ask", json={"question": HYDROGEN, "k": 5}, headers=USER)
    assert r.status_code == 200, r.text
    a = r.json()
    assert a["kind"] == "people" and a["language"] == "no" and a["text"]
    assert any("Ingar" in p["name"] for p in a["people"])  # the seed meeting's hydrogen speaker
    cite = a["people"][0]["citations"][0]
    assert cite["quote"] and cite["meeting"]["date"] and cite["meeting"]["title"]
    assert cite["agenda_item"]["number"] and cite["speaker"]["label"]
    passage = http.get(f"/passages/{cite['passage_id']}", headers=USER).json()["passage"]
    assert cite["quote"] in passage["text"] and "hydrogen" in passage["text"].lower()


def test_ask_with_bearer_and_filters(http):
    r = http.post("/ask", headers={"Authorization": f"Bearer {OTHER_KEY}"},
                  json={"question": "Who works on virtual reality?",
                        "filters": {"since": "2022-01-01", "until": "2022-01-31"}})
    assert r.status_code == 200, r.text
    a = r.json()
    assert a["language"] == "en"
    assert all("2022-01-01" <= c["meeting"]["date"] <= "2022-01-31" for c in a["hits"])
    empty = http.post("/ask", headers=USER, json={"question": "hydrogen", "filters": {"until": "1999-01-01"}})
    assert empty.status_code == 200 and empty.json()["kind"] == "none"


def test_search_ranks_passages_in_the_cli_shape(http):
    r = http.get("/search", params={"q": "hydrogen luftfart Gardermoen", "k": 3}, headers=USER)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["query"] == "hydrogen luftfart Gardermoen" and 1 <= len(body["hits"]) <= 3
    hit = body["hits"][0]
    assert "hydrogen" in hit["text"]
    assert set(hit) >= {"passage_id", "text", "score", "meeting", "agenda_item", "speaker"}
    assert set(hit["speaker"]) >= {"label", "name", "organisation", "ambiguous"}
    scores = [h["score"] for h in body["hits"]]
    assert scores == sorted(scores, reverse=True)
    only = http.get("/search", params={"q": "hydrogen", "meeting": "no-such-meeting"}, headers=USER)
    assert only.status_code == 200 and only.json()["hits"] == []


def test_passage_with_its_agenda_item(http):
    hit = http.get("/search", params={"q": "Ringeriksbanen", "k": 1}, headers=USER).json()["hits"][0]
    view = http.get(f"/passages/{hit['passage_id']}", headers=USER).json()
    assert view["passage"]["passage_id"] == hit["passage_id"]
    ids = [n["passage_id"] for n in view["neighbours"]]
    assert hit["passage_id"] in ids and len(ids) > 1
    assert {n["agenda_item"]["number"] for n in view["neighbours"]} == {hit["agenda_item"]["number"]}
    missing = http.get("/passages/no-such-passage", headers=USER)
    assert missing.status_code == 404 and "no-such-passage" in missing.json()["detail"]


def test_meetings_and_meeting_detail(http):
    meetings = http.get("/meetings", headers=USER).json()["meetings"]
    assert meetings and [m["date"] for m in meetings] == sorted(m["date"] for m in meetings)
    seed = next(m for m in meetings if m["date"] == "2022-01-14")
    detail = http.get(f"/meetings/{seed['id']}", headers=USER).json()
    assert any("Aanensen" in a["name"] for a in detail["attendees"])
    assert any("Runden rundt bordet" in item["title"] for item in detail["agenda"])
    assert http.get("/meetings/nope", headers=USER).status_code == 404


def test_people_and_what_a_person_raised(http):
    people = http.get("/people", headers=USER).json()["people"]
    dag = next(p for p in people if p["name"] == "Dag Aanensen")
    detail = http.get(f"/people/{dag['id']}", headers=USER).json()
    assert detail["name"] == "Dag Aanensen" and detail["meetings"]
    texts = [p["text"] for m in detail["meetings"] for p in m["passages"]]
    assert any("temaplan" in t.lower() for t in texts)
    assert all(p["speaker"]["person_id"] == dag["id"] for m in detail["meetings"] for p in m["passages"])
    assert http.get("/people/nobody-at-all", headers=USER).status_code == 404


def test_admin_reload_needs_an_admin_key(http):
    r = http.post("/admin/reload", headers=USER)
    assert r.status_code == 403 and "admin" in r.json()["detail"]
    ok = http.post("/admin/reload", headers=ADMIN)
    assert ok.status_code == 200 and ok.json()["reloaded"] is False
    assert "already serving" in ok.json()["message"]


@pytest.mark.parametrize("body,status,needle", [
    ({"question": "x" * 501}, 422, "limit is 500"),
    ({"question": "   "}, 422, "empty"),
    ({"question": ""}, 422, "question"),
    ({"question": HYDROGEN, "k": 0}, 422, "k"),
    ({"question": HYDROGEN, "filters": {"since": "not-a-date"}}, 422, "since"),
    ({"question": HYDROGEN, "filters": {"since": "2023-01-01", "until": "2022-01-01"}}, 422, "after"),
    ({"question": HYDROGEN, "surprise": 1}, 422, "surprise"),
    ({"nothing": "here"}, 422, "question"),
])
def test_bad_questions_get_422_with_a_reason(http, body, status, needle):
    r = http.post("/ask", json=body, headers=USER)
    assert r.status_code == status, r.text
    assert needle in r.json()["detail"] and r.json()["error"] == "invalid_request"


def test_malformed_and_oversized_bodies(http):
    r = http.post("/ask", content=b'{"question": ', headers={**USER, "Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["detail"]
    big = json.dumps({"question": "hydrogen " * 20_000})
    r = http.post("/ask", content=big, headers={**USER, "Content-Type": "application/json"})
    assert r.status_code == 413 and "limit" in r.json()["detail"]

    def chunks():  # no Content-Length: the limit is enforced while the body streams in
        for _ in range(100):
            yield b" " * 4096

    r = http.post("/ask", content=chunks(), headers={**USER, "Content-Type": "application/json"})
    assert r.status_code == 413
    r = http.get("/search", params={"q": "y" * 501}, headers=USER)
    assert r.status_code == 422 and "limit is 500" in r.json()["detail"]


def test_no_cors_headers_by_default(http):
    r = http.options("/ask", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers


def test_rate_limit_per_key_with_retry_after(archive_settings, embedder):
    with serve(with_keys(archive_settings, rate_limit_per_minute=3), embedder) as running, running.client() as c:
        codes = [c.get("/meetings", headers=USER).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        r = c.get("/meetings", headers=USER)
        assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
        assert "rate limit" in r.json()["detail"]
        assert c.get("/meetings", headers={"X-API-Key": OTHER_KEY}).status_code == 200  # per key
        assert c.get("/healthz").status_code == 200  # probes are never limited


def test_one_json_log_line_per_request_without_keys_or_questions(http, caplog):
    caplog.set_level(logging.INFO, logger="askbot.access")
    secret_question = "Hvem jobber med hemmelig-prosjekt-xyz?"
    http.post("/ask", json={"question": secret_question}, headers=USER)
    http.get("/meetings", headers={"X-API-Key": "wrong-key-123"})
    lines = [JsonFormatter().format(r) for r in caplog.records if r.name == "askbot.access"]
    entries = [json.loads(line) for line in lines]
    ask = next(e for e in entries if e["path"] == "/ask")
    assert ask["method"] == "POST" and ask["status"] == 200 and ask["key"] == "alice"
    assert ask["latency_ms"] > 0
    assert next(e for e in entries if e["path"] == "/meetings")["status"] == 401
    text = "\n".join(lines)
    for secret in (USER_KEY, ADMIN_KEY, "wrong-key-123", "hemmelig-prosjekt-xyz"):
        assert secret not in text


def test_questions_are_logged_only_when_enabled(archive_settings, embedder, caplog):
    caplog.set_level(logging.INFO, logger="askbot.access")
    with serve(with_keys(archive_settings, log_questions=True), embedder) as running:
        httpx.post(running.base_url + "/ask", json={"question": "Hvem jobber med VR?"}, headers=USER, timeout=60)
    ask = [r.fields for r in caplog.records if r.name == "askbot.access" and r.fields["path"] == "/ask"]
    assert ask and ask[0]["question"] == "Hvem jobber med VR?"
