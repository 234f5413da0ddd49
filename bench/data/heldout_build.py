"""Build the held-out screening corpus: bench/data/screening_heldout.jsonl.

The comments below were written by hand, independently of the development corpus in
tests/data, and are never used to tune the detectors. They only estimate how the
detectors generalise. Run from the repository root:

    python bench/data/heldout_build.py

Entry format (in ENTRIES): a header line ``@<lang><+|->`` (``+`` = case_request), then the
text. Lines inside an entry are joined with a single space; each blank line inside an entry
becomes one newline character. ``[[category|span]]`` marks an annotated span. Identifier
placeholders ``{kind}`` or ``{kind:format}`` are filled with generated numbers:

    fnr, dnr, hnr, tenor, fh   valid national ids  (formats: plain, sp, dash, dot)
    bad                        11 digits failing both fnr and kontonummer checks (same formats)
    konto                      valid kontonummer   (formats: plain, dots, sp)
    badkonto                   kontonummer with a wrong control digit (same formats)
    iban                       valid Norwegian IBAN (formats: grp, plain)
    kid                        KID number (Luhn), never a valid 11-digit id or account

The build is deterministic (fixed seed) and checks its own output before writing it.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

SEED = 46_2025
OUT = Path(__file__).resolve().parent / "screening_heldout.jsonl"

CATEGORIES = frozenset(
    {
        "national_id",
        "phone",
        "email",
        "bank_account",
        "address",
        "person_name",
        "health",
        "special_category",
        "case_reference",
    }
)

# plausible bank registration numbers (first four digits of a kontonummer)
BANK_REGS = "1503 1506 1254 3000 9710 2050 1822 6345 1207 0540 1594 9235 3626 4200 1720".split()

K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


# --- checksums ---------------------------------------------------------------------------


def _mod11(digits: str, weights: tuple[int, ...]) -> int | None:
    k = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    if k == 11:
        return 0
    if k == 10:
        return None
    return k


def _date_ok(day: int, month: int, yy: int) -> bool:
    for year in (1900 + yy, 2000 + yy):
        try:
            date(year, month, day)
        except ValueError:
            continue
        return True
    return False


def fnr_valid(s: str) -> bool:
    """Fødselsnummer, D-, H-, Tenor- or FH-nummer with both control digits right."""
    if len(s) != 11 or not s.isdigit():
        return False
    if _mod11(s[:9], K1) != int(s[9]) or _mod11(s[:10], K2) != int(s[10]):
        return False
    if s[0] in "89":  # FH-nummer: no date part
        return True
    day, month = int(s[:2]), int(s[2:4])
    if day > 40:  # D-nummer
        day -= 40
    if month > 80:  # Tenor synthetic
        month -= 80
    elif month > 40:  # H-nummer
        month -= 40
    return _date_ok(day, month, int(s[4:6]))


def konto_valid(s: str) -> bool:
    return len(s) == 11 and s.isdigit() and _mod11(s[:10], K2) == int(s[10])


def iban_valid(s: str) -> bool:
    s = s.replace(" ", "")
    if not re.fullmatch(r"NO\d{13}", s):
        return False
    moved = s[4:] + "2324" + s[2:4]  # N=23, O=24
    return int(moved) % 97 == 1 and konto_valid(s[4:])


def luhn_digit(body: str) -> str:
    total = 0
    for i, d in enumerate(reversed(body)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


# --- generated identifiers ---------------------------------------------------------------


class Numbers:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _fresh(self, make) -> str:
        while True:
            s = make()
            if s is not None and s not in self.used:
                self.used.add(s)
                return s

    def _person(self, kind: str) -> str | None:
        rng = self.rng
        if kind == "fh":
            body = rng.choice("89") + "".join(rng.choice("0123456789") for _ in range(8))
        else:
            born = date(1942, 1, 1).toordinal() + rng.randrange(23_000)
            d = date.fromordinal(born)
            if d.year >= 2000:
                ind = rng.randrange(500, 1000)
            elif d.year >= 1940 and rng.random() < 0.2:
                ind = rng.randrange(900, 1000)
            else:
                ind = rng.randrange(0, 500)
            day, month = d.day, d.month
            if kind == "dnr":
                day += 40
            elif kind == "hnr":
                month += 40
            elif kind == "tenor":
                month += 80
            body = f"{day:02d}{month:02d}{d.year % 100:02d}{ind:03d}"
        k1 = _mod11(body, K1)
        if k1 is None:
            return None
        k2 = _mod11(body + str(k1), K2)
        if k2 is None:
            return None
        s = body + str(k1) + str(k2)
        return s if fnr_valid(s) else None

    def _konto(self) -> str | None:
        rng = self.rng
        reg = rng.choice(BANK_REGS)
        body = reg + f"{rng.randrange(100):02d}" + f"{rng.randrange(10_000):04d}"
        k = _mod11(body, K2)
        if k is None:
            return None
        s = body + str(k)
        return None if fnr_valid(s) else s

    def _bad(self) -> str | None:
        s = self._person(self.rng.choice(["fnr", "fnr", "dnr"]))
        if s is None:
            return None
        s = s[:10] + str((int(s[10]) + self.rng.randrange(1, 10)) % 10)
        return None if fnr_valid(s) or konto_valid(s) else s

    def _badkonto(self) -> str | None:
        s = self._konto()
        if s is None:
            return None
        s = s[:10] + str((int(s[10]) + self.rng.randrange(1, 10)) % 10)
        return None if fnr_valid(s) or konto_valid(s) else s

    def _kid(self) -> str | None:
        n = self.rng.choice([7, 9, 12, 14, 15])
        body = str(self.rng.randrange(1, 10)) + "".join(
            self.rng.choice("0123456789") for _ in range(n - 1)
        )
        return body + luhn_digit(body)

    def make(self, kind: str, fmt: str | None) -> str:
        if kind in {"fnr", "dnr", "hnr", "tenor", "fh", "bad"}:
            s = self._fresh(self._bad if kind == "bad" else lambda: self._person(kind))
            return {
                None: s,
                "plain": s,
                "sp": f"{s[:6]} {s[6:]}",
                "dash": f"{s[:6]}-{s[6:]}",
                "dot": f"{s[:6]}.{s[6:]}",
            }[fmt]
        if kind in {"konto", "badkonto"}:
            s = self._fresh(self._badkonto if kind == "badkonto" else self._konto)
            return {
                None: f"{s[:4]}.{s[4:6]}.{s[6:]}",
                "dots": f"{s[:4]}.{s[4:6]}.{s[6:]}",
                "sp": f"{s[:4]} {s[4:6]} {s[6:]}",
                "plain": s,
            }[fmt]
        if kind == "iban":
            bban = self._fresh(self._konto)
            check = 98 - int(bban + "232400") % 97
            s = f"NO{check:02d}{bban}"
            assert iban_valid(s)
            if fmt == "plain":
                return s
            return " ".join(s[i : i + 4] for i in range(0, len(s), 4))
        if kind == "kid":
            return self._fresh(self._kid)
        raise ValueError(f"unknown placeholder kind {kind!r}")


PLACEHOLDER = re.compile(r"\{(fnr|dnr|hnr|tenor|fh|bad|konto|badkonto|iban|kid)(?::(\w+))?\}")
MARK = re.compile(r"\[\[([a-z_]+)\|([^\[\]|]+)\]\]")
HEADER = re.compile(r"@(nb|nn|en)([+-])")


# --- hand-written entries ----------------------------------------------------------------

ENTRIES = """
@nb+
Hei. Jeg sendte søknad om dagpenger 3. februar og har fortsatt ikke fått svar, det står bare
«under behandling» på Min side. Fnr [[national_id|{fnr}]]. Kan noen se på det?

