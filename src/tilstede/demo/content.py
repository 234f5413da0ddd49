"""Texts for the demo agency, Fjordvik kommune (a made-up municipality).

Written for the project: bokmål, nynorsk and English comments of the kinds a
communication unit meets every day. Placeholders in braces are filled with synthetic
identifiers that have valid control digits (``tilstede.demo.synthetic``); no text is
about a real person.
"""

from __future__ import annotations

# Posts published by the agency; each opens a thread that comments land under.
AGENCY_POSTS: list[tuple[str, str]] = [
    (
        "nb",
        "Fra mandag er Storgata stengt mellom rådhuset og kaia på grunn av vannledningsarbeid. Omkjøring er skiltet. Les mer: https://fjordvik.kommune.no/storgata",
    ),
    (
        "nb",
        "Søknadsfristen for plass i barnehage til høsten er 1. mars. Søk på nett: https://fjordvik.kommune.no/barnehage",
    ),
    (
        "nn",
        "Kommuneplanen er no ute på høyring. Kom med innspel innan 15. april: https://fjordvik.kommune.no/kommuneplan",
    ),
    (
        "nb",
        "Oppdatert informasjon om oljeutslippet ved Nordneset: Ikke gå i fjæra mellom Nordneset og Sandvika. Vi oppdaterer her og på https://fjordvik.kommune.no/krise",
    ),
    (
        "en",
        "Fjordvik municipality now offers free Norwegian classes for newcomers. Read more and sign up: https://fjordvik.kommune.no/norwegian-classes",
    ),
    (
        "nb",
        "Eiendomsskatten for 2026 er sendt ut. Har du spørsmål om takseringen? Se https://fjordvik.kommune.no/eiendomsskatt",
    ),
    (
        "nb",
        "Nytt fra helsestasjonen: Influensavaksinen er nå tilgjengelig for alle over 65 år. Timebestilling: https://fjordvik.kommune.no/vaksine",
    ),
    (
        "nn",
        "Brannvesenet minner om at det er forbode å brenne bål i skog og mark frå 15. april til 15. september.",
    ),
]

PRAISE = [
    ("nb", "Tusen takk for rask brøyting i dag! 👏"),
    ("nb", "Så bra at dere legger ut info her, det hjelper mye"),
    ("nn", "Takk for god informasjon, det er fint at kommunen er til stades her."),
    ("en", "Great initiative, thanks for keeping us posted!"),
    ("nb", "Kjempefin ny lekeplass ved skolen 😊 barna elsker den"),
    ("nb", "Endelig! Har ventet på dette i årevis. Godt jobbet"),
    ("en", "The library staff were so helpful yesterday, thank you."),
    ("nn", "Flott arbeid med den nye gangvegen, no kan ungane gå trygt til skulen."),
]

QUESTIONS = [
    ("nb", "Gjelder stengingen også for syklister? 🚲"),
    ("nb", "Når åpner svømmehallen igjen etter oppussingen?"),
    ("nn", "Kva tid blir det klart kven som har fått barnehageplass?"),
    ("en", "Is there an English version of the application form?"),
    ("nb", "Hvor kan jeg levere gamle malingsbokser? Er gjenvinningsstasjonen åpen lørdag?"),
    ("nb", "hva er åpningstidene på servicetorget i jula?"),
    ("en", "Do the classes also run in the evening? I work during the day."),
    ("nn", "Korleis sender eg innspel til høyringa om eg ikkje har BankID?"),
    ("nb", "Blir det kveldsåpent på helsestasjonen for vaksinering?"),
]

CRITICISM = [
    ("nb", "Dette er helt uakseptabelt. Tredje gang i år at veien er stengt uten varsel!!"),
    ("nb", "Hvorfor bruker kommunen penger på dette når skolene forfaller?"),
    ("nn", "Eg forstår ikkje kvifor høyringsfristen er så kort. Det er ikkje demokratisk."),
    ("en", "The bus detour adds 20 minutes to my commute. Poor planning."),
    ("nb", "Eiendomsskatten er ran av vanlige folk. Skam dere."),
    ("nb", "Politikerne i Fjordvik hører aldri på innbyggerne. #fjordvik #kommunevalg"),
]

CRISIS_RUMOURS = [
    ("nb", "Noen sier at drikkevannet er forurenset av oljen, stemmer det??"),
    ("nb", "Jeg hørte at de skal evakuere hele Sandvika i kveld, er det sant?"),
    ("en", "Is it safe to let dogs swim at the beach near Nordneset?"),
    ("nn", "Folk seier at skulen i Sandvika blir stengd i morgon. Stemmer det?"),
    ("nb", "Det ligger døde fugler på stranda ved campingen. Hvem skal vi ringe?"),
    ("nb", "HVORFOR får vi ikke vite noe?? Det lukter olje over hele bygda"),
]

