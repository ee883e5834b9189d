"""Minutes: a file (.txt/.md/.docx/.pdf) → lines → Meeting (date, roster, agenda) → Passages, one per item × speaker turn."""

from .labels import Label, clean, parse_label
from .parse import parse_file, parse_minutes
from .readers import SUFFIXES, read_document
from .speakers import initials_of

__all__ = ["SUFFIXES", "Label", "clean", "initials_of", "parse_file", "parse_label", "parse_minutes", "read_document"]