Mvh [[person_name|Kjetil Ramstad]]

@nb-
NAV er helt ubrukelige. Ventet 45 minutter i telefonkø i dag. Skam dere 😡

@nb+
hei skatteetaten! fikk skatteoppgjøret i går og jeg skal visst betale restskatt på 14 327 kr??
jeg har ikke hatt noen endring i inntekt siden i fjor. kan dere ringe meg på [[phone|918 44 203]]

@nb-
Hvor mye er egentlig barnetrygden nå i 2025? Noen som vet? Står ulikt på forskjellige sider.

@nb-
Flott at dere endelig har åpnet servicekontor på Lillestrøm 👏 mye bedre enn å kjøre til Oslo.

@nb+
Min kone søkte familiegjenforening for 14 måneder siden og er fortsatt i Asmara. Vi har sendt
alle dokumenter dere ba om. [[case_reference|Ref. 23/4567-3]]. Hvor lenge må vi vente?? Jeg kan
nås på [[phone|+47 469 12 338]] eller [[email|yonas.t.habte@gmail.com]]

@nb-
Innvandringspolitikken til denne regjeringen er en katastrofe. Hvor er Støre når vi trenger
ham? #politikk #norge

@nb+
Søkte bostøtte for april og fikk avslag fordi inntekten var for høy. Men jeg mistet jobben i
mars! [[case_reference|Søknads-ID 551239]]. Jeg bor i [[address|Tollbugata 17, 8006 Bodø]]
sammen med to barn og klarer ikke husleia. Hjelp?

@nb-
Hvem betaler for denne kampanjen egentlig? Står bare org.nr. 974 760 673 nederst på plakaten 🤔

@nb+
Jeg bestilte time til oppkjøring i Drammen og fikk bekreftelse på e-post, men nå står det at
timen ikke finnes. Hva skjer? Mailen min er [[email|sofie.lunde98@hotmail.com]]

@nb-
Dere skriver at man skal ringe [[phone|55 55 33 33]], men ingen tar telefonen. Prøvd i tre
dager nå. Typisk.

@nb+
Bestilte pass til sønnen min i mai og har fortsatt ikke fått det. Vi reiser 2. juli!!
[[case_reference|Søknadsnummer 8830214]]. Kan noen sjekke om det er sendt?

@nb-
Per i dag er det 12 ukers ventetid på førerprøve i Bergen. Helt sykt. Men men, liv og lære.

@nb+
Hei, jeg heter [[person_name|Anita Solberg]] og har vært sykmeldt siden januar pga.
[[health|brystkreft]]. Nå har jeg fått brev om at sykepengene stopper etter 52 uker. Hva gjør
jeg da? Saksbehandleren min [[person_name|Roger]] svarer ikke på meldinger.

@nb-
Erna Solberg sa i Debatten i går at NAV-reformen var en suksess. Hun tok feil, og det vet hun.

@nb+
Jeg har D-nummer [[national_id|{dnr:sp}]] og jobber i Norge på kontrakt. Skattekortet mitt er
feil, det står 50 % trekk. Hvordan endrer jeg det når jeg ikke har BankID?

@nb-
ADVARSEL! Fikk SMS om at «NAV» trengte fødselsnummeret mitt for å utbetale penger, med
«eksempel» {bad} i meldingen 😂 Ikke trykk på lenka, folkens.

@nb+
Hei! Har byttet bank og lurer på om utbetalingen for juni går til gammel konto. Ny konto er
[[bank_account|{konto:dots}]], endret den på Min side 14. juni.

@nb-
Strømstøtten dekker 90 % over 73 øre/kWh fra 1. januar. Med 2 400 kWh i januar blir det ca
1 100 kr tilbake. Ikke akkurat mye.

@nb+
Vi har søkt barnehageplass til [[person_name|Emil]] (født mars 2024) men fikk tilbud på andre
siden av byen. Vi bor i [[address|Kirkeveien 45B]] og har ikke bil. Går det an å klage? Ring
gjerne [[phone|936 17 402]].

Hilsen [[person_name|Maja]] og [[person_name|Sindre]]

@nb+
Jeg betalte renovasjonsavgiften med feil KID ({kid} i stedet for den nye), og nå har jeg fått
purring på 35 kr. Kan dere flytte innbetalingen? Fakturanr. 20250417

@nb-
Det er ikke kommunens jobb å ta stilling til religion. Kristendom, islam eller ingenting –
skolen skal være nøytral. Punktum.

@nb+
Datteren vår [[person_name|Amina]] får ikke fri fra skolen til eid-feiringen selv om vi er
[[special_category|muslimer]]. Rektor sier det ikke er «godkjent fravær». Stemmer det? Vi bor
i Drammen og har sendt klage til kommunen for to uker siden uten svar.

@nb-
Arbeidstilsynet burde sjekke byggeplassene i Bjørvika oftere. Halvparten av gutta der har
ikke engang HMS-kort.

@nb+
Jeg jobber på hotell i Tromsø og sjefen betaler ikke overtid, vi går 12-timers skift. Jeg er
[[special_category|medlem i Fellesforbundet]] men de gjør ingenting. Kan dere se på dette?
Ring meg [[phone|+370 612 40 771]]

@nb-
Les mer her:
https://www.nav.no/no/nav-og-samfunn/kunnskap/analyser-fra-nav/arbeid-og-velferd/2024/3
Interessant om ledighet blant unge.

@nb-
Folketrygdloven § 8-4 sier tydelig at man har krav på sykepenger ved arbeidsuførhet. Hvorfor
tolker dere den så strengt? Og hva med § 21-3?

@nb-
Bra kampanje om svangerskapsdiabetes! Viktig at gravide får vite om risikoen 💪 #folkehelse

@nb+
Til UDI. Jeg søkte om permanent oppholdstillatelse 11.03.2024. Fødselsnummer:
[[national_id|{fnr:dash}]]. Jeg har bodd i Norge i 6 år og oppfyller alle krav. Vennligst svar
på [[email|dmytro.kovalenko@outlook.com]]

@nb-
Skal det virkelig ta 3 timer fra Molde til Ålesund når fergen på Vestnes er innstilt?
Vegvesenet må få fart på Møreaksen.

@nb-
#stoppnedleggelsen av fødeavdelingen i Kristiansund!!! 🏥😢 Del del del

@nb-
Hvordan søker man om startlån? Er det kommunen eller Husbanken man går til?

@nb-
Takket være de nye retningslinjene deres har jeg, som har hatt [[health|ADHD]] i 20 år, mistet
medisinen min. Fastlegen tør ikke skrive ut [[health|Elvanse]] lenger. Takk for ingenting.

@nb-
Jeg betaler ned studielånet fra Spania og banken spør etter IBAN. Er det
[[bank_account|{iban}]] som gjelder? Finner det ikke på nettsida.

@nb-
Bussen, linje 31 til Tonsenhagen, skal gå hvert 10. minutt, men i dag kom den ikke på 40 min.
Ruter må skjerpe seg.

