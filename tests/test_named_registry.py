"""The name registry's full-name match (one rapidfuzz matrix per name length) finds exactly what the
plain loop over every name and window found: same person, same place in the question, for real
questions and misspelt names over the archive's registry (the seed plus our own meetings)."""

from __future__ import annotations

import json

from conftest import REPO
from rapidfuzz import fuzz

from askbot.retrieve.named import FUZZY_NAME, WORD, fold


def reference(registry, toks):
    """The loop `_find_full` was: every full name at every position."""
    best = None
    for name, p in registry._full:
        n = len(name)
        for a in range(len(toks) - n + 1):
            got = toks[a:a + n]
            score = 100.0 if got == list(name) else fuzz.ratio(" ".join(got), " ".join(name))
            if score >= FUZZY_NAME and (best is None or (n, score) > best[0]):
                best = ((n, score), (a, a + n), p)
    return (best[1], [best[2]]) if best else None


def questions(registry):
    qs = [json.loads(x)["question"] for f in ("questions.jsonl", "samples.jsonl")
          for x in (REPO / "tests" / "eval" / f).read_text().splitlines() if x.strip()]
    for name, _ in registry._full[:40]:  # each full name as written, misspelt, and inside a question
        words = list(name)
        qs += [f"Hva sa {' '.join(words)} om budsjettet?", f"what did {' '.join(w[:-1] for w in words)} say",
               f"hvem er {' '.join(w[::-1] if i else w for i, w in enumerate(words))}"]
    return qs


def test_full_names_are_found_as_the_plain_loop_found_them(archive_engine):
    registry = archive_engine.names
    assert len(registry._full) > 10
    found = 0
    for q in questions(registry):
        toks = [fold(m.group()) for m in WORD.finditer(q)]
        want = reference(registry, toks)
        assert registry._find_full(toks) == want, q
        found += want is not None
    assert found > 40  # the check covered real matches, not only misses
