"""Decisions and action items of one meeting as FollowUp records: kind, owner, due date, item, verbatim line.

Sources: marker lines ("Vedtak:", "Godkjent", "Beslutning", "Konklusjon:", "RESOLVED", "Agreed", "Action:",
"Ansvar:"), bullets under a follow-up heading ("Oppfølging", "Action points"), and passages the parser
attributed as actions (how == "action": "JK etablerer kontakten", "Ingar skal …", "(MS)"). An owner is
read from the line itself (initials in brackets, "– Name –", "Ansvar: ØS", "JT to …"), else from the
passage's actors; a name that fits several roster entries stays ambiguous with its candidates.
"""

from __future__ import annotations

import re

from askbot.types import Attendee, Document, FollowUp, Meeting, ParsedMinutes, Passage

from .dates import parse_date

_LEAD = r"^[\s\-–•*#>]*(?:\d+(?:\.\d+)*\.?\s+)?\**"
_DECISION = re.compile(_LEAD + r"(vedtak|beslutning|konklusjon|godkjent|resolved|agreed|decision|vedtatt)\b\**\s*"
                       r"[:.\-–]?\**\s*", re.I)
_AGREED = re.compile(r"\b(?:members|the\s+(?:forum|committee|council|meeting|group))\s+(?:agreed|decided|resolved)\b|"
                     r"\b(?:ble|vart)\s+(?:godkjent|godkjend|vedtatt|vedteken)\b|\bgodkjennes\b|\bvedtas\b", re.I)
_ACTION = re.compile(_LEAD + r"(action|ansvar|ansvarleg|ansvarlig|tiltak)\s*:\**\s*", re.I)
_HEADING = re.compile(_LEAD + r"(oppfølging\w*|oppfylging\w*|action\s+points|actions|aksjonspunkt\w*|"
                      r"oppgaver)\W*$", re.I)
_PROMISE = re.compile(r"\b(agreed to|undertook to|offered to|lovet å|lova å|påtok seg|tok på seg|tilbød seg)\b", re.I)
_SUBJECT = re.compile(r"^(?:that\s+)?(?:the\s+)?((?:[A-ZÆØÅ]{2,4}|Chair|Clerk|Leder|Leiar)(?:\s*(?:,|og|and)\s*[A-ZÆØÅ]{2,4})*)"
                      r"\s+(?!og\b|and\b)[a-zæøå]", re.I)
_ORG = re.compile(r"kommune|region|fylke|nemnd|sekretariat|forum|council|committee|partnership|\bAS\b|ASA|havn|"
                  r"\bNHO\b|\bKS\b|statnett|\s", re.I)
_BULLET = re.compile(r"^\s*[-–•*]\s+")
_DONE = re.compile(r"\b(gjennomført|gjennomførd|ferdig|ferdigstilt|done|completed)\b", re.I)
_OWNER_TAIL = re.compile(r"\(([A-ZÆØÅ]{2,4}(?:\s*(?:,|og|and|&)\s*[A-ZÆØÅ]{2,4})*)\)\s*\.?\s*$")
_OWNER_DASH = re.compile(r"\s[–-]\s+([^–]+?)\s*(?:[–-]\s+[^–]*)?$")
_TO_DO = re.compile(r"^\s*((?:[A-ZÆØÅ][\w.]*\s*)+(?:(?:,|and|og|&)\s*(?:[A-ZÆØÅ][\w.]*\s*)+)*)\s+to\s+\w", re.U)
_SECRETARIAT = re.compile(r"\b(sekretariatet|the\s+secretariat|sekretæren|sekretariat)\b", re.I)
_ALL = re.compile(r"^\s*(alle|all|everyone|all members)\b", re.I)
_ROLE_WORDS = {"chair": ("chair", "leder", "leiar", "møteleder", "chairman"),
               "clerk": ("clerk", "referent", "sekretær", "secretary")}
_DUE_WORD = r"(?:innen|innan|frist|by|before|før|til|until|no later than)"
_DUE_DATE = re.compile(rf"\b{_DUE_WORD}\s+(?:the\s+)?(\d{{1,2}}\.?\s+\w+\.?(?:\s+\d{{4}})?|\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?)",
                       re.I)