@nb+
Jeg har fått krav om tilbakebetaling av 38 412 kroner i AAP. Jeg meldte fra om jobben i tide!
Vedtaket har [[case_reference|ref. 24/88120-2]]. Jeg vil klage. Mvh [[person_name|Lise-Lotte
Aas]], [[address|Grønnegata 8, 2317 Hamar]]

@nb+
Hvorfor har jeg ikke fått barnetrygd for [[person_name|Oliver]] siden mars? Vi har ikke endret
noe. Kontonummeret er det samme som før: [[bank_account|{konto:plain}]]

@nb-
Fantastisk service på NAV Sandnes i dag! Fikk hjelp med CV og jobbsøknad på under en time. 🌟

@nb+
Kommunen har avslått byggesøknaden min for garasje på [[address|Solbakken 12, 3610 Kongsberg]]
med begrunnelse i § 29-4 i plan- og bygningsloven. Avstanden til nabogrensen er 4 meter! Jeg
har sendt klage til [[email|postmottak@kongsberg.kommune.no]] uten å få svar.

@nb-
Kan noen forklare meg hvorfor eiendomsskatten øker med 18 % i år? 4 870 kr i fjor og 5 750
kr nå. For et hus fra 1974 😤

@nb+
Fikk bot på 5 000 kr for å kjøre 73 i 60-sone på Rv. 4. Jeg var ikke engang sjåfør den dagen,
bilen var lånt ut. Hvordan bestrider jeg forelegget?

@nb-
Tar politiet imot hittegods på lørdager? Fant en lommebok ved Jernbanetorget.

@nb-
Kvinner over 50 burde få tilbud om mammografi hvert år, ikke hvert andre. Helsedirektoratet
sover.

@nb+
Hei! Mannen min [[person_name|Geir]] fikk [[health|hjerneslag]] i mars og trenger
hjemmetjeneste, men dere sier det er venteliste. Han kan ikke gå alene. Adressen er
[[address|Lyngveien 22, 1814 Askim]]. Hva skal vi gjøre?

@nb+
Jeg er [[special_category|tidligere straffedømt]] (sonet ferdig i 2019) og søker politiattest
for å jobbe som vaskehjelp. Hvorfor tar det 8 uker? [[case_reference|Søknads-ID 771245]]

@nb-
Alle som har sittet inne fortjener en ny sjanse. Kriminalomsorgen gjør en viktig jobb. ❤️

@nb+
Skattemeldingen min viser at jeg har eid en leilighet i [[address|Hans Nielsen Hauges gate
39, 0481 Oslo]] i hele 2024, men den ble solgt i februar. Hvordan retter jeg det?

@nb-
Hans Nielsen Hauge ville snudd seg i graven om han så hvordan Oslo ser ut i dag 😅

@nb+
Jeg har fått brev om at dere trekker 3 200 kr i måneden fra uføretrygden for en gammel
gjeld. Det har jeg ikke råd til! Jeg har to barn og [[health|diabetes type 1]]. Ta kontakt:
[[email|randi_ellingsen@online.no]] eller [[phone|+47 22 19 64 08]]

@nb-
Kommunens nye app er helt elendig. Kan ikke engang logge inn med BankID på mobil. Versjon
3.2.1 altså.

@nb-
Hanne Skartveit hadde en god kommentar i VG om dette i går. Anbefales.

@nb+
Jeg bor på [[address|Vestre Strandgate 40]] og det har ikke vært brøytet på tre dager. Jeg er
[[health|rullestolbruker]] og kommer meg ikke ut. Ringte kommunen på [[phone|38 07 50 00]] men
fikk bare telefonsvarer.

@nb-
Strandgata er stengt pga. gravearbeid fra uke 34 til uke 38. Kjør heller Dronningens gate.

@nb+
Jeg har ikke mottatt skattekortet for 2025. Arbeidsgiver trekker 50 %. Mitt fnr er
[[national_id|{fnr:sp}]]. Jeg har prøvd å bestille nytt tre ganger.

@nb-
Ole Brumm og Kristoffer Robin har mer vett enn de som styrer NAV 🙄

@nb-
Hvorfor må man sende ting per post i 2025?? Digitaliser dere!

@nb+
Jeg har fått avslag på søknad om rentefritak. Jeg var [[health|innlagt på psykiatrisk
avdeling]] i fire måneder i fjor og hadde ingen inntekt. Legger ved [[case_reference|journalpost
2025/881]] som viser at jeg har sendt inn dokumentasjon.

@nb-
Psykisk helse må tas på alvor i skolen. Vi har aldri hatt så mange unge på venteliste i BUP.

@nb+
Jeg er [[special_category|homofil]] og søkte beskyttelse i Norge fordi jeg ble forfulgt i
hjemlandet. Intervjuet var i april. Jeg har ikke hørt noe siden. [[case_reference|Saksnr.
2024/55170]]. Please help.

@nb-
Pride-flagget bør henge på rådhuset hele juni, ikke bare én uke. 🏳️‍🌈

@nb+
Jeg har vært [[special_category|medlem av Rødt]] i 15 år og jobber i kommunen. Nå har lederen
min sagt at det er «upassende» at jeg deler partiets innlegg. Kan arbeidsgiver bestemme det?
Jeg vurderer å klage.

@nb-
Rødt og SV burde ta ansvar for at strømprisene er så høye. Typisk venstresida.

@nb+
Kontonummer for utbetaling av erstatningen: [[bank_account|{konto:sp}]]. Vennligst bekreft at
dere har mottatt det. Saken gjelder [[case_reference|saksnr. 23/41882]]. [[person_name|Torstein
Brekke]]

@nb-
Hvilket kontonummer skal man bruke for å betale bompenger? Og hvorfor er det ikke KID på
fakturaen?

@nb-
Fastlegeordningen er i krise. Over 200 000 står uten fastlege. Dette må regjeringen ta tak i.

@nb-
Søndag 14. april kl. 12.00 er det dugnad i Frognerparken. Ta med hansker og godt humør!

@nb-
Det er trist at så mange unge sliter med depresjon og angst. Mer ressurser til
skolehelsetjenesten nå!

@nb+
Fikk tilbakebetalingskrav fra NAV på 12 000 kr. Jeg har betalt alt via nettbank til
[[bank_account|{konto:dots}]] med KID {kid} men dere sier den ikke er registrert. Kvittering
fra banken viser 15.05.2025.

@nb-
Åpningstidene i romjula: 27. og 30. desember kl. 10–14. Stengt 31. desember og 2. januar.

@nb-
Ingen vits å søke om bilstønad. Jeg fikk nei og kjenner fire andre som fikk nei. Tull og tøys.

@nb+
Hei. Overføringen til bankkontoen min har ikke kommet. IBAN [[bank_account|{iban}]] – dette er
norsk konto, men jeg bor i Sverige. Pensjonen skulle vært utbetalt den 20.

@nb-
Dette er helt feil fremstilt. Les rapporten fra Riksrevisjonen (Dokument 3:4 2024–2025) før
dere uttaler dere.

@nb+
Min mor [[person_name|Ragnhild Sæther]] bor på [[address|Eikelundveien 5, 7022
Trondheim]] og har [[health|demens]]. Hun har fått vedtak om sykehjemsplass men ingen dato. Jeg
er verge. Hvem kan jeg snakke med?

@nb+
Dette er ikke greit. Jeg fikk tilbudt jobb via NAV hos en arbeidsgiver som spurte om jeg var
[[special_category|kristen]] i intervjuet. Jeg sa ja og fikk jobben, men kollegaen min fikk nei.
Jeg vil melde fra om det.

