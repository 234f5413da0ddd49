"""Casework in a comment: case references (saksnummer), and whether the writer asks about
their own case.

The guide (2.5, 3.4) says no agency should do casework in social media; a comment that
describes the writer's own application, decision, benefit, tax assessment, permit or a
complaint about how they were treated needs a caseworker and a private channel. Opinions on
policy, general questions, praise and debate do not.

The case-request score is a hand-set logistic model over word features: no training data
or model file is involved, and every weight can be read and argued with below.
"""

from __future__ import annotations

import math
import re
from typing import Final

from .doc import Doc, cue_bit, cue_set
from .model import CASE_REFERENCE, Finding
from .numbers import _WINDOW, _context_words
from .rules import alternation, rule

# -- case references --------------------------------------------------------------------

# Words ending in -nummer/-nr that name something other than a case.
_NOT_CASE_NUMBERS: Final = frozenset(
    {
        "",
        "telefon",
        "tlf",
        "mobil",
        "mob",
        "konto",
        "kto",
        "fødsel",
        "fodsel",
        "person",
        "pers",
        "org",
        "organisasjon",
        "foretak",
        "hus",
        "post",
        "kid",
        "d",
        "h",
        "fh",
        "id",
        "identitet",
        "tele",
        "bank",
        "kort",
        "iban",
        "mva",
        "bil",
        "registrering",
        "reg",
        "side",
        "rom",
        "leilighet",
        "bolig",
        "gate",
        "buss",
        "linje",
        "rute",
        "plass",
        "etasje",
        "versjon",
        "utgave",
        "artikkel",
        "modell",
        "serie",
        "vare",
        "nød",
        "hjelp",
        "direkte",
        "sentralbord",
        "kontakt",
        "whatsapp",
        "sms",
        "f",
        "p",
        "fnr",
        "skatte",
        "gnr",
        "bnr",
        "gårds",
        "bruks",
        "seksjon",
        "tlf.",
        "telefonnr",
        "kontonr",
        "mobilnr",
        # Commerce, not casework: orders, invoices, parcels, receipts.
        "ordre",
        "order",
        "faktura",
        "invoice",
        "sporing",
        "tracking",
        "pakke",
        "forsendelse",
        "kunde",
        "bestilling",
        "booking",
        "kvittering",
        "produkt",
        "lisens",
        "måler",
        "meter",
        "målepunkt",
        "anlegg",
        "abonnement",
        "avtale",
        "medlem",
        "medlems",
        "bot",
        "parkeringsbot",
        "art",
        "varenummer",
        "reg.",
        "vipps",
    }
)
_FUNCTION_WORDS: Final = frozenset(
    {
        "mitt",
        "min",
        "mine",
        "ditt",
        "din",
        "vårt",
        "sitt",
        "hans",
        "hennes",
        "deres",
        "my",
        "the",
        "this",
        "that",
        "your",
        "our",
        "his",
        "her",
        "their",
        "nytt",
        "new",
        "old",
        "gamle",
        "samme",
        "same",
        "ett",
        "det",
        "dette",
        "what",
        "which",
        "hvilket",
        "phone",
        "mobile",
        "account",
        "bank",
        "tax",
        "telefon",
        "mobil",
        "konto",
        "kontakt",
        "contact",
        "correct",
        "riktig",
        "rett",
        "feil",
        "wrong",
        "whatsapp",
        "home",
        "work",
        "jobb",
        "privat",
        "private",
        "any",
        "noe",
        "annet",
        "another",
        "eget",
        "own",
        "house",
        "street",
        "bus",
        "route",
        "line",
        "page",
        "room",
        "flat",
        "apartment",
        "postal",
        "zip",
        "post",
        "id",
        "identity",
        "national",
        "birth",
        "personal",
        "social",
        "security",
        "org",
        "organisation",
        "organization",
        "vat",
        "registration",
        "meg",
        "deg",
        "oss",
        "ring",
        "call",
        "text",
        "sms",
        "send",
        "fra",
        "til",
        "på",
        "i",
        "og",
        "from",
        "to",
        "at",
        "in",
        "and",
        "eller",
        "or",
        "med",
        "with",
        "ved",
        "mellom",
        "etter",
    }
)
# Nouns that, followed by "nr."/"no.", name a case ("anmeldelse nr. 15663092").
_CASE_NOUNS: Final = frozenset(
    {
        "sak",
        "saks",
        "saken",
        "saka",
        "søknad",
        "søknaden",
        "vedtak",
        "vedtaket",
        "klage",
        "klagen",
        "klagesak",
        "anmeldelse",
        "anmeldelsen",
        "anmeldelses",
        "melding",
        "henvendelse",
        "henvendelsen",
        "referanse",
        "journal",
        "journalpost",
        "dokument",
        "skade",
        "skademelding",
        "case",
        "application",
        "report",
        "reference",
        "claim",
        "ticket",
        "complaint",
        "appeal",
        "file",
        "permit",
        "arkivsak",
        "tilsyn",
        "avvik",
        "bekymringsmelding",
        "innsynskrav",
        "begjæring",
        "søknads",
        "vedtaks",
    }
)
_REF_SHAPE: Final = re.compile(
    r"(?<![\w/.,-])(?:(?P<y4>(?:19|20)\d\d)|(?P<y2>\d\d))/(?P<n>\d{3,7})(?:-(?P<d>\d{1,4}))?"
    r"(?![\w/]|[.,]\d)"
)


