"""Retrieval metrics on a question set: recall@1/@5, MRR@10 per language, speaker-hit@3 for "who" questions."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from askbot.errors import AskbotError


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    lang: str
    who: bool
    answer_contains: str | None
    speaker: str | None
    paraphrase: bool = False


@dataclass
class Tally:
    n: int = 0
    r1: int = 0
    r5: int = 0
    rr: float = 0.0
    who_n: int = 0
    who_hit3: int = 0
    misses: list[str] = field(default_factory=list)

    def row(self) -> dict:
        n = max(self.n, 1)
        return {"questions": self.n, "recall@1": round(self.r1 / n, 3), "recall@5": round(self.r5 / n, 3),
                "mrr@10": round(self.rr / n, 3), "who": self.who_n,
                "speaker_hit@3": round(self.who_hit3 / max(self.who_n, 1), 3)}


def load_questions(path: Path) -> list[Question]:
    out = []
    for no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            out.append(Question(d["id"], d["question"], d["lang"], bool(d.get("who")), d.get("answer_contains"),
                                d.get("speaker"), bool(d.get("paraphrase"))))
        except (ValueError, KeyError, TypeError) as exc:
            raise AskbotError(f"{path}:{no}: not a question record ({exc})") from exc
    return out


def evaluate(engine, questions: list[Question]) -> dict:
    """Run every question through search and ask; return per-language rows and abstention figures."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    none_ok = none_n = false_none = 0
    for q in questions:
        answer = engine.ask(q.question, k=5)
        if q.answer_contains is None:
            none_n += 1
            none_ok += answer.kind == "none"
            continue
        false_none += answer.kind == "none"
        hits = engine.search(q.question, k=10)
        rank = next((i for i, h in enumerate(hits, 1) if q.answer_contains in h.passage.text), None)
        for key in (q.lang, "paraphrase" if q.paraphrase else "literal", "all"):
            t = tallies[key]
            t.n += 1
            t.r1 += rank == 1
            t.r5 += rank is not None and rank <= 5
            t.rr += 1 / rank if rank else 0.0
            if key == "all" and (rank is None or rank > 5):
                t.misses.append(q.id)
            if q.who and q.speaker:
                t.who_n += 1
                t.who_hit3 += q.speaker in [p.person.name for p in answer.people[:3]]
    return {
        "rows": {k: t.row() for k, t in sorted(tallies.items())},
        "no_answer": {"questions": none_n, "said_none": none_ok, "false_none_on_answerable": false_none},
        "misses": tallies["all"].misses,
    }
