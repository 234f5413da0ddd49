"""Throughput of tilstede.screening on one core, next to Microsoft Presidio on the same comments.

Usage: python bench/screening_speed.py [--n 50000] [--peer-n 2000] [--seed 7]
                                       [--personal-share 0.15 --personal-share 0.5]

Generates N comments of about 200 characters for each mix (the bench mix: most carry no
personal data, 15 % carry some, across every category; and a mix where every second
comment carries some), screens them all in this process
on one core and prints comments per second, by CPU time (robust when other work shares the
machine) and by wall clock. Then does the same with Presidio (presidio-analyzer with its pattern
recognizers plus a fødselsnummer PatternRecognizer, on a blank spaCy "nb" pipeline so no
model is downloaded) on a sample of --peer-n comments, and prints the ratio. Without
presidio-analyzer and spacy installed it says the peer is missing and exits 0; they are
not dependencies of Tilstede: `.venv/bin/pip install presidio-analyzer spacy`. Prints the
machine's load average before and after, since other work on a shared machine slows
the wall clock figures (the CPU-time figures much less).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tilstede import screening  # noqa: E402
from tilstede.screening import screen  # noqa: E402
from tilstede.screening.checksums import (  # noqa: E402
    complete_fodselsnummer,
    complete_kontonummer,
)

PLAIN = [
    "Når åpner servicetorget igjen etter sommerferien? Står ingenting på nettsiden om det.",
    "Flott arrangement på torget i går, masse folk og god stemning. Håper det blir like bra "
    "neste år!",
    "Regjeringen burde bruke mer penger på skole og mindre på konsulenter, det er helt "
    "uforståelig.",
    "Hvorfor er det så vanskelig å finne informasjon om nye regler for bostøtte på nettsidene?",
    "Takk for god hjelp på telefon i dag, dere var kjempeflinke og tålmodige med en gammel dame.",
    "Veiarbeidet i sentrum har vart i tre måneder nå. Når blir det ferdig? Bussene er alltid "
    "forsinket.",
    "Kvifor er det ikkje meir informasjon på nynorsk? Det er eit krav etter mållova, så vidt eg "
    "veit.",
    "The new app is much better than the old one, well done! Still missing English texts in "
    "some places.",
    "Mange eldre sliter med digitale tjenester. Dere må huske at ikke alle har BankID eller "
    "smarttelefon.",
    "Skatteoppgjøret kommer i puljer fra juni, og du får varsel når ditt er klart. Følg med i "
    "appen.",
    "Sol og sommer i Lofoten i dag ☀️ Husk solkrem og vann hvis dere skal på tur i fjellet i "
    "helgen!",
    "Det er 14 dager siden stormen og fortsatt ligger trær over gang- og sykkelveien langs elva.",
    "Statsminister Jonas Gahr Støre sa i Dagsrevyen at køene i helsevesenet skal ned i år.",
    "Folk med angst og depresjon må få hjelp raskere, ventetidene i psykisk helsevern er for "
    "lange.",
]
FIRST = ["Kari", "Ingrid", "Ole", "Lars", "Silje", "Ahmed", "Anna", "Jonas", "Marte", "Per"]
LAST = ["Hansen", "Johansen", "Berg", "Nilsen", "Haugen", "Ali", "Larsen", "Moe", "Dahl"]
STREETS = ["Storgata", "Kirkeveien", "Bjørkelia", "Fjellveien", "Nedre Slottsgate", "Solbakken"]
PLACES = [("0150", "Oslo"), ("5003", "Bergen"), ("7010", "Trondheim"), ("9008", "Tromsø")]


def _fnr(rng: random.Random) -> str:
    while True:
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(0, 99)
        nine = f"{day:02d}{month:02d}{year:02d}{rng.randint(0, 499):03d}"
        number = complete_fodselsnummer(nine)
        if number:
            return number


def _konto(rng: random.Random) -> str:
    while True:
        number = complete_kontonummer(f"{rng.randint(1000, 9999)}{rng.randint(0, 999999):06d}")
        if number:
            return f"{number[:4]}.{number[4:6]}.{number[6:]}"


def _personal(rng: random.Random) -> str:
    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    street = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
    postcode, place = rng.choice(PLACES)
    phone = f"{rng.choice('49')}{rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(100, 999)}"
    first = name.split()[0].lower()
    options = [
        f"Hei, jeg har ventet på svar på søknaden om bostøtte i sju uker. Fnr {_fnr(rng)}. "
        f"Kan noen se på saken? Ring meg på {phone}. Mvh {name}",
        f"Kan dere sette inn utbetalingen på nytt kontonummer {_konto(rng)}? Det gamle er "
        f"avsluttet. Hilsen {name}",
        f"Jeg har vært sykmeldt med depresjon siden januar og har fått avslag på AAP. "
        f"Saksnummer 2024/{rng.randint(10000, 99999)}. Hva gjør jeg nå? {name}",
        f"Søppelet er ikke hentet på tre uker i {street}, {postcode} {place}. Hva skjer? Det "
        f"lukter forferdelig nå og måkene har revet opp sekkene.",
        f"Min sønn {rng.choice(FIRST)} har autisme og skolen sier de ikke har ressurser til "
        f"assistent. Hvem kan jeg klage til? Svar til {first}.{rng.randint(1, 99)}@example.no",
        f"Jeg er medlem av Fagforbundet og lurer på om kontingenten skal trekkes fra i "
        f"skattemeldingen. Ref. 23/{rng.randint(1000, 9999)}-3. Takk for svar!",
    ]
    return rng.choice(options)


def make_comments(n: int, seed: int = 7, personal_share: float = 0.15) -> list[str]:
    """N comments of about 200 characters; ``personal_share`` of them carry personal data."""
    rng = random.Random(seed)
    comments = []
    for _ in range(n):
        if rng.random() < personal_share:
            text = _personal(rng)
        else:
            text = rng.choice(PLAIN)
            while len(text) < 170:
                text += " " + rng.choice(PLAIN)
            text = text[:220]
        comments.append(text)
    return comments


def _pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
            return "pinned to one core"
        except OSError:
            pass
    return "single process, one thread"


def _rate(fn, comments: list[str]) -> tuple[float, float]:
    """Comments per second by CPU time of this process (robust when other work shares the
    machine) and by wall-clock time."""
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for text in comments:
        fn(text)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return len(comments) / cpu, len(comments) / wall


def bench_tilstede(comments: list[str]) -> tuple[float, float]:
    screen(comments[0])  # imports, lexicon loading
    return _rate(screen, comments)


def build_presidio():  # pragma: no cover - needs the bench-only packages
    """An AnalyzerEngine on a blank spaCy 'nb' pipeline (nothing downloaded), with Presidio's
    pattern recognizers and a fødselsnummer PatternRecognizer."""
    import spacy
    import tldextract
    from presidio_analyzer import AnalyzerEngine, Pattern, PatternRecognizer, RecognizerRegistry
    from presidio_analyzer.nlp_engine import SpacyNlpEngine
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer

    # Presidio's e-mail recognizer asks tldextract, which would fetch the public suffix list
    # on first use; the snapshot shipped in the package is enough and keeps this offline.
    tldextract.extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    class BlankSpacyNlpEngine(SpacyNlpEngine):
        """SpacyNlpEngine on spacy.blank('nb'): a tokenizer only, no trained model to download."""

        def load(self) -> None:
            self.nlp = {"nb": spacy.blank("nb")}

    nlp_engine = BlankSpacyNlpEngine(models=[{"lang_code": "nb", "model_name": "blank:nb"}])
    nlp_engine.load()

    # The predefined recognizers (patterns, and phone numbers through phonenumbers) are
    # configured for English; register them for "nb". The NER recognizer is left out: a
    # blank pipeline has no NER.
    english = RecognizerRegistry(supported_languages=["en"])
    english.load_predefined_recognizers(languages=["en"])
    registry = RecognizerRegistry(supported_languages=["nb"])
    for recognizer in english.recognizers:
        if not isinstance(recognizer, SpacyRecognizer):
            recognizer.supported_language = "nb"
            registry.add_recognizer(recognizer)
    registry.add_recognizer(
        PatternRecognizer(
            supported_entity="NO_FODSELSNUMMER",
            supported_language="nb",
            patterns=[Pattern("fødselsnummer", r"\b\d{6}[ .-]?\d{5}\b", 0.5)],
            context=["fødselsnummer", "fnr", "personnummer", "d-nummer"],
        )
    )
    return AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["nb"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n", type=int, default=50_000, help="comments for tilstede (default 50000)"
    )
    parser.add_argument(
        "--peer-n", type=int, default=2_000, help="comments for Presidio (default 2000)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--personal-share",
        type=float,
        action="append",
        help="share of comments that carry personal data; repeat for several mixes "
        "(default: 0.15, the bench mix, and 0.5, every second comment)",
    )
    args = parser.parse_args(argv)
    shares = args.personal_share or [0.15, 0.5]

    how = _pin_to_one_core()
    print(f"{how}; {_load()}")
    # Which build of the detectors runs (see tilstede/screening/native.py):
    # TILSTEDE_SCREENING_COMPILED=0 measures the Python sources instead.
    print(f"tilstede.screening build: {screening.BUILD}")
    try:
        import presidio_analyzer  # noqa: F401
        import spacy  # noqa: F401

        analyzer = build_presidio()
    except ImportError:
        analyzer = None
    for share in shares:
        comments = make_comments(args.n, args.seed, share)
        avg = sum(map(len, comments)) / len(comments)
        print(
            f"\nmix: {len(comments)} comments, average {avg:.0f} characters, "
            f"{share:.0%} with personal data"
        )
        ours, ours_wall = bench_tilstede(comments)
        print(
            f"tilstede.screening: {ours:,.0f} comments/s per core "
            f"(CPU time; wall clock {ours_wall:,.0f}/s)"
        )
        if analyzer is None:
            print("peer missing: install presidio-analyzer and spacy to compare with Presidio")
            continue
        sample = comments[: args.peer_n]
        analyzer.analyze(text=sample[0], language="nb")
        peer, peer_wall = _rate(lambda text: analyzer.analyze(text=text, language="nb"), sample)
        note = "" if len(sample) == len(comments) else f", on the first {len(sample)} comments"
        print(
            f"Presidio (pattern recognizers + fødselsnummer, blank spaCy nb): {peer:,.0f} "
            f"comments/s per core (CPU time; wall clock {peer_wall:,.0f}/s{note})"
        )
        print(f"ratio: {ours / peer:.1f}x (CPU time), {ours_wall / peer_wall:.1f}x (wall clock)")
    print(f"\n{_load()}")
    return 0


def _load() -> str:
    """The machine's load: other work on a shared machine slows the wall clock figures."""
    if not hasattr(os, "getloadavg"):
        return "load average unknown"
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


if __name__ == "__main__":
    sys.exit(main())
