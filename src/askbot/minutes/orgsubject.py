"""An organisation no roster lists, as the subject of a reporting verb: "Sport og fritid oplyser …",
"Statens vegvesen orienterte om …", "The Environment Agency advised that …", "Highways England reported …".

A wrong actor is worse than none, so the subject must have the form of a proper organisation name:

- Norwegian/Danish capitalise only a name's first word, so capitals alone prove nothing at the start
  of a sentence. A subject counts when it is
  (a) a proper modifier + an organisation head noun: "Lund kommune", "Statens vegvesen",
      "Region Midtjylland" (head first, then a capitalised name), "Fellesnemnda for Buskerud"; or
  (b) a bare coordination of two nouns, "Sport og fritid", "Plan og bygg": a bare singular noun cannot
      be the subject of a finite verb in Scandinavian, so a bare "A og B" subject is a name (the
      departments of a municipality are named so). Role words and roster names are left to cast.
- English capitalises every word of a name: an optional "The", then only capitalised words (and
  "of", "and", "for", "&"), holding an organisation head noun ("Agency", "Council", "Police", the
  "Highways" of "Highways England") and a proper modifier beside it ("Environment", "England").
- A body with no proper modifier ("Kommunen", "Styret", "Fylkeskommunen", "The Council", "The Parish
  Council", "The Board") does not count: it is the minutes' own body or a role of it (its decisions,
  not a speaker the roster fixes), and as an actor it would join every municipality or council of the
  archive into one person. Those stay turn-enders, as before.

Only reporting and proposing verbs (`ORG_REPORT`) make such a subject an actor: "skal", "will", "to"
follow ordinary nouns ("Prosjektet skal …", "The plan will …").
"""

from __future__ import annotations

import re

from .roles import normalise_role

_NORDIC_HEAD = re.compile(
    r"^(?:(?:fylkes|stor|herreds|by|amts|primær)?kommunen?e?|fylkeskommunen?|region(?:en)?|vegvesen(?:et)?|"
    r"vejdirektorat(?:et)?|direktorat(?:et)?|departement(?:et)?|etat(?:en)?|politi(?:et|distrikt)?|"
    r"universitet(?:et)?|høgskole(?:n)?|sykehus(?:et)?|sygehus(?:et)?|helseforetak(?:et)?|forening(?:en)?|"
    r"forbund(?:et)?|styrelse(?:n)?|tilsyn(?:et)?|verk(?:et)?|nemnda?|fellesnemnda?|regionråd(?:et)?|"
    r"statsforvalter(?:en)?|fylkesmann(?:en)?|lag(?:et)?|idrettslag(?:et)?|selskap(?:et)?|stiftelse(?:n)?|"
    r"fond(?:et)?|museum|museet|bibliotek(?:et)?|havn(?:en)?|brannvesen(?:et)?|beredskap)$", re.I)
_EN_HEAD = re.compile(
    r"^(?:agency|authority|council|police|constabulary|trust|service|services|department|office|commission|"
    r"board|association|society|club|group|partnership|network|foundation|company|ltd|plc|limited|"
    r"university|college|highways|railway|railways|rail|water|housing|fire|rescue|ambulance|nhs|"
    r"federation|union|institute|executive|forum|alliance|charity|academy|school)$", re.I)
# a person's post, not a body: "Fire Chief", "Planning Officer"
_EN_POST = frozenset("""chief officer officers manager director clerk chairman chair chairwoman secretary inspector
sergeant constable warden councillor mayor member members leader president treasurer engineer surveyor head
representative rep coordinator adviser advisor""".split())
# a level or kind, not a name: "The Parish Council", "the Full Council" are the minutes' own body
_EN_GENERIC = frozenset("""the parish town city county district borough community full executive management
local national regional general annual standing joint planning finance governing advisory steering""".split())
_EN_GLUE = frozenset(("of", "and", "for", "&", "the"))
_NORDIC_NOT_MODIFIER = frozenset("""den det de denne dette disse ny nye nytt vår vårt våre vores hele alle
annen andre anden andet gamle gammel lokale lokal regionale statlige private offentlige begge flere
mange noen nogle øvrige to tre fire hver hvert enhver samme egen eget egne""".split())
_AND = re.compile(r"^(?P<a>[A-ZÆØÅ][a-zæøå]{2,})\s+(?:og|&)\s+(?P<b>[a-zæøå]{3,})$")
_DEFINITE = re.compile(r"(?:[^e]en|et|ene|erne|ane)$", re.I)  # "administrasjonen", "styret": not bare
_PRONOUNS = frozenset("""han hun hen de vi jeg du dere den det man ham henne dem""".split())


