"""Answers as Telegram HTML: citations, pages, inline keyboards, and safe splitting.

Text is kept raw in *blocks* (lists of (tag, text) segments) until the very end: blocks are
packed into messages of at most 4096 characters on paragraph boundaries (an oversized block
is cut at line, then word boundaries), and only then escaped, so no entity or tag is cut.
"""

from __future__ import annotations

import html
import re
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

LIMIT = 4096
PAGE_SIZE = {"people": 3, "passages": 4}
Block = list[tuple[str | None, str]]  # (tag or None, raw text)

T = {
    "no": {"source": "Vis kilde", "more": "Flere treff", "page": "Flere treff, side {n}",
           "item": "sak", "uncertain": "usikker", "none": "Fant ikke noe som svarer godt på det.",
           "from": "Kilde", "context": "I samme sak", "end": "Ingen flere treff.", "first": "◀ Side 1"},
    "en": {"source": "Show source", "more": "More results", "page": "More results, page {n}",
           "item": "item", "uncertain": "uncertain", "none": "Nothing in the minutes answers that well.",
           "from": "Source", "context": "In the same item", "end": "No more results.", "first": "◀ Page 1"},
}


def tr(lang: str, key: str, **kw: Any) -> str:
    return T.get(lang, T["no"])[key].format(**kw)


