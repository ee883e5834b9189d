"""Who a sentence names as the doer when its own subject names nobody: the subject of a proposal or
decision clause ("Koordinator … foreslår at Maps lager et kontraforslag", "It was agreed that the Clerk
would write …", "Styret ba om at JB tar kontakt", "bestyrelsen besluttede, at KH sender …"), and a
contact point ("Medlemmer … kan kontakte Jara.", "Papers will be available … from the clerk."), and a
proposer or seconder named after the verb ("This was proposed by Cllr Willox", "Seconded: Cllr Hart").

Only a roster member (or a role word the roster fixes to one person, or a first name the document
writes as a person's) counts, never a stranger; the sentence is that actor's only: an action, or for a
contact point the role "contact" (no task, so no follow-up)."""

from __future__ import annotations

import re

from .cast import Actor, Cast
from .verbs import ACTION, PROPOSE

_CLAUSE = re.compile(rf"\b(?:{PROPOSE}),?\s+(?:at|that)\s+", re.I)
_DOES = re.compile(rf"^(?:(?:{ACTION})\b|bør\b|må\b|should\b|shall\b|be (?:asked|instructed|authori[sz]ed) to\b|"
                   r"(?:writes|contacts|arranges|obtains|investigates|circulates|organises|organizes)\b)", re.I)
# a name or "the clerk", ending the sentence
_WHO = r"(?P<who>(?:the\s+)?[A-ZÆØÅa-zæøå][\w.-]*(?:\s+[A-ZÆØÅ][\w.-]*){0,3})\s*[.!]?$"
_CONTACT = re.compile(r"\b(?:kan|kan man|bør|må|can|may|should|please)\s+(?:kontakte|henvende\s+(?:sig|seg)\s+til|"
                      r"ta\s+kontakt\s+med|tage\s+kontakt\s+til|contact|get\s+in\s+touch\s+with|speak\s+to)\s+"
                      rf"{_WHO}")
_FROM = re.compile(r"\b(?:available|obtainable|to be had|(?:obtained|collected|picked up))\b[^.;:]{0,60}?\s"
                   rf"from\s+{_WHO}", re.I)


def clause_owner(cast: Cast, text: str) -> Actor | None:
    """The roster member a proposal/decision clause (how "action") or a contact point (how "role", role
    "contact") in `text` names, or None."""
    for m in _CLAUSE.finditer(text):
        words = text[m.end():].split()
        for k in range(min(4, len(words) - 1), 0, -1):
            rest = " ".join(words[k:])
            if not _DOES.match(rest):
                continue
            who = _member(cast, " ".join(words[:k]))
            if who is not None:
                return who
    m = _CONTACT.search(text) or _FROM.search(text)
    who = _member(cast, m["who"]) if m else None
    return Actor(who.names, who.label, "role", "contact") if who else None  # the one to turn to; no task


def _member(cast: Cast, subject: str) -> Actor | None:
    subject = subject.strip(" ,.;:")
    if not subject or not (subject[:1].isupper() or subject.casefold().startswith("the ")):
        return None
    found = cast.lookup(subject, "action")
    if found is None and cast.doc.first_name(subject) and not cast.knows(subject) and " " not in subject:
        found = cast.stranger(subject, "action")  # "Jara": a first name the document writes as a person's
    if found is None or not found.names or found.ambiguous:
        return None
    return Actor(found.names, subject, "action", found.role)


# an agent after a passive or a label: "This was proposed by Cllr J Willox", "Proposed: Cllr Rahman"
BY = re.compile(r"\b(?i:proposed|seconded|supported|støttet|støtta|sekundert|moved|presented|raised|introduced|"
                r"requested|suggested|foreslått|fremmet|framsett|lagt fram|lagt frem|foreslået|fremlagt)"
                r"(?:\s+(?i:by|av|af)\s+|:\s*)(?P<who>(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s+)*[A-ZÆØÅ][\w.-]*"
                r"(?:\s+[A-ZÆØÅ][\w.-]*){0,3})")
PROPOSING = re.compile(r"\bwith\s+(?P<who>(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s+)*[A-ZÆØÅ][\w.-]*(?:\s+[A-ZÆØÅ]"
                       r"[\w.-]*){0,3})\s+(?:proposing|seconding)\b")


def by_agents(cast: Cast, text: str) -> Actor | None:
    """Who a sentence names as proposer or seconder ("Proposed by Cllr Rahman, seconded by Cllr
    Whitfield.": both; "Seconded: Cllr Whitfield"); the ambiguous one when the roster cannot tell."""
    names: list[str] = []
    label, unsure = "", None
    for m in list(BY.finditer(text)) or [m for m in [PROPOSING.search(text)] if m]:
        found = cast.lookup(m["who"])
        if found is not None and found.names:
            names += [n for n in found.names if n not in names]
            label = label or m["who"].rstrip(".")
        unsure = unsure or (found if found is not None and found.candidates else None)
    if names:
        return Actor(tuple(names), label, "reported")
    return unsure  # "Seconded: Cllr Mrs Hartley" with two Hartleys: theirs, undecided; None when nobody
