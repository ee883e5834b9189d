"""Questions about someone the archive has never heard of ("Hva sa Sigrid Lunde om hydrogen?").

Retrieval would answer with other people's passages on the topic, as if the name were a topic word.
When the question asks what a named person said or is ("what did X say", "hva mente X", "who is X")
and a word of that name is written nowhere in the minutes (not as a speaker, attendee or in the text),
the honest answer is that the person is not in the minutes, with the closest passages labelled as such.
Only full names (two or more capitalised words) count: a single capitalised word may be a topic.
"""

from __future__ import annotations

import re
from dataclasses import replace

from askbot.index.lexical import tokenize
from askbot.types import Answer

from .answer import cite
from .language import detect_language
from .named import WORD
from .roleanswer import CLOSEST_EN, CLOSEST_NO

_NAME = r"[A-ZÆØÅ][\w-]+(?:\s+(?:von|van|de|av|af)?\s*[A-ZÆØÅ][\w-]+)+"
_ASKS = re.compile(
    rf"\b(?i:hva|hvad|kva|what)\s+(?i:sa|sagde|sagt|mente|meinte|meiner|mener|synes|syntes|tenker|did|does|has|have|"
    rf"har|hadde|havde|had)\s+(?P<a>{_NAME})(?=\W|$)"
    rf"|\b(?i:who\s+is|who\s+was|hvem\s+er|hvem\s+var|kven\s+er|kven\s+var)\s+(?P<b>{_NAME})(?=\W|$)"
    rf"|\b(?P<c>{_NAME})['’]s\s+(?i:view|views|opinion|position|proposal|comments?)\b"
)


class KnownWords:
    """The build's words (its Vocabulary, from the BM25 index) plus its people's names, as tokens."""

    def __init__(self, vocabulary, people=()):
        self._vocabulary = vocabulary
        self._names = frozenset(t for p in people
                                for t in tokenize(f"{p.name} {' '.join(p.aliases)} {p.organisation or ''}"))

    def knows(self, word: str) -> bool:
        """Is `word` written anywhere in the build (as the lexical index tokenizes it)?"""
        toks = tokenize(word)
        return bool(toks) and all(t in self._names or self._vocabulary.has(t) for t in toks)

    def unknown_person(self, query: str, named=None) -> str | None:
        """The full name the question asks about, when the minutes never write it; else None.
        `named` (named.py's match): a registry name found in the question. It settles who is asked
        unless the question writes a longer name around it ("Anne Kristine Feltman" is not "Anne …"):
        then the name's other words decide."""
        m = _ASKS.search(query)
        if not m:
            return None
        name = m["a"] or m["b"] or m["c"]
        toks = [t for t in WORD.findall(name) if t[0].isupper()]
        if named is not None:
            inner = WORD.findall(named.word or "")
            own = {t for p in named.people for t in WORD.findall(f"{p.name} {' '.join(p.aliases)}")}
            if not inner or len(inner) >= len(toks) or named.word not in name or own & (set(toks) - set(inner)):
                return None  # the registry's person ("Dag Kristian Aanensen" is Dag Aanensen)
            toks = [t for t in toks if t not in inner]
        return name if any(not self.knows(t) for t in toks) else None


def _not_written(lang: str, name: str) -> str:
    return (f"{name} er ikke nevnt i referatene. {CLOSEST_NO}"
            if lang == "no" else
            f"{name} does not appear in the minutes. {CLOSEST_EN}")


def not_in_minutes(query: str, name: str, hits, k: int, cat) -> Answer:
    """The answer for a person the minutes never name: plainly so, with the closest passages."""
    lang = detect_language(query)
    return Answer(query, lang, "none", (), tuple(cite(h, query, cat) for h in hits[:k]), _not_written(lang, name))


def unwritten(answer: Answer, name: str | None) -> Answer:
    """A "none" answer to a question naming something the minutes never write (absent.missing_name)
    says which: "Oslofjorden er ikke nevnt i referatene." rather than only "nobody has raised this"."""
    return replace(answer, text=_not_written(answer.language, name)) if name and answer.kind == "none" else answer