@nb-
Skal kirken fortsatt få statsstøtte? Jeg mener nei, men vil gjerne høre andre argumenter.

@nb-
Lindqvist har skrevet en fantastisk bok om dette. Anbefaler alle å lese den.

@nb-
Hvorfor er det så lang kø på trafikkstasjonen i Drammen? 2 timer ventetid i dag kl. 09:30.

@nb-
Kontantstøtten må økes! 7 500 kr i måneden dekker ingenting. #familiepolitikk

@nb+
Jeg er [[special_category|same]] og har søkt om at navnet mitt skal skrives med samiske tegn i
folkeregisteret. Det ble avslått fordi systemet «ikke støtter tegnene». Det kan vel ikke
stemme? [[case_reference|Saksnummer 2024/77213]]

@nb-
Parkeringsautomatene på Torget tar ikke kort lenger. 25 kr timen og bare mynt? Seriøst?

@nb+
Har sendt fullmakt for min far [[person_name|Egil Nordahl]] som har [[health|alzheimer]]. Dere
har fortsatt ikke registrert den og han får ikke pensjonen. Fødselsnummeret hans:
[[national_id|{fnr:dot}]]. Jeg er sønnen, [[person_name|Rune]].

@nb-
Alzheimer-forskningen i Norge er i verdensklasse. Stolt! 🇳🇴

@nb+
Hvorfor har ikke dere satt inn lønnsgarantien? Bedriften gikk konkurs i mars og jeg har ikke
fått lønn for tre måneder. Org.nr. til konkursboet er 912 448 375. Mitt kontonummer er
[[bank_account|{konto:plain}]].

@nb-
Org.nr. 889 640 782 er NAV sitt, for de som lurte. Står på alle brevene.

@nb+
Har fått feil skatteoppgjør. Det står at jeg har 1 245 000 i formue, men jeg har solgt hytta.
Tinglysingen er registrert hos Kartverket. Kontakt meg på [[email|kjell-ove@bergh.no]]

@nb-
Spiller det noen rolle om man leverer skattemeldingen 29. eller 30. april? Lurer bare.

@nb+
Har en sak hos NAV Klageinstans. [[case_reference|Saksnr. 25/40991]]. Klagen ble sendt i
februar. Nå står det at behandlingstiden er 11 måneder?!? Jeg har ikke råd til å vente så lenge.

@nb+
Jeg er student og jobber deltid. Har fått 0 i stipend for høsten fordi dere mener jeg tjente
over 250 000 i fjor. Det stemmer ikke, jeg tjente 198 400. Hvordan klager jeg? Fødselsnr
[[national_id|{fnr}]]

@nb+
Send svaret til [[email|anne.marie.olsen@yahoo.no]] – jeg får ikke logget inn på Digipost.
Det gjelder klagen på vedtaket fra 18. mars.

@nb-
Man må altså ha Digipost eller e-Boks for å få brev fra kommunen? Hva med eldre?

@nb+
Jeg har fått et H-nummer fra sykehuset, [[national_id|{hnr}]], mens jeg ventet på D-nummer.
Nå sier Helfo at det ikke er gyldig for refusjon. Hva skal jeg bruke?

@nb-
Hva er forskjellen på D-nummer og fødselsnummer? Og hvem kan få det?

@nb+
Har prøvd å registrere meg som arbeidssøker, men systemet sier fødselsnummeret er ugyldig. Jeg
har sjekket: {bad:sp}. Kan dere hjelpe? Jeg står uten inntekt fra neste uke.

@nb-
Hjemmesiden deres har vært nede siden 08:15. Status?

@nb+
Hei, kan dere sende meg kopi av vedtaket om uføretrygd? Adresse: [[address|Nordre gate 14,
0551 Oslo]]. Jeg finner det ikke på nav.no.

@nb-
Nordre gate er fin om sommeren, men parkeringssituasjonen er helt håpløs.

@nb-
Skatteetaten har landets beste kundeservice. Alltid hyggelige og hjelpsomme. Takk!

@nb+
Dere har trukket kontingent for fagforeningen på skattekortet, men jeg meldte meg ut av
[[special_category|Fagforbundet]] i januar. Hvorfor er det fortsatt med i skattemeldingen?

@nb-
Fagforbundet og LO har for mye makt i denne regjeringen. Si det som det er.

@nb-
Kjelsås stasjon har vært stengt i en uke nå. Når kommer toget tilbake?

@nb+
Fikk brev fra NAV om at jeg har fått for mye sykepenger. Men jeg var på
[[health|cellegiftbehandling]] hele perioden og jobbet ikke! [[case_reference|Ref. 24/77012-5]].
Ring [[phone|90 11 48 72]].

@nb-
Sykepenger i 12 måneder er for lite for kreftsyke. Lag en egen ordning!

@nb-
Hvorfor er ryggsmerter den vanligste sykmeldingsårsaken i Norge? Noen som har svaret?

@nb-
Politiet skal ha ros for innsatsen under 17. mai. Rolig og god stemning 🇳🇴

@nb-
Strømregningen min for januar var 4 512 kr. For en 2-roms! Hvor er strømstøtten?

@nb-
Gnr/bnr finner du på seeiendom.no. Veldig nyttig side.

@nb+
Jeg søkte dagpenger under permittering 15.01. Fikk beskjed om at søknaden var mottatt men
siden har det vært stille. Kan dere gi en status? [[email|tom.erik.hansen@gmail.com]]

@nb+
Hei. Kan dere slette kontonummeret [[bank_account|{konto:dots}]] fra profilen min? Det er
ikke mitt lenger. Fikk nytt nummer via ny bank. [[person_name|Ronny Fossum]]

@nb-
Tusen takk til Frelsesarmeen for julemiddagen i går. Folk som dere gjør byen bedre. ❤️

@nb+
Hei. Jeg er [[special_category|jøde]] og har bedt om å få slippe å jobbe på lørdager i
arbeidspraksisen NAV har plassert meg i. Veilederen sier det «ikke er et alternativ». Er det
virkelig lov?

@nb-
Religionsfrihet er en menneskerett. Men det betyr ikke at arbeidsgiver må tilrettelegge for
alt.

@nb-
SFO-prisene i Oslo er høyere enn i nabokommunene. 3 248 kr i måneden for full plass!

@nb+
Jeg ble født i Norge men har aldri fått fødselsnummer fordi foreldrene mine var asylsøkere.
Fikk [[national_id|{fh:plain}]] på sykehuset, men det funker ikke noen andre steder. Hva gjør
jeg?

@nb-
FH-nummer, D-nummer, H-nummer... Det er umulig å holde styr på dette. Trenger en oversikt!

@nb+
Kan Arbeidstilsynet se på arbeidsplassen min? Vi jobber i et kjølelager uten verneutstyr,
og jeg har fått [[health|frostskader på fingrene]]. Sjefen vil ikke høre. Jeg ønsker å være
anonym, men kan nås på [[email|anon.lager2025@proton.me]]

@nb-
HMS-regelverket er tydelig, men det hjelper lite når tilsynet aldri kommer. #arbeidsliv

@nb+
Jeg er [[special_category|kurdisk]] og har hatt flyktningstatus i Norge siden 2016. Nå har jeg
søkt om statsborgerskap og fått avslag fordi identiteten ikke er «avklart». Hvordan klager
jeg? [[phone|+90 532 118 40 27]] (er i Tyrkia nå)

