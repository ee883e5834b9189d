"""One language per member (issue 12): every fixed text the bot sends, in Norwegian and in English.

The real bot Application polls the fake Bot API (fake_telegram.py) and asks the real askbot HTTP service
on loopback (the fixtures of test_bot_e2e). A member's language is their Telegram language_code, or the
language of their last question; each case below uses a fresh member so no state leaks between cases.
"""

from __future__ import annotations

import itertools
import re
import time

import pytest
from test_bot_e2e import BotThread, buttons, fake, relay, replies, say, service  # noqa: F401  (fixtures)

from askbot.settings import Settings
from bot.app import build_application
from bot.reasons import reason
from bot.texts import HELP, msg

RATE = 2
CODES = {"no": "nb", "en": "en"}
ADMINS = {"no": 5101, "en": 5102}
_ids = itertools.count(5200)
MEMBERS = list(range(5200, 5300))


def member() -> int:
    return next(_ids)


@pytest.fixture(scope="module")
def bot(fake, service, relay):  # noqa: F811
    settings = Settings(_env_file=None, telegram_token=fake.token, telegram_base_url=fake.base_url,
                        api_url=relay.url, api_key=service[1], admin_keys=f"bot:{service[2]}",
                        telegram_allowed=",".join(map(str, MEMBERS)),
                        telegram_admins=",".join(map(str, ADMINS.values())))
    runner = BotThread(build_application(settings, rate_limit=(RATE, 60.0), service_retries=1,
                                         service_backoff=0.1, service_timeout=30, telegram_backoff=0.2))
    yield runner.app
    runner.close()


def text_of(fake, uid, text, lang):  # noqa: F811
    return say(fake, uid, text, lang=CODES[lang])[0]["text"]


def case_usage(fake, lang, relay):  # noqa: F811
    return text_of(fake, member(), "/ask", lang), msg(lang, "usage")


def case_help(fake, lang, relay):  # noqa: F811
    return text_of(fake, member(), "/help", lang), HELP[lang]


def case_refused(fake, lang, relay):  # noqa: F811
    stranger = {"no": 5901, "en": 5902}[lang]  # not allow-listed
    return text_of(fake, stranger, "/help", lang), msg(lang, "refused")


def case_slow_down(fake, lang, relay):  # noqa: F811
    uid = member()
    for _ in range(RATE):
        text_of(fake, uid, "hydrogen", lang)  # one word: the member's Telegram language decides
    got = text_of(fake, uid, "hydrogen", lang)
    wait = re.search(r"\d+", got)
    return got, msg(lang, "slow_down", n=int(wait[0]) if wait else -1)


def case_refused_query(fake, lang, relay):  # noqa: F811
    got = text_of(fake, member(), "ord" * 300, lang)  # 900 characters, one word
    expected = msg(lang, "refused_query",
                   reason=reason(lang, 422, "the question is 900 characters long; the limit is 500"))
    return got, expected


def case_admin_only(fake, lang, relay):  # noqa: F811
    return text_of(fake, member(), "/reload", lang), msg(lang, "admin_only")


def case_unavailable(fake, lang, relay):  # noqa: F811
    relay.down()
    try:
        return text_of(fake, member(), "hydrogen", lang), msg(lang, "unavailable")
    finally:
        relay.up()


def case_error(fake, lang, relay):  # noqa: F811
    uid = member()
    text_of(fake, uid, "/help", lang)  # makes the chat known to the fake
    fake.fail_next("sendMessage", 400)
    t0 = time.monotonic()
    fake.send_text(fake.user(uid, f"U{uid}", CODES[lang]), "/help")
    return replies(fake, uid, t0)[0]["text"], msg(lang, "error")


CASES = {name.removeprefix("case_"): f for name, f in dict(globals()).items() if name.startswith("case_")}


@pytest.mark.parametrize("lang", ["no", "en"])
@pytest.mark.parametrize("key", sorted(CASES))
def test_fixed_text_in_the_members_language(bot, fake, relay, key, lang):  # noqa: F811
    got, expected = CASES[key](fake, lang, relay)
    assert got == expected, (key, lang, got)


@pytest.mark.parametrize("lang", ["no", "en"])
def test_admin_replies_in_the_admins_language(bot, fake, lang):  # noqa: F811
    status = text_of(fake, ADMINS[lang], "/status", lang)
    head, last = ("Indeks: ", "Status: klar") if lang == "no" else ("Index: ", "State: ready")
    assert status.startswith(head) and status.endswith("\n" + last), status
    reloaded = text_of(fake, ADMINS[lang], "/reload", lang)
    words = r"Indeks: \S+\. Lastet inn på nytt \(forrige: \S+\)\." if lang == "no" else \
        r"Index: \S+\. Reloaded \(previous: \S+\)\."
    assert re.fullmatch(words, reloaded), reloaded


def test_the_language_of_the_last_question_wins_over_telegrams(bot, fake):  # noqa: F811
    uid = member()
    assert "Ingar Vaskinn" in text_of(fake, uid, "Who works on sustainable transport?", "no")
    assert text_of(fake, uid, "/ask", "no") == msg("en", "usage")


@pytest.mark.parametrize("lang", ["no", "en"])
def test_more_results_has_a_way_back_to_page_one(bot, fake, lang):  # noqa: F811
    uid = member()
    q = "Hvem jobber med bærekraftig transport?" if lang == "no" else "Who works on sustainable transport?"
    [m] = say(fake, uid, q, lang=CODES[lang])
    more = "Flere treff ▶" if lang == "no" else "More results ▶"
    back = "◀ Side 1" if lang == "no" else "◀ Page 1"
    assert back not in buttons(m)
    t0 = time.monotonic()
    fake.click(fake.user(uid, f"U{uid}", CODES[lang]), m["message"], buttons(m)[more])
    page2 = fake.wait_for(lambda s: s["method"] == "editMessageText" and s["time"] >= t0, what="sent")
    assert back in buttons(page2)
    t1 = time.monotonic()
    fake.click(fake.user(uid, f"U{uid}", CODES[lang]), page2["message"], buttons(page2)[back])
    page1 = fake.wait_for(lambda s: s["method"] == "editMessageText" and s["time"] >= t1, what="sent")
    assert page1["text"] == m["text"] and more in buttons(page1) and back not in buttons(page1)
