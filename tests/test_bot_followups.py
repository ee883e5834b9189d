"""/oppfolging and /followups: the real bot against the fake Bot API and the real service (seed index)."""

from __future__ import annotations

import pytest
from test_bot_e2e import BotThread, fake, relay, replies, say, service  # noqa: F401  (fixtures)

from askbot.settings import Settings
from bot.app import build_application
from bot.followups import render

MEMBER = 6301


@pytest.fixture(scope="module")
def bot(fake, service, relay):  # noqa: F811
    settings = Settings(_env_file=None, telegram_token=fake.token, telegram_base_url=fake.base_url,
                        api_url=relay.url, api_key=service[1], telegram_allowed=str(MEMBER))
    runner = BotThread(build_application(settings, service_retries=1, service_backoff=0.1, service_timeout=30))
    yield runner.app
    runner.close()


def test_oppfolging_in_norwegian_and_followups_in_english(bot, fake):  # noqa: F811
    no = say(fake, MEMBER, "/oppfolging")[0]["text"]
    assert no == "Fant ingen åpne oppfølgingspunkter."  # the seed has decisions only ("Godkjent")
    en = say(fake, MEMBER, "/followups Eli", lang="en")[0]["text"]
    assert en == "No follow-ups found for Eli."


def test_a_stranger_is_refused(bot, fake):  # noqa: F811
    assert "inviterte" in say(fake, 6399, "/oppfolging")[0]["text"]


def test_render_lists_owner_summary_and_follow_through():
    row = {"kind": "action", "owners": ["Kari Nordmann"], "candidates": [],
           "summary": {"no": "«Kari tar kontakt med Statnett» (12.01.2024, sak 2; nevnt igjen 08.03.2024, sak 2)",
                       "en": "«…» (12.01.2024, item 2; mentioned again 08.03.2024, item 2)"}}
    text = render({"followups": [row]}, "no", "Kari")
    assert text.startswith("Oppfølgingspunkter for Kari (1):") and "<b>Kari Nordmann</b> [oppgave]" in text
    assert "nevnt igjen 08.03.2024" in text and "mentioned again" in render({"followups": [row]}, "en", None)