_DUE_MEETING = re.compile(r"\b(?:(?:innen|innan|til|før|by|for|på|at)\s+(?:the\s+)?(?:neste\s+møte|next\s+meeting|"
                          r"møtet\s+i\s+\w+|meeting\s+in\s+\w+)|i\s+løpet\s+av\s+\w+|by\s+the\s+end\s+of\s+\w+)",
                          re.I)


def extract(pm: ParsedMinutes, known: tuple[str, ...] = (), doc: Document | None = None) -> list[FollowUp]:
    """Every decision and action item in one parsed meeting, in document order. `known`: full names from
    the archive's other rosters, for a surname this meeting's roster lacks ("– Sätvedt –"); `doc`: the
    file's lines, to number lines exactly in passages where the parser joined blank lines."""
    known = tuple(known)
    out: list[FollowUp] = []
    in_list, item, prev = False, None, None  # prev: (passage, line no, text) of the last prose line
    for p in pm.passages:
        if p.how == "attendance" or not p.agenda_number:
            continue
        if p.agenda_number != item:
            in_list, item, prev = False, p.agenda_number, None
        single = sum(1 for t in p.text.split("\n") if t.strip()) == 1  # how applies to the whole passage
        for i, raw in enumerate(p.text.split("\n")):
            line, no = raw.strip(), _line_no(doc, p.line_start, i, raw.strip())
            if not line:
                continue
            if _HEADING.match(line):
                in_list = True
                continue
            rec = _classify(pm.meeting, p, line, no, in_list, prev, out, single, known)
            if rec is not None:
                out.append(rec)
            prev = (p, no, line)
    return out


def _classify(m: Meeting, p: Passage, line: str, no: int, in_list: bool, prev, out: list[FollowUp], single: bool,
              known: tuple[str, ...] = ()):
    act = _ACTION.match(line)
    if act and act.group(1).lower().startswith("ansvar"):  # "Ansvar: ØS, frist 1. mars" owns the line before
        owners, kind, cands = _owners_of(m, re.split(r",|\(", line[act.end():])[0], known)
        if out and out[-1].line == no - 1 and out[-1].kind == "action":
            last = out.pop()
            due, due_text = _due(m, line)
            return _replace(last, owners, kind, cands, due or last.due, due_text or last.due_text)
        if prev is not None and prev[1] == no - 1:
            pp, pno, ptext = prev
            return _record(m, pp, "action", ptext, pno, (owners, kind, cands), line)
        return _record(m, p, "action", line, no, (owners, kind, cands))
    if _DECISION.match(line) or (_AGREED.search(line) and not _BULLET.match(line) and p.how != "reported"):
        return _record(m, p, "decision", line, no, _owner(m, p, line, known, decision=True))
    if act or (p.how == "action" and single) or (in_list and _BULLET.match(line)) or (
            p.actors and p.how in ("role", "reported") and _promise(line)):
        return _record(m, p, "action", line, no, _owner(m, p, line, known))
    return None


def _line_no(doc: Document | None, start: int, i: int, text: str) -> int:
    if doc is None or not text:
        return start + i
    return next((ln.number for ln in doc.lines if ln.number >= start + i and text in ln.text), start + i)


def _promise(line: str) -> bool:
    """'the Chair agreed to …' (the actor promises), not '… reported that the committee had agreed to …'."""
    hit = _PROMISE.search(line)
    return bool(hit) and len(line[:hit.start()].split()) <= 3


def _record(m: Meeting, p: Passage, kind: str, text: str, no: int, owner, due_from: str = "") -> FollowUp:
    owners, okind, cands = owner
    due, due_text = _due(m, text + " " + due_from)
    return FollowUp(kind, m.id, m.date, p.agenda_number, p.agenda_title, text, no, owners, okind, cands, due, due_text,
                    bool(_DONE.search(text)), p.id)


def _replace(r: FollowUp, owners, kind, cands, due, due_text) -> FollowUp:
    from dataclasses import replace

    return replace(r, owners=owners, owner_kind=kind, candidates=cands, due=due, due_text=due_text)


