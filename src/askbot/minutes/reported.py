"""Attribution in running text: which sentences open a new actor's turn.

- reported speech: a sentence whose subject is a roster member (name, first name, surname, initials,
  title + surname, a role word the roster fixes to one person, a member organisation) followed by a
  reporting or action verb: "AS advised that …", "MS orienterte om saken", "Mrs Clements stated …",
  "JB anbefalede, at …", "Kari og Ola mente …", "Gaute Nessan skal sørge for …"; an organisation no
  roster lists, named as one, with a reporting verb: "Sport og fritid oplyser …" (see orgsubject.py);
- action owners ("Ansvar: KH", "Action: AB to …", a task ending in "(NS)"): see owners.py;
- roles: "Møtet ble leda av Paul Dahlø", "chaired by …", "Faciliteret af …";
- where the subject names nobody, the doer of a proposal or decision clause or a contact point ("… foreslår at
  Maps lager …", "It was agreed that the Clerk would …", "… kan kontakte Jara"): see clauseowners.py.
A hedged sentence ("Dette kan …", "This could …") goes on in the turn it is in.
"""

from __future__ import annotations

import re

from .cast import Actor, Cast
from .clauseowners import BY as _BY
from .clauseowners import PROPOSING as _PROPOSING
from .clauseowners import by_agents, clause_owner
from .entries import strip_titles
from .orgsubject import body_subject, org_subject
from .owners import LEAD as _LEAD
from .owners import SPLIT_SUBJ as _SPLIT_SUBJ
from .roleline import is_role_line, role_line
from .roles import normalise_role
from .sentences import sentence_spans
from .turnscope import VIA, member_subject
from .turnscope import embedded as _embedded
from .turnscope import scoped as _scoped
from .verbs import ACTION, GENERIC, ORG_REPORT, REPORT

_VERB = re.compile(rf"^(?:\([^()]{{1,60}}\)\s*)?,?\s*(?:(?:og|and|også|also|then|så|further|again|later|kort|"
                   rf"videre|deretter|vidare|derefter|briefly|subsequently)\s+)?"
                   rf"(?P<verb>{REPORT}|{ACTION}|{GENERIC})\b", re.I)
_CHAIRED = re.compile(r"(?:\b(?:ble|blei|vart|blev|was|were)\s+(?:leda|ledet|leia|leiet|chaired|facilitated|led)"
                      r"\s+(?:av|af|by)|^(?:faciliteret|ledet|chaired|facilitated)\s+(?:af|av|by))\s+"
                      r"(?P<who>[A-ZÆØÅ][\w.\- ]{1,60}?)(?=[,.:;(]|$)", re.I)
_STOPPER = re.compile(r"^\W*(?:vedtak|konklusjon|beslutning|resolved|agreed|it was|there (?:was|were|is|are)|det ble|"
                      r"det vart|det blev|det er|det var|der er|der var|møtet|mødet|the meeting|the council|"
                      r"council|styret|styrets?\b(?! leder)|bestyrelsen|rådet|utvalget|udvalget|the board|the committee|"
                      r"all members|members|alle|everyone|we |vi |man |godkjent|godkendt|approved|noted|følgende|følgjande|"
                      r"the following|saksliste|dagsorden|agenda|(?:det|den|dette|disse|der|this|these|those|it|the|"
                      r"a|an|en|et|ei|fristen|neste)\s|"
                      r"\d{1,4}[/-]\d{2,4}\b|sak \d|(?-i:[A-ZÆØÅ]{2,}(?:\s+[A-ZÆØÅ]{2,}){2,}))", re.I)
_ANY_SUBJECT = re.compile(rf"^(?:[A-ZÆØÅ][\w.-]*)(?:\s+[A-ZÆØÅ][\w.-]*){{0,2}}\s+(?:{REPORT})\b")
_NAME = r"(?:(?:Cllr|Councillor|Mr|Mrs|Ms|Dr)\.?\s+)*[A-ZÆØÅ][\w.-]*(?:\s+[A-ZÆØÅ][\w.-]*){0,3}"
_ELECTED = re.compile(rf"^(?:(?:RESOLVED|Vedtak|Beslutning|Agreed)\W*\s*)?(?P<who>{_NAME})\s+(?:was\s+|is\s+|were\s+)?"
                      r"(?:re-?elected|elected|appointed|co-opted|ble\s+(?:gjen)?valgt|blei\s+valt|vart\s+(?:att)?vald|"
                      r"blev\s+(?:gen)?valgt|er\s+valgt|valgt\s+som|valgt\s+til)\b"
                      rf"|\b(?:elect|appoint|velge|valgte)\s+(?P<who2>{_NAME})\s+(?:as|som|til)\b", re.I)
