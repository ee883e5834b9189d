"""The few named exceptions; translated only at the edges (CLI, HTTP, bot)."""

from __future__ import annotations


class AskbotError(Exception):
    """Base of every error askbot reports to a user."""


class ParseError(AskbotError):
    """A minutes file could not be read or parsed."""

    def __init__(self, path: str, message: str, line: int | None = None):
        self.path, self.line, self.reason = str(path), line, message
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {message}")


class ModelError(AskbotError):
    """The embedding model is missing, unusable or does not match the index."""


class IndexStoreError(AskbotError):
    """No usable build: missing, corrupt, or built with another model."""


class QueryError(AskbotError):
    """A question or filter the service refuses (too long, empty, bad date)."""


class BuildError(AskbotError):
    """A rebuild failed; nothing was published. `errors` lists each bad file."""

    def __init__(self, message: str, errors: list[AskbotError] | None = None):
        self.errors = list(errors or [])
        detail = "".join(f"\n  {e}" for e in self.errors)
        super().__init__(message + detail)
