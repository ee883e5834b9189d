"""The staff page in headless Chromium (Debian's): log in, ask, see the cited answer, follow a citation."""

from __future__ import annotations

import re

import httpx
import pytest
from api_server import USER_KEY, serve, with_keys



@pytest.fixture(scope="module")
def site(archive_settings, embedder):
    with serve(with_keys(archive_settings), embedder) as running:
        yield running


@pytest.fixture()
def page(browser):
    context = browser.new_context(java_script_enabled=False, locale="en-US")  # the page must work without JavaScript
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


def test_login_ask_see_citations_and_follow_one(site, page, tmp_path):
    page.goto(site.base_url + "/")
    assert page.locator("input[name=api_key]").is_visible()
    page.fill("input[name=api_key]", "not-a-key")
    page.click("button[type=submit]")
    assert "not valid" in page.locator(".problem").inner_text()

    page.fill("input[name=api_key]", USER_KEY)
    page.click("button[type=submit]")
    page.wait_for_selector("input[name=q]")
    cookie = next(c for c in page.context.cookies() if c["name"] == "askbot_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and USER_KEY not in cookie["value"]
    assert "signed in as alice" in page.content()

    page.fill("input[name=q]", "Hvem jobber med hydrogen?")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_selector("#answer")
    answer = page.locator("#answer")
    assert "Ingar" in answer.inner_text()
    assert answer.locator("blockquote").count() > 0
    page.screenshot(path=str(tmp_path / "answer.png"), full_page=True)

    link = answer.locator("a.cite").first
    href = link.get_attribute("href")
    assert re.fullmatch(r"/view/passages/[^/?]+\?back=/%3Fq%3D[^/]+", href)  # back: this search
    link.click()
    page.wait_for_selector("article.current")
    current = page.locator("article.current").inner_text()
    assert current.strip() and "Item" in page.locator("h2").inner_text()  # English: the browser's locale
    assert page.locator("article.passage").count() >= 1

    page.click("text=Back to search")
    page.click("button:has-text('Log out')")
    page.wait_for_selector("input[name=api_key]")
    assert not [c for c in page.context.cookies() if c["name"] == "askbot_session" and c["value"]]


def test_filters_and_a_refused_question_on_the_page(site, page):
    page.goto(site.base_url + "/")
    page.fill("input[name=api_key]", USER_KEY)
    page.click("button[type=submit]")
    page.wait_for_selector("input[name=q]")
    page.fill("input[name=q]", "bærekraft")
    page.fill("input[name=until]", "1999-12-31")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_selector("#answer")
    assert page.locator(".citation").count() == 0  # nothing that old
    page.goto(site.base_url + "/?q=" + "x" * 600)
    assert "limit is 500" in page.locator(".problem").inner_text()


def test_page_escapes_input_and_needs_a_session(site):
    with httpx.Client(base_url=site.base_url, timeout=60) as c:
        assert "api_key" in c.get("/").text  # no session: the login form
        assert c.get("/view/passages/anything").status_code == 401
        r = c.post("/login", data={"api_key": USER_KEY}, follow_redirects=False)
        assert r.status_code == 303 and "httponly" in r.headers["set-cookie"].lower()
        assert "samesite=strict" in r.headers["set-cookie"].lower()
        evil = '<script>alert("x")</script>'
        page = c.get("/", params={"q": evil})
        assert evil not in page.text and "&lt;script&gt;" in page.text
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert c.get("/view/passages/" + "%3Cb%3E").status_code == 404
