"""Each passage's language is judged once, by the build (langs.txt), and read back at load; a build
of an older format (without it) is refused with a clear reason. Real builds of the seed meeting."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest

from askbot.errors import IndexStoreError
from askbot.index import store
from askbot.index.langs import LANGUAGES_FILE, text_language
from askbot.retrieve.search import Searcher


@pytest.fixture
def build_copy(tmp_path, seed_settings):
    """A private copy of the seed index (its builds and CURRENT), to damage."""
    index = tmp_path / "index"
    shutil.copytree(seed_settings.index_dir / "builds", index / "builds")
    shutil.copy2(seed_settings.index_dir / "CURRENT", index / "CURRENT")
    return index, index / "builds" / store.current(index)


def test_the_build_stores_each_passages_language(seed_settings):
    build = store.open_build(seed_settings.index_dir)
    lines = (build.path / LANGUAGES_FILE).read_text().splitlines()
    assert len(lines) == len(build.passages) > 0
    assert lines == [text_language(f"{p.agenda_title} {p.text}") for p in build.passages]
    assert build.languages == lines
    assert LANGUAGES_FILE in build.manifest.files  # checksummed like every build file


def test_the_searcher_reads_the_stored_languages(seed_settings, embedder):
    build = store.open_build(seed_settings.index_dir)
    stored = ["en" if i % 2 else "da" for i in range(len(build.passages))]  # not what the text says
    searcher = Searcher(dataclasses.replace(build, languages=stored), embedder)
    assert searcher.passage_languages() == stored


def _rewrite_manifest(build_dir, **changes):
    path = build_dir / store.MANIFEST
    manifest = json.loads(path.read_text())
    manifest.update(changes)
    path.write_text(json.dumps(manifest))


def test_a_build_of_the_previous_format_is_refused(build_copy):
    index, build_dir = build_copy
    (build_dir / LANGUAGES_FILE).unlink()
    manifest = json.loads((build_dir / store.MANIFEST).read_text())
    files = {k: v for k, v in manifest["files"].items() if k != LANGUAGES_FILE}
    _rewrite_manifest(build_dir, format_version=3, files=files)  # as askbot made it before langs.txt
    with pytest.raises(IndexStoreError, match=rf"has format 3, expected {store.FORMAT_VERSION}: .*older askbot; rebuild with `askbot build`"):
        store.open_build(index)


def test_a_languages_file_that_does_not_fit_is_refused(build_copy):
    index, build_dir = build_copy
    (build_dir / LANGUAGES_FILE).write_text("no\nxx\n")
    _rewrite_manifest(build_dir, files=store._hash_tree(build_dir))  # checksums agree: the content is judged
    with pytest.raises(IndexStoreError, match=r"could not be loaded: .*langs\.txt: line 2 holds 'xx'"):
        store.open_build(index)
