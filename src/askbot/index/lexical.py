"""The lexical retriever: BM25 over stemmed Norwegian (and English) tokens, via bm25s."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

_TOKEN = re.compile(r"\w\w+", re.UNICODE)

# Function words of both languages; content words are what BM25 should weigh.
STOPWORDS = frozenset(
    """
    og i på er det som en et til av med for at har de den ikke om var jobber jobbe
    seg fra så vi kan skal også blir ble han hun hvem hva hvilke hvilken hvilket
    hvordan hvor når mitt min mine vår våre deres dere noe noen alle eller men
    meg deg oss dem ut inn opp ned over under etter før mot ved
    the a an and or of to in on at for with by from is are was were be been who what
    which whom how when where does do did has have had it its this that these those
    about into any some works working work someone anyone
    """.split()
)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("norwegian")


def tokenize(text: str) -> list[str]:
    """Lower-cased, stop-word-free, Norwegian-stemmed tokens."""
    words = [w for w in _TOKEN.findall(text.casefold()) if w not in STOPWORDS]
    return _stemmer().stemWords(words)


class LexicalIndex:
    """BM25 over passages in index order; scores are aligned with FAISS row ids."""

    def __init__(self, retriever: bm25s.BM25, size: int):
        self._bm25 = retriever
        self.size = size

    @classmethod
    def build(cls, texts: list[str]) -> "LexicalIndex":
        retriever = bm25s.BM25()
        corpus = [tokenize(t) or ["\u2205"] for t in texts]  # bm25s refuses empty documents
        retriever.index(corpus, show_progress=False)
        return cls(retriever, len(texts))

    def save(self, directory: Path) -> None:
        self._bm25.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> "LexicalIndex":
        retriever = bm25s.BM25.load(str(directory), mmap=False, show_progress=False)
        return cls(retriever, size)

    def vocabulary(self) -> list[str]:
        """Every token of the archive (as `tokenize` makes them), sorted."""
        return sorted(self._bm25.vocab_dict)

    def coverage(self, query: str, row: int) -> tuple[int, int]:
        """(query content tokens found in passage `row`, query content tokens in all)."""
        tokens = sorted(set(tokenize(query)))
        vocab = self._bm25.vocab_dict
        found = sum(1 for t in tokens if t in vocab and self._bm25.get_scores([t])[row] > 0)
        return found, len(tokens)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top-k (row, score) pairs with a positive score, optionally only rows where mask is True."""
        vocab = self._bm25.vocab_dict
        tokens = [t for t in tokenize(query) if t in vocab]
        if not tokens or self.size == 0:
            return []
        scores = self._bm25.get_scores(tokens)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, self.size)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]
