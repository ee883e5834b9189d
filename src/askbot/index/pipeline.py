"""The rebuild pipeline: minutes files -> parsed, resolved passages -> embedded -> published build."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from askbot.errors import BuildError, ParseError
from askbot.index import store
from askbot.model import Embedder
from askbot.settings import Settings
from askbot.types import ParsedMinutes

from . import tidy
from .anchors import ANCHORS
from .embedcache import EmbeddingCache, embed_texts
from .lock import index_lock
from .units import embedding_units

SUPPORTED = {".txt", ".md", ".markdown", ".docx", ".pdf"}


@dataclass
class BuildReport:
    manifest: store.Manifest
    embedded: int  # texts (passages and their segments) embedded now, i.e. not in the cache
    cached: int  # texts whose vectors came from the cache
    skipped: list[ParseError] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)


def minutes_files(minutes_dir: Path) -> list[Path]:
    """The archive's minutes files, sorted; hidden files and READMEs are ignored."""
    if not minutes_dir.is_dir():
        raise BuildError(f"minutes folder {minutes_dir} does not exist")
    return sorted(
        p for p in minutes_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED and not p.name.startswith(".")
        and p.stem.lower() != "readme"
    )


def inside(path: Path, root: Path) -> None:
    """ParseError unless `path` (followed through symlinks) stays inside the minutes folder `root`."""
    real = path.resolve()
    if not real.is_relative_to(Path(root).resolve()):
        raise ParseError(str(path), f"refused: it resolves to {real}, outside the minutes folder {root} "
                                    "(a symlink?); copy the file into the folder instead")


def parse_all(files: list[Path], skip_bad: bool = False,
              root: Path | None = None) -> tuple[list[ParsedMinutes], list[ParseError]]:
    """Parse every file (refusing any that resolve outside `root`); collect failures, raised together unless skip_bad."""
    from askbot.minutes import parse_file

    parsed, failed = [], []
    for path in files:
        try:
            if root is not None:
                inside(path, root)
            parsed.append(parse_file(path))
        except ParseError as exc:
            failed.append(exc)
    if failed and not skip_bad:
        raise BuildError(f"{len(failed)} of {len(files)} minutes files failed to parse; nothing published "
                         "(fix them, or pass --skip-bad)", failed)
    ids = [p.meeting.id for p in parsed]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise BuildError(f"several files give the same meeting id: {', '.join(dupes)}")
    return parsed, failed


def resolve_people(parsed: list[ParsedMinutes], settings: Settings):
    """Resolve speakers meeting by meeting, oldest first, so earlier meetings inform later ones."""
    from askbot.people import PeopleRegistry

    registry = PeopleRegistry.from_file(settings.resolved_people_file())
    resolved = [registry.resolve(p) for p in sorted(parsed, key=lambda p: (p.meeting.date, p.meeting.id))]
    return resolved, registry.persons()


def build(settings: Settings, embedder: Embedder | None = None, *, skip_bad: bool = False,
          progress: bool = False, publish: bool = True) -> BuildReport:
    """Parse, resolve, embed and write a build; publish it only if every step succeeded.

    One build at a time per index folder (an OS lock; a second gets "another build is running").
    """
    with index_lock(Path(settings.index_dir), "build"):
        tidy.clean_stale(Path(settings.index_dir))
        tidy.check_writable(Path(settings.index_dir))  # before the model loads
        return _build(settings, embedder, skip_bad=skip_bad, progress=progress, publish=publish)


def _build(settings: Settings, embedder: Embedder | None, *, skip_bad: bool, progress: bool,
           publish: bool) -> BuildReport:
    from askbot.minutes.readers import record_digests

    files = minutes_files(Path(settings.minutes_dir))
    if not files:
        raise BuildError(f"no minutes files (.txt, .md, .docx, .pdf) in {settings.minutes_dir}")
    with record_digests() as digests:  # sha256 of the bytes parsed, not of the file as it is later
        parsed, skipped = parse_all(files, skip_bad, root=Path(settings.minutes_dir))
    if not parsed:
        raise BuildError("no minutes file could be parsed; nothing published", skipped)
    resolved, people = resolve_people(parsed, settings)
    passages = [p for r in resolved for p in r.passages]
    if embedder is None and settings.encoder == "onnx":  # same vectors, and torch embeds long passages
        settings = settings.model_copy(update={"encoder": "torch"})  # faster (measured 26.7 vs 19.8 texts/s)
    embedder = embedder or Embedder.load(settings)
    cache = EmbeddingCache(Path(settings.index_dir) / "cache" / "embeddings.sqlite")
    texts, owner, is_segment = embedding_units(passages)
    vectors, embedded = embed_texts(embedder, texts, cache, progress=progress)
    anchors, _ = embed_texts(embedder, list(ANCHORS), cache)
    sources = {str(f.relative_to(settings.minutes_dir)): digests[str(f)] for f in files if str(f) in digests}
    manifest = store.write_build(
        Path(settings.index_dir), model_id=embedder.model_id, vectors=vectors, owner=owner, is_segment=is_segment, anchors=anchors,
        meetings=[r.meeting for r in resolved], people=people, passages=passages, sources=sources,
        approx_threshold=settings.approx_threshold, encoder=getattr(embedder, "record", None))
    pruned: list[str] = []
    if publish:
        store.publish(Path(settings.index_dir), manifest.build_id)
        pruned = store.prune(Path(settings.index_dir), settings.keep_builds)
    return BuildReport(manifest, embedded, len(texts) - embedded, skipped, pruned)
