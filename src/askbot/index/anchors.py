"""The off-topic anchor texts: everyday, off-domain subjects embedded with every build (see retrieve.offtopic)."""

ANCHORS = [
    "Oppskrift på pannekaker og vafler", "Recipe for chocolate cake",
    "Fotballkamp og resultater i Eliteserien", "Football match results and league tables",
    "Værmeldingen for helgen: regn og vind", "Weather forecast for the weekend",
    "Kjendisnyheter og sladder om filmstjerner", "Celebrity gossip and movie stars",
    "Hvordan trene hunden din", "How to train your dog",
    "Romfart, raketter og planeter", "Space travel, rockets and planets",
    "Kryptovaluta og bitcoin-kurser", "Cryptocurrency prices",
    "Strikkeoppskrift på genser", "Knitting patterns",
    "Beste ferietips til Syden", "Holiday tips for beach resorts",
    "Sykdom, symptomer og medisiner", "Illness, symptoms and medicine",
    "Dataspill og konsoller", "Video games and consoles",
    "Dinosaurer og fossiler", "Dinosaurs and fossils",
    "Hagearbeid og blomster", "Gardening and flowers",
    "Popmusikk og konserter", "Pop music and concerts",
    "Mote og klær", "Fashion and clothing",
    "Religion og gudstro", "Religion and faith",
    "Dyreliv i jungelen", "Wildlife in the jungle",
]
