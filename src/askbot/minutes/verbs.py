"""The verbs that make a subject an actor in Norwegian (bokmål, nynorsk), Danish and English minutes:
reporting verbs (REPORT), action and task verbs (ACTION), and the generic ones that alone do not
(GENERIC: "har", "er", "was"); an organisation's reporting verbs (ORG_REPORT) and the verbs of a proposal or
decision clause (PROPOSE)."""

REPORT = (
    # Norwegian (bokmål, nynorsk)
    r"orienterte|orienterer|informerte|informerer|påpekte|påpeikte|peikte|pekte|mente|meinte|foreslo|"
    r"foreslår|føreslo|presenterte|presenterer|svarte|svarar|spurte|spør|sa|seier|sier|fortalte|fortalde|redegjorde|"
    r"gjorde rede|la fram|la frem|opplyste|understreket|understreka|kommenterte|innledet|innleia|ønsket|ønskte|"
    r"tok opp|viste|minnet|minte|stilte|takket|takka|roste|uttrykte|anbefalte|tilbød|meldte|rapporterte|"
    r"refererte|oppsummerte|gjennomgikk|gjekk gjennom|gikk gjennom|beklaget|bekreftet|stadfesta|ba om|bad om|"
    r"lovet|lova|varslet|varsla|tok ordet|supplerte|la til|åpnet|opna|leda|ledet|leia|konkluderte|etterlyste|"
    r"deltok|reiste|løftet|løfta|delte|tok initiativ|påpeker|mener|bestemmer|svarer|ønsker|"
    r"presiserer|forteller|viser|legger fram|legger frem|tar opp|oppdaterer|er enig|"
    r"var enig|presiserte|poengterte|framheva|fremhevet|spurde|støtta|støttet|støtter|svara|fortel|meiner|"
    r"ønskjer|gjekk igjennom|gikk igjennom|la vekt på|gjorde merksam|"
    r"arbejder på|arbejder med|arbeider med|arbeider på|jobber med|works on|is working on|"  # ongoing work
    # Danish
    r"oplyste|oplyser|anbefalede|anbefaler|præsenterede|præsenterer|fremsender|fremlagde|fremlægger|"
    r"spurgte|svarede|sagde|foreslog|orienterede|informerede|tilbyder|bemærkede|gennemgik|"
    r"fortæller|nævnte|meddelte|beretter|berettede|gjorde opmærksom|gjorde oppmerksom|stiller spørsmål|"
    r"minner om|minder om|peika|peikar|peker|har kontaktet|kontaktede|efterspørger|etterspør|"
    r"takkede|takker|tilføjede|tilføjer|efterlyste|efterlyser|understregede|understreger|påpegede|påpeger|"
    r"fremhævede|fremhæver|konstaterede|konstaterer|udtalte|kommenterede|kommenterer|opfordrede|opfordrer|"
    r"supplerede|supplerer|redegjorde for|gav udtryk for|lagde vægt på|ønskede|spørger|svarer|mener|mente|"
    # English
    r"advised|reported|proposed|stated|noted|asked|said|explained|informed|presented|confirmed|suggested|"
    r"thanked|welcomed|raised|questioned|replied|responded|highlighted|updated|gave|moved|seconded|opened|"
    r"chaired|declared|requested|offered|queried|commented|mentioned|outlined|summarised|summarized|"
    r"introduced|recommended|expressed|announced|circulated|agreed|felt|believed|wanted|reminded|shared|"
    r"pointed out|took|is taking|was elected|discussed|facilitating|facilitated|explains|says|"
    r"thinks|suggests|proposes|asks|notes|reports|wants|agrees|disagrees|referred|invited|described|argued|"
    r"warned|emphasised|emphasized|stressed|urged|acknowledged|indicated|observed|clarified|added"
)
ACTION = (r"skal|skulle|vil|tar kontakt|tek kontakt|kontakter|sender|sendar|etablerer|følger opp|fylgjer opp|"
          r"sørger for|sørgjer for|undersøker|undersøkjer|lager|lagar|utarbeider|ordner|inviterer|booker|kallar inn|"
          r"kaller inn|påtok seg|tar ansvar|tek ansvar|sørger|bestiller|laver|undersøger|indkalder|tager kontakt|"
          r"følger op|rundsender|udsender|bidrager|bidrar|fikser|tar det videre|"
          r"tar et møte|tek eit møte|holder kontakten|"
          r"will|to|is to|are to|would|agreed to|undertook to|volunteered to|is taking")
GENERIC = r"har|hadde|er|var|blir|ble|vart|has|had|is|was|have|are|were|kan|can|blev|havde|får|fikk|fekk"
# what an organisation no roster lists does as a speaker: reports, informs, proposes, recommends, answers
# (never "skal"/"will"/"to", which any noun takes: "Prosjektet skal …", "The plan will …")
ORG_REPORT = (
    r"orienterte|orienterer|informerte|informerer|opplyste|opplyser|redegjorde|gjorde rede|presenterte|"
    r"presenterer|la fram|la frem|legger fram|legger frem|foreslo|foreslår|føreslo|anbefalte|anbefaler|"
    r"rapporterte|meldte|varslet|varsla|svarte|svarer|svara|bekreftet|stadfesta|tilbød|tilbyr|"
    r"oplyste|oplyser|orienterede|informerede|præsenterede|præsenterer|fremlagde|fremlægger|foreslog|"
    r"anbefalede|meddelte|svarede|bekræftede|tilbyder|tilbød|"
    r"advised|reported|informed|stated|proposed|confirmed|recommended|presented|notified|explained|"
    r"announced|responded|replied|suggested|offered|advises|reports|proposes|confirms|recommends"
)
# what proposes or decides that someone does something: "foreslår at …", "It was agreed that …" (clauseowners.py)
PROPOSE = (
    r"foreslår|foreslo|foreslog|føreslo|foreslått|foreslået|anbefaler|anbefalte|anbefalede|anbefalt|"
    r"ber om|ba om|bad om|beder om|bestemmer|bestemte|bestemt|besluttet|besluttede|besluttes|vedtok|"
    r"vedtog|vedtatt|vedtaget|enige om|enig om|enighet om|enighed om|"
    r"proposed|proposes|suggested|suggests|recommended|recommends|requested|asked|agreed|resolved|decided"
)