def _owner(m: Meeting, p: Passage, line: str, known: tuple[str, ...] = (), decision: bool = False):
    """(owners, kind, candidates): written owner first, then the passage's actors, then the secretariat."""
    body = _DECISION.sub("", _ACTION.sub("", line, count=1), count=1)
    for rx in (_OWNER_TAIL, _OWNER_DASH, _TO_DO, _SUBJECT):
        hit = rx.search(body) if rx in (_OWNER_TAIL, _OWNER_DASH) else rx.match(_BULLET.sub("", body))
        if hit:
            got = _owners_of(m, hit.group(1), known)
            if got[1] != "none":
                return got
    if p.actors and not decision and p.how in ("action", "role", "reported", "turn"):
        return tuple(p.actors), "person" if p.how != "action" or _known(m, p.actors) else "org", ()
    if p.how == "action" and p.speaker_label and _SECRETARIAT.search(p.speaker_label):
        return ("the secretariat",), "secretariat", ()
    if _ALL.match(_BULLET.sub("", body)):
        return ("all members",), "all", ()
    if _SECRETARIAT.search(body):
        return ("the secretariat",), "secretariat", ()
    return (), "none", ()


def _known(m: Meeting, names) -> bool:
    return all(any(a.name == n and a.kind == "person" for a in m.attendees) for n in names)


def _owners_of(m: Meeting, written: str, known: tuple[str, ...] = ()):
    """Resolve 'MS', 'KM and JT', 'Vaskinn og Holmen', 'Øyvind Sätvedt', 'sekretæren', 'alle' on the roster."""
    written = written.strip().strip(".")
    if not written or len(written) > 60:
        return (), "none", ()
    if _ALL.match(written):
        return ("all members",), "all", ()
    names, cands = [], []
    for part in re.split(r"\s*(?:,|\bog\b|\band\b|&)\s*", written):
        part = re.sub(r"^(the|Cllr|Mrs|Mr|Ms)\s+", "", part.strip(), flags=re.I)
        if not part:
            continue
        found = _roster(m.attendees, part)
        if len(found) == 1:
            names.append(found[0])
        elif len(found) > 1:
            cands.extend(found)
        elif _SECRETARIAT.search(part):
            names.append("the secretariat")
        elif len(other := [n for n in known if n.lower().split()[-1] == part.lower()]) == 1:
            names.append(other[0])  # a surname on another meeting's roster
        elif part[:1].isupper() and not part.isupper() and _ORG.search(part):
            names.append(part)  # an organisation, as written
        else:
            return (), "none", ()
    if cands:
        return tuple(names), "ambiguous", tuple(dict.fromkeys(cands))
    if not names:
        return (), "none", ()
    kind = ("secretariat" if names == ["the secretariat"] else
            "org" if any(_ORG.search(n) and n not in known and not _known(m, [n]) for n in names) else "person")
    return tuple(dict.fromkeys(names)), kind, ()


def _roster(attendees: tuple[Attendee, ...], token: str) -> list[str]:
    found = _roster_all(attendees, token)
    present = [n for n in found if any(a.name == n and not a.absent for a in attendees)]
    return present if len(found) > 1 and len(present) == 1 else found  # "ØS": not the one who sent apologies


def _roster_all(attendees: tuple[Attendee, ...], token: str) -> list[str]:
    people = [a for a in attendees if a.kind == "person"]
    low = token.lower()
    for role, words in _ROLE_WORDS.items():
        if low in words or low.rstrip("en") in words:
            return list(dict.fromkeys(a.name for a in people if a.role and any(
                w in a.role.lower() for w in words) and not (role == "chair" and "nest" in a.role.lower())))
    if token.isupper() and 2 <= len(token) <= 4:
        return list(dict.fromkeys(a.name for a in people if token in a.initials))
    full = [a.name for a in people if a.name.lower() == low]
    if full:
        return full[:1]
    words = low.split()
    return list(dict.fromkeys(a.name for a in people if words and (
        a.name.lower().split()[-1] == words[-1] or a.name.lower().split()[0] == words[0]) and len(words) == 1))


def _due(m: Meeting, text: str):
    """(date or None, the phrase as written) for a due date written in the text."""
    hit = _DUE_DATE.search(text)
    if hit:
        date, year_given = parse_date(hit.group(1), default_year=m.date.year)
        if date is not None:
            if not year_given and date < m.date:
                date = date.replace(year=date.year + 1)
            return date, hit.group(0).rstrip(".,; ")
    hit = _DUE_MEETING.search(text)
    return (None, hit.group(0).rstrip(".,; ")) if hit else (None, None)