# Case requests: the writer asks about their own case. Some carry personal data.
OWN_CASE = [
    (
        "nb",
        "Jeg søkte om barnehageplass for to måneder siden og har ikke hørt noe. Kan dere sjekke søknaden min? Saksnummer {CASE}",
    ),
    (
        "nb",
        "Hei, jeg har fått feil eiendomsskatt på huset mitt i {ADDRESS}. Hvem kan jeg klage til?",
    ),
    ("nb", "Har sendt byggesøknad for garasje i juni, ref. {CASE}. Når får jeg svar?"),
    (
        "nn",
        "Eg har klaga på vedtaket om heimehjelp til mor mi, men ingen har svart. Kva skjer med saka?",
    ),
    (
        "en",
        "I applied for the Norwegian class in January and never got a reply. My application ID is {APPID}.",
    ),
    (
        "nb",
        "Saksbehandleren min {NAME} har ikke svart på tre uker. Jeg trenger svar på søknaden om startlån!",
    ),
    (
        "nb",
        "Hvorfor har jeg fått avslag på søknad om parkeringstillatelse? Jeg har {HEALTH} og kan ikke gå langt.",
    ),
    ("nb", "Fødselsnummeret mitt er {FNR}, kan dere se om søknaden om sosialhjelp er mottatt?"),
    ("nb", "Ring meg på {PHONE} angående regningen for kommunale avgifter, den er altfor høy"),
    (
        "en",
        "Please check my case, my D-number is {DNR} and I still have not received the decision.",
    ),
    (
        "nn",
        "Sonen min {CHILD} har {HEALTH} og treng assistent på skulen. Søknaden vart avslått, korleis klagar vi?",
    ),
    (
        "nb",
        "Jeg heter {NAME} og bor i {ADDRESS}. Naboen har bygget ulovlig, jeg har meldt det i sak {CASE} uten svar.",
    ),
    (
        "nb",
        "Refusjonen skal til kontonummer {ACCOUNT}, kan dere bekrefte at dere har registrert det?",
    ),
    (
        "en",
        "You can reach me at {EMAIL} about my complaint on the home care decision for my father.",
    ),
    (
        "nb",
        "Jeg er sykmeldt for {HEALTH} og lurer på om jeg kan få utsatt betaling av eiendomsskatten?",
    ),
    (
        "nn",
        "Eg er {SPECIAL} og fekk ein kommentar frå ein tilsett på servicetorget som eg opplevde som krenkande. Eg vil klage.",
    ),
]

# Names and health details for the placeholders above. Common Norwegian names combined
# freely; no real person is meant.
FIRST_NAMES = ["Kari", "Ola", "Ingrid", "Per", "Nora", "Jonas", "Sara", "Emil", "Hanne", "Lars"]
SURNAMES = ["Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Dahl", "Lie"]
CHILD_NAMES = ["Oskar", "Emma", "Filip", "Ella", "Magnus", "Sofie"]
STREETS = ["Fjordveien", "Skolegata", "Kirkebakken", "Sjøgata", "Bjørkelia", "Nordnesvegen"]
HEALTH = {
    "nb": ["diabetes", "MS", "revmatisme", "angst", "ryggprolaps", "KOLS"],
    "nn": ["autisme", "ADHD", "epilepsi", "diabetes"],
    "en": ["depression", "epilepsy", "a heart condition"],
}
SPECIAL = {"nb": ["muslim", "same", "homofil"], "nn": ["muslim", "same", "homofil"], "en": []}

# Agency replies in threads (saved-reply style).
AGENCY_REPLIES = {
    "nb": [
        "Takk for spørsmålet! Vi sjekker og kommer tilbake til deg i løpet av dagen.",
        "Hei! Vi kan dessverre ikke behandle enkeltsaker her. Ta kontakt via https://fjordvik.kommune.no/kontakt så hjelper vi deg.",
        "Hei! Del ikke personopplysninger i åpne kanaler. Send oss en melding via https://fjordvik.kommune.no/sikker-melding.",
        "Det stemmer ikke. Drikkevannet er trygt, det er testet i dag. Oppdatert info: https://fjordvik.kommune.no/krise",
    ],
    "nn": [
        "Takk for innspelet! Vi svarer deg innan ein arbeidsdag.",
        "Hei! Vi kan ikkje handsame enkeltsaker her. Kontakt oss via https://fjordvik.kommune.no/kontakt.",
    ],
    "en": [
        "Thanks for asking! We will get back to you within one working day.",
        "Hi! We cannot handle individual cases here. Please contact us at https://fjordvik.kommune.no/contact.",
    ],
}
