"""Questions that ask who holds a role: "Who is the daglig leder of …?", "Hvem er daglig leder …?", "Hvem var
referent?", "Who chaired the meeting?". They are answered only with the people the meetings' rosters give that
role (the attendance and role passages, minutes/attendance.py and minutes/signatures.py), cited by that line;
when no roster of the meetings found gives anyone the role, the answer says so and names nobody (never a
guess from the topic, such as a speaker who mentions "daglig leder").

A question about a role in passing ("Who asked the clerk about …?", "Hvem har ansatt en daglig leder?") is not
such a question: the role word must be what the question asks for (after "who is / hvem er …", or a verb
that means holding it: "chaired", "ledet møtet", "took the minutes", "skrev referatet")."""

from __future__ import annotations

import re
from collections.abc import Callable

from askbot.minutes.roles import ROLE_WORDS, normalise_role
from askbot.types import Hit, Passage

from .roles import _VERB_ROLE

# The label on closest passages that do not answer (also answer, unknown, initials use it).
CLOSEST_NO = "Her er de nærmeste avsnittene, som ikke er et svar."
CLOSEST_EN = "Here are the closest passages; they are not an answer."

_WORDS = sorted({w for ws in ROLE_WORDS.values() for w in ws} | {"minute-taker", "minutes-taker", "minutes taker"},
                key=len, reverse=True)
_ROLE = "|".join(re.escape(w).replace(r"\ ", r"[\s-]") for w in _WORDS)
_HOLDER = re.compile(
    r"^\W*(?:and\s+|og\s+|so\s+)?(?:who|hvem|kven)\s+(?:is|was|are|were|'s|’s|er|var|blir|ble|vart|became|becomes)\s+"
    r"(?:(?:the|a|an|our|new|current|acting|ny|nye|den|det|dagens|nåværende|nuværende|fungerende)\s+)*"
    rf"(?P<role>{_ROLE})(?:en|et|n)?"
    r"(?=\s*$|\s*[?.!]|\s+(?:of|for|at|in|on|to|i|på|til|av|hos|ved|under|når|when|during|this|that|there|"
    r"here|nå|now|today)\b)", re.I)
_VERB = re.compile(r"^\W*(?:and\s+|og\s+|so\s+)?(?:who|hvem|kven)\s+(?P<role>chaired|facilitated|ledet|leda|leia|"
                   r"ledede|took\s+(?:the\s+)?minutes|skrev\s+referatet|skrev\s+referat|skreiv\s+referatet)\b"
                   r"(?P<obj>\s+(?:the\s+)?(?:meeting|møtet|mødet|sync|session|call))?", re.I)
STATED_HITS = 10  # the best hits searched for a passage stating the role, when no roster gives it
ROSTER_ONLY = 3  # a roster passage naming more people than this is a list, not who held the role alone


def holder_asked(query: str) -> tuple[str, str] | None:
    """(normalised role, the role as the question writes it) when the question asks who holds a role."""
    q = query.strip()
    m = _HOLDER.match(q)
    if m:
        word = " ".join(m["role"].split())
        role = _VERB_ROLE.get(word.casefold()) or normalise_role(word)
        return (role, word) if role and role not in ("member", "observer", "secretariat") else None
    m = _VERB.match(q)
    if m and (m["obj"] or not re.match(r"(?i)led|leia", m["role"])):  # "hvem ledet arbeidet" is no role
        clerk = bool(re.match(r"(?i)took|skre", m["role"]))
        english = bool(re.match(r"(?i)chaired|facilitated|took", m["role"]))
        return ("clerk" if clerk else "chair"), ("clerk" if clerk else "chair") if english else (
            "referent" if clerk else "møteleder")
    return None


def holder_hits(role: str, word: str, hits: list[Hit], by_role: dict[tuple[str, str], list[Passage]],
                named: Callable[[str], bool] = lambda mid: False) -> tuple[list[Hit], bool]:
    """The roster passages giving `role` to someone at the meetings the question names (any of the hits'
    meetings whose body or title it names), else at the meetings of the three best hits; best meeting first.
    When no roster there gives the role, the hits of those meetings whose own words state it for the people
    they are attributed to ("RESOLVED: Cllr Mann elected as vice-chair", "- Eric Huss facilitating").
    Also whether nobody holds it: none found though those meetings' rosters give roles (only to others); a
    roster that records no roles at all does not say nobody held this one."""
    order = list(dict.fromkeys(h.passage.meeting_id for h in hits))
    meetings = [mid for mid in order if named(mid)] or list(dict.fromkeys(h.passage.meeting_id for h in hits[:3]))
    best = hits[0] if hits else None
    out: list[Hit] = []
    for mid in meetings:
        for p in by_role.get((mid, role), []):
            if not p.ambiguous and len(_actors(p)) <= ROSTER_ONLY:
                out.append(Hit(p, best.score if best else 0.0, None, None, best.similarity if best else None))
    if out:
        return out, False
    said = _stated(role, word)
    stated = [h for h in hits[:STATED_HITS] if h.passage.meeting_id in meetings and not h.passage.ambiguous
            and 0 < len(_actors(h.passage)) <= ROSTER_ONLY and said.search(h.passage.text)]
    return stated, not stated and any(mid == m for m, _ in by_role for mid in meetings)


def _actors(p: Passage) -> set[str]:
    return {i for i in (p.person_id, *p.people_ids) if i}


def _stated(role: str, word: str) -> re.Pattern:
    """The role's words as a passage may write them: long words by their stem ("facilitat-" for facilitator)."""
    words = {word.casefold(), *ROLE_WORDS.get(role, ())}
    stems = sorted({w[:-3] if len(w) >= 8 else w for w in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"[\s-]") for w in stems) + r")", re.I)


def holder_text(lang: str, word: str, names: list[str], nobody: bool = True) -> str:
    """The answer's sentence: who the minutes list in the role, that nobody is (`nobody`: the rosters give
    roles, not this one), or that it was not found (the rosters give no roles at all)."""
    if not names and not nobody:
        return (f"Jeg fant ikke hvem som var {word} i referatene. {CLOSEST_NO}"
                if lang == "no" else
                f"I could not find who was {word} in the minutes. {CLOSEST_EN}")
    if not names:
        return (f"Ingen i referatene er ført opp som {word}. {CLOSEST_NO}"
                if lang == "no" else
                f"Nobody in the minutes is listed as {word}. {CLOSEST_EN}")
    joined = (" og " if lang == "no" else " and ").join(names)
    return f"{joined} er ført opp som {word} i referatet." if lang == "no" else f"The minutes list {joined} as {word}."
