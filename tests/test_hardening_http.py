"""HTTP hardening (issue 10, item 14 and the Low one-liners) against the real service on loopback:
a bad CURRENT is refused with a reason (not a 500) while the old build keeps serving; /readyz shows
no server paths; page k=² is not a 500; a zero-width question is refused; the 404 echo is bounded."""

from __future__ import annotations

import httpx
import pytest
from api_server import ADMIN, USER, USER_KEY, serve, with_keys
from conftest import published_seed_copy


@pytest.fixture()
def fresh_index(tmp_path, seed_settings, embedder):
    return published_seed_copy(tmp_path, seed_settings, embedder)


@pytest.mark.parametrize("bad", [b"\xff\xfe\x00garbage\n", b"../../other/builds/20220101T000000-abcdef\n", "dir"])
def test_bad_current_is_refused_and_the_old_build_keeps_serving(fresh_index, embedder, bad):
    with serve(with_keys(fresh_index), embedder, watch_interval=0) as api, api.client() as c:
        first = api.wait_ready()["build_id"]
        cur = fresh_index.index_dir / "CURRENT"
        cur.unlink()
        cur.mkdir() if bad == "dir" else cur.write_bytes(bad)
        r = c.post("/admin/reload", headers=ADMIN)
        assert r.status_code == 409 and "CURRENT" in r.json()["detail"], r.text  # main: 500 or another build
        ready = c.get("/readyz").json()
        assert ready["build_id"] == first and "CURRENT" in ready["refused"]["reason"]
        assert str(fresh_index.index_dir) not in c.get("/readyz").text  # no server paths to anyone


def test_page_and_question_edge_cases(fresh_index, embedder):
    with serve(with_keys(fresh_index), embedder, watch_interval=0) as api, httpx.Client(
            base_url=api.base_url, timeout=60) as c:
        assert c.post("/login", data={"api_key": USER_KEY}, follow_redirects=False).status_code == 303
        assert c.get("/", params={"q": "hydrogen", "k": "²"}).status_code == 200  # main: 500
        long_id = "x" * 5000
        r = c.get("/view/passages/" + long_id)
        assert r.status_code == 404 and long_id not in r.text and "x" * 80 in r.text
        r = c.post("/ask", json={"question": "\u200b\u200c\u200d"}, headers=USER)
        assert r.status_code == 422 and "no visible characters" in r.text, r.text


def test_since_after_until_is_a_documented_422_naming_both_fields(seed_settings, embedder):
    with serve(with_keys(seed_settings), embedder, watch_interval=0) as api, api.client() as c:
        schema = c.get("/openapi.json").json()
        for path, method, where in (("/search", "get", "query"), ("/ask", "post", "filters")):
            doc = schema["paths"][path][method]["responses"]["422"]
            assert "'since' must not be after 'until'" in doc["description"], doc  # main: a generic 422 only
            assert doc["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorBody")
            if method == "get":
                r = c.get(path, params={"q": "hydrogen", "since": "2023-01-01", "until": "2022-01-01"}, headers=USER)
            else:
                r = c.post(path, json={"question": "hydrogen", "filters": {"since": "2023-01-01",
                                                                          "until": "2022-01-01"}}, headers=USER)
            body = r.json()
            assert r.status_code == 422 and body["error"] == "invalid_request", r.text
            assert {e["field"] for e in body["errors"]} == {f"{where}.since", f"{where}.until"}, body  # main: no errors
            assert "since" in body["detail"] and "until" in body["detail"] and "2023-01-01" in body["detail"]
        ok = c.get("/search", params={"q": "hydrogen", "since": "2022-01-14", "until": "2022-01-14"}, headers=USER)
        assert ok.status_code == 200 and ok.json()["hits"]  # one day is a valid range