def _keyword_names_a_case(kw: str) -> bool:
    k = kw.lower().rstrip(".")
    for tail in ("nummeret", "nummer", "nr", "no", "number"):
        if k.endswith(tail):
            stem = k[: -len(tail)].rstrip(".- ")
            if " " in k:
                return stem in _CASE_NOUNS or (
                    stem not in _NOT_CASE_NUMBERS and stem not in _FUNCTION_WORDS
                )
            return stem not in _NOT_CASE_NUMBERS and stem.rstrip("s") not in _NOT_CASE_NUMBERS
    return True


_DATE_OR_TIME: Final = re.compile(
    r"\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?|\d{4}-\d\d-\d\d|\d{1,2}[.:]\d\d"
)


def _strong_id(ident: str) -> bool:
    """An id after a bare noun ("søknad WP-24-118822", "sak 2024/123") must look like one."""
    # map() over str methods runs in C: several times cheaper than a generator.
    has_alpha = any(map(str.isalpha, ident))
    digits = sum(map(str.isdigit, ident))
    return "/" in ident or (has_alpha and digits >= 2) or digits >= 4


_SEPARATORS: Final = frozenset(" \t\n,;:()[]\"'«»!?")
_TOKEN_REST: Final = re.compile(r"[^\s,;:()\[\]\"'«»!?]{0,40}")
_DIGIT_GROUPS: Final = re.compile(r"(?: \d{2,6}){1,3}(?![\w/-])")
_NUMBER_WORDS: Final = frozenset({"nr", "nr.", "no", "no.", "number", "nummer", "num", "#", "id"})
_FILLERS: Final = frozenset(
    {
        "er",
        "is",
        "was",
        "var",
        "mitt",
        "min",
        "mi",
        "my",
        "our",
        "vår",
        "vårt",
        "the",
        "a",
        "an",
        "har",
        "has",
        "with",
        "med",
        "på",
        "om",
        "for",
        "in",
        "nummeret",
        "sitt",
        "sin",
        "its",
        "this",
        "dette",
        "den",
        "det",
    }
)
_REF_WORDS: Final = frozenset(
    {
        "ref",
        "ref.",
        "refnr",
        "referanse",
        "referansen",
        "reference",
        "referanse-id",
        "saksref",
        "saksreferanse",
        "arkivreferanse",
        "ref.nr",
        "ref.nr.",
    }
)
_BARE_NOUNS: Final = frozenset(
    {
        "sak",
        "saka",
        "saken",
        "søknad",
        "søknaden",
        "vedtak",
        "vedtaket",
        "klage",
        "klagen",
        "klagesak",
        "application",
        "case",
        "claim",
        "ticket",
        "henvendelse",
        "henvendelsen",
        "report",
        "permit",
        "appeal",
        "complaint",
        "file",
    }
)


def _id_span(text: str, run_start: int) -> tuple[int, int]:
    """The token holding a digit run ("WP-24-118822", "2024/12345"), without trailing dots."""
    s = run_start
    while s > 0 and run_start - s < 20 and text[s - 1] not in _SEPARATORS:
        s -= 1
    m = _TOKEN_REST.match(text, run_start)
    e = m.end() if m else run_start
    while e > s and text[e - 1] in ".-/":
        e -= 1
    while s < e and text[s] in "#.-/":
        s += 1
    return s, e


