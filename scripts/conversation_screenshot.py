"""A screenshot of a real bot conversation for the README's members' section.

Builds the minutes into a temporary index, serves it on loopback (the real service), runs the real
bot against the fake Bot API (tests/fake_telegram.py), and writes as a member would: a who-question
in Norwegian, «Flere treff ▶», /abonner hydrogen, /oppfolging. What the fake captured (the bot's own
Telegram HTML, its buttons, the edited page) is laid out as a chat page and photographed in headless
Chromium into a small palette PNG.

    .venv/bin/python scripts/conversation_screenshot.py [--minutes DIR ...] [--out FILE]

The default minutes are the seed meeting plus tests/minutes/own: the seed alone has decisions but no
action items, so /oppfolging would only say there are none.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "scripts"), str(REPO / "tests")]

from fake_telegram import FakeTelegram
from screenshots import CHROMIUM, serving, shrink

KEY = "conversation-key-" + str(int(time.time()))
MEMBER = 4242
QUESTION = "Hvem jobber med hydrogen?"
MORE = "Flere treff ▶"
STYLE = """
body{margin:0;background:#dfe7ee;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
header{background:#517da2;color:#fff;padding:.6rem 1rem;font-weight:600}
main{padding:.6rem .7rem 1rem;display:flex;flex-direction:column;gap:.45rem}
.msg{max-width:86%;padding:.45rem .65rem;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere;
     box-shadow:0 1px 1px rgba(0,0,0,.12)}
.member{align-self:flex-end;background:#effdde;border-bottom-right-radius:4px}
.bot{align-self:flex-start;background:#fff;border-bottom-left-radius:4px}
.tap{align-self:flex-end;color:#3a6d99;font-size:.85rem;font-style:italic}
.edited{color:#8a9aa9;font-size:.75rem;float:right;margin-left:.5rem}
blockquote{margin:.2rem 0;padding-left:.5rem;border-left:3px solid #517da2}
.kb{display:flex;flex-wrap:wrap;gap:.25rem;margin-top:.35rem}
.kb span{flex:1 0 auto;text-align:center;background:#e8f0f7;color:#3a6d99;border-radius:6px;padding:.2rem .4rem;
         font-size:.85rem}
"""


class BotThread:
    """The bot's Application polling the fake, in its own thread and event loop."""

    def __init__(self, app):
        from bot.app import start

        self.app, self.loop = app, asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="bot", daemon=True)
        self.thread.start()
        asyncio.run_coroutine_threadsafe(start(app, poll_timeout=2), self.loop).result(60)

    def close(self) -> None:
        from bot.app import stop

        asyncio.run_coroutine_threadsafe(stop(self.app), self.loop).result(60)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


def _wait(fake: FakeTelegram, since: float, method: str = "sendMessage", timeout: float = 120) -> dict:
    return fake.wait_for(lambda s: s["chat_id"] == MEMBER and s["method"] == method and s["time"] >= since,
                         timeout=timeout, what="sent")


def _buttons(sent: dict) -> list[list[dict]]:
    return (sent["message"].get("reply_markup") or {}).get("inline_keyboard", [])


def converse(fake: FakeTelegram) -> list[dict]:
    """The member's messages and what the bot sent back, in order: {"who", "html", "buttons", "edited"}."""
    user = fake.user(MEMBER, "Kari", "nb")
    out = []

    def say(text: str, method: str = "sendMessage") -> dict:
        t0 = time.monotonic()
        fake.send_text(user, text)
        out.append({"who": "member", "html": html.escape(text)})
        return _wait(fake, t0, method)

    answer = say(QUESTION)
    out.append({"who": "bot", "html": answer["html"], "buttons": _buttons(answer)})
    data = next(b["callback_data"] for row in _buttons(answer) for b in row if b["text"] == MORE)
    t0 = time.monotonic()
    fake.click(user, answer["message"], data)
    out.append({"who": "tap", "html": html.escape(MORE)})
    page2 = _wait(fake, t0, "editMessageText")
    out.append({"who": "bot", "html": page2["html"], "buttons": _buttons(page2), "edited": True})
    for text in ("/abonner hydrogen", "/oppfolging"):
        reply = say(text)
        out.append({"who": "bot", "html": reply["html"], "buttons": _buttons(reply)})
    assert not fake.rejected(), fake.rejected()  # Telegram would have refused these
    return out


def page(messages: list[dict]) -> str:
    """The exchange as a chat-like HTML page. Bot messages are the Telegram HTML the fake accepted."""
    rows = []
    for m in messages:
        if m["who"] == "tap":
            rows.append(f'<div class="tap">▸ {m["html"]}</div>')
            continue
        kb = "".join('<div class="kb">' + "".join(f"<span>{html.escape(b['text'])}</span>" for b in row) + "</div>"
                     for row in m.get("buttons") or [])
        edited = '<span class="edited">redigert</span>' if m.get("edited") else ""
        rows.append(f'<div class="msg {m["who"]}">{edited}{m["html"]}{kb}</div>')
    return (f'<!doctype html><html lang="nb"><meta charset="utf-8"><style>{STYLE}</style>'
            f'<header>askbot</header><main>{"".join(rows)}</main></html>')


def screenshot(doc: str, out: Path, width: int = 430) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        ctx = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 600})
        pg = ctx.new_page()
        pg.set_content(doc)
        pg.screenshot(path=str(out), full_page=True)
        browser.close()
    shrink(out)


def capture(settings, embedder, state_dir: Path) -> list[dict]:
    """Serve the built index in `settings` (its api_keys must hold KEY), run the bot against a fresh
    fake Bot API, and return the conversation (`converse`)."""
    from askbot.settings import Settings
    from bot.app import build_application

    fake = FakeTelegram().start()
    try:
        with serving(settings, embedder) as base:
            bot_settings = Settings(_env_file=None, telegram_token=fake.token, telegram_base_url=fake.base_url,
                                    api_url=base, api_key=KEY, telegram_allowed=str(MEMBER),
                                    telegram_state_dir=state_dir)
            runner = BotThread(build_application(bot_settings))
            try:
                return converse(fake)
            finally:
                runner.close()
    finally:
        fake.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--minutes", type=Path, nargs="+",
                    default=[REPO / "data" / "minutes", REPO / "tests" / "minutes" / "own"])
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots" / "conversation.png")
    ap.add_argument("--html", type=Path, help="Also write the chat page here.")
    args = ap.parse_args()
    from askbot.index import build
    from askbot.model import Embedder
    from askbot.settings import Settings

    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="askbot-chat-") as tmp:
        minutes = Path(tmp) / "minutes"
        minutes.mkdir()
        for folder in args.minutes:
            for f in sorted(x for x in folder.iterdir() if x.is_file()):
                shutil.copy2(f, minutes / f.name)
        settings = Settings(_env_file=None, minutes_dir=minutes, index_dir=Path(tmp) / "index",
                            api_keys=f"telegram:{KEY}", people_file=REPO / "data" / "people.toml",
                            rate_limit_per_minute=10_000)
        embedder = Embedder.load(settings)
        build(settings, embedder)
        doc = page(capture(settings, embedder, Path(tmp) / "bot"))
    if args.html:
        args.html.write_text(doc, encoding="utf-8")
    screenshot(doc, args.out)
    print(f"{args.out.relative_to(REPO) if args.out.is_relative_to(REPO) else args.out}: "
          f"{args.out.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
