"""The batched dense scoring (retrieve/unitscore.py) gives, bit for bit, the score the Searcher's own
per-passage formula gives, for every passage of the seed build and real questions (real model, real
FAISS): batching is a speed-up, never a change of any score."""

from __future__ import annotations

from askbot.retrieve.search import WHOLE_WEIGHT
from askbot.retrieve.unitscore import raw_scores

QUESTIONS = ["hvem jobber med hydrogen?", "Who works on tourism?", "reiseliv og kultur", "what was decided about the budget?"]


def test_every_passage_scores_exactly_as_one_at_a_time(seed_engine):
    s = seed_engine.searcher
    rows = list(range(len(seed_engine.build.passages)))[::-1]  # any order, kept
    assert len({int(s._start[r + 1] - s._start[r]) for r in rows}) > 1  # passages of several unit counts
    for q in QUESTIONS:
        qv = seed_engine.embedder.encode_query(q)
        batched = raw_scores(s._vecs, s._start, qv, rows, WHOLE_WEIGHT)
        assert list(batched) == rows
        assert batched == {r: s._raw_score(qv, r) for r in rows}


def test_dense_search_ranks_as_the_per_passage_scores_do(seed_engine):
    s = seed_engine.searcher
    for q in QUESTIONS:
        qv = seed_engine.embedder.encode_query(q)
        got = s.dense(qv, 30, None)
        shift = s.language_shift(qv)
        for row, score, raw in got:
            assert raw == s._raw_score(qv, row) and score == s._shifted(raw, row, shift)
        assert [t[1] for t in got] == sorted((t[1] for t in got), reverse=True)


def test_no_candidates_no_scores(seed_engine):
    s = seed_engine.searcher
    assert raw_scores(s._vecs, s._start, seed_engine.embedder.encode_query("x"), [], WHOLE_WEIGHT) == {}
