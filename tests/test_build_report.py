"""`askbot build`'s report, `--strict`, no-op rebuilds, skipped files and the people file, as a user runs them.

Real `askbot` processes on real minutes in tmp folders; one index is built per module (the model load
is the slow part) and copied where a test changes it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OWN_DIR, PEOPLE_FILE, SEED_DIR, copy_minutes

from askbot.index import store

ASKBOT = Path(sys.executable).with_name("askbot")
SEED = "2022-01-14-naeringssamarbeidet.txt"
MARCH = "2022-03-11-naeringssamarbeidet.txt"


def askbot(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("ASKBOT_")}
    base.update(COLUMNS="200", PYTHONIOENCODING="utf-8", **env)
    return subprocess.run([str(ASKBOT), *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd,
                          env=base, timeout=600, check=False)


def build(minutes: Path, index: Path, *flags: str) -> subprocess.CompletedProcess:
    return askbot("build", "--no-progress", *flags, cwd=index.parent, ASKBOT_MINUTES_DIR=str(minutes),
                  ASKBOT_INDEX_DIR=str(index), ASKBOT_PEOPLE_FILE=str(PEOPLE_FILE))


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """A published build of the seed and the March meeting, and the first build's output."""
    root = tmp_path_factory.mktemp("live")
    minutes = copy_minutes(root / "minutes", SEED_DIR / SEED, OWN_DIR / MARCH)
    r = build(minutes, root / "index")
    assert r.returncode == 0, r.stderr
    return root, r


def copy_index(live, dest: Path) -> Path:
    shutil.copytree(live[0] / "index", dest / "index")
    return dest / "index"


def edited_minutes(dest: Path) -> Path:
    """The live folder after a maintainer's afternoon: a rename, a typo, a copy and clutter."""
    m = copy_minutes(dest / "minutes", SEED_DIR / SEED, OWN_DIR / MARCH)
    (m / SEED).rename(m / "2022-01-14-faggruppe.txt")  # same meeting under a new name: added + removed
    march = (m / MARCH).read_text(encoding="utf-8")
    assert "\nIngar fra Kongsbergregionen:" in march
    (m / MARCH).write_text(march.replace("\nIngar fra Kongsbergregionen:", "\nIngr fra Kongsbergregionen:"),
                           encoding="utf-8")
    shutil.copy2(m / MARCH, m / "2022-03-11-naeringssamarbeidet - Kopi.txt")
    (m / "~$referat.docx").write_bytes(b"\x00owner lock\x00")  # not a docx: parsing it would fail the build
    shutil.copy2(SEED_DIR / SEED, m / ".utkast.txt")
    for name in ("gammelt.doc", "notat.odt", "brev.rtf"):
        (m / name).write_bytes(b"{\\rtf1 not read}")
    return m


def test_first_build_reports_what_it_adds_and_embeds(live):
    out = live[1].stdout
    assert f"people file: {PEOPLE_FILE}\n" in out
    assert "against the live build (none): 2 added, 0 changed, 0 removed" in out
    assert f"  + {SEED}" in out and f"  + {MARCH}" in out
    embedded = int(out.split("texts embedded ")[1].split(",")[0])
    assert embedded > 50
    assert "ambiguous speaker 'Øyvind' (2022-01-14-naeringssamarbeidet" in out
    assert "Øyvind Andreas Sørli" in out and "Øyvind Sätvedt" in out


def test_rebuild_with_nothing_changed_publishes_nothing(live, tmp_path):
    index = copy_index(live, tmp_path)
    before = store.current(index)
    r = build(live[0] / "minutes", index)
    assert r.returncode == 0, r.stderr
    assert f"nothing changed since the live build {before}: nothing published" in r.stdout
    assert "published build" not in r.stdout
    assert store.current(index) == before and [m.build_id for m in store.list_builds(index)] == [before]


def test_strict_refuses_every_warning_and_publishes_nothing(live, tmp_path):
    index = copy_index(live, tmp_path)
    before = store.current(index)
    r = build(edited_minutes(tmp_path), index, "--strict")
    assert r.returncode == 1
    assert "error: --strict:" in r.stderr and "nothing published" in r.stderr and "Traceback" not in r.stderr
    out = r.stdout
    assert "skipped gammelt.doc: askbot cannot read .doc files; convert to .docx or .pdf" in out
    assert "skipped notat.odt:" in out and "skipped brev.rtf:" in out
    assert f"duplicate 2022-03-11-naeringssamarbeidet - Kopi.txt: the same content as {MARCH}" in out
    assert ("unresolved speaker 'Ingr fra Kongsbergregionen' (2022-03-11-naeringssamarbeidet, line" in out
            and "did you mean Ingar Vaskinn (Kongsbergregionen)?" in out)
    assert "published build" not in out
    assert store.current(index) == before and len(store.list_builds(index)) == 1


