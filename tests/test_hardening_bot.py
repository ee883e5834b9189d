"""Bot hardening (issue 10, items 7 and 8): the real bot between the fake Telegram and the real
service on loopback, over an index whose file name holds '#', '?' and spaces (so do its ids).

- A page button is bound to the chat and user that asked, with an unguessable key: another
  user's press, or a forged `m:1:1`, gets nothing and costs the service nothing.
- `s:<id>` is checked for the service's id shape and percent-encoded: `s:../meetings` is refused,
  an id with '#' and '?' shows its passage.
- Presses count against the presser's own limit; 'Flere treff' pages come from the cached answer.
"""

from __future__ import annotations

import logging
import shutil
import time

import pytest
from api_server import USER_KEY, serve, with_keys
from conftest import SEED_DIR, make_settings
from fake_telegram import FakeTelegram
from test_bot_e2e import BotThread, buttons, quiet, replies, say

from askbot.index import build
from askbot.settings import Settings
from bot.app import build_application

ASKER, OTHER, PRESSER, BYSTANDER = 4001, 4002, 4003, 4004
RATE = 4
WEIRD = "2022-01-14 møte #3?x"
Q = "Hvem jobber med bærekraftig transport?"


class Requests(logging.Handler):
    """The service's access log, in memory: (method, path) of every request it served."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.seen: list[tuple[str, str]] = []

    def emit(self, record):
        f = getattr(record, "fields", None) or {}
        if "path" in f:
            self.seen.append((f["method"], f["path"]))

    def count(self, prefix: str, since: int = 0) -> int:
        return sum(p.startswith(prefix) for _, p in self.seen[since:])


@pytest.fixture(scope="module")
def weird_index(tmp_path_factory, seed_settings, embedder):
    root = tmp_path_factory.mktemp("weird")
    settings = make_settings(root)
    shutil.copy2(next(SEED_DIR.glob("*.txt")), settings.minutes_dir / f"{WEIRD}.txt")
    shutil.copytree(seed_settings.index_dir / "cache", settings.index_dir / "cache")
    build(settings, embedder)
    return settings


@pytest.fixture(scope="module")
def stack(weird_index, embedder):
    """(fake Telegram, access log) with the bot running against the real service."""
    log = logging.getLogger("askbot.access")
    handler, level = Requests(), log.level
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    tg = FakeTelegram(token="7000010:AAF-hardening-bot-token", username="askbot_test_bot").start()
    with serve(with_keys(weird_index), embedder, watch_interval=0) as api:
        settings = Settings(_env_file=None, telegram_token=tg.token, telegram_base_url=tg.base_url,
                            api_url=api.base_url, api_key=USER_KEY,
                            telegram_allowed=",".join(map(str, (ASKER, OTHER, PRESSER, BYSTANDER))))
        runner = BotThread(build_application(settings, rate_limit=(RATE, 60.0), service_retries=1,
                                             service_backoff=0.1, service_timeout=30))
        try:
            yield tg, handler
        finally:
            runner.close()
            tg.stop()
            log.removeHandler(handler)
            log.setLevel(level)


def press(tg, user_id, message, data, chat=None):
    """`user_id` presses the button `data` under `message`; forged (as if in `chat`, or with data
    no button holds) when asked to: the Bot API lets a client send any callback data."""
    if chat is not None:
        message = {**message, "chat": chat}
    if data not in str(message.get("reply_markup")):
        message = {**message, "reply_markup": {"inline_keyboard": [[{"text": "x", "callback_data": data}]]}}
    tg.click(tg.user(user_id, f"U{user_id}"), message, data)


def callback_answers(tg, since):
    return [c["params"] for c in tg.calls if c["method"] == "answerCallbackQuery" and c["time"] >= since]


def test_pages_are_bound_to_who_asked_and_come_from_the_cached_answer(stack):
    tg, log = stack
    [m] = say(tg, ASKER, Q)
    more = buttons(m)["Flere treff ▶"]
    _, key, page = more.split(":")
    assert len(key) == 16 and page == "1"  # main: m:1:1, a global counter anyone can guess
    asks = log.count("/ask")

    t0 = time.monotonic()
    other_chat = {"id": OTHER, "type": "private", "first_name": "U4002"}
    press(tg, OTHER, m["message"], more, chat=other_chat)  # B forges A's button in B's own chat
    press(tg, OTHER, m["message"], "m:1:1", chat=other_chat)  # and the old counter keys
    tg.wait_for(lambda c: c["method"] == "answerCallbackQuery" and c["time"] >= t0
                and "hører til" in (c["params"].get("text") or ""))
    tg.wait_for(lambda c: c["method"] == "answerCallbackQuery" and c["time"] >= t0
                and "utløpt" in (c["params"].get("text") or ""))
    assert not [s for s in quiet(tg, OTHER, t0, 1.0) if s["method"] in ("sendMessage", "editMessageText")]
    assert "Ingar" not in str([s for s in tg.sent if s["time"] >= t0])

    t1 = time.monotonic()
    press(tg, ASKER, m["message"], more)  # the asker pages: from the cache, no new /ask
    edit = tg.wait_for(lambda s: s["method"] == "editMessageText" and s["time"] >= t1, what="sent")
    assert edit["text"].startswith("Flere treff, side 2")
    assert log.count("/ask") == asks, "a page asked the service again"


def test_source_ids_are_validated_and_percent_encoded(stack):
    tg, log = stack
    [m] = say(tg, ASKER, Q)
    src = buttons(m)["Vis kilde 1"]
    assert src.startswith(f"s:{WEIRD}.")
    n = len(log.seen)
    t0 = time.monotonic()
    press(tg, ASKER, m["message"], src)
    msgs = replies(tg, ASKER, t0)
    assert msgs[0]["text"].startswith("Kilde: 14.01.2022"), msgs[0]["text"]  # main: "Fant ikke utdraget"

    t1 = time.monotonic()
    for d in ("s:../meetings", "s:../people/x.001", "s:x"):
        press(tg, ASKER, m["message"], d)
    deadline = time.monotonic() + 20
    while len([a for a in callback_answers(tg, t1) if "utløpt" in (a.get("text") or "")]) < 3:
        assert time.monotonic() < deadline, callback_answers(tg, t1)
        time.sleep(0.05)
    paths = [p for _, p in log.seen[n:]]
    assert paths.count(f"/passages/{WEIRD}.{src.rsplit('.', 1)[1]}") == 1, paths
    assert not [p for p in paths if not p.startswith("/passages/")], paths  # main: GET /meetings


def test_button_presses_count_against_the_presser(stack):
    tg, log = stack
    [m] = say(tg, PRESSER, Q)
    src = buttons(m)["Vis kilde 1"]
    n = len(log.seen)
    t0 = time.monotonic()
    for _ in range(30):
        press(tg, PRESSER, m["message"], src)
    deadline = time.monotonic() + 25
    while len(callback_answers(tg, t0)) < 30:
        assert time.monotonic() < deadline, len(callback_answers(tg, t0))
        time.sleep(0.05)
    served = log.count("/passages/", n)
    assert served <= 3 * RATE, f"{served} passage calls for 30 presses"  # main: 30
    assert any("Du spør litt fort" in (a.get("text") or "") for a in callback_answers(tg, t0))
    [b] = say(tg, BYSTANDER, Q)  # another member is not affected
    assert "Ingar Vaskinn" in b["text"]


def test_a_press_without_its_message_is_answered_and_the_bot_carries_on(stack):
    """Telegram leaves out `message` when the message is too old (or came from inline mode); main
    raised AttributeError in the handler and never answered the press, so the client spun."""
    tg, _ = stack
    t0 = time.monotonic()
    ids = []
    for data in ("m:abc:1", "s:2022-01-14-naeringssamarbeidet.001"):
        qid = f"{BYSTANDER}{len(ids) + 90001}"
        ids.append(qid)
        tg._push({"callback_query": {"id": qid, "from": tg.user(BYSTANDER, "B"), "inline_message_id": "AAA" + qid,
                                     "data": data, "chat_instance": "1"}})
    deadline = time.monotonic() + 30
    while {a.get("callback_query_id") for a in callback_answers(tg, t0)} < set(ids):
        assert time.monotonic() < deadline, callback_answers(tg, t0)
        time.sleep(0.1)
    assert say(tg, BYSTANDER, "Hvem jobber med hydrogen?")  # still serving
