"""Off-topic detection: is a question closer to everyday subjects than to anything in the archive?

Dense scores of multilingual-e5-small are compressed (unrelated texts still score ~0.75), so an
absolute threshold separates answerable from unanswerable questions poorly. Comparing the best
passage with the best of a fixed set of everyday, off-domain anchor texts works better: on the
seed question set every answerable question beats the anchors (smallest margin +0.004), while
questions about pancakes, football, space or knitting lose to them. In-domain questions the
archive doesn't cover (e.g. nuclear power) are not caught by this; see answer.NO_MATCH_SIMILARITY.
"""

from __future__ import annotations

import numpy as np

from askbot.index import ANCHORS


class OffTopic:
    """Anchor vectors (embedded as passages, like the archive); a build stores them beside its index."""

    def __init__(self, vectors: np.ndarray):
        self.vectors = vectors

    @classmethod
    def embed(cls, embedder) -> "OffTopic":
        return cls(embedder.encode_passages(ANCHORS))

    def similarity(self, query_vec: np.ndarray) -> float:
        """The query's cosine with its nearest everyday anchor."""
        return float((self.vectors @ query_vec).max())
