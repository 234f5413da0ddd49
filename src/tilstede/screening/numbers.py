"""Digit-based identifiers: fødselsnummer and its variants, kontonummer and IBAN, phone numbers.

They compete for the same digits (every valid fødselsnummer is also a valid kontonummer,
an 8-digit run may be a phone number, a date or a price), so one module decides between
them by checksum, layout and the words just before and after.

Every pattern is anchored with look-behinds so that it is tried once per digit run, and
every repetition is bounded or unambiguous, so matching stays linear in the text length.
"""

from __future__ import annotations

import re
from typing import Final

import phonenumbers

from .checksums import (
    fodselsnummer_kind,
    kontonummer_is_valid,
    norwegian_iban_is_valid,
)
from .doc import Doc
from .model import BANK_ACCOUNT, NATIONAL_ID, PHONE, Finding

# What people put between the digit groups of a number, once the text is normalised (one
# kind of space, dash and line break; no invisible characters): one to three spaces or
# line breaks, or one ".", "-" or "/" with at most a space or line break on either side.
SEPARATOR: Final = r"(?:[ \n]{1,3}|[ \n]?[./-][ \n]?)"
_SEP: Final = SEPARATOR
# 11 digits written as 6+5 or 6+3+2, as the date and five digits ("24.12.77 45664", also
# with the year in four digits, "24.12.1977 45664"), or as 4.2.5 (kontonummer layout).
_ELEVEN: Final = re.compile(
    r"(?<!\d)(?<!\d[.,/-])"
    rf"(?:(?P<d6>\d{{6}})(?:(?P<s6>{_SEP})(?P<d5>\d{{5}})|(?P<t6>{_SEP})(?P<t3>\d{{3}})(?P=t6)(?P<t2>\d\d)|(?P<p5>\d{{5}}))"
    rf"|(?P<a4>\d{{4}})(?P<sa>{_SEP})(?P<a2>\d{{2}})(?P=sa)(?P<a5>\d{{5}})"
    rf"|(?P<dd>\d\d)(?P<sd>{_SEP})(?P<mm>\d\d)(?P=sd)(?P<cc>(?:18|19|20)(?=\d\d(?!\d)))?(?P<yy>\d\d)"
    rf"(?P<sy>{_SEP})?(?P<n5>\d{{5}}))"
    r"(?!\d)(?![.,/-]\d)"
)
_IBAN: Final = re.compile(r"(?<![\w])NO[ ]?(\d)[ ./\n-]?(\d)((?:[ ./\n-]?\d){11})(?!\d)")
# Between the groups of a phone number: a space, dot, dash or line break, two spaces, or
# a dash between spaces. Never a slash: "2024/1234" is a case number.
_PHONE_SEP: Final = r"(?:[ .\n-]| {2}| - )"
_PHONE_GAP: Final = re.compile(rf"{_PHONE_SEP}\d")
_PHONE_NO: Final = re.compile(
    r"(?<![\w+])(?<!\d[.,/-])(?<![^\W\d_]-)"
    r"(?P<prefix>\(?(?:\+ ?|00)47\)?[ .\-]?)?"
    r"(?P<num>\d{8}"
    rf"|\d{{3}}(?P<s1>{_PHONE_SEP})\d{{2}}(?P=s1)\d{{3}}"
    rf"|\d{{2}}(?P<s2>{_PHONE_SEP})\d{{2}}(?P=s2)\d{{2}}(?P=s2)\d{{2}}"
    rf"|\d{{4}}{_PHONE_SEP}\d{{4}}"
    r"|\d{3} \d{5}"
    r"|\d{2} \d{3} \d{3})"
    r"(?!\w)(?![.,/-]\d)"
)
_PHONE_INTL: Final = re.compile(
    r"(?<![\w+/.,-])(?:\+|00)(?!47)[1-9]\d{0,2}(?:[ .\-]?(?:\(\d{1,4}\)|\d)){5,14}(?!\d)"
)

