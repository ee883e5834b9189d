"""The staff page's posts against the real service on loopback (issue 10, Low items): a cross-site
/login or /logout is refused with a 403 and a reason while same-origin posts work, and wrong keys
on the login form and on the API count against one per-address failure limit."""

from __future__ import annotations

import httpx
import pytest
from api_server import USER_KEY, serve, with_keys

COOKIE = "askbot_session"
EVIL = "https://evil.example"


@pytest.fixture(scope="module")
def site(seed_settings, embedder):
    with serve(with_keys(seed_settings, auth_failures_per_minute=1000), embedder, watch_interval=0) as api:
        yield api


def _logged_in(base: str, cookie: str) -> bool:
    with httpx.Client(base_url=base, timeout=60, cookies={COOKIE: cookie}) as c:
        return 'name="api_key"' not in c.get("/").text


@pytest.mark.parametrize("headers", [{"Origin": EVIL}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"},
                                     {"Sec-Fetch-Site": "same-site"}, {"Referer": EVIL + "/form.html"},
                                     {"Origin": "http://127.0.0.1.evil.example"}],
                         ids=["origin", "null-origin", "fetch-cross", "fetch-same-site", "referer", "lookalike"])
def test_cross_site_login_is_refused(site, headers):
    with site.client() as c:
        r = c.post("/login", data={"api_key": USER_KEY}, headers=headers, follow_redirects=False)
    assert r.status_code == 403, r.text  # main: 303 and a session for the forged post
    assert "cross-site" in r.json()["detail"] and "annet nettsted" in r.json()["detail"]
    assert COOKIE not in r.headers.get("set-cookie", "")


def test_same_origin_posts_work_and_a_cross_site_logout_keeps_the_session(site):
    own = site.base_url  # http://127.0.0.1:PORT, what the browser sends as Origin
    for headers in ({"Origin": own}, {"Sec-Fetch-Site": "same-origin", "Origin": "null"},
                    {"Referer": own + "/"}, {}):  # {}: curl, no browser headers at all
        with site.client() as c:
            r = c.post("/login", data={"api_key": USER_KEY}, headers=headers, follow_redirects=False)
            assert r.status_code == 303 and r.cookies.get(COOKIE), (headers, r.text)
    cookie = r.cookies[COOKIE]
    with site.client(cookies={COOKIE: cookie}) as c:
        forged = c.post("/logout", headers={"Origin": EVIL}, follow_redirects=False)
        assert forged.status_code == 403, forged.text  # main: 303, the cookie cleared and the session dropped
        assert _logged_in(site.base_url, cookie)
        assert c.post("/logout", headers={"Origin": own}, follow_redirects=False).status_code == 303
    assert not _logged_in(site.base_url, cookie)


def test_login_form_and_api_share_one_failure_limit(seed_settings, embedder):
    with serve(with_keys(seed_settings, auth_failures_per_minute=6), embedder, watch_interval=0) as api, \
            api.client() as c:
        page = [c.post("/login", data={"api_key": f"guess-{i}"}).status_code for i in range(3)]
        rest = [c.get("/meetings", headers={"X-API-Key": f"guess-{i}"}).status_code for i in range(3)]
        assert page + rest == [401] * 6
        # six failures in all: both doors are now closed to this address, even for the right key
        assert c.get("/meetings", headers={"X-API-Key": USER_KEY}).status_code == 429  # main: 200 (only 3 counted)
        r = c.post("/login", data={"api_key": USER_KEY}, follow_redirects=False)
        assert r.status_code == 429 and COOKIE not in r.headers.get("set-cookie", ""), r.text


def test_a_right_login_is_not_a_failure(seed_settings, embedder):
    with serve(with_keys(seed_settings, auth_failures_per_minute=3), embedder, watch_interval=0) as api, \
            api.client() as c:
        ok = [c.post("/login", data={"api_key": USER_KEY}, follow_redirects=False).status_code for _ in range(15)]
        assert ok == [303] * 15  # main: the page limiter counted every login, so 10 x 303 then 429


def test_rotating_ipv6_addresses_in_one_64_share_one_failure_budget(seed_settings, embedder):
    with serve(with_keys(seed_settings, auth_failures_per_minute=5, trusted_proxies="127.0.0.1"), embedder,
               watch_interval=0) as api, api.client() as c:
        got = [c.get("/meetings", headers={"X-API-Key": "guess", "X-Forwarded-For": f"2001:db8:7:9::{i:x}"})
               .status_code for i in range(1, 13)]
        assert got == [401] * 5 + [429] * 7, got  # main: 12 x 401, each address its own budget
        other = c.get("/meetings", headers={"X-API-Key": USER_KEY, "X-Forwarded-For": "2001:db8:7:a::1"})
        assert other.status_code == 200  # the next /64 is someone else


def test_the_failure_limiter_keeps_a_bounded_number_of_addresses():
    from askbot.api.security import RateLimiter

    limiter = RateLimiter(5, max_names=1000)
    for i in range(20_000):  # an address flood
        limiter.take(f"198.51.{i // 256}.{i % 256}")
    assert len(limiter) == 1000  # main: no bound (20,000 buckets kept forever)
    for _ in range(5):
        limiter.take("203.0.113.9")
    assert limiter.take("203.0.113.9") > 0  # the address in use keeps its count
