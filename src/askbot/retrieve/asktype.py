"""What kind of answer a question asks for, and whether a piece of text has that kind.

"Hvor mange bedrifter …?", "How much money …?", "Hvor meget …?" ask for an amount; "Når …?", "When …?",
"Hvornår …?", "What is the deadline …?" ask for a time. A quote chosen inside a long segment prefers the
sentence holding a number (an amount) or a date or clock time (a time) for such questions: the words
of an English question rarely occur in a Norwegian or Danish sentence, but "12", "30 mill." and
"25. februar" do. Other questions ask for nothing in particular (None). `asked_detail` reads the kind more strictly, from the
question's leading interrogative, for detailtype.py's check that some passage holds one.
"""

from __future__ import annotations

import re

AMOUNT, MONEY, TIME = "amount", "money", "time"

_ASKS = (
    (AMOUNT, re.compile(r"(?i)\b(?:hvor|how)\s+(?:mange|mye|meget|many|much|stor[te]?|large|big|høy[te]?|dyr[te]?|"
                        r"lang[te]?|lenge|long|mye\s+penger|much\s+money)\b"
                        r"|\b(?:hvilket|hvilken|which|what|hvad|hva)\s+(?:beløp|beløb|sum|amount|number|antall|antal|"
                        r"pris|price|cost|budsjett|budget)\b|\b(?:koster|cost|costs|charge|charges)\b")),
    (TIME, re.compile(r"(?i)\b(?:når|when|hvornår|naar)\b|\b(?:hvilken|hvilket|which|what|hvad|hva)\s+"
                      r"(?:dato|date|dag|day|år|year|måned|month|uke|week|tid|time|tidspunkt|frist|deadline)\b"
                      r"|\b(?:frist|fristen|deadline|ansøgningsfrist\w*|søknadsfrist\w*)\b")),
)
_MONEY_ASK = re.compile(r"(?i)\b(?:penger|pengar|penge|money|kroner|kr|nok|budsjett\w*|budget\w*|koster?|cost\w*|charge\w*|"
                        r"pris\w*|price\w*|beløp\w*|beløb\w*|amount|sum|fee\w*|betale\w*|pay\w*|støtte|tilskudd\w*|"
                        r"tilskud\w*|midler|grant\w*|funding|funds?|pot|potten|puljen)\b")
_NUMBER_WORDS = (r"tre|fire|fem|seks|sju|syv|åtte|otte|ni|ti|elleve|tolv|tjue|tyve|hundre|hundrede|tusen|tusind|"
                 r"million|millioner|mill|mio|mrd|milliard|milliarder|prosent|procent|"
                 r"three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|hundred|thousand|"
                 r"millions?|billions?|percent|dozen")
_AMOUNT = re.compile(rf"(?<![\d/-])(?!(?:19|20)\d\d(?!\d|[.,]\d))\d|(?i:\b(?:{_NUMBER_WORDS})\b)|[%$£€]|(?i:\bkr\b)")  # not a year
_CURRENCY = re.compile(r"(?i)(?:\b(?:kr|nok|dkk|sek|eur|usd|gbp)\.?\s*\d|[$£€]\s*\d|\d[\d .,]*\s*(?:,-|kr\b|kroner|nok\b|"
                       r"dkk\b|mill\b|mill\.|millioner|mio\b|mio\.|mrd\b|milliard\w*|euro\w*|dollars?|pounds?|[$£€]))")
_MONTHS = (r"januar|january|februar|february|mars|marts|march|april|mai|maj|may|juni|june|juli|july|august|"
           r"september|oktober|october|november|desember|december|jan|feb|apr|jun|jul|aug|sep|sept|okt|oct|"
           r"nov|des|dec")
_DAYS = (r"mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|monday|tuesday|wednesday|thursday|friday|"
         r"saturday|sunday|uke|week|kvartal|quarter|høst|høsten|vår|våren|sommer|sommeren|autumn|spring|summer|"
         r"jul|jula|julen|christmas|efterår|foråret|neste\s+møte|next\s+meeting")