# What the words just before a number say it is. A word counts when it starts with one of
# these stems (or equals one of the exact words); the nearest such word wins.
_BANK_STEMS: Final = (
    "konto",
    "kto",
    "bankkonto",
    "account",
    "iban",
    "overfør",
    "overfor",
    "innbetal",
    "utbetal",
    "bank",
)
_ID_STEMS: Final = (
    "fødselsn",
    "fodselsn",
    "fødselsdato",
    "personn",
    "fnr",
    "pnr",
    "d-num",
    "dnummer",
    "d-nr",
    "h-num",
    "fh-num",
    "identitetsn",
    "id-num",
    "idnum",
    "id-nr",
    "ssn",
    "testnummer",
    "tenor",
    "personal",
    "født",
    "fodt",
    "hjelpenummer",
    "hjelpenr",
    "fh-nr",
    "nødnummer-id",
    "duf-",
)
_ID_EXACT: Final = frozenset({"f.nr", "f.nr.", "id", "born", "identity", "birth"})
_OTHER_STEMS: Final = (
    "kid",
    "ordre",
    "faktura",
    "invoice",
    "kunde",
    "orgn",
    "org.n",
    "org-n",
    "organisasjons",
    "foretaks",
    "saksn",
    "sak",
    "saks",
    "referanse",
    "refnr",
    "journal",
    "søknads",
    "reference",
    "case",
    "ticket",
    "forsendelse",
    "sporing",
    "tracking",
    "pakke",
    "serie",
    "avtale",
    "polise",
    "medlems",
    "kvittering",
    "order",
    "vedtaks",
    "arkiv",
    "dokument",
    "duf",
    "anmeldelses",
    "skade",
    "report",
    "booking",
    "bestilling",
    "lisens",
    "registrerings",
    "reg.nr",
    "regnr",
    "vare",
    "artikkel",
    "konkurranse",
    "application",
)
_OTHER_EXACT: Final = frozenset({"ref", "ref.", "no."})
# -nummer words that do name a person's number.
_PERSONAL_NUMBER_STEMS: Final = (
    _BANK_STEMS
    + _ID_STEMS
    + (
        "tlf",
        "telefon",
        "mobil",
        "mob",
        "nummer",
        "nr",
        "tel",
        "kontakt",
        "d-",
        "h-",
        "fh-",
        "privat",
    )
)
_PHONE_STEMS: Final = (
    "tlf",
    "telefon",
    "mobil",
    "mob",
    "ring",
    "sms",
    "tel",
    "phone",
    "call",
    "nummer",
    "whatsapp",
    "kontakt",
    "vipps",
    "nås",
    "reach",
    "text",
    "number",
    "nr",
    "numm",
    "signal",
    "contact",
)
_NOT_DIGIT: Final = re.compile(r"\D")
_YEAR_RANGE: Final = re.compile(rf"(?:19|20)\d\d{_PHONE_SEP}(?:19|20)\d\d")
# After the day of "24.12.77 45664": a separator and the month.
_DATE_START: Final = re.compile(rf"{SEPARATOR}\d\d(?!\d)")
_CONTEXT_WORD: Final = re.compile(r"[\w.-]+")
# A full stop ends a sentence only after a word of four letters or more: "nr. 5", "ref. 2"
# and "tlf. 9" keep their number.
_SENTENCE_BREAK: Final = re.compile(r"(?<=\w{4})[.]\s|[!?;]\s|\n|\d")
# Everything up to the last break: ".*" runs to the end once and backs up to the last break.
# The full stop is matched before the look-behind for the four letters before it, so that
# backing up over other characters costs one comparison each.
_LAST_BREAK: Final = re.compile(r".*(?:[.](?<=\w{4}[.])\s|[!?;]\s|\n|\d)", re.DOTALL)
_PUNCTUATION: Final = "\"'()[]«»“”,:;!?#*"
_PRICE_BEFORE: Final = re.compile(r"(?:\bkr\.?|\bnok|\$|€|£|\busd|\beur)\s*$")
# How text matching _PRICE_BEFORE ends, once trailing whitespace is stripped.
_PRICE_ENDS: Final = ("kr", "kr.", "nok", "$", "€", "£", "usd", "eur")
_PRICE_AFTER: Final = re.compile(r"^\s*(?:,-|kr\b|kroner|nok\b|,\d\d|\.-|%|prosent|euro|dollar)")

_WINDOW: Final = 48


