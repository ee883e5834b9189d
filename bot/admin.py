"""Admin commands: /status (build, model, passage count) and /reload (the service's admin reload)."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import ContextTypes

from . import handlers
from .client import ServiceBusy, ServiceRefused, ServiceUnavailable
from .reasons import reason
from .texts import msg


async def _admin(update: Update, context, lang: str) -> bool:
    if not await handlers.gate(update, context, lang, question=False):
        return False
    if not context.bot_data["access"].is_admin(update.effective_user.id):
        await handlers.say(update, context, html.escape(msg(lang, "admin_only")))
        return False
    return True


async def on_status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/status (admins): the live build, the model and the passage count, from /readyz."""
    lang = handlers.ui_lang(update, context)
    if not await _admin(update, context, lang):
        return
    r = await handlers.call(update, context, lang, context.bot_data["service"].ready())
    if r is not None:
        count = r.get("passage_count")
        await handlers.say(update, context, html.escape(msg(
            lang, "status", build=r.get("build_id") or "—", model=r.get("model_id") or "—",
            count="—" if count is None else count,
            state=msg(lang, "ready") if r.get("ready") else msg(lang, "not_ready",
                                                                 reason=reason(lang, 503, r.get("reason"))))))


async def on_reload(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload (admins): the service loads the newest published build."""
    lang = handlers.ui_lang(update, context)
    if not await _admin(update, context, lang):
        return
    try:
        r = await context.bot_data["service"].reload(context.bot_data.get("admin_key"))
    except ServiceRefused as exc:  # 409: the build was refused; 403: the bot's key is no admin key
        text = msg(lang, "reload_failed", reason=reason(lang, exc.status, exc.reason))
    except (ServiceUnavailable, ServiceBusy):
        text = msg(lang, "unavailable")
    else:
        text = msg(lang, "reloaded", build=r.get("build_id") or "—", previous=r.get("previous_build_id") or "—")
    await handlers.say(update, context, html.escape(text))
