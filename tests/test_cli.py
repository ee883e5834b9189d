"""The `askbot` command line as a user runs it.

Real subprocesses of the installed CLI where it matters (the --json contracts, errors printed without
tracebacks, a real `build`); typer's CliRunner in-process, with the session model, for the rest.
Processes that load the model are few (each costs 10-20 s here): search, ask and build --skip-bad.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PEOPLE_FILE, REPO, SEED_DIR, copy_minutes
from typer.testing import CliRunner

from askbot.cli import app
from askbot.index import store

SEED_FILE = SEED_DIR / "2022-01-14-naeringssamarbeidet.txt"
SEED_TEXT = SEED_FILE.read_text(encoding="utf-8")
WHO_TRANSPORT = "Hvem jobber med bærekraftig transport?"

HIT_KEYS = {"passage_id", "text", "score", "meeting", "agenda_item", "speaker"}
SPEAKER_KEYS = {"label", "name", "organisation", "ambiguous"}


# --- helpers -------------------------------------------------------------------------------------

def cli_env(tmp: Path, **extra: str) -> dict[str, str]:
    """The environment of a user whose settings point at tmp dirs (never the repo's own index)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASKBOT_")}
    env.update(ASKBOT_INDEX_DIR=str(tmp / "index"), ASKBOT_MINUTES_DIR=str(tmp / "minutes"),
               ASKBOT_PEOPLE_FILE=str(PEOPLE_FILE), COLUMNS="200", PYTHONIOENCODING="utf-8")
    env.update(extra)
    return env


def run(tmp: Path, *args: str, stdin: str | None = None, cwd: Path | None = None,
        timeout: int = 600, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "askbot.cli", *args], input=stdin, capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd or tmp, env=cli_env(tmp, **env), timeout=timeout)


def assert_clean_error(stderr: str, *needles: str) -> None:
    """A short message naming what is wrong; never a traceback."""
    assert "Traceback" not in stderr, stderr
    assert stderr.strip(), "no message on stderr"
    first = stderr.strip().splitlines()[0]
    assert first.startswith(("error:", "Usage:")), stderr
    for n in needles:
        assert n in stderr, f"{n!r} not in {stderr!r}"


@pytest.fixture
def runner(monkeypatch, embedder, tmp_path) -> CliRunner:
    """In-process CLI with the session model (Engine.load / build would otherwise load it again)."""
    from askbot.model import Embedder

    monkeypatch.setattr(Embedder, "load", classmethod(lambda cls, settings, threads=1: embedder))
    for k, v in cli_env(tmp_path).items():
        if k.startswith("ASKBOT_"):
            monkeypatch.setenv(k, v)
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


# --- --help everywhere ---------------------------------------------------------------------------

HELP = [
    ([], "Ask the network's meeting minutes"),
    (["build"], "publish a new build atomically"),
    (["check"], "Parse files only"),
    (["search"], "Ranked passages for a question"),
    (["ask"], "Answer a question"),
    (["eval"], "Retrieval metrics"),
    (["serve"], "Run the HTTP service"),
    (["bot"], "Run the Telegram bot"),
    (["index"], "List and roll back published builds"),
    (["index", "list"], "Published builds, oldest first"),
    (["index", "rollback"], "Make an earlier build live again"),
    (["model"], "Provision and check the embedding model"),
    (["model", "provision"], "Make the embedding model available offline"),
]


