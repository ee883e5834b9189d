"""Speaker labels as written in minutes: "Dag fra Asker", "Eli - Hamarregionen", "Yngvar MNU (Moss)",
"Eva, Kongsvingerregionen", "**Maria**", "JB", "Gruppe 1". Split into a name part and organisation hints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_VERBS = (r"innledet|innleder|orienterte|orienterer|presenterte|presenterer|informerte|kommenterte|spurte|"
          r"svarte|sa|opplyste|fortalte|la fram|la frem|påpekte|understreket|tok ordet|supplerte|said|asked|"
          r"replied|noted|presented|oplyste|spurgte|svarede|sagde|fortalte")
_TRAILING_VERB = re.compile(rf"\s+(?:{_VERBS})$", re.I)
GROUP = re.compile(r"^(gruppe|grupperom|gruppe ?rom|group|breakout(?: room)?|bord|table)\s*[\w]{1,3}$", re.I)
_FROM = re.compile(r"^(.+?)\s+(?:fra|frå|from)\s+(.+)$", re.I)
_DASH = re.compile(r"^(.+?)(?:\s+[-–—]\s+|\s*,\s*)(.+)$")
NAME_TOKEN = re.compile(r"^[A-ZÆØÅÄÖÜÉÈÁ][\w'’.-]*$")

# Words that open content lines ("Spørsmål:", "Mål: …", "Se: <https://…>"), never a speaker.
STOP = set("""
sak saker saksnr punkt punkter pkt item items ad agenda dagsorden saksliste referat møtereferat
vedtak vedtatt aksjon aksjoner action actions todo konklusjon konklusjoner oppsummering spørsmål spm
svar mål formål se link lenke lenker merk nb obs ps info informasjon tema temaer innspill kommentar
kommentarer presentasjon presentasjoner bakgrunn forslag status merknad merknader note notes decision
decisions resolved resolution tid tidspunkt sted dato date time place venue oppfølging ansvar ansvarlig
frist deadline neste next opprett tilbakemelding godkjent eventuelt apologies present minutes matters
planning correspondence accounts resultat resultater visjon diskusjon discussion ingen hvordan hva hvem
hvorfor når kan vi det dette jeg de den du han hun man alle om for til på og eks eksempel example pris
budsjett økonomi beslutning beslutninger fordeler ulemper utfordringer muligheter tiltak strategi
prosjekt prosjektet oppgaver deltakere deltagere frammøtte fremmøtte afbud forfall sagstitel mødenavn
møtenavn skrevet referent kl web www https http email e-post epost tlf telefon kontakt kilde source
vedlegg vedlagt attachment rapport innledning avslutning anbefaling anbefalinger husk viktig liste
program dagens forrige leder møteleder sekretariat sekretariatet beslutningslog indhold emne subject
vejledning bilag beslutninger handlinger vedtagelse godkendt opfølgning mødefakta dagsordenspunkt
hovedpunkter hovedpunkt første andre tredje fakta målgruppe målet hensikt formålet problem løsning
risiko risikoer ressurser kostnad kostnader finansiering tidsplan milepæler gevinster effekt oppdrag
""".split())


@dataclass(frozen=True)
class Label:
    raw: str
    name: str  # the name part: "Dag", "Eva Snare", "JB"; the group name for groups
    hints: tuple[str, ...] = ()  # organisation hints: ("Asker",), ("MNU", "Moss")
    group: bool = False


@lru_cache(maxsize=8192)
def clean(raw: str) -> str:
    """Strip markdown emphasis, the trailing colon and a trailing verb ("Dag fra Asker innledet:")."""
    text = raw.strip().strip("*_ ").rstrip(":").strip().strip("*_ ").strip()
    return _TRAILING_VERB.sub("", text).strip()


@lru_cache(maxsize=8192)
def parse_label(raw: str) -> Label:
    text = clean(raw)
    if GROUP.match(text):
        return Label(raw, text, (), True)
    m = _FROM.match(text) or _DASH.match(text)
    if m:
        return Label(raw, m[1].strip(), _hints(m[2]))
    tokens = text.split()
    k = 1 if tokens and tokens[0].isupper() else 0  # initials stand alone: "JB"
    while k < len(tokens) and NAME_TOKEN.match(tokens[k]) and not (tokens[k].isupper() and len(tokens[k]) > 1):
        k += 1
    k = max(k, 1)
    return Label(raw, " ".join(tokens[:k]), _hints(" ".join(tokens[k:])))


def _hints(text: str) -> tuple[str, ...]:
    """"MNU (Moss)" → ("MNU", "Moss"); "Mosseregionen IPR" → ("Mosseregionen IPR",)."""
    inner = [s.strip() for s in re.findall(r"\(([^)]*)\)", text) if s.strip()]
    outer = re.sub(r"\([^)]*\)", " ", text).strip(" ,-–")
    return tuple(h for h in [" ".join(outer.split()), *inner] if h)


def name_like(name: str, max_tokens: int = 3) -> bool:
    """1..max_tokens capitalised name tokens, the first not a stop word."""
    tokens = name.split()
    return (0 < len(tokens) <= max_tokens and all(NAME_TOKEN.match(t) for t in tokens)
            and tokens[0].casefold().strip(".") not in STOP and len(tokens[0]) > 1)
