"""TEMPORARY stand-in for the askbot HTTP service while the real one is being written."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import FastAPI, Header, HTTPException

SEED = Path(__file__).resolve().parents[1] / "data/minutes/2022-01-14-naeringssamarbeidet.txt"


def _sak3():
    text = SEED.read_text()
    part = text[text.index("Sak 3."):text.index("Sak 4 ")]
    blocks = [b.strip() for b in re.split(r"\n(?=[A-ZÆØÅ][\w ]+(?:fra|,|-| MNU)[^\n]*\n)", part)][1:]
    out = []
    for i, b in enumerate(blocks):
        label, _, body = b.partition("\n")
        out.append({"passage_id": f"2022-01-14-naeringssamarbeidet.{i + 3:03d}", "text": body.strip(),
                    "meeting": {"id": "2022-01-14-naeringssamarbeidet", "date": "2022-01-14", "title": "Referat"},
                    "agenda_item": {"number": "3", "title": "Runden rundt bordet (max 3 min. per pers)"},
                    "speaker": {"label": label.rstrip(":"), "name": label.split()[0], "organisation": None,
                                "ambiguous": False, "person_id": None, "candidates": []},
                    "line_start": 1, "line_end": 2, "source_path": str(SEED)})
    return out


def make_app(key: str) -> FastAPI:
    app = FastAPI()
    passages = _sak3()

    def auth(authorization):
        if authorization != f"Bearer {key}":
            raise HTTPException(401, "missing or invalid API key")

    def cite(p, quote):
        return {k: p[k] for k in ("passage_id", "meeting", "agenda_item", "line_start", "source_path")} | {
            "speaker": {k: p["speaker"][k] for k in ("label", "name", "organisation", "ambiguous")},
            "quote": quote, "score": 0.8}

    @app.post("/ask")
    def ask(body: dict, authorization: str | None = Header(None)):
        auth(authorization)
        q = body["question"]
        en = "who" in q.lower()
        ingar = next(p for p in passages if p["speaker"]["label"].startswith("Ingar"))
        c = cite(ingar, "Ønsker å engasjere alle i Osloregionen som jobber med bærekraftig transport")
        c["speaker"].update(name="Ingar Vaskinn", organisation="Kongsbergregionen")
        people = [{"id": "ingar-vaskinn", "name": "Ingar Vaskinn", "organisation": "Kongsbergregionen",
                   "aliases": [], "score": 0.9, "citations": [c]}]
        for p in passages[:body.get("k", 10)]:
            people.append({"id": p["passage_id"], "name": p["speaker"]["name"], "organisation": None, "aliases": [],
                           "score": 0.5, "citations": [cite(p, p["text"][:80])]})
        return {"query": q, "language": "en" if en else "no", "kind": "people",
                "text": "These people:" if en else "Disse har tatt opp dette:", "people": people,
                "hits": [cite(p, p["text"][:80]) for p in passages]}

    @app.get("/passages/{pid}")
    def passage(pid: str, authorization: str | None = Header(None)):
        auth(authorization)
        for p in passages:
            if p["passage_id"] == pid:
                return {"passage": p, "neighbours": passages}
        raise HTTPException(404, "no passage")

    @app.get("/readyz")
    def ready():
        return {"ready": True, "build_id": "b1", "model_id": "intfloat/multilingual-e5-small", "passage_count": 40}

    @app.post("/admin/reload")
    def reload(authorization: str | None = Header(None)):
        auth(authorization)
        return {"reloaded": False, "build_id": "b1", "previous_build_id": "b1", "message": "already live"}

    return app