_ACTION_VERB = re.compile(rf"^(?:{ACTION})$", re.I)
_ROLE_REPORT = re.compile(r"^(?P<role>[A-Za-zÆØÅæøå]{3,20}?)(?:['’]s)?\s+(?:report|stuff|update|rapport|orientering)\s*:",
                          re.I)
# a passive whose agent follows: "This was proposed by Cllr J Willox", "Det ble foreslått av styret"
_PASSIVE = re.compile(r"^\W*(?:it|this|that|the (?:motion|proposal|item|date)|det|dette|forslaget|saken)\s+(?:was|were|is|"
                      r"ble|blei|vart|blev|er)\s+(?:(?:also|then|duly|også|så)\s+)?(?:proposed|seconded|moved|raised|"
                      r"suggested|presented|introduced|requested|foreslått|fremmet|framsett|lagt fram|lagt frem|"
                      r"foreslået|fremlagt)\s+(?:by|av|af)\s", re.I)
_ORG_VERB = re.compile(rf"^(?:{ORG_REPORT})$", re.I)
_GENERIC_VERB = re.compile(rf"^(?:{GENERIC})$", re.I)
_AUX = r"har|hadde|havde|has|had|have"
_PERFECT = re.compile(rf"^(?:{_AUX})$", re.I)  # + a participle: an act, not a state
_PARTICIPLE = re.compile(r"^(?:[a-zæøå]{3,}(?:et|ede|ert|eret|ed)|begun|done|sent|made|given|taken|written)$")


def _subject_actor(cast: Cast, words: list[str], k: int, verb: str, role_after: bool = False,
                   perfect: bool = False) -> Actor | None:
    subject = " ".join(words[:k])
    how = "action" if _ACTION_VERB.match(verb) else "reported"
    parts = [p for p in _SPLIT_SUBJ.split(subject) if p]
    if len(parts) > 1:  # "Kari og Ola mente"
        found = [cast.lookup(p, how) or (cast.stranger(p, how) if not _GENERIC_VERB.match(verb) and not cast.knows(p)
                                         else None) for p in parts]
        if all(a and a.names for a in found):
            return Actor(tuple(n for a in found for n in a.names), subject, how)
        return _organisation(cast, subject, verb)  # "Sport og fritid oplyser …"
    actor = cast.lookup(subject, how)
    if actor is None and how == "reported" and not cast.knows(subject):
        actor = _organisation(cast, subject, verb)  # "The Environment Agency advised …": as the organisation
        if actor is None and body_subject(subject):  # "The Council noted …": the body's own decision
            return None
    if actor is None and not cast.knows(subject) and (not _GENERIC_VERB.match(verb) or role_after or perfect):
        # "Region Midtjylland har ligeledes finansieret …": a deed of its own sentence, not a turn
        actor = cast.stranger(subject, how)
    if actor is not None and how == "action" and actor.how != "action":  # "Rådmannen sørger for …"
        actor = Actor(actor.names, actor.label, "action", actor.role, actor.candidates)
    return actor


def _organisation(cast: Cast, subject: str, verb: str) -> Actor | None:
    """An organisation no roster lists, named as one, with a reporting verb (see orgsubject)."""
    if not _ORG_VERB.match(verb) or cast.knows(subject) or cast.lookup(subject) is not None:
        return None
    org = org_subject(subject)
    return Actor((org,), subject.strip(), "reported") if org else None


def _role_report(cast: Cast, text: str) -> Actor | None:
    """"ASSISTANT’S STUFF: …", "Clerk's Report: …", "Kassererens rapport: …" → the one holder of that role."""
    m = _ROLE_REPORT.match(text)
    if not m:
        return None
    word = m["role"]
    for cut in ("", "ens", "ns", "s"):  # "Kassererens", "Leders": the genitive
        base = word[:len(word) - len(cut)] if cut and word.casefold().endswith(cut) else word if not cut else None
        found = cast.holder(base) if base and normalise_role(base) else None
        if found:
            return Actor(found.names, text[:m.end()].rstrip(": "), "role", found.role)
    return None