@nb+
SKATTEETATEN!!! Jeg har ringt [[phone|800 80 000]] fem ganger og ingen svarer. Jeg må ha
skattekort før lønningen på fredag. fnr [[national_id|{fnr:plain}]]

@nb-
«ring [[phone|800 80 000]]» sier de... har prøvd i en uke 😂😂

@nb+
Jeg har sendt 4 e-poster til [[email|saksbehandler.tromso@nav.no]] og ikke fått svar. Jeg har
en søknad om arbeidsrettet rehabilitering etter [[health|hjerteinfarkt]] som har ligget i
3 mnd.

@nb-
Jeg skjønner ikke hvorfor ME fortsatt ikke tas på alvor i Norge. Skammelig.

@nb+
Hei, hvorfor er det en ukjent person registrert på min adresse i folkeregisteret?
[[address|Skogveien 7A, 1406 Ski]]. Jeg bor alene og vet ikke hvem [[person_name|Per Ivar
Moen]] er.

@nb-
Folkeregisteret er altfor lett å manipulere. Noen må se på sikkerheten.

@nb+
Jeg sendte inn søknad om utvidet barnetrygd fordi jeg er alene med barna. Dere ber om
dokumentasjon på samlivsbrudd. Hva slags dokumentasjon? Vi var aldri gift. Send svar til
[[email|linn.k.bakken@icloud.com]]

@nb-
Visste du at du kan søke utvidet barnetrygd når du er alene med barn? Del gjerne!

@nb-
Kondolerer til alle som mistet noen i ulykken på E18 i går. Tragisk.

@nb-
Tegnspråktolker burde være tilgjengelig på alle NAV-kontorer. Dette er et rettighetsspørsmål.

@nb-
Gaver over 1,5 G er skattepliktige, også fra familie. Greit å vite før jul.

@nb-
Info om rett til permisjon ved abort burde være mye tydeligere på nav.no.

@nb-
Utenlandske førerkort fra land utenfor EØS må byttes innen ett år. Viktig info!

@nb+
Vi bor i [[address|Skolegata 11, 9008 Tromsø]] og har fått pålegg om å rive boden. Den sto
der da vi kjøpte huset i 2011! Vedtaket er fra byggesaksavdelingen. Hva er klagefristen?

@nb-
Byggesaksavdelingen i Tromsø har 14 ukers saksbehandlingstid. Helt uholdbart.

@nb+
Refusjon for legeregning fra utlandet: jeg måtte oppsøke lege i Spania med
[[health|lungebetennelse]]. Søknaden er sendt, men jeg får ikke svar. Kontonr
[[bank_account|{konto:sp}]].

@nb-
Europeisk helsetrygdkort er gratis og gyldig i hele EØS. Bestill før ferien!

@nb-
Angst er en folkesykdom. Vi trenger flere psykologer i kommunene.

@nb-
Karl Johans gate var full av folk i går. Godt å se at byen lever igjen!

@nb+
Jeg har betalt restskatten to ganger ved en feil. Beløpet på 8 420 kr ble trukket 12. og 14.
mai. Kan dere tilbakebetale til [[bank_account|{iban:plain}]]?

@nb-
Hvor mange betaler restskatt i år? Noen som har sett tall?

@nb-
Stavanger universitetssjukehus har fått nytt bygg på Ullandhaug. Imponerende!

@nb+
Kan noen hjelpe meg? Jeg er [[special_category|muslim]] og har fått beskjed fra NAV om å ta
jobb på et slakteri som behandler svinekjøtt. Jeg sa nei og nå får jeg trekk i dagpengene.

@nb-
Islam og kristendom har mer til felles enn folk tror. God artikkel i Aftenposten.

@nb+
Hvorfor har jeg ikke fått svar på søknad om fritak for kommunale avgifter? Jeg sendte den til
[[email|kommunale.avgifter@fredrikstad.kommune.no]] i mars. Jeg er pensjonist og har lav
inntekt.

@nb-
Kommunale avgifter i Fredrikstad er blant de høyeste i landet. Noe må gjøres.

@nb+
Innbetalingen min til Statens innkrevingssentral er ikke registrert. Jeg betalte
5 400 kr den 2. juni med {bad:dot} som referanse – fikk kvittering fra banken.

@nb-
Hvor lang tid tar det før en innbetaling vises? 2–3 virkedager?

@nb-
Nordstrand legesenter har visst fått nye lokaler. Flott for bydelen!

@nb-
Selvstendig næringsdrivende burde ha bedre rettigheter ved sykdom. Dette rammer særlig kvinner.

@nb+
Hei NAV! Jeg er uføretrygdet og har fått jobbtilbud på 20 %. Hvordan påvirker det uføretrygden
min? Trenger svar før jeg sier ja. [[email|jan.henrik.solheim@gmail.com]]

@nb-
Det burde lønne seg å jobbe for uføre. Nå straffes man for hver krone man tjener.

@nb-
Vardø trenger bedre busstilbud. Buss 112 går bare to ganger daglig.

@nb-
Pensjonistene våre fortjener bedre. Regjeringen må snu i trygdeoppgjøret.

@nb+
Klage på saksbehandlingstid: søknaden om opphold for min ektefelle har ligget hos UDI siden
august 2023. [[case_reference|Saksnummer 23/119872]]. Vi har en baby som aldri har møtt faren
sin. Send svar til [[email|s.elvestad@live.no]]

@nb-
UDI sin nettside viser 13 måneders behandlingstid for familieinnvandring. Trist.

@nb+
Jeg har fått et krav om tilbakebetaling på 54 000 kr fra Husbanken for bostøtte. Jeg har
aldri fått bostøtte! Dette må være en feil. [[case_reference|Ref. 2025/8812]]

@nb+
Hei. Jeg er [[special_category|tidligere domfelt for narkotikalovbrudd]] og har søkt om
førerkort. Fikk avslag med henvisning til vandel. Dommen er 10 år gammel. Kan jeg klage?

@nb-
Rusreformen burde vært vedtatt. Straff hjelper ikke rusavhengige.

@nb-
P-vaktene i Stavanger er mer aktive enn noensinne. Pass dere i sentrum!

@nb-
Krisesentrene gjør en fantastisk jobb. Gi dem mer midler!

@nb-
Søskenprioritet i barnehage burde være selvsagt. Vanskelig å forstå kommunen her.

@nb+
Betalte gebyr for navneendring (kr 650), men Skatteetaten sier de ikke har mottatt det. Jeg
betalte til [[bank_account|{konto:dots}]] som sto på nettsiden. Har kvittering.

@nb-
Gebyr for navneendring er 650 kr. Billig for et nytt navn 😄

@nb-
Noen som vet når bostøtten utbetales i juli? Pleier å være den 20.

@nb+
Hei. Jeg er [[special_category|lesbisk]] og gift med en kvinne. Skatteetaten har registrert
meg som «ugift». Vi giftet oss i Danmark i 2022. Hvordan får jeg rettet det?

@nb-
Norge var et av de første landene som innførte felles ekteskapslov. Stolt av det 🏳️‍🌈

@nb+
Trygdeetaten har sendt sluttvedtak om dagpenger til feil adresse. Jeg bor nå i
[[address|Haakon VIIs gate 6, 4005 Stavanger]]. Vedtaket kom aldri frem og fristen har gått.

