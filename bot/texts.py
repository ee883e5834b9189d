"""What the bot says, in Norwegian (default) and English. Plain text: escaped before sending."""

from __future__ import annotations

HELP = {
    "no": (
        "Hei! Jeg svarer på spørsmål om møtereferatene i nettverket: hvem som jobber med hva, "
        "og hva som er sagt om et tema. Hvert svar viser personene og utdragene som svarer, "
        "med dato, sak og hvem som sa det.\n\n"
        "Eksempler:\n"
        "• Hvem jobber med bærekraftig transport?\n"
        "• Hvem har snakket om hydrogen?\n"
        "• Hva er sagt om grønne innkjøp?\n\n"
        "Skriv spørsmålet rett til meg, eller bruk /ask <spørsmål>. I grupper svarer jeg på "
        "/ask, og når noen nevner meg eller svarer på en melding fra meg.\n"
        "«Vis kilde» viser hele utdraget fra referatet; «Flere treff» viser neste side.\n\n"
        "Følg et tema: /abonner hydrogen gir deg nye utdrag om hydrogen når nye referater kommer. "
        "/abonnement viser temaene du følger, /stopp hydrogen slutter å følge.\n"
        "/oppfolging viser åpne vedtak og oppgaver; /oppfolging <navn> det en person har påtatt seg."
    ),
    "en": (
        "Hi! I answer questions about the network's meeting minutes: who works on what, and "
        "what has been said about a topic. Every answer shows the people and the passages that "
        "answer it, with the meeting date, agenda item and speaker.\n\n"
        "Examples:\n"
        "• Who works on sustainable transport?\n"
        "• Who has talked about hydrogen?\n"
        "• What was said about green procurement?\n\n"
        "Write your question to me directly, or use /ask <question>. In groups I answer /ask, "
        "and messages that mention me or reply to me.\n"
        "“Show source” shows the full passage from the minutes; “More results” the next page.\n\n"
        "Follow a topic: /subscribe hydrogen sends you new passages on hydrogen when new minutes come in. "
        "/subscriptions lists your topics, /unsubscribe hydrogen stops one.\n"
        "/followups shows open decisions and actions; /followups <name> what one person took on."
    ),
}

COMMANDS = {
    "no": [("ask", "Still et spørsmål om referatene"), ("help", "Hva boten kan, med eksempler"),
           ("start", "Kom i gang"), ("abonner", "Følg et tema i nye referater"),
           ("abonnement", "Temaene du følger"), ("stopp", "Slutt å følge et tema"),
           ("oppfolging", "Vedtak og oppgaver, for en person eller åpne")],
    "en": [("ask", "Ask a question about the minutes"), ("help", "What the bot can do, with examples"),
           ("start", "Get started"), ("subscribe", "Follow a topic in new minutes"),
           ("subscriptions", "The topics you follow"), ("unsubscribe", "Stop following a topic"),
           ("followups", "Decisions and actions, for a person or open ones")],
}

MESSAGES = {
    "no": {
        "refused": "Beklager, denne boten er bare tilgjengelig for inviterte brukere.",
        "slow_down": "Du spør litt fort! Vent {n} sekunder, så svarer jeg igjen.",
        "unavailable": "Tjenesten svarer ikke akkurat nå. Prøv igjen om litt.",
        "busy": "Tjenesten har mye å gjøre. Prøv igjen om {n} sekunder.",
        "refused_query": "Det spørsmålet kan jeg ikke ta: {reason}",
        "usage": "Skriv spørsmålet etter kommandoen, f.eks. /ask Hvem jobber med hydrogen?",
        "expired": "Denne knappen er utløpt. Still spørsmålet på nytt.",
        "not_yours": "Denne knappen hører til et spørsmål fra en annen bruker.",
        "gone": "Fant ikke utdraget lenger (arkivet kan være bygd på nytt).",
        "admin_only": "Bare administratorer kan gjøre det.",
        "status": "Indeks: {build}\nModell: {model}\nUtdrag: {count}\nStatus: {state}",
        "reloaded": "Indeks: {build}. Lastet inn på nytt (forrige: {previous}).",
        "reload_failed": "Innlastingen feilet: {reason}",
        "ready": "klar",
        "not_ready": "ikke klar: {reason}",
        "error": "Noe gikk galt. Prøv igjen om litt.",
    },
    "en": {
        "refused": "Sorry, this bot is only available to invited users.",
        "slow_down": "You're asking a bit fast! Wait {n} seconds and I'll answer again.",
        "unavailable": "The service isn't answering right now. Please try again shortly.",
        "busy": "The service is busy. Please try again in {n} seconds.",
        "refused_query": "I can't take that question: {reason}",
        "usage": "Write the question after the command, e.g. /ask Who works on hydrogen?",
        "expired": "This button has expired. Please ask the question again.",
        "not_yours": "This button belongs to another user's question.",
        "gone": "That passage is no longer there (the archive may have been rebuilt).",
        "admin_only": "Only administrators can do that.",
        "status": "Index: {build}\nModel: {model}\nPassages: {count}\nState: {state}",
        "reloaded": "Index: {build}. Reloaded (previous: {previous}).",
        "reload_failed": "Reload failed: {reason}",
        "ready": "ready",
        "not_ready": "not ready: {reason}",
        "error": "Something went wrong. Please try again shortly.",
    },
}


def msg(lang: str, key: str, **kw) -> str:
    """A fixed text in the member's language ("no" unless "en"); every key exists in both."""
    return MESSAGES.get(lang, MESSAGES["no"])[key].format(**kw)
