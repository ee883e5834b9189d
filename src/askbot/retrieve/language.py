"""The question's language, for the answer's fixed texts: Norwegian ("no", also for Danish) or English.

Function words decide ("who from Søndre Viken attended?" is English: "who", "from"); letters æ/ø/å
count only in words that are not names (not capitalised mid-question), and only to break a tie; a
question with no evidence either way (a bare name, "hydrogen") gets the archive's language.
"""

from __future__ import annotations

import re

NORWEGIAN = frozenset("""
hvem hva hvilke hvilken hvilket hvordan hvor hvorfor hvorfra når noen noe nokon noko kven kva korleis kor
jobber jobbet arbeider driver med som og er var ble blir vart det den dette disse de seg sin sitt sine
har hadde ikke ikkje også eller til på av fra frå om sa sagt sier snakket snakka nevnt nevnte nemnt
deltok møtet møte kan skal vil må mot etter hos meg oss dere han hun ho deres hennes hans vi jeg eg
hvad hvilket nogen noget blev af ikke også mig jeg hos
""".split())
ENGLISH = frozenset("""
who whom whose what which when where why how the a an is are was were be been being do does did done
has have had of from in on with about and or not any anyone anybody someone somebody something anything
this that these those there their they them he she his it its we our you your said say says talk talked
talking mentioned mention discussed discuss raised raise attended attend works work working worked
people person members member meeting meetings
""".split())
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def language_votes(query: str) -> tuple[int, int]:
    """(Norwegian, English) function-word counts in `query`."""
    words = [w.casefold() for w in _WORD.findall(query)]
    return sum(w in NORWEGIAN for w in words), sum(w in ENGLISH for w in words)


def detect_language(query: str) -> str:
    """'no' or 'en' by function words; æ/ø/å in non-name words break a tie; else 'no' (the archive's)."""
    no, en = language_votes(query)
    if no != en:
        return "en" if en > no else "no"
    words = list(_WORD.finditer(query))
    letters = sum(1 for i, m in enumerate(words)
                  if re.search(r"[æøåÆØÅ]", m.group()) and (i == 0 or not m.group()[0].isupper()))
    return "no" if letters or not en else "en"
