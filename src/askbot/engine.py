"""The loaded, queryable archive: one build + the model, loaded once. (Interface; being filled in.)"""

from __future__ import annotations

from pathlib import Path

from .settings import Settings
from .types import Answer, Filters, Hit, Meeting, Passage, Person


class Engine:
    """A published build and the model, ready to answer. Thread-safe for reads.

    Attributes: build_id: str, model_id: str, passage_count: int, index_dir: Path.
    """

    build_id: str
    model_id: str
    passage_count: int

    @classmethod
    def load(cls, settings: Settings, build_id: str | None = None, model=None) -> "Engine":
        """Load the CURRENT build (or `build_id`); reuse `model` if given. Raises IndexStoreError/ModelError."""
        raise NotImplementedError

    def with_build(self, build_id: str | None = None) -> "Engine":
        """A new Engine over another build, sharing this one's model (for hot reload)."""
        raise NotImplementedError

    def search(self, query: str, k: int = 10, filters: Filters | None = None) -> list[Hit]: ...
    def ask(self, query: str, k: int = 10, filters: Filters | None = None) -> Answer: ...
    def passage(self, passage_id: str) -> Passage | None: ...
    def neighbours(self, passage_id: str) -> list[Passage]: ...  # same agenda item, in order
    def meeting(self, meeting_id: str) -> Meeting | None: ...
    def meetings(self) -> list[Meeting]: ...
    def person(self, person_id: str) -> Person | None: ...
    def people(self) -> list[Person]: ...
    def passages_by_person(self, person_id: str) -> list[Passage]: ...  # ordered by meeting date


def current_build_id(index_dir: Path) -> str | None:
    """The build id named by index/CURRENT, or None."""
    f = Path(index_dir) / "CURRENT"
    return f.read_text().strip() or None if f.exists() else None
