"""Decisions and action items of one meeting as FollowUp records: kind, owner, due date, item, verbatim line.

Sources: marker lines ("Vedtak:", "Godkjent", "Beslutning", "Konklusjon:", "RESOLVED", "Agreed", "Action:",
"Ansvar:"), bullets under a follow-up heading ("Oppfølging", "Action points"), and passages the parser
attributed as actions (how == "action": "JK etablerer kontakten", "Ingar skal …", "(MS)"). An owner is
read from the line itself (initials in brackets, "– Name –", "Ansvar: ØS", "JT to …"), else from the
passage's actors; a name that fits several roster entries stays ambiguous with its candidates.
"""

from __future__ import annotations

import re

from askbot.types import Document, FollowUp, Meeting, ParsedMinutes, Passage

from .cast import Cast
from .dates import parse_date
from .followowners import ALL, SECRETARIAT, known_all, owners_of
from .reported import opener
from .sentences import sentence_spans
from .verbs import ACTION

_LEAD = r"^[\s\-–•*#>]*(?:\d+(?:\.\d+)*\.?\s+)?\**"
_DECISION = re.compile(_LEAD + r"(vedtak|beslutning|konklusjon|godkjent|godkendt|resolved|agreed|decision|vedtatt)\b\**\s*"
                       r"[:.\-–]?\**\s*", re.I)
_AGREED = re.compile(r"\b(?:members|the\s+(?:forum|committee|council|meeting|group))\s+(?:agreed|decided|resolved)\b|"
                     r"\b(?:ble|vart)\s+(?:godkjent|godkjend|vedtatt|vedteken)\b|\bgodkjennes\b|\bvedtas\b|\b(?:it|this)\s+was\s+"
                     r"agreed\b|\bunanimously\s+agreed\b|\bagreed\s+by\s+(?:all|a\s+vote)\b|\b\d+\s+votes?\s+for\b|"
                     r"\bvoted\s+\d|\b(?:har|blev|ble|er)\s+(?:endelig\s+)?(?:besluttet|besluttede)\b|\benighed\s+om\b|"
                     r"\bgodkend(?:te|es)\b|\bmeeting\s+agreed\b", re.I)
_GLUED = re.compile(r"(?<=[a-zæøå]{3}[.!?])(?=[A-ZÆØÅ][a-zæøå])")
_CLAUSE = re.compile(r",\s+(?=(?:the\s+Clerk|the\s+Chair\w*|Cllr\s|Councillor\s)[^,]{0,40}?\s(?:will|to|would)\s)")
_MORE = r"|har mandat til|arbejder på|jobber med å|bestiller|undersøger|fikser"
_VERB_AFTER = re.compile(rf"(?:{ACTION}{_MORE})\b", re.I)
_COMMITTEE = re.compile(rf"^([A-ZÆØÅ][a-zæøå]+kom(?:iteen)?)\s+(?:{ACTION}|ser videre på|backer)\b", re.I)
_INITIALS_MID = re.compile(r"^[^()]{0,40}\(([A-ZÆØÅ]{2,4})\)\s+(?:skal|will|vil|is to)\b")
_BARE = re.compile(rf"^((?:[A-ZÆØÅ][a-zæøå]+)(?:(?:,\s*|\s+(?:og|and)\s+)[A-ZÆØÅ][a-zæøå]+)*)\s+(?:{ACTION}{_MORE})\b")
_SEC_DOES = re.compile(r"^\W*(?:sekretariatet|the\s+secretariat|sekretæren)\b|\b(?:ber|bad|asks?|asked|requests?|"
                       r"instructs?|men|but|and|og)\s+(?:the\s+)?(?:sekretariatet|secretariat|sekretæren)\b", re.I)
_HEARSAY = re.compile(r"\bhad\s+(?:agreed|decided|resolved)\b|\b(?:reported|advised|stated|orienterte|informerte)\b", re.I)
_ACTION = re.compile(_LEAD + r"(action|ansvar|ansvarleg|ansvarlig|tiltak)\s*:\**\s*", re.I)
_HEADING = re.compile(_LEAD + r"(oppfølging\w*|oppfylging\w*|action\s+points|actions|aksjonspunkt\w*|"
                      r"oppgaver)\W*$", re.I)
_PROMISE = re.compile(r"\b(agreed to|undertook to|offered to|lovet å|lova å|påtok seg|tok på seg|tilbød seg)\b", re.I)
_SUBJECT = re.compile(r"^(?:that\s+)?(?:the\s+)?((?:[A-ZÆØÅ]{2,4}|Chair|Clerk|Leder|Leiar)(?:\s*(?:,|og|and)\s*[A-ZÆØÅ]{2,4})*)"
                      r"\s+(?!og\b|and\b)[a-zæøå]", re.I)
