"""Wiring: the python-telegram-bot Application, its lifecycle, and `run` for `askbot bot`."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import secrets
import traceback
from urllib.parse import urlsplit

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, CommandHandler, ContextTypes, Defaults
from telegram.request import HTTPXRequest

from askbot.errors import AskbotError
from askbot.settings import Settings, parse_keys

from . import admin, alerts, handlers
from . import followups as followup_cmds
from .access import Access, RateLimit
from .client import ServiceClient
from .texts import COMMANDS, msg

log = logging.getLogger("bot")
UPDATES = ["message", "callback_query"]


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter (honours 429 retry_after) that also retries 5xx and network errors.

    A timeout is not retried (Telegram may have acted on the request already), nor a 400.
    """

    def __init__(self, *, network_retries: int = 3, backoff: float = 0.5, **kw):
        super().__init__(**kw)
        self.network_retries, self.backoff = network_retries, backoff

    async def process_request(self, callback, args, kwargs, endpoint, data, rate_limit_args):
        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except (TimedOut, BadRequest, RetryAfter):  # BadRequest subclasses NetworkError
                raise
            except NetworkError as exc:
                if attempt == self.network_retries:
                    raise
                delay = self.backoff * 2 ** attempt
                log.warning("Telegram %s failed (%s); retrying in %.1fs", endpoint, exc, delay)
                await asyncio.sleep(delay)


def redact(text: str, *secrets_: str) -> str:
    for s in secrets_:
        if s:
            text = text.replace(s, "<redacted>")
    return text


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The one error handler: log every unexpected exception with the update id, never the token."""
    err = context.error
    uid = update.update_id if isinstance(update, Update) else None
    tb = "".join(traceback.format_exception(type(err), err, err.__traceback__)) if err else ""
    log.error("update %s failed: %s", uid, redact(tb, context.bot.token))
    if isinstance(update, Update) and update.effective_chat and (
            isinstance(err, BadRequest) or not isinstance(err, NetworkError)):
        with contextlib.suppress(Exception):  # telling the user is best effort
            text = html.escape(msg(handlers.ui_lang(update, context), "error"))
            await context.bot.send_message(update.effective_chat.id, text)


def build_application(
    settings: Settings,
    *,
    rate_limit: tuple[int, float] = (6, 60.0),
    service_retries: int = 3,
    service_backoff: float = 0.3,
    service_timeout: float = 15.0,
    telegram_retries: int = 3,
    telegram_backoff: float = 0.5,
) -> Application:
    """The Application, wired to the Bot API server at ASKBOT_TELEGRAM_BASE_URL."""
    if not settings.telegram_token:
        raise ValueError("ASKBOT_TELEGRAM_TOKEN is not set (get one from @BotFather)")
    base = settings.telegram_base_url.rstrip("/")
    access = Access.from_settings(settings)
    admin_keys = list(parse_keys(settings.admin_keys))

    async def post_init(app: Application) -> None:
        app.bot_data["service"] = ServiceClient(
            settings.api_url, settings.api_key, timeout=service_timeout,
            retries=service_retries, backoff=service_backoff)
        app.bot_data["admin_key"] = admin_keys[0] if admin_keys else None
        for lang, code in (("no", None), ("en", "en")):
            await app.bot.set_my_commands([BotCommand(c, d) for c, d in COMMANDS[lang]], language_code=code)
        log.info("bot @%s up; service %s; %d allowed ids, %d admins", app.bot.username,
                 settings.api_url, len(access.allowed), len(access.admins))
        try:
            ready = await app.bot_data["service"].ready()
            state = f"ready, build {ready.get('build_id')}" if ready.get("ready") else \
                f"not ready yet ({ready.get('reason')})"
            log.info("service: %s", state)
        except AskbotError as exc:  # not fatal: the bot tells users "try again shortly" until it is up
            log.warning("service not reachable yet at %s (%s)", settings.api_url, exc)

    async def post_shutdown(app: Application) -> None:
        service = app.bot_data.pop("service", None)
        if service is not None:
            await service.aclose()

    app = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .base_url(f"{base}/bot")
        .base_file_url(f"{base}/file/bot")
        .request(HTTPXRequest(connection_pool_size=16, connect_timeout=10, read_timeout=20,
                              write_timeout=20, pool_timeout=5))
        .get_updates_request(HTTPXRequest(connect_timeout=10, read_timeout=20, write_timeout=20))
        .rate_limiter(RetryingRateLimiter(max_retries=3, network_retries=telegram_retries,
                                          backoff=telegram_backoff))
        .defaults(Defaults(parse_mode=ParseMode.HTML, link_preview_options=LinkPreviewOptions(is_disabled=True)))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .concurrent_updates(8)
        .build()
    )
    handlers.install(app, access, RateLimit(*rate_limit))
    followup_cmds.install(app)  # /oppfolging, /followups (bot/followups.py)
    alerts.install(app, settings)
    app.add_handler(CommandHandler("status", admin.on_status))
    app.add_handler(CommandHandler("reload", admin.on_reload))
    app.add_error_handler(on_error)
    return app


async def start(app: Application, *, poll_timeout: int = 10) -> None:
    """Start long polling inside a running event loop (tests; running beside the service)."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.updater.start_polling(timeout=poll_timeout, allowed_updates=UPDATES)
    await app.start()


async def stop(app: Application) -> None:
    if app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    if app.post_shutdown:
        await app.post_shutdown(app)
    await app.shutdown()


class _Redact(logging.Filter):
    def __init__(self, token: str):
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        if self.token and self.token in text:
            record.msg, record.args = redact(text, self.token), None
        return True


def run(settings: Settings, webhook_url: str | None = None, *, listen: str = "127.0.0.1",
        port: int | None = None, secret_token: str | None = None, log_level: str = "INFO") -> None:
    """`askbot bot`: long polling by default; with `webhook_url`, a webhook with a secret token on `port`
    (default ASKBOT_TELEGRAM_WEBHOOK_PORT). Start-up failures raise `startup.BotStartError` (one line)."""
    from .startup import explain

    try:
        _run(settings, webhook_url, listen=listen, port=port or settings.telegram_webhook_port,
             secret_token=secret_token, log_level=log_level)
    except (ValueError, TelegramError) as exc:
        raise explain(exc, settings.telegram_base_url) from None


def _run(settings: Settings, webhook_url: str | None, *, listen: str, port: int, secret_token: str | None,
         log_level: str) -> None:
    logging.basicConfig(level=log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from .startup import QuietBootstrap

    for h in logging.getLogger().handlers:
        h.addFilter(_Redact(settings.telegram_token))
        h.addFilter(QuietBootstrap())
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines carry the token in URLs
    app = build_application(settings)
    if webhook_url is None:
        app.run_polling(allowed_updates=UPDATES)
        return
    secret = secret_token or secrets.token_urlsafe(32)  # Telegram sends it back on every call
    app.run_webhook(listen=listen, port=port, url_path=urlsplit(webhook_url).path.strip("/"),
                    secret_token=secret, webhook_url=webhook_url, allowed_updates=UPDATES)
