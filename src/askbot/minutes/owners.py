"""Action owners in a line: "Ansvar: KH", "Action: AB to …", a task line ending in "(NS)", " – JM" or
"v/ Kari Nordmann", and a roster first name signing a line in lower case ("… i guess (jacob)")."""

from __future__ import annotations

import re

from .cast import Actor, Cast

LEAD = re.compile(r"^(?:[-*•–+]\s*|\d{1,2}(?:\.\d{1,2})*[.)]?\s+|[a-z]\)\s+|\*\*|__)+")  # a list mark, "**"
SPLIT_SUBJ = re.compile(r"\s*(?:,|\bog\b|\band\b|&|\bsamt\b)\s*")  # "Kari og Ola", "AB, CD & EF"
_OWNER_LINE = re.compile(r"^[\s*_]*(?:ansvar|ansvarlig|ansvarleg|action|actions|responsible|owner|aksjon|"
                         r"oppfølging)[\s*_]*:[\s*_]*(?P<who>.+)$", re.I)
_OWNER_TAIL = re.compile(r"(?:\((?P<p>[^()]{1,40})\)|\s[-–]\s*(?P<d>[A-ZÆØÅ]{2,4}|[A-ZÆØÅ][\w-]+(?:\s+[A-ZÆØÅ][\w-]+){0,3})|"
                         r"\s(?:v/|ved)\s*(?P<v>[A-ZÆØÅ][\w-]+(?:\s+[A-ZÆØÅ][\w-]+){0,3})|\s(?P<b>[A-ZÆØÅ]{2,4}))[\s.]*$")
_OWNER_MID = re.compile(r"\((?P<p>[A-ZÆØÅ]{2,4}|[A-ZÆØÅ][a-zæøå]+)\)(?=\s+[-–]\s|\s+[a-zæøå])")


_NAME = r"[A-ZÆØÅ][\w.'’-]*(?:\s+[A-ZÆØÅ][\w.'’-]*){0,3}"
_NAMED = re.compile(rf"^{_NAME}(?:\s*(?:,|\bog\b|\band\b|&|\bsamt\b)\s*{_NAME})*(?=\s+[a-zæøå])")


def owner(cast: Cast, line: str) -> Actor | None:
    """"Ansvar: KH" / "Action: AB to …" / a task ending in "(NS)" → the owner."""
    lead = LEAD.match(line)
    m = _OWNER_LINE.match(line[lead.end():] if lead else line)
    if m:
        who = re.sub(r"\(.*", "", m["who"]).strip()
        head = re.split(r"[;:]|,\s*(?:frist|innen|by|deadline)|\s(?:to|skal|will|sender|tar|følger)\s", who,
                        maxsplit=1)[0]
        parts = [p.strip(" .*_") for p in SPLIT_SUBJ.split(head) if p.strip(" .*_")]
        found = [cast.lookup(p, "action") for p in parts[:4]]
        named = _NAMED.match(head)
        if named and not (found and all(a and a.names for a in found)):
            head = named[0]  # "Ansvar: PSD kontakter entreprenøren …": the names before the task's verb
            parts = [p.strip(" .*_") for p in SPLIT_SUBJ.split(head) if p.strip(" .*_")]
            found = [cast.lookup(p, "action") for p in parts[:4]]
        if found and all(a and a.names for a in found):
            return Actor(tuple(n for a in found for n in a.names), head.strip(), "action")
        a = found[0] if len(found) == 1 else None
        return Actor(a.names, a.label, "action", a.role, a.candidates) if a else None
    short = len(line) <= 300  # a task line, not a paragraph or a collapsed transcript
    t = (_OWNER_TAIL.search(line.rstrip()) or (_OWNER_MID.search(line) if LEAD.match(line) else None)) if short else None
    if t:
        who = (t["p"] or t.groupdict().get("d") or t.groupdict().get("v") or t.groupdict().get("b") or "").strip()
        parts = [p for p in SPLIT_SUBJ.split(who) if p]
        # "… i guess (jacob)": a roster first name written in lower case signs the line
        signed = [p.capitalize() if p.isalpha() and p.islower() and cast.knows(p.capitalize()) else p for p in parts]
        how = "reported" if signed != parts else "action"  # a signature reports; it is no task
        parts = signed
        found = [cast.lookup(p, how) for p in parts]
        if found and all(a and a.names for a in found) and all(
                re.fullmatch(r"[A-ZÆØÅ]{2,4}|[A-ZÆØÅ][\w-]+(?:\s+[A-ZÆØÅ][\w-]+){0,3}", p) for p in parts):
            return Actor(tuple(n for a in found for n in a.names), who, how)
    return None
