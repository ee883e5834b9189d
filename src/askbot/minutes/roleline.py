"""A member's role at this meeting stated in the body: "Mark is taking notes", "Eric Huss facilitating",
"Kari tar referat", "Ola er ordstyrer i dag", "Søren tager referat", "Anne will chair the meeting".

The whole sentence must be that statement (a name, the role phrase, at most "for the meeting" / "i dag"),
and the name must be one roster member; the sentence is that member's only, with how "role", so "who took
the minutes?" and "who chaired?" find it like an attendance line."""

from __future__ import annotations

import re

from .cast import Actor, Cast

_CLERK = (r"tak(?:e|es|ing) (?:the )?(?:notes|minutes)|(?:the )?note[- ]?taker|(?:the )?minute[- ]?taker|scribe|"
          r"(?:tar|tek|tager|skriver|skriv) referat(?:et)?|referent")
_CHAIR = (r"facilitat(?:ing|es|e)|(?:the )?facilitator|chair(?:ing|s)?|the chair|"
          r"ordstyrer|ordstyrar|møteleder|møteleiar|mødeleder|(?:leder|leiar|styrer) møtet|leder mødet")
_ROLE_LINE = re.compile(
    r"^\W*(?P<who>[A-ZÆØÅ][\w.'’-]*(?:\s+[A-ZÆØÅ][\w.'’-]*){0,3})\s+"
    r"(?i:(?:is\s+|was\s+|will\s+|will\s+be\s+|er\s+|var\s+|blir\s+|bliver\s+)?"
    rf"(?:(?P<clerk>{_CLERK})|(?P<chair>{_CHAIR}))"
    r"(?:\s+(?:(?:for|på|i|at|of)\s+)?(?:the\s+|this\s+)?(?:meeting|møtet|mødet))?(?:\s+(?:today|i dag))?)"
    r"\s*[.!]?\s*$")


def role_line(cast: Cast, text: str) -> Actor | None:
    """The one roster member a role statement names, with that role ("clerk" or "chair"), or None."""
    m = _ROLE_LINE.match(text)
    if not m:
        return None
    found = cast.lookup(m["who"])
    if found is None or not found.names or found.ambiguous or found.how == "role":
        return None  # a role word as the subject ("The Chair will chair") says nothing new
    return Actor(found.names, m["who"].strip(), "role", "clerk" if m["clerk"] else "chair")


def is_role_line(text: str) -> bool:
    """Is the whole of `text` a role statement ("Kari tar referat.")?"""
    return bool(_ROLE_LINE.match(text))
