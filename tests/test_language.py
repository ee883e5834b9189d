"""The answer's language follows the question's function words, not the letters of names; every fixed
text exists in both languages; the summary counts strong matches, not k."""

from __future__ import annotations

import json

import pytest
from conftest import REPO

from askbot.retrieve import detect_language
from askbot.retrieve.answer import _text, strong_hits
from askbot.types import Hit, Passage


@pytest.mark.parametrize("q, lang", [
    ("who from Søndre Viken attended?", "en"), ("Hvem fra Søndre Viken deltok?", "no"),
    ("What has Øyvind Sätvedt said about Lillestrøm?", "en"), ("Hva sa Ingar om hydrogen?", "no"),
    ("Tell me about Bærum", "en"), ("Dag Aanensen", "no"), ("næringsfond", "no"),
    ("Hvad har Folkenetværket besluttet?", "no"), ("Do members have to bring their own padlocks?", "en"),
])
def test_function_words_outvote_names(q, lang):
    assert detect_language(q) == lang


def test_every_question_in_the_eval_sets_gets_its_language():
    wrong = []
    for f in sorted((REPO / "tests" / "eval").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if "question" in r and detect_language(r["question"]) != ("en" if r["lang"] == "en" else "no"):
                wrong.append(r["question"])
    assert not wrong, wrong


def _hit(i: int, sim: float) -> Hit:
    p = Passage(f"m.{i:03d}", "m", "1", "t", None, None, False, "x", 1, 1, "h")
    return Hit(p, 1.0 / (i + 1), i + 1, None, sim)


def test_summary_counts_strong_matches_not_k():
    hits = [_hit(0, 0.86), _hit(1, 0.84), _hit(2, 0.80), _hit(3, 0.79), _hit(4, 0.78)]
    assert len(strong_hits(hits)) == 2
    assert _text("no", "passages", 2) == "2 avsnitt fra referatene svarer godt på dette."
    assert _text("en", "passages", 1) == "1 passage from the minutes answers this well."
    assert _text("en", "passages", 2) == "2 passages from the minutes answer this well."


def test_fixed_texts_in_both_languages():
    from askbot.retrieve import namedtext as t

    for make in (lambda lang: t.said_about(lang, "Ingar Vaskinn", 2), lambda lang: t.not_raised(lang, "Ingar"),
                 lambda lang: t.raised_nothing(lang, "Ingar"), lambda lang: t.org_people(lang, "Asker", ()),
                 lambda lang: _text(lang, "none", 0)):
        no, en = make("no"), make("en")
        assert no and en and no != en and detect_language(no) == "no" and detect_language(en) == "en", (no, en)
