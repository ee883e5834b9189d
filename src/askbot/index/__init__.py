"""The index: embedding units, the vector cache, BM25, the metadata db, build dirs, and the build pipeline."""

from . import store
from .anchors import ANCHORS
from .lexical import tokenize
from .store import HNSW_EF_SEARCH, OpenBuild, open_build
from .units import embedding_units

__all__ = ["ANCHORS", "HNSW_EF_SEARCH", "BuildReport", "OpenBuild", "build", "embedding_units", "minutes_files",
           "open_build", "store", "tokenize"]

_PIPELINE = ("BuildReport", "build", "minutes_files")


def __getattr__(name: str):
    """The build pipeline on first use: serving never loads the minutes parser and its patterns (≈0.3 s)."""
    if name in _PIPELINE:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
