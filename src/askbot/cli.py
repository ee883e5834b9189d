"""The `askbot` command line: build, check, search, ask, index, eval, model, serve, bot."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Optional

import typer

from askbot.errors import AskbotError
from askbot.settings import Settings

app = typer.Typer(help="Ask the network's meeting minutes: who works on what, with citations.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
index_app = typer.Typer(help="List and roll back published builds.", no_args_is_help=True)
model_app = typer.Typer(help="Provision and check the embedding model (offline).", no_args_is_help=True)
app.add_typer(index_app, name="index")
app.add_typer(model_app, name="model")

MinutesOpt = typer.Option(None, "--minutes", help="Minutes folder (default $ASKBOT_MINUTES_DIR or data/minutes).")
IndexOpt = typer.Option(None, "--index", help="Index folder (default $ASKBOT_INDEX_DIR or index).")


def _settings(minutes: Optional[Path] = None, index: Optional[Path] = None) -> Settings:
    s = Settings()
    if minutes:
        s.minutes_dir = minutes
    if index:
        s.index_dir = index
    return s


def _fail(exc: Exception, code: int = 1):
    typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code)


def _os_error(exc: OSError, outcome: str) -> str:
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}; {outcome}"


def _filters(meeting, since, until, person, org):
    from askbot.types import Filters

    def day(value: Optional[str], flag: str) -> Optional[dt.date]:
        try:
            return dt.date.fromisoformat(value) if value else None
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not a date; dates look like 2022-01-14", param_hint=flag)

    return Filters(meeting, day(since, "'--since'"), day(until, "'--until'"), person, org)


def _engine(index: Optional[Path], fusion: str = "gated"):
    from askbot.retrieve import Engine, Fusion

    return Engine.load(_settings(index=index), fusion=Fusion(mode=fusion))


FusionOpt = typer.Option("gated", "--fusion", help="gated (default), rrf, dense or lexical.")


@app.command()
def build(minutes: Optional[Path] = MinutesOpt, index: Optional[Path] = IndexOpt,
          skip_bad: bool = typer.Option(False, "--skip-bad", help="Publish even if some files fail to parse."),
          strict: bool = typer.Option(False, "--strict", help="Treat the report's warnings (skipped or duplicate "
                                      "files, unresolved or ambiguous speakers) as errors: publish nothing."),
          force: bool = typer.Option(False, "--force", help="Publish a new build even if nothing changed."),
          progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar.")):
    """Parse every minutes file, embed new passages, report what changed, and publish a new build atomically."""
    from askbot.index import build as run_build
    from askbot.index.report import format_report

    try:
        report = run_build(_settings(minutes, index), skip_bad=skip_bad, progress=progress, strict=strict,
                           if_changed=not force)
    except AskbotError as exc:
        if getattr(exc, "details", None) is not None:
            typer.echo(format_report(exc.details))
        _fail(exc)
    except OSError as exc:  # disk full, read-only folder, a file deleted mid-build: nothing was published
        _fail(_os_error(exc, "nothing published"))
    for e in report.skipped:
        typer.secho(f"skipped: {e}", fg=typer.colors.YELLOW, err=True)
    typer.echo(format_report(report.details))
    m = report.manifest
    if m is None:
        return
    typer.echo(f"published build {m.build_id}: {m.meetings} meetings, {m.passages} passages, {m.people} people; "
               f"embedded {report.embedded}, reused {report.cached} from cache ({m.index_type}, {m.model_id})")


@app.command()
def check(files: list[Path] = typer.Argument(..., help="Minutes files to parse (nothing is indexed).")):
    """Parse files only: print their structure and any unresolved or ambiguous speakers."""
    from askbot.index.report import people_file_line
    from askbot.minutes import parse_file
    from askbot.minutes.repeats import repeats_note
    from askbot.people import PeopleRegistry, format_check

    people_file = Settings().resolved_people_file()
    typer.echo(people_file_line(people_file))
    try:
        registry = PeopleRegistry.from_file(people_file)
    except AskbotError as exc:
        _fail(exc)
    from dataclasses import replace

    from askbot.people import unresolved
    from askbot.people.ghosts import drop_ghosts

    failed = open_speakers = 0
    raw = {}
    for f in files:
        try:
            raw[f] = parse_file(f)
        except AskbotError as exc:
            failed += 1
            typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    ids = {pm.meeting.id for pm in raw.values()}  # overrides for meetings not checked here are not judged
    ov = registry.overrides
    ov, ghosts = drop_ghosts(people_file, replace(ov, meeting_labels={m: t for m, t in ov.meeting_labels.items()
                                                                      if m in ids}), list(raw.values()))
    for g in ghosts:  # as `askbot build` warns, and resolved the way build resolves (the rule dropped)
        typer.echo(f"warning: {g.text()}")
    registry = PeopleRegistry(ov)
    for f, pm in raw.items():
        try:
            parsed = registry.resolve(pm)
            typer.echo(format_check(parsed) + repeats_note(parsed.passages))
            open_speakers += len(unresolved(parsed, registry.overrides))
        except AskbotError as exc:
            failed += 1
            typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
    if open_speakers and not failed:  # a maintainer's script should notice a speaker nobody is
        typer.secho(f"error: {open_speakers} unresolved speaker label(s); settle them in {people_file}",
                    fg=typer.colors.RED, err=True)
    raise typer.Exit(1 if failed or open_speakers else 0)


@app.command()
def search(question: Optional[str] = typer.Argument(None, help="The question; omit to read one per line on stdin."),
           json_out: bool = typer.Option(False, "--json", help="One JSON object per question."),
           k: int = typer.Option(10, "--k", help="Passages per question."), index: Optional[Path] = IndexOpt,
           meeting: Optional[str] = typer.Option(None, help="Meeting id (or date prefix)."),
           since: Optional[str] = typer.Option(None, help="From date, YYYY-MM-DD."),
           until: Optional[str] = typer.Option(None, help="To date, YYYY-MM-DD."),
           person: Optional[str] = typer.Option(None, help="Person id or part of a name."),
           org: Optional[str] = typer.Option(None, help="Part of an organisation name.")):
    """Ranked passages for a question (or for each stdin line with --json)."""
    from askbot.jsonshapes import hit_to_dict

    filters = _filters(meeting, since, until, person, org)
    try:
        engine = _engine(index)
        questions = [question] if question else (line.strip() for line in sys.stdin)
        for q in questions:
            if not q:
                continue
            hits = engine.search(q, k, filters)
            if json_out:
                rows = [hit_to_dict(h, engine.meeting(h.passage.meeting_id), engine.person(h.passage.person_id or ""),
                                    [engine.person(i) for i in h.passage.people_ids]) for h in hits]
                typer.echo(json.dumps({"query": q, "hits": rows}, ensure_ascii=False))
                sys.stdout.flush()
            else:
                from askbot.render import render_hits

                typer.echo(render_hits(q, hits, engine))
    except AskbotError as exc:
        _fail(exc)


@app.command()
def ask(question: str = typer.Argument(..., help='E.g. "hvem jobber med hydrogen?"'),
        json_out: bool = typer.Option(False, "--json", help="Print the Answer as JSON."),
        k: int = typer.Option(5, "--k", help="Passages to cite."), index: Optional[Path] = IndexOpt,
        meeting: Optional[str] = typer.Option(None, help="Only this meeting: its id or a date prefix (2022-01)."),
        since: Optional[str] = typer.Option(None, help="Only meetings on or after this date, YYYY-MM-DD."),
        until: Optional[str] = typer.Option(None, help="Only meetings on or before this date, YYYY-MM-DD."),
        person: Optional[str] = typer.Option(None, help="Only what this person said: an id or part of a name."),
        org: Optional[str] = typer.Option(None, help="Only speakers from this organisation (part of its name).")):
    """Answer a question: the people (for who-questions) or passages, each with a citation."""
    from askbot.jsonshapes import answer_to_dict
    from askbot.render import render_answer

    filters = _filters(meeting, since, until, person, org)  # a bad flag fails before the model loads
    try:
        answer = _engine(index).ask(question, k, filters)
    except AskbotError as exc:
        _fail(exc)
    typer.echo(json.dumps(answer_to_dict(answer), ensure_ascii=False, indent=2) if json_out
               else render_answer(answer))


@app.command("eval")
def eval_cmd(questions: Path = typer.Argument(..., exists=True, dir_okay=False,
                                              help="Question set, or attribution annotations (JSON lines)."),
             index: Optional[Path] = IndexOpt, minutes: Optional[Path] = MinutesOpt,
             json_out: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
             files: bool = typer.Option(False, "--files", help="Also print a row per minutes file."),
             fusion: str = FusionOpt):
    """Retrieval metrics: recall@1/@5, MRR@10 per language, speaker-hit@3 on who-questions.

    Given an attribution annotation set (records with "contains"), it parses the minutes folder
    instead and prints the precision and recall of who each annotated sentence is attributed to."""
    from askbot.evaluate import evaluate, is_annotation_set, load_annotations, load_questions

    try:
        if is_annotation_set(questions):
            return _eval_attribution(load_annotations(questions), _settings(minutes=minutes), json_out)
        qs = load_questions(questions)  # a malformed file fails before the model loads
    except UnicodeDecodeError as exc:
        _fail(f"{questions}: not a UTF-8 JSON-lines file ({exc.reason} at byte {exc.start})")
    except (AskbotError, OSError) as exc:
        _fail(exc)
    try:
        result = evaluate(_engine(index, fusion), qs)
    except AskbotError as exc:
        _fail(exc)
    if json_out:
        typer.echo(json.dumps(result, ensure_ascii=False))
        return
    head = f"{'set':<12}{'n':>4}{'R@1':>7}{'R@5':>7}{'MRR@10':>8}{'who':>5}{'spk@3':>7}{'hit-spk@3':>10}"
    rows = list(result["rows"].items()) + (list(result["files"].items()) if files else [])
    typer.echo(head)
    for name, r in rows:
        typer.echo(f"{name[:40]:<12}{r['questions']:>4}{r['recall@1']:>7.3f}{r['recall@5']:>7.3f}"
                   f"{r['mrr@10']:>8.3f}{r['who']:>5}{r['speaker_hit@3']:>7.3f}{r['hit_speaker@3']:>10.3f}")
    na = result["no_answer"]
    typer.echo(f"no-answer questions: {na['said_none']}/{na['questions']} answered 'nothing found'; "
               f"answerable questions wrongly 'nothing found': {na['false_none_on_answerable']}")
    pl = result["people_lists"]
    if pl["precision"] is not None:
        typer.echo(f"people listed on who-questions with all_speakers: precision {pl['precision']:.3f}, "
                   f"recall {pl['recall']:.3f}")
    if result["misses"]:
        typer.echo("not in top 5: " + ", ".join(result["misses"]))


def _eval_attribution(annotations, settings: Settings, json_out: bool):
    from askbot.evaluate import evaluate_attribution
    from askbot.index import minutes_files
    from askbot.minutes import parse_file
    from askbot.people import resolve_all

    try:
        parsed, _ = resolve_all([parse_file(f) for f in minutes_files(settings.minutes_dir)],
                             settings.resolved_people_file())
    except AskbotError as exc:
        _fail(exc)
    r = evaluate_attribution(parsed, annotations)
    if json_out:
        typer.echo(json.dumps(r, ensure_ascii=False))
        return
    typer.echo(f"annotated sentences: {r['annotations']} ({r['found']} found in {settings.minutes_dir})")
    typer.echo(f"attributed: {r['attributed']}, right: {r['right']}, precision {r['precision']}, recall {r['recall']}")
    typer.echo("recall by how: " + ", ".join(f"{k} {v:.2f}" for k, v in r["recall_by_how"].items()))
    for w in r["wrong"]:
        typer.echo("  wrong: " + w)


@app.command()
def followups(minutes: Optional[Path] = MinutesOpt,
              person: Optional[str] = typer.Option(None, "--person", help="Only records this person (part of a name) owns."),
              org: Optional[str] = typer.Option(None, "--org", help="Only records owned by this organisation (part of a name)."),
              eval_set: Optional[Path] = typer.Option(None, "--eval", help="Score the extractor on an annotated set "
                                                      "(tests/eval/followups.jsonl) instead of listing."),
              open_only: bool = typer.Option(False, "--open", help="Only actions the minutes do not report as done."),
              since: Optional[str] = typer.Option(None, "--since", help="Only meetings on or after this date (2023-01-31)."),
              json_out: bool = typer.Option(False, "--json", help="One JSON object per record.")):
    """Decisions and action items in the minutes folder: owner, due date, meeting, item and line (no model)."""
    from dataclasses import asdict

    from askbot.minutes import SUFFIXES, parse_file, read_document
    from askbot.minutes.followups import extract

    first = _filters(None, since, None, None, None).since
    if eval_set is not None:
        from askbot.minutes.followeval import evaluate

        try:
            r = evaluate(eval_set)
        except AskbotError as exc:
            _fail(exc)
        typer.echo(json.dumps(r, ensure_ascii=False) if json_out else "\n".join(
            [f"{k}: {v}" for k, v in r.items() if k not in ("wrong", "missed")] + [f"  {x}" for x in r["wrong"] + r["missed"]]))
        return
    folder = Path(_settings(minutes).minutes_dir)
    if not folder.is_dir():
        _fail(f"minutes folder {folder} does not exist")
    parsed = []
    for f in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                    and p.stem.lower() != "readme" and not any(s.startswith(".") for s in p.relative_to(folder).parts)):
        try:
            parsed.append((parse_file(f), read_document(f)))
        except AskbotError as exc:
            typer.secho(f"skipped: {exc}", fg=typer.colors.YELLOW, err=True)
    known = tuple({a.name for pm, _ in parsed for a in pm.meeting.attendees if a.kind == "person"})
    records = sorted((r for pm, doc in parsed for r in extract(pm, known, doc)), key=lambda r: (r.meeting_date, r.line))
    from askbot.minutes.followlist import select

    records = select(records, {pm.meeting.id: pm.meeting for pm, _ in parsed}, person, org, open_only, first)
    for r in records:
        if json_out:
            typer.echo(json.dumps(asdict(r), ensure_ascii=False, default=str))
            continue
        who = ", ".join(r.owners) or ("? " + " / ".join(r.candidates) if r.candidates else "-")
        due = f"  due {r.due.isoformat() if r.due else r.due_text}" if r.due or r.due_text else ""
        typer.echo(f"{r.meeting_date} sak {r.agenda_number} [{r.kind}] {who}{due}\n    {r.text}  (line {r.line})")
    if not json_out:
        typer.echo(f"{len(records)} record(s)", err=True)


@index_app.command("list")
def index_list(index: Optional[Path] = IndexOpt,
               json_out: bool = typer.Option(False, "--json", help="One JSON object per build.")):
    """Published builds, oldest first; * marks the live one. Each: when made, meetings and their dates,
    people, and the files added, changed and removed against the build before it."""
    from askbot.index import store
    from askbot.index.history import describe, format_row

    s = _settings(index=index)
    try:
        builds = describe(s.index_dir)
    except OSError as exc:
        _fail(_os_error(exc, "cannot list builds"))
    try:
        cur, bad = store.current(s.index_dir), None
    except AskbotError as exc:  # still list the builds, so one can be rolled back to
        cur, bad = None, exc
    if not builds:
        typer.echo(f"no builds in {s.index_dir}")
    for b in builds:
        live = b.manifest.build_id == cur
        typer.echo(json.dumps(b.to_dict(live), ensure_ascii=False) if json_out else format_row(b, live))
    if bad is not None:
        _fail(bad)


@index_app.command("rollback")
def index_rollback(to: Optional[str] = typer.Argument(None, help="Build id (default: the one before CURRENT)."),
                   index: Optional[Path] = IndexOpt):
    """Make an earlier build live again."""
    from askbot.index import store

    try:
        typer.echo(f"CURRENT is now {store.rollback(_settings(index=index).index_dir, to)}")
    except AskbotError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(_os_error(exc, "CURRENT is unchanged"))


@model_app.command("provision")
def model_provision(force: bool = typer.Option(False, "--force", help="Rebuild even if provisioned.")):
    """Make the embedding model available offline, and verify it."""
    from askbot.model import provision

    try:
        typer.echo(f"model ready at {provision(Settings(), force=force)}")
    except AskbotError as exc:
        _fail(exc)


@app.command()
def serve(host: str = typer.Option("127.0.0.1", help="Interface to listen on."),
          port: int = typer.Option(8000, help="Port."), index: Optional[Path] = IndexOpt):
    """Run the HTTP service (API keys from $ASKBOT_API_KEYS; a development key is printed if none)."""
    from .api import serve as run_server

    run_server(_settings(index=index), host=host, port=port)


@app.command()
def bot(webhook_url: Optional[str] = typer.Option(None, help="Use a webhook at this HTTPS URL instead of polling."),
        webhook_port: Optional[int] = typer.Option(None, help="Port the webhook listens on "
                                                   "(default $ASKBOT_TELEGRAM_WEBHOOK_PORT or 8443).")):
    """Run the Telegram bot (a client of the HTTP service at $ASKBOT_API_URL)."""
    from bot.app import run

    try:
        run(Settings(), webhook_url=webhook_url, port=webhook_port)
    except AskbotError as exc:  # no token, Telegram unreachable or refusing: one line, exit 1
        _fail(exc)


if __name__ == "__main__":
    app()