@nb-
Haakon VII var en god konge. Mye å lære av ham i dag.

@nb-
Vi tester ny integrasjon mot Folkeregisteret i kommunen og får 500-feil på den syntetiske
testpersonen [[national_id|{tenor:dash}]] fra Tenor. Er testmiljøet nede igjen, eller er det
bare oss?

@nb-
Tenor er Skatteetatens testdatasøk for utviklere. Fin tjeneste.

@nn+
Hei! Eg sende inn søknad om startlån til kommunen for tre veker sidan, men har ikkje høyrt noko.
Kan de sjå på saka mi? [[case_reference|Saksnr. 25/1093]]

Helsing [[person_name|Torbjørg Vikane]]

@nn-
Kvifor er det så vanskeleg å finne fram på nettsida dykkar? Eg leitar etter opningstider for
biblioteket og finn ingenting.

@nn+
Eg har fått avslag på søknad om sjukepengar fordi dei meiner eg ikkje var i arbeid. Men eg
hadde fast stilling på Voss sjukehus! Ring meg på [[phone|95 03 71 22]].

@nn-
Sjukehuset på Voss må ikkje leggjast ned. Bygda treng akuttberedskap.

@nn+
Eg flytta frå [[address|Storgata 45, 6800 Førde]] til Bergen i juni, men får framleis post
frå kommunen om eigedomsskatt på det gamle huset. Det er seld!

@nn+
Eg er sjukmeld på grunn av [[health|utbrentheit]] og har ikkje fått utbetalt sjukepengar for
mai. Fødselsnummer: [[national_id|{fnr:sp}]]. Kva skjer?

@nn-
Utbrentheit er eit aukande problem i arbeidslivet. Arbeidsgjevarar må ta ansvar.

@nn-
Ola Nordmann har visst fått ny jobb i kommunen 😂 Klassisk eksempel i alle skjema.

@nn+
Eg fekk brev om at kontonummeret mitt ikkje er registrert. Det er [[bank_account|{konto:dots}]].
Eg har hatt det same kontonummeret i 10 år!

@nn-
Kor lang tid tek det å få svar på ein klage hos Statsforvaltaren? Lurer berre.

@nn-
Avlastningstilbodet i kommunen er altfor dårleg. Foreldre går på veggen.

@nn+
Eg vart nekta å melde flytting fordi eg ikkje har norsk pass. Eg har D-nummer
[[national_id|{dnr}]] og arbeidar på ein gard i Sogndal. Kva skal eg gjere?

@nn-
Sogndal har fått nytt kulturhus. Opning 12. september kl. 18.00.

@nn+
Eg har betalt for mykje i skatt fordi skattekortet var feil. Kan de betale tilbake til
[[bank_account|{iban}]]? Eg bur i Tyskland no.

@nn-
Skattekortet kjem automatisk i desember. Du treng ikkje gjere noko om ingenting er endra.

@nn+
Vi har ikkje fått svar på søknaden om ekstra stønad til [[person_name|Gunnhild]] si
[[health|rullestol]]. Ho er 9 år. Ring [[phone|57 72 41 09]].

@nn-
Det er viktig at alle born får delta i fritidsaktivitetar, uansett funksjonsnivå.

@nn-
Personvern er viktig, men det må ikkje hindre samarbeid mellom etatar.

@nn+
Eg har [[health|migrene]] og har søkt om fritak frå nattarbeid. Arbeidsgjevaren seier nei og
Arbeidstilsynet svarar ikkje. Send svar til [[email|ingrid.h.bo@gmail.com]]

@nn+
Hei, eg bur på [[address|Nyhavnsvegen 14, 6100 Volda]] og det er ikkje brøyta på fire dagar.
Eg har [[health|dårleg hjarte]] og kan ikkje måke sjølv.

@nn-
Brøyteroder i Volda: sjekk kart på kommunen si side. Bra tiltak!

@nn+
Eg er [[special_category|medlem av Utdanningsforbundet]] og har fått oppseiing frå skulen. Dei
seier det er nedbemanning, men eg trur det er fordi eg var tillitsvald. Kan de sjå på dette?

@nn-
Fagforeiningane må stå på for lærarane. Løna er for låg.

@nn-
Studentar i utlandet treng betre informasjon frå Lånekassen. Eg fann ingenting om
skulepengestøtte.

@nn-
Bryggen er full av turistar no. Kva med lokalbefolkninga?

@nn+
Mor mi [[person_name|Ragna]] bur på [[address|Fjordvegen 2, 6856 Sogndal]] og har fått
[[health|hoftebrot]]. Ho treng heimesjukepleie men kommunen seier dei ikkje har kapasitet.

@nn-
Kvifor skal barnetrygda vere lik for alle? Rike treng ho ikkje.

@nn+
Eg er [[special_category|kristen]] og vil ikkje at barnet mitt skal vere med på yoga i
barnehagen. Kan eg få fritak? Barnehagen seier nei.

@nn-
Yoga er ikkje religion. Det er trening. Slutt å lage problem.

@nn+
Eg har [[health|astma]] og får ikkje dekt medisinane på blå resept lenger. Apoteket seier
det er endra reglar. Kven kan eg snakke med? [[email|vetle.rygg@outlook.com]]

@nn-
Blåreseptordninga er ein viktig del av velferdsstaten. Ikkje kutt i ho.

@nn-
Det er berre éin trafikkstasjon i heile Sunnfjord. Det held ikkje.

@nn+
Vi har søkt om fosterheim-godtgjersle men ikkje fått svar. Kontaktpersonen vår er
[[person_name|Sigrid Fløtre]]. Kontonummer for utbetaling: [[bank_account|{konto:sp}]].

@nn-
Fosterheimar gjer ein uvurderleg jobb for born som treng det. Takk til alle! 💚

@nn-
No er det på tide at Helsedirektoratet gjer noko med ventetidene i psykiatrien. Snart eit
år for å få time hos psykolog i Vestland.

@nn-
Eg lurer på korleis ein søkjer om parkeringsløyve for rørslehemma. Er det kommunen?

@en+
Hi, I applied for a skilled worker residence permit in September 2024 and there is still no
decision. My employer is waiting. [[case_reference|Case number 24/092231]]. Could someone
please check? You can reach me at [[phone|+48 512 344 901]].

@en-
Norway's welfare system is the best in the world, no doubt. Thank you NAV for the help
during covid 🙏

@en+
Hello, I am a student from Kenya at NTNU. My study permit renewal has been pending for 5
months and I cannot travel home for Christmas. My D-number is [[national_id|{dnr:dash}]].
Please help.

@en-
Does anyone know if the tax office in Bergen is open on Saturdays?

@en+
I've been waiting 3 months for my tax card. My employer is deducting 50% of my salary. My
email is [[email|m.oconnor@protonmail.com]]. Please, someone answer me.

@en-
Great initiative! More information in English is exactly what expats need. 👏

@en-
Housing prices in Oslo are crazy. 5.2 million for a two-room flat? Who can afford that?

@en+
My husband [[person_name|Tomasz]] was injured at work (construction site in Drammen) and his
employer refuses to report it. He has [[health|a broken back]]. Can Arbeidstilsynet do
something? His phone: [[phone|+48 601 223 918]]

@en-
Thank you Norway for welcoming Ukrainian refugees. We will never forget 🇺🇦❤️🇳🇴