_TIME = re.compile(rf"(?i)\b\d{{1,2}}\.\s*(?:{_MONTHS})\b|\b(?:{_MONTHS})\s+\d{{1,4}}\b|\b\d{{1,2}}\s+(?:{_MONTHS})\b"
                   rf"|\b\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?\b|\b(?:19|20)\d\d\b|\bkl\.?\s*\d|\b\d{{1,2}}[:.]\d\d\b"
                   rf"|\b(?:{_DAYS})\b")


def asks_for(question: str) -> str | None:
    """AMOUNT (MONEY when it asks how much money), TIME or None: the first kind the question asks for."""
    for kind, pattern in _ASKS:
        if pattern.search(question):
            return MONEY if kind == AMOUNT and _MONEY_ASK.search(question) else kind
    return None


def strength(text: str, kind: str | None) -> int:
    """How well `text` holds an answer of that kind: for MONEY 2 for a sum of money, 1 for another number;
    else 1 when it has the kind, 0 when not."""
    if kind == MONEY:
        return 2 if _CURRENCY.search(text) else int(has_kind(text, AMOUNT))
    return int(has_kind(text, kind))


def has_kind(text: str, kind: str | None) -> bool:
    """Does `text` hold an answer of that kind (a number for AMOUNT and for MONEY, which `strength` ranks
    a sum of money above; a date or time for TIME)?"""
    if kind == MONEY:
        return bool(_CURRENCY.search(text)) or has_kind(text, AMOUNT)
    if kind == AMOUNT:
        return bool(_AMOUNT.search(text))
    if kind == TIME:
        return bool(_TIME.search(text))
    return False


_LEAD = re.compile(r"(?i)\b(?:hvem|kven|who|whom|whose|hvor|how|når|naar|hvornår|when|where|hva|hvad|kva|what|hvilken|"
                   r"hvilket|hvilke|which|hvorfor|why|er|var|blir|ble|blev|is|are|was|were|did|does|do|will|can|kan|har|has)\b")
_DETAIL_NOUN = (
    (MONEY, re.compile(r"(?i)^(?:salary|salaries|wages?|fees?|rates?|prices?|costs?|budget|lønn\w*|løn|lønnen|honorar\w*|"
                       r"kontingent\w*|pris|prisen|timepris\w*|timesats\w*|beløp\w*|beløb\w*|avgift\w*|afgift\w*|"
                       r"gebyr\w*|koster|kostar|cost|charges?)$")),
    (TIME, re.compile(r"(?i)^(?:dato|datoen|date|day|dag|dagen|year|år|året|month|måned|måneden|tid|tidspunkt\w*|time|"
                      r"frist|fristen|deadline|week|uke|uge)$")),
    (AMOUNT, re.compile(r"(?i)^(?:number|antall|antal|andel|share|proportion|percentage|prosent\w*|procent\w*)$")),
)
_STOP = re.compile(r"(?i)^(?:ble|blev|vart|was|were|did|has|have|har|hadde|havde|had|vedtatt|vedtok|besluttet|"
                   r"besluttede|bestemt|sagt|sa|sagde|diskutert|drøftet|decided|said|discussed|agreed|about|om)$")


def asked_detail(question: str) -> str | None:
    """The kind the question's leading interrogative asks for: "Hvor mye …", "How many …", "Hvornår …",
    "What salary …", "Hvilken dato …", "Hva koster …" (MONEY, AMOUNT, TIME); None for a who-question, a yes/no
    question ("Blir … når …?") and "what was decided about the fee" (the noun follows the verb)."""
    m = _LEAD.search(question)
    if not m:
        return None
    lead, rest = m.group().casefold(), question[m.end():]
    if lead in ("hvor", "how"):
        kind = asks_for(question[m.start():])
        return kind if kind in (AMOUNT, MONEY) and re.match(r"(?i)\s+(?:mange|mye|meget|many|much|stor\w*|large|big|"
                                                              r"høy\w*|long|lang\w*|lenge|dyr\w*)\b", rest) else None
    if lead in ("når", "naar", "hvornår", "when") or (lead == "where" and re.match(r"(?i)\s+and\s+when\b", rest)):
        return TIME
    if lead not in ("hva", "hvad", "kva", "what", "hvilken", "hvilket", "hvilke", "which"):
        return None
    for word in re.findall(r"[^\W\d_]+", rest)[:5]:
        if _STOP.match(word):
            return None
        for kind, noun in _DETAIL_NOUN:
            if noun.match(word):
                return kind
    return None