def _case_keyword(words: list[str]) -> tuple[str, bool] | None:
    """The word before an id that makes it a case reference, and whether it is a bare noun
    ("sak 2024/123") that needs an id shaped like one."""
    after_number_word = False
    for i, w in enumerate(words[:4]):
        if w in _NUMBER_WORDS:
            after_number_word = i == 0 or words[i - 1] in _FILLERS
            if not after_number_word:
                return None
            continue
        if w in _FILLERS:
            if after_number_word:
                return None  # "nummer" belongs to "avsender har nummer", not to a case
            continue
        k = w.strip(".:#")
        if k in _REF_WORDS or (k.endswith("-ref") and len(k) <= 12):
            return k, False
        if k.endswith(("nummer", "nummeret", "nr", "number", "-id", "sid")):
            return (k, False) if _keyword_names_a_case(k) else None
        if after_number_word:
            if k in _CASE_NOUNS or (k not in _NOT_CASE_NUMBERS and k not in _FUNCTION_WORDS):
                return k, False
            return None
        if k in _BARE_NOUNS:
            return k, True
        return None
    return None


# A cheap test that _case_keyword() finds nothing, before the context words are cut out.
# A keyword is a number word ("nr", "no", "id", "nummer" ...) or a word containing one of
# _KEYWORD_PARTS (the reference words, the -nummer/-nr/-id/-sid words, the bare nouns).
# The whole words "no" and "id" are looked up among the text's words instead: as
# substrings they are everywhere ("noen", "tid"). That holds because such a number word
# counts only with another word beyond it, so it is a whole word of the text.
_NO_OR_ID_BIT: Final = cue_bit({"no", "id"})
_KEYWORD_PARTS: Final = (
    "nr",
    "num",
    "sid",
    "-id",
    "ref",
    "sak",
    "søknad",
    "vedtak",
    "klage",
    "application",
    "case",
    "claim",
    "ticket",
    "henvendelse",
    "report",
    "permit",
    "appeal",
    "complaint",
    "file",
)
assert all(any(p in w for p in _KEYWORD_PARTS) for w in _BARE_NOUNS | _REF_WORDS)
assert all(w in ("no", "no.", "id", "#") or "nr" in w or "num" in w for w in _NUMBER_WORDS)


def _may_hold_keyword(window: str) -> bool:
    """Whether ``window`` (the lower-cased text before an id) holds one of _KEYWORD_PARTS.

    Written out as ``in`` tests: a loop over the tuple costs a third more, and a regex
    alternation several times more.
    """
    return (
        "nr" in window
        or "num" in window
        or "sid" in window
        or "-id" in window
        or "ref" in window
        or "sak" in window
        or "søknad" in window
        or "vedtak" in window
        or "klage" in window
        or "application" in window
        or "case" in window
        or "claim" in window
        or "ticket" in window
        or "henvendelse" in window
        or "report" in window
        or "permit" in window
        or "appeal" in window
        or "complaint" in window
        or "file" in window
    )


assert all(_may_hold_keyword(part) for part in _KEYWORD_PARTS)


