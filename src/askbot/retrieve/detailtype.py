"""A question that asks for a detail of something it names, when no passage about it holds one: "none".

"Hvor mye fikk <prosjekt> innvilget?", "What hourly rate was agreed with <firm>?", "Hvornår holder <forening>
generalforsamling?": the archive writes the name (so absent.py lets it through) and the dense side finds
its passages, but the minutes never give the amount or the date. The asked kind comes from the
question's leading interrogative (asktype.asked_detail: an amount, a sum of money, a date or time). The
answer is "none", with the closest passages labelled as not an answer, when none of the DETAIL_HITS best
hits both holds something of that kind (a number; for money a sum with a currency or a number of three
or more digits, not a year; a date, clock time, weekday, month, season or "6 dager før") and names
everything the question names (a capitalised word past the first, an acronym, "4B"; an ordinary English
word such as "Council" is no name, as in absent.py) in its text, item title, speaker, people or meeting
(file name, body, title). A question that names nothing is left as it is: numbers and dates are in most
passages, so the kind alone does not separate (measured: 16 of 22 typed no-answer questions have one in
the top 3 hits, as have 43 of 48 answerable; in the top 10, 22 of 22 and 45 of 48). A "when" question in the past tense ("Når ble …
vedtatt?") is left too: the meeting's own date may be its answer; so is a count of who attended (the
roster's length).

Measured on tests/eval (DETAIL_HITS chosen on the samples: 5 / 10 / 20 hits turn 7 / 6 / 5 no-answer
questions "none", each with the same one answerable; the answerable ones' first such hit ranks 1–3, so 10
leaves room). Samples: no-answer said "none" 10/59 → 16/59, answerable wrongly "none" 2/246 → 3/246
(sa-03-q03, whose answer passage is not among the 20 best hits). Seed: 33/50 and 1/88 unchanged (its
typed no-answer questions name nothing but common English words, or are "none" already). Also measured
and not used: a who-question whose evidence names nobody (no no-answer question of either set ends
there, all get people; 7 answerable ones do); the kind anywhere in a named hit's agenda item (3 fewer
no-answer questions "none", the one answerable kept); when only the meeting names it, a topic word of
the question in the passage too (+1 no-answer, +1 answerable lost: "Norske kadaverhunder" is a name
whose second word is lower-case, so a topic word).
"""

from __future__ import annotations

import re
from dataclasses import replace

from askbot.types import Answer, Hit

from .absent import name_parts, spellings
from .asktype import AMOUNT, MONEY, TIME, asked_detail, has_kind, strength
from .language import detect_language
from .relevance import asks_attendance
from .roleanswer import CLOSEST_EN, CLOSEST_NO
from .whoq import is_who_question

DETAIL_HITS = 10
_DURATION = re.compile(r"(?i)\b\d+\s*(?:dager|dage|dagar|days?|uker|uger|veker|weeks?|måneder|månader|months?|timer|"
                       r"hours?|år|years?)\b")
_BIG = re.compile(r"(?<![\d.,/-])(?!(?:19|20)\d\d(?!\d))(?:\d{1,3}(?:[ .]\d{3})+|\d{3,})(?![\d])")
_FEW = re.compile(r"(?i)\b(?:to|two|ett|eitt|én|one|both|begge|dusin|halvparten|half|twice)\b")  # asktype counts from three
_PAST = re.compile(r"(?i)\b(?:ble|blei|blev|vart|var|hadde|havde|was|were|did|had)\b")
_DIGITNAME = re.compile(r"(?<![\w-])\d+[^\W\d_]\w*")  # "4B", "2B Consulting"
_TEXTS = {
    "no": {MONEY: "noe beløp", TIME: "noen dato eller tid", AMOUNT: "noe tall eller beløp"},
    "en": {MONEY: "amount of money", TIME: "date or time", AMOUNT: "number or amount"},
}


def holds_kind(text: str, kind: str) -> bool:
    """Does `text` hold a detail of `kind`: asktype.has_kind, and "to", "both" for AMOUNT, a sum of money
    or a number of three digits or more for MONEY, a duration ("6 dager før") for TIME?"""
    if kind == MONEY:
        return strength(text, MONEY) == 2 or bool(_BIG.search(text))
    return has_kind(text, kind) or bool((_DURATION if kind == TIME else _FEW).search(text))


def asked_names(query: str, vocabulary) -> list[str]:
    """The names the question writes: capitalised parts of its name-like topic words (absent.Vocabulary),
    in an English question not ordinary English words; and digit-led names ("4B")."""
    english = detect_language(query) == "en"
    out = [part for word, named in vocabulary.topic_words(query) if named for part in name_parts(word, english)]
    return list(dict.fromkeys(out + _DIGITNAME.findall(query)))


def _folded(text: str) -> set[str]:
    """The text lower-cased, each run of non-letters one space, led by a space; also with æøå spelt in ASCII."""
    return spellings(" " + re.sub(r"[\W_]+", " ", text.casefold()))


def _holds_name(name: str, texts: set[str]) -> bool:
    """Is `name` the start of a word in one of the folded texts ("Toastjærns", "toastjaern")?"""
    return any(n in t for n in _folded(name) for t in texts)


def missing_detail(query: str, hits: list[Hit], vocabulary, meetings, people=None) -> str | None:
    """The kind asked for when no hit of the first DETAIL_HITS both holds one and names what the question
    names; else None (also when the question asks for no kind, names nothing, or asks "when" in the past)."""
    kind = None if is_who_question(query) else asked_detail(query)
    if kind is None or (kind == TIME and _PAST.search(query)) or (kind != TIME and asks_attendance(query)):
        return None  # "Når ble … vedtatt?": the meeting's date; "Hvor mange møtte?": the roster's length
    names = asked_names(query, vocabulary)
    if not names:
        return None
    for h in hits[:DETAIL_HITS]:
        p = h.passage
        if not holds_kind(p.text, kind):
            continue
        m = meetings.get(p.meeting_id)
        who = " ".join(people[i].name for i in (p.person_id, *p.people_ids) if people and i in people)
        where = f"{p.text} {p.agenda_title} {p.speaker_label or ''} {p.organisation or ''} {who} " + (
            f"{m.id} {m.body} {m.title}" if m else p.meeting_id)
        texts = _folded(where)
        if all(_holds_name(n, texts) for n in names):
            return None
    return kind


def detail_answer(engine, query: str, qv, filters, answer: Answer) -> Answer:
    """`answer`, or "none" when the question asks for a detail no passage about what it names holds:
    "Jeg fant ikke noe beløp for dette i referatene." with the closest passages, labelled."""
    if answer.kind == "none" or asked_detail(query) is None:
        return answer
    hits = engine.searcher.search(query, DETAIL_HITS, filters, query_vec=qv)
    kind = missing_detail(query, hits, engine.vocabulary, engine.catalogue.meetings, engine.catalogue.people)
    if kind is None:
        return answer
    lang = answer.language if answer.language in _TEXTS else "no"
    what = _TEXTS[lang][kind]
    text = (f"Jeg fant ikke {what} for dette i referatene. {CLOSEST_NO}" if lang == "no"
            else f"I found no {what} for this in the minutes. {CLOSEST_EN}")
    return replace(answer, kind="none", people=(), text=text)
