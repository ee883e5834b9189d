"""Telegram handlers: thin glue between updates, the service client and the renderer."""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import logging
from collections import OrderedDict

from telegram import Message, ReplyParameters, Update
from telegram.constants import ChatAction, ChatType, MessageEntityType
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from . import render
from .access import Access, RateLimit, Refusals, guess_lang
from .client import NotFound, ServiceBusy, ServiceClient, ServiceRefused, ServiceUnavailable
from .texts import HELP, msg

log = logging.getLogger(__name__)
FETCH_K = 20  # hits asked for; "Flere treff" asks for more when a page needs them
MAX_K = 50
_keys = itertools.count(1)


def _ctx(context: ContextTypes.DEFAULT_TYPE):
    d = context.bot_data
    return d["access"], d["rate"], d["refusals"], d["service"]


def _lang(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str | None = None) -> str:
    user = update.effective_user
    code = user.language_code if user else None
    if text and len(text.split()) > 1:
        lang = guess_lang(text, code)
        if context.user_data is not None:
            context.user_data["lang"] = lang
        return lang
    saved = context.user_data.get("lang") if context.user_data is not None else None
    return saved or guess_lang(None, code)


async def _say(update: Update, context, text_html: str, *, markup=None) -> Message:
    """Send into the update's chat; in groups as a reply to the message that asked."""
    chat, m = update.effective_chat, update.effective_message
    reply = ReplyParameters(m.message_id, allow_sending_without_reply=True) if (
        m and chat.type != ChatType.PRIVATE) else None
    return await context.bot.send_message(chat.id, text_html, reply_markup=markup, reply_parameters=reply)


async def _gate(update: Update, context, lang: str, *, question: bool = True) -> bool:
    """Allow-list, then the per-user rate limit. Sends the refusal / slow-down itself."""
    access, rate, refusals, _ = _ctx(context)
    user, chat = update.effective_user, update.effective_chat
    uid = user.id if user else None
    if not access.permits(uid, chat.id, chat.type == ChatType.PRIVATE):
        log.info("refused user %s in chat %s", uid, chat.id)
        if refusals.first(chat.id if chat.type != ChatType.PRIVATE else uid):
            await _say(update, context, html.escape(msg(lang, "refused")))
        return False
    if question and uid is not None and not access.is_admin(uid):
        wait = rate.check(uid)
        if wait:
            await _say(update, context, html.escape(msg(lang, "slow_down", n=int(wait + 0.999))))
            return False
    return True


@contextlib.asynccontextmanager
async def typing(bot, chat_id: int):
    """Keep the 'typing…' indicator up while the service computes (it lasts ~5 s per call)."""
    async def loop():
        while True:
            with contextlib.suppress(Exception):
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(4)

    task = asyncio.create_task(loop())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _call(update: Update, context, lang: str, coro):
    """Await a service call; on failure tell the user briefly and return None."""
    try:
        return await coro
    except ServiceUnavailable as exc:
        log.warning("service unavailable: %s", exc)
        await _say(update, context, html.escape(msg(lang, "unavailable")))
    except ServiceBusy as exc:
        await _say(update, context, html.escape(msg(lang, "busy", n=int(exc.retry_after))))
    except NotFound:
        await _say(update, context, html.escape(msg(lang, "gone")))
    except ServiceRefused as exc:
        await _say(update, context, html.escape(msg(lang, "refused_query", reason=exc.reason)))
    return None


def _remember(context, question: str) -> str:
    """A short key for a question, so 'Flere treff' fits in 64 bytes of callback data."""
    store: OrderedDict = context.bot_data.setdefault("questions", OrderedDict())
    key = format(next(_keys), "x")
    store[key] = question
    while len(store) > 2000:
        store.popitem(last=False)
    return key


def _source_data(context, passage_id: str) -> str:
    data = f"s:{passage_id}"
    return data if len(data.encode()) <= 64 else "S:" + _remember(context, passage_id)


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    question = question.strip()
    lang = _lang(update, context, question)
    if not await _gate(update, context, lang):
        return
    if not question:
        await _say(update, context, html.escape(msg(lang, "usage")))
        return
    service: ServiceClient = context.bot_data["service"]
    async with typing(context.bot, update.effective_chat.id):
        ans = await _call(update, context, lang, service.ask(question, k=FETCH_K))
    if ans is None:
        return
    msgs, cited, more = render.render_page(ans, 0)
    rlang = ans.get("language") or lang
    more_data = f"m:{_remember(context, question)}:1" if more else None
    markup = render.keyboard([_source_data(context, p) for p in cited if p], more_data, rlang)
    for i, text in enumerate(msgs):
        await _say(update, context, text, markup=markup if i == len(msgs) - 1 else None)


