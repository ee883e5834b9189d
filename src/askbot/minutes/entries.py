"""One roster entry as written → Attendee: "Cllr T Ryves (Chairman)", "Anne Smith (AS) – Chairman",
"Christian Kjær Pedersen (CKP)", "Richard Husevåg (HSØ)", "Torfinn Ingeborgrud (MdG)",
"Fire Chief David Carter", "suppleant Jytte", "Mr D L Nicholson Deputy Parish Clerk", "Lone (referent)"."""

from __future__ import annotations

import re

from askbot.types import Attendee

from .labels import STOP
from .roles import ROLE_WORDS, is_role_text, normalise_role

TITLES = re.compile(r"^(?:(?:borough |county |district |parish )?councill?ors?|cllrs?|mrs|mr|ms|miss|dr|prof|sir|"
                    r"pcso|bc|selectman|selectmen)\.?\s+", re.I)
_PAREN = re.compile(r"\(([^()]*)\)")
_IGNORE = re.compile(r"^(tlf|tel|telefon|phone|video|teams|zoom|skype|online|digitalt?|på (?:telefon|teams|video)|"
                     r"arrived|left|departed|from|til|fra|kom|gikk|forlot|work|family|leave|holiday|illness|sick|"
                     r"syk|ferie|permisjon|\d)", re.I)
_INITIALS = re.compile(r"^[A-ZÆØÅÄÖÜ]{2,4}$")
_CAPS_INITIALS = re.compile(r"[A-ZÆØÅ]{2,4}")


def is_initials(text: str) -> bool:
    """ "AS", "KNI": two to four capitals, as initials are written in the text."""
    return bool(_CAPS_INITIALS.fullmatch(text))
MIXED_INITIALS = r"[A-ZÆØÅ][a-zæøå]?(?:[A-ZÆØÅ][a-zæøå]?){1,3}"  # "SiH", "KNi": initials a second letter tells apart
_MIXED = re.compile(rf"^(?=.*[a-zæøå]){MIXED_INITIALS}$")
_SUB = re.compile(r"^(?:(?:også\s+)?(?:hans|hennes|hendes|his|her)\s+)?(?:vara|varamedlem|suppleant|substitute|"
                  r"stedfortreder|stand-in)(?:\s+for\s+(.+?))?\s+(?=[A-ZÆØÅ])|\s+(?:vara for|pva\.?|on behalf of|"
                  r"for)\s+(.+)$", re.I)
_LEAD_ROLE = re.compile(r"^((?:" + "|".join(sorted({re.escape(w) for ws in ROLE_WORDS.values() for w in ws},
                                                  key=len, reverse=True)) + r")(?:/\w+)?)\s+(?=[A-ZÆØÅ])", re.I)
_TOKEN = re.compile(r"^(?:[A-ZÆØÅÄÖÜÉÈÁ][\w'’-]*\.?|[A-ZÆØÅ]\.(?:[A-ZÆØÅ]\.)*[\w'’-]*|(?:van|von|de|der|den|la|le|"
                    r"af|du|di|da|bin|ibn)|[a-zæøå][\w'’-]{2,})$")


def derived_initials(name: str) -> set[str]:
    """"Jesper Buchhardt" → {"JB"}; "Eli Arnkværn Bryhni" → {"EAB", "EB"}; "Geir-Inge Sivertsen" → {"GIS", "GS"}."""
    parts = [t for t in re.split(r"[\s.]+", name) if t[:1].isalpha() and t[:1].isupper()]
    letters = [t[0].upper() for t in parts]
    out = {"".join(letters), letters[0] + letters[-1]} if len(letters) >= 2 else set()
    hyph = [c[0].upper() for t in parts for c in t.split("-") if c]
    if len(hyph) >= 2:
        out.add("".join(hyph))
    return out


def _fits_initials(letters: str, text: str) -> bool:
    """"(CKP)" after "Christian Kjær Pedersen" are initials; "(HSØ)" after "Richard Husevåg" is an organisation;
    "(SiH)" after "Sindre Hovland" too, its "i" his first name's second letter."""
    if _MIXED.match(letters):
        words = [w for w in re.split(r"[\s.,-]+", strip_titles(re.split(r",|\s[-–—]\s", text)[0])[0]) if w[:1].isupper()]
        groups = re.findall(r"[A-ZÆØÅ][a-zæøå]?", letters)
        return len(groups) == len(words) and all(w.startswith(g) for w, g in zip(words, groups))
    head = re.split(r",|\s[-–—]\s", text)[0]
    words = [w for w in re.split(r"[\s.,-]+", strip_titles(head)[0]) if w[:1].isupper()]
    return letters in derived_initials(" ".join(words)) or (
        bool(words) and len(letters) == len(words) and words[0][0] == letters[0] and words[-1][0] == letters[-1])


