"""Metrics on a question set: quote recall@1/@5, MRR@10 per language, file and kind; speaker@3 on
"who" questions; how no-answer questions were handled; and attribution precision/recall on an
annotation set (records with "contains" instead of "question")."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .errors import AskbotError

_TITLE = re.compile(r"^(cllr|councillor|mr|mrs|ms|miss|dr|prof|the)\.?$", re.I)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    lang: str
    who: bool
    answer_contains: str | None
    speaker: str | None
    paraphrase: bool = False
    file: str | None = None  # the minutes file the answer is in (its stem is the meeting id)
    all_speakers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Annotation:
    file: str
    contains: str
    actor: str | None
    how: str | None = None
    ambiguous: bool = False


@dataclass
class Tally:
    n: int = 0
    r1: int = 0
    r5: int = 0
    rr: float = 0.0
    who_n: int = 0
    who_hit3: int = 0
    hit_spk3: int = 0
    misses: list[str] = field(default_factory=list)

    def row(self) -> dict:
        n, w = max(self.n, 1), max(self.who_n, 1)
        return {"questions": self.n, "recall@1": round(self.r1 / n, 3), "recall@5": round(self.r5 / n, 3),
                "mrr@10": round(self.rr / n, 3), "who": self.who_n,
                "speaker_hit@3": round(self.who_hit3 / w, 3), "hit_speaker@3": round(self.hit_spk3 / w, 3)}


def _records(path: Path) -> list[tuple[int, dict]]:
    out = []
    for no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                out.append((no, json.loads(line)))
            except ValueError as exc:
                raise AskbotError(f"{path}:{no}: not JSON ({exc})") from exc
    return out


def is_annotation_set(path: Path) -> bool:
    recs = _records(path)
    return bool(recs) and all("contains" in d and "question" not in d for _, d in recs)


def load_questions(path: Path) -> list[Question]:
    out = []
    for no, d in _records(path):
        try:
            out.append(Question(d["id"], d["question"], d["lang"], bool(d.get("who")), d.get("answer_contains"),
                                d.get("speaker"), bool(d.get("paraphrase")), d.get("file"),
                                tuple(d.get("all_speakers") or ())))
        except (KeyError, TypeError, AttributeError) as exc:
            raise AskbotError(f"{path}:{no}: not a question record ({exc})") from exc
    return out


def load_annotations(path: Path) -> list[Annotation]:
    out = []
    for no, d in _records(path):
        try:
            out.append(Annotation(d["file"], d["contains"], d.get("actor"), d.get("how"), bool(d.get("ambiguous"))))
        except (KeyError, TypeError, AttributeError) as exc:
            raise AskbotError(f"{path}:{no}: not an annotation record ({exc})") from exc
    return out


def _tokens(name: str) -> list[str]:
    text = unicodedata.normalize("NFKC", name).casefold().replace("-", " ").replace(".", " ")
    return [t for t in re.findall(r"\w+", text) if not _TITLE.match(t)]


def same_person(expected: str, got: str | None) -> bool:
    """Names match when equal after dropping titles, or when one holds the other's words and both end
    in the same surname ("A Clements" ~ "Mrs Clements"; "Jack" does not match "Jack Huey")."""
    if not got:
        return False
    a, b = _tokens(expected), _tokens(got)
    if not a or not b:
        return False
    if a == b:
        return True
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return a[-1] == b[-1] and all(t in big or (len(t) == 1 and any(w.startswith(t) for w in big)) for t in small)


def _matches(q: Question, passage) -> bool:
    if q.file and passage.meeting_id != Path(q.file).stem:
        return False
    return " ".join(q.answer_contains.split()) in " ".join(passage.text.split())


def _actor_names(engine, passage) -> list[str]:
    """The names a passage is attributed to (its people, else its label as written)."""
    names = [engine.catalogue.people[pid].name for pid in getattr(passage, "people_ids", ()) or ()
             if pid in engine.catalogue.people]
    if passage.person_id and passage.person_id in engine.catalogue.people:
        names.append(engine.catalogue.people[passage.person_id].name)
    if not names and passage.speaker_label and not passage.ambiguous:
        names.append(passage.speaker_label)
    return names


def evaluate(engine, questions: list[Question]) -> dict:
    """Run every question through search and ask; return rows per language / kind / file and abstention figures."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    by_file: dict[str, Tally] = defaultdict(Tally)
    none_ok = none_n = false_none = 0
    listed = relevant = listed_right = 0
    for q in questions:
        answer = engine.ask(q.question, k=5)
        if q.answer_contains is None:
            none_n += 1
            none_ok += answer.kind == "none"
            continue
        false_none += answer.kind == "none"
        hits = engine.search(q.question, k=10)
        rank = next((i for i, h in enumerate(hits, 1) if _matches(q, h.passage)), None)
        people = [p.person.name for p in answer.people[:3]]
        hit_names = [n for h in hits[:3] for n in _actor_names(engine, h.passage)]
        keys = [f"lang:{q.lang}", "paraphrase" if q.paraphrase else "literal", "all"]
        for t in [tallies[k] for k in keys] + ([by_file[Path(q.file).stem]] if q.file else []):
            t.n += 1
            t.r1 += rank == 1
            t.r5 += rank is not None and rank <= 5
            t.rr += 1 / rank if rank else 0.0
            if q.who and q.speaker:
                t.who_n += 1
                t.who_hit3 += any(same_person(q.speaker, n) for n in people)
                t.hit_spk3 += any(same_person(q.speaker, n) for n in hit_names)
        if rank is None or rank > 5:
            tallies["all"].misses.append(q.id)
        if q.who and q.all_speakers:
            names = [p.person.name for p in answer.people]
            listed += len(names)
            relevant += len(q.all_speakers)
            listed_right += sum(any(same_person(e, n) for e in q.all_speakers) for n in names)
    return {
        "rows": {k.removeprefix("lang:"): t.row() for k, t in sorted(tallies.items())},
        "files": {k: t.row() for k, t in sorted(by_file.items())},
        "no_answer": {"questions": none_n, "said_none": none_ok, "false_none_on_answerable": false_none},
        "people_lists": {"precision": round(listed_right / listed, 3) if listed else None,
                         "recall": round(listed_right / relevant, 3) if relevant else None},
        "misses": tallies["all"].misses,
    }


