"""/oppfolging [navn] (/followups [name]): decisions and action items from GET /followups, in the member's
language. A name: that person's records; no name: the open actions. Thin: the service does the work."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from .handlers import call, gate, say

LIMIT = 10
TEXT = {
    "no": {"head_person": "Oppfølgingspunkter for {who} ({n}):", "head_open": "Åpne oppfølgingspunkter ({n}):",
           "none_person": "Fant ingen oppfølgingspunkter for {who}.", "none_open": "Fant ingen åpne oppfølgingspunkter.",
           "more": "… og {n} til.", "decision": "vedtak", "action": "oppgave"},
    "en": {"head_person": "Follow-ups for {who} ({n}):", "head_open": "Open follow-ups ({n}):",
           "none_person": "No follow-ups found for {who}.", "none_open": "No open follow-ups found.",
           "more": "… and {n} more.", "decision": "decision", "action": "action"},
}


def render(body: dict, lang: str, who: str | None) -> str:
    """The reply (HTML): a header, then one line per record with owner, words, meeting, item and follow-through."""
    t, rows = TEXT[lang], body.get("followups") or []
    if not rows:
        return html.escape(t["none_person" if who else "none_open"].format(who=who))
    lines = [html.escape(t["head_person" if who else "head_open"].format(who=who, n=len(rows)))]
    for r in rows[:LIMIT]:
        owner = ", ".join(r["owners"]) or " / ".join(r["candidates"]) or "-"
        lines.append(f"• <b>{html.escape(owner)}</b> [{t[r['kind']]}]: {html.escape(r['summary'][lang])}")
    if len(rows) > LIMIT:
        lines.append(html.escape(t["more"].format(n=len(rows) - LIMIT)))
    return "\n".join(lines)


async def on_followups(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    who = " ".join(context.args or []).strip()[:100] or None
    command = (update.effective_message.text or "").split()[0].lstrip("/").split("@")[0].lower()
    lang = "en" if command == "followups" else "no"  # the command's own language
    if not await gate(update, context, lang):
        return
    params = {"person": who} if who else {"open": "true"}
    body = await call(update, context, lang, context.bot_data["service"]._request("GET", "/followups", params=params))
    if body is not None:
        await say(update, context, render(body, lang, who))


def install(app: Application) -> None:
    app.add_handler(CommandHandler(["oppfolging", "followups"], on_followups))
