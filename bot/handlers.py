"""Telegram handlers: thin glue between updates, the service client and the renderer."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging

from telegram import Message, ReplyParameters, Update
from telegram.constants import ChatAction, ChatType, MessageEntityType
from telegram.error import BadRequest
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from . import render
from .access import Access, RateLimit, Refusals, guess_lang
from .client import NotFound, ServiceBusy, ServiceClient, ServiceRefused, ServiceUnavailable
from .pages import PageCache, valid_passage_id
from .reasons import reason
from .texts import HELP, msg

log = logging.getLogger(__name__)
FETCH_K = 20  # hits asked for once; "Flere treff" pages are cut from this cached answer


def ui_lang(update: Update, context: ContextTypes.DEFAULT_TYPE, text: str | None = None) -> str:
    user = update.effective_user
    code = user.language_code if user else None
    if text and len(text.split()) > 1:
        lang = guess_lang(text, code)
        if context.user_data is not None:
            context.user_data["lang"] = lang
        return lang
    saved = context.user_data.get("lang") if context.user_data is not None else None
    return saved or guess_lang(None, code)


async def say(update: Update, context, text_html: str, *, markup=None) -> Message:
    """Send into the update's chat; in groups as a reply to the message that asked."""
    chat, m = update.effective_chat, update.effective_message
    reply = ReplyParameters(m.message_id, allow_sending_without_reply=True) if (
        m and chat.type != ChatType.PRIVATE) else None
    return await context.bot.send_message(chat.id, text_html, reply_markup=markup, reply_parameters=reply)


async def gate(update: Update, context, lang: str, *, question: bool = True) -> bool:
    """Allow-list, then the per-user rate limit. Sends the refusal / slow-down itself."""
    access, rate, refusals = (context.bot_data[k] for k in ("access", "rate", "refusals"))
    if update.effective_chat is None:  # a callback without its message (too old): nothing to answer in
        return False
    user, chat = update.effective_user, update.effective_chat
    uid = user.id if user else None
    if not access.permits(uid, chat.id, chat.type == ChatType.PRIVATE):
        log.info("refused user %s in chat %s", uid, chat.id)
        if refusals.first(chat.id if chat.type != ChatType.PRIVATE else uid):
            await say(update, context, html.escape(msg(lang, "refused")))
        return False
    if question and uid is not None and not access.is_admin(uid):
        wait = rate.check(uid)
        if wait:
            await say(update, context, html.escape(msg(lang, "slow_down", n=int(wait + 0.999))))
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


async def call(update: Update, context, lang: str, coro):
    """Await a service call; on failure tell the user briefly and return None."""
    try:
        return await coro
    except ServiceUnavailable as exc:
        log.warning("service unavailable: %s", exc)
        await say(update, context, html.escape(msg(lang, "unavailable")))
    except ServiceBusy as exc:
        await say(update, context, html.escape(msg(lang, "busy", n=int(exc.retry_after))))
    except NotFound:
        await say(update, context, html.escape(msg(lang, "gone")))
    except ServiceRefused as exc:
        await say(update, context, html.escape(msg(lang, "refused_query", reason=reason(lang, exc.status, exc.reason))))
    return None


def _pages(context) -> PageCache:
    return context.bot_data["pages"]


def _owner(update: Update) -> tuple[int, int | None]:
    user = update.effective_user
    return update.effective_chat.id, user.id if user else None


def _page(update: Update, context, ans: dict, page: int, key: str | None):
    """Messages and keyboard for one page; 'Flere treff' only when there is more (and a key).
    Ids too long for callback data (64 bytes) go into the cache, bound to whoever asked."""
    msgs, cited, more = render.render_page(ans, page)
    more_data = f"m:{key}:{page + 1}" if more and key else None
    sources = [f"s:{p}" if len(f"s:{p}".encode()) <= 64 else "S:" + _pages(context).put(*_owner(update), p)
               for p in cited if p]
    first = f"m:{key}:0" if page > 0 and key else None  # back to page 1
    return msgs, render.keyboard(sources, more_data, ans.get("language") or "no", first)


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str) -> None:
    question = question.strip()
    lang = ui_lang(update, context, question)
    if not await gate(update, context, lang):
        return
    if not question:
        await say(update, context, html.escape(msg(lang, "usage")))
        return
    service: ServiceClient = context.bot_data["service"]
    async with typing(context.bot, update.effective_chat.id):
        ans = await call(update, context, lang, service.ask(question, k=FETCH_K))
    if ans is None:
        return
    msgs, markup = _page(update, context, ans, 0, _pages(context).put(*_owner(update), ans))
    for i, text in enumerate(msgs):
        await say(update, context, text, markup=markup if i == len(msgs) - 1 else None)


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
    lang = ui_lang(update, context, " ".join(context.args or []))
    if await gate(update, context, lang, question=False):
        await say(update, context, html.escape(HELP[lang]))


async def _pressed(update: Update, context, lang: str, key: str | None = None):
    """Gate a button press (allow-list, then the presser's own press limit) and answer it; the
    cached value for `key`, bound to this chat and user (None: refused, limited or expired)."""
    q = update.callback_query
    if not await gate(update, context, lang, question=False):
        with contextlib.suppress(Exception):
            await q.answer()
        return None
    uid = update.effective_user.id if update.effective_user else None
    if uid is not None and not context.bot_data["access"].is_admin(uid):
        wait = context.bot_data["press_rate"].check(uid)
        if wait:  # a toast, not a message: a burst of presses must not flood the chat either
            await q.answer(msg(lang, "slow_down", n=int(wait + 0.999)))
            return None
    if key is None:
        state, value = "ok", q.data[2:]
        if not valid_passage_id(value):
            state, value = "expired", None
    else:
        state, value = _pages(context).get(key, *_owner(update))
    if value is None:
        await q.answer(msg(lang, state), show_alert=True)
        return None
    await q.answer()
    return value


async def on_source(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Vis kilde': the full passage with its neighbours, as new message(s)."""
    lang = ui_lang(update, context)
    data = update.callback_query.data
    pid = await _pressed(update, context, lang, data[2:] if data.startswith("S:") else None)
    if pid is None:
        return
    async with typing(context.bot, update.effective_chat.id):
        data = await call(update, context, lang, context.bot_data["service"].passage(pid))
    if data is not None:
        for text in render.split_messages(render.passage_blocks(data, lang)):
            await say(update, context, text)


async def on_more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Flere treff': the next page of the cached answer, edited into the same message."""
    lang = ui_lang(update, context)
    _, key, page = update.callback_query.data.split(":")
    ans = await _pressed(update, context, lang, key)
    if ans is None:
        return
    msgs, markup = _page(update, context, ans, int(page), key)
    try:
        await update.callback_query.edit_message_text(msgs[0], reply_markup=markup)
    except BadRequest as exc:  # a double click: the page is already showing
        if "not modified" not in str(exc):
            raise


def install(app: Application, access: Access, rate: RateLimit, press_rate: RateLimit | None = None) -> None:
    """Handlers; button presses have their own per-user limit (default: 3x the question limit)."""
    press_rate = press_rate or RateLimit(rate.count * 3, rate.per)
    app.bot_data.update(access=access, rate=rate, press_rate=press_rate, refusals=Refusals(), pages=PageCache())
    app.add_handler(CommandHandler(["start", "help"], on_help))
    app.add_handler(CommandHandler("ask", on_ask))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED, on_text))
    app.add_handler(CallbackQueryHandler(on_source, pattern=r"^[sS]:"))
    app.add_handler(CallbackQueryHandler(on_more, pattern=r"^m:[\w-]+:\d{1,3}$"))
