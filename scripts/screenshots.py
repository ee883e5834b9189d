"""Screenshots of the staff page for the README: builds the seed minutes (data/minutes) into a
temporary index, serves it on loopback with a throwaway key, and photographs the search, meetings,
meeting, people, person and passage pages in headless Chromium (Norwegian at 1280 px, two pages at
390 px and one in English). Writes small palette PNGs to docs/screenshots/.

    .venv/bin/python scripts/screenshots.py [--minutes DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import uvicorn

REPO = Path(__file__).resolve().parents[1]
KEY = "screenshot-key-" + str(int(time.time()))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
QUESTION = "Hvem jobber med hydrogen?"


@contextlib.contextmanager
def serving(settings, embedder):
    from askbot.api import create_app

    app = create_app(settings, model=embedder, watch_interval=0)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, log_config=None))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    for _ in range(600):
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + "/readyz", timeout=5).status_code == 200:
                break
        time.sleep(0.1)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(10)


def shrink(path: Path) -> None:
    """256-colour palette PNG: a text page loses nothing visible and a third of its bytes."""
    with contextlib.suppress(ImportError):
        from PIL import Image

        with Image.open(path) as im:
            im.convert("RGB").quantize(256).save(path, optimize=True)


def shoot(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        for lang, width, height, pages in [
            ("nb-NO", 1280, 820, ["search", "meetings", "meeting", "people", "person", "passage"]),
            ("nb-NO", 390, 820, ["meetings", "passage"]),
            ("en-GB", 1280, 820, ["meeting"]),
        ]:
            ctx = browser.new_context(java_script_enabled=False, locale=lang, viewport={"width": width, "height": height})
            page = ctx.new_page()
            page.goto(base + "/")
            page.fill("input[name=api_key]", KEY)
            page.click("button[type=submit]")
            page.wait_for_selector("input[name=q]")
            meeting = httpx.get(base + "/meetings", headers={"X-API-Key": KEY}).json()["meetings"][-1]["id"]
            person = "gina-finsrud"
            search = f"/?q={quote(QUESTION)}"
            page.goto(base + search)
            passage = page.locator("a.cite").first.get_attribute("href")
            urls = {"search": search, "meetings": "/view/meetings", "meeting": f"/view/meetings/{meeting}",
                    "people": "/view/people", "person": f"/view/people/{person}", "passage": passage}
            for name in pages:
                page.goto(base + urls[name])
                path = out / f"{name}-{lang[:2]}-{width}.png"
                page.screenshot(path=str(path))
                shrink(path)
                written.append(path)
            ctx.close()
        browser.close()
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=Path, default=REPO / "data" / "minutes")
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = ap.parse_args()
    from askbot.index import build
    from askbot.model import Embedder
    from askbot.settings import Settings

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="askbot-shots-") as tmp:
        minutes = Path(tmp) / "minutes"
        shutil.copytree(args.minutes, minutes)
        settings = Settings(minutes_dir=minutes, index_dir=Path(tmp) / "index", api_keys=f"screens:{KEY}",
                            people_file=REPO / "data" / "people.toml", rate_limit_per_minute=10_000)
        embedder = Embedder.load(settings)
        build(settings, embedder)
        with serving(settings, embedder) as base:
            for path in shoot(base, args.out):
                print(f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
