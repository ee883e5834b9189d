"""A passage's language (Norwegian, Danish or English) from its function words.

Used to normalise dense scores per language: multilingual-e5 scores a question higher against
passages in the question's own language, whatever they say, so in an archive holding several
languages an English question drifts to English passages of other meetings (retrieve/langnorm.py
scores each passage among those of its document's language; search.py keeps the older centring).
A build stores each passage's language (``langs.txt``), so a load reads it instead of judging every
passage again (≈1 s at 10,000 passages).
"""

from __future__ import annotations

import re
from pathlib import Path

_WORDS = {
    "en": set("the and of to is was that for with on are be have has will from this by at which were an "
              "it as been would their they there should".split()),
    "no": set("og er det ikke som på med til av for har var vil skal fra også kan om ble blir vi hun han "
              "eller etter dette denne møtet ikkje vart frå ein eit dei kva korleis".split()),
    "da": set("og er det ikke som på med til af for har var vil skal fra også kan om blev bliver vi hun han "
              "eller efter dette denne mødet ved nogle hvad hvordan meget skulle kunne".split()),
}
_ONLY = {"no": {"ikke", "ble", "blir", "etter", "møtet", "ikkje", "vart", "frå", "ein", "eit", "dei", "kva",
                "korleis", "av", "også"},
         "da": {"af", "blev", "bliver", "efter", "mødet", "nogle", "hvad", "hvordan", "meget", "ved", "kunne"}}
_TOKEN = re.compile(r"[a-zæøåäö]+")


def text_language(text: str) -> str:
    """"no", "da" or "en" (Norwegian when nothing decides: the network's own language)."""
    words = _TOKEN.findall(text.casefold())
    if not words:
        return "no"
    en = sum(w in _WORDS["en"] for w in words)
    scand = sum(w in _WORDS["no"] or w in _WORDS["da"] for w in words)
    if en > scand:
        return "en"
    no = sum(w in _ONLY["no"] for w in words) + 0.5 * len(re.findall(r"\b\w+(?:sjon|het)\b", text))
    da = sum(w in _ONLY["da"] for w in words) + 0.5 * len(re.findall(r"\b\w+(?:tion|hed)\b", text))
    return "da" if da > no else "no"


LANGUAGES_FILE = "langs.txt"  # one code a line, in passage (FAISS row) order: written by a build, read at load


def passage_language(passage) -> str:
    """A passage's language, judged on its agenda title and text."""
    return text_language(f"{passage.agenda_title} {passage.text}")


def write_languages(path: Path, passages) -> None:
    """Each passage's language, one code a line (computed once per build, not at every load)."""
    Path(path).write_text("".join(passage_language(p) + "\n" for p in passages), encoding="ascii")


def read_languages(path: Path, count: int) -> list[str]:
    """The codes `write_languages` stored; ValueError unless there is one known code per passage."""
    codes = Path(path).read_text(encoding="ascii").splitlines()
    if len(codes) != count or not set(codes) <= set(_WORDS):
        bad = next((f"line {i} holds {c[:10]!r}" for i, c in enumerate(codes, 1) if c not in _WORDS),
                   f"{len(codes)} lines for {count} passages")
        raise ValueError(f"{path}: {bad}")
    return codes
