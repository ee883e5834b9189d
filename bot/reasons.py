"""The service's refusal reasons in the member's language.

The HTTP service explains a 4xx in English ("the question is 700 characters long; the limit is 500");
put into a Norwegian sentence as it stands, the member got half of each language. Known reasons are
translated here; an unknown one is not quoted in Norwegian, only named by its status.
"""

from __future__ import annotations

import re

_KNOWN = [
    (re.compile(r"the question is (?P<n>\d+) characters(?: long)?; the limit is (?P<limit>\d+)"),
     {"no": "spørsmålet er {n} tegn langt, og grensen er {limit}. Korter det ned og spør igjen.",
      "en": "the question is {n} characters long; the limit is {limit}. Please shorten it and ask again."}),
    (re.compile(r"the question (?:is empty|has no visible characters)"),
     {"no": "spørsmålet er tomt.", "en": "the question is empty."}),
    (re.compile(r"'since' \((?P<a>[^)]*)\) is after 'until' \((?P<b>[^)]*)\)"),
     {"no": "fra-datoen ({a}) er etter til-datoen ({b}).", "en": "the from date ({a}) is after the to date ({b})."}),
    (re.compile(r"is not an admin key"),
     {"no": "botens nøkkel til tjenesten er ikke en administratornøkkel (se ASKBOT_ADMIN_KEYS).",
      "en": "the bot's key to the service is not an admin key (see ASKBOT_ADMIN_KEYS)."}),
    (re.compile(r"(?:refused|corrupt|inconsistent|could not be loaded|missing or incomplete|not a build id)"),
     {"no": "den nye indeksen ble avvist; den forrige svarer fortsatt. Se tjenestens logg.",
      "en": "the new index was refused; the previous one is still answering. See the service's log."}),
    (re.compile(r"no index (?:published|loaded)|not ready"),
     {"no": "ingen indeks er lastet ennå.", "en": "no index is loaded yet."}),
]
_UNKNOWN = {"no": "tjenesten avviste forespørselen (HTTP {status}).",
            "en": "the service refused the request (HTTP {status}): {reason}"}


def reason(lang: str, status: int | None, text: str | None) -> str:
    """`text` (the service's reason) said in `lang` ("no" or "en")."""
    lang = lang if lang in ("no", "en") else "no"
    for pattern, said in _KNOWN:
        m = pattern.search(text or "")
        if m:
            return said[lang].format(**m.groupdict())
    return _UNKNOWN[lang].format(status=status or "?", reason=(text or "").strip().rstrip(".") + ".")
