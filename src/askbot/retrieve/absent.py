"""Is the question's topic written anywhere in the archive? Lexical evidence for the relevance decision.

e5 scores cannot tell an in-domain topic the archive lacks ("hvem jobber med oppdrett av laks?") from
one it has: the nearest passages about fish farming's neighbours score as high as real answers. The
words can: when none of the question's topic words (content words; acronyms and names as written)
occurs anywhere in the minutes, not even as part of a compound or as another word for the same role
("direktør" / "daglig leder"), the archive does not discuss it in
the question's language. This is only evidence when most of the archive is in that language
(Norwegian and Danish read as one): an English question over Norwegian minutes shares no words with
its answers. Measured on our sets (same-language questions): the rule flags 14 of 26 unanswerable
seed questions and 3 of 31 in the samples, against 3 of 151 answerable ones, all three with a best
cosine ≥ 0.856; relevance.py combines it with that ceiling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

from askbot.index.lexical import STOPWORDS
from askbot.minutes.roles import ROLE_WORDS, normalise_role

from .language import ENGLISH, NORWEGIAN, detect_language

MIN_SHARE = 0.8  # the question's language must hold this share of the passages (else answers may be in another)
_FRAME = frozenset("""
jobber jobbar jobbet arbeider arbeidar arbejder driver sagt sa sagde ble blev vart vedtatt vedtok besluttet
bestemt bestemte nevnt nevnte snakket snakka diskutert drøftet tatt opp nettverket nettverkets møtet møter
working works worked work involved trying said says discussed decided decide mentioned talked raised network
network's meeting meetings anything something someone anyone about what when where which
""".split()) | STOPWORDS | NORWEGIAN | ENGLISH
_WORD = re.compile(r"[^\W\d_][\w-]*")
_PLAIN = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})


def plain(text: str) -> str:
    """Casefolded, æ/ø/å spelt out and accents dropped (C speed: the whole archive goes through it)."""
    text = unicodedata.normalize("NFD", text.casefold().translate(_PLAIN))
    return text.encode("ascii", "ignore").decode()


@lru_cache(maxsize=2)
def _stemmer(lang: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english" if lang == "en" else "norwegian")


class Vocabulary:
    """The archive's words (one plain string) and the share of its passages per language group."""

    def __init__(self, texts: list[str], languages: list[str]):
        self._text = plain("\n".join(texts))
        self._words = frozenset(re.findall(r"\w+", self._text))  # names and acronyms match whole words only
        n = max(len(languages), 1)
        en = sum(x == "en" for x in languages)
        self._share = {"en": en / n, "no": (len(languages) - en) / n}

    def topic_words(self, query: str) -> list[tuple[str, bool]]:
        """(word, written as a name or acronym) for the question's topic words."""
        out = []
        for i, m in enumerate(_WORD.finditer(query)):
            w = m.group()
            if w.isupper() and len(w) >= 2:
                out.append((w, True))
            elif len(w) >= 4 and w.casefold() not in _FRAME and (i > 0 or not w[0].isupper()):
                out.append((w, w[0].isupper()))
        return out

    def absent(self, query: str) -> bool:
        """True when the archive is mostly in the question's language and no topic word occurs in it."""
        lang = detect_language(query)
        words = self.topic_words(query)
        if not words or self._share[lang] < MIN_SHARE:
            return False
        for w, as_written in words:
            if as_written:
                if all(t in self._words for t in re.findall(r"\w+", plain(w))):  # "Ungt" is not in "tungt"
                    return False
                continue
            stem = plain(_stemmer(lang).stemWord(w.casefold()))
            if stem[:max(5, len(w) - 3)] in self._text:
                return False
            role = normalise_role(w)  # "direktør" is there when the minutes say "daglig leder"
            if role and any(plain(x) in self._text for x in ROLE_WORDS.get(role, ())):
                return False
        return True
