"""Topic alerts in Telegram: /abonner, /abonnement, /stopp (and English aliases), and the poller
that sends subscribers the new passages of each new build.

The bot learns of a new build by polling the service's /readyz every ASKBOT_TELEGRAM_ALERT_INTERVAL
seconds (and once at start, which is the catch-up after downtime); for each subscription not yet
checked against the live build it asks GET /alerts?topic=…&since_build=<the build it last saw>,
sends each passage not sent to that chat before, and records it (subscriptions.py). Members who are
no longer allowed get nothing. Replies come in the language of the command (/subscribe: English).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, CommandHandler, ContextTypes

from askbot.settings import Settings

from . import handlers, render
from .client import NotFound, ServiceBusy, ServiceUnavailable
from .subscriptions import MAX_TOPIC_CHARS, MAX_TOPICS, Store, Subscription
from .texts import msg

log = logging.getLogger(__name__)
ENGLISH = {"subscribe", "subscriptions", "unsubscribe"}

TEXTS = {
    "no": {
        "usage_sub": "Skriv temaet etter kommandoen, f.eks. /abonner hydrogen",
        "usage_stop": "Skriv temaet du vil slutte å følge, f.eks. /stopp hydrogen",
        "subscribed": "Du følger nå «{topic}». Når nye referater kommer, sender jeg deg utdragene som "
                      "handler om det.",
        "already": "Du følger allerede «{topic}».",
        "too_long": "Temaet er for langt (høyst {n} tegn).",
        "too_many": "Du følger allerede {n} temaer. Stopp et av dem først med /stopp <tema>.",
        "none": "Du følger ingen temaer ennå. Bruk f.eks. /abonner hydrogen",
        "list": "Du følger disse temaene:\n{topics}\n\nSlutt å følge et tema: /stopp <tema>",
        "stopped": "Du følger ikke lenger «{topic}».",
        "not_following": "Du følger ikke «{topic}». Se temaene dine med /abonnement",
        "alert": "Nytt i referatene om «{topic}»:",
        "footer": "Slutt å følge: /stopp {topic}",
    },
    "en": {
        "usage_sub": "Write the topic after the command, e.g. /subscribe hydrogen",
        "usage_stop": "Write the topic you want to stop following, e.g. /unsubscribe hydrogen",
        "subscribed": "You now follow “{topic}”. When new minutes come in, I'll send you the passages "
                      "about it.",
        "already": "You already follow “{topic}”.",
        "too_long": "That topic is too long (at most {n} characters).",
        "too_many": "You already follow {n} topics. Stop one first with /unsubscribe <topic>.",
        "none": "You don't follow any topics yet. Try /subscribe hydrogen",
        "list": "You follow these topics:\n{topics}\n\nTo stop following one: /unsubscribe <topic>",
        "stopped": "You no longer follow “{topic}”.",
        "not_following": "You don't follow “{topic}”. See your topics with /subscriptions",
        "alert": "New in the minutes on “{topic}”:",
        "footer": "Stop following: /unsubscribe {topic}",
    },
}


def t(lang: str, key: str, **kw) -> str:
    return TEXTS.get(lang, TEXTS["no"])[key].format(**kw)


def _lang(update: Update, context) -> str:
    cmd = (update.effective_message.text or "").split()[0].lstrip("/").split("@")[0].lower()
    return "en" if cmd in ENGLISH else handlers.ui_lang(update, context)


async def _start(update: Update, context) -> tuple[str, str, Store] | None:
    """The reply language, the topic argument, and the store; None if the gate refused."""
    lang = _lang(update, context)
    if not await handlers.gate(update, context, lang):
        return None
    return lang, " ".join(" ".join(context.args or []).split()), context.bot_data["alerts"]


async def _reply(update: Update, context, lang: str, key: str, **kw) -> None:
    await handlers.say(update, context, html.escape(t(lang, key, **kw)))


async def on_subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/abonner <tema>: follow a topic from the live build on."""
    if (got := await _start(update, context)) is None:
        return
    lang, topic, store = got
    chat, uid = update.effective_chat, update.effective_user.id
    if not topic:
        return await _reply(update, context, lang, "usage_sub")
    if len(topic) > MAX_TOPIC_CHARS:
        return await _reply(update, context, lang, "too_long", n=MAX_TOPIC_CHARS)
    topics = store.topics(chat.id, uid)
    if any(x.casefold() == topic.casefold() for x in topics):
        return await _reply(update, context, lang, "already", topic=topic)
    if len(topics) >= MAX_TOPICS:
        return await _reply(update, context, lang, "too_many", n=len(topics))
    ready = await handlers.call(update, context, lang, context.bot_data["service"].ready())
    if ready is None:
        return
    if not ready.get("ready") or not ready.get("build_id"):
        return await handlers.say(update, context, html.escape(msg(lang, "unavailable")))
    store.subscribe(chat.id, uid, topic, lang, chat.type == ChatType.PRIVATE, ready["build_id"])
    await _reply(update, context, lang, "subscribed", topic=topic)


