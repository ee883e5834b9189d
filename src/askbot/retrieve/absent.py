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

A name is evidence in any language ("Kvitsøy", "Sedgwick", "Horisont Europa" are written so in every
minutes): when the question names a place, body or person (a capitalised word past the first, or an
acronym) that the archive never writes — not in a passage, a meeting's file name, body or title, or its
people and organisations — it asks about something the minutes do not hold. An English question's
capitalised ordinary word ("University", "Agriculture", "UN": English word frequency ≥ COMMON_ZIPF by
the `wordfreq` lists) may be translated in Norwegian or Danish minutes, so it is not a name here; nor
is a compound with a common-noun part ("EU-penger"). With relevance.py's ceiling this takes no-answer
questions answered "none" from 2/59 to 9/59 on the samples (seed 32/50 → 33/50), answerable ones
wrongly "none" unchanged (2/246, 1/88); without the ceiling, one more seed question would be lost.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
_LETTERS = re.compile(r"[^\W\d_]+")
COMMON_ZIPF = 3.5  # English words this frequent (wordfreq's Zipf scale; "agriculture" 4.4, "sedgwick" 2.8)
_SPELL = (str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}), str.maketrans({"æ": "e", "ø": "o", "å": "a"}))


@lru_cache(maxsize=4096)
def common_english(word: str) -> bool:
    """Is `word` an ordinary English word (wordfreq's small list; imported on first use: 0.3 s once)?"""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.casefold(), "en", wordlist="small") >= COMMON_ZIPF


def name_parts(word: str, english: bool) -> list[str]:
    """The capitalised parts of a name-like word ("Midt-Troms": Midt, Troms), less ordinary English words
    when the question is English (the minutes may have translated them)."""
    return [p for p in word.split("-") if p[:1].isupper() and not (english and common_english(p))]


def spellings(word: str) -> set[str]:
    """The word and its ASCII spellings ("Folkenetværket" is "folkenetvaerket" in a file name)."""
    w = word.casefold()
    return {w, *(w.translate(t) for t in _SPELL)}


def build_words(meetings, people) -> list[str]:
    """Words a build writes outside its passages: meeting ids (file names), bodies, titles; people."""
    texts = [f"{m.id} {m.body} {m.title}" for m in meetings]
    texts += [f"{p.name} {' '.join(p.aliases)} {p.organisation or ''}" for p in people]
    return sorted({t for x in texts for w in _LETTERS.findall(x) for s in spellings(w) for t in tokenize(s)})


def _whole_name(query: str, word: str) -> str:
    """`word` with the capitalised words next to it in the question (not its first word)."""
    words = list(_WORD.finditer(query))
    i = next(n for n, m in enumerate(words) if m.group() == word)
    a = b = i
    while a > 1 and words[a - 1].group()[0].isupper():
        a -= 1
    while b + 1 < len(words) and words[b + 1].group()[0].isupper():
        b += 1
    return query[words[a].start():words[b].end()]


class Vocabulary:
    """The archive's tokens and the share of its passages per language group."""

    def __init__(self, tokens: list[str], languages: list[str], names: list[str] = ()):
        self._set = frozenset(tokens)
        self._joined = "\n".join(tokens)  # one string: a substring look-up finds a word inside a compound
        self._names = frozenset(names)  # build_words(): file names, bodies, titles, people
        self._name_starts = f"\n{self._joined}\n" + "\n".join(names)  # for "\n" + a name's start
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

    def _written(self, name: str) -> bool:
        """Is the name written in the build: each token whole, or (8+ letters) a token that starts with
        all but its last three letters ("Folkenetværkets" / "Folkenetværket")?"""
        for spelling in spellings(name):
            toks = tokenize(spelling)
            if toks and all(t in self._set or t in self._names
                            or (len(t) >= 8 and f"\n{t[:-3]}" in self._name_starts) for t in toks):
                return True
        return False

    def missing_name(self, query: str) -> str | None:
        """The first name or acronym the question writes and the build never does, as the question
        writes it with its neighbouring capitalised words ("Horisont Europa", "Bergeland VGS"), else None."""
        english = detect_language(query) == "en"
        for word, as_written in self.topic_words(query):
            parts = word.split("-")
            if not as_written or not all(p[:1].isupper() for p in parts if p):
                continue  # "EU-penger" is a common noun ("EU money"), perhaps paraphrased; "Midt-Troms" a name
            for part in name_parts(word, english):
                if tokenize(part) and not self._written(part):
                    return _whole_name(query, word)
        return None

    def absent(self, query: str) -> bool:
        """True when the question names something the build never writes (missing_name), or when the
        archive is mostly in the question's language and no topic word occurs in it (topic_absent)."""
        return bool(self.missing_name(query)) or self.topic_absent(query)

    def topic_absent(self, query: str) -> bool:
        """absent() without missing_name: for a caller that has computed missing_name already."""
        words = self.topic_words(query)
        if not words or self._share[detect_language(query)] < MIN_SHARE:
            return False
        return not any(self._present(w, as_written) for w, as_written in words)
