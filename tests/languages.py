"""What tells bokmål, nynorsk and English apart, for the tests that check a text is in
the language it claims (issue 24).

``bokmal_phrases`` reads the catalogue: the bokmål translations a text in another
language must not contain. ``BOKMAL_ONLY`` and ``NYNORSK_ONLY`` are word forms that
Språkrådet's word lists (Bokmålsordboka and Nynorskordboka) allow in one of the two
written standards only; a form that both allow (``blir``, ``også``, ``nå``, ``dersom``,
``meldinga``) is not listed.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[1] / "src" / "tilstede" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")

BOKMAL_ONLY = frozenset(
    """
    ikke hva hvem hvor hvordan hvorfor hvilken hvilket hvilke hvis jeg noe noen mye bare
    fra hver hvert selv sammen samme uten flere mer egen eget egne annen annet disse hun
    dere deres hennes ennå allerede sier gjør gjøre gjelder kommer fikk gikk ble vært
    være uke uker siden tiden saken meldingen svarene innleggene brukeren brukere bruker
    kanaler regler reglene kommentarer kommentarene personopplysninger opplysninger
    virksomhet virksomheten hendelse hendelser hendelsen beslutning beslutningen
    endringer innstillinger tjeneste tjenesten avsluttet endret lagret slettet startet
    opprettet hentet skjermet mottatt sendes vises brukes lagres slettes hentes skjules
    publiseres endres godkjennes skrives finnes kasseres arkiveres journalføres legges
    kun tidligere vanlig vanligvis offentlig synlig mulig ansvarlig egentlig følger bygger
    ligger innhold navn navnet brukernavn søker måned måneder hjem hjemme nettleseren
    leser svarer sletter lagrer henter venter starter endrer avslutter innen mens ellers
    åpen åpne åpningstid åpningstiden hverdager helligdager forespørsel henvendelse
    lukket
    """.split()
)

NYNORSK_ONLY = frozenset(
    """
    ikkje kva kven kvar korleis kvifor eg noko nokon mykje berre frå sjølv saman utan
    fleire meir eigen eige eigne desse dykk dykkar deira enno allereie seier gjer gjere
    kjem fekk gjekk vore vere veke veker sidan brukar brukarar brukaren kanalar reglar
    reglane kommentarar kommentarane personopplysningar opplysningar verksemd verksemda
    hending hendingar avgjerd endringar innstillingar teneste tenesta motteke motteken
    mottekne visast brukast lagrast slettast hentast kasserast arkiverast kjelda kjelde
    namn namnet innhald månad månaden heim heime tidlegare vanleg vanlegvis offentleg
    synleg mogleg ansvarleg følgjer byggjer søkjer nettlesaren lesar svarar slettar
    lagrar hentar ventar startar endrar avsluttar brukarnamn kvardagar vyrkedagar
    heilagdagar tryggleik løyve innan medan elles opningstid opningstida førespurnad
    """.split()
)

_WORD = re.compile(r"[A-Za-zÆØÅæøåÉéÈèÒòÓóÔô]+(?:-[A-Za-zÆØÅæøå]+)*")


def words_in(text: str, forms: frozenset[str]) -> list[str]:
    """The forms found in ``text`` as whole words, case-insensitive."""
    return sorted({w for w in _WORD.findall(text) if w.lower() in forms})


def _forms(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [text for _n, text in sorted(entry.msgstr_plural.items())]
    return [entry.msgstr]


@functools.cache
def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def bokmal_phrases(language: str, *, context: str | None = None) -> frozenset[str]:
    """The bokmål translations (each literal part of one with placeholders, where it is
    six characters or more) that differ from the translation into ``language``: a text
    in ``language`` that contains one has bokmål left in it. ``context`` keeps to the
    messages of one context (``archive``)."""
    other: dict[tuple[str | None, str], list[str]] = {}
    if language != "en":
        other = {
            (e.msgctxt, e.msgid): _forms(e)
            for e in catalogue(language)
            if e.translated() and not e.obsolete
        }
    phrases: set[str] = set()
    for entry in catalogue("nb"):
        if entry.obsolete or not entry.translated() or "fuzzy" in entry.flags:
            continue
        if context is not None and entry.msgctxt != context:
            continue
        theirs = other.get(
            (entry.msgctxt, entry.msgid), [entry.msgid, entry.msgid_plural or entry.msgid]
        )
        for n, text in enumerate(_forms(entry)):
            if text in theirs or text == theirs[min(n, len(theirs) - 1)]:
                continue
            for part in PLACEHOLDER.split(text):
                part = part.strip(" .:;,–()")
                if len(part) >= 6 and not any(part in t for t in theirs):
                    phrases.add(part)
    return frozenset(phrases)


def phrases_in(text: str, phrases: frozenset[str]) -> list[str]:
    text = " ".join(text.split())
    return sorted(p for p in phrases if p in text)
