"""Pure rendering: citations, escaping, pages, keyboards, and splitting under Telegram's limits."""

from __future__ import annotations

import re

import pytest
from fake_telegram import ApiError, parse_html, u16

from bot import render
from bot.access import Access, RateLimit, Refusals, guess_lang, parse_ids


def cit(pid="m.001", quote="Ønsker å engasjere alle som jobber med bærekraftig transport.", **speaker):
    return {"passage_id": pid, "quote": quote, "score": 0.9, "source_path": "x.txt", "line_start": 3,
            "meeting": {"id": "m", "date": "2022-01-14", "title": "Referat"},
            "agenda_item": {"number": "3", "title": "Runden rundt bordet (max 3 min. per pers)"},
            "speaker": {"label": "Harriet fra Ringeriksregionen", "name": "Harriet Slaaen",
                        "organisation": "Ringerikekommune", "ambiguous": False, **speaker}}


def test_citation_label_has_date_item_and_speaker():
    assert render.citation_label(cit()) == \
        "14.01.2022, sak 3 Runden rundt bordet, Harriet Slaaen (Ringerikekommune)"
    assert render.citation_label(cit(), "en").startswith("14.01.2022, item 3 Runden rundt bordet")
    amb = render.citation_label(cit(name=None, ambiguous=True, label="Eva"))
    assert "Eva (usikker)" in amb


def test_people_answer_escapes_and_cites():
    ans = {"query": "q", "language": "no", "kind": "people", "text": "Disse <jobber> med det & mer:",
           "people": [{"id": "a", "name": "A & B <Co>", "organisation": "Org \"1\"", "score": 1,
                       "citations": [cit(quote="Bruker <b>fet</b> & mer")]}], "hits": [cit()]}
    msgs, cited, more = render.render_page(ans)
    assert len(msgs) == 1 and cited == ["m.001"] and not more
    visible = parse_html(msgs[0])
    assert "A & B <Co>, Org \"1\"" in visible
    assert "«Bruker <b>fet</b> & mer»" in visible
    assert "[1] 14.01.2022, sak 3 Runden rundt bordet, Harriet Slaaen (Ringerikekommune)" in visible


def test_pages_and_keyboard():
    hits = [cit(pid=f"meeting-with-a-long-name-2024-03-05.{i:03d}") for i in range(10)]
    ans = {"query": "hva", "language": "no", "kind": "passages", "text": "Treff:", "people": [], "hits": hits}
    msgs, cited, more = render.render_page(ans, 0)
    assert len(cited) == 4 and more
    _, cited2, more2 = render.render_page(ans, 2)
    assert len(cited2) == 2 and not more2
    kb = render.keyboard([f"s:{p}" for p in cited], "m:1:1", "no").to_dict()["inline_keyboard"]
    assert [b["text"] for b in kb[0]] == ["Vis kilde 1", "Vis kilde 2", "Vis kilde 3"]
    assert kb[-1][0]["text"].startswith("Flere treff")
    assert all(len(b["callback_data"].encode()) <= 64 for row in kb for b in row)


def test_none_answer_has_text_and_no_buttons():
    ans = {"query": "x", "language": "en", "kind": "none", "text": "", "people": [], "hits": []}
    msgs, cited, more = render.render_page(ans)
    assert parse_html(msgs[0]) == render.tr("en", "none") and cited == [] and not more


@pytest.mark.parametrize("unit", ["a & b < c > d ", "æøå 😀 ", "x" * 5000, "&" * 3000 + "\n"],
                         ids=["markup-chars", "surrogate-pairs", "one-long-word", "ampersand-lines"])
def test_split_keeps_every_message_valid(unit):
    text = unit * (20000 // len(unit) + 1)
    blocks = [[("b", "Tittel & <sak>")], [("i", "Taler"), (None, "\n" + text)], [(None, "slutt")]]
    msgs = render.split_messages(blocks)
    assert len(msgs) > 1
    seen = []
    for m in msgs:
        visible = parse_html(m)  # raises on a cut entity or tag
        assert 0 < u16(visible) <= 4096 and u16(m) <= 4096
        seen.append(visible)
    joined = re.sub(r"\s+", "", "".join(seen))
    assert joined == re.sub(r"\s+", "", "Tittel & <sak>Taler" + text + "slutt")


def test_split_prefers_paragraph_boundaries():
    paras = [[(None, f"Avsnitt {i}: " + "ord " * 150)] for i in range(30)]
    msgs = render.split_messages(paras)
    assert len(msgs) > 1
    for m in msgs:
        assert m.startswith("Avsnitt") and m.rstrip().endswith("ord")


def test_passage_view_marks_the_cited_passage():
    p = {"passage_id": "m.002", "text": "Min tekst", "meeting": {"date": "2022-01-14"},
         "agenda_item": {"number": "3", "title": "Runden"}, "speaker": {"name": "B", "organisation": "Y"}}
    n1 = {**p, "passage_id": "m.001", "text": "Før", "speaker": {"name": "A"}}
    msgs = render.split_messages(render.passage_blocks({"passage": p, "neighbours": [n1, p]}))
    text = parse_html(msgs[0])
    assert text.index("A\nFør") < text.index("▶ B (Y)\nMin tekst")


def test_fake_rejects_bad_html():
    for bad in ["<b>x", "a < b", "x & y", "<foo>x</foo>", "<b><i>x</b></i>"]:
        with pytest.raises(ApiError):
            parse_html(bad)
    assert parse_html("<b>a</b> &lt;&amp;&gt; <a href=\"https://x\">l</a>") == "a <&> l"


def test_access_and_limits():
    assert parse_ids(" 1, -100 ,") == {1, -100}
    with pytest.raises(ValueError):
        parse_ids("abc")
    a = Access(frozenset({1, -100}), frozenset({9}))
    assert a.permits(1, 1, True) and a.permits(9, 9, True) and not a.permits(2, 2, True)
    assert a.permits(2, -100, False) and not a.permits(2, -200, False)
    r = RateLimit(2, 10)
    assert r.check(1, 0) == 0 and r.check(1, 1) == 0 and r.check(1, 2) == 8 and r.check(1, 10.5) == 0
    f = Refusals(quiet_for=100)
    assert f.first(5, 0) and not f.first(5, 50) and f.first(5, 101)
    assert guess_lang("Who works on hydrogen?") == "en"
    assert guess_lang("Hvem jobber med hydrogen?", "en") == "no"
    assert guess_lang("", "en-GB") == "en" and guess_lang(None, None) == "no"
