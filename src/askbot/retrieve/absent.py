"""Is the question's topic written anywhere in the archive? Lexical evidence for the relevance decision.

e5 scores cannot tell an in-domain topic the archive lacks ("hvem jobber med oppdrett av laks?") from
one it has: the nearest passages about fish farming's neighbours score as high as real answers. The
words can: when none of the question's topic words (content words; acronyms and names as written)
occurs in the minutes, not even inside a compound or as another word for the same role
("direktør" / "daglig leder"), the archive does not discuss it in the question's language. This is
only evidence when most of the archive is in that language (Norwegian and Danish read as one): an
English question over Norwegian minutes shares no words with its answers. The words are the BM25
index's own tokens (index/lexical.py), so nothing is re-read at start-up. Measured on our sets
(same-language questions): the rule flags 14 of 26 unanswerable seed questions and 3 of 31 in the
samples, against 3 of 151 answerable ones, all three with a best cosine ≥ 0.856; relevance.py
combines it with that ceiling.
"""

from __future__ import annotations

import re

from askbot.index.lexical import tokenize
from askbot.minutes.roles import ROLE_WORDS, normalise_role

from .language import ENGLISH, NORWEGIAN, detect_language

MIN_SHARE = 0.8  # the question's language must hold this share of the passages (else answers may be in another)
_FRAME = frozenset("""
jobber jobbar jobbet arbeider arbeidar arbejder driver sagt sa sagde ble blev vart vedtatt vedtok besluttet
bestemt bestemte nevnt nevnte snakket snakka diskutert drøftet tatt opp nettverket nettverkets møtet møter
working works worked work involved trying said says discussed decided decide mentioned talked raised network
network's meeting meetings anything something someone anyone about what when where which
""".split()) | NORWEGIAN | ENGLISH
_WORD = re.compile(r"[^\W\d_][\w-]*")


class Vocabulary:
    """The archive's tokens and the share of its passages per language group."""

    def __init__(self, tokens: list[str], languages: list[str]):
        self._set = frozenset(tokens)
        self._joined = "\n".join(tokens)  # one string: a substring look-up finds a word inside a compound
        n = max(len(languages), 1)
        en = sum(x == "en" for x in languages)
        self._share = {"en": en / n, "no": (len(languages) - en) / n}

    def has(self, token: str) -> bool:
        return token in self._set

    def inside(self, part: str) -> bool:
        """Is `part` in some token (its start, or inside a compound: "pendling" in "innpendling")?"""
        return part in self._joined

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

    def _present(self, word: str, as_written: bool) -> bool:
        toks = tokenize(word)
        if not toks:
            return True  # a stop word: no evidence either way
        if as_written:  # names and acronyms: whole tokens ("Ungt" is not in "tungt")
            return all(self.has(t) for t in toks)
        if any(self.inside(t[:max(5, len(word) - 3)]) for t in toks):
            return True
        role = normalise_role(word)  # "direktør" is there when the minutes say "daglig leder"
        return bool(role) and any(all(self.has(t) for t in tokenize(x)) for x in ROLE_WORDS.get(role, ()))

    def absent(self, query: str) -> bool:
        """True when the archive is mostly in the question's language and no topic word occurs in it."""
        words = self.topic_words(query)
        if not words or self._share[detect_language(query)] < MIN_SHARE:
            return False
        return not any(self._present(w, as_written) for w, as_written in words)