def _nordic(words: list[str]) -> str | None:
    if not 2 <= len(words) <= 4 or not words[0][:1].isupper():
        return None
    text = " ".join(words)
    m = _AND.match(text)
    if m:  # "Sport og fritid": a bare coordination of two nouns
        if any(w.casefold() in _PRONOUNS or normalise_role(w) or _BODY.match(w) or _DEFINITE.search(w)
               for w in (m["a"], m["b"])):
            return None  # "Leder og nestleder", "Styret og administrasjonen": roles, the body, not bare nouns
        return text
    if len(words) == 2 and _NORDIC_HEAD.match(words[1]) and words[1].islower():
        mod = words[0]  # "Lund kommune", "Statens vegvesen"
        if len(mod) >= 3 and mod.casefold() not in _NORDIC_NOT_MODIFIER and not normalise_role(mod):
            return text
    if _NORDIC_HEAD.match(words[0]) and len(words) >= 2:  # "Fellesnemnda for Buskerud", "Region Midtjylland"
        rest = words[1:]
        if rest[0] in ("for", "i", "på") and len(rest) >= 2 and all(w[:1].isupper() for w in rest[1:]):
            return text
        if all(w[:1].isupper() and w.casefold() not in _NORDIC_NOT_MODIFIER for w in rest) and len(rest) <= 2:
            return text
    return None


def _english(words: list[str]) -> str | None:
    if words and words[0] in ("The", "the"):
        words = words[1:]
    if not 2 <= len(words) <= 5 or words[-1].casefold() in _EN_GLUE or words[0].casefold() in _EN_GLUE:
        return None
    if any(w.casefold() not in _EN_GLUE and not w[:1].isupper() for w in words):
        return None
    content = [w for w in words if w.casefold() not in _EN_GLUE]
    heads = [w for w in content if _EN_HEAD.match(w)]
    proper = [w for w in content if not _EN_HEAD.match(w) and w.casefold() not in _EN_GENERIC]
    if not heads or not proper or not words[-1][:1].isupper():
        return None
    if any(normalise_role(w) or w.casefold() in _EN_POST for w in content):  # "Parish Clerk", "Fire Chief": a person's role
        return None
    return " ".join(words)


def org_subject(subject: str) -> str | None:
    """The organisation `subject` names when it has the form of one (see the module docstring), else None;
    the name as written, without a leading "The"."""
    words = subject.strip(" ,.:;*_").split()
    if not words or any(re.search(r"\d", w) for w in words):  # "The Localism Act 2011": not a body
        return None
    return _english(words) if _looks_english(words) else _nordic(words)


_BODY = re.compile(r"^(?:council|committee|board|meeting|panel|assembly|cabinet|styret|bestyrelsen|rådet|utvalget|"
                   r"udvalget|kommunen|fylkeskommunen|regionen|regionrådet|nemnda|administrasjonen|administrationen|"
                   r"møtet|mødet|forsamlingen|generalforsamlingen|årsmøtet)$", re.I)


def body_subject(subject: str) -> bool:
    """"The Council", "The Parish Council", "Council", "Styret", "Kommunen": the minutes' own body (or a role
    of it) with no proper modifier, which is not a speaker."""
    words = subject.strip(" ,.:;*_").split()
    return bool(words) and bool(_BODY.match(words[-1])) and all(w.casefold() in _EN_GENERIC for w in words[:-1])


def _looks_english(words: list[str]) -> bool:
    """Every word capitalised (or "of"/"and"/…) and one of them an English head noun."""
    return any(_EN_HEAD.match(w) and w[:1].isupper() for w in words) and not any(
        w in ("og", "for", "i", "på") for w in words[1:-1] if w.islower() and w not in _EN_GLUE)
