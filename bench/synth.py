"""Write a synthetic archive of network minutes in the seed meeting's layout, plus a question set.

    python bench/synth.py --meetings 250 --out /tmp/archive --seed 1

writes N files `YYYY-MM-DD-naeringssamarbeidet.txt` (Norwegian bokmål, the seed's layout: "Dato:",
"Tid: <Ukedag> <d>. <måned> kl. 0900-1100", the tab-separated attendee table with the chair first,
"Fra sekretariatet møtte:", "Saksliste", "Sak N. Title" items and "Firstname fra Region:" turns
of "- " bullets) and `questions.jsonl` in the shape of tests/eval/questions.jsonl: who-questions
about rare facts planted once each for one person (Norwegian and English, literal and
paraphrased), plus a few questions nothing in the archive answers.

About 150 recurring people (some first names shared by two people, a few who change
organisation), ~40 passages per meeting (250 meetings ≈ 10,000 passages), meetings every 3-5
weeks going back from 25 November 2021. Deterministic for a given --seed; stdlib only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Vocabulary. Organisation labels ("Kari fra <label>:") are substrings of the organisation's
# name in the attendee table.
# --------------------------------------------------------------------------------------------

# (organisation as in the attendee table, the label used in "Firstname fra <label>:")
ORGS = [
    ("Asker kommune", "Asker"), ("Bærum kommune", "Bærum"), ("Lillestrøm kommune", "Lillestrøm"),
    ("Lørenskog kommune", "Lørenskog"), ("Hamarregionen utvikling", "Hamarregionen"),
    ("Kongsbergregionen", "Kongsbergregionen"), ("Kongsvingerregionen", "Kongsvingerregionen"),
    ("Hadelandsregionen", "Hadeland"), ("Ringerike kommune", "Ringerike"),
    ("Mossregionen næringsutvikling", "Mossregionen"), ("Indre Østfold kommune", "Indre Østfold"),
    ("Søndre Viken", "Søndre Viken"), ("Holmestrand kommune", "Holmestrand"), ("Lunner kommune", "Lunner"),
    ("Samarbeidsrådet for Nedre Romerike", "Nedre Romerike"), ("Drammen kommune", "Drammen"),
    ("Lier kommune", "Lier"), ("Nordre Follo kommune", "Nordre Follo"), ("Ås kommune", "Ås"),
    ("Frogn kommune", "Frogn"), ("Ullensaker kommune", "Ullensaker"), ("Nittedal kommune", "Nittedal"),
    ("Eidsvoll kommune", "Eidsvoll"), ("Nes kommune", "Nes"), ("Gjøvikregionen", "Gjøvikregionen"),
    ("Øvre Romerike utvikling", "Øvre Romerike"), ("Vestby kommune", "Vestby"),
    ("Sarpsborg kommune", "Sarpsborg"), ("Fredrikstad kommune", "Fredrikstad"), ("Halden kommune", "Halden"),
    ("Hole kommune", "Hole"), ("Modum kommune", "Modum"), ("Øvre Eiker kommune", "Øvre Eiker"),
    ("Oslo kommune", "Oslo"), ("Gran kommune", "Gran"), ("Elverum kommune", "Elverum"),
    ("Aurskog-Høland kommune", "Aurskog-Høland"), ("Rælingen kommune", "Rælingen"),
    ("Enebakk kommune", "Enebakk"), ("Nesodden kommune", "Nesodden"), ("Hurdal kommune", "Hurdal"),
    ("Rakkestad kommune", "Rakkestad"), ("Jevnaker kommune", "Jevnaker"), ("Sigdal kommune", "Sigdal"),
    ("Hallingdal næringshage", "Hallingdal"), ("Larvik kommune", "Larvik"), ("Horten kommune", "Horten"),
    ("Valdres næringshage", "Valdres"),
]

FIRST_NAMES = [
    "Anne", "Kari", "Ingrid", "Liv", "Hilde", "Marit", "Randi", "Berit", "Solveig", "Astrid", "Tone",
    "Silje", "Camilla", "Ida", "Nora", "Maria", "Ragnhild", "Sigrid", "Turid", "Gro", "Elin", "Heidi",
    "Kristin", "Monica", "Lene", "Trine", "Mette", "Ellen", "Eva", "Guro", "Torunn", "Janne", "Vibeke",
    "Kjersti", "Line", "Åse", "Unni", "Wenche", "Marianne", "Gunhild", "Hanne", "Siri", "Tuva", "Ane",
    "Signe", "Karoline", "Cecilie", "Synnøve", "Helga", "Aud", "Bodil", "Frøydis", "Inger", "Jorunn",
    "Kaja", "Linn", "Oda", "Ragnfrid", "Stine", "Thea", "Vigdis", "Ylva", "Agnes", "Brita", "Dagny",
    "Eli", "Harriet", "Gina", "Janka", "Kristine", "Pernille", "Live", "Maja",
    "Ole", "Lars", "Knut", "Per", "Jan", "Bjørn", "Arne", "Svein", "Terje", "Geir", "Trond", "Odd",
    "Rune", "Morten", "Tor", "Espen", "Kjetil", "Stian", "Anders", "Håkon", "Sindre", "Magnus",
    "Eirik", "Vegard", "Øystein", "Torbjørn", "Leif", "Helge", "Egil", "Harald", "Sigurd", "Ivar",
    "Gunnar", "Halvard", "Jostein", "Audun", "Frode", "Steinar", "Roar", "Asbjørn", "Einar", "Dag",
    "Ingar", "Yngvar", "Arve", "Eystein", "Torstein", "Kristian", "Petter", "Aksel", "Bendik", "Eskil",
    "Fredrik", "Haakon", "Jon", "Kåre", "Nils", "Ottar", "Rolf", "Sverre", "Tarjei", "Vidar", "Ørjan",
    "Amund", "Brede", "Erlend", "Gaute", "Herman", "Jørgen", "Lasse", "Mathias", "Njål", "Olav",
]

LAST_NAMES = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
    "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
    "Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Jakobsen", "Moen",
    "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen",
    "Bakken", "Kristoffersen", "Mathisen", "Lie", "Amundsen", "Nguyen", "Rasmussen", "Ali", "Lunde",
    "Solheim", "Berge", "Moe", "Nygård", "Bakke", "Kristensen", "Fredriksen", "Holm", "Lien",
    "Aasen", "Brekke", "Vik", "Tangen", "Myhre", "Ruud", "Fossum", "Aune", "Sæther", "Hauge", "Nordby",
    "Bjerke", "Sveen", "Kvam", "Tveit", "Løken", "Engen", "Rønning", "Hovland", "Skaug", "Grønli",
    "Hasle",
    "Haugland", "Skjelbred", "Opsahl",
    "Tollefsen", "Granli", "Fjeld", "Rustad", "Grinde", "Ødegård", "Stensrud", "Bøe", "Hoff", "Melby",
]

# family names carried as middle names ("Eli Arnkværn Bryhni"), so they fit any first name
MIDDLE_NAMES = ["Arnkværn", "Storm", "Lie", "Moe", "Brekke", "Dahl", "Holm", "Fjeld", "Berg", "Sand", "Heggen",
                "Kvale", "Nes", "Bjørge"]

SECRETARIAT = ["Tone Brekke Ulven", "Sindre Lunde", "Hilde Aasheim", "Per Ivar Moen", "Kamilla Rød"]

WEEKDAYS = ["Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag"]
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]

FUNDS = ["Innovasjon Norge", "Enova", "Regionalt forskningsfond", "fylkeskommunen", "Forskningsrådet",
         "Sparebankstiftelsen", "Klimasats", "Distriktssenteret", "det regionale næringsfondet"]
PARTNERS = ["næringsforeningen", "NHO", "USN", "NMBU", "NTNU Gjøvik", "Høgskolen i Innlandet", "NAV",
            "Osloregionen", "fylkeskommunen", "nabokommunene", "næringshagen", "Statens vegvesen",
            "Bane NOR", "Visit Oslo", "KS", "Forskningsparken", "Smart Innovation Norway"]
CHALLENGES = ["mangel på strøm i nettet", "høye byggekostnader", "lite tilgjengelig areal",
              "knapphet på fagarbeidere", "usikker finansiering", "lang saksbehandlingstid", "høye renter",
              "manglende infrastruktur", "svak lønnsomhet i startfasen", "krevende regelverk"]
CITIES = ["Oslo", "Trondheim", "Bergen", "Stavanger", "Göteborg", "København", "Lillehammer", "Tromsø",
          "Kristiansand", "Stockholm"]

# key: (theme-item titles, project phrases, company names, topic-specific sentences)
TOPICS = {
    "hydrogen": (
        ["Hvordan kan regionen ta en posisjon innen hydrogen?", "Hydrogen i tungtransport og industri"],
        ["en fyllestasjon for hydrogen", "produksjon av grønt hydrogen", "hydrogenbusser i kollektivtrafikken",
         "en hydrogenklynge for industrien", "hydrogendrevne lastebiler", "elektrolyse ved det gamle kraftverket"],
        ["Viken Hydrogen AS", "Nordkraft Elektrolyse", "HyGreen Norge", "Fjordgass AS"],
        ["Hydrogen er dyrt i dag, men prisen vil falle når volumene øker.",
         "Flere transportselskaper har meldt interesse for å kjøre på hydrogen.",
         "Det trengs en felles plan for fyllestasjoner langs hovedveiene."]),
    "batterier": (
        ["Batteriindustrien - hva betyr den for regionen?", "Verdikjeden for batterier"],
        ["en battericellefabrikk", "gjenvinning av litiumbatterier", "et testsenter for batterier",
         "produksjon av katodemateriale", "batterilagring for næringsparken", "kompetanseløft for batteriindustrien"],
        ["Freyrgard Battery", "Nordic Cell AS", "Morrow Øst", "Ampera Gjenvinning"],
        ["Batterifabrikkene trenger mye areal og stabil kraft.",
         "Det er stor konkurranse mellom regionene om de nye batterietableringene.",
         "Leverandørnettverket rundt batteriindustrien må bygges opp nå."]),
    "reiseliv": (
        ["Reiselivet etter pandemien", "Hvordan få flere turister til å bli en natt til?"],
        ["et nytt destinasjonsselskap", "helårsturisme i fjellet", "markedsføring mot cruiseturister",
         "en felles bookingløsning for opplevelser", "kulturturisme i byene", "sykkelturisme langs vassdraget"],
        ["Visit Innlandet", "Fjellheimen Hotell", "Opplev Østlandet AS", "Turistkontoret"],
        ["Overnattingstallene er tilbake på nivået fra før pandemien.",
         "Reiselivsbedriftene sliter med å få tak i sesongarbeidere.",
         "Utenlandske gjester etterspør bærekraftige opplevelser."]),
    "bredbånd": (
        ["Bredbånd og mobildekning i distriktene", "Digital infrastruktur"],
        ["fiberutbygging i grendene", "bedre mobildekning langs E6", "et åpent nett for 5G",
         "kartlegging av hvite flekker", "bredbåndsstøtte fra staten", "fiber til næringsområdene"],
        ["Viken Fiber", "Telenor", "Bredbånd Øst AS", "Eidsiva Bredbånd"],
        ["Det er fortsatt mange husstander uten godt nok bredbånd.",
         "Utbyggerne prioriterer områdene der det bor flest folk.",
         "Statlige midler utløser private investeringer i fiber."]),
    "kompetanse": (
        ["Kompetanse og etter- og videreutdanning", "Hvordan dekker vi bedriftenes kompetansebehov?"],
        ["et regionalt kompetanseforum", "fagskoletilbud innen elektro", "bransjeprogrammer for industrien",
         "desentralisert høyere utdanning", "lærlingeplasser i kommunene", "et studiesenter i sentrum"],
        ["Fagskolen Innlandet", "Studiesenteret AS", "Kompetansebroen", "Opplæringskontoret"],
        ["Bedriftene sier at mangel på fagarbeidere er den største flaskehalsen.",
         "Fleksible studietilbud gjør det lettere å ta utdanning ved siden av jobb.",
         "Vi må bli flinkere til å beholde ungdommen etter videregående."]),
    "bolig": (
        ["Boligbygging og attraktive lokalsamfunn", "Bolig som virkemiddel for vekst"],
        ["nye boliger i sentrum", "en boligsosial handlingsplan", "leiligheter for unge i etableringsfasen",
         "fortetting rundt stasjonene", "utleieboliger for sesongarbeidere", "gjenbruk av tomme næringsbygg til boliger"],
        ["Boligbyggelaget", "Obos", "Sentrumsgården AS", "Tomteselskapet"],
        ["Boligprisene har steget mer enn lønningene de siste årene.",
         "Det er mangel på små leiligheter for unge voksne.",
         "Tilflytting forutsetter at det finnes boliger å flytte til."]),
    "transport": (
        ["Hvordan redusere utslipp fra varetransporten?", "Samferdsel og pendling i regionen"],
        ["en ny godsterminal", "bedre togtilbud for pendlere", "ladestasjoner for tungtransport",
         "samlastning av varer til sentrum", "innfartsparkering ved stasjonene", "utslippsfrie anleggsplasser"],
        ["Bane NOR", "Ruter", "Østlandsfrakt AS", "Logistikkparken"],
        ["Mye av godset kunne vært fraktet på bane i stedet for på vei.",
         "Pendlerne ønsker hyppigere avganger og bedre korrespondanse.",
         "Elektriske varebiler er allerede lønnsomme på korte ruter."]),
    "matindustri": (
        ["Matindustrien og lokalmat", "Mat som næring i regionen"],
        ["et matfagsenter", "lokalmat i offentlige kantiner", "en felles distribusjon for småprodusenter",
         "økt foredling av korn", "et matnettverk for produsentene", "en ny kyllingfabrikk"],
        ["Nortura", "Gårdsmat Øst", "Bakeriet på torget", "Lokalmat Viken AS"],
        ["Matprodusentene etterspør et felles distribusjonsledd.",
         "Det er økende interesse for kortreist mat i butikkene.",
         "Matindustrien er regionens største industrinæring målt i ansatte."]),
    "sirkulær": (
        ["Sirkulærøkonomi i praksis", "Fra avfall til ressurs"],
        ["et ombrukssenter", "sirkulære innkjøp i kommunen", "en industrisymbiose i næringsparken",
         "gjenvinning av byggavfall", "en sirkulær næringsklynge", "reparasjon og utleie i stedet for kjøp"],
        ["Ombruk Øst AS", "Retur Industri", "Ressursparken", "Grønt Punkt"],
        ["Det ligger store verdier i det vi i dag kaster.",
         "Regelverket for offentlige anskaffelser åpner for sirkulære løsninger.",
         "Bedriftene trenger hjelp til å finne partnere som kan bruke restråvarene deres."]),
    "næringsareal": (
        ["Næringsarealer og tomtestrategi", "Hvordan sikre arealer til nye etableringer?"],
        ["en regional tomteoversikt", "en ny næringspark ved motorveien", "omregulering av industriområdet",
         "et felles tomteselskap", "klargjøring av store industritomter", "transformasjon av havneområdet"],
        ["Næringsparken Øst AS", "Industritomter Viken", "Havnevesenet", "Eiendomsutvikling AS"],
        ["Det er få store, ferdig regulerte tomter igjen i regionen.",
         "Investorene vil ha tomter som er klare til bygging.",
         "Vi må bli bedre til å samarbeide om arealer på tvers av kommunegrensene."]),
    "innovasjon": (
        ["Gründere og innovasjon", "Støtteapparatet for nye bedrifter"],
        ["et inkubatorprogram", "en gründerskole for ungdom", "et investorforum", "en innovasjonsarena i sentrum",
         "mentorordning for nye bedrifter", "en såkornfond"],
        ["Startup Lab Øst", "Inkubator Viken", "Gründerhuset", "Kunnskapsparken"],
        ["Det etableres mange nye bedrifter, men få vokser seg store.",
         "Gründerne etterspør tilgang på kapital i tidlig fase.",
         "Støtteapparatet er fragmentert og vanskelig å finne frem i."]),
    "energi": (
        ["Kraftsituasjonen og næringsutvikling", "Energi og nettkapasitet"],
        ["et solkraftverk på industritaket", "økt nettkapasitet til næringsområdene", "en lokal energisentral",
         "energieffektivisering i næringsbygg", "vindkraft på Odalsplatået", "fjernvarme fra datasenteret"],
        ["Elvia", "Statkraft", "Energisentralen AS", "Solkraft Øst"],
        ["Mange etableringer står i kø for å få nettilknytning.",
         "Strømprisene har gjort energisparing til en viktig sak for bedriftene.",
         "Det er behov for mer lokal kraftproduksjon."]),
    "digitalisering": (
        ["Digitalisering i næringslivet", "Hvordan hjelpe små bedrifter med digital omstilling?"],
        ["et digitalt veiledningstilbud for små bedrifter", "automatisering i industrien",
         "en datadeling mellom kommunene", "et regionalt datasenter", "digital kompetanse for ledere",
         "en felles innbyggerportal"],
        ["Digitaliseringssenteret", "DataØst AS", "Smartby Viken", "Teknologiparken"],
        ["Mange små bedrifter vet ikke hvor de skal begynne med digitalisering.",
         "Datasentrene trenger både kraft og fiber.",
         "Cybersikkerhet er et økende problem for små virksomheter."]),
    "arbeidskraft": (
        ["Rekruttering og arbeidskraft", "Hvordan tiltrekke arbeidskraft til regionen?"],
        ["et velkomstprogram for tilflyttere", "rekruttering av ingeniører", "et jobbmesse for studenter",
         "kvalifisering av innvandrere", "en felles rekrutteringskampanje", "traineeordning i regionen"],
        ["NAV", "Trainee Øst", "Rekrutteringsbyrået", "Karrieresenteret"],
        ["Bedriftene melder om stort rekrutteringsbehov de neste årene.",
         "Partnere til de som rekrutteres må også få jobb.",
         "Det er viktig å synliggjøre karrieremulighetene i regionen."]),
    "sentrum": (
        ["Levende sentrum", "Handel og byutvikling"],
        ["en ny sentrumsplan", "midlertidige aktiviteter i tomme butikklokaler", "et torg med servering",
         "en sentrumsforening", "gågate i sommerhalvåret", "et bibliotek som møteplass"],
        ["Sentrumsforeningen", "Handelsstanden", "Byutvikling AS", "Kjøpesenteret"],
        ["Netthandelen tar markedsandeler fra butikkene i sentrum.",
         "Folk kommer til sentrum for opplevelser, ikke bare for å handle.",
         "Det må være lett å parkere, men også trygt å gå og sykle."]),
}

# Round-table / theme sentences; {p}=project, {b}=company, {s}=place, {n}=number, {m}=millions,
# {y}=year, {f}=fund, {partner}, {c}=challenge, {city}, {month}
TEMPLATES = [
    "Jobber med {p} sammen med {partner}.",
    "Har fått {m} mill. kroner fra {f} til {p}.",
    "{b} planlegger {p} i {s}, og det kan gi rundt {n} nye arbeidsplasser.",
    "Ønsker kontakt med andre kommuner som jobber med {p}.",
    "Er i gang med et forprosjekt om {p}, som skal være ferdig i løpet av {y}.",
    "Har hatt et godt møte med {b} om {p}. Neste steg er en søknad til {f}.",
    "Politikerne har vedtatt at {p} skal prioriteres i den nye næringsplanen.",
    "Utfordringen er {c}, men vi ser store muligheter i {p}.",
    "Arrangerer et frokostmøte om {p} i {s} i {month}. Alle er velkomne.",
    "{b} har etablert seg i {s} med {n} ansatte.",
    "Har ansatt en egen prosjektleder for {p}.",
    "Samarbeider med {partner} om {p}; det er stor interesse fra næringslivet.",
    "Deltok på en konferanse om {p} i {city} og tok med mange gode ideer hjem.",
    "Kartlegger behovet for {p} blant bedriftene i regionen.",
    "Har søkt om midler til {p} og venter på svar fra {f}.",
    "Det er fortsatt usikkert om {p} blir realisert; den største hindringen er {c}.",
    "Tar gjerne imot innspill fra nettverket om {p}.",
    "Planene for {p} ble lagt fram for formannskapet og fikk god mottakelse.",
    "Ser på muligheten for {p} i samarbeid med nabokommunene.",
    "Oppstarten av {p} er utsatt til {y} på grunn av {c}.",
    "Vi har fått {n} henvendelser fra bedrifter som er interessert i {p}.",
    "{b} og {partner} har signert en intensjonsavtale om {p}.",
    "Det viktigste nå er å få med næringslivet på {p}.",
    "Vi inviterer til befaring i {s} for dem som vil se {p} i praksis.",
    "Erfaringene fra {p} deles gjerne med resten av regionen.",
    "Næringsavdelingen bruker mye tid på {p} for tiden.",
    "I {month} hadde vi besøk av {b}, som er nysgjerrige på {p}.",
    "Formannskapet har satt av {m} mill. kroner til {p} i budsjettet for {y}.",
    "Lokalavisa har skrevet mye om {p}, og engasjementet er stort.",
    "Sammen med {partner} har vi laget en rapport om {p}; den deles gjerne.",
    "{b} vurderer å flytte deler av virksomheten til {s} dersom {p} blir noe av.",
    "Har en dialog med {f} om finansiering av {p}.",
    "En arbeidsgruppe med {n} bedrifter ser nå på {p}.",
    "Har besøkt {city} for å lære mer om {p}.",
    "Kommunedirektøren har bedt oss utrede {p} før sommeren.",
    "Ungdomsrådet har kommet med gode innspill om {p}.",
]

ITEM_INTROS = [
    "{sec} innledet om temaet og viste til erfaringer fra {s}.",
    "{sec} orienterte kort om status og inviterte til diskusjon.",
    "{sec} presenterte bakgrunnen for saken. Presentasjonen er vedlagt referatet.",
    "Innledning ved {sec}, som pekte på at {c} er en felles utfordring.",
]

SECRETARIAT_ITEMS = [
    ("Orientering fra sekretariatet", "{sec} orienterte om arbeidet i Osloregionen siden sist, blant annet om {p}."),
    ("Møteplan og årshjul", "{sec} la fram forslag til møteplan. Innspill sendes til sekretariatet innen {month}."),
    ("Felles høringsuttalelse", "{sec} orienterte om utkast til høringsuttalelse om {p}. Frist for innspill er i {month}."),
    ("Status for Osloregionens strategi", "{sec} orienterte om revisjonen av strategien. Ny versjon sendes ut i {month}."),
]

EVENTUELT = ["Ingen saker", "Ingen saker", "Ingen saker meldt.",
             "{first} fra {label} minnet om konferansen om {p} i {month}.",
             "Neste møte holdes fysisk i {s}."]

# Planted facts: (Norwegian phrase, English phrase, Norwegian paraphrase, English paraphrase).
# Each is planted for exactly one person once, so "who works on it" has exactly one right answer.
RARE = [
    ("tareoppdrett", "kelp farming", "dyrker sjøplanter som kan spises", "grows edible seaweed"),
    ("insektsprotein til fiskefôr", "insect protein for fish feed", "gjør larver om til næring for oppdrettsdyr",
     "turns larvae into nutrition for farmed animals"),
    ("vertikalt landbruk i lagerhaller", "vertical farming in warehouses",
     "dyrker grønnsaker innendørs i høye stativer", "grows vegetables indoors on stacked shelves"),
    ("gjenvinning av vindturbinblader", "recycling of wind turbine blades",
     "finner ny bruk for utrangerte rotorvinger", "finds new uses for scrapped rotor wings"),
    ("sjokoladeproduksjon med kakao fra Ghana", "chocolate production with cocoa from Ghana",
     "lager konfekt av bønner fra Vest-Afrika", "makes confectionery from West African beans"),
    ("droneflyging av blodprøver til sykehus", "drone transport of blood samples to hospitals",
     "bruker ubemannede luftfartøy til å frakte medisinske analyser", "uses unmanned aircraft to carry lab specimens"),
    ("3D-printing av betongelementer", "3D printing of concrete elements",
     "skriver ut byggedeler i sement med en robot", "makes building parts layer by layer in cement with a robot"),
    ("bryggeri for alkoholfritt øl", "a brewery for alcohol-free beer", "lager drikke uten promille",
     "brews drinks that won't make you tipsy"),
    ("elektriske ferjer på Tyrifjorden", "electric ferries on Tyrifjorden",
     "vil ha batteridrevne båter over innsjøen", "wants battery-driven boats across the lake"),
    ("kortreist ull fra villsau", "local wool from wild sheep", "foredler garn fra frittgående får",
     "processes yarn from free-roaming ewes"),
    ("geotermisk varme fra gamle gruver", "geothermal heat from old mines",
     "henter jordvarme fra nedlagte bergverk", "extracts warmth from abandoned pits underground"),
    ("en digital tvilling av sentrum", "a digital twin of the town centre", "lager en virtuell kopi av bykjernen",
     "builds a virtual replica of the downtown area"),
    ("matsvinn i skolekantiner", "food waste in school canteens", "vil redusere det elevene kaster av lunsj",
     "wants pupils to throw away less lunch"),
    ("solceller på låvetak", "solar panels on barn roofs",
     "monterer strømproduserende paneler på driftsbygninger i landbruket", "fits power-producing panels on farm buildings"),
    ("e-sport som næring", "e-sports as an industry", "satser på konkurranser i dataspill som bransje",
     "backs competitive video gaming as a business"),
    ("bygdekino med digitale visninger", "a village cinema with digital screenings",
     "vil gi grendene filmfremvisning igjen", "wants to bring film showings back to rural hamlets"),
    ("biokull fra hageavfall", "biochar from garden waste", "brenner kvist og løv til jordforbedring",
     "burns twigs and leaves into soil improver"),
    ("flytende solkraftverk på dammer", "floating solar plants on reservoirs",
     "legger strømpaneler ut på vannflater", "places power panels on water surfaces"),
    ("honningproduksjon på hustak", "honey production on rooftops", "holder bikuber oppe på byggene i byen",
     "keeps beehives on top of city buildings"),
    ("autonome busser på Fornebu", "autonomous buses at Fornebu", "tester selvkjørende kollektivtrafikk",
     "trials self-driving public transit"),
    ("fiskeoppdrett på land", "land-based fish farming", "holder laks i tanker innendørs",
     "raises salmon in indoor tanks"),
    ("en mathall i gamle jernbanelokaler", "a food hall in old railway premises",
     "vil gjøre den nedlagte stasjonsbygningen om til et spisested med mange boder",
     "wants to turn the disused station building into an eatery with many stalls"),
    ("sirkulær møbelproduksjon", "circular furniture production", "lager nye stoler og bord av brukte materialer",
     "makes new chairs and tables from used materials"),
    ("et klimanøytralt datasenter", "a climate-neutral data centre",
     "vil bygge en serverhall som gir restvarme til nabolaget",
     "wants a server hall that gives surplus heat to the neighbourhood"),
    ("kulturminneturisme langs Pilegrimsleden", "heritage tourism along the Pilgrim's Way",
     "vil trekke vandrere til middelalderens valfartsrute", "wants hikers on the medieval route to Nidaros"),
    ("rehabilitering av gamle trebåter", "restoration of old wooden boats", "pusser opp veteranfartøy av eik",
     "repairs vintage oak vessels"),
    ("robotisert melkeproduksjon", "robotic milk production",
     "automatiserer fjøsdriften med maskiner som steller kyrne", "automates barn work with machines that tend dairy cows"),
    ("et fotballakademi for jenter", "a football academy for girls",
     "gir unge kvinnelige spillere et eget talentløp", "gives young female players their own talent pathway"),
    ("plantebasert sjømat", "plant-based seafood", "lager fiskeerstatning av grønnsaker",
     "makes fish substitutes from vegetables"),
    ("kompakte hytter i massivtre", "compact cabins in cross-laminated timber",
     "bygger små fritidsboliger av limte tømmerplater", "builds small holiday homes from glued timber panels"),
    ("spillutvikling for eldre", "game development for older people", "lager dataspill tilpasset pensjonister",
     "makes video games suited to pensioners"),
    ("oppdrett av østers i Oslofjorden", "oyster farming in the Oslofjord", "dyrker skjell for restaurantmarkedet",
     "grows shellfish for restaurants"),
    ("elektriske gravemaskiner på byggeplasser", "electric excavators on building sites",
     "vil ha utslippsfrie anleggsmaskiner", "wants zero-emission construction machinery"),
    ("resirkulering av tekstiler", "textile recycling", "gjør gamle klær om til nye stoffer",
     "turns old clothes into new fabric"),
    ("et gårdsbasert ysteri", "an on-farm cheese dairy", "lager ost av egen melk",
     "makes cheese from its own cows"),
    ("kunstig intelligens i saksbehandling", "artificial intelligence in case handling",
     "lar maskinlæring hjelpe til med vedtak", "lets machine learning help with administrative decisions"),
    ("overnatting i trehytter", "treehouse accommodation", "tilbyr gjester å sove oppe i trekronene",
     "offers guests nights up among the branches"),
    ("padleturisme på Randsfjorden", "paddling tourism on Randsfjorden",
     "vil få turister ut i kajakk og kano på innsjøen", "wants visitors out in kayaks and canoes on the lake"),
    ("viltkjøtt fra lokal jakt", "game meat from local hunting", "selger elg og hjort fra skogene rundt",
     "sells moose and deer from the surrounding forests"),
    ("sykkelturisme på gamle anleggsveier", "cycling tourism on old construction roads",
     "vil lokke folk på to hjul til historiske rallarveier", "wants to draw people on two wheels to historic navvy roads"),
    ("karbonfangst ved forbrenningsanlegget", "carbon capture at the incineration plant",
     "vil hente CO2 ut av røyken fra avfallsbrenning", "wants to pull CO2 out of the smoke from burning waste"),
    ("smarte gatelys med sensorer", "smart street lighting with sensors", "lar lyktestolpene styres etter trafikken",
     "lets lamp posts adjust to traffic"),
    ("en delingsordning for varesykler", "a sharing scheme for cargo bikes",
     "vil låne ut tohjulinger med lasteplan", "wants to lend out bicycles that carry goods"),
    ("ombruk av byggematerialer", "reuse of building materials",
     "tar vare på dører, vinduer og bjelker fra hus som skal rives",
     "salvages doors, windows and beams from houses being demolished"),
    ("rekruttering av sykepleiere fra Filippinene", "recruitment of nurses from the Philippines",
     "henter helsepersonell fra Sørøst-Asia", "brings health workers from South-East Asia"),
    ("marin plast fra fiskeredskaper", "marine plastic from fishing gear", "samler inn tapte garn og teiner fra havet",
     "collects lost nets and pots from the sea"),
    ("en lokal kornmølle", "a local grain mill", "maler mel av bygg og havre fra gårdene rundt",
     "grinds flour from barley and oats grown nearby"),
    ("en klatrepark i skogen", "a climbing park in the forest",
     "bygger løyper med tau og plattformer mellom trærne", "builds rope courses and platforms between trees"),
    ("en byøkologisk parsellhage", "an urban allotment garden", "gir byfolk egne jordlapper å dyrke på",
     "gives city dwellers their own plots to grow things"),
    ("et kaffebrenneri", "a coffee roastery", "rister bønner til espresso og filtertrakter",
     "roasts beans for espresso and pour-over"),
    ("fjernvarme fra avløpsvann", "district heating from wastewater",
     "henter energi fra kloakken til oppvarming av boliger", "recovers energy from sewage to warm homes"),
    ("ulvesafari for turister", "wolf safaris for tourists", "tar gjester med for å se rovdyr i skogen",
     "takes guests out to see predators in the woods"),
    ("et mikrobryggeri for sider", "a micro-brewery for cider", "presser epler til musserende drikke",
     "presses apples into sparkling drinks"),
    ("ammoniakk som drivstoff for skip", "ammonia as fuel for ships",
     "ser på en hydrogenbærer som energikilde for rederier", "looks at a hydrogen carrier to power shipping lines"),
    ("lekeplasser for barn med funksjonsnedsettelse", "playgrounds for children with disabilities",
     "bygger lekeområder som unger i rullestol også kan bruke",
     "builds play areas every kid can use, including those in wheelchairs"),
    ("arbeidstrening i en bruktbutikk", "work training in a second-hand shop",
     "lar folk som står uten lønnet stilling få praksis i en gjenbruksforretning",
     "gives people outside working life practice in a thrift store"),
    ("bioplast fra tremasse", "bioplastic from wood pulp", "lager emballasje av fiber fra skogen",
     "makes packaging from forest fibre"),
    ("et filmstudio for internasjonale produksjoner", "a film studio for international productions",
     "vil lokke utenlandske regissører og kamerafolk hit", "wants foreign movie crews to shoot here"),
    ("sauegjeting med GPS-bjeller", "sheep herding with GPS bells",
     "følger beitedyr i fjellet via satellittsporing", "tracks grazing animals in the mountains by satellite"),
    ("tulipandyrking i drivhus", "tulip growing in greenhouses", "produserer snittblomster innendørs under glass",
     "produces cut flowers indoors under glass"),
    ("saft av overskuddsfrukt", "juice from surplus fruit", "presser bær og epler som ellers blir liggende",
     "presses berries and apples that would otherwise be left lying"),
    ("tradisjonell smikunst", "traditional blacksmithing", "holder liv i gammelt håndverk med ambolt og esse",
     "keeps the old craft of anvil and forge alive"),
    ("robotkjæledyr i eldreomsorgen", "robot pets in elderly care", "gir demente beboere mekaniske kosedyr",
     "gives residents with dementia mechanical cuddly toys"),
    ("småkraftverk i bekker", "small hydropower plants in streams", "vil utnytte fallet i elver til strøm",
     "wants to harness running water for electricity"),
    ("tømmerkjøring med hest", "horse logging", "frakter stokker ut av skogen med trekkdyr i stedet for maskiner",
     "hauls logs out of the woods with draught animals instead of machines"),
    ("luftskip for frakt av tømmer", "airships for transporting timber",
     "vil heise stokker ut av skogen med ballonger", "wants to lift logs out of the forest with balloons"),
    ("inspeksjon av bruer med droner", "bridge inspection with drones",
     "sjekker tilstanden på overganger ved hjelp av flygende kameraer", "checks the condition of crossings using flying cameras"),
    ("en reparasjonskafé", "a repair café", "lar innbyggerne fikse ødelagte ting med frivillige",
     "lets residents fix broken items with volunteers"),
    ("sopp dyrket på kaffegrut", "mushrooms grown on coffee grounds", "plukker spiselige fruktlegemer fra kafeenes avfall",
     "harvests edible fungi from café leftovers"),
    ("produksjon av skismøring", "production of ski wax", "lager glid til langrenn",
     "supplies glide for cross-country racers"),
    ("et mobilt sagbruk", "a mobile sawmill", "kjører rundt og skjærer planker der stokkene ligger",
     "drives around cutting planks where the logs lie"),
    ("grønne tak med sedum", "green roofs with sedum", "planter vekster oppå bygninger for å ta unna regnvann",
     "plants vegetation on top of buildings to absorb rainwater"),
    ("stillhetsturisme i nasjonalparken", "silence tourism in the national park",
     "selger rolige opplevelser uten støy i villmarka", "sells quiet experiences far from noise in the wilderness"),
    ("en sirkus- og scenekunstskole", "a circus and performing arts school", "lærer barn akrobatikk og sjonglering",
     "teaches children acrobatics and juggling"),
]

# Sentences that plant a fact; {x} = the Norwegian phrase, {s} = the speaker's place.
PLANT = [
    "Har nettopp startet et prosjekt om {x} i {s}.",
    "Jobber nå med {x}, og har med seg flere aktører fra {s}.",
    "Nytt hos oss i {s} er {x}; det første forsøket kommer til høsten.",
    "Vil løfte fram {x} som en nisje for {s}, og ønsker innspill fra nettverket.",
    "Har fått forprosjektmidler til {x} i {s}.",
]

NO_ANSWER = [
    ("no", "Hvem jobber med romfart og oppskyting av satellitter?"),
    ("en", "Who is working on deep-sea mining?"),
    ("no", "Hvem driver med kameloppdrett?"),
    ("en", "Who is building a nuclear power plant?"),
    ("no", "Hvem jobber med vinproduksjon på Svalbard?"),
]


# --------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------

STOP = {
    "hvem", "hvilken", "hvilke", "hvilket", "hvor", "hvordan", "hvorfor", "når", "eller", "også", "alle",
    "noen", "ikke", "denne", "dette", "disse", "deres", "sine", "sitt", "være", "blir", "skal", "skulle",
    "kunne", "ville", "over", "under", "etter", "mellom", "sammen", "slik", "hvis", "mange", "mest",
    "which", "what", "whom", "whose", "where", "when", "with", "from", "that", "this", "these", "those",
    "their", "there", "they", "them", "about", "into", "does", "have", "been", "will", "would", "should",
    "could", "said", "says",
}
_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _shares_stem(w: str, t: str) -> bool:
    if w == t or (len(w) >= 5 and len(t) >= 5 and w[:5] == t[:5]):
        return True
    return (len(w) >= 6 and w in t) or (len(t) >= 6 and t in w)


def shares_words(question: str, passage: str) -> bool:
    """True when a content word of `question` (≥4 letters, not a stop word) shares a stem with `passage`."""
    para = [t for t in _words(passage) if t not in STOP]
    return any(_shares_stem(w, t) for w in _words(question) if len(w) >= 4 and w not in STOP for t in para)


@dataclass
class Person:
    first: str
    name: str
    orgs: list  # [(from_meeting_index, org_index)], ascending
    topics: list
    weight: float
    start: int  # active window, meeting indices (0 = oldest)
    end: int

    def org_at(self, i: int) -> int:
        org = self.orgs[0][1]
        for since, o in self.orgs:
            if i >= since:
                org = o
        return org


def make_people(rng: random.Random, n_meetings: int, size: int = 150) -> list[Person]:
    firsts = FIRST_NAMES[:]
    rng.shuffle(firsts)
    unique = firsts[: size - 12]
    shared = rng.sample(unique, 12)  # 12 first names carried by two people each
    lasts = LAST_NAMES[:]
    people: list[Person] = []
    used_names: set = set()
    org_of_first: dict = {}
    topic_keys = TOPIC_KEYS
    for first in unique + shared:
        while True:
            middle = _pick(rng, MIDDLE_NAMES) + " " if rng.random() < 0.15 else ""
            name = f"{first} {middle}{_pick(rng, lasts)}"
            if name not in used_names:
                break
        used_names.add(name)
        taken = org_of_first.get(first, set())
        org = _pick(rng, [i for i in range(len(ORGS)) if i not in taken])
        org_of_first.setdefault(first, set()).add(org)
        span = int(n_meetings * rng.uniform(0.45, 1.0))
        start = rng.randint(0, max(0, n_meetings - span))
        if rng.random() < 0.25:  # many have been there all along
            start, span = 0, n_meetings
        p = Person(first, name, [(0, org)], rng.sample(topic_keys, rng.randint(2, 3)),
                   rng.uniform(0.35, 1.0), start, start + span)
        people.append(p)
    # a few people change organisation half-way through their time in the network
    movers = [p for p in people if p.first not in shared]
    for p in rng.sample(movers, 8):
        choices = [i for i in range(len(ORGS)) if i != p.orgs[0][1] and i not in org_of_first[p.first]]
        new = _pick(rng, choices)
        p.orgs.append(((p.start + p.end) // 2, new))
        org_of_first[p.first].add(new)
    return people


def meeting_dates(rng: random.Random, n: int) -> list[dt.date]:
    """n meeting dates, oldest first, every 3-5 weeks, the newest on 25 November 2021."""
    d = dt.date(2021, 11, 25)
    out = [d]
    while len(out) < n:
        d = d - dt.timedelta(days=rng.randint(21, 35))
        target = 4 if rng.random() < 0.6 else 3  # Friday or Thursday
        d = d - dt.timedelta(days=(d.weekday() - target) % 7)
        out.append(d)
    return out[::-1]


TOPIC_KEYS = list(TOPICS)
_NUMBERS = [3, 5, 8, 12, 15, 20, 25, 40, 60, 100]
_MILLIONS = ["0,5", "1", "1,5", "2", "3", "4", "6", "10", "25"]
_YEARS = [2022, 2023, 2024, 2025]


def _pick(rng: random.Random, seq):
    return seq[int(rng.random() * len(seq))]


class _Slots(dict):
    """Template slots, each drawn only when the template asks for it (keeps generation fast)."""

    def __init__(self, rng: random.Random, topic: str, place: str):
        super().__init__(s=place)
        self.rng, self.topic = rng, topic

    def __missing__(self, key: str):
        r, t = self.rng, TOPICS[self.topic]
        value = {"p": t[1], "b": t[2], "n": _NUMBERS, "m": _MILLIONS, "y": _YEARS, "f": FUNDS,
                 "partner": PARTNERS, "c": CHALLENGES, "city": CITIES, "month": MONTHS}[key]
        self[key] = v = _pick(r, value)
        return v


def _fill(rng: random.Random, template: str, topic: str, place: str) -> str:
    return template.format_map(_Slots(rng, topic, place))


def _sentence(rng: random.Random, topic: str, place: str, template: str | None = None) -> str:
    s = _fill(rng, template or _pick(rng, TEMPLATES), topic, place)
    s = s[0].upper() + s[1:]
    if rng.random() < 0.3:
        s += " " + _pick(rng, TOPICS[topic][3])
    return s


def _turn_bullets(rng: random.Random, person: Person, place: str, k: int, topic: str | None = None) -> list[str]:
    out = []
    for template in rng.sample(TEMPLATES, k):  # no template twice in one turn
        t = topic if topic and rng.random() < 0.7 else (
            _pick(rng, person.topics) if rng.random() < 0.75 else _pick(rng, TOPIC_KEYS))
        out.append("- " + _sentence(rng, t, place, template))
    return out


def _join(bullets: list[str], rng: random.Random) -> list[str]:
    """Bullet lines, now and then with a blank line between them (as in the seed)."""
    spaced = rng.random() < 0.2
    out: list[str] = []
    for b in bullets:
        if out and spaced:
            out.append("")
        out.append(b)
    return out


def _label(p: Person, i: int) -> str:
    return ORGS[p.org_at(i)][1]


def _weighted_sample(rng: random.Random, people: list[Person], k: int) -> list[Person]:
    keyed = sorted(people, key=lambda p: rng.random() ** (1.0 / p.weight), reverse=True)
    return keyed[:k]


def _no_date(d: dt.date) -> str:
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


class Meeting:
    """One meeting being written: a list of lines plus where each speaker's round-table turn ends."""

    def __init__(self, i: int, date: dt.date):
        self.i, self.date = i, date
        self.lines: list[str] = []
        self.turn_end: dict = {}  # person name -> index in self.lines after the last line of their Sak 3 turn
        self.speakers3: list[Person] = []
        self.passages = 0


