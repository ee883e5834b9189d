"""Questions that name someone in the archive's registry: a person (full name, an unambiguous first name
or surname, an alias) or an organisation ("fra/from X", or the organisation alone).

"Hva sa Ingar om hydrogen?" is Ingar's passages ranked by the question; a bare name ("Dag Aanensen",
"Hva jobber Gina Finsrud med?") is what that person has raised, meeting by meeting; a first name two
people share asks which one is meant, showing both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from rapidfuzz import fuzz, process

from askbot.types import Answer, Citation, Filters, Hit, Passage, Person, PersonAnswer

from . import namedtext as texts
from .answer import cite, is_good_match, strong_hits
from .language import ENGLISH, NORWEGIAN, detect_language
from .whoq import is_who_question


def fold(text: str) -> str:
    """For matching names: casefolded, accents and Nordic letters plain ("Håltøm" ~ "haltom")."""
    text = text.casefold().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


MAX_LISTED = 20  # passages listed for a bare name
FUZZY_NAME = 90  # rapidfuzz ratio for a full name written slightly differently ("Dag Aanesen")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
_FROM = frozenset({"fra", "frå", "from", "av", "by"})  # "who from Søndre Viken …", "hvem fra Asker …"
_GENERIC_ORG = frozenset("kommune kommunes utvikling naeringsutvikling sekretariatet council parish "
                         "town city county district as asa ltd the og and".split())
# Words that ask about a person without being a topic: "hva jobber X med", "what has X raised".
_ASKING = frozenset("""
sa sagt sier snakket snakka nevnt nevnte nemnt tatt tok opp tar jobber jobbet arbeider driver gjort gjør
mener meint ment fortalt fortalte sagt legge lagt fram frem holder holdt på om
say said says talk talked talking mention mentioned raise raised raising work works working worked do does
done doing think thinks thought about up on tell me everything anything something all
""".split()) | NORWEGIAN | ENGLISH
_ASKING = _ASKING | {fold(w) for w in _ASKING}


@dataclass(frozen=True)
class Named:
    """Who a question names: one person, several (an ambiguous first name), or an organisation."""

    people: tuple[Person, ...] = ()
    organisation: str | None = None
    topic: str = ""  # the question's words other than the name and asking words ("" = a bare name)
    word: str = ""  # the name as written in the question

    @property
    def ambiguous(self) -> bool:
        return len(self.people) > 1


class Registry:
    """The names of one build: persons by full name, alias, first name and surname; organisations."""

    def __init__(self, people: list[Person], passages: list[Passage]):
        self.people = list(people)
        self._full: list[tuple[tuple[str, ...], Person]] = []
        self._single: dict[str, dict[str, Person]] = {}
        for p in self.people:
            for name in dict.fromkeys((p.name, *p.aliases)):
                toks = tuple(fold(t) for t in WORD.findall(name))
                if len(toks) >= 2 and all(t[0].isupper() for t in WORD.findall(name)):
                    self._full.append((toks, p))
            toks = [fold(t) for t in WORD.findall(p.name)]
            singles = {toks[0], toks[-1]} | {fold(a) for a in p.aliases if len(WORD.findall(a)) == 1}
            for t in singles:
                if len(t) >= 3 and t not in _ASKING:
                    self._single.setdefault(t, {})[p.id] = p
        orgs = {o for o in [p.organisation for p in self.people] + [q.organisation for q in passages] if o}
        keys: dict[tuple[str, ...], set[str]] = {}
        for o in orgs:
            toks = tuple(fold(t) for t in WORD.findall(o))
            keys.setdefault(toks, set()).add(o)
            core = tuple(t for t in toks if t not in _GENERIC_ORG)
            if core and core != toks and len("".join(core)) >= 3:
                keys.setdefault(core, set()).add(o)
        self._orgs = {k: next(iter(v)) for k, v in keys.items() if len(v) == 1}
        self._org_keys = sorted(self._orgs, key=len, reverse=True)  # longest first, sorted once
        self._org_first: dict[str, list[tuple[int, tuple[str, ...]]]] = {}  # first word -> [(rank, key)]
        for rank, key in enumerate(k for k in self._org_keys if k):
            self._org_first.setdefault(key[0], []).append((rank, key))
        self._org_blank = () in self._orgs
        self._by_len: dict[int, tuple[list[int], list[str]]] = {}  # full names by token count
        for i, (name, _) in enumerate(self._full):
            idx, joined = self._by_len.setdefault(len(name), ([], []))
            idx.append(i)
            joined.append(" ".join(name))

    def find(self, query: str) -> Named | None:
        """The person(s) or organisation `query` names, or None."""
        words = list(WORD.finditer(query))
        toks = [fold(m.group()) for m in words]
        hit = self._find_full(toks) or self._find_single(words, toks)
        if hit:
            (a, b), people = hit
            return Named(tuple(people), None, _topic(toks, a, b), " ".join(m.group() for m in words[a:b]))
        org = self._find_org(words, toks)
        if org:
            (a, b), name = org
            return Named((), name, _topic(toks, a, b), " ".join(m.group() for m in words[a:b]))
        return None

    def _find_full(self, toks: list[str]) -> tuple[tuple[int, int], list[Person]] | None:
        """The longest, then closest full name in the question (the first such name and place)."""
        best = None
        for i, a in self._near_full(toks):  # in registry order, then position: the first best wins
            name, p = self._full[i]
            n = len(name)
            got = toks[a:a + n]
            score = 100.0 if got == list(name) else fuzz.ratio(" ".join(got), " ".join(name))
            if score >= FUZZY_NAME and (best is None or (n, score) > best[0]):
                best = ((n, score), (a, a + n), p)
        return (best[1], [best[2]]) if best else None

    def _near_full(self, toks: list[str]) -> list[tuple[int, int]]:
        """(name index, start) of every window that may score FUZZY_NAME: one rapidfuzz matrix per name
        length instead of a ratio per name and window in Python (3 ms an ask with 155 people)."""
        out = []
        for n, (idx, joined) in self._by_len.items():
            windows = [" ".join(toks[a:a + n]) for a in range(len(toks) - n + 1)]
            if not windows:
                continue
            sims = process.cdist(windows, joined, scorer=fuzz.ratio, score_cutoff=FUZZY_NAME - 0.5)
            out += [(idx[int(j)], int(a)) for a, j in zip(*sims.nonzero())]  # float32, a superset: rescored
        return sorted(out)

    def _find_single(self, words: list[re.Match], toks: list[str]) -> tuple[tuple[int, int], list[Person]] | None:
        for i, (m, t) in enumerate(zip(words, toks)):
            if t in self._single and m.group()[0].isupper() and (i > 0 or len(words) <= 2):
                return (i, i + 1), sorted(self._single[t].values(), key=lambda p: p.name)
        return None

    def _find_org(self, words: list[re.Match], toks: list[str]) -> tuple[tuple[int, int], str] | None:
        """The first key, longest first, at its earliest place, written with a capital, that stands alone
        (no other topic) or follows "fra/from"; the keys are looked up by word, not tried at every place."""
        found = sorted((rank, a, key) for a, t in enumerate(toks) for rank, key in self._org_first.get(t, ())
                       if tuple(toks[a:a + len(key)]) == key and words[a].group()[0].isupper())
        for _rank, a, key in found:
            if not _topic(toks, a, a + len(key)) or (a > 0 and toks[a - 1] in _FROM):
                return (a, a + len(key)), self._orgs[key]
        for a in range(len(toks) + 1) if self._org_blank else ():  # an organisation without a word: last
            if words[a].group()[0].isupper() and (not _topic(toks, a, a) or (a > 0 and toks[a - 1] in _FROM)):
                return (a, a), self._orgs[()]
        return None


def names_object(named: Named, query: str) -> bool:
    """A who-question that names a person besides its topic ("Who proposed Cllr Mann as vice-chair?",
    "Hvem sa seg enig med Eric Holk?") asks for someone else: answered by retrieval, the named left out.
    "Who is Dag Aanensen?" (no topic) and "who from Asker …" (an organisation) stay named questions."""
    return bool(named.people and named.topic and is_who_question(query))


def _topic(toks: list[str], a: int, b: int) -> str:
    """The question's content words outside the name (possessive "'s" dropped)."""
    rest = [re.sub(r"['’]s$", "", t) for i, t in enumerate(toks) if not a <= i < b]
    return " ".join(t for t in rest if t not in _ASKING and len(t) > 1)