@en+
Please help! My daughter has [[health|type 1 diabetes]] and the kindergarten says they cannot
give her insulin. We applied for extra resources in March. Nothing. We live at
[[address|Parkveien 33, 0350 Oslo]].

@en+
Hi, I paid the fee for my residence card twice by mistake (NOK 2 200). Can I get a refund? I
paid from my Norwegian account [[bank_account|{konto:plain}]].

@en-
The UDI fee for a residence permit went up to NOK 6 300. Outrageous.

@en+
I'm [[special_category|Jewish]] and my employer in Stavanger refuses to let me take days off
for Yom Kippur, even unpaid. NAV told me to contact Arbeidstilsynet. Can you help?

@en-
Religious holidays should be respected in the workplace, whatever your faith.

@en+
My asylum interview was in January. I am [[special_category|gay]] and I fear returning to my
country. When will I get an answer? [[case_reference|Reference 23/88031]]

@en-
LGBT+ asylum seekers face enormous challenges. Norway should do more.

@en+
Hello, I'm applying for a Norwegian driving licence exchange and Statens vegvesen lost my
original licence from Brazil. I need it back. Email [[email|lucas.ferreira.br@gmail.com]]

@en-
How long does it take to exchange a US driving licence in Norway?

@en+
I was stopped by the police at Oslo Airport and treated like a criminal because of my
name. I am [[special_category|Somali]] and I want to file a complaint. My name is
[[person_name|Hassan Mohamed Abdi]].

@en-
Racial profiling is a problem in every country, Norway included.

@en+
Why is my fødselsnummer not working on helsenorge? It's [[national_id|{fnr:sp}]]. I have
tried everything.

@en-
helsenorge.no is down again. Anyone else having issues?

@en+
Dear NAV, my parental benefit payment for June is missing. I checked my account
[[bank_account|{konto:dots}]] and nothing has arrived. Please let me know what happened.

@en-
Norway's parental leave is amazing. 49 weeks at full pay! 🍼

@en+
Hi, I received a letter that my temporary residence permit expires in 2 weeks but my
renewal has been pending since February. Can I still work? [[case_reference|Case
no. 24/13390]]

@en-
What happens if your residence permit expires while your renewal is pending?

@en+
I'm an American living in Trondheim. I moved from [[address|Elgeseter gate 10, 7030
Trondheim]] to a new place but the tax office still sends letters to my old address.

@en-
Trondheim is a lovely city. Nidarosdomen is a must-see!

@en+
I'm a Polish worker and my employer doesn't pay holiday pay. I'm [[special_category|a member
of Fellesforbundet]] but they are slow. Can Arbeidstilsynet check my company? My number
[[phone|+48 721 334 902]]

@en-
Polish workers built half of Oslo. Respect.

@en-
How long does a police certificate take? I need one for volunteering.

@en+
I'm [[health|pregnant]] and my employer fired me. Is this legal in Norway? Can NAV or
Arbeidstilsynet help me? I'm at [[email|emily.w.2019@gmail.com]]

@en-
Pregnancy discrimination at work is illegal in Norway. Know your rights!

@en+
My mother [[person_name|Elena Popescu]] got a D-number [[national_id|{dnr:dot}]] last year,
but it's not working for BankID. Who can help?

@en-
Getting BankID without a Norwegian passport is a nightmare. Why is this so hard?

@en-
Long covid is real. Doctors need more training on it.

@en+
My husband and I are [[special_category|Hindu]] and we were told we can't register our
marriage because our ceremony wasn't recognized. We married in Norway in 2021. How do we
fix this?

@en-
Interfaith dialogue is so important in today's world. Great event last week!

@en+
I sent my application to [[email|post@udi.no]] but received no confirmation. It was my
application for family reunification for my wife [[person_name|Fatima]].

@en-
How do I contact UDI? Their phone line is always busy.

@en-
Minimum funds requirement for student visa is way too high. It excludes poor students.

@en+
I was fined 3 500 NOK for parking in Tromsø but I had a valid ticket. Can I appeal? Please
reply to [[email|r.mueller@web.de]]

@en-
Parking in Tromsø is expensive. Use the bus, line 20 is great.

@en-
Special education in Norway needs more funding. Teachers are overwhelmed.

@en-
The E6 between Oslo and Trondheim is in terrible shape. When will it be fixed?

@en-
Anyone know what § 11-5 in the National Insurance Act says? Asking for a school project.

@en-
Just moved to Norway! Any tips for getting a personal number quickly? 🇳🇴

@en-
Visit https://www.skatteetaten.no/en/person/foreign/ for info in English. Very helpful.

@nb-
Kontonummeret på nettsiden deres, {badkonto}, blir avvist i nettbanken. Skrivefeil? Er det
flere enn meg som har opplevd det?

@en-
Scam alert: someone called me pretending to be from UDI and asked me to confirm my "personal
number" {bad:dash}. It wasn't even mine lol. Be careful out there.

@nn-
Kven har funne på at kundenummeret hjå kommunen skal vere 11 siffer? Mitt er {bad} og eg
hugsar det aldri 🙃

@en-
I'm building an integration against the Skatteetaten test environment. The Tenor test person
[[national_id|{tenor:sp}]] returns 404 from the API since Monday. Was the test data reset?

@nn-
Eg jobbar på legevakta. Ein pasient utan papir fekk FH-nummer [[national_id|{fh:dash}]], men
apoteket godtek det ikkje for resept. Kva er rutinen hjå dykk?

@nb+
Jeg har søkt om gjeldsordning via namsmannen, men får ikke svar.
Fødselsnummer [[national_id|{fnr:dot}]], telefon [[phone|474 02 918]]. Det haster, de har tatt
utlegg i lønna.

@en+
Hello, I am writing about my pension from Norway. I worked in Stavanger 1988–2004. My
Norwegian ID number is [[national_id|{fnr}]] and I now live in Aberdeen. The payments stopped
in April.
@nb-
Servicetorget flytter! Fra mandag 3. mars finner du oss i [[address|Rådhusgata 2, 3015
Drammen]], 2. etasje. Åpent 09.00–15.00. Spørsmål? Ring [[phone|32 04 00 00]].

@nb-
Kommunestyret vedtok [[case_reference|sak 2024/3318]] om nedleggelse av Holmen skole med 27 mot
22 stemmer. Ordføreren stemte for. Skammelig.

@nb-
Spleis til familien på Lia som mistet alt i brannen i natt 💔 Konto:
[[bank_account|{konto:dots}]] (merk «brann»). Alt hjelper!! #dugnad

@en-
FYI the new NAV office in Bergen sentrum is at [[address|Christies gate 15, 5015 Bergen]]. Much
easier to find than the old one.

@nb+
heisann. æ har ringt dåkker tre gang no ang. søknaden om dagpenga.

første gangen sa dem at det va mottatt, andre gangen at det mangla vedlegg, tredje gangen at
det va avslått?!


ka e det som skjer hos dåkker egentli 🤯

mvh [[person_name|Stian]] (Trondheim), nummeret mitt e [[phone|0047 915 62 208]]

@nb+
fikk ikke utbetalt sosialhjelp idag heller ringte nav og fikk beskjed om at veilederen min har
ferie men ingen andre kan se på saken min?? har husleie som forfaller mandag. ring
[[phone|46829105]]

@nb-
Storm i et vannglass, sier ordføreren om bompengene. Per i dag betaler vi 47 kr hver vei på
Rv. 555. Vi har faktisk et liv å leve. Håp er ingen strategi.