def opener(cast: Cast, sentence: str) -> Actor | None:
    """The actor a sentence opens a turn for, or None."""
    lead = _LEAD.match(sentence)
    text = sentence[lead.end():] if lead else sentence
    report = _role_report(cast, text) or role_line(cast, text)  # "Clerk's Report: …", "Mark is taking notes"
    if report is not None:
        return report
    e = _ELECTED.search(text)
    if e:  # "RESOLVED: Cllr Mann elected as vice-chair", "Lis blev valgt", "… to elect Councillor Beck as …"
        who = e["who"] or e["who2"]
        a = cast.lookup(who, "role")
        if a is not None and a.names:
            by = _BY.search(text) or _PROPOSING.search(text)  # "…, with Cllr Harper proposing the item."
            also = cast.lookup(by["who"]) if by else None
            extra = tuple(n for n in (also.names if also else ()) if n not in a.names)
            return Actor(a.names + extra, who.strip(), "role", a.role)
    m = _CHAIRED.search(text)
    if m:
        a = cast.lookup(m["who"], "role") or cast.stranger(m["who"], "role")
        if a and a.names:
            return Actor(a.names, m["who"].strip(), "role", "chair")
    via = VIA.match(text)  # "Vestby Rør v/ Tor Nilsen merker at …": the person named for them, whatever the verb
    found = cast.lookup(via["who"]) if via else None
    if found is not None and found.names:
        return Actor(found.names, text[:via.end("who")], "reported", found.role)
    actor = _subject_at(cast, text)
    if actor is not None and actor.names and actor.how != "action":  # "…; this was seconded by Cllr Mrs Olsen."
        by = _BY.search(text) or _PROPOSING.search(text)
        also = cast.lookup(by["who"]) if by else None
        extra = tuple(n for n in (also.names if also else ()) if n not in actor.names)
        if extra:
            actor = Actor(actor.names + extra, actor.label, actor.how, actor.role, actor.candidates)
    if actor is None and (not _STOPPER.match(text) or _PASSIVE.match(text)):  # "This was proposed by Cllr Spurr."
        found = by_agents(cast, text)
        if found is not None:
            return found
    if actor is None:  # "a) Water Tap in Cemetery - Cllr Nicholas-Letch advised …"
        dash = re.search(r"(?:\s[-–—]|:)\s+(?=[A-ZÆØÅ])", text[:90])
        actor = _subject_at(cast, text[dash.end():]) if dash else None
    if actor is None:  # "… foreslår at Maps lager et kontraforslag", "… kan kontakte Jara."
        actor = clause_owner(cast, text)
    return actor


def _subject_at(cast: Cast, text: str) -> Actor | None:
    words = text.split()
    for k in range(min(6, len(words) - 1), 0, -1):  # the longest subject that names someone
        rest = text.split(None, k)[k] if len(text.split(None, k)) > k else ""
        vm = _VERB.match(rest)
        if not vm:
            continue
        after = rest[vm.end():].split()
        done = bool(_PERFECT.match(vm["verb"])) and any(_PARTICIPLE.match(w) for w in after[:2])  # "har finansieret"
        actor = _subject_actor(cast, words[:k], k, vm["verb"], bool(after) and normalise_role(after[0]) is not None, done)
        if actor is not None:
            return actor
    return None


