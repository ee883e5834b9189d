"""Shared fixtures: the real model (loaded once) and real indexes built from real minutes in tmp dirs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from askbot.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO / "data" / "minutes"
OWN_DIR = REPO / "tests" / "minutes" / "own"
SAMPLES_DIR = REPO / "tests" / "minutes" / "samples"
PEOPLE_FILE = REPO / "data" / "people.toml"


def make_settings(root: Path, minutes: Path | None = None, **kw) -> Settings:
    """Settings for an index under `root` (minutes default: root/minutes), the real model from the cache."""
    minutes = minutes or root / "minutes"
    minutes.mkdir(parents=True, exist_ok=True)
    return Settings(minutes_dir=minutes, index_dir=root / "index", people_file=PEOPLE_FILE, **kw)


def copy_minutes(dest: Path, *sources: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for src in sources:
        files = [src] if src.is_file() else sorted(p for p in src.iterdir() if p.is_file())
        for f in files:
            shutil.copy2(f, dest / f.name)
    return dest


def engine_over(tmp_path_factory, embedder, name: str, *sources: Path):
    """An Engine over a real build of `sources` (minutes files or folders) in a fresh tmp dir."""
    from askbot.index import build
    from askbot.retrieve import Engine

    root = tmp_path_factory.mktemp(name)
    s = make_settings(root, copy_minutes(root / "minutes", *sources))
    build(s, embedder)
    return Engine.load(s, model=embedder)


def published_seed_copy(root: Path, seed_settings: Settings, embedder) -> Settings:
    """A private, published index of the seed under `root`, reusing the session's embedding cache."""
    from askbot.index import build

    settings = make_settings(root, copy_minutes(root / "minutes", SEED_DIR))
    shutil.copytree(seed_settings.index_dir / "cache", settings.index_dir / "cache")
    build(settings, embedder)
    return settings


@pytest.fixture(scope="session")
def embedder():
    """The real multilingual model, loaded once per test session."""
    from askbot.model import Embedder

    return Embedder.load(Settings())


@pytest.fixture(scope="session")
def seed_settings(tmp_path_factory, embedder) -> Settings:
    """A published index of the seed meeting alone."""
    from askbot.index import build

    root = tmp_path_factory.mktemp("seed")
    s = make_settings(root, copy_minutes(root / "minutes", SEED_DIR))
    build(s, embedder)
    return s


@pytest.fixture(scope="session")
def seed_engine(seed_settings, embedder):
    from askbot.retrieve import Engine

    return Engine.load(seed_settings, model=embedder)


@pytest.fixture(scope="session")
def archive_settings(tmp_path_factory, embedder) -> Settings:
    """A published index of the seed plus our own later meetings (recurring people, changed organisations)."""
    from askbot.index import build

    root = tmp_path_factory.mktemp("archive")
    s = make_settings(root, copy_minutes(root / "minutes", SEED_DIR, *[p for p in [OWN_DIR] if p.exists()]))
    build(s, embedder)
    return s


@pytest.fixture(scope="session")
def archive_engine(archive_settings, embedder):
    from askbot.retrieve import Engine

    return Engine.load(archive_settings, model=embedder)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's) for the page tests, one per module."""
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()