def write_meeting(rng: random.Random, i: int, date: dt.date, prev: dt.date | None, people: list[Person],
                  chairs: list[Person]) -> Meeting:
    m = Meeting(i, date)
    L = m.lines
    active = [p for p in people if p.start <= i < p.end]
    chair = chairs[(i // 10) % len(chairs)]
    others = [p for p in active if p is not chair]
    attendees = [chair] + _weighted_sample(rng, others, rng.randint(14, 24))
    # namesakes from the same place would make a label like "Kari fra Asker" ambiguous: keep one
    seen: set = set()
    uniq = []
    for p in attendees:
        key = (p.first, _label(p, i))
        if key not in seen:
            seen.add(key)
            uniq.append(p)
    attendees = uniq
    sec = rng.sample(SECRETARIAT, rng.randint(2, 4))
    sec_first = [s.split()[0] for s in sec]
    written = date + dt.timedelta(days=rng.randint(2, 7))

    L += ["", "", "", "", f"Dato: {written.day}.{written.month}.{written.strftime('%y')}", "",
          "Referat møte i Osloregionens faggruppe Nærings samarbeidet", "",
          f"Tid: {WEEKDAYS[date.weekday()]} {date.day}. {MONTHS[date.month - 1]} kl. 0900-1100", ""]
    if rng.random() < 0.5:
        L += ["Presentasjoner fra møtet finner man her", ""]
    L += ["Frammøtte:", "", "NAVN\tKOMMUNE / REGION"]
    for k, p in enumerate(attendees):
        L.append(f"{p.name}{' (møteleder)' if k == 0 else ''}\t{ORGS[p.org_at(i)][0]}")
    L += ["", "Fra sekretariatet møtte:", "", ", ".join(sec), "", "Saksliste", ""]

    n = 1
    L += [f"Sak {n}. Godkjenning av innkalling og dagsorden", "", "Godkjent", ""]
    n += 1
    prev_txt = f"møte {_no_date(prev)}" if prev else "forrige møte"
    L += [f"Sak {n}. Godkjenning av referat fra {prev_txt}", "", "Godkjent", ""]
    m.passages += 2
    n += 1

    # Sak 3: the round table
    L += [f"Sak {n}. Runden rundt bordet (max 3 min. per pers)", ""]
    speakers = [p for p in attendees if rng.random() < 0.82]
    if len(speakers) < 10:  # keep every meeting comfortably above 20 passages
        speakers = attendees[:10]
    for p in speakers:
        place = _label(p, i)
        L += [f"{p.first} fra {place}:", ""]
        L += _join(_turn_bullets(rng, p, place, _pick(rng, [2, 2, 3, 3, 3, 4, 5])), rng)
        m.turn_end[p.name] = len(L)
        L.append("")
        m.passages += 1
    m.speakers3 = speakers
    n += 1

    # Sak 4..: theme items
    topics = rng.sample(TOPIC_KEYS, _pick(rng, [2, 3, 3, 3, 4]))
    for topic in topics:
        titles = TOPICS[topic][0]
        L += [f"Sak {n}. {_pick(rng, titles)}", ""]
        intro = _pick(rng, ITEM_INTROS).format(sec=_pick(rng, sec_first), s=_pick(rng, ORGS)[1],
                                               c=_pick(rng, CHALLENGES))
        L += [intro, ""]
        m.passages += 1
        keen = [p for p in attendees if topic in p.topics]
        pool = keen + [p for p in attendees if topic not in p.topics]
        k = min(len(pool), rng.randint(3, 7))
        chosen = (keen[:k] if len(keen) >= k else keen + rng.sample(pool[len(keen):], k - len(keen)))
        rng.shuffle(chosen)
        for p in chosen:
            place = _label(p, i)
            L += [f"{p.first} fra {place}:", ""]
            if rng.random() < 0.45:
                L += [" ".join(_sentence(rng, topic, place, t) for t in rng.sample(TEMPLATES, rng.randint(2, 3)))]
            else:
                L += _join(_turn_bullets(rng, p, place, rng.randint(1, 3), topic), rng)
            L.append("")
            m.passages += 1
        if rng.random() < 0.2:
            L += ["Kommentarer/oppsummering fra gruppearbeidet:", ""]
            for g in range(1, rng.randint(3, 4)):
                place = _pick(rng, ORGS)[1]
                L += [f"Gruppe {g}:", "", " ".join(_sentence(rng, topic, place, t) for t in rng.sample(TEMPLATES, 2)), ""]
                m.passages += 1
        n += 1

    title, text = _pick(rng, SECRETARIAT_ITEMS)
    t = _pick(rng, TOPIC_KEYS)
    L += [f"Sak {n}. {title}", "",
          text.format(sec=_pick(rng, sec_first), p=_pick(rng, TOPICS[t][1]), month=_pick(rng, MONTHS)), ""]
    m.passages += 1
    n += 1
    who = _pick(rng, attendees)
    ev = _pick(rng, EVENTUELT).format(first=who.first, label=_label(who, i), p=_pick(rng, TOPICS[t][1]),
                                      month=_pick(rng, MONTHS), s=_pick(rng, ORGS)[1])
    L += [f"Sak {n}. Eventuelt", "", ev]
    m.passages += 1
    return m


def plant_facts(rng: random.Random, meetings: list[Meeting], n_facts: int) -> list[dict]:
    """Plant each rare fact once, as its own paragraph closing one person's round-table turn."""
    facts = []
    rare = RARE[:]
    rng.shuffle(rare)
    used_people: set = set()
    slots = [(m, p) for m in meetings for p in m.speakers3]
    rng.shuffle(slots)
    planted_in: dict = {}
    for x_no, x_en, para_no, para_en in rare[:n_facts]:
        while slots:
            m, p = slots.pop()
            if p.name not in used_people and (m.i, p.name) not in planted_in:
                break
        else:
            break
        used_people.add(p.name)
        planted_in[(m.i, p.name)] = True
        sentence = _pick(rng, PLANT).format(x=x_no, s=_label(p, m.i))
        at = m.turn_end[p.name]
        m.lines[at:at] = ["", "- " + sentence]
        for other, end in m.turn_end.items():  # later turns moved down by two lines
            if end > at:
                m.turn_end[other] = end + 2
        facts.append(dict(meeting=m, person=p, sentence=sentence, x_no=x_no, x_en=x_en,
                          para_no=para_no, para_en=para_en))
    return facts


def questions_for(facts: list[dict]) -> list[dict]:
    qs = []
    for f in facts:
        person = f["person"].name
        ac = f["sentence"]
        variants = [
            ("no", f"Hvem jobber med {f['x_no']}?", False),
            ("en", f"Who is working on {f['x_en']}?", False),
            ("no", f"Hvem {f['para_no']}?", True),
            ("en", f"Who {f['para_en']}?", True),
        ]
        for lang, q, para in variants:
            if para and shares_words(q, ac):
                para = False
            qs.append({"question": q, "lang": lang, "who": True, "paraphrase": para, "answer_contains": ac,
                       "agenda_number": "3", "speaker": person})
    for lang, q in NO_ANSWER:
        qs.append({"question": q, "lang": lang, "who": True, "paraphrase": False, "answer_contains": None,
                   "agenda_number": None, "speaker": None})
    return [{"id": f"s{k:04d}", **q} for k, q in enumerate(qs, 1)]


def generate(n_meetings: int, out: Path, seed: int = 0) -> dict:
    rng = random.Random(seed)
    people = make_people(rng, n_meetings)
    chairs = sorted((p for p in people if p.start == 0 and p.end >= n_meetings), key=lambda p: -p.weight)[:3] \
        or people[:3]
    dates = meeting_dates(rng, n_meetings)
    meetings = [write_meeting(rng, i, d, dates[i - 1] if i else None, people, chairs) for i, d in enumerate(dates)]
    facts = plant_facts(rng, meetings, min(len(RARE), max(4, 2 * n_meetings)))
    out.mkdir(parents=True, exist_ok=True)
    for m in meetings:
        (out / f"{m.date.isoformat()}-naeringssamarbeidet.txt").write_text("\n".join(m.lines) + "\n", encoding="utf-8")
    qs = questions_for(facts)
    with open(out / "questions.jsonl", "w", encoding="utf-8") as fh:
        for q in qs:
            fh.write(json.dumps(q, ensure_ascii=False) + "\n")
    return {"meetings": len(meetings), "passages_estimate": sum(m.passages for m in meetings),
            "people": len(people), "facts": len(facts), "questions": len(qs)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--meetings", type=int, required=True, help="how many meetings to write")
    ap.add_argument("--out", type=Path, required=True, help="directory for the minutes and questions.jsonl")
    ap.add_argument("--seed", type=int, default=0, help="random seed (same seed, same archive)")
    ap.add_argument("--clean", action="store_true",
                    help="delete minutes files (YYYY-MM-DD-*.txt) already in --out before writing")
    a = ap.parse_args(argv)
    if a.meetings < 1:
        ap.error("--meetings must be at least 1")
    old = sorted(a.out.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]-*.txt")) if a.out.is_dir() else []
    if old and not a.clean:
        ap.error(f"{a.out} already holds {len(old)} minutes files; pass --clean to replace them")
    for f in old:
        f.unlink()
    t0 = time.perf_counter()
    stats = generate(a.meetings, a.out, a.seed)
    stats["seconds"] = round(time.perf_counter() - t0, 2)
    print(json.dumps(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