def tg_len(s: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(s.encode("utf-16-le")) // 2


def esc(s: str) -> str:
    return html.escape(s, quote=False)


# ---- citations ---------------------------------------------------------------------------

def norwegian_date(iso: str | None) -> str:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", iso or "")
    return f"{m[3]}.{m[2]}.{m[1]}" if m else (iso or "")


def speaker_text(sp: dict | None, lang: str) -> str:
    sp = sp or {}
    who = sp.get("name") or sp.get("label") or ""
    if sp.get("ambiguous"):
        who = f"{sp.get('label') or who} ({tr(lang, 'uncertain')})"
    org = sp.get("organisation")
    return f"{who} ({org})" if who and org else who or org or ""


def citation_label(c: dict, lang: str = "no") -> str:
    """'14.01.2022, sak 3 Runden rundt bordet, Harriet Slaaen (Ringerikekommune)'."""
    item = c.get("agenda_item") or {}
    title = re.sub(r"\s*\([^)]*\)\s*$", "", item.get("title") or "").strip()
    parts = [norwegian_date((c.get("meeting") or {}).get("date"))]
    if item.get("number"):
        parts.append(f"{tr(lang, 'item')} {item['number']} {title}".strip())
    who = speaker_text(c.get("speaker"), lang)
    if who:
        parts.append(who)
    return ", ".join(p for p in parts if p)


def short_quote(q: str, limit: int) -> str:
    q = " ".join((q or "").split())
    if len(q) <= limit:
        return q
    cut = q[:limit].rsplit(" ", 1)[0]
    return cut + " …"


# ---- answers and pages -------------------------------------------------------------------

def page_items(answer: dict, page: int) -> tuple[list[dict], bool]:
    """The people (or hits) on `page`, and whether there are more after it."""
    kind = "people" if answer.get("kind") == "people" and answer.get("people") else "passages"
    items = answer.get("people") if kind == "people" else answer.get("hits")
    size = PAGE_SIZE[kind]
    items = items or []
    return items[page * size:(page + 1) * size], len(items) > (page + 1) * size


def answer_blocks(answer: dict, page: int = 0, quote_limit: int = 300) -> tuple[list[Block], list[str]]:
    """Blocks for one page of an answer, and the passage ids its citations point at."""
    lang = answer.get("language") or "no"
    items, _ = page_items(answer, page)
    blocks: list[Block] = []
    cited: list[str] = []
    if page == 0:
        head = answer.get("text") or (tr(lang, "none") if not items else "")
        if head:
            blocks.append([(None, head)])
    else:
        blocks.append([("b", tr(lang, "page", n=page + 1)), (None, "\n"), ("i", answer.get("query") or "")])
    if not items and page > 0:
        blocks.append([(None, tr(lang, "end"))])

    def cite(c: dict) -> Block:
        cited.append(c.get("passage_id") or "")
        return [(None, f"«{short_quote(c.get('quote') or c.get('text') or '', quote_limit)}»\n"),
                ("i", f"[{len(cited)}] {citation_label(c, lang)}")]

    is_people = answer.get("kind") == "people" and answer.get("people")
    for n, item in enumerate(items, start=1):
        if is_people:
            org = item.get("current_organisation") or item.get("organisation")  # where they are now
            block: Block = [("b", f"{page * PAGE_SIZE['people'] + n}. {item.get('name') or ''}")]
            block.append((None, f", {org}" if org else ""))
            for c in (item.get("citations") or [])[:2]:
                block += [(None, "\n")] + cite(c)
        else:
            block = [("b", f"{page * PAGE_SIZE['passages'] + n}. ")] + cite(item)
        blocks.append(block)
    return blocks, cited


def render_page(answer: dict, page: int = 0) -> tuple[list[str], list[str], bool]:
    """(messages, cited passage ids, has_more). Pages after the first always fit one message."""
    _, more = page_items(answer, page)
    for limit in (300, 150, 60):
        blocks, cited = answer_blocks(answer, page, limit)
        msgs = split_messages(blocks)
        if len(msgs) == 1 or page == 0:
            break
    return msgs, cited, more


def passage_blocks(data: dict, lang: str = "no") -> list[Block]:
    """The full passage (as /passages/{id} returns it) and its neighbours in the agenda item."""
    p = data.get("passage") if isinstance(data.get("passage"), dict) else data
    pid = p.get("passage_id") or p.get("id")
    neigh = data.get("neighbours") or data.get("neighbors") or data.get("context") or []
    blocks: list[Block] = [[("b", f"{tr(lang, 'from')}: "), (None, citation_label(p, lang))]]
    ids = [n.get("passage_id") or n.get("id") for n in neigh]
    sequence = neigh if pid in ids else [p] + list(neigh)
    for n in sequence:
        mine = (n.get("passage_id") or n.get("id")) == pid
        who = speaker_text(n.get("speaker"), lang) or "—"
        head = [("b", f"▶ {who}")] if mine else [("i", who)]
        blocks.append(head + [(None, "\n" + (n.get("text") or "").strip())])
        if pid not in ids and mine and neigh:
            blocks.append([("b", tr(lang, "context"))])
    return blocks


# ---- splitting and escaping --------------------------------------------------------------

def _render(block: Block) -> str:
    out: list[str] = []
    for tag, text in _merge(block):
        out.append(f"<{tag}>{esc(text)}</{tag}>" if tag and text.strip() else esc(text))
    return "".join(out)


def _merge(block: Block) -> Block:
    merged: Block = []
    for tag, text in block:
        if merged and merged[-1][0] == tag:
            merged[-1] = (tag, merged[-1][1] + text)
        elif text:
            merged.append((tag, text))
    return merged


def _units(text: str, limit: int) -> list[str]:
    """Cut raw text at line, then word, then character boundaries into units that fit."""
    out: list[str] = []
    for line in re.findall(r"[^\n]*\n|[^\n]+", text):
        if tg_len(esc(line)) <= limit:
            out.append(line)
            continue
        for word in re.findall(r"\S+\s*|\s+", line):
            while tg_len(esc(word)) > limit:
                n = limit // 6  # worst case: every char becomes &amp; (5) or a surrogate pair
                out.append(word[:n])
                word = word[n:]
            out.append(word)
    return out


def _fit_block(block: Block, limit: int) -> list[Block]:
    if tg_len(_render(block)) <= limit:
        return [block]
    pieces: list[Block] = [[]]
    size, prev = 0, None
    budget = limit - 16  # room for one tag pair
    for tag, text in _merge(block):
        for unit in _units(text, budget):
            cost = tg_len(esc(unit)) + (len(f"<{tag}></{tag}>") if tag and tag != prev else 0)
            if pieces[-1] and size + cost > limit:
                pieces.append([])
                size, prev = 0, None
                cost = tg_len(esc(unit)) + (len(f"<{tag}></{tag}>") if tag else 0)
            pieces[-1].append((tag, unit))
            size, prev = size + cost, tag
    return [p for p in pieces if "".join(t for _, t in p).strip()]


def split_messages(blocks: list[Block], limit: int = LIMIT) -> list[str]:
    """Pack blocks into HTML messages of at most `limit` characters, escaping after splitting."""
    msgs: list[str] = []
    cur = ""
    for block in blocks:
        for piece in _fit_block(block, limit):
            h = _render(piece).strip()
            if not h:
                continue
            if cur and tg_len(cur) + 2 + tg_len(h) > limit:
                msgs.append(cur)
                cur = ""
            cur = f"{cur}\n\n{h}" if cur else h
    if cur:
        msgs.append(cur)
    return msgs


# ---- keyboards ---------------------------------------------------------------------------

def keyboard(source_data: list[str], more_data: str | None, lang: str = "no",
             first_data: str | None = None) -> InlineKeyboardMarkup | None:
    """'Vis kilde n' for each cited passage (three to a row), then '◀ Side 1' (on later pages) and 'Flere treff'."""
    buttons = [InlineKeyboardButton(f"{tr(lang, 'source')} {i}", callback_data=d)
               for i, d in enumerate(source_data, start=1) if d]
    rows = [buttons[i:i + 3] for i in range(0, len(buttons), 3)]
    nav = [InlineKeyboardButton(tr(lang, "first"), callback_data=first_data)] if first_data else []
    if more_data:
        nav.append(InlineKeyboardButton(f"{tr(lang, 'more')} ▶", callback_data=more_data))
    if nav:
        rows.append(nav)
    return InlineKeyboardMarkup(rows) if rows else None