async def on_ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await answer(update, context, " ".join(context.args or []))


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Private chats: any text. Groups: only when the bot is mentioned or replied to."""
    m, chat = update.effective_message, update.effective_chat
    text = m.text or ""
    if chat.type != ChatType.PRIVATE:
        me = context.bot.username.lower()
        mentions = [e for e in m.entities if e.type == MessageEntityType.MENTION
                    and m.parse_entity(e).lower() == f"@{me}"]
        replied = m.reply_to_message and m.reply_to_message.from_user and \
            m.reply_to_message.from_user.id == context.bot.id
        if not mentions and not replied:
            return
        for e in mentions:
            text = text.replace(m.parse_entity(e), " ")
    await answer(update, context, text)


async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    lang = _lang(update, context, " ".join(context.args or []))
    if await _gate(update, context, lang, question=False):
        await _say(update, context, html.escape(HELP[lang]))


async def on_source(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Vis kilde': the full passage with its neighbours, as new message(s)."""
    q = update.callback_query
    lang = _lang(update, context)
    if not await _gate(update, context, lang, question=False):
        await q.answer()
        return
    pid = q.data[2:]
    if q.data.startswith("S:"):
        pid = context.bot_data.get("questions", {}).get(pid)
        if pid is None:
            await q.answer(msg(lang, "expired"), show_alert=True)
            return
    await q.answer()
    async with typing(context.bot, update.effective_chat.id):
        data = await _call(update, context, lang, context.bot_data["service"].passage(pid))
    if data is not None:
        for text in render.split_messages(render.passage_blocks(data, lang)):
            await _say(update, context, text)


async def on_more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Flere treff': the next page of results, edited into the same message."""
    q = update.callback_query
    lang = _lang(update, context)
    if not await _gate(update, context, lang, question=False):
        await q.answer()
        return
    _, key, page = q.data.split(":")
    page = int(page)
    question = context.bot_data.get("questions", {}).get(key)
    if question is None:
        await q.answer(msg(lang, "expired"), show_alert=True)
        return
    await q.answer()
    k = min(MAX_K, max(FETCH_K, (page + 1) * max(render.PAGE_SIZE.values()) + 1))
    ans = await _call(update, context, lang, context.bot_data["service"].ask(question, k=k))
    if ans is None:
        return
    msgs, cited, more = render.render_page(ans, page)
    more_data = f"m:{key}:{page + 1}" if more and (page + 2) * max(render.PAGE_SIZE.values()) < MAX_K else None
    markup = render.keyboard([_source_data(context, p) for p in cited if p], more_data,
                             ans.get("language") or lang)
    await q.edit_message_text(msgs[0], reply_markup=markup)


async def on_status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    access, _, _, service = _ctx(context)
    lang = _lang(update, context)
    if not await _gate(update, context, lang, question=False):
        return
    if not access.is_admin(update.effective_user.id):
        await _say(update, context, html.escape(msg(lang, "admin_only")))
        return
    r = await _call(update, context, lang, service.ready())
    if r is not None:
        await _say(update, context, html.escape(msg(
            lang, "status", build=r.get("build_id") or "—", model=r.get("model_id") or "—",
            count=r.get("passage_count") if r.get("passage_count") is not None else "—",
            state="ok" if r.get("ready") else r.get("reason") or "not ready")))


async def on_reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    access, _, _, service = _ctx(context)
    lang = _lang(update, context)
    if not await _gate(update, context, lang, question=False):
        return
    if not access.is_admin(update.effective_user.id):
        await _say(update, context, html.escape(msg(lang, "admin_only")))
        return
    try:
        r = await service.reload(context.bot_data.get("admin_key"))
    except ServiceRefused as exc:  # 409: the build was refused; 403: the bot's key is no admin key
        await _say(update, context, html.escape(msg(lang, "reload_failed", reason=exc.reason)))
        return
    except (ServiceUnavailable, ServiceBusy):
        await _say(update, context, html.escape(msg(lang, "unavailable")))
        return
    await _say(update, context, html.escape(msg(
        lang, "reloaded", build=r.get("build_id") or "—", message=r.get("message") or "")))


def install(app: Application, access: Access, rate: RateLimit) -> None:
    app.bot_data.update(access=access, rate=rate, refusals=Refusals())
    app.add_handler(CommandHandler(["start", "help"], on_help))
    app.add_handler(CommandHandler("ask", on_ask))
    app.add_handler(CommandHandler("status", on_status))
    app.add_handler(CommandHandler("reload", on_reload))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED, on_text))
    app.add_handler(CallbackQueryHandler(on_source, pattern=r"^[sS]:"))
    app.add_handler(CallbackQueryHandler(on_more, pattern=r"^m:\w+:\d+$"))
