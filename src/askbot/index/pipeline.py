"""The rebuild pipeline: minutes files -> parsed, resolved passages -> embedded -> published build."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from askbot.errors import BuildError, ParseError
from askbot.hashing import text_hash
from askbot.index import metadb, store
from askbot.model import Embedder
from askbot.model.build_encoder import build_embedder
from askbot.settings import Settings
from askbot.types import ParsedMinutes

from . import tidy
from .anchors import ANCHORS
from .embedcache import EmbeddingCache, embed_texts
from .lock import index_lock
from .report import CONVERT, Details, Skipped, compare, speaker_issues
from .units import embedding_units

SUPPORTED = {".txt", ".md", ".markdown", ".docx", ".pdf"}


@dataclass
class BuildReport:
    manifest: store.Manifest | None  # None when nothing changed and nothing was published
    embedded: int  # texts (passages and their segments) embedded now, i.e. not in the cache
    cached: int  # texts whose vectors came from the cache
    skipped: list[ParseError] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    details: Details | None = None  # what changed against the live build, and the warnings


def scan(minutes_dir: Path) -> tuple[list[Path], list[Skipped]]:
    """The archive's minutes files, sorted, and the files passed over with why; READMEs are ignored."""
    if not minutes_dir.is_dir():
        raise BuildError(f"minutes folder {minutes_dir} does not exist")
    files, skipped = [], []
    for p in sorted(minutes_dir.rglob("*")):
        rel, suffix = p.relative_to(minutes_dir), p.suffix.lower()
        if not p.is_file() or p.stem.lower() == "readme":
            continue
        if any(part.startswith(".") for part in rel.parts):
            if suffix in SUPPORTED | CONVERT:
                skipped.append(Skipped(str(rel), "a hidden file", False))
        elif p.name.startswith("~$"):
            skipped.append(Skipped(str(rel), "a Word lock file (the document is open in Word)", False))
        elif suffix in CONVERT:
            skipped.append(Skipped(str(rel), f"askbot cannot read {suffix} files; convert to .docx or .pdf", True))
        elif suffix in SUPPORTED:
            files.append(p)
        else:
            skipped.append(Skipped(str(rel), "not a minutes file (.txt, .md, .docx, .pdf)", False))
    return files, skipped


def minutes_files(minutes_dir: Path) -> list[Path]:
    """The archive's minutes files, sorted; hidden files, Word lock files and READMEs are ignored."""
    return scan(minutes_dir)[0]


def drop_duplicates(parsed: list[ParsedMinutes], digests: dict[str, str],
                    name: Callable[[str], str]) -> tuple[list[ParsedMinutes], list[tuple[str, str]]]:
    """Keep one file of each content hash (the shortest name: not "… - Kopi.txt"); list the others."""
    groups: dict[str, list[ParsedMinutes]] = {}
    for p in parsed:
        groups.setdefault(digests.get(p.meeting.source_path, p.meeting.source_path), []).append(p)
    kept, dupes = [], []
    for group in groups.values():
        first = min(group, key=lambda p: (len(name(p.meeting.source_path)), name(p.meeting.source_path)))
        kept.append(first)
        dupes += [(name(p.meeting.source_path), name(first.meeting.source_path)) for p in group if p is not first]
    return sorted(kept, key=lambda p: p.meeting.source_path), sorted(dupes)


def inside(path: Path, root: Path) -> None:
    """ParseError unless `path` (followed through symlinks) stays inside the minutes folder `root`."""
    real = path.resolve()
    if not real.is_relative_to(Path(root).resolve()):
        raise ParseError(str(path), f"refused: it resolves to {real}, outside the minutes folder {root} "
                                    "(a symlink?); copy the file into the folder instead")


def parse_all(files: list[Path], skip_bad: bool = False, root: Path | None = None,
              progress: bool = False) -> tuple[list[ParsedMinutes], list[ParseError]]:
    """Parse every file (refusing any that resolve outside `root`); collect failures, raised together unless skip_bad."""
    from askbot.minutes import parse_file

    from .progress import stage

    parsed, failed = [], []
    with stage("parsing", len(files), "files", progress, at_end=True) as bar:
        for path in files:
            try:
                if root is not None:
                    inside(path, root)
                parsed.append(parse_file(path))
            except ParseError as exc:
                failed.append(exc)
            bar.update(1)
        if failed and not skip_bad:
            raise BuildError(f"{len(failed)} of {len(files)} minutes files failed to parse; nothing published "
                             "(fix them, or pass --skip-bad)", failed)
    ids = [p.meeting.id for p in parsed]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise BuildError(f"several files give the same meeting id: {', '.join(dupes)}")
    return parsed, failed


def resolve_people(parsed: list[ParsedMinutes], settings: Settings, ghosts: list | None = None):
    """Resolve speakers meeting by meeting, oldest first, so earlier meetings inform later ones.
    Overrides naming a person in no roster are dropped (`people.ghosts`), each reported into `ghosts`."""
    from askbot.people import PeopleRegistry
    from askbot.people.ghosts import drop_ghosts
    from askbot.people.overrides import load_overrides

    path = settings.resolved_people_file()
    overrides, found = drop_ghosts(path, load_overrides(path), parsed)
    if ghosts is not None:
        ghosts.extend(found)
    registry = PeopleRegistry(overrides)
    resolved = [registry.resolve(p) for p in sorted(parsed, key=lambda p: (p.meeting.date, p.meeting.id))]
    return resolved, registry.persons()


