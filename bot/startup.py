"""Why `askbot bot` could not start, in one line: no token, a bad setting, Telegram unreachable or refusing.

`askbot bot` prints these as one `error:` line with a non-zero exit (not python-telegram-bot's
30-line traceback); everything after start-up goes to the one error handler in `app`.
"""

from __future__ import annotations

import logging

from telegram.error import InvalidToken, NetworkError, TelegramError

from askbot.errors import AskbotError


class BotStartError(AskbotError):
    """The bot could not start (its message is the whole story)."""


def explain(exc: BaseException, base_url: str) -> BotStartError:
    """A one-line BotStartError for an exception raised while building or starting the Application."""
    if isinstance(exc, InvalidToken):
        text = (f"Telegram at {base_url} refused the token (ASKBOT_TELEGRAM_TOKEN); "
                "check it with @BotFather")
    elif isinstance(exc, NetworkError):
        text = (f"cannot reach Telegram at {base_url} ({exc.message}); check the network, or "
                "ASKBOT_TELEGRAM_BASE_URL")
    elif isinstance(exc, TelegramError):
        text = f"Telegram at {base_url} refused to start the bot: {exc.message}"
    else:  # ValueError from the settings: no token, a malformed id list
        text = str(exc)
    return BotStartError(text)


class QuietBootstrap(logging.Filter):
    """Drop python-telegram-bot's start-up retry record (a full traceback); `explain` says it in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.name.startswith("telegram") and "Bootstrap" in record.getMessage())