def _context_words(doc: Doc, start: int) -> list[str]:
    """Lower-cased words before ``start``, nearest first, back to a sentence break or a digit.

    Words before another number belong to that number, so the window stops at a digit.
    """
    before = doc.lower[start - _WINDOW if start > _WINDOW else 0 : start]
    m = _LAST_BREAK.match(before)
    if m is not None:
        before = before[m.end() :]
    # One pass, nearest first. Short words keep their dot: "no." is an abbreviation, "no"
    # is nynorsk for "now".
    words = []
    for t in reversed(before.split()[-6:]):
        w = t.strip(_PUNCTUATION)
        if w:
            words.append((w.strip(".-") or w) if len(w) > 4 else w.strip("-"))
    return words


# What a context word says about the number after it, as bits; see _word_flags().
_F_BANK: Final = 1
_F_ID: Final = 2
_F_OTHER: Final = 4
_F_PHONE: Final = 8
# Answers for words met so far: the stem tests run over tuples of up to 60 stems, and
# comments share their words. Bounded; past the bound, new words are tested each time.
_FLAGS: Final[dict[str, int]] = {}
_FLAGS_MAX: Final = 50_000


def _word_flags(w: str) -> int:
    """Which kinds of number the context word ``w`` names (bank, id, other, phone)."""
    flags = _FLAGS.get(w)
    if flags is None:
        flags = 0
        if w.startswith(_BANK_STEMS):
            flags |= _F_BANK
        if w in _ID_EXACT or w.startswith(_ID_STEMS):
            flags |= _F_ID
        if (
            w in _OTHER_EXACT
            or w.startswith(_OTHER_STEMS)
            # A non-personal number: a KID, an order, "målernummer".
            or (
                w.endswith(("nummer", "nummeret", "nr"))
                and not w.startswith(_PERSONAL_NUMBER_STEMS)
            )
        ):
            flags |= _F_OTHER
        if w.startswith(_PHONE_STEMS):
            flags |= _F_PHONE
        if len(_FLAGS) < _FLAGS_MAX:
            _FLAGS[w] = flags
    return flags


def _distances(words: list[str]) -> tuple[int, int, int, int]:
    """How many words back the nearest word about a bank account, an id, another kind of
    number and a phone stands (99: none), in one pass over the words."""
    bank = ident = other = phone = 99
    for i, w in enumerate(words):
        flags = _word_flags(w)
        if flags:
            if flags & _F_BANK and bank == 99:
                bank = i
            if flags & _F_ID and ident == 99:
                ident = i
            if flags & _F_OTHER and other == 99:
                other = i
            if flags & _F_PHONE and phone == 99:
                phone = i
    return bank, ident, other, phone


def _price_before(before: str) -> bool:
    """``_PRICE_BEFORE.search(before)``: a currency just before the number ("kr 200").

    The pattern can only match when the text ends with a currency mark and whitespace, and
    searching 48 characters for it costs far more than this test of the end.
    """
    return before.rstrip().endswith(_PRICE_ENDS) and _PRICE_BEFORE.search(before) is not None


def _plausible_date8(d: str) -> bool:
    """8 digits that read as a date (DDMMYYYY or YYYYMMDD)."""
    dd, mm, yy = int(d[:2]), int(d[2:4]), d[4:6]
    if 1 <= dd <= 31 and 1 <= mm <= 12 and yy in ("19", "20"):
        return True
    mm2, dd2 = int(d[4:6]), int(d[6:8])
    return d[:2] in ("19", "20") and 1 <= mm2 <= 12 and 1 <= dd2 <= 31