def find_case_references(doc: Doc, skip: list[Finding] | None = None) -> list[Finding]:
    """Saksnummer and other case or reference numbers: after a keyword, or shaped as år/løpenummer.

    ``skip`` are findings already made on digits (a phone number's digit groups).
    """
    if not doc.has_digit:
        return []
    text = doc.text
    findings: list[Finding] = []
    done_to = -1
    skip_mask = bytearray(len(text))
    for f in skip or ():
        skip_mask[f.start : f.end] = b"\x01" * (f.end - f.start)
    lower = doc.lower
    no_or_id = doc.cue_mask & _NO_OR_ID_BIT
    slash = "/" in text
    for run_start, _run_end in doc.digit_runs:
        if run_start < done_to or skip_mask[run_start]:
            continue
        # Most digit runs stand alone after a space ("om 14 dager"): then the id starts at
        # the run, and without a keyword before it or a "/" in it there is nothing to find.
        if (
            not no_or_id
            and not slash
            and (run_start == 0 or text[run_start - 1] in _SEPARATORS)
            and not _may_hold_keyword(
                lower[run_start - _WINDOW if run_start > _WINDOW else 0 : run_start]
            )
        ):
            continue
        s, e = _id_span(text, run_start)
        if s < done_to or e <= s:
            continue
        ident = text[s:e]
        # The context words lie in the 48 characters before the id. An id cut at 20
        # characters may start inside a word, and then its words are not the text's.
        if (
            no_or_id
            or run_start - s >= 20
            or _may_hold_keyword(lower[s - _WINDOW if s > _WINDOW else 0 : s])
        ):
            keyword = _case_keyword(_context_words(doc, s))
        else:
            keyword = None
        if keyword is not None and not _DATE_OR_TIME.fullmatch(ident):
            _word, bare = keyword
            if ident.isdigit() and len(ident) <= 6:
                groups = _DIGIT_GROUPS.match(text, e)  # "2054 107332 52" (a DUF number)
                if groups:
                    e = groups.end()
                    ident = text[s:e]
            digits = sum(map(str.isdigit, ident))
            if digits >= 2 and (not bare or _strong_id(ident)) and not doc.in_url(s, e):
                findings.append(
                    Finding(
                        s,
                        e,
                        CASE_REFERENCE,
                        ident,
                        0.95,
                        "case_reference.keyword",
                        "saks- eller referansenummer etter ord som «saksnummer» eller «ref.»",
                    )
                )
                done_to = e
                continue
        if "/" in ident:
            m = _REF_SHAPE.match(text, run_start)
            if m is None or doc.in_url(*m.span()):
                continue
            n = m.group("n")
            if m.group("y4") and len(n) == 4 and n[:2] in ("19", "20"):
                continue  # 2023/2024: a span of years
            if m.group("y2") and len(n) == 4 and n.startswith(("19", "20")):
                continue  # 12/2024: a month and a year
            findings.append(
                Finding(
                    m.start(),
                    m.end(),
                    CASE_REFERENCE,
                    m.group(),
                    0.85,
                    "case_reference.shape",
                    "saksnummer på formen år/løpenummer",
                )
            )
            done_to = m.end()
    return findings


# -- case requests ----------------------------------------------------------------------
#
# A case request is the writer's own situation (or a family member's) put to the agency:
# something happened to them, they hold a case, benefit, bill or permit, and they ask or
# complain. The score adds evidence for each of those and subtracts evidence of opinion,
# praise, general questions and announcements. Weights are set by hand.

