"""The maintainer's loop as a user runs it (issue 12): `index list` details, people-file overrides that name
nobody, build progress, `ask`/`search` output and PDF citations by page.

Real `askbot` processes on real minutes (the seed, then the seed plus a two-page PDF) in tmp folders; the
second build reuses the first one's cache, so it embeds only the PDF.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import PEOPLE_FILE, SEED_DIR, copy_minutes
from test_build_report import askbot

from askbot.index import metadb, store

SEED = "2022-01-14-naeringssamarbeidet.txt"
PDF = "2022-03-11-referat.pdf"
PAGES = [["Referat møte i Osloregionens faggruppe Næringssamarbeidet", "Tid: Fredag 11. mars kl. 0900-1100",
          "Frammøtte:", "NAVN\tKOMMUNE / REGION", "Dag Aanensen\tAsker kommune",
          "Eli Arnkværn Bryhni (møteleder)\tHamarregionen utvikling", "Sak 1. Godkjenning av innkalling", "Godkjent"],
         ["Sak 2. Hydrogen og batterier", "Dag fra Asker:",
          "Asker utreder en fyllestasjon for hydrogen ved Slemmestad.", "Eli - Hamarregionen",
          "Hamar vil ha en batterifabrikk og trenger flere ingeniører."]]
GHOST = '\n[labels]\n# Eva Snare is in the seed\'s roster; this is a typo\n"Eva" = "Eva Snarre"\n'


def write_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for lines in PAGES:
        y = 800
        for text in lines:
            left, _, right = text.partition("\t")
            c.drawString(50, y, left)
            if right:
                c.drawString(300, y, right)
            y -= 20
        c.showPage()
    c.save()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Two published builds: the seed alone, then the seed plus a PDF meeting, with a ghost override."""
    root = tmp_path_factory.mktemp("maint")
    minutes = copy_minutes(root / "minutes", SEED_DIR / SEED)
    people = root / "people.toml"
    shutil.copy2(PEOPLE_FILE, people)
    env = dict(ASKBOT_MINUTES_DIR=str(minutes), ASKBOT_INDEX_DIR=str(root / "index"), ASKBOT_PEOPLE_FILE=str(people))
    first = askbot("build", cwd=root, **env)  # progress on, stderr a pipe (not a terminal)
    assert first.returncode == 0, first.stderr
    write_pdf(minutes / PDF)
    people.write_text(people.read_text(encoding="utf-8") + GHOST, encoding="utf-8")
    second = askbot("build", "--no-progress", cwd=root, **env)
    assert second.returncode == 0, second.stderr
    return root, env, first, second


def test_progress_says_what_it_does_one_line_per_stage_when_not_a_terminal(site):
    err = site[2].stderr
    assert err.count("parsing 1 files") == 1, err
    embedding = re.findall(r"^embedding (\d+) new texts \((\d+) reused from the cache\)$", err, re.M)
    assert len(embedding) == 1 and int(embedding[0][0]) > 50, err
    assert "\r" not in err and "it/s" not in err  # no bar redrawn into a log


def test_index_list_shows_when_meetings_people_and_changes(site):
    root, env = site[0], site[1]
    r = askbot("index", "list", cwd=root, **env)
    assert r.returncode == 0, r.stderr
    first, second = r.stdout.splitlines()
    builds = store.list_builds(root / "index")
    assert first.startswith(f"  {builds[0].build_id}  made ") and second.startswith(f"* {builds[1].build_id}  made ")
    assert "1 meetings 14.01.2022–14.01.2022" in first and f"{builds[0].people} people" in first
    assert f"vs previous: 1 added, 0 changed, 0 removed: +{SEED}" in first
    assert "2 meetings 14.01.2022–11.03.2022" in second and f"{builds[1].people} people" in second
    assert f"vs previous: 1 added, 0 changed, 0 removed: +{PDF}" in second
    rows = [json.loads(line) for line in askbot("index", "list", "--json", cwd=root, **env).stdout.splitlines()]
    assert [(b["build_id"], b["live"]) for b in rows] == [(builds[0].build_id, False), (builds[1].build_id, True)]
    assert rows[1]["first_meeting"] == "2022-01-14" and rows[1]["last_meeting"] == "2022-03-11"
    assert rows[1]["changes"] == {"added": [PDF], "changed": [], "removed": []} and rows[1]["meetings"] == 2


def test_override_naming_nobody_warns_with_file_and_line_and_makes_no_ghost(site):
    root, out = site[0], site[3].stdout
    people = root / "people.toml"
    line = people.read_text(encoding="utf-8").splitlines().index('"Eva" = "Eva Snarre"') + 1
    assert (f"warning: {people}, line {line}: override 'Eva' = 'Eva Snarre' names nobody in any roster" in out
            and "did you mean Eva Snare?" in out), out
    _, persons, _ = metadb.read(store.builds_dir(root / "index") / store.current(root / "index") / store.META)
    assert "Eva Snarre" not in {p.name for p in persons} and "Eva Snare" in {p.name for p in persons}
    strict = askbot("build", "--no-progress", "--strict", "--force", cwd=root, **site[1])
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    assert "names nobody in any roster" in strict.stdout and "published build" not in strict.stdout


def test_search_shows_citations_with_pdf_page_and_line_not_scores(site):
    root, env = site[0], site[1]
    r = askbot("search", "fyllestasjon for hydrogen ved Slemmestad", "--k", "3", cwd=root, **env)
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[1]
    assert first == f" 1. 11.03.2022 · sak 2 Hydrogen og batterier · Dag Aanensen (Asker kommune) · {PDF}, side 2, linje 3"
    assert not re.search(r"\[\d\.\d{4}\]", r.stdout)  # no raw fusion scores
    js = json.loads(askbot("search", "fyllestasjon for hydrogen ved Slemmestad", "--json", "--k", "1",
                           cwd=root, **env).stdout)
    hit = js["hits"][0]
    assert (hit["line_start"], hit["page"], hit["page_line"]) == (2003, 2, 3)  # line_start kept; page added


def test_ask_prints_each_quote_once_and_its_flags_have_help(site):
    root, env = site[0], site[1]
    r = askbot("ask", "Hvem jobber med bærekraftig transport?", cwd=root, **env)
    assert r.returncode == 0, r.stderr
    quotes = [line.strip() for line in r.stdout.splitlines() if line.strip().startswith("«")]
    assert quotes and len(quotes) == len(set(quotes)), r.stdout
    assert re.search(r"^1\. .+ — ", r.stdout, re.M)
    helptext = askbot("ask", "--help", cwd=root, **env).stdout
    for flag, words in [("--meeting", "meeting"), ("--since", "on or after"), ("--until", "on or before"),
                        ("--person", "person"), ("--org", "organisation")]:
        assert re.search(re.escape(flag) + r"\s+<str>\s+\S*.*" + words, helptext, re.I), (flag, helptext)