async def on_list(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/abonnement: the topics this member follows in this chat."""
    if (got := await _start(update, context)) is None:
        return
    lang, _, store = got
    topics = store.topics(update.effective_chat.id, update.effective_user.id)
    if not topics:
        return await _reply(update, context, lang, "none")
    await _reply(update, context, lang, "list", topics="\n".join(f"• {x}" for x in topics))


async def on_unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/stopp <tema>: stop following a topic."""
    if (got := await _start(update, context)) is None:
        return
    lang, topic, store = got
    if not topic:
        return await _reply(update, context, lang, "usage_stop")
    done = store.unsubscribe(update.effective_chat.id, update.effective_user.id, topic)
    await _reply(update, context, lang, "stopped" if done else "not_following", topic=topic)


def alert_message(alert: dict, sub: Subscription) -> tuple[str, InlineKeyboardMarkup | None]:
    """One alert: the topic, the quote and its citation, how to stop; a 'Vis kilde' button."""
    lang = sub.lang
    text = (f"<b>{render.esc(t(lang, 'alert', topic=sub.topic))}</b>\n"
            f"«{render.esc(render.short_quote(alert.get('quote') or alert.get('text') or '', 600))}»\n"
            f"<i>{render.esc(render.citation_label(alert, lang))}</i>\n\n"
            f"{render.esc(t(lang, 'footer', topic=sub.topic))}")
    data = f"s:{alert['passage_id']}"
    if len(data.encode()) > 64:
        return text, None
    return text, InlineKeyboardMarkup([[InlineKeyboardButton(render.tr(lang, "source"), callback_data=data)]])


class Poller:
    """Checks for a new build and sends what is due; one check at a time, in the bot's loop."""

    def __init__(self, app: Application, store: Store, interval: float):
        self.app, self.store, self.interval = app, store, interval
        self._task: asyncio.Task | None = None

    async def check(self) -> int:
        """One round; the number of messages sent. Stops early (to retry next round) when the
        service or Telegram is unreachable; a subscription is marked checked only when it is done."""
        service, access = self.app.bot_data["service"], self.app.bot_data["access"]
        try:
            ready = await service.ready()
        except (ServiceUnavailable, ServiceBusy):
            return 0
        live, sent = ready.get("build_id") if ready.get("ready") else None, 0
        for sub in self.store.due(live) if live else []:
            if not access.permits(sub.user_id, sub.chat_id, sub.private):
                self.store.checked(sub, live)  # removed from the allow-list: nothing, now or later
                continue
            try:
                data = await service.alerts(sub.topic, sub.since_build)
            except NotFound as exc:  # its build was pruned: start again from the live one
                log.warning("alerts for %r in chat %s: %s; continuing from %s", sub.topic, sub.chat_id,
                            exc.reason, live)
                self.store.checked(sub, live)
                continue
            except (ServiceUnavailable, ServiceBusy):
                return sent
            for alert in data.get("alerts", []):
                if self.store.was_sent(sub.chat_id, alert["passage_id"]):
                    continue
                text, markup = alert_message(alert, sub)
                try:
                    await self.app.bot.send_message(sub.chat_id, text, reply_markup=markup)
                except (Forbidden, BadRequest) as exc:  # blocked the bot, left the group: skip it
                    log.warning("alert to chat %s not delivered: %s", sub.chat_id, exc)
                    continue
                self.store.mark_sent(sub.chat_id, alert["passage_id"], sub.topic, data["build_id"])
                sent += 1
            self.store.checked(sub, data["build_id"])
        return sent

    async def _loop(self) -> None:
        while True:
            try:
                await self.check()
            except Exception:  # a Telegram network error or a bug: log it, try again next round
                log.exception("alert round failed")
            await asyncio.sleep(self.interval)

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


def install(app: Application, settings: Settings) -> None:
    """The commands, the store in ASKBOT_TELEGRAM_STATE_DIR, and the poller, started after the app's
    own post_init (which connects the service) and stopped before its post_shutdown."""
    store = Store.in_dir(settings.telegram_state_dir)
    poller = Poller(app, store, settings.telegram_alert_interval)
    app.bot_data.update(alerts=store, alert_poller=poller)
    app.add_handler(CommandHandler(["abonner", "subscribe"], on_subscribe))
    app.add_handler(CommandHandler(["abonnement", "subscriptions"], on_list))
    app.add_handler(CommandHandler(["stopp", "unsubscribe"], on_unsubscribe))
    inner_init, inner_shutdown = app.post_init, app.post_shutdown

    async def post_init(a: Application) -> None:
        if inner_init:
            await inner_init(a)
        poller.start()

    async def post_shutdown(a: Application) -> None:
        await poller.stop()
        if inner_shutdown:
            await inner_shutdown(a)
        store.close()

    app.post_init, app.post_shutdown = post_init, post_shutdown
