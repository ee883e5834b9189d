"""The meeting's cast: who a subject written in the text names, looked up in the meeting's roster.

"AS", "Anne Smith", "Anne", "Smith", "Mrs Smith", "Cllr A Smith", "the Clerk", "Rådmannen",
"Leder Petter Reinholdtsen", "Asker kommune" → the roster entry (or organisation) it names, or
several candidates when the roster does not settle it. A wrong name is worse than none, so a
subject that fits nobody is not an actor, except a full name with a reporting verb (see reported)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from askbot.types import Attendee

from .docnames import DocNames
from .entries import MIXED_INITIALS, is_initials, looks_like_name, strip_titles
from .labels import STOP
from .roles import ROLE_WORDS, normalise_role, subject_role

_ROLE_PREFIX = re.compile(r"^(" + "|".join(sorted({re.escape(w) for ws in ROLE_WORDS.values() for w in ws} |
                                                   {"fylkesrådmann", "frivilligkonsulent", "konsulent",
                                                    "rådgiver", "seniorrådgiver", "selectman"},
                                                   key=len, reverse=True)) + r")\s+(?=[A-ZÆØÅ])", re.I)
_NOT_PEOPLE = frozenset("""styret bestyrelsen rådet utvalget udvalget council committee board meeting møtet mødet
kommunen kommune administrationen administrasjonen sekretariatet gruppen gruppa arbeidsgruppa arbeidsgruppen
teamet vi man det der de den dette denne han hun they we it this there all alle members medlemmer parish town
village public police selskapet firmaet bedriften bedrifta prosjektet nettverket gruppa kommunen fylket
regionen fylkeskommunen departementet direktoratet universitetet company firm project""".split())
_ORG_WORDS = re.compile(r"\b(kommune|kommunes|region|regionen|council|county|fylkeskommune|forening|foreningen|"
                        r"as|asa|ltd|inc|norge|norway|vegvesen|vegvesenet|direktorat|direktoratet|departement|"
                        r"departementet|universitet|university|høgskole|college|nho|nav)\b", re.I)


@dataclass(frozen=True)
class Actor:
    """Who a subject names: roster names (or an organisation), how, and the role it was named by."""

    names: tuple[str, ...]
    label: str  # the subject as written
    how: str  # turn | reported | action | attendance | role
    role: str | None = None
    candidates: tuple[str, ...] = ()  # when the roster leaves several

    @property
    def ambiguous(self) -> bool:
        return bool(self.candidates) and not self.names


def _roles(a: Attendee) -> set[str]:
    out = set()
    for part in re.split(r",|/|\s+og\s+|\s+and\s+", a.role or ""):
        r = normalise_role(part.strip())
        if r:
            out.add(r)
    return out


class Cast:
    """Lookups over one meeting's roster (absent people included: they may be named, never as speakers)."""

    def __init__(self, attendees: list[Attendee] | tuple[Attendee, ...], doc: DocNames | None = None):
        self.doc = doc or DocNames()
        self.entries = [a for a in attendees if a.name]
        self.present = [a for a in self.entries if not a.absent]
        self.orgs = {a.organisation.casefold(): a.organisation for a in self.entries
                     if a.organisation and len(a.organisation) >= 2 and "sekretariat" not in a.organisation.casefold()
                     and a.organisation.casefold() not in {x.name.casefold() for x in self.entries}}

    def _match(self, name: str, pool: list[Attendee]) -> list[Attendee]:
        key = " ".join(name.replace(".", ". ").split()).casefold()
        tokens = key.replace(". ", " ").replace(".", " ").split()
        if not tokens:
            return []
        exact = [a for a in pool if " ".join(a.name.replace(".", ". ").split()).casefold() == key]
        if exact:
            return exact
        if len(tokens) == 1 and (is_initials(name) or re.fullmatch(MIXED_INITIALS, name)):
            hits = [a for a in pool if name in a.initials]
            first = [a for a in hits if a.initials[0] == name]  # "SH" beside "Sindre Hovland (SiH)": Sigurd's
            return first if len(hits) > 1 and len(first) == 1 else hits
        if len(tokens) == 1:
            t = tokens[0]
            last = [a for a in pool if _last(a) == t]
            first = [a for a in pool if _first(a) == t]
            return last if last and not first else first if first and not last else last + first
        first, last = tokens[0], tokens[-1]
        hits = []
        for a in pool:
            at = _tokens(a)
            if at and at[-1] == last and (at[0] == first or (len(first) == 1 and at[0].startswith(first))):
                hits.append(a)
        if not hits:  # "Pål Ståle" for Pål Ståle Dybvik: a double first name, written without the surname
            hits = [a for a in pool if len(_tokens(a)) > len(tokens) and _tokens(a)[:len(tokens)] == tokens]
        return hits

    def lookup(self, subject: str, how: str = "reported") -> Actor | None:
        """The actor `subject` names, or None; ambiguous actors carry their candidates."""
        text = " ".join(subject.strip(" ,.:;*_").split())
        if not text:
            return None
        via = re.match(r"^[A-ZÆØÅ][\w.&-]*(?:\s+[\w.&-]+){0,3}\s+v/\s*(?=[A-ZÆØÅ])", text)
        if via:  # "Kommunen v/ Hilde", "Vestby Rør v/ Tor Nilsen": the person who speaks for them
            found = self.lookup(text[via.end():], how)
            return Actor(found.names, subject.strip(), found.how, found.role, found.candidates) if found else None
        role = subject_role(text)
        if role:
            holders = [a for a in self.present if role in _roles(a)]
            if len(holders) == 1:
                return Actor((holders[0].name,), text, "role", role)
            return Actor((), text, "role", role, tuple(a.name for a in holders)) if holders else None
        if text.casefold() in self.orgs:
            return Actor((self.orgs[text.casefold()],), text, how)
        if text.casefold() in self.doc.labels and not self.knows(text):  # "HelseID:" turns, "HelseID redegjorde …"
            return Actor((self.doc.labels[text.casefold()],), text, how)
        prefix_role = None
        pm = _ROLE_PREFIX.match(text)
        if pm:
            prefix_role = normalise_role(pm[1])
            text = text[pm.end():]
        name, title = strip_titles(text)
        if not name or (name.casefold() in STOP or name.casefold() in _NOT_PEOPLE) and not self._initials(name):
            return None
        if not looks_like_name(name, 4):
            return None
        present = [a for a in self._match(name, self.entries) if not a.absent]  # absent people never speak
        if len(present) == 1:
            return Actor((present[0].name,), subject.strip(), how, prefix_role)
        if len(present) > 1:
            return Actor((), subject.strip(), how, prefix_role, tuple(a.name for a in present))
        return None

    def _initials(self, name: str) -> bool:
        """Is `name` a roster entry's initials written in capitals? "PS noted …", "DE orienterte …" are
        Priya Shah and Dag Eriksen, not the words "ps" and "de" that open content lines."""
        return is_initials(name) and any(name in a.initials for a in self.entries)

    def holder(self, word: str, how: str = "role") -> Actor | None:
        """The one present member whose roster role is `word` ("Assistant", "Kasserer"), or None."""
        role = normalise_role(word)
        holders = [a for a in self.present if role and role in _roles(a)]
        return Actor((holders[0].name,), word, how, role) if len(holders) == 1 else None

    def _organisation(self, text: str) -> str | None:
        """An organisation subject, when the meeting has a roster to tell people from organisations."""
        if not self.entries or not _org_like(text) or text.casefold() in _NOT_PEOPLE:
            return None
        if self._initials(text):
            return None  # someone's initials
        return text

    def knows(self, subject: str) -> bool:
        """Does the roster (absent people included) name this subject?"""
        name = strip_titles(" ".join(subject.strip(" ,.:;*_").split()))[0]
        return bool(name) and looks_like_name(name, 4) and bool(self._match(name, self.entries))

    def stranger(self, subject: str, how: str = "reported") -> Actor | None:
        """A full name the roster does not list ("Frivilligkonsulent Anne Skyum", "Trond Nerdal"), or an
        organisation written as one ("DGI", "Region Midtjylland", "Akershus fylkeskommune")."""
        text = " ".join(subject.strip(" ,.:;*_").split())
        org = self._organisation(text)
        if org:
            return Actor((org,), subject.strip(), how)
        if self.doc.first_name(text) and not self.knows(text):  # "Jara har kontaktet …", no roster to say more
            return Actor((text,), subject.strip(), how)
        bare, title = strip_titles(text)
        full = self.doc.by_surname(bare) if title and " " not in bare and not self.knows(text) else None
        if full:  # "PCSO Watson advised …" after "PCSO Sophie Watson was welcomed …"
            return Actor((full,), subject.strip(), how)
        pm = _ROLE_PREFIX.match(text)
        role = normalise_role(pm[1]) if pm else None
        name, _title = strip_titles(text[pm.end():] if pm else text)
        tokens = name.split()
        if not (2 <= len(tokens) <= 4) or not looks_like_name(name, 4) or _ORG_WORDS.search(name):
            return None
        if any(t.casefold() in STOP or t.casefold() in _NOT_PEOPLE for t in tokens):
            return None
        if any(not t[:1].isupper() for t in tokens) or any(len(t.strip(".")) == 1 for t in tokens[-1:]):
            return None
        if any(len(t) >= 2 and t.isupper() for t in tokens):  # "FNP Eiendom", "NHO Viken": organisations
            return None
        return Actor((name,), subject.strip(), how, role)


_ORG_NOUN = re.compile(r"\b(kommune|fylkeskommune|region|regionen|regionråd|council|county|forening|foreningen|"
                       r"forbund|forbundet|direktorat|direktoratet|departement|departementet|styrelse|styrelsen|"
                       r"nemnd|nemnda|fellesnemnda|universitet|høgskole|institutt|sekretariat)\b", re.I)


def _org_like(text: str) -> bool:
    tokens = text.split()
    if not 1 <= len(tokens) <= 4 or not tokens[0][:1].isupper():
        return False
    if len(tokens) == 1 and re.fullmatch(r"[A-ZÆØÅ][A-ZÆØÅ0-9]{2,5}", tokens[0]):
        return True  # an acronym: "DGI", "NHO", "OS2"
    return bool(_ORG_NOUN.search(text)) and all(t[:1].isupper() or t.islower() and len(t) > 3 or t in ("og", "for")
                                                 for t in tokens)


def _tokens(a: Attendee) -> list[str]:
    return a.name.replace(".", " ").casefold().split()


def _first(a: Attendee) -> str:
    t = _tokens(a)
    return t[0] if t else ""


def _last(a: Attendee) -> str:
    t = _tokens(a)
    return t[-1] if t else ""
