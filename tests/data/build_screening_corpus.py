"""Build the labelled screening development corpus.

Writes ``tests/data/screening_corpus.jsonl`` (one JSON object per line) and refreshes the
counts block in ``tests/data/README.md``. Deterministic: every entry draws its generated
identifiers from its own ``random.Random`` seeded with the corpus seed and the entry id, so
the output only changes when the entries below change. Standard library only, no network.

Entries are written by hand in a small line format (see ``parse_block``)::

    <lang> <Y|N> <text with [[category|marked span]] and {PLACEHOLDER} tokens>

``Y``/``N`` is the ``case_request`` flag. A line starting with four spaces continues the
previous entry (joined with one space); a literal ``\\n`` in the text is a line break. Lines
starting with ``#`` are comments. Placeholders are replaced by generated identifiers with
valid (or, for the ``BAD*`` ones, deliberately invalid) control digits:

    {FNR} {DNR} {HNR} {FHNR} {TENOR} {FNR32} {BADFNR}   11-digit national id variants; an
        optional argument is the separator after the date part: {FNR: } {FNR:.} {FNR:-}
    {KONTO} {KONTO:.} {KONTO: } {BADKONTO}   kontonummer (mod 11), plain/dotted/spaced
    {IBAN} {IBAN:c}   Norwegian IBAN, grouped in fours / compact
    {ORG} {ORG: }   organisasjonsnummer (mod 11, weights 3 2 7 6 5 4 3 2)
    {KID:n}   KID number of n digits with a Luhn (mod 10) control digit
    {N:pattern}   '#' any digit, '^' 1-9, '%#' mobile prefix (40, 41, 45-48, 90-99),
        '&#' landline prefix (21, 22, 55, 73, ...): {N:%## ## ###} is a mobile number
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT_PATH = HERE / "screening_corpus.jsonl"
README_PATH = HERE / "README.md"
SEED = "tilstede-screening-corpus-v1"

CATEGORIES = (
    "national_id",
    "phone",
    "email",
    "bank_account",
    "address",
    "person_name",
    "health",
    "special_category",
    "case_reference",
)
LANGS = ("nb", "nn", "en")

FNR_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
FNR_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)
KONTO_W = FNR_W2
ORG_W = (3, 2, 7, 6, 5, 4, 3, 2)
MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# Four-digit bank register numbers that look plausible; the rest is generated.
BANK_PREFIXES = (
    "1503", "1506", "1254", "1207", "1822", "2801", "3000", "3201", "4202", "4750",
    "6030", "6345", "7874", "8601", "9001", "9235", "9710", "0530", "0539", "1594",
)  # fmt: skip


# --------------------------------------------------------------------------- checks


def _weighted(digits: list[int], weights: tuple[int, ...]) -> int:
    return sum(d * w for d, w in zip(digits, weights, strict=False))


def _control(digits: list[int], weights: tuple[int, ...]) -> int:
    """Classic mod-11 control digit; 10 means "no valid control digit"."""
    return (11 - _weighted(digits, weights) % 11) % 11


def _date_ok(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else MONTH_DAYS[month - 1])


def national_id_kind(number: str) -> str | None:
    """Return the variant an 11-digit string is valid as, or None.

    Accepts fødselsnummer, D-nummer (day + 40), H-nummer (month + 40), Tenor synthetic
    numbers (month + 80), FH-nummer (first digit 8 or 9, no date) and the post-2032 rule
    where the weighted sum including k1 may leave remainder 0, 1, 2 or 3.
    """
    if len(number) != 11 or not number.isdigit():
        return None
    d = [int(c) for c in number]
    rem1 = (_weighted(d[:9], FNR_W1) + d[9]) % 11
    if rem1 not in (0, 1, 2, 3) or _control(d[:10], FNR_W2) != d[10]:
        return None
    if d[0] in (8, 9):
        return "fh" if rem1 == 0 else None
    day, month = int(number[:2]), int(number[2:4])
    kind = "fnr"
    if day > 40:
        day, kind = day - 40, "dnr"
    if month > 80:
        month, kind = month - 80, "tenor"
    elif month > 40:
        month, kind = month - 40, "hnr"
    if not _date_ok(day, month):
        return None
    return kind if rem1 == 0 else kind + "32"


def konto_ok(number: str) -> bool:
    if len(number) != 11 or not number.isdigit():
        return False
    d = [int(c) for c in number]
    return _control(d[:10], KONTO_W) == d[10]


def iban_ok(iban: str) -> bool:
    compact = iban.replace(" ", "").upper()
    if not re.fullmatch(r"NO\d{13}", compact) or not konto_ok(compact[4:]):
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


# ------------------------------------------------------------------------ generators


def _birth_parts(rng: random.Random) -> tuple[int, int, int, int]:
    """Day, month, two-digit year and a three-digit individual number that agree."""
    year = rng.randint(1938, 2012)
    month = rng.randint(1, 12)
    day = rng.randint(1, MONTH_DAYS[month - 1])
    if year >= 2000:
        individual = rng.randint(500, 999)
    elif year >= 1940 and rng.random() < 0.1:
        individual = rng.randint(900, 999)
    else:
        individual = rng.randint(0, 499)
    return day, month, year % 100, individual


def _controls(first9: str, rng: random.Random, mode: str) -> str | None:
    """Append k1 and k2. mode: classic, lenient (post-2032, remainder 1-3) or bad."""
    d = [int(c) for c in first9]
    s1 = _weighted(d, FNR_W1)
    if mode == "classic":
        k1 = _control(d, FNR_W1)
        if k1 == 10:
            return None
    elif mode == "lenient":
        k1 = rng.choice([k for k in range(10) if (s1 + k) % 11 in (1, 2, 3)])
    else:
        k1 = rng.choice([k for k in range(10) if (s1 + k) % 11 >= 4])
    d.append(k1)
    k2 = _control(d, FNR_W2)
    if mode == "bad":
        k2 = rng.choice([k for k in range(10) if k != k2])
    elif k2 == 10:
        return None
    return first9 + str(k1) + str(k2)


def gen_national_id(rng: random.Random, kind: str) -> str:
    while True:
        day, month, yy, individual = _birth_parts(rng)
        mode = {"FNR32": "lenient", "BADFNR": "bad"}.get(kind, "classic")
        if kind == "DNR":
            day += 40
        elif kind == "HNR":
            month += 40
        elif kind == "TENOR":
            month += 80
        first9 = f"{day:02d}{month:02d}{yy:02d}{individual:03d}"
        if kind == "FHNR":
            first9 = str(rng.choice((8, 9))) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        number = _controls(first9, rng, mode)
        if number is None:
            continue
        if kind == "BADFNR":
            if national_id_kind(number) is None and not konto_ok(number):
                return number
            continue
        if national_id_kind(number) is not None:
            return number


def gen_konto(rng: random.Random, bad: bool = False) -> str:
    while True:
        body = rng.choice(BANK_PREFIXES) + "".join(str(rng.randint(0, 9)) for _ in range(6))
        k = _control([int(c) for c in body], KONTO_W)
        if k == 10:
            continue
        if bad:
            k = rng.choice([x for x in range(10) if x != k])
        number = body + str(k)
        # A generated account number must not also pass as a national id (and vice versa
        # for the BAD ones), so that the corpus is unambiguous on the digits alone.
        if national_id_kind(number) is None:
            return number


def gen_iban(rng: random.Random) -> str:
    bban = gen_konto(rng)
    check = 98 - int(bban + "232400") % 97
    return f"NO{check:02d}{bban}"


def gen_org(rng: random.Random) -> str:
    while True:
        body = str(rng.choice((8, 9))) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        k = _control([int(c) for c in body], ORG_W)
        if k != 10:
            return body + str(k)


def gen_kid(rng: random.Random, length: int) -> str:
    body = [rng.randint(0, 9) for _ in range(length - 1)]
    total = 0
    for i, digit in enumerate(reversed(body)):
        value = digit * 2 if i % 2 == 0 else digit
        total += value - 9 if value > 9 else value
    return "".join(map(str, body)) + str((10 - total % 10) % 10)


# Two-digit prefixes that are in use for Norwegian mobile and landline numbers.
MOBILE_PREFIXES = (
    "40",
    "41",
    "45",
    "46",
    "47",
    "48",
    "90",
    "91",
    "92",
    "93",
    "94",
    "95",
    "96",
    "97",
    "98",
    "99",
)
LANDLINE_PREFIXES = (
    "21",
    "22",
    "23",
    "31",
    "32",
    "33",
    "35",
    "37",
    "38",
    "51",
    "52",
    "55",
    "56",
    "57",
    "61",
    "62",
    "63",
    "64",
    "67",
    "69",
    "71",
    "72",
    "73",
    "75",
    "77",
)


def gen_pattern(rng: random.Random, pattern: str) -> str:
    """'#' any digit, '^' 1-9; '%' and '&' stand for the first two digits of a mobile
    or landline number (so the '#' right after them is taken by the prefix)."""
    out: list[str] = []
    skip = False
    for char in pattern:
        if skip and char == "#":
            skip = False
            continue
        skip = False
        if char == "#":
            out.append(rng.choice("0123456789"))
        elif char == "^":
            out.append(rng.choice("123456789"))
        elif char in "%&":
            out.append(rng.choice(MOBILE_PREFIXES if char == "%" else LANDLINE_PREFIXES))
            skip = True
        else:
            out.append(char)
    return "".join(out)


def _split_id(number: str, sep: str) -> str:
    return number[:6] + sep + number[6:]


def fill_placeholder(rng: random.Random, name: str, arg: str | None) -> str:
    arg = arg or ""
    if name in ("FNR", "DNR", "HNR", "FHNR", "TENOR", "FNR32", "BADFNR"):
        return _split_id(gen_national_id(rng, name), arg)
    if name in ("KONTO", "BADKONTO"):
        number = gen_konto(rng, bad=name == "BADKONTO")
        if arg in (".", " "):
            return arg.join((number[:4], number[4:6], number[6:]))
        return number
    if name == "IBAN":
        iban = gen_iban(rng)
        if arg == "c":
            return iban
        return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    if name == "ORG":
        org = gen_org(rng)
        return " ".join((org[:3], org[3:6], org[6:])) if arg == " " else org
    if name == "KID":
        return gen_kid(rng, int(arg or "13"))
    if name == "N":
        return gen_pattern(rng, arg)
    raise ValueError(f"unknown placeholder {{{name}}}")


# --------------------------------------------------------------------------- parsing

PLACEHOLDER_RE = re.compile(r"\{([A-Z0-9]+)(?::([^{}]*))?\}")
MARKUP_RE = re.compile(r"\[\[([a-z_]+)\|(.+?)\]\]")
ENTRY_RE = re.compile(r"^(nb|nn|en) ([YN]) (\S.*)$")
ELEVEN_RE = re.compile(r"(?<![\d])\d{6}[ .-]?\d{5}(?![\d])")
KONTO_LIKE_RE = re.compile(r"(?<![\d])\d{4}[ .]?\d{2}[ .]?\d{5}(?![\d])")
EMAIL_RE = re.compile(r"^[\w.+-]+ ?(@|\(at\)|\[at\]) ?[\w-]+([. ][\w-]+)*$")


@dataclass
class Entry:
    lang: str
    case_request: bool
    source: str


def parse_block(block: str) -> list[Entry]:
    entries: list[Entry] = []
    for lineno, raw in enumerate(block.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        if raw.startswith("    "):
            if not entries:
                raise ValueError(f"continuation without entry at line {lineno}")
            entries[-1].source += " " + raw.strip()
            continue
        match = ENTRY_RE.match(raw.rstrip())
        if not match:
            raise ValueError(f"cannot parse line {lineno}: {raw!r}")
        lang, flag, text = match.groups()
        entries.append(Entry(lang, flag == "Y", text))
    return entries


def render(entry: Entry, rng: random.Random) -> tuple[str, list[dict]]:
    source = entry.source.replace("\\n", "\n")
    source = PLACEHOLDER_RE.sub(lambda m: fill_placeholder(rng, m.group(1), m.group(2)), source)
    parts: list[str] = []
    spans: list[dict] = []
    pos = 0
    length = 0
    for match in MARKUP_RE.finditer(source):
        before = source[pos : match.start()]
        parts.append(before)
        length += len(before)
        category, inner = match.groups()
        spans.append({"start": length, "end": length + len(inner), "category": category})
        parts.append(inner)
        length += len(inner)
        pos = match.end()
    parts.append(source[pos:])
    return "".join(parts), spans


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def problems(text: str, spans: list[dict]) -> list[str]:
    """Everything that would make an entry unfit for the corpus."""
    found = []
    for token in ("[[", "]]", "\\"):
        if token in text:
            found.append(f"leftover {token!r}")
    if PLACEHOLDER_RE.search(text):
        found.append("leftover placeholder")
    if text != text.strip():
        found.append("surrounding whitespace")
    end = -1
    for span in spans:
        value = text[span["start"] : span["end"]]
        if span["category"] not in CATEGORIES:
            found.append(f"unknown category {span['category']}")
        if span["start"] < end:
            found.append("overlapping spans")
        end = span["end"]
        if value != value.strip() or not value:
            found.append(f"span with surrounding whitespace: {value!r}")
        if span["category"] == "national_id" and national_id_kind(_digits(value)) is None:
            found.append(f"invalid national_id {value!r}")
        if span["category"] == "bank_account" and not (konto_ok(_digits(value)) or iban_ok(value)):
            found.append(f"invalid bank_account {value!r}")
        if span["category"] == "email" and not EMAIL_RE.match(value):
            found.append(f"odd email {value!r}")
        if span["category"] == "phone" and len(_digits(value)) < 8:
            found.append(f"short phone {value!r}")
    # Unannotated digit runs must not be valid identifiers by accident.
    covered = [(s["start"], s["end"]) for s in spans]
    for regex, check in ((ELEVEN_RE, national_id_kind), (KONTO_LIKE_RE, konto_ok)):
        for match in regex.finditer(text):
            if any(a <= match.start() < b for a, b in covered):
                continue
            if check(_digits(match.group())):
                found.append(f"unannotated valid identifier {match.group()!r}")
    return found


def build(blocks: list[str]) -> list[dict]:
    records = []
    seen = set()
    entries = [entry for block in blocks for entry in parse_block(block)]
    for index, entry in enumerate(entries, 1):
        entry_id = f"c{index:04d}"
        rng = random.Random(f"{SEED}:{entry_id}")
        for _attempt in range(100):
            text, spans = render(entry, rng)
            issues = problems(text, spans)
            # Only accidental identifiers are retried; markup errors fail at once.
            if not issues or not all(i.startswith("unannotated valid") for i in issues):
                break
        if issues:
            raise ValueError(f"{entry_id}: {issues}\n{entry.source}")
        if text in seen:
            raise ValueError(f"{entry_id}: duplicate text {text!r}")
        seen.add(text)
        records.append(
            {
                "id": entry_id,
                "text": text,
                "lang": entry.lang,
                "spans": spans,
                "case_request": entry.case_request,
            }
        )
    return records


def counts_markdown(records: list[dict]) -> str:
    langs = Counter(r["lang"] for r in records)
    spans = Counter(s["category"] for r in records for s in r["spans"])
    with_cat = Counter(c for r in records for c in {s["category"] for s in r["spans"]})
    requests = sum(r["case_request"] for r in records)
    no_spans = sum(not r["spans"] for r in records)
    total = len(records)
    lines = [
        f"Entries: {total} ({no_spans} without any span); "
        f"case_request true: {requests} ({requests / total:.0%}), false: {total - requests}.",
        "",
        "| lang | entries | share |",
        "|------|--------:|------:|",
    ]
    lines += [f"| {lang} | {langs[lang]} | {langs[lang] / total:.0%} |" for lang in LANGS]
    lines += ["", "| category | spans | entries with it |", "|----------|------:|------:|"]
    lines += [f"| {c} | {spans[c]} | {with_cat[c]} |" for c in CATEGORIES]
    return "\n".join(lines)


def write_readme_counts(records: list[dict]) -> None:
    start, end = "<!-- counts:start -->", "<!-- counts:end -->"
    if not README_PATH.exists():
        return
    readme = README_PATH.read_text(encoding="utf-8")
    if start not in readme or end not in readme:
        return
    head, rest = readme.split(start, 1)
    _, tail = rest.split(end, 1)
    body = f"{start}\n{counts_markdown(records)}\n{end}"
    README_PATH.write_text(head + body + tail, encoding="utf-8")


def main() -> int:
    records = build(BLOCKS)
    with OUT_PATH.open("w", encoding="utf-8", newline="\n") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    write_readme_counts(records)
    print(f"wrote {len(records)} entries to {OUT_PATH.name}")
    print(counts_markdown(records))
    return 0


# ============================================================================ entries
# Annotation guideline: tests/data/README.md. Write new entries at the end of a block
# or in a new block; generated numbers are keyed on the entry id.

# --------------------------------------------------------------------------------- NAV, bokmål

BLOCK_NAV_NB = r"""
# Own cases with identifiers
nb Y Hei! Jeg har ventet på svar på søknaden om dagpenger i snart 7 uker nå. Fnr [[national_id|{FNR}]], kan noen se på det? Ring meg gjerne på [[phone|{N:%## ## ###}]]
nb Y Når kommer pengene mine??? Skulle vært utbetalt den 20. og det er ingenting på konto. Har regninger som forfaller 😡
nb Y Hei NAV. Jeg heter [[person_name|Silje Marie Johansen]] og har fått avslag på AAP ([[case_reference|saksnummer 2024/118734]]). Jeg har vært [[health|sykmeldt med depresjon]] i over et år og skjønner ikke hvordan dere kan mene at jeg kan jobbe fullt.
nb N Bra jobba NAV, endelig en nettside det går an å finne fram på 👍
nb N Hvorfor skal det være så vanskelig å få tak i en saksbehandler? Systemet er laget for å slite ut folk. #nav #aap
nb Y saksbehandleren min [[person_name|Ingrid Berg]] har ikke svart på meldingene mine siden mars. hvem kan jeg klage til?
nb Y Har sendt inn meldekortet to ganger nå men det står fortsatt at det mangler.. fødselsnr [[national_id|{FNR: }]] tlf [[phone|{N:%#######}]]
nb N Når trer de nye reglene for dagpenger i kraft? Finner ingenting om det på nav.no
nb Y Har fått vedtak om tilbakebetaling på kr 23 400 for noe jeg ikke visste at jeg måtte melde fra om. [[case_reference|Ref. 23/4567-3]]. Jeg har ikke råd til dette, er alenemor med to barn.
nb Y Kan dere sette inn sykepengene på nytt kontonummer? [[bank_account|{KONTO:.}]] – det gamle er avsluttet. Mvh [[person_name|Trond Eide]]
nb N Det er helt uforståelig at dere fortsatt sender brev i posten i 2024. Digitaliser!!
nb Y Jeg søkte om foreldrepenger 2. april og har fortsatt ikke fått svar. Termin var 1. mai og nå er babyen her. Hva skjer? personnummer [[national_id|{FNR}]]
nb Y hei, min mor [[person_name|Randi Solheim]] har fått [[health|demens]] og jeg er verge for henne. Hvordan får jeg tilgang til saken hennes hos dere? Mitt nr er [[phone|+47 {N:%## ## ###}]]
nb N Takk til den hyggelige damen på NAV Grünerløkka som hjalp meg i dag ❤️
nb Y Takk for ingenting. Tredje gang jeg ringer [[phone|55 55 33 33]] og blir satt i kø i 40 min før linja brytes. Vil ha svar på klagen min, [[case_reference|sak nr. 21/998]]
nb N Dere burde åpne for chat på kveldstid, mange av oss jobber dagtid
nb Y Jeg er [[health|ufør]] etter en arbeidsulykke og har fått brev om at uføretrygden skal revurderes. Hva betyr det? Må jeg sende ny legeerklæring? [[person_name|Geir Martinsen]], [[address|Furuveien 23, 2408 Elverum]]
nb N AAP-regelverket er for strengt. Folk med alvorlige diagnoser blir kastet ut på sosialhjelp etter 3 år. Skam!
nb Y Hvorfor har jeg fått to utbetalinger av barnetrygd denne måneden? Vil ikke ende opp med å måtte betale tilbake 😬 fnr [[national_id|{FNR:-}]]
nb Y Har fått beskjed om at jeg må møte på NAV-kontoret tirsdag kl 09.15 men jeg ligger [[health|innlagt på sykehuset]]. Hvem sier jeg fra til? Tlf. [[phone|{N:%# ## ## ##}]]
nb N Statsråd Tonje Brenna lovet i Dagsrevyen at ventetiden skulle ned. Det har ikke skjedd.
nb N Når blir barnetrygden økt? Leste at det var vedtatt i statsbudsjettet
nb Y dere har stoppa dagpengene mine uten å si fra. jeg har levert alt. ring meg: [[phone|{N:%## ## ###}]] / [[email|mats.haugland91@gmail.com]]
nb Y God kveld. Jeg er [[health|gravid i uke 28]] og har fått [[health|bekkenløsning]]. Fastlegen har [[health|sykmeldt]] meg, men NAV sier at sykepengene ikke er innvilget. [[case_reference|Saksnr 24/50211]]. Hilsen [[person_name|Marte Lund]]
nb N Er det bare jeg som ikke får logget inn med BankID på nav.no i dag? Feilmelding hele tiden
nb N Svar fra NAV her i tråden: vi kan ikke behandle enkeltsaker i sosiale medier. Send oss en melding på nav.no/skriv-til-oss.
nb Y Jeg fikk innvilget arbeidsavklaringspenger fra 01.03.2024, men utbetalingen er beregnet feil. Det mangler barnetillegg for to barn. Kan noen ringe meg? [[phone|{N:%#######}]]
nb Y Jeg har vært arbeidsledig siden januar. I mars fikk jeg et engangsoppdrag og fikk 4 500 kr. Nå krever dere tilbake hele dagpengeperioden?! Kontakt [[email|lene.g.svendsen@online.no]]
nb N NAV burde lære av Skatteetaten. Der får man faktisk svar.
nb Y kan noen på nav svare meg på hvorfor jeg ikke får sosialhjelp når jeg har 0 kr på konto. bor på [[address|Tollbugata 17, 3044 Drammen]] og har ikke penger til mat 😢
nb Y Har levert klage på vedtaket om avslag på grunnstønad for [[health|cøliaki]]. Det står i brevet at jeg skal få svar innen 12 uker, nå er det gått 20. [[case_reference|Vår ref. 22/01234]] sto på brevet.
nb N Sol og varme i dag, god helg til alle som jobber på NAV! ☀️
nb N Hvor mange søknader om AAP ble avslått i 2023? Tipper over 12 000
nb Y sønnen min [[person_name|Emil]] (17) har [[health|autisme]] og vi har søkt om hjelpestønad. søknaden ble sendt i august og vi har ikke hørt noe. hva gjør vi?
nb Y Hei, jeg bytter bank og har nytt kontonummer: [[bank_account|{KONTO}]]. Gjelder både barnetrygd og kontantstøtte. [[national_id|{FNR}]]
nb N Folketrygdloven § 8-4 er helt tydelig på at arbeidsuførhet skal skyldes sykdom. Dere tolker den for strengt.
nb Y Jeg går på [[health|Cipralex]] og har vært [[health|sykmeldt]] siden oktober. Legen min vil ha [[health|gradert sykmelding]] 50 % fra neste uke, men aktivitetsplanen sier noe annet. Hvem har rett?
nb N Hvorfor tar det 14 uker å behandle en søknad om uføretrygd? Folk venter jo uten inntekt
nb Y Vedtaket mitt ([[case_reference|journalpost 2024/0088713-2]]) er bare feil. Jeg har ALDRI fått noe varsel. #nav #klage
nb N RT @nav_no: Husk å sende meldekort innen fristen i påsken! Frist onsdag 27.03 kl 23.59
nb N Hei nav, hvor lenge gjelder en sykmelding fra utlandet? Spør for en venn
nb Y Kontaktet dere 12 ganger om at jeg har fått 2 200 kr for lite i sykepenger. [[case_reference|Referanse SAK-78812345]]. Nå orker jeg snart ikke mer.
nb Y Hei. Min samboer [[person_name|Jonas Bakken]] døde i februar og jeg lurer på om jeg har rett på gjenlevendepensjon? Vi hadde barn sammen. Mitt fødselsnummer er [[national_id|{FNR:.}]]
nb N gjenlevendepensjon burde gjelde samboere uten barn også. urettferdig regel
nb N Hvem er det som bestemmer at man ikke kan ringe NAV etter kl 15.30? 😤
nb Y Jeg har [[health|MS]] og klarer ikke å stå i kø på kontoret. Kan jeg få en telefontime? Mob [[phone|{N:%### ####}]]. Mvh [[person_name|Hege Nilsen]]
nb Y Jeg har fått feil i beregningen av alderspensjonen. Jeg jobbet i Sverige fra 1978 til 1989 og det er ikke tatt med. [[person_name|Arne Kristoffersen]], f. [[national_id|{FNR}]]
nb N Tips: meldekortet kan sendes fra appen nå, mye lettere enn før
nb Y Jobbsøkerprofilen min er slettet?? Hadde lagt inn alt der. Tlf [[phone|{N:9## ## ###}]]
nb N Ola Nordmann har ikke sjans til å forstå brevene deres. Skriv klarspråk!
nb Y Jeg er [[special_category|dømt for narkotikalovbrudd]] og slapp ut i april. Har søkt om økonomisk sosialhjelp for å komme i gang igjen men fått avslag, vet ikke hva jeg skal gjøre. Kontakt meg på [[email|markus.bolstad92@hotmail.com]]
nb N Det er for lite fokus på tidligere innsattes muligheter i arbeidslivet. Samfunnet taper på det.
nb N Hva er forskjellen på AAP og uføretrygd? Spør for å forstå debatten
nb Y Jeg var på kurs gjennom NAV i 6 uker og har fortsatt ikke fått tiltakspenger. Kursleder [[person_name|Stig Hoel]] sa at det var sendt inn. [[case_reference|Søknads-ID 8812345]]
nb Y Hei. Har fått diagnosen [[health|ME]] og søkt om forlenget AAP. Legen har sendt alt. Kan dere bekrefte at det er mottatt? Kontonummeret er uendret. [[person_name|Anette Strand]]
nb N Hvorfor må man ha BankID for å søke om hjelp? Eldre uten smarttelefon blir helt utestengt
nb N NAV har 45 000 brukere som venter på svar på AAP-søknad ifølge NRK. Helt sykt.
nb N Hva er telefonnummeret til NAV kontaktsenter? Finner det ikke
nb N Det er [[phone|55 55 33 33]] 👆
nb Y jeg har ikke fått dagpenger for periode 12 og 13 :( fnr [[national_id|{FNR}]] mob [[phone|{N:%#######}]]
nb Y Hvis dere ikke svarer på klagen min innen fredag går jeg til Sivilombudet. [[case_reference|Ref 23/11789-7]]. Jeg er [[health|alvorlig syk]] og trenger pengene NÅ.
nb N Fikk svar på 2 dager. Imponert! 👏👏
nb N hvorfor er det ingen som tar telefonen på NAV Sentrum?? har ringt siden 08.00
nb Y Jeg har blitt anbefalt av fastlegen å søke om arbeidsrettet rehabilitering for [[health|kroniske smerter]]. Hvem på NAV kan hjelpe meg med det? Ringer gjerne, tlf [[phone|{N:%## ## ###}]]
nb Y Min saksbehandler heter [[person_name|Kjersti]] og jobber på NAV Bærum. Hun lovet å ringe tilbake for 3 uker siden. Kan noen minne henne på det?
nb N Litt av en jobb de gjør de som jobber i NAV. Får mye kjeft uten grunn.
nb N NAV-direktør Hans Christian Holte sa i går at køene skal bort innen sommeren. Tror det når jeg ser det.
nb Y Jeg har søkt om engangsstønad for adopsjon. Vi fikk vår datter [[person_name|Mei]] fra Taiwan i juni. Søknaden er sendt fra min konto på nav.no. Hvordan går det med den?
nb N Nav har endret navn til Nav med liten skrift? Hva kostet det? 😂
nb Y Etter at jeg fikk [[health|hjerneslag]] i fjor har jeg ikke klart å jobbe. AAP stopper i november. Hva skjer da?? Bor alene i [[address|Skolegata 4B, 8006 Bodø]]
nb N Noen som vet hvilke dager meldekortet skal sendes i juli? Skal på ferie
nb Y Skriver her fordi ingen svarer i innboksen. Jeg har fått krav om å betale tilbake kr 61 200 i overgangsstønad. [[case_reference|Saksnr 24/33918]]. Jeg vil klage og be om at kravet strykes.
nb N Sjekk https://www.nav.no/sak/{N:###########} for status på saken din, men ikke skriv fødselsnummer her i kommentarfeltet 🙏
nb Y hva betyr det at saken min er "under behandling - venter på dokumentasjon"? jeg sendte jo legeerklæringen 14/2. [[person_name|Lars Erik]]
nb N Det står på nav.no at behandlingstiden for dagpenger er 4 uker. Det stemmer dårlig med virkeligheten.
nb Y Jeg har søkt om stønad til [[health|høreapparat]] via hjelpemiddelsentralen i Oslo og Akershus. Fikk avslag fordi [[health|hørselstapet]] ikke er stort nok?? [[case_reference|Saksnummer 2023/77812]]
nb N Flere burde få hjelp til psykisk helse før de havner på NAV. Forebygging lønner seg.
nb Y Hei. Har fått tilbud om jobb i Kristiansand fra 1. september. Må jeg melde meg ut av NAV selv eller skjer det automatisk? Fnr: [[national_id|{FNR: }]]
nb N Kristiansand kommune og NAV Kristiansand samarbeider godt om ungdom, bra!
nb Y Søsteren min [[person_name|Tone Hagen]] er [[health|utviklingshemmet]] og får ikke hjelp til å fylle ut skjemaene. Jeg vil gjerne hjelpe henne, hva trenger dere fra meg? [[email|tonehagen.soster@gmail.com]] hmm, eller ring [[phone|+4791{N:######}]]
nb N Hans søknad ble innvilget på to uker, min har ligget i fem måneder. Hvor er rettferdigheten?
nb Y Jeg har fått brev om at jeg skal møte til samtale hos veileder [[person_name|Sindre Aas]] 14. mai. Kan det flyttes? Jeg har [[health|cellegiftbehandling]] den dagen.
nb N Cellegift og strålebehandling burde ikke telle som "aktivitet" i aktivitetsplanen. Dette er gal politikk.
nb Y Skal jeg sende inn skattekortet mitt til NAV selv? Jeg har pensjon fra dere og lønn fra Coop. [[national_id|{FNR}]]
nb N Trenger man å sende skattekort til NAV? Eller henter dere det selv?
nb Y Kontonummeret jeg oppga er feil!! Riktig er [[bank_account|{KONTO: }]]. Vennligst ikke send til det gamle [[bank_account|{KONTO: }]] som er stengt
nb N Fagforbundet mener NAV må ansette flere veiledere. Helt enig.
nb Y Er det mulig å få forskudd på sosialhjelpen? Har [[health|diabetes type 1]] og [[health|insulinet]] mitt er nesten tomt. Bor på [[address|Rådhusveien 9, leil. H0302, 1820 Spydeberg]]
nb N Når kommer utbetalingsdatoene for 2025 ut?
nb Y Fikk melding om at [[person_name|Kari]] fra NAV har ringt meg, men ingen beskjed. Hvem er det og hva gjelder det? tlf [[phone|{N:%## ## ###}]]
nb N Jeg har jobbet i 40 år og betalt skatt hele livet. Da forventer man et NAV som fungerer.
nb Y Hei! Jeg sendte inn søknad om pleiepenger for datteren min [[person_name|Ella]] som har [[health|leukemi]]. Det haster, hun skal på Rikshospitalet i flere måneder. Ring meg på [[phone|{N:%#######}]]
"""


# ------------------------------------------------------------------------- Skatteetaten, bokmål

BLOCK_SKATT_NB = r"""
nb Y Hei, jeg har fått restskatt på 18 437 kr men jeg har ikke hatt noen ekstra inntekt i 2023?? Kan noen sjekke skatteoppgjøret mitt. Fnr [[national_id|{FNR}]]
nb N Når kommer skatteoppgjøret for de som fikk det i juni i fjor? 🤞
nb N Skatteoppgjøret kommer i puljer fra juni. Du får varsel når ditt er klart.
nb Y jeg har endret kontonummer men tilgodebeløpet ble sendt til den gamle kontoen!! ny konto er [[bank_account|{KONTO:.}]] hva gjør jeg nå
nb Y Hei. Jeg er polsk og jobber i Norge med D-nummer [[national_id|{DNR}]]. Jeg har ikke fått skattekort for 2024 og arbeidsgiver trekker 50 %. Hjelp! [[phone|+48 {N:5## ### ###}]]
nb N Hvorfor er det så vanskelig å finne ut hvilken fradrag man har krav på? Skattemeldingen er et mareritt
nb Y Jeg har to leiligheter og glemte å føre opp utleieinntekten for 2022. Kan jeg endre skattemeldingen selv, eller må jeg kontakte dere? Det gjelder ca kr 96 000.
nb N Formuesskatten driver norske gründere ut av landet. Se på Sveits!
nb Y Jeg betalte restskatt med KID {KID:13} den 12.04 men har fått purring? Beløpet var 7 890,- og gikk til kontonummer [[bank_account|{KONTO:.}]]... [[person_name|Bente Kristiansen]]
nb N Kontonummeret for innbetaling av restskatt står på skatteoppgjøret ditt, sammen med KID. Ikke betal uten KID!
nb Y Hei, jeg driver enkeltpersonforetak (org.nr {ORG: }) og lurer på hvorfor næringsoppgaven ikke er kommet inn i skattemeldingen min. [[person_name|Kjell Arne Moen]], [[email|kjell.moen.ror@gmail.com]]
nb N Endelig kom pengene!!! 14 230 kr tilbake på skatten 🎉🎉 takk Skatteetaten
nb N Vet noen når tilgodebeløpet faktisk kommer på konto etter at skatteoppgjøret er ferdig? Står 3-4 virkedager
nb Y Sendt dere tre meldinger i Altinn nå om feil i formuesverdien på boligen min i [[address|Ekebergveien 112, 1178 Oslo]]. Kvadratmeterprisen dere bruker er helt feil. [[case_reference|Referanse AR{N:#########}]]
nb N Skatteetaten har org.nr 974 761 076 og det er det nummeret som står på alle brev fra dem, så sjekk det hvis du lurer på om noe er svindel
nb N ADVARSEL: fikk sms fra "Skatteetaten" om at jeg hadde penger til gode og skulle klikke en lenke. Det er SVINDEL, ikke klikk!
nb Y Fikk jeg også! Og jeg trykket på lenka og la inn kortinfo 😭 hva gjør jeg nå? Mitt nummer er [[phone|{N:%## ## ###}]]
nb N Ring banken din med en gang og sperr kortet. Skatteetaten sender aldri lenker på sms.
nb Y Hei. Min far [[person_name|Olav Haugen]] døde i desember og jeg er arving. Hvem skal levere skattemeldingen hans for 2023? Han var [[health|dement]] de siste årene så vi har ikke oversikt over papirene. Fnr til far: [[national_id|{FNR:-}]]
nb N Kan noen forklare hvordan fradrag for reisekostnader fungerer? Kjører E6 fra Hamar til Oslo hver dag, ca 125 km én vei
nb Y Jeg har søkt om å få utsatt betalingen av restskatten fordi jeg har vært [[health|sykmeldt]] i et halvt år. Fikk ikke svar. [[case_reference|saksnr. 2024/0071122]] [[phone|{N:%#######}]]
nb N skattemeldinga åpner 18. mars, ikke før. slapp av folkens 😅
nb Y Jeg har flyttet til [[address|Kirkegata 30, 7600 Levanger]] men Folkeregisteret viser fortsatt gammel adresse. Flyttemeldingen ble sendt for 6 uker siden. Fnr [[national_id|{FNR: }]]
nb N Adresseendring i folkeregisteret tar lang tid for alle nå har jeg hørt
nb Y Barnet vårt fikk feil etternavn i Folkeregisteret. Det skal være [[person_name|Ylva Bergersen Dahl]], ikke Ylva Dahl. Hvem retter dette? Ring [[phone|+47 {N:%# ## ## ##}]]
nb Y hvorfor er ikke fagforeningskontingenten min trukket fra? jeg er [[special_category|medlem av Fagforbundet]] og det står 0 kr i posten
nb N Fradraget for fagforeningskontingent er 7 700 kr i 2024, står det på skatteetaten.no
nb Y Jeg er pensjonist og har fått skattekort med 32 % trekk. Det virker altfor høyt? Pensjonen er ca 290 000 i året. [[person_name|Gunvor Pettersen]], [[phone|{N:&# ## ## ##}]]
nb N Hvorfor må pensjonister betale mer skatt enn lønnsmottakere? Dette er urettferdig!!
nb Y Hei. Jeg har fått brev om at jeg skylder 3 410 kr i tilleggsskatt, [[case_reference|deres ref. 24/112093]]. Jeg leverte skattemeldingen innen fristen, så hva er dette?
nb N Skatteloven § 6-13 gir rett til fradrag for foreldrefradrag. Mange glemmer det.
nb Y Jeg har oppgitt feil kontonummer i skattemeldingen, det skulle vært [[bank_account|{KONTO}]]. Tilgodebeløpet er ennå ikke utbetalt, rekker dere å endre det?
nb N Hvor mange bruker fremdeles papirskattemelding? Burde være under 1 %
nb N Betalte 1 299,- for en app som skulle hjelpe med skattemeldingen. Totalt unødvendig.
nb Y Jeg er [[special_category|tidligere straffedømt]] og har nettopp startet eget firma. Får jeg problemer med å få mva-registrering? org nr {ORG} – ring meg på [[phone|{N:%### ####}]]
nb N Lurer på en ting: trenger man å rapportere salg på Finn.no? Solgte en sofa for 2 500 kr 😄
nb Y Hei Skatteetaten 👋 jeg har et spørsmål om skattemeldingen min. Jeg har betalt barnehage for [[person_name|Leah]] og [[person_name|Noah]] men bare det ene barnet er registrert med foreldrefradrag. Hvorfor?
nb N Skattekalkulatoren på nettsiden er veldig grei å bruke 👍
nb Y Jeg bor i Sverige men jobber i Halden. Har fått krav om skatt i begge land! [[person_name|Jenny Lindqvist]], D-nr [[national_id|{DNR: }]], [[phone|+46 7{N:# ### ## ##}]]
nb N Regler for pendlere mellom Norge og Sverige burde vært enklere. Nordisk skatteavtale er gammeldags.
nb Y Hei. Fikk beskjed om å sende kopi av leiekontrakten for [[address|Øvre Storgate 14, 3018 Drammen]] innen 15. mai. Jeg har sendt den to ganger via Altinn. Kan dere bekrefte at den er mottatt? [[email|frode.hauge.utleie@outlook.com]]
nb N Noen som vet om det er mulig å se skatteoppgjøret i appen? Finner det bare på nett
nb N Til orientering: Skatteetaten stenger kontaktsenteret kl. 15.30 i dag pga personalmøte.
nb Y Jeg har aldri fått min del av boligsparing for ungdom (BSU) godkjent, men banken sier alt er rapportert. Kontoen er [[bank_account|{KONTO: }]] i Sparebank 1. Hva nå?
nb N BSU burde heves til 50 000 i året. Ungdom har ingen sjans på boligmarkedet.
nb Y Har prøvd i tre dager å få logget inn på skattemeldingen men får "Feil ved innlogging (kode 5012)". Nå er fristen i morgen! Kan dere ringe meg, [[phone|{N:%## ## ###}]]?
nb N Skatteetaten hadde nedetid på Altinn i går mellom kl 21.00 og 23.00, det er kanskje derfor
nb Y Utleiebolig på Hovden, [[address|Hovdevegen 87, 4755 Hovden]]: kan jeg føre vedlikehold som fradrag når jeg også bruker hytta selv 3 uker i året? Venter fortsatt på svar fra forrige henvendelse [[case_reference|ref 2023/448192]]
nb N Det er alt for mange fradrag i norsk skattesystem. Forenkle!
nb Y Eksen min får fortsatt foreldrefradraget for [[person_name|Sofie]] selv om hun har bodd fast hos meg siden januar. Kan dere fikse det? Mvh [[person_name|Marianne Olsen]] tlf [[phone|{N:%#######}]]
nb N Ny skattemelding for næringsdrivende er så mye bedre enn den gamle. Bra jobba 👏
nb Y Hei, jeg er utvikler og tester innsending av a-melding mot testmiljøet med syntetisk person [[national_id|{TENOR}]] fra Tenor, men får valideringsfeil 422. Er det noe galt med testdataene?
nb N Hvor finner jeg dokumentasjonen for Tenor testdatasøk? Lenken på skatteetaten.no/testdata gir 404
nb Y Vi fikk ikke fradrag for rentene på studielånet i år. Lånekassen sier de har rapportert. Gjelder både meg og samboer [[person_name|Thomas Aune]]. [[national_id|{FNR}]] og [[national_id|{FNR}]]
nb N Stopp skattekortsvindelen!! Noen har bestilt skattekort i mitt navn og endret kontonummer. Alle bør sjekke Altinn nå.
nb Y Kan noen hjelpe? Jeg har fått to skattekort, ett fra juni og ett fra september, og arbeidsgiver bruker det feile. Fnr [[national_id|{FNR32}]]
nb N Er skattekortene for 2025 klare? Det står at de kommer i desember
"""


# -------------------------------------------------------------------- UDI and politiet, bokmål

BLOCK_UDI_POLITI_NB = r"""
nb Y Hei UDI. Kona mi [[person_name|Amina Hassan]] søkte om familiegjenforening i januar 2023, [[case_reference|søknadsnummer 2023/0419821]]. Vi har ikke hørt noe på 14 måneder. Hun er [[health|gravid]] og bor alene i Nairobi. Hva kan vi gjøre?
nb N Behandlingstiden for familieinnvandring er 15 måneder nå ifølge udi.no. Det er uverdig.
nb Y Jeg har fått avslag på søknad om permanent oppholdstillatelse fordi jeg hadde 3 dager for mye utenlands. Jeg var i Somalia fordi min far døde av [[health|kreft]]. [[case_reference|DUF-nummer {N:20## ###### ##}]]. Jeg vil klage.
nb N Innvandringspolitikken i Norge er for streng. Folk som har jobbet her i 10 år får avslag på småting.
nb N Innvandringspolitikken er for slapp. Det er grunnen til at kommunene sliter.
nb Y Jeg kom som flyktning i 2015 og er [[special_category|kristen konvertitt]]. Jeg er redd for å bli sendt tilbake til Iran. Når får jeg svar på søknaden om statsborgerskap? Ring [[phone|{N:%## ## ###}]]
nb N Religion skal ikke ha noe å si for asyl. Alle skal behandles likt.
nb Y Vi søkte om visum for mine foreldre til dåpen til sønnen vår [[person_name|Elias]] i juni. Fikk avslag uten begrunnelse. [[case_reference|Ref. VIS-2024-881723]]. Kan dere forklare?
nb Y Oppholdskortet mitt er utløpt og jeg har ikke fått time hos politiet før august. Kan jeg reise til Polen i sommer? [[person_name|Katarzyna Nowak]], D-nummer [[national_id|{DNR:.}]]
nb N Det er umulig å få time på politiets servicesenter for pass i Oslo. Første ledige er om 9 uker 😡
nb N Tips: Sjekk timebok hos Sandvika eller Lillestrøm, de har ofte ledige timer i uke 20-22
nb Y Hei politiet. Jeg har bestilt pass 4. mars og fått sms om at det skulle komme innen 10 virkedager. Nå er det gått 5 uker. Ordrenummer {N:%#######}. Skal på bryllup i Spania 2. juni!
nb N Passet mitt kom på 6 dager, imponerende 👏 og hyggelige folk på Grønland
nb Y Min sønn [[person_name|Adrian]] er 16 og skal ta pass, men faren hans [[person_name|Thomas Vik]] vil ikke samtykke. Hva gjør jeg? Vi har felles foreldreansvar. [[phone|{N:%#######}]]
nb N Hvorfor må begge foreldrene samtykke til pass for barn? Virker tungvint.
nb Y Jeg ble frastjålet sykkelen utenfor [[address|Thereses gate 40, 0354 Oslo]] i natt. Har anmeldt på nett, [[case_reference|anmeldelsesnummer 14872093]]. Noen som har sett en rød Trek? 🚲
nb N Sykkeltyverier på Bislett er helt vilt om dagen. Politiet gjør ingenting
nb N Politiet: Det er observert en bil som kjører i høy hastighet på Rv 4 ved Gran. Vi ber publikum holde avstand og ringe 112 ved fare.
nb N Hørte at det var skyting på Tveita i natt? Noen som vet noe??
nb N Ikke spre rykter før politiet har gått ut med info. Det var fyrverkeri.
nb N Politiet bekrefter at de har rykket ut til Tveita senter. Ingen personer er skadet. Oppdateringer kommer på X.
nb Y Jeg har fått en bot på 5 000 kr for å ha kjørt 64 i 50-sone, men det var ikke meg som kjørte. Bilen er registrert på meg, men naboen [[person_name|Roger Svendsen]] lånte den. [[case_reference|Saksnummer 15872344]]
nb Y Hei. Jeg er [[special_category|dømt for vold]] for 8 år siden og trenger politiattest for å jobbe som vekter. Vil dommen vises? Tlf [[phone|{N:%## ## ###}]], [[person_name|Kristian Berge]]
nb N Hvor lenge vises en dom på politiattesten? Er det forskjell på ordinær og uttømmende attest?
nb Y Søkte om politiattest til barnehagejobb 3. april og har ikke fått den ennå. Begynner 1. juni. [[case_reference|Søknads-ID 9920481]]
nb N Det tar 2-3 uker å få politiattest nå, står det på politiet.no
nb Y Hei. Jeg ble truet av eksen min [[person_name|Daniel Moe]] på Snapchat og vil anmelde, men han har en [[special_category|dom for vold]] mot meg fra før og jeg er redd. Kan noen ringe meg? Jeg bor på [[address|Kvernveien 8, 1605 Fredrikstad]]
nb N Hvis du er i akutt fare, ring 112. Ellers kan du ringe 02800 og snakke med oss.
nb N Flott at politiet er på Facebook, men dere svarer aldri på meldinger 🙃
nb Y Jeg mistet lommeboka med førerkort og bankkort på bussen, linje 31 mot Tonsenhagen i går ca kl 17. Noen levert inn? [[person_name|Sara Lie]] [[phone|+47 {N:%#######}]]
nb N Hittegods meldes på politiet.no/hittegods. Busselskapet Ruter har også eget hittegodskontor.
nb Y Hei UDI, jeg har arbeidstillatelse som faglært ([[case_reference|søknad WP-24-118822]]) og har fått ny jobb i et annet firma. Må jeg søke på nytt? [[person_name|Rohan Mehta]], [[email|rohan.mehta.oslo@gmail.com]]
nb N Utlendingsloven § 28 gjelder bare for de som har beskyttelsesbehov. Leste ikke folk vedtaket?
nb Y Jeg er fra Eritrea og har vært i Norge i 8 år. Har hatt [[health|PTSD]] etter flukten og klarte ikke norskprøven på nivå B1. Får jeg dispensasjon fra kravet? [[person_name|Yonas Tesfay]], [[national_id|{FNR}]]
nb N Alle som skal bo i Norge må lære seg norsk, det er ikke for mye å forlange.
nb Y Jeg søkte om beskyttelse i 2022 fordi jeg er [[special_category|homofil]] og blir forfulgt hjemme. Fortsatt ikke intervju. Hvor lenge må jeg vente? Mitt nummer [[phone|{N:%### ####}]]
nb N Norge burde være et tryggere land for skeive flyktninger. Pride er ikke bare en parade.
nb Y Hei! Jeg er [[special_category|same]] og vil ha med samisk navn i passet mitt: [[person_name|Máret Ánne Eira]]. Går det an? Ble nektet på servicesenteret i Alta.
nb N Samiske navn med spesialtegn skaper fortsatt trøbbel i offentlige systemer. Skammelig i 2024.
nb Y Har fått melding om at oppholdstillatelsen min er trukket tilbake fordi de mener jeg ga feil opplysninger. Det stemmer ikke! [[case_reference|Saksnr. 22/09112-4]]. Ring meg på [[phone|+47 {N:%## ## ###}]] eller send e-post til [[email|ahmed.k.rahimi@yahoo.com]]
nb N Hvorfor kan ikke UDI ha åpen telefon hver dag? Kun tirsdag og torsdag er for lite
nb N Er det sant at alle ukrainere må flytte ut av mottak til sommeren? Så det på TikTok
nb N Det stemmer ikke. Se oppdatert informasjon på udi.no/ukraina
nb Y Min svigermor [[person_name|Olena Kovalenko]] kom fra Ukraina i 2022 og har kollektiv beskyttelse. Hun har [[health|Parkinson]] og trenger fastlege, men har ikke fått fødselsnummer, bare D-nummer [[national_id|{DNR: }]]. Hvordan får hun fastlege?
nb N Vi har dessverre ikke mulighet til å svare på enkeltsaker her. Send oss en henvendelse via kontaktskjemaet på udi.no.
nb N Jeg synes UDI gjør en god jobb i en vanskelig situasjon. Respekt.
nb Y Jeg fikk [[special_category|forelegg for promillekjøring]] i 2021 og nå har UDI avslått søknaden om statsborgerskap på grunn av karenstid. Stemmer det at den er 5 år? [[person_name|Marek Zielinski]]
nb N Karenstid ved straff er regulert i statsborgerforskriften, men det er mange unntak. Spør en advokat.
"""


# ----------------------------------------------------------------------------- kommune, bokmål

BLOCK_KOMMUNE_NB = r"""
nb Y Søppelet er ikke hentet på tre uker i [[address|Lerkeveien 14]]! Hva skjer?? Det lukter helt forferdelig nå
nb N Restavfallet hentes annenhver uke fra 1. mai. Se tømmekalenderen i appen Min Renovasjon.
nb Y Hei kommune. Vi søkte om å bygge garasje på tomta i [[address|Skogstien 3A, 1394 Nesbru]] i februar, [[case_reference|byggesak 24/0778]]. Saksbehandler [[person_name|Øystein Lunde]] har ikke svart på e-post. Når kan vi forvente svar?
nb N Byggesaksavdelingen i denne kommunen er et sorgens kapittel. 12 uker for en levegg!
nb N Plan- og bygningsloven § 20-1 sier hva som er søknadspliktig. Terrasse under 50 cm er unntatt.
nb Y Snøbrøyteren har revet ned postkassen vår i natt 😤 Adresse: [[address|Bjørkelia 22, 2040 Kløfta]]. Hvem betaler ny?
nb N Hvorfor brøytes ikke gang- og sykkelveien langs Strandveien før kl 10? Ungene går til skolen kl 8!
nb N Veiarbeid i Storgata hele neste uke, stengt for gjennomkjøring mellom Torget og rådhuset.
nb Y Min mor [[person_name|Solveig Aasen]] (89) har [[health|Alzheimer]] og bor alene. Hjemmetjenesten kommer bare én gang om dagen. Hun har falt to ganger denne måneden. Vi har søkt om sykehjemsplass, [[case_reference|saksnr 2024/3381]]. Hvem tar ansvar?
nb N Eldreomsorgen i kommunen er et skandale. Ingen sykehjemsplasser, lange ventelister.
nb N Takk til hjemmesykepleien på Stovner, dere er gull verdt ❤️
nb Y Vi har fått faktura på eiendomsskatt på kr 12 345 for [[address|Nygårdsveien 5, 3610 Kongsberg]], men huset ble revet i fjor høst! Fakturanummer {N:2024######}. Mvh [[person_name|Per Inge Bråten]]
nb N Eiendomsskatten burde fjernes helt. Dobbeltbeskatning!
nb Y Sønnen vår [[person_name|Mathias]] fikk ikke barnehageplass i Solsikken barnehage selv om han har [[health|Downs syndrom]] og har rett til prioritet. Vi har klaget, ingen svar. Ring [[phone|{N:%## ## ###}]]
nb N Hvor mange barn står på venteliste for barnehageplass i bydelen? Vi flytter dit i august
nb Y Vannet i springen er brunt igjen hos oss i [[address|Fjellveien 12 A, 5019 Bergen]]. Fjerde gang i år. Kan vi få ned vannavgiften?
nb N Er det trygt å drikke vannet i Bergen nå? Hørte det var funnet E. coli???
nb N Kommunen: Det er IKKE påvist E. coli i drikkevannet i Bergen. Vannet er trygt å drikke. Vi oppdaterer på bergen.kommune.no.
nb N Kokevarsel for Sandviken! Naboen sa det. Del videre!!
nb Y Hei. Jeg har søkt om BPA for mannen min [[person_name|Rolf]], som sitter i [[health|rullestol]] etter en [[health|ryggmargsskade]]. Vedtaket sier 12 timer i uka, vi trenger minst 30. [[case_reference|Deres ref: 23/14422-5]]. Mvh [[person_name|Gro Rolfsen Berg]], [[email|gro.rb@online.no]]
nb N Flott at kommunen satser på universell utforming! Ny rampe ved biblioteket er supert.
nb Y parkeringsbot på [[address|Dronningens gate 8]] selv om jeg hadde HC-kort synlig i frontruta. bot nr {N:P#######}. vil klage. jeg har [[health|MS]] og kan ikke gå langt
nb N Parkeringsavgiften i sentrum er 48 kr timen nå?? Vil dere drepe byen?
nb N Det er ikke lov å parkere langs Karl Johans gate uansett, står jo skilt
nb Y Jeg har bodd i kommunal bolig i [[address|Romsåsveien 11, 0960 Oslo]] i 4 år og det er mugg i hele badet. Har meldt fra 5 ganger. [[health|Astmaen]] til datteren min har blitt mye verre. Hvem kan jeg kontakte?
nb N Romsås har fått nytt bibliotek, kjempefint!
nb N Stengt på Karl Johans gate pga 17. mai-forberedelser fra kl 06.00
nb N 17. mai-toget starter kl 10.00 fra Festplassen. Husk at det er forbudt med droner i sentrum.
nb Y Jeg søkte om skoleskyss for datteren min [[person_name|Nora]], 8 år, som har [[health|epilepsi]]. Det ble avslått fordi vi bor under 4 km fra skolen. Men hun kan ikke gå alene! Vi bor i [[address|Åsveien 146, 7024 Trondheim]]
nb N Kommunestyret vedtok i går å legge ned Lia skole. Trist dag for bygda.
nb N Ordfører Marianne Borgen har gjort en god jobb for byen. Hun fortjener ros.
nb Y Hei. Har sendt inn klage på vedtak om avslag på startlån, [[case_reference|sak 2024/008812]]. Hvem behandler klagen? Jeg er alenemor og har bodd i samme leilighet i [[address|Vestre Rosten 69, 7075 Tiller]] i 7 år.
nb N Hvorfor står det fortsatt bil parkert på gang- og sykkelveien ved 59.9139, 10.7522 — kan noen fra kommunen ta en titt?
nb N Kan kommunen fortelle hvor mange som fikk startlån i 2023?
nb Y Vi har ventet på svar på søknad om avlastning for sønnen vår med [[health|ADHD]] og [[health|Tourettes]] i 5 måneder. Vi er helt utslitte. [[person_name|Camilla]] og [[person_name|Jørgen Halvorsen]], tlf [[phone|{N:%#######}]]
nb N Foreldre til barn med diagnoser må kjempe for alt. Systemet er ikke laget for dem.
nb N Det er vannlekkasje i krysset mellom Bergsliens gate og Ullevålsveien. Vann spruter opp av kummen!
nb N Takk for tipset. Vann og avløp er varslet og er på vei.
nb Y Hei! Lekkasje fra kommunens vannledning rett utenfor huset vårt i [[address|Sandstuveien 28]], kjelleren er full av vann. Haster! Ring [[phone|{N:%## ## ###}]]
nb N Ny gangbru over E18 ved Sandvika er endelig åpen 🙌
nb N Hva er postnummeret til rådhuset? 0037?
nb Y Jeg har søkt om tilskudd til tilpasning av bolig (trapp heis) fordi jeg har [[health|artrose i begge knærne]]. Fikk avslag. [[case_reference|Vår referanse 24/1177]]. Hvordan klager jeg? Mvh [[person_name|Ellen Marie Foss]]
nb N Det er feil at kommunen bruker 400 millioner på nytt rådhus mens skolene forfaller.
nb Y Fikk brev om at vi må kobles til offentlig avløp innen 2025 og betale kr 180 000. Vi er pensjonister og har ikke råd. Adr: [[address|Vikaveien 7, 9100 Kvaløysletta]]. Kan det gis utsettelse?
nb N Når starter påmeldingen til sommerskolen? Barna gleder seg
nb Y Skolen til sønnen min ringer meg hver dag om at han er urolig. Han har diagnosen [[health|ADHD]] og trenger assistent, men rektor sier det ikke finnes penger. Han heter [[person_name|Sander]] og går i 3B på Lia skole. Hva gjør jeg?
nb N Alle skoler burde ha helsesykepleier hver dag. Barna trenger det.
nb N Liv og helse er viktigere enn økonomi, sa helsesjefen i kommunestyret i går. Enig!
nb Y Hei. [[person_name|Liv Karin Moen]] her. Jeg ønsker å klage på at ansatte i hjemmetjenesten snakker om pasienter i butikken. Jeg hørte dem snakke om naboen min og [[health|kreften]] hans. Dette er brudd på taushetsplikten!
nb N Hvorfor er svømmehallen stengt i hele sommerferien? Barna har ingenting å gjøre
nb Y Betalte 2 380 kr for SFO i juli, men sønnen min gikk ikke der i juli. Kan jeg få tilbakebetalt? Faktura {N:#######}, kontonr for tilbakebetaling: [[bank_account|{KONTO:.}]]
nb N Bussen linje 20 går ikke lenger forbi Skøyen etter kl 22. Hvorfor? #kollektiv
nb Y Naboen i [[address|Granstubben 4]] har hatt fyrverkeri hver helg i to måneder. Hunden vår er helt traumatisert. Kan kommunen gjøre noe? Jeg heter [[person_name|Petter Hoff]] og bor i nr 6.
nb N Fyrverkeri er kun lov nyttårsaften mellom kl 18.00 og 02.00.
nb Y Hei kommunen. Jeg vil søke om å få fjerne et tre som står farlig nær huset vårt, men skjønner ikke skjemaet. Kan dere ringe meg? [[phone|{N:&# ## ## ##}]] – [[person_name|Ivar Brekke]], [[address|Hegdehaugsveien 31, 0352 Oslo]]
nb N Kommunens nettside er helt umulig å navigere. Prøvd å finne åpningstider for gjenbruksstasjonen i 15 min
nb N Åpningstider Grønmo gjenbruksstasjon: man–fre 07.00–20.00, lør 09.00–16.00
nb Y Vi har fått nytt barn og ønsker søskenmoderasjon i barnehagen. Eldste [[person_name|Oliver]] går på Tusenfryd avdeling. Mitt fnr er [[national_id|{FNR:-}]] hvis dere trenger det
nb N Skal det virkelig ta et år å asfaltere 200 meter vei? Hullene i Fv. 152 er livsfarlige
nb N Takk for innspillet! Vi har meldt fra til fylkeskommunen som eier Fv. 152.
nb Y Jeg har fått avslag på søknad om omsorgsstønad for å ta vare på min [[health|kreftsyke]] mann. Vi har fått [[case_reference|ref. 24/5522-2]]. Er det noen jeg kan snakke med? [[email|hilde.sandvik.55@gmail.com]]
nb N Kommunen vil bruke 2,5 millioner på et kunstverk i rundkjøringen. Latterlig.
nb Y Har søkt om dispensasjon for å beholde hønsehus i hagen, [[address|Bakkehaugveien 19, 3213 Sandefjord]]. Naboen [[person_name|Finn Erik Larsen]] har klaget. Når blir det avgjort?
nb N Det bør være lov å ha høner i hagen i byen. Byråkrati!
"""


# ------------------------------------------------- Lånekassen, helse and Statens vegvesen, bokmål

BLOCK_LANEKASSEN_NB = r"""
nb Y Hei Lånekassen! Stipendet for januar er ikke kommet inn. Har levert alt av dokumentasjon. Fødselsnummer [[national_id|{FNR}]]
nb N Når kommer utbetalingen i august? Husleia forfaller 1. 😬
nb N Første utbetaling for høsten kommer 15. august hvis du har signert avtalen innen 1. august.
nb Y Jeg har vært [[health|syk med kyssesyke]] hele semesteret og ikke tatt en eneste eksamen. Får jeg omgjort lån til stipend? [[case_reference|Søknads-ID 7716032]]
nb Y Jeg byttet bank i mars, nytt kontonr: [[bank_account|{KONTO:.}]]. Har endret det på Dine sider men det står fortsatt det gamle. Mvh [[person_name|Ida Marie Kolstad]]
nb N Rentene på studielånet er nå 5,4 %. Hvordan skal unge ha råd til bolig?
nb N Studiestøtten burde følge 1,5 G. Det er umulig å leve på 13 940 kr i måneden i Oslo.
nb Y Hei, jeg har fått beskjed om at jeg må betale tilbake 19 800 kr fordi jeg tjente for mye i 2023. Men jeg jobbet bare i sommerferien? Kan noen se på det, tlf [[phone|{N:%## ## ###}]], [[email|h.ulriksen02@student.uib.no]]
nb Y Jeg er [[health|gravid]] og skal føde i oktober. Har jeg rett på foreldrestipend mens jeg studerer? Søkte i juli, [[case_reference|søknads-ID 8839012]], fortsatt ikke svar.
nb N Takk Lånekassen for rask hjelp på chatten i dag! 🙏
nb Y Jeg studerer i Krakow og har fått avslag på skolepenger fordi utdanningen ikke er godkjent?? Den var godkjent i fjor. [[person_name|Maja Sørensen]], [[phone|+48 {N:6## ### ###}]]
nb N Hvor mye kan man tjene før stipendet blir redusert i 2024?
nb Y Hei. Søker om betalingsutsettelse fordi jeg er [[health|sykemeldt etter en fødselsdepresjon]]. Hvor sender jeg legeerklæringen? Jeg heter [[person_name|Kristine Aune Myhre]] og har [[case_reference|saksnummer 24/{N:#####}]]
nb N Lånekassen er den eneste offentlige etaten som faktisk fungerer digitalt 🙌
nb Y Hvorfor er renten på lånet mitt 6,1 % når den faste renten var 4,9 % da jeg bandt den? Kan dere sjekke, f.nr. [[national_id|{FNR: }]]
nb N Ettergivelse av studielån for de som flytter til Finnmark er genialt. Mer sånt!
nb Y Jeg har bodd i Nord-Troms i 2 år og skal ha ettergitt 10 %. Søknaden ble sendt i januar. Bor i [[address|Storslettveien 18, 9151 Storslett]]. Kan noen bekrefte at den er mottatt?
nb Y Banken min sier at innbetalingen til Lånekassen er avvist. Jeg brukte kontonummer fra faktura og KID {KID:15}. Beløp 3 250,00. Hva er galt? [[person_name|Fredrik Amundsen]]
"""

BLOCK_HELSE_NB = r"""
nb Y Hei Helsenorge, jeg får ikke bestilt ny resept på [[health|Ritalin]] via appen. Det står "legen din har ikke tilgang". Hva gjør jeg? Fastlegen er dr. [[person_name|Nina Holm]] på Tåsen legesenter
nb N Fastlegeordningen har kollapset. 200 000 nordmenn står uten fastlege!
nb Y Jeg har ventet på time til utredning for [[health|endometriose]] i 11 måneder. Henvisningen ble sendt i mai i fjor. Er det noen som kan sjekke? [[person_name|Marthe Larsen]], [[phone|{N:%## ## ###}]]
nb N Endometriose må tas på alvor! Gjennomsnittlig 7 år til diagnose er en skandale.
nb N Flere burde vaksinere seg mot influensa nå, sykehusene er fulle.
nb Y Fikk ikke svar på koronaprøven min fra fredag. Har [[health|feber og hoste]] og er [[health|gravid i 34. uke]]. Hvor kan jeg se svaret? Fnr [[national_id|{FNR}]]
nb N Kreftbehandlingen i Norge er for dårlig utenfor de store byene. Min erfaring fra Finnmark.
nb Y Jeg har [[health|brystkreft]] og skal få stråling i Tromsø, men har ikke fått refusjon for reisen fra Kirkenes. Pasientreiser sier de ikke har fått kvitteringene. [[case_reference|Sak nr 2024-118227]]. Mvh [[person_name|Wenche Hansen]]
nb N Pasientreiser er den mest byråkratiske ordningen i hele landet. Hvorfor kan ikke sykehuset bare betale?
nb Y Sønnen min [[person_name|Vetle]] har stått på venteliste hos BUP i 9 måneder for [[health|spiseforstyrrelse]]. Han har gått ned 12 kg. Hva skal vi gjøre??? Ring [[phone|+47 {N:%## ## ###}]]
nb N Psykisk helsevern for barn og unge har ventetider som er helt uakseptable.
nb N Hvordan bytter jeg fastlege? Finner ikke knappen på helsenorge.no
nb N Logg inn på helsenorge.no, velg "Fastlege" og så "Bytt fastlege". Du kan bytte inntil to ganger i året.
nb Y Jeg har fått en regning på 1 850 kr fra legevakten for en konsultasjon der jeg hadde frikort! Frikortet mitt er gyldig fra mars. [[national_id|{FNR:.}]] [[person_name|Anita Kvam]]
nb N Egenandelstaket er 3 165 kr i 2024. Over det får du frikort automatisk.
nb Y Helseplattformen har slått sammen journalen min med en annen pasient?? Jeg ser at jeg står oppført med [[health|HIV]] og det har jeg aldri hatt. Dette er alvorlig. Mitt nr [[phone|{N:%#######}]]
nb N Helseplattformen i Midt-Norge er en katastrofe. Hvem tok den beslutningen?
nb Y Min far [[person_name|Kåre Lunde]] ble utskrevet fra sykehuset i går etter [[health|hjerteinfarkt]] uten at kommunen var varslet. Han bor alene i [[address|Løkkegata 3, 2815 Gjøvik]]. Hvem har ansvaret?
nb N Hjertestarter henger ved inngangen til Amfi-senteret, ikke alle vet om det.
nb Y Jeg er [[health|avhengig av opioider]] etter en [[health|operasjon]] og trenger hjelp til nedtrapping. Fastlegen sier det er lang kø på LAR. Hvem kan jeg kontakte? Ikke anonymt: [[person_name|Tom Erik Nilsen]], [[email|tomerik.nilsen@live.no]]
nb N Rusavhengige må få hjelp som syke, ikke straff. Rusreformen nå!
nb N Hvor er nærmeste legevakt i Sandnes? Ringte 116 117 men kom ikke gjennom
nb Y Jeg har [[health|cøliaki]] og datteren min har nå også fått påvist [[health|cøliaki]]. Har hun rett på grunnstønad? Hun heter [[person_name|Tuva]] og er 6 år.
nb N Flott at Helsenorge har åpnet for digital fornyelse av resepter ❤️
nb N Er det sant at man ikke får behandling på sykehus lenger hvis man er over 80? Så det på Facebook
nb N Nei, det stemmer ikke. Alle får vurdert behandling ut fra medisinske behov, uavhengig av alder.
nb Y Jeg har [[health|diabetes type 2]] og har fått beskjed om at Ozempic ikke lenger dekkes på blå resept. Det koster meg 1 400 kr i måneden. Kan jeg klage? [[person_name|Bjørn Tore Vik]]
nb N Ozempic burde ikke brukes til slanking når diabetikere ikke får tak i det!
nb Y Jeg trenger kopi av journalen min fra [[health|innleggelsen på psykiatrisk]] i 2019. Hvordan ber jeg om innsyn? Fødselsnummer er [[national_id|{FNR:-}]]
nb N Hvor lang tid har sykehuset på seg til å svare på innsynsbegjæring?
nb Y Tannlegen sier at jeg må ha [[health|rotfylling i tre tenner]] og det koster 28 000 kr. Jeg er [[health|ufør]] og har ikke råd. Får jeg støtte fra HELFO? Ring meg på [[phone|{N:%### ####}]]
nb N Tannhelse burde inn i folketrygden. Tennene er en del av kroppen!
nb Y Jeg fikk [[health|spontanabort]] i uke 11 og legen sa jeg skulle få [[health|sykmelding]], men den er ikke registrert. Arbeidsgiver spør. [[person_name|Helene]]
"""

BLOCK_VEGVESEN_NB = r"""
nb Y Hei Statens vegvesen. Jeg har bestilt time til oppkjøring 14.06 kl 09.30 på Risløkka, men har fått [[health|brukket armen]]. Kan jeg flytte timen uten å miste gebyret? [[person_name|Aksel Nygaard]] [[phone|{N:%#######}]]
nb N E6 er stengt ved Dombås pga. snøfokk. Kolonnekjøring fra kl 14.00.
nb N Rv 4 ved Hadeland er åpen igjen etter ulykken. Kø fra Nittedal.
nb Y Førerkortet mitt er utløpt og jeg har [[health|epilepsi]] og har vært anfallsfri i 3 år. Legen har sendt helseattest. Hvorfor har jeg ikke fått nytt førerkort? [[case_reference|Saksnummer 24/312766]]
nb N Helseattester for eldre sjåfører er helt nødvendig. Trafikksikkerhet først.
nb Y Kjøpte bil på Finn og omregistreringen har stått på "venter på godkjenning" i 2 uker. Reg.nr EL 12345. Selger heter [[person_name|Roy Hansen]] og svarer ikke. Min tlf: [[phone|{N:%## ## ###}]]
nb N Bilavgiftene er alt for høye, 1 million for en vanlig familiebil er galskap
nb N Er det EU-kontroll frist for biler med reg.nr som slutter på 4 i juni?
nb Y Hei! Fikk faktura på bompenger for en passering på E18 ved Sandvika 12.03 kl 07.42, men bilen var på verksted i Lillehammer den dagen. Fakturanr {N:##########}. Jeg heter [[person_name|Hanne Wold]].
nb N Bomringen rundt Oslo er ren ran av folk som må kjøre til jobb.
nb Y Jeg mistet førerkortet på ferie i Hellas. Kan jeg få midlertidig førerkort sendt til [[address|Kanalgata 2, 3770 Kragerø]]? [[national_id|{FNR}]]
nb N Trafikkstasjonen på Lillestrøm var super effektiv i dag, inn og ut på 10 min 👍
nb N Vegvesen: Vi minner om piggdekkgebyr i Oslo, Bergen og Trondheim fra 1. november.
nb Y Jeg har [[health|diabetes]] og bruker [[health|insulin]]. Må jeg levere ny helseattest hvert år for å beholde førerkortet klasse C? Mvh [[person_name|Sigurd Eriksen]], lastebilsjåfør
nb N Fartsgrensen på E39 burde være 110 hele veien fra Kristiansand til Stavanger.
nb Y Vi fikk brev om at vi må avgi 320 kvm av tomta vår til ny gang- og sykkelvei. Eiendommen er [[address|Ringveien 44, 4626 Kristiansand]]. Erstatningen er alt for lav! [[case_reference|Vår ref. 22/19812-14]]
nb N Hvorfor er det bare en felt åpen på Brynstunnelen i helgene? 😩
nb N Lastebil har veltet på Fv. 715 ved Fosen, veien er stengt i begge retninger. Omkjøring via Rv 710.
"""


# ------------------------------------- Mattilsynet, Barneombudet, barnevern, kriser m.m., bokmål

BLOCK_DIVERSE_NB = r"""
nb N Mattilsynet: Vi har fått flere tips om salg av ulovlig importerte valper på Finn. Sjekk alltid pass og chip!
nb Y Kjøpte valp fra en oppdretter i Sverige og den ble syk etter 3 dager. Selger heter [[person_name|Linda Carlsson]] og har tlf [[phone|+46 7{N:# ### ## ##}]]. Kan Mattilsynet gjøre noe? Mitt nr [[phone|{N:%## ## ###}]]
nb N Fant en flaske glass i brødet fra Bakehuset. Ikke bra!! @Mattilsynet
nb Y Jeg har meldt fra om naboens vanstelte hester i [[address|Solbakken 4, 2080 Eidsvoll]] TRE ganger. [[case_reference|Mattilsynets ref. 2024/187223]]. Hestene står i gjørme til knærne. Hva skjer?
nb N Smilefjes-ordningen er supert, sjekker alltid før jeg går ut og spiser 😊
nb N Sol Restaurant i Bodø fikk sur smilefjes i dag. Hadde ikke trodd det.
nb N Hvor mange tilsyn gjør Mattilsynet i året? Virker som det er altfor få
nb Y Vi driver en liten gård og har søkt om godkjenning av gårdsbutikk, [[case_reference|søknad 24/0091-2]]. Inspektør [[person_name|Henrik Sæther]] var her i mai. Når kommer vedtaket? [[person_name|Astrid Kvåle]], [[phone|{N:&# ## ## ##}]]
nb N Dyrevelferden i norsk oppdrett er under all kritikk. 58 millioner fisk døde i fjor.
nb N Barneombudet: Barn har rett til å bli hørt i alle saker som gjelder dem. Barnekonvensjonen artikkel 12.
nb Y Hei Barneombudet. Jeg er 15 år og barnevernet vil flytte meg til en institusjon i en annen by. Jeg vil ikke. Ingen hører på meg. Saksbehandleren heter [[person_name|Anja]]. Hva kan jeg gjøre? Snap: ikke_meg_09
nb N Takk for at dere står opp for barna, Barneombudet 💛
nb Y Barnevernet har akuttplassert datteren vår [[person_name|Emma]] hos fosterforeldre. Vi har ikke fått se henne på 3 uker. Vi har advokat, men trenger hjelp. [[person_name|Kristoffer]] og [[person_name|Line Mathisen]], [[email|line.mathisen@hotmail.no]]
nb N Barnevernsloven § 4-12 sier at omsorgsovertakelse bare skal skje når det er nødvendig. Det følges ikke!
nb N Barneombud Inga Bejer Engh var på Debatten i går. Sterk innsats!
nb Y Vi er fosterforeldre for en gutt med [[health|FASD]]. Kommunen har kuttet forsterkningen. Bufetat henviser til kommunen og kommunen til Bufetat. Hvem har ansvaret? Mvh [[person_name|Berit]] og [[person_name|Odd Henriksen]]
nb N Det trengs flere fosterhjem i Norge. Vurder om det er noe for deg!
nb N Ekstremværet Hans har gjort store skader i Valdres. Vi oppfordrer alle til å følge med på varsler fra kommunen.
nb N Hans var verre enn noen trodde. Tenker på alle som har mistet hjem og gårder 😢
nb Y Huset vårt i [[address|Elvegata 6, 2640 Vinstra]] ble oversvømmet under ekstremværet. Vi har meldt skaden til Naturskadeforsikringen, [[case_reference|skadenummer NS-23-{N:######}]]. Får vi hjelp fra kommunen til midlertidig bolig? [[phone|{N:%#######}]]
nb N Er det sant at Statens naturskadeordning ikke dekker kjellere? Noen som vet??
nb N HØRT AT DEMNINGEN VED BRASKEREIDFOSS HAR BRUTT!!! Kom dere vekk fra elva!!!
nb N Det stemmer ikke. Demningen står. Politiet har kontroll. Følg kun offisielle kilder.
nb N Rykte på Snap sier at hele Hønefoss skal evakueres i natt. Hva er sant?
nb N Kommunen: Det er ikke besluttet noen evakuering av Hønefoss sentrum. Beboere i Nedre Storgate må være forberedt. Mer info kl 20.00.
nb Y Moren min er [[health|sengeliggende]] og bor rett ved elva i [[address|Nedre Storgate 17, 3513 Hønefoss]]. Hvis det blir evakuering, hvem henter henne? Hun heter [[person_name|Åse Gulbrandsen]]. Ring meg [[phone|{N:%## ## ###}]]
nb N Strømmen er borte i hele Skjåk. Noen som vet når den kommer tilbake?
nb N Hvor kan man hente sandsekker? Bor i 2670-området
nb N Sandsekker kan hentes ved Otta sentrum fra kl 16.00 i dag
nb Y Hei Husbanken. Jeg søkte om bostøtte i mai og fikk kr 0. Jeg har 9 800 kr i måneden i inntekt og husleie på 9 200. Hvordan kan det bli null? [[case_reference|Søknadsnummer 5518822]]
nb N Bostøtten er for lav og inntektsgrensene har ikke fulgt prisveksten på 10 år.
nb Y Vi har fått faktura fra Brønnøysundregistrene på 1 950 kr for registrering i Frivillighetsregisteret, men det skal jo være gratis?? org.nr {ORG: }. Mvh [[person_name|Tor Arne Vik]], styreleder i Lia IL
nb N Hva er forskjellen på Enhetsregisteret og Foretaksregisteret?
nb N Lurer på en ting: har noen fått svar fra Arbeidstilsynet på under 3 måneder?
nb Y Arbeidsgiveren min trekker meg 2 timer i lønn hver uke for "pauser". Jeg har meldt det til Arbeidstilsynet, [[case_reference|sak 2024/3371]]. Jeg er [[special_category|tillitsvalgt i Handel og Kontor]] og blir nå utfryst. Kan dere ringe? [[phone|{N:%#######}]]
nb N Handel og Kontor har gjort en god jobb i lønnsoppgjøret i år.
nb N Gratulerer med dagen til alle som feirer Eid i dag! 🌙
nb Y Jeg er [[special_category|muslim]] og jobber på sykehjem. Lederen nekter meg å ta fri på Eid selv om jeg har søkt i god tid. Er det lov? [[person_name|Fatima Ali]]
nb N Religionsfrihet gjelder alle, men arbeidsgivere kan ikke gi alle fri samtidig. Vanskelig balanse.
nb N Kirken burde skilles helt fra staten. Hvorfor skal jeg betale for en tro jeg ikke har?
nb Y Meldte meg ut av Den norske kirke i januar men står fortsatt som medlem i registeret. Jeg er [[special_category|ateist]] og vil ikke være registrert. Fnr [[national_id|{FNR}]]
nb N Datatilsynet ga i går NAV et gebyr på 20 millioner. Fortjent?
nb Y Jeg har bedt NAV om innsyn i alle opplysninger de har om meg, etter GDPR art. 15. Det er gått 2 måneder. Klager herved til Datatilsynet. [[person_name|Jan Ove Myklebust]], [[address|Postboks 88, 6401 Molde]]
nb N GDPR art. 9 forbyr behandling av helseopplysninger uten hjemmel. Hvorfor ber dere folk skrive diagnosen sin i kommentarfeltet?
nb Y Jeg er [[special_category|medlem av Rødt]] og fikk beskjed av lederen min på kommunen at jeg ikke kunne stå på stand. Er det lov? Jeg jobber i Tromsø kommune. [[email|mads.karlsen.tromso@gmail.com]]
nb N Rødt foreslår gratis tannhelse for alle. Sånn skal det være!
nb N FrP vil kutte i bistanden og bruke pengene på eldreomsorg. Enig eller uenig?
nb Y Jeg har [[special_category|stemt FrP]] hele livet men nå er jeg så sint på kommunen at jeg ikke vet. Hjemmetjenesten glemte å gi kona mi [[health|insulinen]] to dager på rad! [[person_name|Reidar Nilsen]], [[address|Grønnegata 20, 2317 Hamar]]
nb N Sivilombudet: Vi har ikke anledning til å behandle klager i sosiale medier. Send klagen via skjema på sivilombudet.no.
nb N Viktig melding fra Statsforvalteren i Vestland: Søknadsfristen for tilskudd til fiskesperrer er 15. februar.
nb Y Hei Statsforvalteren. Klaget på vedtak om avslag på fri rettshjelp 3. mars. [[case_reference|Deres saksnummer 2024/7710]]. Jeg har ikke fått bekreftelse. [[person_name|Vibeke Strand]], [[phone|+47 {N:%# ## ## ##}]]
nb N Gratis rettshjelp burde gjelde flere. Inntektsgrensen på 300 000 er latterlig lav.
nb N Posten mistet pakken min, sporingsnummer 70{N:##############}. Null svar fra kundeservice. Jaja.
nb Y Jeg har fått en Vipps-forespørsel fra "NAV" på 1 490 kr. Er det ekte? Avsender har nummer [[phone|+44 79{N:## ######}]]
nb N Svindlere utgir seg for å være NAV på sms og Vipps nå. Ikke betal noe!
nb N Ruter sine billettautomater på Jernbanetorget virker ikke. Igjen.
nb N Kan dere legge ut hvilke dager søppelbilen kjører i romjula? 🎄
nb Y Jeg betaler fortsatt kommunale avgifter for [[address|Hyllveien 2, 1555 Son]] selv om vi solgte huset i august. Ny eier er [[person_name|Vegard Lie]]. Vi vil ha refusjon til [[bank_account|{KONTO: }]]
nb N Kommunale avgifter har steget 11,3 % i år. Når stopper det?
"""


# -------------------------------------------------------------------------------------- nynorsk

BLOCK_NYNORSK = r"""
nn Y Hei NAV. Eg har venta på svar på søknaden om dagpengar i seks veker no. Fødselsnummeret mitt er [[national_id|{FNR}]]. Kan nokon sjå på det?
nn N Kvifor er det så vanskeleg å få svar frå NAV? Det er ikkje greitt.
nn Y Sjukepengane mine er ikkje utbetalte denne månaden. Eg har vore [[health|sjukmeld med angst]] sidan januar og har ikkje anna inntekt. Ring meg på [[phone|{N:%## ## ###}]]. Helsing [[person_name|Sigrid Haugland]]
nn N Takk for god hjelp på NAV-kontoret i Førde i dag 😊
nn Y Sonen min [[person_name|Eirik]] har [[health|autisme]] og me har søkt om hjelpestønad. Vedtaket kom i går: avslag. Me vil klage. [[case_reference|Saksnummer 2024/55301]]
nn N Når kjem utbetalingsdatoane for barnetrygda i 2025?
nn Y Eg har fått nytt kontonummer, [[bank_account|{KONTO:.}]]. Kan de endre det for barnetrygda? Eg finn ikkje kvar eg gjer det sjølv.
nn N Ein kan endre kontonummer sjølv på nav.no under "Personopplysningar".
nn Y Eg er [[health|ufør]] og har fått brev om at uføretrygda skal reduserast fordi eg tente for mykje i fjor. Men det var feriepengar! [[person_name|Olav Rysstad]], [[national_id|{FNR: }]]
nn N Uføre som jobbar litt ved sida av blir straffa. Det er dårleg politikk.
nn Y Kona mi [[person_name|Randi]] er [[health|gravid]] med tvillingar og har fått beskjed om å ikkje jobbe. Kva for stønad har ho rett på? Ho har ikkje fått svar frå arbeidsgivaren heller. Tlf [[phone|{N:%#######}]]
nn N Foreldrepengar burde vere 12 månader for begge. Norge ligg etter Sverige.
nn Y Eg har fått restskatt på 11 250 kr og skjønar ikkje kvifor. Eg har same jobb og same løn som i fjor. Kan de ringje meg på [[phone|+47 {N:%## ## ###}]]? [[person_name|Torbjørn Lid]]
nn N Skatteoppgjeret mitt kom i dag, fekk 4 300 tilbake 🎉
nn N Kvifor må ein ha BankID for å sjå skattemeldinga? Mor mi er 87 og har ikkje det.
nn Y Far min [[person_name|Nils Olav Strand]] har [[health|demens]] og kan ikkje levere skattemeldinga sjølv. Eg har fullmakt. Korleis logger eg inn på hans vegner? [[email|kari.strand.fjordane@gmail.com]]
nn Y Søppeldunken vår har ikkje vorte tømd på tre veker! [[address|Fjordvegen 21, 6900 Florø]]. Kva er problemet?
nn N Ny tømmeplan for papir gjeld frå 1. januar. Sjå heimesida til kommunen.
nn Y Me søkte om barnehageplass for dottera vår [[person_name|Ingeborg]] i februar og har ikkje høyrt noko. Ho fyller eitt år i august. [[person_name|Marit]] og [[person_name|Arnfinn Hovland]], [[phone|{N:%## ## ###}]]
nn N Kor mange barn står på venteliste til barnehage i Sogndal no?
nn N Brøytinga i Sogndal har vore elendig i vinter. Fylkesvegen er ei skøyte.
nn Y Brøytebilen har øydelagt gjerdet vårt i [[address|Storehagen 5, 6856 Sogndal]]. Kven skal eg sende rekninga til? Helsing [[person_name|Leif Ståle Vik]]
nn N Fv. 55 over Sognefjellet opnar 20. mai etter planen.
nn Y Mor mi [[person_name|Kari Lyngstad]] er 92 og bur åleine. Ho har [[health|hjartesvikt]] og heimetenesta kjem berre to gonger i veka. Me har søkt om sjukeheimsplass, [[case_reference|sak 23/4418]]. Kva skjer?
nn N Eldreomsorga i distrikta er på bristepunktet. Det er ikkje personalet sin feil.
nn Y Eg studerer i Bergen og har ikkje fått stipendet for mars. Søknads-ID er [[case_reference|8841762]]. Kan Lånekassen sjekke? [[email|ragnhild.b99@student.uib.no]]
nn N Lånekassen er god på chat, fekk svar med ein gong 👍
nn Y Eg har vore [[health|sjukmeld med ME]] i to år og må søkje om å få omgjort lånet til stipend. Kvar sender eg legeerklæringa? Fnr [[national_id|{FNR:-}]]
nn N Studielånet er for dyrt for unge no. Renta er over 5 %.
nn Y Bilen min vart avskilta på grunn av manglande EU-kontroll, men eg har kvittering frå verkstaden på at han var godkjent 14.03. Reg.nr SU 44120. [[person_name|Geir Kvamme]], [[phone|{N:%### ####}]]
nn N E39 ved Førde er stengd på grunn av ras. Omkøyring via Rv 5.
nn N Kva tid opnar E16 over Filefjell att?
nn Y Eg er [[special_category|same]] og vil søkje om samisk språkopplæring for sonen min [[person_name|Ánde]] i barnehagen. Kommunen seier dei ikkje har ressursar. Kven kan eg klage til?
nn N Samisk språk må styrkjast i heile landet, ikkje berre i forvaltningsområdet.
nn Y Eg er [[special_category|medlem av Utdanningsforbundet]] og har fått beskjed om at kontingenten ikkje vart trekt frå på skatten. Kan de sjekke? [[person_name|Gunhild Bøe]]
nn N Utdanningsforbundet meiner lærarmangelen vil auke. Det er ikkje rart.
nn Y Naboen har sett opp eit stort bygg utan søknad på eigedommen ved sida av oss, [[address|Kyrkjevegen 14, 6800 Førde]]. Me har meldt frå i mars. [[case_reference|Ref. 24/1187-3]]. Ingen svar.
nn N Plan- og bygningslova § 20-5 seier kva som er unntatt søknadsplikt. Les den før de klagar.
nn Y Sonen min [[person_name|Magnus]] (14) har [[health|diabetes type 1]] og skulen vil ikkje gi han [[health|insulin]] på leirskulen. Kva rettar har han? [[person_name|Solveig Nes]], [[phone|{N:&# ## ## ##}]]
nn N Alle skular burde ha helsesjukepleiar kvar dag.
nn Y Eg har fått avslag på søknad om fri rettshjelp i barnefordelingssaka mi. Eg er [[health|under behandling for depresjon]] og klarer ikkje dette åleine. [[case_reference|Saksnr. 2024/22871]]
nn N Kva er inntektsgrensa for fri rettshjelp no?
nn Y Eg har D-nummer [[national_id|{DNR}]] og har jobba på fiskebruk i Båtsfjord sidan mai. Arbeidsgivar seier eg må ha skattekort. Korleis får eg det? [[person_name|Tomasz Wójcik]], [[phone|+48 {N:5## ### ###}]]
nn N Kommunen har fått 14 nye innbyggjarar frå Ukraina denne veka. Velkomne! 🇺🇦
nn Y Hei UDI. Eg har opphaldsløyve som student og skal byrje å jobbe 20 timar i veka. Treng eg å søkje om noko? [[email|lucia.romero.bergen@gmail.com]]
nn N Kvifor tek det over eit år å få svar på familiegjenforeining? Det er umenneskeleg.
nn Y Mannen min [[person_name|Kjell]] fekk [[health|hjerneslag]] i vinter og sit i [[health|rullestol]]. Me treng rampe til huset i [[address|Bakkegata 3, 6770 Nordfjordeid]]. Kommunen svarar ikkje på søknaden. Eg heiter [[person_name|Bjørg Kjellsen]].
nn N Tilskot til tilpassing av bustad frå Husbanken er ei god ordning, men søknadsskjemaet er altfor vanskeleg.
nn Y Eg har betalt eigedomsskatt for eit hus som ikkje er mitt lenger. Seld i oktober. Vil ha pengane tilbake til [[bank_account|{KONTO}]]. Fakturanr {N:2024#####}. [[person_name|Odd Magne Sande]]
nn N Kor mykje er eigedomsskatten i Stryn per 1000 kr takst?
nn Y Sjukehuset har sendt meg heim utan oppfølging etter [[health|operasjonen i ryggen]]. Eg har [[health|sterke smerter]]. Kven skal eg kontakte? [[person_name|Astrid Nygård]], [[phone|{N:%## ## ###}]]
nn N Sjukehuset i Lærdal må ikkje leggjast ned. Folk i indre Sogn treng akuttberedskap!
nn N Det går rykte om at legevakta i Nordfjord skal stengje i helgane. Stemmer det?
nn N Nei, det stemmer ikkje. Legevakta er open som før. Ring 116 117 ved behov.
nn Y Eg er [[special_category|dømd for eit ran]] i 2015 og har sona ferdig. No søkjer eg jobb som sjåfør, men politiattesten min viser framleis dommen. Kan han slettast? [[phone|{N:%#######}]]
nn N Folk som har sona, fortener ein ny sjanse. Dei fleste vil berre leve eit vanleg liv.
nn Y Eg vart utskriven frå DPS i går etter [[health|psykose]], og har ikkje fått time hos fastlegen før om tre veker. Er det lov? [[person_name|Jonas Eide]]
nn N Ventetida i psykisk helsevern er altfor lang over heile landet.
nn Y Hei Mattilsynet. Eg kjøpte fiskekaker på butikken i Stryn som var muggen inni. Best før 14.06. Varenummer {N:#############}. Eg har bilete. [[email|t.rosnes@live.no]]
nn N Mattilsynet gjer ein viktig jobb for matryggleiken vår 👏
nn Y Eg bytte bank og nytt kontonummer er [[bank_account|{KONTO: }]]. Kan Lånekassen bruke det for neste utbetaling? [[person_name|Hanna Bjørke]], fødd [[national_id|{FNR}]]
nn N Liv og lagnad står på spel når ambulansen brukar to timar. Det er ikkje greitt.
nn Y [[person_name|Liv Torunn Vatne]] heiter eg. Eg har fått faktura for ambulansetransport på 2 500 kr, men eg har frikort. Kan nokon sjå på det? Fnr [[national_id|{FNR:.}]]
nn N Bjørn sett ved Stryn sentrum i natt! Pass på husdyra 🐻
nn Y [[person_name|Bjørn Ivar Loen]] her. Eg har søkt om skadefelling av bjørn som har teke fire sauer på beitet vårt. Når får me svar? [[phone|{N:%## ## ###}]]
nn N Rovdyrpolitikken i Noreg er heilt øydelagd for bønder.
nn Y Eg har søkt om startlån i kommunen, [[case_reference|saksnummer 24/00917]], og fekk beskjed om at dei treng meir dokumentasjon. Kva dokumentasjon? Eg har sendt alt. Helsing [[person_name|Martine Lie]]
nn N Kva er renta på startlån no?
nn Y Eg er [[special_category|medlem av Senterpartiet]] og har fått beskjed om at eg ikkje kan sitje i ankenemnda i kommunen. Stemmer det? Eg vil klage på avgjerda.
nn N Senterpartiet har svikta distrikta. Dei lova oss alt og gav oss ingenting.
nn Y Hei. Mora mi har [[health|kreft]] og eg er pleiar for ho heime i [[address|Hauglandsvegen 40, 5300 Kleppestø]]. Eg søkte om omsorgsstønad for tre månader sidan. [[person_name|Kristin Øvrebø]]
nn N Takk til heimesjukepleia i Askøy, de er fantastiske ❤️
nn Y Kvifor er utbetalinga av pensjonen min redusert med 2 100 kr denne månaden? Eg har ikkje fått brev. [[person_name|Ragnvald Skjold]], [[national_id|{FNR}]], tlf [[phone|{N:&# ## ## ##}]]
nn N Pensjonistane har tapt kjøpekraft fleire år på rad. Regjeringa må ta ansvar.
nn N Statsminister Jonas Gahr Støre lova at ingen skulle tape. Kva skjedde?
nn Y Eg sende inn klage på vedtaket om bustøtte 14. februar og har ikkje fått stadfesting. Kan nokon sjekke? [[case_reference|Søknadsnummer 5529104]]. [[email|petter.aakre@gmail.com]]
nn N Korleis søkjer ein om bustøtte? Finn ikkje skjemaet.
nn Y Dottera mi [[person_name|Sunniva]] vart diagnostisert med [[health|epilepsi]] i vår og treng tilrettelegging på skulen. Rektor seier dei ikkje har pengar. Kven avgjer dette? [[phone|{N:%#######}]]
nn N Vaksinasjon av barn er viktig, men det må vere frivillig.
nn Y Eg har fått bot for å ha parkert på [[address|Strandkaien 2, 5013 Bergen]] sjølv om eg betalte i appen. Kvittering har eg. Boten er på 900 kr. [[person_name|Trine Mjelde]]
nn N Kvifor er parkeringa i Bergen sentrum så dyr? 65 kr i timen!
nn Y Eg har ikkje fått meldekortet for periode 14. Står "ikkje tilgjengeleg". Fnr [[national_id|{FNR32}]]. Kan nokon hjelpe?
nn N Det er nedetid på meldekorta i kveld frå kl 22.00 til 02.00.
nn Y Eg har [[health|cerebral parese]] og brukar [[health|elektrisk rullestol]]. Bussen til Skyss i Voss har ikkje rampe som fungerer. Eg kom ikkje på jobb tre dagar denne veka. Kven tek ansvar? [[person_name|Håvard Dale]], [[email|havard.dale@hotmail.com]]
nn N Universell utforming av kollektivtrafikken går altfor sakte.
nn N Kongen opna den nye brua over Hardangerfjorden i dag 👑
nn Y Eg har søkt om løyve til å drive sal av alkohol på kafeen vår i Kaupanger. [[case_reference|Sak 2024/112]]. Når blir det behandla i formannskapet? [[person_name|Oddny Kaupang]], org.nr {ORG}
nn N Kvifor må småbedrifter betale så mykje for skjenkeløyve?
nn Y Hei Barneombodet. Foreldra mine skal skiljast og eg vil bu hos pappa, men ingen spør meg. Eg er 13. Mamma heiter [[person_name|Linda]] og pappa heiter [[person_name|Rune]]. Kva kan eg gjere?
nn N Barneombodet gjer ein flott jobb for barna i Noreg 💙
nn Y Eg er [[special_category|katolikk]] og ønskjer at sonen min får fri frå KRLE-timane. Skulen seier nei. Kva seier lova? [[person_name|Maria Kowalczyk]]
nn N KRLE-faget er viktig for å forstå kvarandre. Alle barn bør ha det.
nn Y Straumen har vore borte i [[address|Myrvegen 9, 5700 Voss]] i tre døgn. Eg er avhengig av [[health|oksygenmaskin]]. Ring meg NO [[phone|{N:%## ## ###}]]
nn N Straumbrot i store delar av Voss etter stormen. Beredskapsrådet har møte kl 10.
nn Y Eg søkte om tilskot til drenering på garden vår, [[case_reference|søknadsnummer LT-{N:######}]], i september. Landbrukskontoret har ikkje svart. [[person_name|Sverre Tveit]]
nn N Kva tid kjem nye satsar for produksjonstilskot?
"""


# -------------------------------------------------------------------------------------- English

BLOCK_ENGLISH_1 = r"""
en Y Hi NAV, I applied for unemployment benefits (dagpenger) 6 weeks ago and still no answer. My D-number is [[national_id|{DNR}]]. Can someone please check? Phone [[phone|+47 {N:%## ## ###}]]
en N Why is the NAV website only in Norwegian? Lots of us pay taxes here too.
en N The English version of nav.no is actually pretty good now, just found it. Top right corner.
en Y I moved to Norway from Spain in March and I still don't have a tax card. My employer deducts 50%! My name is [[person_name|Carlos Jiménez]], D-number [[national_id|{DNR: }]], email [[email|carlos.jimenez.vg@gmail.com]]
en N How long does it take to get a D-number these days? Asking for a colleague who starts in August.
en Y Hello Skatteetaten, I received a tax refund but it was sent to my old Polish account. Please use my Norwegian account [[bank_account|{KONTO:.}]] instead. Thanks, [[person_name|Piotr Kowalski]]
en Y My wife [[person_name|Anna]] is [[health|pregnant]] and we want to apply for parental benefit, but she has only worked here for 4 months. Is she entitled to anything? Call me: [[phone|{N:%#######}]]
en N Norway's parental leave is amazing compared to the US. 👶
en Y UDI, my residence permit application ([[case_reference|case number 24/118302]]) was submitted in November. I have a job offer that expires next month. Please help!! [[phone|+91 {N:98### #####}]]
en N UDI processing times are a joke. 11 months for a skilled worker permit.
en Y I have been on [[health|sick leave due to burnout]] since January and my employer says NAV hasn't paid them back. Can someone look into it? [[person_name|Jessica Moore]], personal number [[national_id|{FNR}]]
en N Does anyone know if sick leave from a doctor in Sweden is valid in Norway?
en Y Hi, I'm a PhD student at NTNU and Lånekassen rejected my application because I'm not a Norwegian citizen. I have permanent residence! [[case_reference|Application ID 8837261]]. [[email|wei.zhang@stud.ntnu.no]]
en N Lånekassen only supports EU/EEA students in some cases, read the rules first.
en Y Our son [[person_name|Liam]] has [[health|type 1 diabetes]] and the kindergarten says they can't give him [[health|insulin]]. We're new in Stavanger. Who do we talk to? [[person_name|Sarah O'Connor]] [[phone|+353 87 {N:### ####}]]
en N Stavanger kommune has a great welcome centre for international families, highly recommend!
en Y Hello, I am [[special_category|Muslim]] and my daughter is being forced to eat pork at her school lunch. The school ignores my emails. We live at [[address|Tordenskjolds gate 12, 4012 Stavanger]]. [[person_name|Khadija Yusuf]]
en N Schools should respect all religions but also can't cook 20 different menus. Be reasonable.
en Y I was fined 2 500 NOK on the bus (line 31) because the Ruter app crashed. I have a screenshot of my ticket. Can I complain somewhere? [[email|tom.baker1987@outlook.com]]
en N Ruter's app crashes every single morning. Fix it!!
en Y The police still haven't returned my passport after I reported it stolen and it was found. [[case_reference|Report number 14902281]]. I fly home on the 17th. [[person_name|Mark Davies]], [[phone|+44 79{N:## ######}]]
en N What's the police non-emergency number in Norway? Is it 02800?
en N Yes, 02800. For emergencies call 112.
en Y I'm a refugee from Syria and have been diagnosed with [[health|PTSD]]. NAV wants me to start a language course full-time, but my psychologist says I'm not ready. What can I do? [[person_name|Omar Haddad]], [[national_id|{FNR: }]]
en N Mental health services for refugees in Norway are really underfunded.
en Y I paid my car tax twice by mistake, 3 090 NOK each time. How do I get a refund? Account: [[bank_account|{IBAN}]], reg. no. EK 98712. Thanks, [[person_name|Laura Fischer]]
en N Does the Norwegian road toll apply to electric cars now? Just moved here.
en Y Hi Statens vegvesen, I want to exchange my UK driving licence for a Norwegian one. Applied in January, still nothing. [[case_reference|Reference SVV-2024-00{N:#####}]]. [[phone|+47 {N:%### ####}]]
en N Brits can exchange their licence within one year of moving to Norway. After that you need to take the test.
en Y My landlord at [[address|Kongens gate 22B, 7011 Trondheim]] kept my deposit of 24 000 NOK. Is there any public office that can help? [[person_name|Ahmed Said]], [[email|ahmed.said.trd@gmail.com]]
en N Trondheim is lovely in the summer, thanks for the great guide on your page!
en Y Dear Skatteetaten, I left Norway in 2022 but still got a tax assessment for 2023?? My Norwegian ID number: [[national_id|{FNR:-}]]. I now live in Canada. [[phone|+1 (416) 555-01{N:##}]]
en N How do I deregister from the National Population Register when moving abroad?
en Y I'm 8 months [[health|pregnant]] and my midwife appointment was cancelled 3 times. I have [[health|gestational diabetes]]. Please, who can I contact?? [[person_name|Priya Nair]]
en N Maternity care in rural Norway is seriously lacking. My friend had to drive 3 hours to give birth.
en Y Hello, I'm a [[special_category|Sámi]] reindeer herder and NAV keeps asking for income documentation that doesn't exist in our business model. [[case_reference|Case 23/09981]]. Who understands reindeer husbandry at NAV?
en N The Sámi Parliament should have more say in land use decisions.
en Y My mother [[person_name|Grace Thompson]] is visiting from the US and was [[health|hospitalized]] in Tromsø with [[health|pneumonia]]. Who do we contact about the bill? [[email|grace.t.family@icloud.com]] [[phone|+1 (907) 555-01{N:##}]]
en N Tourists need travel insurance in Norway. The hospitals will bill you.
en Y I'm [[special_category|gay]] and applied for asylum 18 months ago. I have no news and I'm scared of being sent back to Uganda. My DUF number is [[case_reference|{N:20## ###### ##}]]. Please respond.
en N Norway should fast-track LGBTQ asylum seekers from countries where it's illegal.
en Y Hi! My name is [[person_name|Sophie Martin]], and my registration at [[address|Møllergata 18, 0179 Oslo]] says the wrong apartment number. Post keeps going to my neighbour. How do I fix this? [[national_id|{DNR:-}]]
en N Anyone know if the tax office at Helsfyr takes walk-ins?
en N Thank you @Skatteetaten for the English webinars for international workers, super helpful 🙌
en Y My NAV caseworker [[person_name|Kristian Hol]] was really rude to me on the phone yesterday and hung up. I want to file a complaint. My case number is [[case_reference|2024/77412]]. [[phone|{N:%## ## ###}]]
en N Don't be rude to NAV staff, they're just doing their job under impossible conditions.
en Y I was diagnosed with [[health|breast cancer]] last month and can't work. My employer says I need to apply for sickness benefit myself? I'm self-employed, org no. {ORG: }. [[person_name|Emily Watson]]
en N Cancer treatment in Norway is world class. Grateful for our public health system.
en Y I received a letter from Lånekassen saying I owe 45 000 NOK because I didn't complete my courses, but I was [[health|hospitalized with appendicitis]] during exams! How can I appeal? [[person_name|Lucas Dubois]], [[email|lucas.dubois@protonmail.com]]
en N When does the new semester's student loan get paid out?
en Y Hi, I'm trying to pay my fine from the police but the KID {KID:12} doesn't work. The amount is 4 200 NOK. Which account do I use? [[person_name|Andrea Rossi]]
en N KID numbers are 10-25 digits, make sure you didn't miss one.
en Y My son [[person_name|Noah]] was refused a place at the school closest to us in [[address|Sognsveien 64, 0855 Oslo]]. He has [[health|autism]] and needs a short walk. We appealed, [[case_reference|ref 24/22391-2]]. Still waiting.
en N Why is every public website in Norway using BankID? Foreigners can't get one for months.
en N You can get MinID with a D-number, it works on most sites.
en Y I'm a [[special_category|member of the Labour Party]] and work at the municipality. My boss told me to stop posting political stuff on my private Facebook. Is this legal? [[person_name|Daniel Smith]]
en N The Labour Party has lost touch with working people. Just my opinion.
en Y Good morning. I applied for family immigration for my husband [[person_name|Juan Pablo Herrera]] in Colombia. UDI asks for documents we already sent twice. [[case_reference|Application no. FAM-{N:########}]]. [[email|maria.herrera.nor@gmail.com]]
en N Family immigration rules in Norway are stricter than in most of Europe. That's by design.
en Y Our apartment at [[address|Storgata 51, 9008 Tromsø]] has had no hot water for 2 weeks. The landlord is the municipality (kommunal bolig). Please send someone! [[phone|{N:%#######}]]
en N Tromsø kommune has posted that the water will be shut off in Storgata on Tuesday from 09:00–14:00.
en Y I'm on [[health|antidepressants]] and my doctor says I shouldn't work full time. NAV wants me in a 100 % work placement. Can they force me? [[person_name|Hannah]]
en N Why does NAV always think everyone can work? Some people are genuinely sick.
en Y I need a copy of my criminal record certificate for a job in the UK. I was [[special_category|convicted of shoplifting]] in 2019. Will that show up? [[person_name|Jake Wilson]], [[phone|+44 20 7946 0{N:###}]]
en N How long does a police certificate take? Need it for a volunteer job.
en Y Please change my bank account for child benefit to [[bank_account|{KONTO: }]]. The old one at DNB is closed. Personal ID: [[national_id|{FNR}]], [[person_name|Rebecca Lindholm]]
en N Child benefit is paid on the last working day of the month, right?
en Y Hi NAV, I'm from Lithuania and worked 5 years in Norway. Now I'm back home and want to apply for unemployment. Can I use my Norwegian periods? [[email|tomas.petrauskas@gmail.com]], [[phone|+370 6{N:## #####}]]
en N The EEA rules on unemployment benefits are confusing for everyone, even lawyers.
en Y My father [[person_name|Ivan Petrov]] has [[health|dementia]] and lives in a care home in Bærum. The municipality increased the fee to 38 000 NOK a month. We want to appeal. [[case_reference|Reference 2024/44109]]
en N Care homes in Bærum are excellent. My grandmother is very well looked after.
en Y I've been waiting for 3 months for the new passport for my daughter [[person_name|Olivia]]. Order no. {N:%#######}. We're travelling on 2 June! [[person_name|Natalie Brooks]], [[phone|{N:%### ####}]]
en N The passport office in Oslo is fully booked for the next 8 weeks. Insane.
"""

BLOCK_ENGLISH_2 = r"""
en Y hi my name is [[person_name|Abdi Warsame]], my nav payments stopped after i moved to [[address|Hamarveien 15, 2317 Hamar]]. i sent the change of address form. please call [[phone|{N:%## ## ###}]] thank you
en N lol the nav chatbot just told me to contact nav 🤡
en Y I'm a Ukrainian refugee and the municipality hasn't paid my introduction programme benefit for April. My case officer is [[person_name|Ingvild]] but she is on holiday. [[phone|+380 {N:6# ### ## ##}]] / [[phone|{N:%#######}]]
en N Thank you Norway for welcoming Ukrainians 🇺🇦❤️🇳🇴
en Y I had a work accident on a construction site in Bergen and [[health|broke my leg]]. My employer says I'm not covered because I'm from Poland. Is that true? [[person_name|Jakub Lewandowski]], D-number [[national_id|{DNR}]]
en N Workers' rights don't depend on nationality in Norway. Contact Arbeidstilsynet.
en Y Hello Mattilsynet, I bought a dog from a breeder in Lithuania and now he has parvovirus (the dog, not me 😅) The breeder's email is [[email|baltic.puppies.kennel@gmail.com]]. Who handles this?
en N Please don't buy puppies online from abroad. Adopt from Dyrebeskyttelsen instead.
en Y Dear Barneombudet, my 12 year old daughter [[person_name|Mia]] is being bullied at school in Lillestrøm and the school does nothing. She has [[health|anxiety]] and doesn't want to go to school any more. Where can we get help?
en N Bullying is taken much more seriously in Norwegian schools now than 20 years ago.
en Y I'm [[special_category|Jewish]] and I want to report a hate comment on your page from yesterday. Also I wonder if hate speech is handled by the police? My contact: [[email|d.rosenberg@online.no]]
en N Please keep the comment section respectful. We remove comments that contain hate speech.
en Y Tax return question: I rent out a room in my apartment at [[address|Thorvald Meyers gate 40, 0555 Oslo]] for 6 000 NOK/month. Do I need to declare it? It's less than half the rental value.
en N Renting out less than half of your home is tax-free if it's your own residence, see skatteetaten.no.
en Y Hi, I've been in Norway on a work permit since 2019 and my permanent residence was rejected, because of a [[special_category|drunk driving conviction]] from 2021. Can I appeal? [[person_name|Sean Murphy]], [[email|sean.murphy.oslo@gmail.com]]
en N Why does a DUI matter for permanent residence? It's already punished.
en Y I'm a [[health|wheelchair user]] ([[health|spinal cord injury]]) and the NAV office in Grünerløkka has no accessible entrance. I had a meeting there today and had to wait outside. Not OK! [[person_name|Erik Lindström]]
en N Grünerløkka is full of cafés but not full of ramps 😒
en Y my IBAN for the refund is [[bank_account|{IBAN:c}]] pls send asap, already waiting 2 months. [[case_reference|tax ref 2024/0099817]]
en N What's the exchange rate Skatteetaten uses for foreign income? 11.5 NOK per EUR?
en Y Hello, I'm a nurse from the Philippines and I need my Norwegian authorization from Helsedirektoratet. Submitted in September, [[case_reference|reference HPR-SØK-{N:######}]]. Any update? [[phone|+63 9{N:## ### ####}]]
en N Norway needs more nurses. Make authorization faster for foreign nurses!
en Y I'm [[health|HIV positive]] and need to renew my medication prescription, but my GP has retired. I'm not on any list. Please help, [[email|anon.oslo.84@proton.me]]
en N HIV is not a death sentence any more, treatment works. Get tested!
en Y We have a [[special_category|Catholic]] wedding planned and I need my name change to be registered before the wedding. I sent the form in April. Name: [[person_name|Isabella Nordstrand]], ID [[national_id|{FNR:.}]]
en N Lovely photo of the Nidaros Cathedral on your page today!
en Y Hi Statens vegvesen, the speed camera on E6 near Mortenhals fined me 6 300 NOK but my car is registered in Finland. I wasn't even driving that day, my colleague [[person_name|Mikko Virtanen]] was. [[case_reference|Reference SAK-{N:########}]]
en N How much is the fine for 15 km/h over the limit in an 80 zone? Asking before my road trip 🚗
en Y My elderly neighbour [[person_name|Helga Mo]] has fallen twice this week and lives alone at [[address|Skogveien 3, 1406 Ski]]. She has no family. Who in the municipality should I call? My number [[phone|+47 {N:%#######}]]
en N Call 113 if someone is hurt, 112 if there is danger.
en Y Hello, I paid the wrong amount in my tax bill: 12 540 NOK instead of 1 254 NOK 🤦 Can I get the difference back to [[bank_account|{KONTO}]]? My name is [[person_name|Oliver Bennett]]
en N Finally got my tax card in English, thanks Skatteetaten!
en Y My husband and I have a [[special_category|criminal record]] from Germany (old drug case from 2010) and we are applying for citizenship now. Does UDI check foreign records? [[person_name|Klaus Becker]]
en N Norway's citizenship test is harder than the Norwegian exam at school lol
en Y I've been [[health|deaf]] since birth and I need a sign language interpreter for my NAV meeting on 14 March. Nobody answers my requests. Can you help? [[email|signe.hearing@outlook.com]]
en N NAV should have a text-based service for deaf people. Phones aren't for everyone.
en Y Good afternoon. I received a bill from Sykehuset Østfold for 3 400 NOK for an [[health|MRI of my knee]], but I have an exemption card. Invoice no. {N:8#########}. [[person_name|Martina Costa]], [[phone|+39 3{N:## ### ####}]]
en N Hospital bills in Norway are tiny compared to the US. Stop complaining.
en Y As a [[special_category|Hindu]] I want to know why the municipality will not allow cremation ceremonies outdoors by the river. I applied for a permit, [[case_reference|case 23/6612]], and got a no. [[person_name|Rajesh Kumar]]
en N Religious freedom doesn't mean you can do anything you want in public spaces.
en Y I'm [[health|blind]] and your new website doesn't work with my screen reader. I can't log in to see my case at all. [[person_name|Anders Wikström]], tel [[phone|+46 70 {N:### ## ##}]]
en N Great to see the new accessibility statement on your website.
en Y My company org. no. {ORG} got a VAT bill of 83 000 NOK that I think is wrong. The accountant [[person_name|Lisa Berg]] says the return was filed on time. What now? [[email|finance@nordvik-consulting.no]]
en N VAT is 25% in Norway, 15% on food, 12% on transport. Pretty high.
en Y Hey UDI, what's happening with my visa? I sent the documents via post to [[address|Postboks 2098 Vika, 0125 Oslo]] three weeks ago. [[case_reference|Case 24/0041187-1]]. My email [[email|b.nguyen.visa@gmail.com]]
en N UDI's postal address is on their website, don't send original documents by post though.
en Y My daughter [[person_name|Amelia]] needs a new [[health|cochlear implant]] processor and the hospital says it's not covered. Who decides this? [[person_name|James Carter]], [[phone|+47 {N:%# ## ## ##}]]
en N Norway spends more on health per person than almost any other country.
en Y I want to report my former employer for not paying my holiday pay. I'm a [[special_category|union member]] but the union says I should go to the authorities myself. [[person_name|Marta Silva]], [[phone|+351 91{N:# ### ###}]]
en N Unions in Norway are strong, join one!
en Y Why did I receive a letter saying my D-number will be deactivated?? I still live here! D-number [[national_id|{DNR:.}]]. Please fix.
en N D-numbers are not deactivated, but they can be marked as inactive if not used for 5 years.
en Y I live at [[address|Fjellgata 8, 9405 Harstad]] and a landslide last night damaged our driveway. Is it the municipality's road or ours? [[person_name|Kevin Larsen]]
en N Landslide warning for Troms from tonight! Stay safe everyone.
en N Is it true the airport in Tromsø is closed because of a bomb threat??
en N No, the airport is open. Delays are due to weather. Please do not spread unverified info.
en Y Hi, I was in prison in Norway ([[special_category|served 2 years at Ila]]) and now I want to apply for social assistance to find a home. Who do I talk to? [[person_name|Ali Reza]]
en N Norwegian prisons are focused on rehabilitation. That's why recidivism is so low.
en Y Help! My Norwegian bank account was closed and my salary is being paid to [[bank_account|{IBAN}]] instead. Will NAV pay my sick pay to a foreign account? [[person_name|Hugo Lefèvre]]
en N Can NAV pay benefits to foreign bank accounts? Curious.
en Y I applied for an EU registration certificate on 3 May, [[case_reference|reference EU-24-{N:######}]]. I need it for my bank account. Still waiting. [[person_name|Dorota Wiśniewska]], [[phone|+48 {N:6## ### ###}]]
en N Norway's bureaucracy is actually efficient compared to Italy 😂
en Y I think my [[health|bipolar disorder]] diagnosis was shared with my employer by NAV without my consent. Who do I complain to? [[person_name|Joanna]]
en N Health data should never be shared with employers. Period.
en Y hi i sent my tax return but forgot my kindergarten costs (39 000 nok). can i change it? my number [[national_id|{FNR}]]
en N What's the deadline for the tax return this year? April 30?
en Y Hello Helsenorge, I can't see my son's vaccination record in the app. His name is [[person_name|Leo]] and he is 4. Can you help? I'm [[person_name|Chloe Anderson]], [[email|chloe.anderson@live.com]]
en N Vaccinate your kids. Measles is back in Europe.
"""


# ------------------------------------------------ more bokmål: identifiers, formats, hard cases

BLOCK_MER_NB = r"""
nb Y Hei\nJeg har ikke fått barnetrygd for mai.\nFnr: [[national_id|{FNR}]]\nKonto: [[bank_account|{KONTO:.}]]\nMvh [[person_name|Siri Bakke]]
nb Y pnr [[national_id|{FNR}]] sjekk saken min plz, har venta 3 mnd 🙏🙏
nb Y Jeg har [[special_category|sonet 18 måneder]] og har vært ute siden mars. Fikk tilbud om bolig fra kommunen, men den er i samme oppgang som mannen jeg ble [[special_category|dømt for å ha skadet]]. Kan jeg få en annen? [[person_name|Robin Aasheim]], [[email|robin.aasheim@hotmail.no]]
nb N Alle fortjener en ny sjanse etter soning, men ofrene må også beskyttes.
nb Y Min mor fikk H-nummer [[national_id|{HNR}]] på Ullevål fordi hun ikke hadde norsk fødselsnummer. Nå får hun regninger i to navn. Hvem rydder opp? [[email|a.rahmani.familie@gmail.com]]
nb Y Far ble registrert med FH-nummer [[national_id|{FHNR}]] da han ble [[health|innlagt på akutten]]. Nå finner ikke fastlegen journalen. Hvem kan slå sammen dette? [[person_name|Gunnar Eliassen]], [[phone|{N:%## ## ###}]]
nb N Hva er egentlig et FH-nummer? Aldri hørt om det før
nb N FH-nummer er et felles hjelpenummer som helsevesenet bruker når de ikke kjenner personens fødselsnummer.
nb Y Hei, vi er [[special_category|pinsevenner]] og ønsker at datteren vår skal få fritak fra ett av arrangementene i skolens Halloween-feiring. Rektor svarer ikke på e-post. [[person_name|Jostein Rønning]], [[email|jostein.ronning@lyse.net]]
nb N Skolen burde ikke feire Halloween i det hele tatt. Amerikansk tull.
nb Y Kan dere sende meg kopi av vedtaket på e-post? [[email|berit.solum (at) gmail.com]]. Personnummer [[national_id|{FNR:-}]]
nb N Vi sender aldri vedtak med personopplysninger på e-post. Logg inn på Ditt NAV for å se vedtaket.
nb Y hei har sendt søknad om bostøtte men fått melding om at "kontonummer mangler". kontonr er [[bank_account|{KONTO}]] 😩 hva mer vil dere ha??
nb N Bostøtte utbetales den 20. hver måned, men kan komme tidligere ved helg.
nb Y Jeg søkte om dispensasjon fra kravet om norskprøve fordi jeg er analfabet og har [[health|lærevansker]]. Har ventet i 10 mnd. [[case_reference|UDI-ref 2023/118294]], [[person_name|Halima Osman]]
nb N Bare så dere vet: fakturanummeret på strømregninga mi er {BADFNR}, og den er dobbelt så høy som i fjor. Takk for strømstøtte, NOT.
nb N Målernummer {BADFNR} har vist feil forbruk i to år ifølge nettselskapet. Hvem fører tilsyn med slikt? #strøm #RME
nb Y Trygdesvindel? Jeg? Jeg har fått brev om at jeg er [[special_category|anmeldt for trygdesvindel]] fordi jeg jobbet mens jeg fikk dagpenger. Det var frivillig arbeid i idrettslaget!! [[case_reference|Sak 23/88123]] [[person_name|Ole Martin Krogh]]
nb N NAV anmelder altfor mange for trygdesvindel. Halvparten blir henlagt.
nb Y Ny adresse fra 1. juni: [[address|Trondheimsveien 210 C, 0570 Oslo]]. Vil at brevet om barnebidrag sendes dit. [[national_id|{FNR: }]]
nb N Trondheimsveien er stengt mellom Carl Berners plass og Sinsen i hele juli pga. trikkeskinner.
nb Y Jeg heter [[person_name|Sol Andersen]] og har fått beskjed om at pensjonen min er beregnet med feil trygdetid. Jeg bodde i Danmark 1975–1982. Kan dere ringe meg på [[phone|{N:&# ## ## ##}]]?
nb N Sol, sommer og ferie – husk å sjekke at passet er gyldig før dere reiser! ☀️🧳
nb Y Hei. Jeg har vært [[special_category|siktet for underslag]] i to år nå uten at saken er avgjort. Jobben står på vent. Hvorfor tar det så lang tid? [[case_reference|Straffesaksnummer 14119283]]
nb N Saksbehandlingstiden i økokrimsaker er alt for lang, både for ofre og mistenkte.
nb Y Til dere som svarer på Facebook: Jeg har ringt 4 ganger om kontonummeret. Det skal være IBAN [[bank_account|{IBAN}]] fordi jeg bor i Spania nå. [[person_name|Reidun Haraldsen]], pensjonist
nb N Hvordan får pensjonister i utlandet utbetalt pensjonen? IBAN?
nb N Husk at du kan sende meldekort fra mandag kl. 08.00. Siste frist er fredag kl. 23.00.
nb Y Jeg er [[special_category|kven]] og har søkt om støtte til et kvensk språkkurs for barna. Fikk avslag fordi det "ikke er et minoritetsspråk". Det er feil! [[case_reference|Søknad 24/00321]]
nb N Kvensk er et nasjonalt minoritetsspråk i Norge, det burde alle vite.
nb Y Innbetalt 1 250 kr for mye i barnehagepenger. Kan dere betale tilbake til [[bank_account|{KONTO: }]]? KID på fakturaen var {KID:11}. Mvh [[person_name|Henriette Wiik]]
nb N KID 0000123456789 er ikke gyldig, sjekk fakturaen på nytt.
nb Y @NAV @Skatteetaten hvem av dere har skylda for at jeg har fått to krav på samme beløp??? 14 560 kr hver!!! f.nr [[national_id|{FNR:.}]] #frustrert
nb N @NAV svar på meldinger da!! #nav #kø
nb Y Vi er et [[special_category|lesbisk par]] og har fått barn ved [[health|assistert befruktning]] i Danmark. Medmor-registreringen blir avvist i Folkeregisteret. Jeg har foreldreansvar, hvorfor står jeg ikke som forelder? [[person_name|Ragnhild Moe]]
nb N Likestilling for regnbuefamilier burde være en selvfølge i 2024. 🏳️‍🌈
nb Y Jeg har fått brev om at tilskuddet til hjemmeladeren trekkes tilbake. Kontoen jeg fikk pengene til var [[bank_account|{KONTO:.}]], men den tilhører min tidligere ektefelle [[person_name|Terje Nordhagen]]. Hjelp
nb N Hvorfor er kommunens e-postadresse ikke oppgitt noe sted? Jeg vil sende en klage
nb N Du finner den på nettsiden: [[email|postmottak@baerum.kommune.no]] 👍
nb Y [[email|postmottak@nav.no]] svarer ikke. Jeg sendte dokumentasjon dit 3. mai om [[health|kneoperasjonen]] min, og nå sier dere at dere ikke har fått noe. Mob [[phone|{N:%#######}]]
nb N Send aldri sensitiv informasjon på vanlig e-post, bruk innlogget tjeneste.
nb Y hallo, hvorfor får jeg ikke åpnet brevet fra dere i Digipost? Står "dokumentet er ikke tilgjengelig". fnr [[national_id|{FNR32:-}]]
nb N Digipost-problemer i dag for flere? Får ikke åpnet noe.
nb Y Fikk avslag på AAP fordi [[health|kreftbehandlingen]] er "avsluttet". Men jeg har [[health|senskader]] og [[health|fatigue]] og klarer ikke jobbe! Klagen er sendt, [[case_reference|saksnummer 2024/887123]]. [[person_name|Karin Eggen]], [[email|karin.eggen@broadpark.no]]
nb N Senskader etter kreft er et stort og oversett problem.
nb Y Jeg har betalt for mye forskuddsskatt for enkeltpersonforetaket mitt. Org nr {ORG: }. Vil ha tilbake til [[bank_account|{KONTO:.}]]. Spørsmål? Ring [[phone|{N:%### ####}]] eller [[email|elin@elinsfotografi.no]]
nb N Enkeltpersonforetak har det verst av alle med dagens skatteregler.
nb Y Hei! Jeg lurer på hvorfor søknaden om lån fra Lånekassen står som "mottatt" i 8 uker. Fødselsnr: [[national_id|{FNR}]], e-post [[email|jonas.fjeld01@gmail.com]]
nb N versjon 4.12.3 av NAV-appen krasjer på iPhone med iOS 17.4.1. Noen andre?
nb N Appen er oppdatert til 4.12.4 og feilen skal være rettet. Gi beskjed om det fortsatt er problemer.
nb Y [[person_name|Per]] her, 67 år. Jeg får ikke søkt om alderspensjon digitalt fordi jeg ikke har BankID. Kan dere sende skjema til [[address|Nordre gate 14, 7300 Orkanger]]? Fnr [[national_id|{FNR}]]
nb N Pris per måned for bredbånd har økt med 20 % i år. Hvorfor har ikke staten noe å si?
nb Y Fikk brev fra kommunen om at jeg skylder 6 700 kr for SFO, men [[person_name|Tobias]] sluttet i desember. Vi har sagt opp skriftlig. [[case_reference|Saksnr 2024/12345]]? Står det på brevet. [[phone|{N:%# ## ## ##}]]
nb N Har kommunen tenkt å gjøre noe med kaoset i Tollbodgata? Trafikken står hver morgen 07.30-08.30
nb Y Jeg er [[special_category|LO-medlem]] og min arbeidsgiver har trukket kontingent, men den vises ikke i skattemeldingen. Kan dere sjekke med LO? [[national_id|{FNR:.}]]
nb N LO har 1 million medlemmer nå, imponerende.
nb Y Nabo har [[health|psykiske problemer]] og har truet meg flere ganger. Jeg bor i [[address|Sagveien 3, 0459 Oslo]] og er redd. Han heter [[person_name|Svein]] og bor i nr 5. Hva gjør politiet?
nb N Ved trusler, ring politiet på 02800 eller 112 ved akutt fare. Vi kan ikke følge opp saker her.
nb Y KONTONUMMER ENDRET: [[bank_account|{KONTO}]]. Vær så snill å oppdatere før neste utbetaling av uføretrygd. [[person_name|Bjarne Lorentzen]]
nb N Pass på: svindlere ber folk "bekrefte kontonummer" på telefon. NAV gjør aldri det.
nb Y Noen har brukt mitt personnummer [[national_id|{FNR}]] til å søke om lån!! Har anmeldt det, [[case_reference|anmeldelse nr. 15663092]]. Hva gjør jeg nå? 😭
nb N Identitetstyveri øker kraftig. Sperr kreditten din hos kredittopplysningsbyråene.
nb Y Vi leverte inn nabovarsel for tilbygg på [[address|Kirkeveien 88 B, 1344 Haslum]] for 5 uker siden. Byggesaksbehandler [[person_name|Ole Kristian Ruud]] har vært [[health|syk]], hvem har saken nå? [[email|familien.berntsen@altibox.no]]
nb N Saksbehandlingstid for byggesaker er 12 uker etter loven. Fristen brytes hele tiden.
nb Y Hei. Jeg er tidligere [[special_category|medlem av Jehovas vitner]] og har blitt utestengt fra familien. Jeg trenger hjelp til bolig og økonomi. Hvor starter jeg? [[person_name|Mona]]
nb N Staten burde ikke gi statsstøtte til trossamfunn som utstøter medlemmer.
nb Y hei!! kan dere sjekke kontonr mitt, tror jeg har skrevet feil. skal være [[bank_account|{KONTO:.}]] (står [[bank_account|{KONTO:.}]] på min side)
nb N Hva er kontonummeret for innbetaling av parkeringsgebyr? Finner det ikke på nettsiden.
nb Y Det er min mann [[person_name|Kjetil]] som er [[health|hjertesyk]], men han orker ikke å skrive selv. Han har fått brev om at han må møte til arbeidsevnevurdering i Moss kl 08.00. Vi bor i Halden og han kan ikke kjøre. [[phone|{N:%## ## ###}]]
nb N Hvordan blir man egentlig vurdert i en arbeidsevnevurdering? Noen erfaringer?
nb Y Hei, jeg har byttet navn etter skilsmissen og heter nå [[person_name|Linn Kristin Aamodt]]. Lånekassen bruker fortsatt gammelt navn. Fnr [[national_id|{FNR: }]]
nb Y Jeg er [[special_category|medlem av MDG]] og ble nektet å henge opp plakat på kommunens oppslagstavle, mens Høyre fikk lov. Er ikke det forskjellsbehandling? [[email|gronn.kari@gmail.com]]
nb N MDG vil ha bompenger overalt. Nei takk.
nb Y Dette er fjerde gang jeg skriver. Saken min om tilbakebetaling er IKKE løst. [[case_reference|Saksnummer 23/99014-12]]. Kontonummer [[bank_account|{KONTO: }]]. Telefon [[phone|0047 {N:%#######}]]. Gjør jobben deres!
nb N Alle dere som klager i kommentarfeltet, vet dere at NAV ikke kan svare på enkeltsaker her? Send melding på nav.no i stedet for å legge ut fødselsnummeret ditt for hele verden 🙄
nb Y Jeg har [[special_category|fotlenke]] og må være hjemme mellom 22 og 06, men NAV-kurset er på kveldstid. Kan jeg få fritak? Kriminalomsorgen sier jeg må spørre dere. [[phone|{N:%#######}]]
nb Y Når jeg ringer [[phone|55 55 33 33]] får jeg beskjed om å ringe [[phone|55 55 33 34]]?? Og der får jeg beskjed om å ringe det første nummeret. Jeg vil bare vite om klagen min er mottatt. [[person_name|Karsten Ruud]]
nb N Dere må få ned ventetiden på telefon. 55 minutter i går.
nb Y Flyttet til Norge fra Sverige og fikk D-nummer [[national_id|{DNR:-}]] i stedet for fødselsnummer. Hvorfor? Jeg skal bo her fast. [[person_name|Elsa Lindgren]] [[email|elsa.lindgren@telia.com]]
nb N Det tar 4-6 uker å få fødselsnummer etter flyttemelding hos Skatteetaten nå.
nb Y Hei. Jeg er 17 og har [[health|anoreksi]], og mamma vet ikke at jeg skriver her. Kan jeg få hjelp uten at foreldrene mine får vite det? Ikke svar her, skriv til [[email|anonym.17.hjelp@gmail.com]]
nb N Ungdom kan ha rett på helsehjelp uten foreldrenes samtykke fra de er 16.
nb Y Vi har søkt om fritak for eiendomsskatt på grunn av lav inntekt. [[case_reference|Sak nr 24/3318-2]]. Huset ligger i [[address|Mølleveien 7, 4400 Flekkefjord]]. Mvh [[person_name|Inger]] og [[person_name|Harald Vestbø]]
nb N Hva er takstgrunnlaget for eiendomsskatten i Flekkefjord? 0,2 % eller 0,4 %?
nb Y Jeg har fått nytt IBAN: [[bank_account|{IBAN}]] siden jeg flyttet til Portugal. Gjelder alderspensjonen fra mai. [[person_name|Gerd Aune]], f. [[national_id|{FNR}]]
nb N Hvor mange nordmenn bor i Spania som pensjonister? Over 30 000?
nb Y Har fått påvist [[health|long covid]] og har vært [[health|100 % sykmeldt]] i 11 måneder. NAV sier at sykepengene stopper etter 52 uker. Hva da?? Kontakt: [[email|trine.l.haug@gmail.com]] / [[phone|{N:%## ## ###}]]
nb N Long covid er en reell sykdom. Slutt å bagatellisere det.
nb Y Hei! Vi tester BankID-innlogging med syntetisk testperson [[national_id|{TENOR:-}]] fra Tenor, men får "ukjent bruker" i testmiljøet. Har det skjedd noe med testdataene?
nb N Hvor ofte oppdateres testdataene i Tenor? Noen som vet?
"""


# --------------------------------------------------- more nynorsk and English: identifiers, formats

BLOCK_MER_NN = r"""
nn Y Hei\nEg har fått nytt kontonummer: [[bank_account|{KONTO:.}]]\nGjeld både uføretrygd og bustøtte.\nHelsing [[person_name|Ingvar Tveito]]\n[[national_id|{FNR}]]
nn Y Kan de sende vedtaket til [[email|anne.kari.hole@online.no]]? Eg har ikkje Digipost. Personnummeret mitt er [[national_id|{FNR: }]]
nn Y eg er [[special_category|medlem av Fagforbundet]] og tillitsvald på sjukeheimen. leiinga nektar oss å ta pause. kven skal me melde det til? [[email|fagforbundet.tillitsvald.lid@gmail.com]]
nn N Fagforbundet har rett: sjukeheimane manglar folk overalt.
nn Y Pengane frå Lånekassen gjekk til feil konto. Riktig konto er [[bank_account|{KONTO}]]. Fødselsnummer [[national_id|{FNR:.}]]. Takk!
nn Y Eg vart [[special_category|dømd for køyring i rus]] i 2020. No vil eg søkje om førarkort att. Kva må eg gjere? [[person_name|Kjartan Flatebø]], [[phone|{N:%## ## ###}]]
nn N Kor lang tid tek det å få førarkortet att etter tap av førarrett?
nn Y Hei Skatteetaten. Eg budde i Danmark i fjor og har fått skatteoppgjer i begge land. Tilgodebeløpet vil eg ha på norsk konto, IBAN [[bank_account|{IBAN}]]. [[email|s.hammer@lyse.net]]
nn Y Eg er [[special_category|buddhist]] og vil ikkje at dottera mi skal vere med på skulegudstenesta. Skulen seier ho må vere med. Er det lov? [[person_name|Lan Nguyen]], [[email|lan.nguyen.bergen@gmail.com]]
nn N Skulegudsteneste før jul er tradisjon, ikkje tvang. Slapp av.
nn Y Eg har D-nummer [[national_id|{DNR:-}]] og får ikkje logge inn på MinID. Eg må sende meldekort. Kan de hjelpe? [[email|oleksandr.bondar@ukr.net]]
nn N Tips: Du kan få MinID med D-nummer, men det tek tid å få koden i posten.
nn Y Har betalt parkeringsgebyr to gonger, 750 kr kvar gong. Ver venleg og betal tilbake til [[bank_account|{KONTO: }]]. KID {KID:10}. Mvh [[person_name|Tone Fosse]]
nn N Kvifor kostar det 750 kr å parkere feil i 5 minutt? Det er ran.
"""

BLOCK_MER_EN = r"""
en Y Hi,\nPlease update my email to [[email|m.kowalczyk.work@gmail.com]] – the old one ([[email|maciek1985@wp.pl]]) no longer works.\nBirth number: [[national_id|{FNR:-}]]\nRegards, [[person_name|Maciej Kowalczyk]]
en Y Could you transfer the refund to my account [[bank_account|{KONTO:.}]]? I sent the form to [[email|postmottak@skatteetaten.no]] but heard nothing. National ID [[national_id|{FNR}]]
en Y I'm a [[special_category|Sikh]] and wear a turban. The photo booth at the passport office says I must remove it. Is that true? [[person_name|Harpreet Singh]], [[email|harpreet.singh.oslo@gmail.com]]
en N Religious headwear is allowed in passport photos in Norway as long as the face is visible.
en Y Can someone at Lånekassen confirm you have my new bank details? [[bank_account|{IBAN:c}]] (Norwegian account at Sbanken). Thanks, [[person_name|Frida Holt]] [[email|frida.holt@icloud.com]]
en Y I'm a [[special_category|Roma]] woman and the campsite owner in Bergen told us "no gypsies". I want to report this as discrimination. Who handles it? [[email|roma.rights.bergen@gmail.com]]
en N We went to Rome last summer and the Colosseum was amazing. Off topic, sorry!
en Y Hi, my test person [[national_id|{TENOR:.}]] from Tenor is rejected by the Altinn API with error 403. Is this a known issue? Dev contact: [[email|dev.team@example-integrations.no]]
en Y I am [[special_category|bisexual]] and my asylum interview was conducted by an interpreter from my home town who laughed at me. I want to complain. [[person_name|Amir]], [[case_reference|case 24/00778-3]]
en N Interpreters in asylum interviews must be neutral. UDI should use remote interpreters more.
en Y My national ID number is [[national_id|{FNR32: }]] and the app says it's invalid when I try to log in?! I was born in Norway, it should work.
en Y Please send the decision to my lawyer, [[person_name|Nina Brekke]] at [[email|nina.brekke@advokatfirmaet-brekke.no]], phone [[phone|{N:&# ## ## ##}]]. [[case_reference|Case 2024/55812]].
"""


# --------------------------- bank accounts outside case requests; self-disclosure in public debate

BLOCK_KONTO_DEBATT = r"""
nb N Innsamling til familien som mistet alt i brannen på Kvaløya i natt ❤️ Konto: [[bank_account|{KONTO:.}]] eller Vipps #{N:#####}. Del gjerne!
nb N ⚠️ Svindelforsøk: Det går rundt sms-er der "Lånekassen" ber deg betale et gebyr til konto [[bank_account|{KONTO:.}]]. Dette er IKKE oss. Ikke betal!
nb N Fikk også den sms-en, der sto kontonummer [[bank_account|{KONTO}]] og link til lanekassen-betal.com 😡 anmeldt
nb N TJEN 5000 KR OM DAGEN HJEMMEFRA!!! Send 250 kr i registreringsavgift til [[bank_account|{KONTO: }]] og få tilgang 💰💰 #ikkesvindel
nb N Vi i Lia Idrettslag samler inn penger til nye baller til knøttelaget. Konto [[bank_account|{KONTO:.}]], merk innbetalingen "baller". Takk til kommunen for banen!
nb N Til informasjon: kontonummeret til Statens innkrevingssentral er [[bank_account|{KONTO:.}]]. Husk KID, ellers blir innbetalingen ikke registrert.
nb N Skatteetaten ber aldri om betaling via Vipps eller til utenlandske IBAN-er. Hvis du får krav om å betale til f.eks. [[bank_account|{IBAN}]], ring oss først.
nb Y Jeg betalte til [[bank_account|{KONTO:.}]] som sto i sms-en fra "NAV" før jeg skjønte det var svindel 😭 8 900 kr borte. Kan NAV gjøre noe? [[person_name|Tina Mørk]]
nb N Innsamlingsaksjon for [[person_name|Mathilde]] (9) som har [[health|leukemi]] og må til USA for behandling. Konto [[bank_account|{KONTO: }]]. Familien takker for alt ❤️🙏
nb N Hvorfor kan ikke det offentlige betale for behandlingen i stedet for at folk må samle inn penger? Skammelig.
nb Y Kommunen har trukket [[bank_account|{KONTO}]] for husleie to ganger i april. Det er min konto. Vil ha pengene tilbake, 11 420 kr. Leil. nr H0201 i [[address|Ravnkollbakken 12, 0971 Oslo]]
nb N Selger barnevogn, brukt ett år, 1 500,- 😊 ring [[phone|{N:%# ## ## ##}]] hvis interessert. (Sorry for reklame her, men mange ser det)
nb N Kan noen forklare forskjellen på kontonummer og IBAN? Skal motta penger fra Tyskland.
nb N IBAN er det internasjonale formatet. Norsk IBAN starter med NO og har 15 tegn, f.eks. [[bank_account|{IBAN}]].
nb Y Min avdøde far [[person_name|Leif Nordby]] hadde konto [[bank_account|{KONTO:.}]], og NAV har fortsatt å betale pensjon dit etter at han døde i mars. Vi vil gjerne betale tilbake. Hvordan? [[email|nordby.dodsbo@gmail.com]]
nb N Som [[special_category|muslim]] synes jeg det er flott at kommunen endelig har fått egen gravlund for muslimer. Takk!
nb N Jeg er [[special_category|homofil]] selv og synes Pride-flagget på rådhuset er et viktig signal. Ikke fjern det.
nb N Rådhuset burde bare flagge med norsk flagg. Ferdig snakka.
nb N Har selv [[health|diabetes]] og er helt enig: sukkeravgiften burde ikke fjernes.
nb N Jeg har vært [[special_category|medlem av Høyre]] i 30 år, men denne skattepolitikken kan jeg ikke forsvare.
nb N Høyre og Ap er like ille når det gjelder eldreomsorg. Ingen av dem bryr seg.
nb N Som [[special_category|same]] blir jeg lei av at samiske saker alltid havner nederst på lista i fylket.
nb N Jeg har [[special_category|sonet to dommer]] selv, og jeg kan si at det er rehabiliteringen i fengselet som reddet meg. Ikke kutt i Kriminalomsorgen!
nb N Kriminalomsorgen får for lite penger. Det går ut over tilsatte og innsatte.
nb N Min sønn har [[health|ADHD]] og han hadde ikke klart seg uten [[health|medisinene]]. Ikke hør på de som sier det overforskrives.
nb N ADHD-medisiner er overforskrevet i Norge. Barn skal få være barn.
nb N Er selv [[health|ufør]] og kjenner meg ikke igjen i bildet av uføre som "late". Vi vil jobbe!
nb N Det er for mange på uføretrygd i Norge. 350 000 personer er ikke bærekraftig.
nb N Jeg er [[special_category|troende kristen]] og mener kirkene burde få mer støtte til diakoni, ikke mindre.
nb N Kristendommen har formet Norge i tusen år, det bør skolen lære bort.
nn N Eg er [[special_category|samisk]] og synest det er flott at kommunen no har skilt på både norsk og samisk 👏
nn N Som [[special_category|medlem av Norsk Sjukepleiarforbund]] kan eg seie at bemanninga på sjukehuset er farleg låg.
nn N Innsamling til nytt tak på bedehuset i Fjaler: konto [[bank_account|{KONTO:.}]]. Alle bidrag tek me imot med takk 🙏
nn N Eg har sjølv [[health|epilepsi]] og er glad for at dei har fått hjartestartar og førstehjelpskurs på skulen.
nn Y Kommunen har betalt ut skuleskyssgodtgjersla til [[bank_account|{KONTO: }]], men det er kontoen til eksmannen min. Ho skulle til meg. [[person_name|Siv Reigstad]]
nn N Varsel om svindel: nokon sender e-post frå "Skatteetaten" med kontonummer [[bank_account|{KONTO}]]. Ikkje betal!
nn N Senterpartiet og Høgre vil begge leggje ned lokalsjukehus. Kven skal ein stemme på?
en N As a [[special_category|Muslim]] living in Oslo, I feel very welcome here. Thank you for the Eid greetings on your page!
en N I'm [[health|diabetic]] myself and the new prescription app works great. Well done Helsenorge.
en N Scam alert: a fake NAV page on Facebook asks people to send money to [[bank_account|{IBAN}]]. Report it!
en N Fundraiser for the Ukrainian family in our street who lost their father: account [[bank_account|{KONTO:.}]]. Every krone helps 💙💛
en Y My salary was paid to [[bank_account|{KONTO:.}]] but the tax office says it was sent to another account. Can you check which account you have registered for me? [[national_id|{FNR}]]
en N I'm a [[special_category|union rep]] at a hotel in Bergen and I can tell you most foreign workers don't know their rights. More info in English please!
en N As a [[special_category|lesbian]] I really appreciate the rainbow flag at the town hall this week 🏳️‍🌈
en N Flags at the town hall are a waste of taxpayer money.
nb Y Hei, jeg er selvstendig næringsdrivende og har fått refusjon av mva til [[bank_account|{KONTO: }]], men det er firmaets gamle konto som er avsluttet. Ny konto: [[bank_account|{KONTO: }]]. Org.nr {ORG}
nb N Hvorfor er det bare mulig å betale parkeringsboten til kontonummer og ikke med Vipps? 2024 ringte og ville ha sin betalingsløsning tilbake.
nb Y Lånekassen har trukket meg 3 487 kr fra [[bank_account|{KONTO}]] to ganger denne måneden. AvtaleGiro er satt opp én gang. Fiks det! [[person_name|Ulrik Sæbø]]
nb Y Forsikringsutbetalingen etter vannskaden ble sendt til [[bank_account|{KONTO:.}]], som er kommunens konto?! Huset er [[address|Heggeveien 4, 1712 Grålum]]. Takstmann [[person_name|Rune Aas]] sier det er kommunens feil.
"""


# ---------------------------------------------- hard negatives (numbers, names and words that tempt)

BLOCK_HARDE_NEGATIVE = r"""
nb N Budsjettet for nytt sykehjem er på 45 000 000 kroner, og så sier dere at det ikke er penger til bemanning?
nb N Ordrenummer {N:9#######} – bestilte refleksvest fra kommunens nettbutikk 3 uker siden og har ikke fått noe. Er butikken nedlagt?
nb N Kundenummeret mitt hos Lyse er {N:4#######} og regningen er på kr 4 312,50 for januar. Strømstøtten merkes ikke!
nb N Kommunestyret behandler saken 24.10.2024 kl. 18.00. Møtet strømmes på kommunens nettside.
nb N Frist for å søke barnehageplass er 01.03.2025. Opptaket er klart i uke 16.
nb N Nytt fra Brønnøysundregistrene: Org.nr. 974 760 673 er vårt eget, og vi ringer deg aldri for å be om betaling.
nb N Se NAVs egen oversikt: Arbeids- og velferdsetaten, org.nr 889 640 782. Alt annet er falske sider.
nb N Link til søknaden: https://www.udi.no/skjema/sok?id={N:24#########}&lang=nb – funker ikke på mobil
nb N Her er annonsen dere spør om: https://www.finn.no/bap/forsale/ad.html?finnkode={N:3########} (ikke svindel, lovet)
nb N Veiarbeid på E18 mellom Lysaker og Sandvika 12.–16. august, kl. 21.00–05.00. Bruk Rv 164 som omkjøring.
nb N Buss 31 og 37 kjører omkjøring via Tonsenveien fra mandag. Trikk 17 og 18 går som normalt.
nb N Tog R10 fra Drammen er innstilt pga. signalfeil ved Lysaker. Vy setter opp buss for tog.
nb N Forvaltningsloven § 11 gir dere plikt til å veilede. Det gjør dere ikke.
nb N Les NOU 2023: 4 og Prop. 1 S (2023–2024) før dere uttaler dere om trygdeordningene.
nb N Ifølge ftrl. § 11-5 og § 11-6 skal arbeidsevnen være nedsatt med minst halvparten. Det er strengt, men det er loven.
nb N Lov 28. februar 1997 nr. 19 om folketrygd er endret over 300 ganger. Ingen forstår den lenger.
nb N Arbeidsledigheten er 2,1 % og 68 300 personer er registrert som helt ledige i mars.
nb N Over 5 550 000 innbyggere og 356 kommuner. Det er ikke rart at det blir kø.
nb N Ny versjon av Helsenorge-appen (v 6.14.2) er ute. Logg inn på nytt etter oppdatering.
nb N Sporingsnummer {N:LA#########NO} står "i transitt" i 3 uker. Posten, hva skjer?
nb N Pakken med nytt pass har sporingsnummer 370{N:##############}, men den står fast på Alnabru.
nb N Fant en bortkommen hund ved 60.3913° N, 5.3221° E (Fløyen). Svart labrador, ingen halsbånd.
nb N Mye snø ved N 69° 38.958' Ø 18° 57.326' i dag, brøytebilen har ikke vært der.
nb N Postnummer 0150 finnes ikke lenger?! Brevet kom i retur.
nb N Flytter fra 5003 til 5055 i sommer, kan jeg beholde barnehageplassen?
nb N Tidligere statsminister Erna Solberg sa i går at NAV-reformen var nødvendig. Hun har rett.
nb N Helseminister Jan Christian Vestre lovet 2000 nye sykepleiere. Hvor er de?
nb N Finansminister Trygve Slagsvold Vedum burde forklare hvorfor elavgiften økte.
nb N Kong Harald og Dronning Sonja besøkte Hamar i dag 👑 Fint at kongeparet kommer til distriktene!
nb N Jens Stoltenberg er tilbake i norsk politikk. Spennende å se om NAV-reformen endres.
nb N Dag for dag blir køene lengre. Ting tar tid, men dette er latterlig.
nb N Tro, håp og kjærlighet – og tålmodighet når man venter på svar fra UDI 🙏
nb N Karius og Baktus flytter inn hvis du ikke pusser tennene! Husk gratis tannhelse opp til 24 år 🦷
nb N Storm i et vannglass. Det er ingen grunn til panikk over de nye reglene.
nb N Stein på stein bygges et samfunn – takk til frivilligheten i Moss!
nb N Vi i Halden kommune ønsker velkommen til åpent møte om nytt sykehus i Rådhuset tor 15.05 kl. 19.
nb N Hvorfor heter det Kong Haakons gate når han aldri bodde der? 😄
nb N Tromsø kommune og Bodø kommune samarbeider om rekruttering av sykepleiere. Bra!
nb N Flere må ta influensavaksinen. Sykehusene har 30 % flere innleggelser enn i fjor.
nb N Kreft rammer 1 av 3 nordmenn. Støtt Kreftforeningen under Rosa sløyfe-aksjonen.
nb N Depresjon og angst er de vanligste årsakene til sykefravær i Norge. Det må tas på alvor.
nb N Islam og kristendom har mer til felles enn mange tror. Religionsdialog er viktig.
nb N Rødt, SV og MDG vil ha mer penger til NAV. FrP og Høyre vil kutte. Velg selv.
nb N Fagforbundet og LO krever at sykelønnen ikke røres. Jeg er enig.
nb N Samenes nasjonaldag 6. februar 🎉 Lihkku beivviin!
nb N Mari-time i svømmehallen på lørdag! Gratis for barn under 12 år 🌊
nb N Rettssaken mot den tidligere ordføreren starter i Oslo tingrett 12. mai. Dommen er ventet før sommeren.
nb N Den dømte i Bergen-saken fikk 21 års forvaring. Ikke streng nok etter min mening.
nb N Faktura {BADKONTO:.} for kommunale avgifter kom med feil beløp, og den har feil kontonummer også. Sjekk!
nb N Artikkelnummer {BADKONTO} på røykvarsleren som kommunen delte ut er tilbakekalt, ifølge DSB.
nb N Ring 113 ved hjertestans. Hjertestarter finnes på Rema 1000 i Storgata.
nb N Bussen kom ikke kl 07.42, heller ikke 07.52. Linje 100 er et mareritt.
nb N Vannet er stengt i Kirkeveien fra nr 10 til nr 40 i morgen mellom kl 09.00 og 15.00.
nn N Ferja over Sognefjorden går kvar 30. minutt frå kl 06.00 til 23.30. Billettpris 128 kr.
nn N Heile E16 er stengd ved Borlaug. Omkøyring via Fv. 50 og Rv 7.
nn N Kommunen har 11 430 innbyggjarar og 4 legar. Det held ikkje.
nn N Eg såg at Erna Solberg var i Førde i dag. Ho hadde ingenting nytt å seie om sjukehuset.
nn N Sol og sommar i Sogn i dag ☀️ God helg!
nn N Sjå https://www.nav.no/sak/{N:###########} – lenkja i brevet fungerer ikkje.
en N The new bus route 150 goes from Oslo S to Gardermoen every 10 minutes. Tickets 149 NOK.
en N The road E39 is closed between 23:00 and 05:00 until 2025-05-17 because of tunnel maintenance.
en N King Harald and Queen Sonja visited Tromsø today. Lovely photos!
en N Prime Minister Jonas Gahr Støre said the government will cut waiting times. We'll see.
en N Order #{N:4#######} from the municipality's online shop never arrived. Anyone else?
en N The invoice number {BADFNR} looks like a personal number, that's confusing.
en N Tracking number {N:CP#########NO} has been stuck in customs for 2 weeks. Posten help?
en N I love how the NAV app version 4.12 finally supports English 🎉
en N 3.5% interest on student loans is still too high.
"""

BLOCK_MER_KONTO = r"""
nb Y Jeg fikk ikke refusjon for legeregningen fra HELFO. Kontonr jeg oppga: [[bank_account|{KONTO:.}]]. Kan dere sjekke? [[person_name|Sverre Lium]]
nb Y Husleiegarantien fra NAV skulle betales til utleier på [[bank_account|{KONTO: }]], men utleier sier han ikke har fått noe. Nå truer han med utkastelse! [[phone|{N:%## ## ###}]]
nb Y Refusjon av depositum for kommunal leilighet ble ikke betalt. Min konto: [[bank_account|{KONTO}]]. Flyttet ut av [[address|Langgata 45, 4306 Sandnes]] 1. april.
nn Y Kan de betale tilbake avgifta for festeplassen på gravplassen til [[bank_account|{KONTO:.}]]? Mor mi er flytta til ein annan kommune. Helsing [[person_name|Eldbjørg Hagen]]
en Y Please refund the passport fee (1 250 NOK) to [[bank_account|{KONTO:.}]] – my appointment was cancelled by the police. [[person_name|Jonathan Reed]], [[email|jonathan.reed.no@gmail.com]]
en Y I sent my bank details twice: IBAN [[bank_account|{IBAN}]], but the introduction benefit is still not paid. [[case_reference|Case 2024/9921]]. [[person_name|Olena Shevchenko]]
nb Y Betalte inn 4 480 kr til feil kontonummer, [[bank_account|{KONTO:.}]] i stedet for [[bank_account|{KONTO:.}]]. Kan Skatteetaten flytte beløpet? Fnr [[national_id|{FNR}]]
nb Y NAV Grünerløkka, [[address|Thorvald Meyers gate 14]], har stengt døra kl 14 i stedet for 15.30 i hele uka. Jeg sto utenfor med timeavtale! [[person_name|Nils Henrik Aarø]]
"""


# ------------------------------------------- rarer national id variants (H, FH, Tenor, post-2032)

BLOCK_EKSTRA = r"""
nn Y Far min fekk eit hjelpenummer, [[national_id|{HNR: }]], då han vart innlagd på Haukeland utan papir. No får me rekningar med både det og fødselsnummeret hans. Kven ryddar opp? [[person_name|Ottar Heggland]]
nn Y Mor mi står i journalen med FH-nummer [[national_id|{FHNR}]] etter ambulanseturen. Ho har eige fødselsnummer, så kvifor vart det ikkje brukt? [[phone|{N:%## ## ###}]]
nn Y Fødselsnummeret til dottera vår er [[national_id|{FNR32}]], men barnehageportalen seier at det er ugyldig. Kva gjer me no? [[person_name|Synnøve Ask]]
nn Y Eg testar integrasjonen vår mot Folkeregisteret med testpersonen [[national_id|{TENOR}]] frå Tenor, men får berre 404. Er testmiljøet nede?
nn N Ask og Embla var dei første menneska i norrøn mytologi, lærte ungane på museet i dag 🌳
nb Y Sykehuset ga meg et H-nummer, [[national_id|{HNR:-}]], da jeg kom inn på legevakta uten legitimasjon. Nå får jeg ikke sett journalen på Helsenorge. Hvordan kobles det til fødselsnummeret mitt?
nb Y Hei, kona mi ble registrert med FH-nummer [[national_id|{FHNR}]] på Ahus fordi hun var bevisstløs. Regningen for oppholdet er sendt til det nummeret. Hvem skal vi betale til? [[person_name|Geir Aspaas]]
nb Y Sønnen min er født i år og fnr er [[national_id|{FNR32: }]]. Lånekassen-skjemaet og NAV-skjemaet avviser nummeret. Er det noe galt hos dere? [[phone|{N:%#######}]]
en Y My newborn's personal number [[national_id|{FNR32:.}]] is rejected by the kindergarten application form. Is there a problem with new numbers? [[person_name|Tom Hughes]]
en Y The H-number my husband got at the emergency room, [[national_id|{HNR}]], is on all the bills, but he has a regular personal number. Who can merge the records? [[email|l.hughes.family@gmail.com]]
"""


# -------------------------------------------------------------- long threads and very short replies

BLOCK_LANGE = r"""
nb Y Hei NAV.\n\nJeg har nå prøvd å få svar i over to måneder, så jeg skriver her siden ingen svarer noe annet sted.\n\nJeg ble [[health|sykmeldt]] i januar etter [[health|utmattelsesdepresjon]], og arbeidsgiver betalte de første 16 dagene. Etter det skulle NAV overta, men jeg har ikke fått en eneste krone. Saksbehandler [[person_name|Hanne Brekke]] sa på telefon 12.03 at alt var i orden og at pengene ville komme "i løpet av uka". Nå er det april.\n\nJeg har husleie på 13 500 og to barn. Dette er ikke greit.\n\n[[person_name|Ingrid Solvang]]\n[[national_id|{FNR}]]\n[[phone|{N:%## ## ###}]]
nb N Jeg har jobbet i NAV i 14 år og vil bare si: vi leser kommentarene deres, og vi vet at mange venter altfor lenge. Det er ikke fordi vi ikke bryr oss. Vi har fått flere oppgaver, nye regelverk og et datasystem som er eldre enn mange av brukerne våre. Likevel får de fleste hjelp til slutt. Ikke skriv fødselsnummer eller helseopplysninger her i kommentarfeltet – send heller melding på nav.no, så kan vi faktisk se på saken din. Og vær snille med de på telefonen. De er mennesker de også. 💙
nb Y Dette er en lang historie, men jeg prøver å gjøre den kort. Min sønn [[person_name|Jonas]] (19) har [[health|Aspergers]] og [[health|alvorlig angst]]. Han har ikke klart å fullføre videregående og har sittet hjemme i to år. Vi søkte om AAP i september, [[case_reference|saksnummer 2023/401223]], og fikk avslag i desember fordi "han ikke har prøvd tilstrekkelig med tiltak". Men hvilke tiltak? Ingen har tilbudt ham noe! Veilederen på NAV Lillestrøm, [[person_name|Morten]], har hatt ett møte med ham på 20 minutter. Vi har klaget og venter. Hvordan skal en ung gutt komme seg ut i livet når systemet bare sier nei? Kontakt meg gjerne på [[email|anne.k.lillestrom@gmail.com]].
nb N Tråd om skatteoppgjøret 🧵\n1) Oppgjøret kommer i puljer fra juni til november\n2) Du får varsel på sms eller e-post\n3) Penger tilbake kommer ca 3–4 dager etter\n4) Restskatt betales i to terminer, 20. august og 20. september\n5) Ikke del personnummer eller kontonummer her!\nSpørsmål? Logg inn på skatteetaten.no 👍
nb Y Til kommunen. Jeg har bodd i [[address|Tordenskiolds gate 3, 6509 Kristiansund]] i 31 år. I fjor ble det bygget nytt leilighetsbygg rett ved siden av, og siden da har kjelleren min vært full av vann hver gang det regner. Jeg har sendt bilder, brev og e-post. Jeg har ringt teknisk etat 9 ganger. Jeg har fått [[case_reference|saksnummer 23/2289]] og beskjed om at "saken er under utredning". Jeg er 78 år, har [[health|KOLS]] og kan ikke bo i et hus med mugg. Noen må ta ansvar. [[person_name|Reidun Mjøs]], tlf [[phone|{N:&# ## ## ##}]].
nb N Ser at mange skriver om hvor lenge de venter på UDI. Jeg kom til Norge i 2016, ventet 19 måneder på første svar, og nå er jeg norsk statsborger og jobber som sykepleier. Det var tøft, men det gikk. Hold ut, og få hjelp fra frivillige organisasjoner – de kan mye mer enn man tror. Lykke til alle sammen ❤️🇳🇴
nb Y Hei. Jeg skriver på vegne av min far, [[person_name|Kjell Rune Sørli]], som er 84 og ikke bruker internett.\nHan har fått brev om at bostøtten stopper fordi det mangler dokumentasjon. Vi sendte inn alt i februar.\nHan bor i [[address|Dalsveien 11, 7340 Oppdal]], har [[health|Parkinson]] og sitter mye i [[health|rullestol]]. Han har ikke råd til husleien uten bostøtte.\nMitt nr er [[phone|{N:%#######}]], og jeg har fullmakt. Hans fødselsnummer: [[national_id|{FNR: }]].\nTakk for hjelpen.
nb N Leste hele forslaget til ny kommuneplan (alle 214 sidene!). Noen tanker:\n- Gang- og sykkelveien langs Fv. 120 må prioriteres\n- Skolen på Ås trenger nytt bygg før 2030\n- Hvorfor er det ingenting om eldreboliger?\n- Kollektivtilbudet på kveldstid er elendig, buss 510 går bare hver time\nHøringsfristen er 15.11. Send innspill!
nb Y Hei igjen Lånekassen. Jeg har nå sendt fire meldinger om dette. Jeg studerte i Australia 2021–2023 og fikk skolepengestipend. I fjor fikk jeg krav om tilbakebetaling av 84 000 kr fordi dere mener at jeg ikke tok nok studiepoeng i høstsemesteret. Men jeg var [[health|innlagt på sykehus i Melbourne]] i seks uker med [[health|blindtarmbetennelse og komplikasjoner]], og det har jeg dokumentasjon på! Jeg har sendt legeerklæringen både på engelsk og oversatt til norsk. [[case_reference|Søknads-ID 7790215]]. Kan noen se på det? [[person_name|Elise Haugen]], [[email|elise.haugen.mel@gmail.com]]
nb N Vil bare si takk til ambulansepersonellet og legene på Ullevål som tok imot mannen min i natt. Profesjonelle, rolige og varme. Dere er fantastiske, og dere fortjener mye bedre lønn enn dere får. ❤️🚑
nn Y Hei. Eg har prøvd å få svar frå kommunen i over eit halvt år no.\n\nDottera mi [[person_name|Guro]] har [[health|Downs syndrom]] og [[health|hjartefeil]], og me søkte om avlastning i august. Vedtaket kom i januar: fire timar i månaden. Det er ingenting. Me har klaga, [[case_reference|saksnummer 23/8812]], men ingen svarar.\n\nEg er åleine med tre born og jobbar 80 %. Eg klarer ikkje meir no.\n\n[[person_name|Sissel Bolstad]]\n[[phone|{N:%## ## ###}]]
nn N Eg har budd i denne kommunen heile livet, og eg har aldri opplevd at vegane har vore så dårlege som no. Fylkesvegen frå Vikøyri til Hella er full av hol, og bussen må køyre i 30 fordi det er så humpete. Det er ikkje rart at ungdomen flyttar. Kommunen skuldar på fylket, fylket skuldar på staten, og me som bur her sit att med rekninga. Ta ansvar!
en Y Dear UDI,\n\nI have been waiting for a decision on my application for family immigration for 16 months. My wife [[person_name|Fatima Noor]] and our two children are in Kabul and the situation is getting worse every week. Our application number is [[case_reference|FAM-{N:########}]]. I have sent every document you asked for, including DNA tests. I work full time as an engineer in Stavanger and I pay taxes here. Please, can someone give me an update?\n\n[[person_name|Mohammad Noor]]\n[[phone|+47 {N:%## ## ###}]]\n[[email|m.noor.stavanger@gmail.com]]
en N Long post, sorry. I moved to Norway three years ago and I just want to say that, despite all the complaining in this thread, the public services here are mostly good. Yes, NAV is slow and UDI can be frustrating, but I got my D-number in two weeks, my kids got kindergarten places, and the hospital treated me for free when I needed it. Compared to where I come from, this is a dream. Learn Norwegian, be patient, and ask for help. Most people here are kind. 🇳🇴
en Y Hello, I need help with my tax assessment.\n1. I moved from Germany in March 2023\n2. I have income in both countries\n3. Skatteetaten says I owe 41 000 NOK\n4. Germany also taxed the same income\nMy D-number is [[national_id|{DNR}]]. Who can explain the tax treaty to me? [[email|stefan.k.bergen@gmx.de]]
"""

BLOCK_KORTE = r"""
nb N 👍
nb N Svar da!!!
nb Y hallo?? når kommer pengene
nb N Enig.
nb N Skam! #nav
nb Y fnr [[national_id|{FNR}]] ring meg
nb Y ring meg [[phone|{N:%#######}]]
nb N hahaha typisk 😂
nb N Takk for info 🙏
nn N Heilt einig!
nn Y Kvar er pengane mine??
nn N Takk 😊
en N Thanks!
en Y still no answer on my application…
en N lol same
"""


BLOCKS = [
    BLOCK_NAV_NB,
    BLOCK_SKATT_NB,
    BLOCK_UDI_POLITI_NB,
    BLOCK_KOMMUNE_NB,
    BLOCK_LANEKASSEN_NB,
    BLOCK_HELSE_NB,
    BLOCK_VEGVESEN_NB,
    BLOCK_DIVERSE_NB,
    BLOCK_NYNORSK,
    BLOCK_ENGLISH_1,
    BLOCK_ENGLISH_2,
    BLOCK_MER_NB,
    BLOCK_MER_NN,
    BLOCK_MER_EN,
    BLOCK_KONTO_DEBATT,
    BLOCK_HARDE_NEGATIVE,
    BLOCK_MER_KONTO,
    BLOCK_EKSTRA,
    BLOCK_LANGE,
    BLOCK_KORTE,
]


if __name__ == "__main__":
    sys.exit(main())