def evaluate_attribution(parsed: list, annotations: list[Annotation]) -> dict:
    """Precision and recall of passage actors against annotated sentences (no model needed).

    A passage "attributes" an annotated sentence when it has an actor (a person, an organisation, or
    a label as written). Precision: right actors / sentences given one. Recall: right actors /
    sentences the annotator gave an actor. Ambiguous passages attribute nothing."""
    by_meeting = {pm.meeting.id: pm for pm in parsed}
    names = {p.id: p.name for pm in parsed for p in pm.people}
    given = right = want = found = 0
    wrong: list[str] = []
    per_how: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in annotations:
        pm = by_meeting.get(Path(a.file).stem)
        if pm is None:
            continue
        needle = " ".join(a.contains.split())
        # the most specific passage holding the sentence (a role line before the whole attendance list)
        p = min((p for p in pm.passages if needle in " ".join(p.text.split())), key=lambda p: len(p.text), default=None)
        if p is None:
            continue
        found += 1
        actors = [names.get(pid, pid) for pid in (getattr(p, "people_ids", ()) or ())]
        if p.person_id:
            actors.append(names.get(p.person_id, p.person_id))
        if not actors and p.speaker_label and not p.ambiguous:
            actors.append(p.speaker_label)
        if a.actor:
            want += 1
            per_how[a.how or "?"][1] += 1
        if actors and not p.ambiguous:
            given += 1
            ok = bool(a.actor) and any(same_person(a.actor, n) for n in actors)
            right += ok
            if ok:
                per_how[a.how or "?"][0] += 1
            else:
                wrong.append(f"{a.file}: «{a.contains[:50]}» → {actors} (annotated {a.actor})")
    return {"annotations": len(annotations), "found": found, "attributed": given, "right": right,
            "precision": round(right / given, 3) if given else None,
            "recall": round(right / want, 3) if want else None,
            "recall_by_how": {k: round(v[0] / v[1], 3) for k, v in sorted(per_how.items()) if v[1]},
            "wrong": wrong}