@en-
Listened to Jonas Gahr Støre's speech at the NHO conference. Not a single word about NAV
waiting times.

@nn+
[[case_reference|Journalpost 2025/4471]] – eg ventar framleis på svar på klaga mi på
eigedomsskatten. Takseringa seier 180 m², huset er 112 m². Kor lenge skal dette ta?

@nb-
Er det bare meg som har lagt merke til at telefonnummeret på brevet deres, [[phone|800 10
100]], går til en pizzarestaurant? 🍕

@nb+
Legen min, [[person_name|Bjørn Lie]], har sendt inn sykmeldingen elektronisk, men dere sier den
ikke er mottatt. Jeg har ikke fått sykepenger på to måneder nå.

@nb-
Sjekk
https://www.udi.no/statistikk-og-analyse/statistikk/asylsoknader-etter-statsborgerskap-2024/
– tallene for 2024 er ute. #asyl #statistikk
@en+
Hi! Swedish citizen working in Oslo here. My 2024 salary has been taxed twice, in Sweden and in
Norway. Could someone from the tax office call me? [[phone|+46 70 214 83 90]] or
[[phone|+4798234511]]

@nb-
Pass dere for falske nettbutikker som bruker politiets logo! Jeg fikk «ordrebekreftelse» med
ordrenummer 40218377 på noe jeg aldri har bestilt, og beløpet var 1 499,-.
"""


# --- parsing and checks ------------------------------------------------------------------


def _parse_blocks(raw: str) -> list[tuple[str, bool, str]]:
    blocks: list[tuple[str, bool, list[str]]] = []
    for line in raw.splitlines():
        head = HEADER.fullmatch(line.strip())
        if head:
            blocks.append((head.group(1), head.group(2) == "+", []))
        elif blocks:
            blocks[-1][2].append(line.strip())
        elif line.strip():
            raise ValueError(f"text before first header: {line!r}")
    out = []
    for lang, cr, lines in blocks:
        while lines and not lines[-1]:
            lines.pop()
        while lines and not lines[0]:
            lines.pop(0)
        text, pending_nl = "", 0
        for line in lines:
            if not line:
                pending_nl += 1
                continue
            if text:
                text += "\n" * pending_nl if pending_nl else " "
            text += line
            pending_nl = 0
        out.append((lang, cr, text))
    return out


def _annotate(marked: str) -> tuple[str, list[dict]]:
    text, spans, pos = "", [], 0
    for m in MARK.finditer(marked):
        text += marked[pos : m.start()]
        start = len(text)
        text += m.group(2)
        spans.append({"start": start, "end": len(text), "category": m.group(1)})
        pos = m.end()
    text += marked[pos:]
    return text, spans


DIGIT_RUN = re.compile(r"\d+(?:[ .\-]\d+)*")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def _check_span(text: str, span: dict, where: str) -> None:
    s = text[span["start"] : span["end"]]
    cat = span["category"]
    if cat not in CATEGORIES:
        raise ValueError(f"{where}: unknown category {cat!r}")
    if s != s.strip() or not s:
        raise ValueError(f"{where}: span {s!r} has surrounding whitespace")
    digits = re.sub(r"\D", "", s)
    if cat == "national_id":
        if not (re.fullmatch(r"\d{6}[ .-]?\d{5}", s) and fnr_valid(digits)):
            raise ValueError(f"{where}: invalid national id {s!r}")
    elif cat == "bank_account":
        if s.startswith("NO"):
            if not iban_valid(s):
                raise ValueError(f"{where}: invalid IBAN {s!r}")
        elif not (re.fullmatch(r"\d{4}([ .]?)\d{2}\1\d{5}", s) and konto_valid(digits)):
            raise ValueError(f"{where}: invalid kontonummer {s!r}")
    elif cat == "phone":
        if s.startswith("+47") or s.startswith("0047"):
            ok = len(digits) == (10 if s.startswith("+") else 12) and digits[-8] in "2345679"
            ok = ok or digits[-8:].startswith("800")
        elif s.startswith("+"):
            ok = 9 <= len(digits) <= 15
        else:
            ok = len(digits) == 8 and digits[0] in "2345689"
        if not ok:
            raise ValueError(f"{where}: implausible phone {s!r}")
    elif cat == "email":
        if not EMAIL.fullmatch(s):
            raise ValueError(f"{where}: bad email {s!r}")
    elif cat in {"case_reference", "address"} and not digits:
        raise ValueError(f"{where}: {cat} without a number: {s!r}")


def _check_free_numbers(text: str, spans: list[dict], where: str) -> None:
    """No 11-digit number outside the spans may be a valid fnr or kontonummer."""

    def covered(a: int, b: int) -> bool:
        return any(sp["start"] <= a and b <= sp["end"] for sp in spans)

    for m in DIGIT_RUN.finditer(text):
        groups = [(g.start() + m.start(), g.end() + m.start()) for g in re.finditer(r"\d+", m[0])]
        for i in range(len(groups)):
            for j in range(i, len(groups)):
                a, b = groups[i][0], groups[j][1]
                digits = "".join(text[x:y] for x, y in groups[i : j + 1])
                if len(digits) > 11:
                    break
                if len(digits) == 11 and not covered(a, b):
                    if fnr_valid(digits) or konto_valid(digits):
                        raise ValueError(f"{where}: unannotated valid number {text[a:b]!r}")


def build() -> list[dict]:
    rng = random.Random(SEED)
    numbers = Numbers(rng)
    blocks = _parse_blocks(ENTRIES)
    rng.shuffle(blocks)
    items = []
    for n, (lang, cr, raw) in enumerate(blocks, start=1):
        where = f"h{n:04d}"
        filled = PLACEHOLDER.sub(lambda m: numbers.make(m.group(1), m.group(2)), raw)
        text, spans = _annotate(filled)
        if "[[" in text or "]]" in text or PLACEHOLDER.search(text):
            raise ValueError(f"{where}: leftover markup in {text!r}")
        last_end = -1
        for sp in spans:
            if sp["start"] < last_end:
                raise ValueError(f"{where}: overlapping spans")
            last_end = sp["end"]
            _check_span(text, sp, where)
        _check_free_numbers(text, spans, where)
        items.append({"id": where, "text": text, "lang": lang, "spans": spans, "case_request": cr})
    texts = [it["text"] for it in items]
    if len(set(texts)) != len(texts):
        raise ValueError("duplicate texts")
    return items


def summary(items: list[dict]) -> str:
    cats = Counter(sp["category"] for it in items for sp in it["spans"])
    docs = Counter(c for it in items for c in {sp["category"] for sp in it["spans"]})
    langs = Counter(it["lang"] for it in items)
    cr = sum(it["case_request"] for it in items)
    lines = [f"{len(items)} texts; case_request true {cr}, false {len(items) - cr}"]
    lines.append("lang: " + ", ".join(f"{k} {v}" for k, v in sorted(langs.items())))
    lines.append(f"texts without spans: {sum(1 for it in items if not it['spans'])}")
    for cat in sorted(CATEGORIES):
        lines.append(f"{cat:<18}{cats[cat]:>4} spans in {docs[cat]:>3} texts")
    return "\n".join(lines)


def main() -> int:
    items = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for it in items:
            fh.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(f"wrote {OUT}")
    print(summary(items))
    return 0


if __name__ == "__main__":
    sys.exit(main())