def switches(cast: Cast, text: str) -> list[tuple[int, Actor | None]]:
    """(offset, actor) for each sentence (or clause) in `text` that opens a new actor's turn; actor None
    where a turn ends: a decision, the body as subject ("Styret mener", "The meeting agreed"), a case
    number, or a speaker the roster does not settle (never carried over to the previous actor)."""
    out: list[tuple[int, Actor | None]] = []
    own: dict[int, int] = {}  # turn offset → the start of the one sentence it owns
    spans = sentence_spans(text)
    for a, b in spans:
        sentence = text[a:b]
        lead = _LEAD.match(sentence)
        body = sentence[lead.end():] if lead else sentence
        actor = opener(cast, sentence)
        if actor is not None and not cast.knows(actor.label) and re.match(
                rf"{re.escape(actor.label)}\s+(?:{_AUX})\s", body):
            own[a] = a  # "Region Midtjylland har ligeledes finansieret …": a deed of its own sentence, not a turn
        if actor is not None and (actor.role == "contact" or actor.how == "role" and is_role_line(body)):
            own[a] = a  # "… kan kontakte Jara.", "Kari tar referat.": a contact point, a role line own their sentence
        if actor is not None and _PASSIVE.match(body):
            # "RESOLVED: Dates agreed. This was proposed by Cllr X.": X's proposal is the line up to here
            start = 0 if not out else out[-1][0] if out[-1][1] is None else a
            if out and out[-1][1] is None:
                out.pop()
            own[start] = a
            out.append((start, actor))
            continue
        if out and out[-1][1] is not None and out[-1][1].how == "role" and out[-1][1].role == "chair" \
                and out[-1][1].label not in ("", None) and actor is None and _CHAIRED.search(text[out[-1][0]:a]):
            out.append((a, None))  # "Møtet ble leda av X." names the chair for that sentence only
        if actor is not None:
            out.append((a, actor))
        elif (_STOPPER.match(body) or _ANY_SUBJECT.match(body) or member_subject(cast, body)) \
                and not _HEDGED.match(body):
            out.append((a, None))
        for m in _CLAUSE.finditer(sentence):  # "The Chairman asked …, the Clerk advised that …"
            clause = sentence[m.end():]
            for k in range(4, 0, -1):
                parts = clause.split(None, k)
                if len(parts) > k and _REPORT_AT.match(parts[k]):
                    who = cast.lookup(" ".join(parts[:k]))
                    if who is None and strip_titles(" ".join(parts[:k]))[1]:  # ", PCSO Watson advised …"
                        who = cast.stranger(" ".join(parts[:k]))
                    if who is not None and who.names:
                        out.append((a + m.end(), who))
                        break
                    if _ANY_SUBJECT.match(clause) and all(w[:1].isupper() for w in parts[:k]):
                        out.append((a + m.end(), None))  # ", PCSO Watson advised …": someone the roster does not settle
                        break
    last = out[-1][1] if out else None
    if last is not None and out[-1][0] == spans[-1][0] and last.how in ("action", "reported") and len(spans) > 1 \
            and _ITEM.match(text) and len(out) == 1 and not _has_subject(text[:out[-1][0]]):
        # "a) Medlemsfolder: er i gang … Jara, Anne og Kirstine arbejder på den.": the closing task names the
        # item's owner, when no earlier sentence of the item has a subject of its own ("Bestyrelsen har …")
        own[0] = out[-1][0]
        out = [(0, out[-1][1])]
    out = sorted(out + _embedded(cast, text, out), key=lambda x: x[0])
    return _scoped(text, out, [a for a, _b in spans], own)


# "Dette kan muligens også føre til …", "This could mean …": the speaker's own hedged point goes on (a passive,
# "Det må sendes ut …", "It would be reported …", is the meeting's)
_HEDGED = re.compile(r"^\W*(?:dette|det|denne|disse|this|that|it|these)\s+(?:kan|kunne|bør|burde|må|could|might|may|"
                     r"would|should|can)\s+(?>(?:(?:ikke|ikkje|også|muligens|kanskje|nok|trolig|sannsynligvis|derfor|likevel|"
                     r"jo|vel|måske|formentlig|heller|ofte|alltid|dog|not|also|perhaps|well|still)\s+){0,3})"
                     r"(?!(?:bli|blive|vorde|be|been)\b|[a-zæøå]+e?s\b)[a-zæøå]", re.I)
_REPORT_AT = re.compile(rf"^(?:{REPORT})\b", re.I)


def _has_subject(text: str) -> bool:
    """Does any sentence of `text` (an item's lead and "Label:" left out) have a subject of its own?"""
    lead = _LEAD.match(text)
    body = re.sub(r"^[^:.]{1,60}:\s*", "", text[lead.end():] if lead else text)
    return any(_STOPPER.match(body[a:b]) or _ANY_SUBJECT.match(body[a:b]) for a, b in sentence_spans(body))


_ITEM = re.compile(r"^\s*(?:[-*•–+]\s|\d{1,2}[.)]\s|[a-zæøå]\)\s)")  # a list item: "c) …", "- …", "2. …"
_CLAUSE = re.compile(r"[,;]\s+(?=(?:the|Cllr|Mr|Mrs|Ms|[A-ZÆØÅ])\w*)")