def test_report_names_changes_duplicates_and_skipped_files(live, tmp_path):
    index = copy_index(live, tmp_path)
    before = store.current(index)
    r = build(edited_minutes(tmp_path), index)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert f"against the live build {before}: 1 added, 1 changed, 1 removed" in out
    assert "  + 2022-01-14-faggruppe.txt" in out and f"  ~ {MARCH}" in out and f"  - {SEED}" in out
    assert "skipped ~$referat.docx: a Word lock file" in out and "skipped .utkast.txt: a hidden file" in out
    assert "skipped gammelt.doc: askbot cannot read .doc files; convert to .docx or .pdf" in out
    assert "duplicate 2022-03-11-naeringssamarbeidet - Kopi.txt" in out
    assert "did you mean Ingar Vaskinn (Kongsbergregionen)?" in out
    reused = int(out.split("texts embedded ")[1].split("reused ")[1].split()[0])
    assert reused > 50  # the renamed meeting's texts come from the cache
    new = store.current(index)
    assert new != before and f"published build {new}" in out
    manifest = store.list_builds(index)[-1]
    assert manifest.meetings == 2  # the copy is not indexed twice
    assert sorted(manifest.sources) == ["2022-01-14-faggruppe.txt", MARCH]


def test_check_says_which_people_file_it_used(tmp_path):
    seed = copy_minutes(tmp_path / "minutes", SEED_DIR / SEED) / SEED
    named = askbot("check", str(seed), cwd=tmp_path, ASKBOT_PEOPLE_FILE=str(PEOPLE_FILE))
    assert named.returncode == 0, named.stderr
    assert named.stdout.startswith(f"people file: {PEOPLE_FILE}\n")
    beside = askbot("check", str(seed), cwd=tmp_path, ASKBOT_MINUTES_DIR=str(tmp_path / "minutes"))
    assert beside.returncode == 0, beside.stderr
    assert beside.stdout.startswith(f"people file: {tmp_path / 'people.toml'} (not there: no overrides")


def test_check_exits_non_zero_on_an_unresolved_speaker(tmp_path):
    import subprocess
    import sys

    f = tmp_path / "2023-01-05-styremote.txt"
    f.write_text("Referat styremøte 5. januar 2023\n\nTil stede: Kari Nordmann, Per Berg\n\nSak 1. Budsjett\n\n"
                 "Bjørnar fra Innovasjon Norge:\nVi kan bidra med midler.\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "askbot.cli", "check", str(f)], capture_output=True, text=True,
                         env={**__import__("os").environ, "ASKBOT_PEOPLE_FILE": str(tmp_path / "none.toml")})
    assert out.returncode == 1, out.stdout + out.stderr
    assert "UNRESOLVED" in out.stdout and "1 unresolved speaker label(s)" in out.stderr
    ok = tmp_path / "ok" / f.name
    ok.parent.mkdir()
    ok.write_text(f.read_text(encoding="utf-8").replace("Bjørnar fra Innovasjon Norge:", "Kari:"), encoding="utf-8")
    assert subprocess.run([sys.executable, "-m", "askbot.cli", "check", str(ok)], capture_output=True).returncode == 0


def test_two_people_written_the_same_way_are_told_as_such(tmp_path):
    """Two attendees both written "Frederik": the report says two people nothing tells apart, not
    "Frederik, Frederik", in `askbot check` and in the build report's warning alike."""
    from askbot.index.report import Speaker

    f = tmp_path / "2024-09-30-styremote.txt"
    f.write_text("Referat styremøte 30. september 2024\n\nTil stede: Frederik, Kari Nordmann, Frederik\n\n"
                 "Sak 1. Økonomi\n\n- Frederik orienterte om regnskapet.\n", encoding="utf-8")
    out = askbot("check", str(f), cwd=tmp_path, ASKBOT_PEOPLE_FILE=str(tmp_path / "none.toml"))
    assert "AMBIGUOUS: Frederik ×2 (different people written the same way" in out.stdout, out.stdout
    assert "Frederik, Frederik" not in out.stdout
    turn = tmp_path / "turn" / f.name  # a turn by that name is no more one person than reported speech is
    turn.parent.mkdir()
    turn.write_text(f.read_text(encoding="utf-8").replace("- Frederik orienterte om regnskapet.",
                                                          "Frederik: Jeg har regnskapet."), encoding="utf-8")
    out = askbot("check", str(turn), cwd=tmp_path, ASKBOT_PEOPLE_FILE=str(tmp_path / "none.toml"))
    assert "Frederik → AMBIGUOUS: Frederik ×2 (" in out.stdout, out.stdout
    text = Speaker("2024-09-30-styremote", "Frederik", 7, "ambiguous", ("Frederik", "Frederik")).text()
    assert text.startswith("ambiguous speaker 'Frederik' (2024-09-30-styremote, line 7) could be Frederik ×2 (")
    two = Speaker("m", "Øyvind", 3, "ambiguous", ("Øyvind Sørli (A)", "Øyvind Sätvedt (B)")).text()
    assert "could be Øyvind Sørli (A), Øyvind Sätvedt (B); name the person" in two
