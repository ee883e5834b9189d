"""A question about someone the minutes never name gets "not in the minutes", not other people's
passages on the topic (real model, seed index)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("q, name, lang", [
    ("Hva sa Sigrid Lunde om hydrogen?", "Sigrid Lunde", "no"),
    ("What did Per Olav Strand say about green procurement?", "Per Olav Strand", "en"),
    ("Kva meinte Helene Dahl om bærekraftsprisen?", "Helene Dahl", "no"),
])
def test_unknown_person_is_not_in_the_minutes(seed_engine, q, name, lang):
    a = seed_engine.ask(q)
    assert a.kind == "none" and not a.people and a.language == lang
    assert a.text.startswith(f"{name} {'er ikke nevnt' if lang == 'no' else 'does not appear'}")
    assert a.hits  # the closest passages are still shown, labelled as not an answer


@pytest.mark.parametrize("q", [
    "Hva sa Ingar Vaskinn om hydrogen?",  # in the roster and the text
    "Who is Choppington's Responsible Finance Officer?",  # a role, not a name
    "What did the Innovation Norway people say about hydrogen?",  # no asking frame before the name
])
def test_known_names_and_non_names_are_not_refused(seed_engine, q):
    assert seed_engine.known.unknown_person(q) is None
