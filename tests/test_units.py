"""Segments embedded beside each passage (index/units.py): no lone short last line."""

import pytest

from askbot.index.units import MIN_CHARS, segments

BODY = ("Styret drøftet nettkapasiteten i regionen og ba sekretariatet følge opp saken.\n"
        "Innspillet ble sendt til Statnett 1. september, med kopi til fylkeskommunen.\n")


@pytest.mark.parametrize("tail", ["----", "Vedtatt.", "3.", "* * *"])
def test_a_short_last_line_joins_the_segment_before_it(tail):
    """A lone '----' or 'Vedtatt.' embedded on its own is close to every question (samples 03: ~58 of
    246 questions had it in their top 5)."""
    text = BODY + tail
    segs = segments(text)
    assert segs and all(len(s) >= MIN_CHARS for s in segs), segs
    assert segs[-1].endswith(tail) and all(s in text for s in segs)


def test_a_passage_of_one_line_and_a_short_tail_has_no_segments():
    assert segments("Innspillet ble sendt til Statnett 1. september.\n----") == []


def test_long_last_lines_stay_segments_of_their_own():
    text = BODY + "Neste møte holdes på Hamar 20. mai, med befaring på Vormsund."
    assert len(segments(text)) == 3