def build(settings: Settings, embedder: Embedder | None = None, *, skip_bad: bool = False,
          progress: bool = False, publish: bool = True, strict: bool = False,
          if_changed: bool = False) -> BuildReport:
    """Parse, resolve, embed and write a build; publish it only if every step succeeded.

    strict: any report warning (a skipped or duplicate file, an unresolved or ambiguous speaker) is a
    BuildError carrying the report (`exc.details`), before anything is embedded. if_changed: when the
    sources, people and model equal the live build's, publish nothing (`details.unchanged`).
    One build at a time per index folder (an OS lock; a second gets "another build is running").
    """
    with index_lock(Path(settings.index_dir), "build"):
        tidy.clean_stale(Path(settings.index_dir))
        tidy.check_writable(Path(settings.index_dir))  # before the model loads
        return _build(settings, embedder, skip_bad=skip_bad, progress=progress, publish=publish,
                      strict=strict, if_changed=if_changed)


def _live(index_dir: Path) -> store.Manifest | None:
    cur = store.current(index_dir)
    path = store.builds_dir(index_dir) / (cur or "") / store.MANIFEST
    return store.Manifest.read(path) if cur and path.exists() else None


def _same_as_live(index_dir: Path, live: store.Manifest, sources: dict[str, str], model_id: str | None,
                  resolved: list[ParsedMinutes], people: list) -> bool:
    """True when the live build holds exactly what this one would: same files, model, meetings, people, passages."""
    if live.format_version != store.FORMAT_VERSION or live.sources != sources or live.model_id != model_id:
        return False
    try:
        meetings, old_people, passages = metadb.read(store.builds_dir(index_dir) / live.build_id / store.META)
    except Exception:  # noqa: BLE001  (any unreadable live build is worth replacing)
        return False
    return (sorted(meetings, key=lambda m: m.id) == sorted((r.meeting for r in resolved), key=lambda m: m.id)
            and sorted(old_people, key=lambda p: p.id) == sorted(people, key=lambda p: p.id)
            and sorted(passages, key=lambda p: p.id) == sorted((p for r in resolved for p in r.passages),
                                                               key=lambda p: p.id))


def _model_id(settings: Settings, embedder: Embedder | None) -> str | None:
    """The id the build would record, without loading the model (None when only loading tells)."""
    if embedder is not None:
        return embedder.model_id
    if settings.encoder == "onnx-int8":
        return None
    from askbot.model import model_id

    return model_id(settings)


def _build(settings: Settings, embedder: Embedder | None, *, skip_bad: bool, progress: bool,
           publish: bool, strict: bool, if_changed: bool) -> BuildReport:
    from askbot.minutes.readers import record_digests

    root, index_dir = Path(settings.minutes_dir), Path(settings.index_dir)
    files, passed_over = scan(root)
    if not files:
        raise BuildError(f"no minutes files (.txt, .md, .docx, .pdf) in {settings.minutes_dir}"
                         + "".join(f"\n  skipped {s.path}: {s.reason}" for s in passed_over))
    with record_digests() as digests:  # sha256 of the bytes parsed, not of the file as it is later
        parsed, skipped = parse_all(files, skip_bad, root=root, progress=progress)
    if not parsed:
        raise BuildError("no minutes file could be parsed; nothing published", skipped)

    def name(path: str) -> str:
        return str(Path(path).relative_to(root)) if Path(path).is_relative_to(root) else path

    parsed, dupes = drop_duplicates(parsed, digests, name)
    sources = {name(p.meeting.source_path): digests[p.meeting.source_path]
               for p in parsed if p.meeting.source_path in digests}
    registry_file = settings.resolved_people_file()
    ghosts: list = []
    resolved, people = resolve_people(parsed, settings, ghosts)
    live = _live(index_dir)
    details = Details(registry_file, live.build_id if live else None, *compare(live.sources if live else {}, sources),
                      skipped=passed_over + [Skipped(name(e.path), e.reason + (f" (line {e.line})" if e.line else ""),
                                                     True) for e in skipped],
                      duplicates=dupes, speakers=speaker_issues(resolved, people), ghosts=[g.text() for g in ghosts])
    if strict and details.warnings():
        exc = BuildError(f"--strict: {len(details.warnings())} warnings; nothing published")
        exc.details = details
        raise exc
    if if_changed and live and _same_as_live(index_dir, live, sources, _model_id(settings, embedder), resolved, people):
        details.unchanged = True
        return BuildReport(None, 0, 0, skipped, [], details)
    passages = [p for r in resolved for p in r.passages]
    cache = EmbeddingCache(index_dir / "cache" / "embeddings.sqlite")
    texts, owner, is_segment = embedding_units(passages)
    hashes = [text_hash(t) for t in texts]
    if embedder is None:  # bf16 for a large first build on AMX CPUs, else onnx on every core (bench/README.md)
        known_id = _model_id(settings, None)
        new = cache.missing(known_id, hashes) if known_id else len(set(hashes))
        embedder = build_embedder(settings, threads=os.cpu_count() or 1, new_texts=new)
    vectors, embedded = embed_texts(embedder, texts, cache, progress=progress, hashes=hashes)
    anchors, _ = embed_texts(embedder, list(ANCHORS), cache)
    reused = len(set(texts)) - embedded  # from the cache; a text repeated in this build is not "reused"
    details.embedded, details.reused = embedded, reused
    manifest = store.write_build(
        index_dir, model_id=embedder.model_id, vectors=vectors, owner=owner, is_segment=is_segment, anchors=anchors,
        meetings=[r.meeting for r in resolved], people=people, passages=passages, sources=sources,
        approx_threshold=settings.approx_threshold, encoder=getattr(embedder, "record", None))
    pruned: list[str] = []
    if publish:
        store.publish(index_dir, manifest.build_id)
        pruned = store.prune(index_dir, settings.keep_builds)
    return BuildReport(manifest, embedded, reused, skipped, pruned, details)