_SINGULAR_SELF: Final = cue_set(
    {"jeg", "meg", "min", "mi", "mitt", "mine", "eg", "my", "me", "myself", "selv", "sjølv"}
)
_WE: Final = cue_set({"vi", "oss", "vår", "vårt", "våre", "we", "us", "our"})
_POSSESSIVES: Final = cue_set({"min", "mi", "mitt", "mine", "vår", "vårt", "våre", "my", "our"})
_FAMILY_NOUNS: Final = cue_set(
    """sønn datter dotter barn mann kone samboer sambuar mor far bror søster syster svigermor
    svigerfar bestemor bestefar son daughter child children kid kids husband wife partner
    mother father mum mom dad brother sister family familie sønnen datteren dottera sonen
    barnet barna mannen kona samboeren sambuaren moren mora faren broren søsteren systera
    foreldra foreldrene ungane ungene""".split()
)
_OWNED: Final = cue_set(
    """hus huset bolig boligen leilighet leiligheten bil bilen hund hunden house flat car
    penger pengene pengane money sak saken saka søknad søknaden søknaden application case
    konto kontoen account""".split()
)
_SUBJECTS: Final = cue_set({"jeg", "eg", "vi", "me", "i", "we"})
_OWN_VERBS: Final = cue_set(
    """har hadde fikk fekk ble blei vart søkte søkje søker sendte venter ventar mistet mista
    byttet bytte flyttet flytta betaler betalte skylder mottok ringte klaget klagde trenger
    treng bor jobber jobbar studerer bruker brukar må skal have had got was am applied
    received need lost moved paid owe live work cannot can't haven't still kan""".split()
)
_PRO_DROP_VERBS: Final = cue_set(
    """har hadde fikk fekk søkte sendte sendt søkt fått mistet byttet flyttet betalte ringte
    kontaktet venter ventar meldte bestilte kjøpte""".split()
)
# "når får jeg", "kva tid kjem pengane": the verb and what follows are whole words.
_WHEN_VERBS: Final = cue_set({"får", "kommer", "kjem"})
_WHEN_OBJECTS: Final = cue_set(
    """jeg eg vi me pengene pengane svaret vedtaket utbetalingen utbetalinga""".split()
)
# "når får jeg", "kva tid kjem pengane": two rules rather than one alternation, since each
# pattern then starts with a literal, which the regex engine finds with a fast scan.
_WHEN_DO_I: Final = tuple(
    rule(
        "case_request.when_do_i",
        (when.split()[0],),
        _WHEN_VERBS,
        _WHEN_OBJECTS,
        # "(?<!\w)når ...", the look-behind after the word (see sensitive._at_word_start).
        pattern=rf"{when}(?<!\w.{{{len(when)}}}) (?:{alternation(_WHEN_VERBS)}) "
        rf"(?:{alternation(_WHEN_OBJECTS)})(?!\w)",
    )
    for when in ("når", "kva tid")
)
_ASK_WORDS: Final = cue_set(
    """vennligst venleg please help hjelp haster snarest klager klage klaga ber krever
    want need trenger treng""".split()
)
_ASK_PAIRS: Final = (
    ("can", "you"),
    ("kan", "dere"),
    ("kan", "de"),
    ("kan", "noen"),
    ("kan", "nokon"),
    ("ring", "meg"),
    ("ta", "kontakt"),
    ("send", "meg"),
    ("kontakt", "meg"),
)
_ASK_PAIR_FIRSTS: Final = cue_set(a for a, _b in _ASK_PAIRS)
_ASK_PAIR_WORDS: Final = cue_set(w for pair in _ASK_PAIRS for w in pair)
_OPINION_WORDS: Final = cue_set(
    """synes syns synest mener meiner burde bør enig uenig skam skandale skandaløst
    latterlig uakseptabelt should must opinion think forsvare""".split()
)
_OPINION_PHRASES: Final = (
    "kan si at",
    "kan seie at",
    "kan jeg si",
    "kan eg seie",
    "vil bare si",
    "må si at",
    "etter min mening",
    "i mine auge",
    "just my opinion",
    "in my opinion",
    "i want to say",
)
# Each opinion phrase under a word inside it, one with a space on both sides: where the
# phrase occurs that word is a whole token, so a text without any of these words (most
# texts) needs no substring search at all. None of them holds "k" or "å", which a Kelvin or
# Ångström sign could produce when lower-cased without being a token character.
_OPINION_PHRASES_BY_WORD: Final[dict[str, tuple[str, ...]]] = {}
for _phrase in _OPINION_PHRASES:
    _inner = [w for w in _phrase.split()[1:-1] if "k" not in w and "å" not in w]
    _OPINION_PHRASES_BY_WORD.setdefault(max(_inner, key=len), ())
    _OPINION_PHRASES_BY_WORD[max(_inner, key=len)] += (_phrase,)
del _phrase, _inner
_OPINION_PHRASE_WORDS: Final = cue_set(_OPINION_PHRASES_BY_WORD)
_PRAISE_WORDS: Final = cue_set(
    """takk tusen takker flott kjempebra supert fantastisk imponert great thanks thank lovely
    grateful takknemleg takknemlig glad""".split()
)
_PRAISE_SIGNS: Final = ("❤", "🙏", "👏", "🙌", "bra jobba", "god jobb", "well done")
_PRAISE_EMOJI: Final = tuple(p for p in _PRAISE_SIGNS if not p.isascii())
_PRAISE_PHRASES: Final = tuple(p for p in _PRAISE_SIGNS if p.isascii())


def _has_praise_sign(doc: Doc) -> bool:
    """Whether one of ``_PRAISE_SIGNS`` occurs in the text; the emoji lie beyond Latin-1, so
    most texts need only the phrases searched for, and those only where "jobb" or "done" is."""
    lower = doc.lower
    if ("jobb" in lower or "done" in lower) and any(p in lower for p in _PRAISE_PHRASES):
        return True
    return not doc.latin1 and any(p in lower for p in _PRAISE_EMOJI)


