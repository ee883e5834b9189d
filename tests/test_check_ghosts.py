"""`askbot check` warns about people-file overrides that name nobody, as `askbot build` does (people.ghosts),
and resolves without them. Real `askbot` processes on the seed meeting in a tmp folder."""

from __future__ import annotations

import shutil

from conftest import PEOPLE_FILE, SEED_DIR, copy_minutes
from test_maintainer_cli import SEED, askbot

EXTRA = ('\n[labels]\n"Eva" = "Eva Snarre"\n"Gina F" = "Gina Finsrud"\n'
         '\n[meeting."2022-01-14-naeringssamarbeidet".labels]\n"Kongsvinger-Eva" = "Eva Snarre"\n'
         '\n[meeting."2031-01-01-elsewhere".labels]\n"Ola" = "Ola Nobody"\n')


def test_check_warns_about_overrides_naming_nobody_with_file_line_and_suggestion(tmp_path):
    seed = copy_minutes(tmp_path / "minutes", SEED_DIR / SEED) / SEED
    people = tmp_path / "people.toml"
    shutil.copy2(PEOPLE_FILE, people)
    people.write_text(people.read_text(encoding="utf-8") + EXTRA, encoding="utf-8")
    lines = people.read_text(encoding="utf-8").splitlines()
    r = askbot("check", str(seed), cwd=tmp_path, ASKBOT_PEOPLE_FILE=str(people))
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stdout + r.stderr
    warnings = [w for w in r.stdout.splitlines() if w.startswith("warning: ")]
    for label in ("Eva", "Kongsvinger-Eva"):
        line = lines.index(f'"{label}" = "Eva Snarre"') + 1
        assert any(w.startswith(f"warning: {people}, line {line}: override '{label}' = 'Eva Snarre' names nobody "
                                "in any roster") and "did you mean Eva Snare?" in w for w in warnings), r.stdout
    assert len(warnings) == 2, warnings  # Gina F is real; a meeting not checked here is not judged
    assert "Eva Snarre" not in r.stdout.replace("= 'Eva Snarre'", "").replace('[person."Eva Snarre"]', "")
