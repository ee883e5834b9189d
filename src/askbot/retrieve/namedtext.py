"""The fixed texts of answers to questions that name someone, in Norwegian and English."""

from __future__ import annotations

from askbot.types import Citation, PersonAnswer


def who(name: str, organisation: str | None) -> str:
    return f"{name} ({organisation})" if organisation else name


def from_org(lang: str, org: str) -> str:
    return f"noen fra {org}" if lang == "no" else f"anyone from {org}"


def _n(lang: str, n: int) -> str:
    if lang == "no":
        return f"{n} avsnitt svarer godt"
    return f"{n} passage answers well" if n == 1 else f"{n} passages answer well"


def said_about(lang: str, who: str, n: int) -> str:
    if lang == "no":
        return f"Dette har {who} sagt om det du spør om ({_n(lang, n)})."
    who = who.replace("anyone from", "people from")
    return f"What {who} said about this ({_n(lang, n)})."


def not_raised(lang: str, who: str) -> str:
    if lang == "no":
        return f"Jeg fant ikke at {who} har tatt opp dette. Her er det nærmeste i det {who} har sagt."
    return f"I found nothing where {who} raises this. Here is the closest of what {who} said."


def raised_nothing(lang: str, who: str) -> str:
    if lang == "no":
        return f"{who} står i referatenes navneliste, men har ikke tatt opp noe i referatene."
    return f"{who} is in the minutes' register but has raised nothing in the minutes."


def meeting_by_meeting(lang: str, who: str, cites: tuple[Citation, ...]) -> str:
    meetings: dict[str, list[str]] = {}
    for c in cites:
        items = meetings.setdefault(f"{c.meeting_date:%d.%m.%Y}", [])
        item = f"{'sak' if lang == 'no' else 'item'} {c.agenda_number} {c.agenda_title}".strip()
        if c.agenda_number and item not in items:
            items.append(item)
    listing = "; ".join(f"{date}: {', '.join(items)}" for date, items in meetings.items())
    if lang == "no":
        return f"Dette har {who} tatt opp, møte for møte — {listing}."
    return f"What {who} has raised, meeting by meeting — {listing}."


def which_one(lang: str, word: str, people: tuple[PersonAnswer, ...]) -> str:
    names = [who(p.person.name, p.organisation) for p in people]
    listing = ", ".join(names[:-1]) + (" eller " if lang == "no" else " or ") + names[-1]
    if lang == "no":
        return f"Flere i referatene heter {word}: {listing}. Hvem mener du?"
    return f"More than one person in the minutes is called {word}: {listing}. Which one do you mean?"


def org_people(lang: str, org: str, people: tuple[PersonAnswer, ...]) -> str:
    if not people:
        return (f"Jeg fant ingen fra {org} i referatene." if lang == "no"
                else f"I found nobody from {org} in the minutes.")
    names = ", ".join(p.person.name for p in people)
    if lang == "no":
        return f"Fra {org} i referatene: {names}."
    return f"From {org} in the minutes: {names}."
