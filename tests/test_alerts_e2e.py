"""Topic alerts end to end: the real bot between the fake Bot API and the real service over a private
index of real builds (real model), with the alert store in a real SQLite file.

The bot is restarted between steps, as a deployment would be: to change the allow-list, and to
be down while a build comes out.
"""

from __future__ import annotations

import re
import time

import pytest
from api_server import USER_KEY, serve, with_keys
from conftest import OWN_DIR, copy_minutes, published_seed_copy
from fake_telegram import FakeTelegram
from test_bot_e2e import BotThread, buttons, quiet, replies

from askbot.index import build, store
from askbot.settings import Settings
from bot.app import build_application

SUB, REMOVED, OTHER, EN = 4001, 4002, 4003, 4004
MAY, MARCH = (OWN_DIR / f"2022-{d}-naeringssamarbeidet.txt" for d in ("05-20", "03-11"))
HYDROGEN = "Minnet om at alle regioner nå har meldt inn kontaktperson for hydrogen"


@pytest.fixture(scope="module")
def index(tmp_path_factory, seed_settings, embedder):
    return published_seed_copy(tmp_path_factory.mktemp("alerts-e2e"), seed_settings, embedder)


@pytest.fixture(scope="module")
def service(index, embedder):
    with serve(with_keys(index), embedder, watch_interval=0.2) as s:
        yield s


@pytest.fixture(scope="module")
def fake():
    tg = FakeTelegram().start()
    yield tg
    tg.stop()


class Bots:
    """Starts bots that share one state folder; each `run` is a fresh process-like Application."""

    def __init__(self, fake, service, state_dir):
        self.fake, self.service, self.state_dir, self.running = fake, service, state_dir, None

    def run(self, allowed):
        self.stop()
        settings = Settings(_env_file=None, telegram_token=self.fake.token, telegram_base_url=self.fake.base_url,
                            api_url=self.service.base_url, api_key=USER_KEY,
                            telegram_allowed=",".join(map(str, allowed)),
                            telegram_state_dir=self.state_dir, telegram_alert_interval=0.3)
        self.running = BotThread(build_application(settings, rate_limit=(30, 60.0), service_retries=1,
                                                   service_backoff=0.1, service_timeout=30))
        return self

    def stop(self):
        if self.running:
            self.running.close()
            self.running = None


@pytest.fixture(scope="module")
def bots(fake, service, tmp_path_factory):
    b = Bots(fake, service, tmp_path_factory.mktemp("bot-state"))
    yield b
    b.stop()


def say(fake, uid, text, lang="nb"):
    t0 = time.monotonic()
    fake.send_text(fake.user(uid, f"U{uid}", lang), text)
    return replies(fake, uid, t0)[0]["text"]


def publish(index, service, embedder, minutes) -> str:
    copy_minutes(index.minutes_dir, minutes)
    build(index, embedder)
    live = store.current(index.index_dir)
    service.wait_ready(build_id=live)
    return live


def alerts_to(fake, chat, since):
    return [s for s in fake.sent_to(chat, since) if s["method"] == "sendMessage"]


def passage_ids(msgs):
    return [buttons(m)[k].removeprefix("s:") for m in msgs for k in buttons(m)]


def test_topic_alerts_end_to_end(fake, service, bots, index, embedder):
    bots.run([SUB, REMOVED, OTHER, EN])
    assert say(fake, SUB, "/abonner hydrogen").startswith("Du følger nå «hydrogen».")
    assert say(fake, SUB, "/abonner  Hydrogen") == "Du følger allerede «Hydrogen»."
    assert say(fake, SUB, "/abonner") == "Skriv temaet etter kommandoen, f.eks. /abonner hydrogen"
    assert say(fake, REMOVED, "/abonner hydrogen").startswith("Du følger nå")
    assert say(fake, EN, "/subscribe Hydrogen", lang="en").startswith("You now follow “Hydrogen”.")
    assert "• Hydrogen" in say(fake, EN, "/subscriptions", lang="en")
    assert say(fake, OTHER, "/abonnement") == "Du følger ingen temaer ennå. Bruk f.eks. /abonner hydrogen"
    assert "Du følger ikke «hydrogen»" in say(fake, OTHER, "/stopp hydrogen")

    # REMOVED leaves the allow-list (a restart with the new list); nothing is due yet
    t0 = time.monotonic()
    bots.run([SUB, OTHER, EN])
    assert not quiet(fake, SUB, t0, 1.0)
    # a build that adds one hydrogen passage, published while the bot runs
    t1 = time.monotonic()
    may = publish(index, service, embedder, MAY)
    [m] = replies(fake, SUB, t1)
    assert m["text"].startswith("Nytt i referatene om «hydrogen»:\n«" + HYDROGEN)
    assert "20.05.2022, sak 3 Runden rundt bordet, Øyvind Sätvedt" in m["text"]
    assert m["text"].endswith("Slutt å følge: /stopp hydrogen") and "Vis kilde" in buttons(m)
    [e] = replies(fake, EN, t1)
    assert e["text"].startswith("New in the minutes on “Hydrogen”:") and "20.05.2022, item 3" in e["text"]
    time.sleep(1.5)  # several rounds: still exactly one each, none to the removed or the unsubscribed
    assert len(alerts_to(fake, SUB, t1)) == 1 and len(alerts_to(fake, EN, t1)) == 1
    assert alerts_to(fake, REMOVED, t0) == [] and alerts_to(fake, OTHER, t1) == []
    [may_passage] = passage_ids([m])
    assert re.fullmatch(r"2022-05-20-naeringssamarbeidet\.\d{3}", may_passage)
    assert say(fake, EN, "/unsubscribe hydrogen", lang="en") == "You no longer follow “hydrogen”."

    # down while the next build comes out: it catches up once when it is back
    bots.stop()
    t2 = time.monotonic()
    march = publish(index, service, embedder, MARCH)
    assert march != may
    bots.run([SUB, OTHER, EN])
    caught = replies(fake, SUB, t2)
    time.sleep(1.5)
    caught = alerts_to(fake, SUB, t2)
    ids = passage_ids(caught)
    assert ids and len(ids) == len(set(ids)) == len(caught), "each new passage once"
    assert all(i.startswith("2022-03-11-") for i in ids) and may_passage not in ids
    assert all("11.03.2022" in c["text"] and "hydrogen" in c["text"].lower() for c in caught)
    assert alerts_to(fake, EN, t2) == [] and alerts_to(fake, REMOVED, t0) == []

    # restarted again with nothing new: nothing is sent twice
    t3 = time.monotonic()
    bots.run([SUB, OTHER, EN])
    time.sleep(1.5)
    assert all(alerts_to(fake, u, t3) == [] for u in (SUB, REMOVED, OTHER, EN))
    assert not fake.rejected(t0)
