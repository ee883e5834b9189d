"""The staff page's two languages: which one (cookie, then Accept-Language; bokmål by default), every
fixed text in both, and dates as dd.mm.yyyy (shown and typed; ISO is still read)."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from fastapi import Request

from askbot.errors import QueryError

from .links import here, local_target
from .texts import TEXTS

LANGS = ("nb", "en")
COOKIE = "askbot_lang"
_NORWEGIAN = {"nb", "no", "nn"}
_DMY = re.compile(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*")
_ISO_IN_TEXT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def from_accept_language(header: str) -> str | None:
    """The first supported language in an Accept-Language header, by q-value; None if none is."""
    choices = []
    for i, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        primary = tag.strip().lower().split("-")[0]
        lang = "nb" if primary in _NORWEGIAN else "en" if primary == "en" else None
        if lang and q > 0:
            choices.append((-q, i, lang))
    return min(choices)[2] if choices else None


def choose(request: Request) -> str:
    cookie = request.cookies.get(COOKIE)
    if cookie in LANGS:
        return cookie
    return from_accept_language(request.headers.get("accept-language", "")) or "nb"


def text(lang: str, key: str, **kw) -> str:
    nb, en = TEXTS[key]
    s = en if lang == "en" else nb
    return s.format(**kw) if kw else s


def show_date(value) -> str:
    """2022-01-14 (or a date) → 14.01.2022; anything else unchanged."""
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", str(value or ""))
    return f"{m[3]}.{m[2]}.{m[1]}" if m else str(value or "")


def dates_in(value: str) -> str:
    """ISO dates inside a sentence (an answer's "Avgrenset til: …") as dd.mm.yyyy."""
    return _ISO_IN_TEXT.sub(lambda m: f"{m[3]}.{m[2]}.{m[1]}", value or "")


def read_date(value: str, field: str, lang: str) -> dt.date | None:
    """A date field as typed: 14.01.2022, 14.1.2022 or 2022-01-14; empty → None."""
    value = (value or "").strip()
    if not value:
        return None
    try:
        if m := _DMY.fullmatch(value):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        return dt.date.fromisoformat(value)
    except ValueError:
        raise QueryError(text(lang, "bad_date", field=text(lang, field), value=value[:40])) from None


_REASONS = [  # the service's own reasons (deps.check_question / make_filters), as the page shows them
    (re.compile(r"the question is empty"), "q_empty"),
    (re.compile(r"the question has no visible characters"), "q_invisible"),
    (re.compile(r"the question is (\d+) characters long; the limit is (\d+)"), "q_long"),
    (re.compile(r"'since' \((\S+)\) is after 'until' \((\S+)\)"), "since_after_until"),
]


def reason(lang: str, message: str) -> str:
    """A known English reason in the page's language; an unknown one as it is."""
    for pattern, key in _REASONS:
        if m := pattern.fullmatch(message):
            return text(lang, key, **{f"a{i}": show_date(g) for i, g in enumerate(m.groups())})
    return message


def context(request: Request) -> dict:
    """Jinja context for every page template: the language, `t(key)`, and the switch's link."""
    lang = choose(request)
    other = "en" if lang == "nb" else "nb"
    return {"lang": lang, "t": lambda key, **kw: text(lang, key, **kw), "other_lang": other,
            "switch_url": f"/lang/{other}?next=" + quote_target(here(request)), "here": here(request)}


def quote_target(target: str) -> str:
    return quote(local_target(target), safe="")


def install(templates) -> None:
    """Give the page templates the language context and the date filters."""
    templates.context_processors.append(context)
    templates.env.filters.update(d=show_date, dates_in=dates_in)