def answer_named(engine, named: Named, query: str, qv, k: int, cat, filters=None,
                 off_topic_similarity: float = -1.0) -> Answer:
    """The Answer for a question naming someone. `engine`: the Engine (searcher, passages_by_person);
    `cat`: this question's Catalogue (its quote picker)."""
    lang = detect_language(query)
    base = filters or Filters()
    if named.ambiguous:
        people = tuple(_person_answer(engine, p, query, qv, cat, base, named.topic) for p in named.people)
        hits = tuple(c for pa in people for c in pa.citations)
        return Answer(query, lang, "people", people, hits, texts.which_one(lang, named.word, people))
    if named.people:
        person = named.people[0]
        who = texts.who(person.name, person.organisation)
        if not named.topic:  # a bare name: what this person has raised, meeting by meeting
            own = _own(engine, person.id, base)
            hits = tuple(cite(Hit(p, 0.0), f"{person.name} {query}", replace(cat, quote=None))
                         for p in own[:MAX_LISTED])
            if not hits:
                return Answer(query, lang, "none", (), (), texts.raised_nothing(lang, who))
            pa = PersonAnswer(person, 1.0, _first_per_meeting(hits)[:3], person.organisation)
            return Answer(query, lang, "people", (pa,), hits, texts.meeting_by_meeting(lang, who, hits))
        hits = _said(engine.searcher.search(query, max(3 * k, 20), replace(base, person=person.id), query_vec=qv))
        return _ranked(query, lang, hits, k, cat, who, off_topic_similarity)
    org = named.organisation
    if named.topic:
        hits = _said(engine.searcher.search(query, max(3 * k, 20), replace(base, organisation=org), query_vec=qv))
        return _ranked(query, lang, hits, k, cat, texts.from_org(lang, org), off_topic_similarity)
    members = [p for p in engine.people() if p.organisation == org]
    spoke = {pid for q in engine.build.passages if q.organisation == org for pid in _actors(q)}
    members += [engine.person(i) for i in sorted(spoke) if engine.person(i) and engine.person(i) not in members]
    people = tuple(_person_answer(engine, p, query, None, cat, base, "", org) for p in members)
    people = tuple(sorted(people, key=lambda pa: (_own(engine, pa.person.id, base) == [], pa.person.name)))
    hits = tuple(c for pa in people for c in pa.citations[:1])
    return Answer(query, lang, "people", people, hits, texts.org_people(lang, org, people))


