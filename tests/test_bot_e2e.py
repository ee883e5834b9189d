"""The real bot Application, over real HTTP, between a fake Telegram and the askbot service.

Telegram is the fake Bot API server in fake_telegram.py (127.0.0.1); the askbot HTTP service
is the real one on loopback, reached through a small TCP relay that a test can cut to play
"the service is down". The bot runs in its own thread and event loop, polling the fake.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
from fake_telegram import FakeTelegram

from askbot.settings import Settings
from bot.app import build_application, start, stop

NO_USER, EN_USER, STRANGER, RATE_USER, DOWN_USER, ADMIN, MEMBER = 1001, 1002, 2001, 1004, 1005, 1009, 3001
TG_USER, OTHER = 1006, 1007
GROUP = {"id": -1001500, "type": "supergroup", "title": "Næringsnettverket"}
OTHER_GROUP = {"id": -1001600, "type": "supergroup", "title": "Et annet sted"}
ALLOWED = [NO_USER, EN_USER, RATE_USER, DOWN_USER, TG_USER, OTHER, GROUP["id"]]
RATE = 4


class Relay:
    """A TCP relay to the service that can be cut (connections refused) and restored."""

    def __init__(self, target: tuple[str, int]):
        self.target, self.loop = target, asyncio.new_event_loop()
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server, self._conns, self.stalled = None, set(), False
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        self.up()

    def _run(self, coro):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(10)

    async def _pipe(self, reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _client(self, reader, writer):
        self._conns.add(writer)
        if self.stalled:
            return  # accept and never answer: a hung service
        try:
            ur, uw = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        self._conns.add(uw)
        await asyncio.gather(self._pipe(reader, uw), self._pipe(ur, writer))

    def up(self):
        async def go():
            self._server = await asyncio.start_server(self._client, "127.0.0.1", self.port, reuse_address=True)
        self._run(go())

    def down(self):
        async def go():
            self._server.close()
            for w in list(self._conns):
                w.close()
            self._conns.clear()
        self._run(go())


class BotThread:
    def __init__(self, app):
        self.app, self.loop = app, asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="bot", daemon=True)
        self.thread.start()
        asyncio.run_coroutine_threadsafe(start(app, poll_timeout=2), self.loop).result(60)

    def close(self):
        asyncio.run_coroutine_threadsafe(stop(self.app), self.loop).result(60)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)


@pytest.fixture(scope="module")
def service(seed_settings, embedder):
    """(url, api key, admin key) of the real askbot HTTP service over the seed index, on loopback."""
    import httpx
    import uvicorn

    from askbot.api import create_app

    key, admin = "bot-key-5b1e0c", "admin-key-9d3f7a"
    settings = seed_settings.model_copy(update={
        "api_keys": f"telegram:{key}", "admin_keys": f"root:{admin}", "rate_limit_per_minute": 100_000})
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, model=embedder), host="127.0.0.1", port=port,
                                           log_level="warning", log_config=None, access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 120
    while True:
        try:
            if httpx.get(url + "/readyz", timeout=5).status_code == 200:
                break
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline and thread.is_alive(), "the askbot service did not become ready"
        time.sleep(0.1)
    yield url, key, admin
    server.should_exit = True
    thread.join(15)
    sock.close()


@pytest.fixture(scope="module")
def fake():
    tg = FakeTelegram().start()
    yield tg
    tg.stop()


@pytest.fixture(scope="module")
def relay(service):
    host, port = service[0].removeprefix("http://").split(":")
    return Relay((host, int(port)))


@pytest.fixture(scope="module")
def bot(fake, service, relay):
    settings = Settings(_env_file=None, telegram_token=fake.token, telegram_base_url=fake.base_url,
                        api_url=relay.url, api_key=service[1], admin_keys=f"bot:{service[2]}",
                        telegram_allowed=",".join(map(str, ALLOWED)), telegram_admins=str(ADMIN))
    app = build_application(settings, rate_limit=(RATE, 60.0), service_retries=2, service_backoff=0.1,
                            service_timeout=30, telegram_backoff=0.2)
    runner = BotThread(app)
    yield app
    runner.close()


def say(fake, user_id, text, group=None, reply_to=None, n=1, lang="nb", timeout=60):
    """A user writes; wait for the bot's first `n` messages in that chat and return them."""
    user = fake.user(user_id, f"U{user_id}", lang)
    t0 = time.monotonic()
    fake.send_text(user, text, group=group, reply_to=reply_to)
    chat = group["id"] if group else user_id
    return replies(fake, chat, t0, n, timeout)


