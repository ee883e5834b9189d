"""Minutes: a file (.txt/.md/.docx/.pdf) → lines → Meeting (date, roster, agenda) → Passages, one per item × speaker turn."""

from .labels import Label, clean, parse_label
from .speakers import initials_of

__all__ = ["SUFFIXES", "Label", "clean", "initials_of", "parse_file", "parse_label", "parse_minutes", "read_document"]

_LAZY = {"parse_file": "parse", "parse_minutes": "parse", "SUFFIXES": "readers", "read_document": "readers"}


def __getattr__(name: str):
    """The parser and the readers on first use: serving needs neither (their patterns cost ≈0.3 s to compile)."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
