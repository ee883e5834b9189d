"""Is a question asking for a person (or a body acting like one)?

"who …", "hvem …", "kven …", "from whom …", and "which/hvilken <actor word> …" where the word names
someone who acts: a role ("Which councillor …", "Hvilken komité …", "Which selectman resigned?") or a
kind of body ("which association", "hvilken leverandør"). "Which regulation …" asks for a thing.
"""

from __future__ import annotations

import re

from askbot.minutes.roles import ROLE_WORDS

_ACTORS = {w for words in ROLE_WORDS.values() for w in words} | set("""
region regions municipality municipalities organisation organisations organization organizations people person
persons member members participant participants council councils town towns association associations club
clubs committee committees company companies firm firms supplier suppliers vendor vendors party parties
representative representatives delegate delegates body bodies group groups board boards team teams agency
agencies authority authorities department departments office officer officers volunteer volunteers coordinator
coordinators consultant consultants resident residents partner partners speaker speakers employee employees
staff official officials school schools university universities institute institutes ministry ministries
regionen kommune kommuner kommunen organisasjon organisasjoner organisasjonen personer deltaker
deltakere deltakar deltakarar folk medlem medlemmer aktør aktører aktørar komité komiteen komite utvalg utvalget
forening foreningen foreninger foreining lag laget klubb klubben firma firmaet bedrift bedrifter selskap
selskapet leverandør leverandøren leverandører parti partiet representant representanten representanter
gruppe gruppa gruppen styre styret råd rådet etat etaten avdeling avdelingen kontor kontoret konsulent
konsulenten frivillig frivillige frivilligkonsulent ansatt ansatte skole skolen institutt instituttet
departement departementet myndighet myndigheter virksomhet virksomheter forbund forbundet
deltager deltagere bestyrelse bestyrelsen forvaltning medarbejder medarbejdere
""".split())
_ACTOR_RX = "|".join(sorted(map(re.escape, _ACTORS), key=len, reverse=True))
_WHICH = r"(?:which|what|hvilken|hvilket|hvilke|hvilkan|kva\s+for\s+(?:ein|ei|eit|nokre))"

_WHO = re.compile(
    r"^\W*(?:who|whom|whose|hvem|kven|er det noen|finnes det noen|does anyone|is anyone|has anyone|anyone)\b"
    r"|\b(?:hvem|kven)\b"  # interrogative wherever it stands ("Og hvem skal …", "Vet du hvem …")
    r"|\b(?:from|by|to|with)\s+whom\b|^\W*(?:and|so|but|do you know|can you tell me)\s+who\b"
    rf"|^\W*{_WHICH}\s+(?:[^\W\d_]+\s+)?(?:{_ACTOR_RX})\b",
    re.IGNORECASE,
)


def is_who_question(query: str) -> bool:
    """True when the question asks for who (a person, or an organisation acting as one)."""
    return bool(_WHO.search(query.strip()))