def find_numbers(doc: Doc) -> list[Finding]:
    """National ids, bank accounts and phone numbers in a text that contains digits."""
    text = doc.text
    findings: list[Finding] = []
    # Characters already claimed by a number; a mask keeps overlap checks O(span length).
    mask = bytearray(len(text))
    runs = doc.digit_runs
    # An IBAN's digits follow "NO" or "NO "; an international number's follow "+" or start
    # with "00". Looking before each digit run is cheaper than searching the whole text.
    iban = intl = False
    for run_start, _run_end in runs:
        before = text[run_start - 3 if run_start > 3 else 0 : run_start]
        if before.endswith(("NO", "NO ")):
            iban = True
        if before.endswith("+") or text.startswith("00", run_start):
            intl = True

    if iban:
        for m in _IBAN.finditer(text):
            compact = "NO" + m.group(1) + m.group(2) + _NOT_DIGIT.sub("", m.group(3))
            if norwegian_iban_is_valid(compact) and not doc.in_url(*m.span()):
                findings.append(
                    Finding(
                        m.start(),
                        m.end(),
                        BANK_ACCOUNT,
                        m.group(),
                        0.99,
                        "bank_account.iban",
                        "norsk IBAN med gyldige kontrollsiffer",
                    )
                )
                start, end = m.span()
                mask[start:end] = b"\x01" * (end - start)

    if intl:
        for m in _PHONE_INTL.finditer(text):
            start, end = m.span()
            if mask.find(1, start, end) != -1 or doc.in_url(start, end):
                continue
            dialled = m.group()
            explicit = dialled.startswith("+")
            if not explicit:
                dialled = "+" + dialled[2:]
            try:
                parsed = phonenumbers.parse(dialled, None)
            except phonenumbers.NumberParseException:
                if explicit:
                    mask[start:end] = b"\x01" * (end - start)
                continue
            if explicit:
                mask[start:end] = b"\x01" * (end - start)  # "+44 ..." is never a Norwegian number
            # Possible rather than valid: a number from a range the library does not know yet
            # (or a fictional one in a test) is still a number someone wrote down to be called.
            if phonenumbers.is_possible_number(parsed):
                region = phonenumbers.region_code_for_number(parsed) or "?"
                findings.append(
                    Finding(
                        start,
                        end,
                        PHONE,
                        m.group(),
                        0.9,
                        "phone.international",
                        f"gyldig utenlandsk telefonnummer ({region})",
                    )
                )
    for run_start, run_end in runs:
        # _ELEVEN starts with a run of 11 digits, of 6 before a separator, of 4 before a
        # separator (the 4.2.5 layout) or of 2 before a separator (a date and five
        # digits); a run of another length cannot start a match, nor can a run of two
        # that no separator and digit follow (most of them: "kl. 14", "12 år").
        length = run_end - run_start
        if (length != 11 and length != 6 and length != 4 and length != 2) or mask[run_start]:
            continue
        if length == 2 and not _DATE_START.match(text, run_end):
            continue
        m11 = _ELEVEN.match(text, run_start)
        if m11 is None:
            continue
        start, end = m11.span()
        if mask.find(1, start, end) != -1 or doc.in_url(start, end):
            continue
        finding = _classify_eleven(doc, m11)
        if finding is not None:
            findings.append(finding)
            mask[start:end] = b"\x01" * (end - start)

    for run_start, run_end in runs:
        if mask[run_start]:
            continue
        # Most digit runs are dates, amounts and counts: rule them out before the pattern.
        # "+47 ..." and "(+47) ..." start before the digits, and then the run must be "47".
        # Otherwise the match starts at the run, with "0047", with 8 digits, or with a group
        # of 2 to 4 digits, a separator and the next digit.
        if text[run_start - 1 : run_start] == "+":
            if not text.startswith("47", run_start):
                continue
            candidate = run_start - 2 if text[run_start - 2 : run_start] == "(+" else run_start - 1
        else:
            length = run_end - run_start
            if not (
                length == 8
                or (1 < length < 5 and _PHONE_GAP.match(text, run_end) is not None)
                or text.startswith("0047", run_start)
            ):
                continue
            candidate = run_start
        mp = _PHONE_NO.match(text, candidate)
        if mp is None:
            continue
        start, end = mp.span()
        if mask.find(1, start, end) != -1 or doc.in_url(start, end):
            continue
        finding = _classify_phone(doc, mp)
        if finding is not None:
            findings.append(finding)
            mask[finding.start : finding.end] = b"\x01" * (finding.end - finding.start)

    return findings