@pytest.mark.parametrize("cmd,text", HELP, ids=[" ".join(c) or "askbot" for c, _ in HELP])
def test_help(cmd, text):
    r = CliRunner().invoke(app, [*cmd, "--help"], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    assert text in " ".join(r.output.split())
    assert "Usage:" in r.output


def test_installed_console_script_help(tmp_path):
    script = Path(sys.executable).parent / "askbot"
    assert script.exists(), "the `askbot` console script is not installed beside this python"
    r = subprocess.run([str(script), "--help"], capture_output=True, text=True, env=cli_env(tmp_path),
                       cwd=tmp_path, timeout=120)
    assert r.returncode == 0, r.stderr
    for command in ("build", "check", "search", "ask", "eval", "serve", "index", "model"):
        assert command in r.stdout


# --- search --json over stdin (subprocess) -------------------------------------------------------

def test_search_json_reads_questions_from_stdin(tmp_path, seed_settings):
    questions = ["Hvem har etablert et næringsfond?", "", "Who works on hydrogen?",
                 "   ", "Hvordan redusere klimautslipp fra tungtransporten?"]
    r = run(tmp_path, "search", "--json", "--k", "3", "--index", str(seed_settings.index_dir),
            stdin="\n".join(questions) + "\n")
    assert r.returncode == 0, r.stderr
    assert "Traceback" not in r.stderr
    lines = r.stdout.splitlines()
    asked = [q for q in questions if q.strip()]
    assert len(lines) == len(asked), r.stdout
    for q, line in zip(asked, lines):
        obj = json.loads(line)
        assert set(obj) == {"query", "hits"}
        assert obj["query"] == q
        assert len(obj["hits"]) == 3
        scores = [h["score"] for h in obj["hits"]]
        assert scores == sorted(scores, reverse=True)
        for h in obj["hits"]:
            assert HIT_KEYS <= set(h)
            assert set(h["meeting"]) == {"id", "date", "title"}
            assert h["meeting"]["date"] == "2022-01-14"
            assert set(h["agenda_item"]) == {"number", "title"}
            assert SPEAKER_KEYS <= set(h["speaker"])
            assert isinstance(h["speaker"]["ambiguous"], bool)
            assert isinstance(h["score"], float)
            assert h["text"] and h["text"] in SEED_TEXT, h["text"]
    # the fund question finds Harriet's passage at the top
    first = json.loads(lines[0])["hits"][0]
    assert first["speaker"]["name"] == "Harriet Slaaen" and "næringsfond" in first["text"]


# --- ask (subprocess for --json, in-process for the rendered answer) -----------------------------

def test_ask_json_names_the_person(tmp_path, seed_settings):
    r = run(tmp_path, "ask", WHO_TRANSPORT, "--json", "--index", str(seed_settings.index_dir))
    assert r.returncode == 0, r.stderr
    a = json.loads(r.stdout)
    assert set(a) >= {"query", "language", "kind", "people", "hits", "text"}
    assert a["query"] == WHO_TRANSPORT and a["language"] == "no" and a["kind"] == "people"
    names = [p["name"] for p in a["people"]]
    assert "Ingar Vaskinn" in names[:3], names
    ingar = next(p for p in a["people"] if p["name"] == "Ingar Vaskinn")
    assert ingar["organisation"] == "Kongsbergregionen"
    assert ingar["citations"] and all(c["quote"] for c in ingar["citations"])
    for c in a["hits"]:
        assert c["meeting"]["date"] == "2022-01-14" and c["agenda_item"]["number"]


def test_ask_prints_citation_lines(runner, seed_settings):
    r = invoke(runner, "ask", WHO_TRANSPORT, "--index", str(seed_settings.index_dir))
    assert r.exit_code == 0, r.output
    assert "Ingar Vaskinn" in r.stdout
    cites = [line for line in r.stdout.splitlines() if "14.01.2022" in line and "sak " in line]
    assert cites, r.stdout


# --- errors: a clear message, a non-zero exit, no traceback --------------------------------------

def _garbage_dir(tmp: Path) -> Path:
    d = copy_minutes(tmp / "minutes", SEED_FILE)
    (d / "2022-02-01-garbage.txt").write_bytes(bytes(range(256)) * 8)
    return d


def _bad_questions(tmp: Path) -> Path:
    f = tmp / "questions.jsonl"
    f.write_text('{"id": "a", "question": "Hvem?", "lang": "no"}\n\n{"id": "b", "question": \n', encoding="utf-8")
    return f


def _binary(tmp: Path, name: str) -> Path:
    f = tmp / name
    f.write_bytes(bytes(range(128, 256)) * 4)
    return f


def _empty_dir(tmp: Path) -> Path:
    d = tmp / "empty"
    d.mkdir()
    return d


def _file(tmp: Path, name: str, text: str) -> Path:
    f = tmp / name
    f.write_text(text, encoding="utf-8")
    return f


# (id, argv builder taking tmp, words the message must hold); none of these loads the model
FAST_ERRORS = [
    ("build-missing-dir", lambda t: ["build", "--minutes", str(t / "nope")], ["nope", "does not exist"]),
    ("build-empty-dir", lambda t: ["build", "--minutes", str(_empty_dir(t))], ["no minutes files", "empty"]),
    ("build-garbage-file", lambda t: ["build", "--minutes", str(_garbage_dir(t))], ["2022-02-01-garbage.txt", "--skip-bad"]),
    ("rollback-nothing", lambda t: ["index", "rollback"], ["no earlier build"]),
    ("rollback-unknown", lambda t: ["index", "rollback", "nosuchbuild"], ["nosuchbuild"]),
    ("check-empty-file", lambda t: ["check", str(_file(t, "2022-03-01-empty.txt", ""))], ["2022-03-01-empty.txt", "empty"]),
    ("check-no-date", lambda t: ["check", str(_file(t, "referat.txt", "Referat\n\nSak 1. Velkommen\nHei alle.\n"))],
     ["referat.txt", "no meeting date"]),
    ("search-bad-since", lambda t: ["search", "hydrogen", "--since", "notadate"], ["--since", "notadate"]),
    ("ask-bad-until", lambda t: ["ask", "hydrogen", "--until", "2022-13-01"], ["--until", "2022-13-01"]),
    ("eval-malformed-line", lambda t: ["eval", str(_bad_questions(t))], ["questions.jsonl:3"]),
    ("eval-binary-file", lambda t: ["eval", str(_binary(t, "questions.jsonl"))], ["questions.jsonl", "UTF-8"]),
    ("eval-directory", lambda t: ["eval", str(t)], ["is a directory"]),
]


@pytest.mark.parametrize("argv,needles", [(a, n) for _, a, n in FAST_ERRORS], ids=[i for i, _, _ in FAST_ERRORS])
def test_error_is_a_clear_message(tmp_path, argv, needles):
    r = run(tmp_path, *argv(tmp_path), timeout=120)
    assert r.returncode != 0
    assert_clean_error(r.stderr, *needles)
    assert not (tmp_path / "index" / "CURRENT").exists()  # nothing was published


@pytest.mark.parametrize("argv,needles", [
    (["search", "hydrogen"], ["run `askbot build` first"]),
    (["search", "--json"], ["run `askbot build` first"]),
    (["ask", "hvem jobber med hydrogen?"], ["run `askbot build` first"]),
], ids=["search", "search-stdin", "ask"])
def test_no_build_yet(runner, argv, needles):
    r = invoke(runner, *argv, input="hydrogen\n")
    assert r.exit_code != 0
    assert isinstance(r.exception, SystemExit), r.exception  # a message, not a crash
    assert_clean_error(r.stderr, *needles)


@pytest.mark.parametrize("question,needles", [
    ("", ["empty"]),
    ("   ", ["empty"]),
    ("hvem " * 101, ["504 characters", "limit is 500"]),
], ids=["empty", "blank", "too-long"])
def test_ask_refuses_bad_questions(runner, seed_settings, question, needles):
    r = invoke(runner, "ask", question, "--index", str(seed_settings.index_dir))
    assert r.exit_code != 0
    assert isinstance(r.exception, SystemExit), r.exception
    assert_clean_error(r.stderr, *needles)
    assert r.stdout == ""


def test_search_refuses_a_long_question(runner, seed_settings):
    r = invoke(runner, "search", "x" * 501, "--json", "--index", str(seed_settings.index_dir))
    assert r.exit_code != 0 and isinstance(r.exception, SystemExit)
    assert_clean_error(r.stderr, "limit is 500")


def test_bad_file_leaves_current_alone_and_skip_bad_publishes(tmp_path, seed_settings):
    """A garbage file fails the build (CURRENT unchanged); `build --skip-bad` as a real process publishes."""
    idx = tmp_path / "index"
    shutil.copytree(seed_settings.index_dir, idx)  # a live build to keep
    live = store.current(idx)
    assert live
    minutes = _garbage_dir(tmp_path)

    bad = run(tmp_path, "build", "--minutes", str(minutes), "--index", str(idx), timeout=120)
    assert bad.returncode != 0
    assert_clean_error(bad.stderr, "2022-02-01-garbage.txt", "nothing published")
    assert store.current(idx) == live
    assert len(store.list_builds(idx)) == 1

    ok = run(tmp_path, "build", "--skip-bad", "--no-progress", "--minutes", str(minutes), "--index", str(idx))
    assert ok.returncode == 0, ok.stderr
    assert "Traceback" not in ok.stderr
    assert "skipped:" in ok.stderr and "2022-02-01-garbage.txt" in ok.stderr
    assert "published build" in ok.stdout and "1 meetings" in ok.stdout
    assert store.current(idx) != live
    assert store.current(idx) in ok.stdout


# --- check ---------------------------------------------------------------------------------------

def test_check_seed_prints_structure_and_ambiguous_speaker(tmp_path):
    r = run(tmp_path, "check", "data/minutes/2022-01-14-naeringssamarbeidet.txt", cwd=REPO, timeout=120)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "agenda     9 items" in out
    for n in range(1, 10):
        assert f"\n    {n}. " in out, f"agenda item {n} missing"
    assert "Runden rundt bordet" in out and "Eventuelt" in out
    assert "Øyvind → AMBIGUOUS: Øyvind Andreas Sørli, Øyvind Sätvedt" in out
    assert "Harriet fra Ringeriksregionen → Harriet Slaaen" in out


# --- index list / rollback -----------------------------------------------------------------------

def test_build_twice_list_and_rollback(runner, tmp_path, seed_settings):
    idx = tmp_path / "index"
    minutes = copy_minutes(tmp_path / "minutes", SEED_FILE)
    shutil.copytree(seed_settings.index_dir / "cache", idx / "cache")  # the seed's vectors: nothing to embed
    ids = []
    for _ in range(2):
        r = invoke(runner, "build", "--minutes", str(minutes), "--index", str(idx), "--no-progress", "--force")
        assert r.exit_code == 0, r.output
        ids.append(store.current(idx))
    first, second = ids
    assert first != second

    listing = invoke(runner, "index", "list", "--index", str(idx))
    assert listing.exit_code == 0
    rows = {line[2:].split()[0]: line for line in listing.stdout.splitlines() if line.strip()}
    assert set(rows) == {first, second}
    assert rows[second].startswith("* ") and rows[first].startswith("  ")

    back = invoke(runner, "index", "rollback", "--index", str(idx))
    assert back.exit_code == 0, back.output
    assert first in back.stdout
    assert (idx / "CURRENT").read_text().strip() == first == store.current(idx)
    listing = invoke(runner, "index", "list", "--index", str(idx))
    assert any(line.startswith(f"* {first}") for line in listing.stdout.splitlines())

    forward = invoke(runner, "index", "rollback", second, "--index", str(idx))
    assert forward.exit_code == 0 and store.current(idx) == second


def test_index_list_with_no_builds(runner, tmp_path):
    r = invoke(runner, "index", "list", "--index", str(tmp_path / "nothing"))
    assert r.exit_code == 0 and "no builds" in r.stdout


# --- eval ----------------------------------------------------------------------------------------

@pytest.fixture
def question_subset(tmp_path) -> tuple[Path, dict[str, int]]:
    """Some lines of tests/eval/questions.jsonl: the first 3 answerable per language, 1 unanswerable.

    The whole set takes minutes on this machine and is already measured in test_search.py; this
    test is about the command around it.
    """
    lines = (REPO / "tests" / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    picked, counts, unanswerable = [], {"no": 0, "en": 0}, 0
    for line in filter(str.strip, lines):
        q = json.loads(line)
        if q.get("answer_contains") is None:
            if not unanswerable:
                picked.append(line)
                unanswerable += 1
        elif counts[q["lang"]] < 3:
            picked.append(line)
            counts[q["lang"]] += 1
    assert counts == {"no": 3, "en": 3} and unanswerable == 1
    f = tmp_path / "questions.jsonl"
    f.write_text("\n".join(picked) + "\n", encoding="utf-8")
    return f, counts


def test_eval_json_has_rows_per_language(runner, seed_settings, question_subset):
    path, counts = question_subset
    r = invoke(runner, "eval", str(path), "--json", "--index", str(seed_settings.index_dir))
    assert r.exit_code == 0, r.output
    result = json.loads(r.stdout)
    assert {"no", "en", "all"} <= set(result["rows"])
    for lang in ("no", "en"):
        row = result["rows"][lang]
        assert row["questions"] == counts[lang]
        assert 0.0 <= row["recall@1"] <= row["recall@5"] <= 1.0
        assert 0.5 <= row["mrr@10"] <= 1.0
    assert result["rows"]["all"]["questions"] == 6
    assert result["no_answer"]["questions"] == 1
    assert set(result["no_answer"]) == {"questions", "said_none", "false_none_on_answerable"}

    table = invoke(runner, "eval", str(path), "--index", str(seed_settings.index_dir))
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].split()[:3] == ["set", "n", "R@1"]
    assert any(line.split()[:2] == ["no", "3"] for line in table.stdout.splitlines())


@pytest.mark.parametrize("number, title, lang, shown", [
    ("3", "Runden rundt bordet", "no", "14.01.2022 · sak 3 Runden rundt bordet · Ingar Vaskinn · a.txt, linje 7"),
    ("", "", "no", "14.01.2022 · Ingar Vaskinn · a.txt, linje 7"),  # an attendance line before the agenda
    ("", "", "en", "14.01.2022 · Ingar Vaskinn · a.txt, line 7"),
])
def test_a_citation_names_the_item_only_when_there_is_one(number, title, lang, shown):
    import datetime as dt

    from askbot.render import citation_line
    from askbot.types import Citation

    c = Citation(dt.date(2022, 1, 14), "Møte", number, title, "Ingar Vaskinn", None, "…", "m.001", "a.txt", 7)
    assert citation_line(c, lang) == shown
