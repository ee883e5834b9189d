"""Role words in Norwegian, Danish and English minutes, normalised: "Styreleder", "Chairman",
"formand" → chair; "the Clerk", "Referent" → clerk; and the definite forms used as a subject in the
text ("Leder", "Lederen", "the Clerk", "Sekretæren", "Rådmannen")."""

from __future__ import annotations

import re

# normalised role → words (lower case; the text's definite forms are derived below)
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "chair": ("chair", "chairman", "chairwoman", "chairperson", "leder", "leiar", "leiarar", "styreleder",
              "styreleiar", "møteleder", "møteleiar", "ordstyrer", "ordstyrar", "mødeleder", "formand",
              "forkvinde", "forperson", "facilitator", "faciliterer", "president"),
    "vice-chair": ("vice-chair", "vice chair", "vice-chairman", "vice chairman", "nestleder", "nestleiar",
                   "næstformand", "deputy chair"),
    "clerk": ("clerk", "parish clerk", "locum clerk", "town clerk", "referent", "sekretær", "sekretair",
              "secretary", "minute taker", "skrivar", "referat"),
    "deputy clerk": ("deputy clerk", "deputy parish clerk", "assistant clerk"),
    "treasurer": ("treasurer", "kasserer", "kasserar", "økonomiansvarlig", "responsible finance officer",
                  "clerk/treasurer", "finance officer"),
    "mayor": ("ordfører", "ordførar", "ordførere", "ordførarar", "mayor", "borgmester"),
    "chief executive": ("rådmenn", "rådmann", "rådmand", "kommunedirektør", "kommunedirektor", "fylkesrådmann",
                        "daglig leder", "dagleg leiar", "administrerende direktør", "chief executive", "ceo",
                        "direktør"),
    "project leader": ("prosjektleder", "projektleder", "prosjektleiar", "project leader", "project manager"),
    "substitute": ("vara", "varamedlem", "varamann", "suppleant", "substitute", "stand-in"),
    "observer": ("observatør", "observer", "observers", "gjest", "guest"),
    "secretariat": ("sekretariat", "sekretariatet", "secretariat"),
    "member": ("styremedlem", "medlem", "member", "councillor", "bestyrelsesmedlem", "bestyrelsesmedlemmer",
               "selectman", "selectmen"),
    "fire chief": ("fire chief",),
    "assistant": ("assistant", "admin/finance office", "admin/finance officer"),
}
_BY_WORD = {w: role for role, words in ROLE_WORDS.items() for w in words}
# definite / subject forms in running text → normalised role
_SUBJECT = {
    "leder": "chair", "lederen": "chair", "leiaren": "chair", "styrelederen": "chair", "styreleder": "chair",
    "møtelederen": "chair", "formanden": "chair", "the chair": "chair", "the chairman": "chair",
    "chair": "chair", "chairman": "chair", "the chairwoman": "chair", "ordstyreren": "chair",
    "styrets leder": "chair", "styrets leiar": "chair", "nestleiaren": "vice-chair", "nestlederen": "vice-chair", "nestleder": "vice-chair", "the vice-chair": "vice-chair",
    "næstformanden": "vice-chair",
    "the clerk": "clerk", "clerk": "clerk", "the parish clerk": "clerk", "the locum clerk": "clerk",
    "referenten": "clerk", "sekretæren": "clerk", "the secretary": "clerk", "the deputy clerk": "deputy clerk", "the deputy parish clerk": "deputy clerk",
    "the assistant clerk": "deputy clerk",
    "kassereren": "treasurer", "the treasurer": "treasurer", "kasseraren": "treasurer",
    "ordføreren": "mayor", "ordføraren": "mayor", "the mayor": "mayor", "borgmesteren": "mayor",
    "rådmannen": "chief executive", "rådmanden": "chief executive", "kommunedirektøren": "chief executive",
    "fylkesrådmannen": "chief executive", "daglig leder": "chief executive",
    "prosjektleder": "project leader", "prosjektlederen": "project leader", "projektleder": "project leader",
    "projektlederen": "project leader", "the project leader": "project leader",
    "fire chief": "fire chief", "the fire chief": "fire chief",
    "sekretariatet": "secretariat", "the secretariat": "secretariat",
}
_ROLE_RX = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _BY_WORD), key=len, reverse=True)) + r")\b", re.I)


def normalise_role(text: str | None) -> str | None:
    """"Chairman" → chair, "(rådmann) (Referent)" → clerk (the last role word wins: it is the role at
    this meeting), "Parish Clerk/Responsible Finance Officer" → clerk; None when no role word is there."""
    if not text:
        return None
    t = text.casefold().strip(" ()[]-–,.:")
    if t in _BY_WORD:
        return _BY_WORD[t]
    found = [m[1].casefold() for m in _ROLE_RX.finditer(text)]
    return _BY_WORD[found[0]] if found else None


def is_role_text(text: str) -> bool:
    """True when `text` is made only of role words ("Locum Clerk", "Projektleder", "Vice-Chair")."""
    rest = _ROLE_RX.sub(" ", text.casefold())
    return normalise_role(text) is not None and not re.search(r"\w{3,}", re.sub(r"\b(of|the|og|and|/)\b", "", rest))


def subject_role(text: str) -> str | None:
    """The role a definite role word as a sentence subject names ("Rådmannen" → chief executive)."""
    return _SUBJECT.get(" ".join(text.casefold().split()))


def subject_role_words() -> list[str]:
    """Every subject form, longest first (for a regex alternation)."""
    return sorted(_SUBJECT, key=len, reverse=True)