def fits_initials_after(name: str, initials: str) -> bool:
    """Are `initials` ("RF") the initials of `name` ("Rasmus Frey"), written after it?"""
    name, initials = name.strip(), initials.strip()
    return bool(_INITIALS.match(initials)) and looks_like_name(strip_titles(name)[0]) and _fits_initials(initials, name)


def strip_titles(text: str) -> tuple[str, str | None]:
    """("T Ryves", "Cllr") from "Cllr T Ryves"; titles may repeat ("Cllr Mrs J Buckley-Stevens")."""
    title = None
    while (m := TITLES.match(text)):
        title = title or m[0].strip().rstrip(".")
        text = text[m.end():]
    return text.strip(), title


def looks_like_name(text: str, max_tokens: int = 5) -> bool:
    tokens = text.replace(".", ". ").split()
    if not tokens or len(tokens) > max_tokens or re.search(r"\d|[|@/#]", text):
        return False
    if not tokens[0][:1].isupper():
        return False
    lower = [t for t in tokens if t[:1].islower()]
    if lower and (len(tokens) < 2 or len(lower) > 1 or tokens[-1] not in lower and lower[0] not in
                  ("van", "von", "de", "der", "den", "la", "le", "af", "du", "di", "da")):
        return False
    return all(_TOKEN.match(t) for t in tokens)


def parse_entry(raw: str, *, absent: bool = False, group_role: str | None = None, line: int = 0) -> Attendee | None:
    """One entry → Attendee, or None when it is not a person's (or member's) name."""
    text = " ".join(raw.strip(" \t*_:;,.•-–").split())
    if not text or is_role_text(_PAREN.sub(" ", text)):
        return None
    roles: list[str] = []
    org = None
    initials: list[str] = []
    sub_for = None
    for m in _PAREN.finditer(text):
        for inner in (part.strip() for part in m[1].split(",")):
            if not inner or _IGNORE.match(inner):
                continue
            if (_INITIALS.match(inner) or _MIXED.match(inner)) and _fits_initials(inner, _PAREN.sub(" ", text)):
                initials.append(inner)
            elif is_role_text(inner):
                roles.append(inner)
            elif org is None:
                org = inner
    text = _PAREN.sub(" ", text)
    text = " ".join(text.split())
    parts = [x.strip() for x in text.split(",")]
    if len(parts) >= 3 and fits_initials_after(parts[-2], parts[-1]) and not looks_like_name(parts[0]):
        org = org or ", ".join(parts[:-2])  # "OS2 - Fællesskabet, Rasmus Frey, RF": organisation, name, initials
        initials.append(parts[-1])
        text = parts[-2]
    m = re.match(r"^(.*?)\s+[-–—]\s+(.+)$", text)  # "Anne Smith – Chairman", "Name - Org"
    if m and looks_like_name(strip_titles(m[1].split(",")[0])[0]):
        for part in (x.strip() for x in m[2].split(",")):
            if is_role_text(part):
                roles.append(part)
            elif org is None and part:
                org = part
        text = m[1]
    if "," in text:  # "Projektleder, Jesper Buchhardt" / "Tony Shaw, Locum Clerk" / "Dag Aanensen, Asker kommune"
        a, b = (s.strip() for s in text.split(",", 1))
        if is_role_text(a) and looks_like_name(strip_titles(b)[0]):
            roles.append(a)
            text = b
        elif looks_like_name(strip_titles(a)[0]):
            for part in (x.strip() for x in b.split(",")):
                if is_role_text(part):
                    roles.append(part)
                elif org is None and part:
                    org = part
            text = a
    sm = _SUB.search(text)
    if sm:
        sub_for = (sm[1] or sm[2] or "").strip() or None
        text = (text[:sm.start()] + " " + text[sm.end():]).strip() if sm[2] is None else text[:sm.start()]
        roles.append("vara")
    lm = _LEAD_ROLE.match(text)
    if lm and looks_like_name(strip_titles(text[lm.end():])[0]):
        roles.append(lm[1])
        text = text[lm.end():]
    name, _title = strip_titles(text)
    words = name.split()
    for k in range(1, len(words)):  # trailing role: "D L Nicholson Deputy Parish Clerk"
        tail = " ".join(words[k:])
        if is_role_text(tail):
            roles.append(tail)
            name = " ".join(words[:k])
            break
    name = name.strip(" .,;:")
    if not looks_like_name(name) or name.casefold() in STOP or normalise_role(name) and is_role_text(name):
        return None
    if group_role and not roles:
        roles.append(group_role)
    all_initials = tuple(dict.fromkeys(initials + sorted(derived_initials(name))))
    return Attendee(name=name, organisation=org, role=", ".join(dict.fromkeys(roles)) or None,
                    initials=all_initials, absent=absent, substitute_for=sub_for, line=line)