_BULLET = re.compile(r"^\s*[-–•*]\s+")
_DONE = re.compile(r"\b(gjennomført|gjennomførd|ferdig|ferdigstilt|done|completed)\b", re.I)
_OWNER_TAIL = re.compile(r"\(([A-ZÆØÅ]{2,4}(?:\s*(?:,|og|and|&)\s*[A-ZÆØÅ]{2,4})*)\)\s*\.?\s*$")
_OWNER_DASH = re.compile(r"\s[–-]\s+([^–]+?)\s*(?:[–-]\s+[^–]*)?$")
_TO_DO = re.compile(r"^\s*((?:[A-ZÆØÅ][\w.]*\s*)+(?:(?:,|and|og|&)\s*(?:[A-ZÆØÅ][\w.]*\s*)+)*)\s+to\s+(?!be\b)\w", re.U)
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
    known, cast = tuple(known), Cast(pm.meeting.attendees)
    out: list[FollowUp] = []
    in_list, item, prev = False, None, None  # prev: (passage, line no, text) of the last prose line
    for p in pm.passages:
        if p.how == "attendance":
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
            pieces = _pieces(line)
            for piece in pieces:
                rec = _classify(pm.meeting, p, piece, no, in_list, prev, out, single and len(pieces) == 1, known, cast)
                if rec is not None:
                    out.append(rec)
            prev = (p, no, line)
    return out


def _pieces(line: str) -> list[str]:
    """A paragraph or a collapsed transcript line, sentence by sentence; a short line whole."""
    if len(line) < 120:
        return [line]
    parts = _GLUED.split(line)  # "… hjemmeside.Prosjektleder får …": a full stop with no space after it
    out = [part[a:b] for part in parts for a, b in sentence_spans(part)]
    return out if len(out) > 1 else [line]


def _doer(cast: Cast | None, sentence: str):
    """The doer of the sentence, or of a clause after a comma ("…, the Clerk will provide him with one.")."""
    if cast is None:
        return None
    for clause in (sentence, *(sentence[c.end():] for c in _CLAUSE.finditer(sentence))):
        got = _opens(cast, clause)
        if got is not None:
            return got
    return None


def _opens(cast: Cast, sentence: str):
    """(owners, kind, candidates) when the sentence opens with someone and an action verb ("Kirstine bestiller",
    "The Clerk to contact …", "Gaute Nessan tar kontakt med …"), else None."""
    if cast is None:
        return None
    if SECRETARIAT.match(_BULLET.sub("", sentence)) and _VERB_AFTER.match(sentence.split(None, 1)[-1]):
        return ("the secretariat",), "secretariat", ()
    mid = _INITIALS_MID.match(sentence)  # "Den eksterne projektleder (JN) skal …"
    if mid and len(found := cast.lookup(mid[1], "action").names if cast.lookup(mid[1], "action") else ()) == 1:
        return found, "person", ()
    org = _COMMITTEE.match(sentence)
    if org:
        return (org[1],), "org", ()
    bare = _BARE.match(sentence)  # no roster at all: "Kirstine bestiller.", "Jara, Anne og Kirstine arbejder på den."
    if bare and not cast.entries:
        return tuple(re.split(r",\s*|\s+(?:og|and)\s+", bare[1])), "person", ()
    a = opener(cast, sentence)
    if a is None or a.how != "action":
        return None
    if a.candidates and not a.names:
        return (), "ambiguous", tuple(a.candidates)
    people = {e.name for e in cast.entries if e.kind == "person"}
    return (tuple(a.names), "person" if set(a.names) <= people else "org", ()) if a.names else None


def _classify(m: Meeting, p: Passage, line: str, no: int, in_list: bool, prev, out: list[FollowUp], single: bool,
              known: tuple[str, ...] = (), cast: Cast | None = None):
    act = _ACTION.match(line)
    if act and act.group(1).lower().startswith("ansvar"):  # "Ansvar: ØS, frist 1. mars" owns the line before
        owners, kind, cands = owners_of(m, re.split(r",|\(", line[act.end():])[0], known)
        if out and out[-1].line == no - 1 and out[-1].kind == "action":
            last = out.pop()
            due, due_text = _due(m, line)
            return _replace(last, owners, kind, cands, due or last.due, due_text or last.due_text)
        if prev is not None and prev[1] == no - 1:
            pp, pno, ptext = prev
            return _record(m, pp, "action", ptext, pno, (owners, kind, cands), line)
        return _record(m, p, "action", line, no, (owners, kind, cands))
    dec = _DECISION.match(line)
    if dec:  # "Konklusjon: Ådne tar det videre": a task, not a decision
        doer = _doer(cast or Cast(m.attendees), line[dec.end():])
        if doer is not None:
            return _record(m, p, "action", line, no, doer)
    if dec or (_AGREED.search(line) and not (in_list and _BULLET.match(line))
               and not _HEARSAY.search(line)):
        return _record(m, p, "decision", line, no, _owner(m, p, line, known, decision=True))
    doer = _doer(cast, line)
    if doer is not None:
        return _record(m, p, "action", line, no, doer)
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
            got = owners_of(m, hit.group(1), known)
            if got[1] != "none":
                return got
    if p.actors and not decision and p.how in ("action", "role", "reported", "turn"):
        return tuple(p.actors), "person" if p.how != "action" or known_all(m, p.actors) else "org", ()
    if p.how == "action" and p.speaker_label and SECRETARIAT.search(p.speaker_label):
        return ("the secretariat",), "secretariat", ()
    if ALL.match(_BULLET.sub("", body)):
        return ("all members",), "all", ()
    if _SEC_DOES.search(body):
        return ("the secretariat",), "secretariat", ()
    return (), "none", ()


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
