"""GET /search refuses query parameters it does not know (issue 12), and takes the CLI's `org=`.
The real service on loopback over the seed index."""

from __future__ import annotations

import pytest
from api_server import USER, serve, with_keys


@pytest.fixture(scope="module")
def api(seed_settings, embedder):
    with serve(with_keys(seed_settings), embedder) as running:
        yield running


def test_unknown_query_parameters_get_a_422_naming_them(api):
    with api.client() as http:
        r = http.get("/search", params={"q": "hydrogen", "orgs": "Asker", "sincee": "2022-01-01"}, headers=USER)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "invalid_request"
    assert body["detail"].startswith("unknown query parameter(s): orgs, sincee;") and "organisation" in body["detail"]


def test_org_is_the_clis_name_for_organisation(api):
    with api.client() as http:
        by_org = http.get("/search", params={"q": "transport", "org": "Kongsberg", "k": 5}, headers=USER)
        by_name = http.get("/search", params={"q": "transport", "organisation": "Kongsberg", "k": 5}, headers=USER)
        everyone = http.get("/search", params={"q": "transport", "k": 5}, headers=USER)
    assert by_org.status_code == 200, by_org.text
    hits = by_org.json()["hits"]
    assert hits and all("Kongsberg" in (h["speaker"]["organisation"] or "") for h in hits)
    assert [h["passage_id"] for h in hits] == [h["passage_id"] for h in by_name.json()["hits"]]
    assert [h["passage_id"] for h in hits] != [h["passage_id"] for h in everyone.json()["hits"]]