def replies(fake, chat, since, n=1, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = [s for s in fake.sent_to(chat, since) if s["method"] == "sendMessage"]
        if len(got) >= n:
            return got
        time.sleep(0.02)
    raise AssertionError(f"bot sent {fake.sent_to(chat, since)} to {chat}, expected {n} messages")


def quiet(fake, chat, since, wait=1.5):
    time.sleep(wait)
    return fake.sent_to(chat, since)


def buttons(sent):
    kb = (sent["message"].get("reply_markup") or {}).get("inline_keyboard", [])
    return {b["text"]: b["callback_data"] for row in kb for b in row}


def test_startup_registers_commands(bot, fake):
    fake.wait_for(lambda c: c["method"] == "getUpdates")
    assert [c["command"] for c in fake.commands[("null", "")]] == [
        "ask", "help", "start", "abonner", "abonnement", "stopp", "oppfolging"]
    assert [c["command"] for c in fake.commands[("null", "en")]] == [
        "ask", "help", "start", "subscribe", "subscriptions", "unsubscribe", "followups"]
    assert "Ask a question" in fake.commands[("null", "en")][0]["description"]
    assert not any(c["method"] == "getUpdates" and c["status"] != 200 for c in fake.calls)


def test_help_in_norwegian_and_english(bot, fake):
    no = say(fake, NO_USER, "/start")[0]["text"]
    assert "Hvem jobber med" in no and "/ask" in no
    assert all(c in no for c in ("/abonner hydrogen", "/abonnement", "/stopp hydrogen", "/oppfolging"))
    en = say(fake, EN_USER, "/help", lang="en")[0]["text"]
    assert "Who works on" in en
    assert all(c in en for c in ("/subscribe hydrogen", "/subscriptions", "/unsubscribe hydrogen", "/followups"))


def source_button(m, citation_prefix):
    """The 'Vis kilde n' button for the citation [n] that starts with `citation_prefix`."""
    n = re.search(r"\[(\d+)\] " + re.escape(citation_prefix), m["text"])
    assert n, f"no citation {citation_prefix!r} in {m['text']!r}"
    label = next(t for t in buttons(m) if t.endswith(f" {n[1]}") and not t.startswith(("Flere", "More")))
    return buttons(m)[label]


def test_norwegian_who_question_names_the_person_with_a_citation(bot, fake):
    t0 = time.monotonic()
    [m] = say(fake, NO_USER, "Hvem jobber med bærekraftig transport?")
    first_page = m["text"].split("\n\n", 1)[1]
    assert re.search(r"^[123]\. Ingar Vaskinn, Kongsbergregionen$", first_page, re.M)
    assert re.search(r"«[^»]*bærekraftig transport[^»]*»\n\[\d\] 14\.01\.2022, sak 3 Runden rundt bordet, "
                     r"Ingar Vaskinn \(Kongsbergregionen\)", m["text"])
    assert "Vis kilde 1" in buttons(m) and "Flere treff ▶" in buttons(m)
    typing = [c for c in fake.calls if c["method"] == "sendChatAction" and c["time"] >= t0
              and c["params"]["chat_id"] == NO_USER]
    assert typing and typing[0]["params"]["action"] == "typing" and typing[0]["time"] <= m["time"]


def test_english_who_question(bot, fake, service):
    import httpx

    q = "Who works on sustainable transport?"
    [m] = say(fake, EN_USER, q, lang="en")
    assert m["text"].startswith("These people have raised this:")
    assert re.search(r"^[123]\. Ingar Vaskinn, Kongsbergregionen$", m["text"], re.M)
    assert re.search(r"«[^»]*bærekraftig transport[^»]*»\n\[\d\] 14\.01\.2022, item 3 Runden rundt bordet, "
                     r"Ingar Vaskinn \(Kongsbergregionen\)", m["text"])
    assert "Show source 1" in buttons(m) and "More results ▶" in buttons(m)
    # the bot shows what the service answers: the same people, in the same order
    ans = httpx.post(service[0] + "/ask", json={"question": q, "k": 20},
                     headers={"Authorization": f"Bearer {service[1]}"}, timeout=30).json()
    shown = re.findall(r"^\d\. (.+?),", m["text"], re.M)
    assert shown == [p["name"] for p in ans["people"][:3]]


def test_show_source_sends_the_passage_split_into_valid_messages(bot, fake):
    start = time.monotonic()
    [m] = say(fake, NO_USER, "Hvem jobber med bærekraftig transport?")
    data = source_button(m, "14.01.2022, sak 3 Runden rundt bordet, Ingar Vaskinn")
    t0 = time.monotonic()
    fake.click(fake.user(NO_USER), m["message"], data)
    replies(fake, NO_USER, t0, n=2)
    msgs = [s for s in quiet(fake, NO_USER, t0) if s["method"] == "sendMessage"]
    assert len(msgs) >= 2, "agenda item 3 is longer than 4096 characters"
    assert all(len(s["text"].encode("utf-16-le")) // 2 <= 4096 for s in msgs)
    joined = "\n".join(s["text"] for s in msgs)
    assert joined.startswith("Kilde: 14.01.2022, sak 3 Runden rundt bordet, Ingar Vaskinn (Kongsbergregionen)")
    mine = joined.index("▶ Ingar Vaskinn (Kongsbergregionen)\n- Ønsker å engasjere alle i Osloregionen")
    assert joined.index("Harriet Slaaen (Ringerikekommune)\n") < mine  # the item's other turns, in order
    assert "Terje Pettersen" in joined[mine:]
    assert not fake.rejected(start)
    assert any(c["method"] == "answerCallbackQuery" and c["time"] >= t0 for c in fake.calls)


def test_more_results_edits_the_message(bot, fake):
    start = time.monotonic()
    [m] = say(fake, NO_USER, "Hvem jobber med bærekraftig transport?")
    t0 = time.monotonic()
    fake.click(fake.user(NO_USER), m["message"], buttons(m)["Flere treff ▶"])
    edit = fake.wait_for(lambda s: s["method"] == "editMessageText" and s["time"] >= t0, what="sent")
    assert edit["message"]["message_id"] == m["message"]["message_id"] and edit["message"]["edit_date"]
    assert edit["text"].startswith("Flere treff, side 2") and "4. " in edit["text"]
    assert "Vis kilde 1" in buttons(edit)
    if "Flere treff ▶" in buttons(edit):  # and page 3 from there
        t1 = time.monotonic()
        fake.click(fake.user(NO_USER), edit["message"], buttons(edit)["Flere treff ▶"])
        fake.wait_for(lambda s: s["method"] == "editMessageText" and s["time"] >= t1
                      and "side 3" in s["text"], what="sent")
    assert not fake.rejected(start)


def test_stranger_gets_one_polite_refusal(bot, fake):
    t0 = time.monotonic()
    [m] = say(fake, STRANGER, "Hvem jobber med bærekraftig transport?")
    say_no_wait = fake.send_text(fake.user(STRANGER), "/ask Hvem jobber med hydrogen?")
    assert say_no_wait
    sent = quiet(fake, STRANGER, t0)
    assert len(sent) == 1
    text = m["text"].lower()
    assert "beklager" in text and not any(w in text for w in ("referat", "møte", "arkiv", "ingar"))


def test_group_privacy(bot, fake):
    member = fake.user(MEMBER, "Medlem")
    t0 = time.monotonic()
    fake.send_text(member, "Hvem jobber med bærekraftig transport?", group=GROUP)  # not for the bot
    fake.send_text(member, "/ask@some_other_bot Hvem jobber med transport?", group=GROUP)
    fake.send_text(member, "/start@some_other_bot", group=GROUP)
    [m] = say(fake, MEMBER, "@askbot_test_bot hvem jobber med bærekraftig transport?", group=GROUP)
    assert "Ingar Vaskinn" in m["text"]
    asked = m["message"]["reply_to_message"]  # answers as a reply to the message that asked
    assert asked["from"]["id"] == MEMBER and asked["text"].startswith("@askbot_test_bot")
    assert [s["message"]["reply_to_message"]["message_id"] for s in quiet(fake, GROUP["id"], t0, 0.5)] \
        == [asked["message_id"]], "only the message addressed to the bot is answered"

    [m2] = say(fake, MEMBER, "/ask@askbot_test_bot Hvem jobber med bærekraftig transport?", group=GROUP)
    assert "Ingar Vaskinn" in m2["text"]
    [m3] = say(fake, MEMBER, "og hvem jobber med bærekraftig transport?", group=GROUP, reply_to=m2["message"])
    assert m3["message"]["reply_to_message"]["text"] == "og hvem jobber med bærekraftig transport?"
    assert "Ingar Vaskinn" in m3["text"]

    t1 = time.monotonic()
    [r] = say(fake, MEMBER, "/ask Hvem jobber med transport?", group=OTHER_GROUP)
    assert r["text"] == "Beklager, denne boten er bare tilgjengelig for inviterte brukere."
    fake.send_text(member, "/ask igjen?", group=OTHER_GROUP)
    assert len(quiet(fake, OTHER_GROUP["id"], t1)) == 1


def test_fake_telegram_is_strict_like_telegram(bot, fake):
    import httpx

    fake.send_text(fake.user(OTHER), "hei")  # makes the chat known
    api = f"{fake.base_url}/bot{fake.token}"
    for text, error in [("<b>x", "can't parse entities"), ("a < b", "can't parse entities"),
                        ("x" * 4097, "message is too long"), ("&lt;" * 4097, "message is too long")]:
        r = httpx.post(f"{api}/sendMessage", data={"chat_id": OTHER, "text": text, "parse_mode": "HTML"})
        assert r.status_code == 400 and error in r.json()["description"]
    ok = httpx.post(f"{api}/sendMessage", json={"chat_id": OTHER, "text": "&lt;" * 4096, "parse_mode": "HTML"})
    assert ok.json()["result"]["text"] == "<" * 4096 and isinstance(ok.json()["result"]["date"], int)
    assert httpx.post(f"{fake.base_url}/botWRONG/getMe").status_code == 401


def test_rate_limit_is_friendly(bot, fake):
    for i in range(RATE):
        [m] = say(fake, RATE_USER, f"Hvem jobber med transport {i}?")
        assert "Ingar" in m["text"]
    [m] = say(fake, RATE_USER, "Hvem jobber med transport igjen?")
    assert "Du spør litt fort" in m["text"] and "sekunder" in m["text"]


def test_service_down_then_back(bot, fake, relay):
    relay.down()
    try:
        [m] = say(fake, DOWN_USER, "Hvem jobber med bærekraftig transport?")
        assert m["text"] == "Tjenesten svarer ikke akkurat nå. Prøv igjen om litt."
    finally:
        relay.up()
    [m] = say(fake, DOWN_USER, "Hvem jobber med bærekraftig transport?")
    assert "Ingar Vaskinn" in m["text"]


def test_service_too_slow_gets_a_short_answer_and_the_bot_keeps_going(fake, service, relay):
    relay.stalled = True
    tg = FakeTelegram(token="7000003:AAF-slow-service-token", username="askbot_slow_bot").start()
    settings = Settings(_env_file=None, telegram_token=tg.token, telegram_base_url=tg.base_url,
                        api_url=relay.url, api_key=service[1], telegram_allowed=str(DOWN_USER))
    runner = BotThread(build_application(settings, service_timeout=1.0, service_retries=1, service_backoff=0.1))
    try:
        t0 = time.monotonic()
        [m] = say(tg, DOWN_USER, "Hvem jobber med bærekraftig transport?")
        assert m["text"] == "Tjenesten svarer ikke akkurat nå. Prøv igjen om litt."
        assert m["time"] - t0 < 8
        relay.stalled = False
        [m] = say(tg, DOWN_USER, "Hvem jobber med bærekraftig transport?")
        assert "Ingar Vaskinn" in m["text"]
    finally:
        relay.stalled = False
        runner.close()
        tg.stop()


def test_telegram_429_is_honoured(bot, fake):
    fake.fail_next("sendMessage", 429, retry_after=1)
    t0 = time.monotonic()
    [m] = say(fake, TG_USER, "Hvem jobber med bærekraftig transport?")
    assert "Ingar Vaskinn" in m["text"]
    calls = [c for c in fake.calls if c["method"] == "sendMessage" and c["time"] >= t0]
    limited = next(c for c in calls if c["status"] == 429)
    assert limited["response"]["parameters"] == {"retry_after": 1}
    ok = next(c for c in calls if c["status"] == 200 and c["params"]["chat_id"] == TG_USER)
    assert ok["time"] - limited["time"] >= 1.0


def test_telegram_5xx_and_polling_errors_are_retried(bot, fake):
    fake.fail_next("sendMessage", 502, times=2)
    fake.fail_next("getUpdates", 500)
    t0 = time.monotonic()
    [m] = say(fake, TG_USER, "Hvem jobber med bærekraftig transport?")
    assert "Ingar Vaskinn" in m["text"]
    statuses = [c["status"] for c in fake.calls if c["method"] == "sendMessage" and c["time"] >= t0]
    assert statuses.count(502) == 2 and 200 in statuses


def test_admin_status_and_reload(bot, fake):
    [s] = say(fake, ADMIN, "/status")
    assert "Indeks: " in s["text"] and "Modell: intfloat/multilingual-e5-small" in s["text"]
    [r] = say(fake, ADMIN, "/reload")
    assert r["text"].startswith("Indeks: ")
    [no] = say(fake, OTHER, "/reload")
    assert no["text"] == "Bare administratorer kan gjøre det."


def test_unexpected_errors_are_logged_once_without_the_token(bot, fake, caplog):
    caplog.set_level(logging.ERROR, logger="bot")
    fake.fail_next("sendMessage", 400)  # e.g. Telegram refusing a message
    t0 = time.monotonic()
    fake.send_text(fake.user(OTHER), "/help")
    fake.wait_for(lambda c: c["method"] == "sendMessage" and c["status"] == 400 and c["time"] >= t0)
    [m] = replies(fake, OTHER, t0)
    assert m["text"] == "Noe gikk galt. Prøv igjen om litt."
    logged = [r for r in caplog.records if r.name == "bot" and "failed" in r.getMessage()]
    assert logged and "update " in logged[0].getMessage()
    assert fake.token not in caplog.text


# ---- the real process: `askbot bot`, polling and webhook ----------------------------------

def _bot_process(fake_tg, service, tmp_path, *args, code=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASKBOT_")}
    env.update(ASKBOT_TELEGRAM_TOKEN=fake_tg.token, ASKBOT_TELEGRAM_BASE_URL=fake_tg.base_url,
               ASKBOT_API_URL=service[0], ASKBOT_API_KEY=service[1], ASKBOT_TELEGRAM_ALLOWED=str(NO_USER),
               PYTHONUNBUFFERED="1")
    cmd = [sys.executable, "-c", code] if code else [sys.executable, "-m", "askbot.cli", "bot", *args]
    return subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _finish(proc) -> str:
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == 0, out
    return out


def test_askbot_bot_process_answers_and_stops_cleanly(service, tmp_path):
    tg = FakeTelegram(token="7000001:AAF-process-test-token-xyz", username="askbot_proc_bot").start()
    proc = _bot_process(tg, service, tmp_path)
    try:
        [m] = say(tg, NO_USER, "Hvem jobber med bærekraftig transport?")
        assert "Ingar Vaskinn, Kongsbergregionen" in m["text"]
        assert tg.commands[("null", "")]
    finally:
        out = _finish(proc)
        tg.stop()
    assert "bot @askbot_proc_bot up" in out
    assert tg.token not in out and tg.token.split(":")[1] not in out


def test_webhook_mode_checks_the_secret_token(service, tmp_path):
    import httpx

    tg = FakeTelegram(token="7000002:AAF-webhook-test-token-xyz", username="askbot_hook_bot").start()
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    url = f"http://127.0.0.1:{port}/telegram"
    code = ("from askbot.settings import Settings; from bot.app import run; "
            f"run(Settings(), webhook_url={url!r}, listen='127.0.0.1', port={port})")
    proc = _bot_process(tg, service, tmp_path, code=code)
    try:
        tg.wait_for(lambda c: c["method"] == "setWebhook")
        assert tg.webhook["url"] == url and len(tg.webhook["secret"]) >= 32
        [m] = say(tg, NO_USER, "Hvem jobber med bærekraftig transport?")
        assert "Ingar Vaskinn" in m["text"]
        forged = {"update_id": 999, "message": {"message_id": 1, "date": 0, "text": "/help",
                                                "chat": {"id": NO_USER, "type": "private"}}}
        r = httpx.post(url, json=forged, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"})
        assert r.status_code == 403
        assert not any(c["method"] == "getUpdates" for c in tg.calls)
    finally:
        _finish(proc)
        tg.stop()
