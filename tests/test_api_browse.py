"""Browsing the archive on the staff page, in headless Chromium: meetings, a meeting, people, a person
and a passage, in Norwegian and English, at 1280 and 390 px; back to search, deep links through
login, the language switch, dd.mm.yyyy dates, the original file's download, and an offline /docs."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest
from api_server import USER_KEY, serve, with_keys
from conftest import OWN_DIR, SEED_DIR, copy_minutes, make_settings

from askbot.api.i18n import from_accept_language, read_date
from askbot.api.links import local_target

GINA = "gina-finsrud"
ABSENCES = Path(__file__).parent / "minutes" / "layouts" / "2023-04-21-naeringssamarbeidet.md"  # has "Forfall:"
MAY = "2022-05-20-naeringssamarbeidet"
QUESTION = "Hvem jobber med hydrogen?"
WORDS = {  # fixed texts the pages must show in each language
    "nb": {"meetings": "Møter", "present": "Til stede", "formerly": "Fredrikstad kommune, tidligere Søndre Viken",
           "back": "Tilbake til søket", "download": "Last ned originalen", "item": "Sak", "switch": "English",
           "absent": "Forfall (3)"},
    "en": {"meetings": "Meetings", "present": "Present", "formerly": "Fredrikstad kommune, formerly Søndre Viken",
           "back": "Back to search", "download": "Download the original", "item": "Item", "switch": "Norsk",
           "absent": "Absent (3)"},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory, archive_settings, embedder):
    """A private published archive (seed + our own meetings), so its files can be changed here."""
    from askbot.index import build

    root = tmp_path_factory.mktemp("browse")
    settings = make_settings(root, copy_minutes(root / "minutes", SEED_DIR, OWN_DIR, ABSENCES))
    shutil.copytree(archive_settings.index_dir / "cache", settings.index_dir / "cache")
    build(settings, embedder)
    with serve(with_keys(settings), embedder) as running:
        running.settings = settings
        yield running


@contextlib.contextmanager
def _session(site):
    """An HTTP client logged in to the page (a session cookie)."""
    with httpx.Client(base_url=site.base_url, timeout=60) as c:
        r = c.post("/login", data={"api_key": USER_KEY}, headers={"Origin": site.base_url}, follow_redirects=False)
        assert r.status_code == 303
        yield c


def _no_overflow(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_browse_pages(site, browser, lang, width):
    ctx = browser.new_context(java_script_enabled=False, locale="nb-NO", viewport={"width": width, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    w = WORDS[lang]
    try:
        # a deep link goes through login and lands where it pointed
        page.goto(f"{site.base_url}/view/meetings/{MAY}")
        assert page.locator("input[name=api_key]").is_visible()
        if lang == "en":  # Accept-Language says Norwegian: the switch changes it, on the login page too
            page.click("#lang-switch")
            assert page.locator("html").get_attribute("lang") == "en"
        page.fill("input[name=api_key]", USER_KEY)
        page.click("button[type=submit]")
        page.wait_for_selector("h1")
        assert urlsplit(page.url).path == f"/view/meetings/{MAY}"
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("#lang-switch").inner_text() == w["switch"]
        assert page.locator("time").first.inner_text() == "20.05.2022"
        assert w["present"] in page.content() and page.locator("section.item article.passage").count() > 3
        _no_overflow(page, width)

        page.click(f"nav >> text={w['meetings']}")
        page.wait_for_selector("section.meeting")
        assert page.locator("a.download").count() == page.locator("section.meeting").count() == 5
        assert w["download"] in page.content()
        assert page.locator("time").all_inner_texts() == ["21.04.2023", "16.09.2022", "20.05.2022", "11.03.2022",
                                                          "14.01.2022"]
        april = page.locator("#m-2023-04-21-naeringssamarbeidet")
        assert w["absent"] in april.inner_text() and "Yngvar Trandem" in april.locator("details").nth(2).inner_html()
        _no_overflow(page, width)

        page.goto(f"{site.base_url}/view/people/{GINA}")
        assert w["formerly"] in page.locator("p.meta").first.inner_text()
        assert page.locator("section.card h3 time").all_inner_texts()[:4] == [
            "14.01.2022", "11.03.2022", "20.05.2022", "16.09.2022"]  # what she raised, meeting by meeting
        _no_overflow(page, width)
        page.goto(f"{site.base_url}/view/people")
        assert w["formerly"] in page.locator(f"#p-{GINA}").inner_text()
        _no_overflow(page, width)

        # the question and its results survive a visit to a passage, by the link and by the browser
        page.goto(f"{site.base_url}/?q={quote(QUESTION)}&since=01.01.2022")
        page.wait_for_selector("#answer")
        shown = page.locator("#answer blockquote").all_inner_texts()
        assert shown and page.locator("input[name=since]").input_value() == "01.01.2022"
        _no_overflow(page, width)
        page.locator("a.cite").first.click()
        page.wait_for_selector("article.current")
        assert page.locator("#file-name").inner_text().endswith("-naeringssamarbeidet.txt")
        assert "/" not in page.locator("#file-name").inner_text()
        assert str(site.settings.minutes_dir) not in page.content()
        assert w["item"] in page.locator("h2").first.inner_text()
        _no_overflow(page, width)
        page.click(f"#back >> text={w['back']}")
        page.wait_for_selector("#answer")
        assert page.locator("input[name=q]").input_value() == QUESTION
        assert page.locator("#answer blockquote").all_inner_texts() == shown
        page.locator("a.cite").first.click()
        page.wait_for_selector("article.current")
        page.go_back()
        assert page.locator("input[name=q]").input_value() == QUESTION
    finally:
        ctx.close()


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example",
                                    "javascript:alert(1)", "http:/evil.example", "/\t/evil.example", "evil.example"])
def test_login_lands_only_on_local_paths(site, target):
    with httpx.Client(base_url=site.base_url, timeout=60) as c:
        r = c.post("/login", data={"api_key": USER_KEY, "next": target}, headers={"Origin": site.base_url},
                   follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/"
        assert c.get(f"/lang/en?next={quote(target, safe='')}", follow_redirects=False).headers["location"] == "/"
        r = c.post("/login", data={"api_key": USER_KEY, "next": "/view/people?x=1"},
                   headers={"Origin": site.base_url}, follow_redirects=False)
        assert r.headers["location"] == "/view/people?x=1"


def test_local_target_and_language_rules():
    assert local_target("/view/meetings/a?back=/%3Fq%3Dx") == "/view/meetings/a?back=/%3Fq%3Dx"
    assert local_target("//x") == local_target("https://x/") == local_target("/a\\b") == "/"
    assert from_accept_language("de-DE,en;q=0.8,nb;q=0.9") == "nb"
    assert from_accept_language("en-GB,en;q=0.9") == "en"
    assert from_accept_language("nn-NO") == "nb" and from_accept_language("fr, de") is None
    assert str(read_date("14.1.2022", "since", "nb")) == str(read_date("2022-01-14", "since", "nb")) == "2022-01-14"


def test_language_default_cookie_and_accept_language(site):
    with _session(site) as c:
        assert '<html lang="nb">' in c.get("/view/meetings").text  # no preference: bokmål
        assert '<html lang="en">' in c.get("/view/meetings", headers={"Accept-Language": "en-US,en;q=0.9"}).text
        r = c.get("/lang/en?next=/view/people", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/view/people"
        page = c.get("/view/people", headers={"Accept-Language": "nb"}).text  # the cookie wins
        assert '<html lang="en">' in page and "People" in page
        c.get("/lang/nb")
        assert "Personer" in c.get("/view/people").text
        seed = c.get("/view/meetings/2022-01-14-naeringssamarbeidet").text  # candidates by name, not id
        assert "(usikker: Øyvind Andreas Sørli, Øyvind Sätvedt)" in seed and "oyvind-satvedt" not in seed


def test_dates_typed_as_dd_mm_yyyy(site):
    with _session(site) as c:
        for until in ("31.12.1999", "1999-12-31"):
            page = c.get("/", params={"q": "bærekraft", "until": until}).text
            assert 'class="citation"' not in page and 'value="31.12.1999"' in page
        assert 'class="citation"' in c.get("/", params={"q": "bærekraft", "since": "01.01.2022"}).text
        r = c.get("/", params={"q": "bærekraft", "since": "32.13.2022"})
        assert r.status_code == 422 and "Fra må være en dato som 14.01.2022" in r.text
        r = c.get("/", params={"q": "x" * 600}, headers={"Accept-Language": "nb"})
        assert "grensen er 500" in r.text


def test_original_file_needs_a_session_and_only_serves_the_built_files(site, tmp_path):
    url = f"/view/meetings/{MAY}/file"
    with httpx.Client(base_url=site.base_url, timeout=60) as anon:
        r = anon.get(url)
        assert r.status_code == 401 and "api_key" in r.text and f'value="{url}"' in r.text
    source = Path(site.settings.minutes_dir) / f"{MAY}.txt"
    original = source.read_bytes()
    with _session(site) as c:
        r = c.get(url)
        assert r.status_code == 200 and r.content == original
        assert r.headers["content-disposition"] == f"attachment; filename*=UTF-8''{MAY}.txt"
        for bad in ("..%2F..%2Fetc%2Fpasswd", "nope", "%2Fetc%2Fpasswd"):
            assert c.get(f"/view/meetings/{bad}/file").status_code == 404
        try:
            outside = tmp_path / "outside.txt"  # same bytes, but outside the minutes folder
            outside.write_bytes(original)
            source.unlink()
            source.symlink_to(outside)
            assert c.get(url).status_code == 404
            source.unlink()
            source.write_bytes(original + b"\nendret etterpaa\n")
            r = c.get(url)
            assert r.status_code == 409 and "bygg indeksen på nytt" in r.text
            source.unlink()
            assert c.get(url).status_code == 404
        finally:
            if source.is_symlink() or source.exists():
                source.unlink()
            source.write_bytes(original)
        assert c.get(url).status_code == 200


def test_docs_work_offline(site, browser):
    with httpx.Client(base_url=site.base_url, timeout=60) as c:
        for doc in ("/docs", "/redoc"):
            html = c.get(doc).text
            assert "://" not in html  # no host named at all
            refs = re.findall(r"""(?:src|href|url)\s*[:=]\s*['"]([^'"]+)['"]""", html)
            assert len(refs) >= 2 and all(r.startswith("/") for r in refs), refs
            for ref in refs:
                assert c.get(ref).status_code == 200, ref
    ctx = browser.new_context()
    outside = []
    ctx.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: (outside.append(route.request.url), route.abort()))
    try:
        page = ctx.new_page()
        page.goto(site.base_url + "/docs")
        page.wait_for_selector(".swagger-ui .info .title", timeout=60_000)
        assert "askbot" in page.locator(".swagger-ui .info .title").inner_text()
        assert page.locator(".opblock").count() > 5
        assert outside == []
    finally:
        ctx.close()


def test_every_fixed_text_is_in_both_languages():
    from string import Formatter

    from askbot.api.texts import TEXTS

    fields = lambda s: sorted(f for _, f, _, _ in Formatter().parse(s) if f)
    for key, (nb, en) in TEXTS.items():
        assert nb.strip() and en.strip() and fields(nb) == fields(en), key
    templates = Path(__file__).resolve().parents[1] / "src" / "askbot" / "api" / "templates"
    for tpl in templates.glob("*.html"):
        body = re.sub(r"<style>.*?</style>", "", tpl.read_text(), flags=re.DOTALL)
        body = re.sub(r"{[{%#].*?[}%#]}", "", body, flags=re.DOTALL)  # Jinja: t("…"), data, tags
        visible = re.sub(r"<[^>]*>", " ", body)
        words = [w for w in re.findall(r"[^\W\d_]{2,}", visible) if w != "askbot"]  # the name is not translated
        assert words == [], f"{tpl.name}: fixed text outside t(): {words}"
        for key in re.findall(r"""\bt\(\s*['"](\w+)['"]""", tpl.read_text()):
            assert key in TEXTS, f"{tpl.name}: no text {key!r}"


FOLLOWTHROUGH = Path(__file__).parent / "minutes" / "followthrough"
FOLLOW_WORDS = {
    "nb": {"title": "Vedtak og oppgaver for {}", "kind": "Oppgave", "due": "frist 01.03.2024",
           "again": ["nevnt igjen 08.03.2024, sak 2", "nevnt igjen 24.05.2024, sak 2"],
           "open": "ikke meldt gjennomført", "done": "gjennomført ifølge referatet", "none": "Ingen vedtak eller"},
    "en": {"title": "Decisions and actions for {}", "kind": "Action", "due": "due 01.03.2024",
           "again": ["mentioned again 08.03.2024, item 2", "mentioned again 24.05.2024, item 2"],
           "open": "not reported done", "done": "done according to the minutes", "none": "No decisions or"},
}


@pytest.fixture(scope="module")
def follow_site(tmp_path_factory, embedder):
    """Three meetings where an action is taken up again twice and another is reported done."""
    from askbot.index import build

    root = tmp_path_factory.mktemp("browse-followups")
    settings = make_settings(root, copy_minutes(root / "minutes", *sorted(FOLLOWTHROUGH.glob("*.txt"))))
    build(settings, embedder)
    with serve(with_keys(settings), embedder) as running:
        yield running


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_person_page_shows_follow_ups(follow_site, browser, lang):
    w = FOLLOW_WORDS[lang]
    ctx = browser.new_context(java_script_enabled=False, locale="nb-NO", viewport={"width": 390, "height": 900})
    page = ctx.new_page()
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{follow_site.base_url}/view/people/kari-nordmann")
        if lang == "en":
            page.click("#lang-switch")
        page.fill("input[name=api_key]", USER_KEY)
        page.click("button[type=submit]")
        page.wait_for_selector("h1")
        assert page.locator("#followups").inner_text() == w["title"].format("Kari Nordmann")
        [card] = page.locator("section.followup").all()
        text = card.inner_text()
        assert card.locator("h3").inner_text().startswith(f"{w['kind']} · 12.01.2024 · ")
        assert "Kari Nordmann tar kontakt med Statnett om nettkapasiteten" in card.locator("blockquote").inner_text()
        assert card.locator(".due").inner_text() == w["due"]
        mentions = card.locator("p.mention").all_inner_texts()
        assert [m.split(":")[0] for m in mentions] == w["again"]
        assert "et møte er avtalt i april" in mentions[0]
        assert w["open"] in text and w["done"] not in text  # "et møte er avtalt" is not "done"
        _no_overflow(page, 390)

        page.goto(f"{follow_site.base_url}/view/people/per-hansen")  # reported done at the next meeting
        card = page.locator("section.followup").first
        assert "invitasjon til næringsfrokosten" in card.locator("blockquote").inner_text()
        assert card.locator("p.done").inner_text() == w["done"]

        page.goto(f"{follow_site.base_url}/view/people/lars-berg")  # spoke on the topic, owns nothing
        assert page.locator("section.followup").count() == 0
        assert w["none"] in page.content()
    finally:
        ctx.close()
