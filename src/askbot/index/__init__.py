"""The index: embedding units, the vector cache, BM25, the metadata db, build dirs, and the build pipeline."""

from . import store
from .anchors import ANCHORS
from .lexical import tokenize
from .pipeline import BuildReport, build, minutes_files
from .store import HNSW_EF_SEARCH, OpenBuild, open_build
from .units import embedding_units

__all__ = ["ANCHORS", "HNSW_EF_SEARCH", "BuildReport", "OpenBuild", "build", "embedding_units", "minutes_files",
           "open_build", "store", "tokenize"]