def _classify_eleven(doc: Doc, m: re.Match[str]) -> Finding | None:
    start, end = m.span()
    d_bank, d_id, d_other, _d_phone = _distances(_context_words(doc, start))
    kontonummer_layout = m.group("a4") is not None
    if d_other < min(d_bank, d_id) and (d_other == 0 or not kontonummer_layout):
        return None  # a KID, an order number, an org number or a case number
    bank_context = d_bank < d_id
    id_context = d_id < d_bank

    if kontonummer_layout:
        digits = m.group("a4") + m.group("a2") + m.group("a5")
        if kontonummer_is_valid(digits):
            return Finding(
                start,
                end,
                BANK_ACCOUNT,
                m.group(),
                0.97,
                "bank_account.mod11",
                "kontonummer skrevet 4.2.5 med gyldig kontrollsiffer (mod 11)",
            )
        return None

    if m.group("dd") is not None:
        # The date and five digits: a fødselsnummer or nothing (no account looks so).
        digits = m.group("dd") + m.group("mm") + m.group("yy") + m.group("n5")
        kind = fodselsnummer_kind(digits)
        if kind is None:
            return None
        name, from_2032 = kind
        rule = " etter regelen fra 2032" if from_2032 else ""
        return Finding(
            start,
            end,
            NATIONAL_ID,
            m.group(),
            0.99,
            "national_id.checksum",
            f"gyldige kontrollsiffer for {name} skrevet som dato og fem siffer{rule}",
        )

    separated = m.group("s6") is not None or m.group("t6") is not None
    if m.group("t3") is not None:
        digits = m.group("d6") + m.group("t3") + m.group("t2")
    else:
        digits = m.group("d6") + (m.group("d5") or m.group("p5"))
    kind = fodselsnummer_kind(digits)
    if kind is not None:
        name, from_2032 = kind
        if bank_context and not separated:
            return Finding(
                start,
                end,
                BANK_ACCOUNT,
                m.group(),
                0.8,
                "bank_account.mod11",
                "kontonummer med gyldig kontrollsiffer (mod 11) etter ord om konto",
            )
        if from_2032 and not (id_context or separated):
            # A plain kontonummer passes the relaxed 2032 rule four times as often as the
            # classic rule; without words about identity, call it an account.
            return Finding(
                start,
                end,
                BANK_ACCOUNT,
                m.group(),
                0.6,
                "bank_account.mod11",
                "11 siffer med gyldig kontrollsiffer (mod 11)",
            )
        rule = " etter regelen fra 2032" if from_2032 else ""
        confidence = 0.99 if separated or id_context else 0.93
        return Finding(
            start,
            end,
            NATIONAL_ID,
            m.group(),
            confidence,
            "national_id.checksum",
            f"gyldige kontrollsiffer for {name}{rule}",
        )
    if m.group("t3") is None and kontonummer_is_valid(digits) and (not separated or bank_context):
        confidence = 0.95 if bank_context else 0.75
        return Finding(
            start,
            end,
            BANK_ACCOUNT,
            m.group(),
            confidence,
            "bank_account.mod11",
            "kontonummer med gyldig kontrollsiffer (mod 11)",
        )
    return None


def _classify_phone(doc: Doc, m: re.Match[str]) -> Finding | None:
    start, end = m.span()
    num = m.group("num")
    digits = _NOT_DIGIT.sub("", num)
    prefixed = m.group("prefix") is not None
    if (
        prefixed
        and m.group("prefix").startswith("(")
        and not m.group("prefix").rstrip(" .-").endswith(")")
    ):
        start += 1  # the opening bracket belongs to the text, not the number
    if not prefixed:
        lower = doc.lower
        if _price_before(lower[start - _WINDOW if start > _WINDOW else 0 : start]) or (
            _PRICE_AFTER.match(lower[end : end + 24])
        ):
            return None
        _d_bank, _d_id, d_other, d_phone = _distances(_context_words(doc, start))
        if d_other <= d_phone and d_other < 99:
            return None  # an order number, a KID, a case number
        phone_context = d_phone < 99
        first = digits[0]
        if first in "01":
            return None
        plain = len(num) == 8
        if plain and _plausible_date8(digits) and not phone_context:
            return None
        if num.count(" ") == 2 and len(num) == 10 and num[2] == " " and not phone_context:
            return None  # 12 345 678 reads as an amount
        if _YEAR_RANGE.fullmatch(num):
            return None  # "2023-2024", "1990–2010": years, not a landline
        if first == "8" and not phone_context:
            return None  # 8xx numbers are service numbers, not a person's
        if first not in "49" and not phone_context and plain:
            return None  # a landline written as 8 plain digits is as likely an id
        confidence = 0.95 if phone_context or first in "49" else 0.8
    else:
        confidence = 0.99
    kind = "mobilnummer" if digits[0] in "49" else "telefonnummer"
    how = "med landkode +47" if prefixed else "i vanlig gruppering"
    return Finding(
        start, end, PHONE, doc.text[start:end], confidence, "phone.norwegian", f"norsk {kind} {how}"
    )
