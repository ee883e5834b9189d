"""Questions about a role: "who chaired?", "hvem var referent?", "who sent apologies?", "hvem deltog som
suppleant?". The minutes' attendance lines say who held each role at each meeting (minutes/attendance.py),
so such a question is answered from those passages of the meetings the search found."""

from __future__ import annotations

import re
from collections.abc import Callable

from askbot.minutes.roles import normalise_role
from askbot.types import Hit, Passage

_ABSENT = re.compile(r"\b(absent|apologies|sent apologies|fravær|fråvær|forfall|afbud|ikke til stede|"
                     r"deltok ikke|deltog ikke|missing|was not present)\b", re.I)
_ROLE_ASK = re.compile(r"\b(chair(?:ed|man|woman|ing)?|clerk|secretary|referent|minutes?[- ]taker|took (?:the )?minutes|"
                       r"skrev referat(?:et)?|(?:ledet|leda|leia|ledede)(?= (?:møtet|mødet|the meeting))|møteleder|"
                       r"mødeleder|ordstyrer|(?<=er )leder|(?<=var )leder|(?<=som )leder|(?<=til )leder|formand|"
                       r"vice[- ]chair|nestleder|næstformand|treasurer|kasserer|suppleant(?:er)?|vara(?:medlem)?|"
                       r"substitutes?|stood in|mayor|ordfører|rådmann|project leader|prosjektleder|projektleder)\b", re.I)
_VERB_ROLE = {"chaired": "chair", "chairing": "chair", "ledet": "chair", "leda": "chair", "leia": "chair",
              "ledede": "chair", "took minutes": "clerk", "took the minutes": "clerk", "minutes taker": "clerk",
              "minute-taker": "clerk", "minute taker": "clerk", "minutes-taker": "clerk", "skrev referat": "clerk",
              "skrev referatet": "clerk", "stood in": "substitute", "substitutes": "substitute",
              "suppleanter": "substitute"}


def role_asked(query: str) -> str | None:
    """The role a "who" question asks about ("chair", "clerk", "absent", …), or None."""
    if _ABSENT.search(query):
        return "absent"
    m = _ROLE_ASK.search(query)
    if not m:
        return None
    word = m[1].casefold()
    return _VERB_ROLE.get(word) or normalise_role(word)


def role_first(hits: list[Hit], role: str, by_role: dict[tuple[str, str], list[Passage]],
               named: Callable[[str], bool] = lambda mid: False) -> list[Hit]:
    """The hits with, in front, the passages naming who held `role` at the meetings of the top hits
    (a meeting the question names by its body or title first). Attendance lines of another role go:
    "Present: A, B" is no evidence of who chaired, while "Lis blev valgt som ordstyrer" stays. Absence
    is only ever written as attendance, so for it the absence lines found are the whole evidence."""
    order = list(dict.fromkeys(h.passage.meeting_id for h in hits))
    top = set(dict.fromkeys(h.passage.meeting_id for h in hits[:3]))
    meetings = sorted((mid for mid in order if mid in top or named(mid)),
                      key=lambda mid: (not named(mid), order.index(mid)))
    front: list[Hit] = []
    seen = set()
    best = hits[0] if hits else None
    for mid in meetings:
        for p in by_role.get((mid, role), []):
            if p.id not in seen:
                seen.add(p.id)
                front.append(Hit(p, best.score if best else 0.0, None, None, best.similarity if best else None))
    if role == "absent" and front:
        return front
    return front + [h for h in hits if h.passage.id not in seen
                    and not (h.passage.how == "attendance" and h.passage.role != role)]