# A warning about scams, or a call to give: it names accounts and numbers, but no case.
_WARNING_WORDS: Final = cue_set(
    """svindel svindelforsøk svindlere svindlarar svindelforsøket svindelen advarsel åtvaring
    falsk falske phishing scam scammers fake spleis spleisen innsamling innsamlinga
    fundraiser donate donation donations""".split()
)
_GENERIC_WORDS: Final = cue_set(
    """man folk alle everyone people nordmenn innbyggere innbyggjarar mange anyone""".split()
)


def _own_event(doc: Doc, mask: int) -> bool:
    """The writer tells of something that happened to them ("jeg søkte", "har fått", "min sak").

    ``mask`` tells which of the word sets below the text's cue words meet (see Doc.cue_mask).
    """
    tokens = doc.tokens
    if mask & _M_SUBJECTS and mask & _M_OWN_VERBS:
        for subject in doc.cues & _SUBJECTS:
            # Cues are among the tokens, so index() finds the first; the later ones are looked
            # for only where there are some, which spares the ValueError (costly to raise).
            i = tokens.index(subject)
            while True:
                if not _OWN_VERBS.isdisjoint(tokens[i + 1 : i + 4]):
                    return True
                if subject not in tokens[i + 1 :]:
                    break
                i = tokens.index(subject, i + 1)
    if mask & _M_POSSESSIVES and mask & _M_OWNED:
        for i, t in enumerate(tokens):
            if t in _OWNED and (
                (i + 1 < len(tokens) and tokens[i + 1] in _POSSESSIVES)
                or (i >= 1 and tokens[i - 1] in _POSSESSIVES)
                or (i >= 2 and tokens[i - 2] in _POSSESSIVES)
            ):
                return True
    # Most texts with such a verb have it inside a sentence: a cheap test tells them apart
    # before the sentences are found.
    if mask & _M_PRO_DROP_VERBS and any(
        doc.may_open_a_sentence(verb) for verb in doc.cues & _PRO_DROP_VERBS
    ):
        for _pos, first in doc.first_words():
            if first in _PRO_DROP_VERBS:
                return True
    # "når får jeg ...": each rule looks only where its three kinds of word are.
    for when_do_i in _WHEN_DO_I:
        if when_do_i.search(doc) is not None:
            return True
    return False


def _asks(doc: Doc, mask: int) -> bool:
    if mask & _M_ASK_WORDS or "?" in doc.text:
        return True
    if not mask & _M_ASK_PAIR_FIRSTS:
        return False
    words = doc.cues
    return any(a in words and b in words for a, b in _ASK_PAIRS)


def _asks_the_agency(doc: Doc) -> bool:
    """ "kan dere", "can you": the writer asks the agency to do something."""
    words = doc.cues
    return ("kan" in words and ("dere" in words or "de" in words)) or (
        "can" in words and "you" in words
    )


def _has_opinion_phrase(doc: Doc) -> bool:
    """Whether one of ``_OPINION_PHRASES`` occurs in the text (as a substring)."""
    gates = doc.cues & _OPINION_PHRASE_WORDS
    if not gates:
        return False
    lower = doc.lower
    return any(p in lower for w in gates for p in _OPINION_PHRASES_BY_WORD[w])


_CASE_WORDS: Final = cue_set(
    """søknad søknaden søknader søkte søkt vedtak vedtaket avslag avslaget avslått innvilget
    klage klagen klaget klagde saksbehandler saksbehandleren sakshandsamar behandlingstid
    utbetaling utbetalingen utbetalt utbetalinga etterbetaling tilbakebetaling refusjon krav
    kravet skattemelding skattemeldingen skattemeldinga skatteoppgjør skatteoppgjøret
    restskatt skattekort skattekortet tillatelse tillatelsen byggesøknad oppholdstillatelse
    statsborgerskap dispensasjon dagpenger sykepenger sjukepengar aap uføretrygd barnetrygd
    kontantstøtte foreldrepenger pensjon pensjonen alderspensjon bostøtte sosialhjelp stønad
    ytelse meldekort meldekortet aktivitetsplan stipend stipendet studielån lånekassen faktura
    fakturaen gebyr gebyret vedlegg dokumentasjon frist fristen timeavtale time timen
    application appeal decision rejected benefit benefits refund permit claim payment bill
    invoice fine complaint complain caseworker rude frekk uhøflig nedlatende avvist
    forskjellsbehandlet diskriminert sykepengene sjukepengane dagpengene dagpengane
    barnetrygden barnetrygda bostøtten bostøtta stønaden stønaden uføretrygden uføretrygda
    foreldrepengene foreldrepengane kontantstøtten kontantstøtta sosialhjelpen ytelsen
    ytinga utbetalingane vedtaket mitt""".split()
)
_FOUND_DETAILS_WEIGHT: Final = 2.0
_BIAS: Final = -2.2


