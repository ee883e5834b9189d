"""The loaded, queryable archive: one open build plus the model, loaded once and shared."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from askbot.errors import QueryError
from askbot.index import store
from askbot.model import Embedder
from askbot.settings import Settings
from askbot.types import Answer, Filters, Hit, Meeting, Passage, Person

from .absent import Vocabulary, build_words
from .answer import Catalogue, make_answer
from .datewords import read_when
from .detailtype import detail_answer
from .initials import answer_initials
from .named import Registry, answer_named, names_object
from .offtopic import OffTopic
from .quotes import Quoter
from .search import DEFAULT_FUSION, Fusion, Searcher
from .special import special_answer
from .timewords import TimeRange, limit_note
from .unknown import KnownWords, not_in_minutes, unwritten

MAX_K = 100


class Engine:
    """A published build and the model, ready to answer. Read-only, so safe to share between threads.

    Attributes: build_id, model_id, passage_count, index_dir, manifest.
    """

    def __init__(self, build: store.OpenBuild, embedder: Embedder, index_dir: Path,
                 fusion: Fusion = DEFAULT_FUSION, max_question_chars: int = 500):
        self.build, self.embedder, self.index_dir = build, embedder, Path(index_dir)
        self.manifest = build.manifest
        self.build_id = build.manifest.build_id
        self.model_id = embedder.model_id
        self.passage_count = len(build.passages)
        self.max_question_chars = max_question_chars
        self.searcher = Searcher(build, embedder, fusion)
        by_role: dict[tuple[str, str], list[Passage]] = {}
        for p in build.passages:
            if p.how in ("attendance", "role") and p.role:
                by_role.setdefault((p.meeting_id, p.role), []).append(p)
        self.catalogue = Catalogue({m.id: m for m in build.meetings}, {p.id: p for p in build.people},
                                   by_role=by_role)
        self._by_id = {p.id: i for i, p in enumerate(build.passages)}
        self.off_topic = OffTopic(build.anchors)
        self.names = Registry(list(build.people), list(build.passages))
        self.vocabulary = Vocabulary(build.lexical.vocabulary(), self.searcher.passage_languages(),
                                     build_words(build.meetings, build.people))
        self.known = KnownWords(self.vocabulary, build.people)
        self.today = dt.date.today  # the clock time words are read against (tests set a fixed one)
        self.meeting_dates = sorted({m.date for m in build.meetings})  # what date words are checked against

    @classmethod
    def load(cls, settings: Settings, build_id: str | None = None, model: Embedder | None = None,
             fusion: Fusion = DEFAULT_FUSION) -> "Engine":
        """Load the CURRENT build (or `build_id`); reuse `model` if given. Raises IndexStoreError/ModelError."""
        embedder = model or Embedder.load(settings)
        build = store.open_build(Path(settings.index_dir), build_id, model_id=embedder.model_id,
                                 dims=embedder.dims)
        return cls(build, embedder, Path(settings.index_dir), fusion, settings.max_question_chars)

    def with_build(self, build_id: str | None = None) -> "Engine":
        """A new Engine over another build (default: CURRENT), sharing this one's model (hot reload)."""
        build = store.open_build(self.index_dir, build_id, model_id=self.model_id, dims=self.embedder.dims)
        return Engine(build, self.embedder, self.index_dir, self.searcher.fusion, self.max_question_chars)

    def _check(self, query: str, k: int) -> str:
        query = (query or "").strip()
        if not query:
            raise QueryError("the question is empty")
        if len(query) > self.max_question_chars:
            raise QueryError(f"the question is {len(query)} characters; the limit is {self.max_question_chars}")
        if not 1 <= k <= MAX_K:
            raise QueryError(f"k must be between 1 and {MAX_K}, not {k}")
        return query

    def time_filters(self, query: str, filters: Filters | None) -> tuple[Filters | None, TimeRange | None]:
        """A time phrase in the question ("i fjor", "at the last meeting") as since/until, unless the
        caller gave an explicit since or until (those win)."""
        if filters is not None and (filters.since or filters.until):
            return filters, None
        span = read_when(query, self.today(), self.meeting_dates)  # datewords.py
        if span is None:
            return filters, None
        return replace(filters or Filters(), since=span.since, until=span.until), span

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]:
        query = self._check(query, k)
        return self.searcher.search(query, k, self.time_filters(query, filters)[0])

    def ask(self, query: str, k: int = 5, filters: Filters | None = None) -> Answer:
        query = self._check(query, k)
        filters, span = self.time_filters(query, filters)
        qv = self.embedder.encode_query(query)
        cat = replace(self.catalogue, quote=Quoter(self.searcher.unit_sims, self._by_id, qv))  # quotes by this question
        off = self.off_topic.similarity(qv)
        special = answer_initials(self, query, k, cat) or special_answer(self, query, qv, k, cat, filters, off)
        if special is not None:
            return special if span is None else replace(special, text=f"{special.text} {limit_note(span, special.language)}")
        named = self.names.find(query)  # "Hva sa Ingar om hydrogen?": Ingar's passages (named.py)
        ghost = self.known.unknown_person(query, named)  # "Hva sa Sigrid Lunde …?" (not "Sigrid …")
        if ghost:
            hits = self.searcher.search(query, k, filters, query_vec=qv)
            ans = not_in_minutes(query, ghost, hits, k, cat)
        elif named is not None and not names_object(named, query):
            ans = answer_named(self, named, query, qv, k, cat, filters, off)
        else:  # no name, or "Who proposed Cllr Mann?": the name is not the answer
            hits = self.searcher.search(query, max(3 * k, 20), filters, query_vec=qv)  # people rank over more
            missing = self.vocabulary.missing_name(query)  # once: absent = missing or topic_absent (absent.py)
            ans = unwritten(make_answer(query, hits, cat, k, off_topic_similarity=off,  # "X er ikke nevnt …"
                                        exclude=frozenset(p.id for p in named.people) if named else frozenset(),
                                        absent=bool(missing) or self.vocabulary.topic_absent(query)), missing)
        ans = detail_answer(self, query, qv, filters, ans)  # an amount or date no passage on it holds (detailtype.py)
        return ans if span is None else replace(ans, text=f"{ans.text} {limit_note(span, ans.language)}")

    def row(self, passage_id: str) -> int | None:
        """The passage's row in the build (FAISS and metadata order)."""
        return self._by_id.get(passage_id)

    def passage(self, passage_id: str) -> Passage | None:
        i = self._by_id.get(passage_id)
        return None if i is None else self.build.passages[i]

    def neighbours(self, passage_id: str) -> list[Passage]:
        """All passages of the same agenda item, in document order (the passage itself included)."""
        p = self.passage(passage_id)
        if p is None:
            return []
        return [q for q in self.build.passages
                if q.meeting_id == p.meeting_id and q.agenda_number == p.agenda_number]

    def meeting(self, meeting_id: str) -> Meeting | None:
        return self.catalogue.meetings.get(meeting_id)

    def meetings(self) -> list[Meeting]:
        return sorted(self.build.meetings, key=lambda m: (m.date, m.id))

    def person(self, person_id: str) -> Person | None:
        return self.catalogue.people.get(person_id)

    def people(self) -> list[Person]:
        return list(self.build.people)

    def passages_by_person(self, person_id: str) -> list[Passage]:
        """What a person has said, ordered by meeting date then position."""
        dates = {m.id: m.date for m in self.build.meetings}
        own = [p for p in self.build.passages if p.person_id == person_id
               or (person_id in p.people_ids and p.how != "attendance")]  # being listed is not raising
        return sorted(own, key=lambda p: (dates[p.meeting_id], p.id))


def current_build_id(index_dir: Path) -> str | None:
    """The build id named by index/CURRENT, or None."""
    return store.current(Path(index_dir))
