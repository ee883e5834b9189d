"""People: speaker labels → persons, across meetings (registry, name matching, people.toml overrides, the check report)."""

from .checkreport import candidate_list, format_check
from .registry import PeopleRegistry, ambiguous, resolve_all, unresolved

__all__ = ["PeopleRegistry", "ambiguous", "candidate_list", "format_check", "resolve_all", "unresolved"]