def _actors(p: Passage) -> list[str]:
    return [i for i in dict.fromkeys((p.person_id, *p.people_ids)) if i]


def _said(hits: list[Hit]) -> list[Hit]:
    """Hits of what was said or done: an attendance list is not something a person raised."""
    return [h for h in hits if h.passage.how != "attendance"]


def _own(engine, person_id: str, f: Filters, attendance: bool = False) -> list[Passage]:
    """A person's passages in meeting order, within the filters (attendance lists only if asked)."""
    m = engine.searcher.mask(f)
    return [p for p in engine.passages_by_person(person_id) if (attendance or p.how != "attendance")
            and (m is None or m[engine.row(p.id)])]


def _first_per_meeting(cites: tuple[Citation, ...]) -> tuple[Citation, ...]:
    return tuple({c.meeting_id: c for c in reversed(cites)}.values())[::-1]


def _person_answer(engine, person: Person, query: str, qv, cat, base: Filters, topic: str,
                   org: str | None = None) -> PersonAnswer:
    """A person's two passages closest to the question (with a topic), else their first ones."""
    if topic and qv is not None:
        hits = _said(engine.searcher.search(query, 10, replace(base, person=person.id), query_vec=qv))[:2]
        cites = tuple(cite(h, query, cat) for h in hits)
    else:  # an organisation's members: what they said, else the attendance list naming them
        own = _own(engine, person.id, base) or _own(engine, person.id, base, attendance=bool(org))
        cites = tuple(cite(Hit(p, 0.0), person.name, replace(cat, quote=None)) for p in own[:2])
    return PersonAnswer(person, cites[0].score if cites else 0.0, cites, org or person.organisation)


def _ranked(query: str, lang: str, hits: list[Hit], k: int, cat, who: str, off: float) -> Answer:
    """Someone's passages ranked by the question; honest when none of them answers it."""
    citations = tuple(cite(h, query, cat) for h in hits[:k])
    if not is_good_match(hits, off):
        return Answer(query, lang, "none", (), citations, texts.not_raised(lang, who))
    n = len(strong_hits(hits[:k]))
    return Answer(query, lang, "passages", (), citations, texts.said_about(lang, who, n))