def case_request_score(doc: Doc, details: frozenset[str] = frozenset()) -> float:
    """Probability-like score (0..1) that the writer asks about or describes their own case.

    ``details`` are the categories of the findings in the text: a writer who gives a
    fødselsnummer, phone number, address or saksnummer expects the agency to act on it.
    """
    words = doc.cues
    mask = doc.cue_mask
    total = _BIAS
    singular = bool(mask & _M_SINGULAR_SELF) or doc.english_i
    family = bool(mask & _M_FAMILY_NOUNS) and bool(mask & _M_ALL_POSSESSIVES)
    if singular:
        total += 1.3
    elif family or (mask & _M_VI and mask & _M_OUR):
        total += 0.9
    if family:
        total += 0.4
    if _own_event(doc, mask):
        total += 1.0
    if _asks(doc, mask):
        total += 0.8
    if mask & _M_CASE_WORDS:
        case_hits = len(words & _CASE_WORDS)
        total += 0.4 * (case_hits if case_hits < 2 else 2)
    contact = not _CONTACT_DETAILS.isdisjoint(details) if details else False
    if contact:
        total += _FOUND_DETAILS_WEIGHT
        if mask & _M_ASK_PAIR_FIRSTS and _asks_the_agency(doc):
            total += 0.6  # "Kan dere sette inn ... på kontonummer ...": do this with my data
    elif "person_name" in details:
        total += 0.5
    if mask & _M_OPINION_WORDS or (mask & _M_OPINION_PHRASE_WORDS and _has_opinion_phrase(doc)):
        total -= 1.2
    if not contact and (mask & _M_PRAISE_WORDS or _has_praise_sign(doc)):
        total -= 1.4  # "Takk!" closing a request with an account number is politeness
    if mask & _M_GENERIC_WORDS:
        total -= 0.8
    if mask & _M_WARNING_WORDS:
        total -= 1.5  # a scam warning or a fundraiser: about others, often with their account
    return 1.0 / (1.0 + math.exp(-total))


_POSSESSIVE_AFTER: Final = frozenset({"min", "mi", "mitt", "mine", "vår", "vårt", "våre"})
_ALL_POSSESSIVES: Final = cue_set(_POSSESSIVES | _POSSESSIVE_AFTER)
_OUR: Final = cue_set(_WE - {"vi", "we"})
_VI: Final = cue_set({"vi"})
_CONTACT_DETAILS: Final = frozenset(
    {"national_id", "phone", "email", "bank_account", "address", "case_reference"}
)

# "Does the text hold a word of this set" is a bit test (see doc.cue_set).
_M_SUBJECTS: Final = _SUBJECTS.bit
_M_OWN_VERBS: Final = _OWN_VERBS.bit
_M_POSSESSIVES: Final = _POSSESSIVES.bit
_M_OWNED: Final = _OWNED.bit
_M_PRO_DROP_VERBS: Final = _PRO_DROP_VERBS.bit
_M_ASK_WORDS: Final = _ASK_WORDS.bit
_M_ASK_PAIR_FIRSTS: Final = _ASK_PAIR_FIRSTS.bit
_M_SINGULAR_SELF: Final = _SINGULAR_SELF.bit
_M_FAMILY_NOUNS: Final = _FAMILY_NOUNS.bit
_M_ALL_POSSESSIVES: Final = _ALL_POSSESSIVES.bit
_M_VI: Final = _VI.bit
_M_OUR: Final = _OUR.bit
_M_CASE_WORDS: Final = _CASE_WORDS.bit
_M_OPINION_WORDS: Final = _OPINION_WORDS.bit
_M_OPINION_PHRASE_WORDS: Final = _OPINION_PHRASE_WORDS.bit
_M_PRAISE_WORDS: Final = _PRAISE_WORDS.bit
_M_GENERIC_WORDS: Final = _GENERIC_WORDS.bit
_M_WARNING_WORDS: Final = _WARNING_WORDS.bit
