"""Filter masks from the vectorised, cached RowFilter (retrieve/rowfilter.py) equal the per-passage
Python tests the Searcher used, for every person, name part, organisation, meeting and date range of
the archive (the seed plus our own meetings), and a repeated filter costs no new mask."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from askbot.types import Filters


def reference(s, filters):
    """Searcher.mask as it was: every passage tested in Python."""
    if filters is None or filters == Filters():
        return None
    m = np.ones(len(s.build.passages), dtype=bool)
    if filters.meeting:
        m &= np.array([mid == filters.meeting or mid.startswith(filters.meeting) for mid in s._meeting])
    if filters.since:
        m &= s._date >= filters.since.toordinal()
    if filters.until:
        m &= s._date <= filters.until.toordinal()
    if filters.person:
        needle = filters.person.casefold()
        m &= np.array([filters.person in pids.split() or needle in who for pids, who in zip(s._person, s._who)])
    if filters.organisation:
        needle = filters.organisation.casefold()
        m &= np.array([needle in org for org in s._org])
    return m


def all_filters(engine):
    b = engine.build
    out = [None, Filters(), Filters(person="nobody-at-all"), Filters(organisation="\0"), Filters(person="a\0")]
    for p in b.people:
        out += [Filters(person=p.id), Filters(person=p.name), Filters(person=p.name.split()[0].upper())]
        if p.organisation:
            out += [Filters(organisation=p.organisation), Filters(organisation=p.organisation[:4].lower())]
    days = sorted(m.date for m in b.meetings)
    for m in b.meetings:
        out += [Filters(meeting=m.id), Filters(meeting=m.id[:7]), Filters(meeting=m.id, person=b.people[0].id)]
    out += [Filters(since=days[-1]), Filters(until=days[0]), Filters(since=days[0], until=days[-1] - dt.timedelta(1)),
            Filters(since=days[0], organisation="kommune", person="a")]
    return out


def test_every_filter_allows_the_rows_it_did(archive_engine):
    s = archive_engine.searcher
    assert len(archive_engine.build.meetings) > 1 and len(archive_engine.build.people) > 10
    nonempty = 0
    for f in all_filters(archive_engine):
        want, got = reference(s, f), s.mask(f)
        if want is None:
            assert got is None, f
            continue
        assert got.dtype == bool and np.array_equal(got, want), f
        nonempty += bool(want.any()) and not want.all()
    assert nonempty > 20  # the filters did select something (and not everything)


def test_a_repeated_filter_is_the_same_read_only_mask(archive_engine):
    s = archive_engine.searcher
    f = Filters(person=archive_engine.build.people[0].id)
    m = s.mask(f)
    assert s.mask(Filters(person=archive_engine.build.people[0].id)) is m
    with pytest.raises(ValueError):
        m[0] = not m[0]
