"""Retrieval: dense + BM25 search and fusion, the off-topic floor, the answer, and the Engine that holds a build."""

from .answer import detect_language, is_who_question, make_answer
from .engine import Engine, current_build_id
from .search import DEFAULT_FUSION, Fusion

__all__ = ["DEFAULT_FUSION", "Engine", "Fusion", "current_build_id", "detect_language", "is_who_question",
           "make_answer"]
