"""No personal data leaves the archive's public side: the redacted variant, the titles,
offentligJournal and innsyn answers. Skjerming is written in Noark 5 code-list values
with the legal basis of each category, from the rules table in docs/archive.md.

The data is received through ``items_receive`` (as from a platform), so it is screened
as in production; one comment's stored screening is then emptied, as if an older
screening had missed it, to show that the archive screens anew.
"""

from __future__ import annotations

import csv
import datetime as dt
import re

import pytest
from lxml import etree
from pypdf import PdfReader

from tests.archive.helpers import SHARED, T0, close, raw
from tests.screening.made_up_numbers import d_nummer, fodselsnummer
from tilstede.archive import skjerming
from tilstede.archive.export import REDACTED_VARIANT, export_package
from tilstede.archive.innsyn import Search, innsyn_export, innsyn_request_record
from tilstede.archive.models import ArchiveAssessment
from tilstede.archive.skjerming import RulesError, parse_rules
from tilstede.core.models import Item
from tilstede.core.spreadsheet import spreadsheet_safe
from tilstede.ingest.models import Finding, VersionScreening
from tilstede.ingest.services import items_receive
from tilstede.screening import screen

N5 = "http://www.arkivverket.no/standarder/noark5/"
A = {"a": N5 + "arkivstruktur"}
NBSP, ZWSP = "\u00a0", "\u200b"
HEX64 = re.compile(r"\b[0-9a-f]{64}\b")
LAW_26 = "Offl. § 26 femte ledd"
LAW_13 = "Offl. § 13, jf. fvl. § 13 første ledd nr. 1"

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="reference schemas missing")


class Thread:
    """The agency's post and the citizens' replies, with the identifiers they carry."""

    def __init__(self, world) -> None:
        self.dnr = d_nummer(3, 7, 91)
        self.fnr = fodselsnummer(24, 12, 77)
        self.fnr2 = fodselsnummer(15, 3, 85)
        self.typed = {
            "r1": f"{self.dnr[:6]}{NBSP}{self.dnr[6:]}",
            "r4": f"24.12.77 {self.fnr[6:]}",
            "r7": f"{self.fnr2[:6]}{ZWSP}{self.fnr2[6:]}",
        }
        texts = {
            "r1": f"Jeg har D-nummer {self.typed['r1']} og venter fortsatt på fastlege. "
            "Kan dere sjekke søknaden min?",
            "r2": "Jeg har diabetes og trenger time hos legen, kan dere hjelpe meg?",
            "r3": "Som homofil føler jeg meg ikke velkommen på helsesenteret.",
            "r4": f"Min sønn har fødselsnummer {self.typed['r4']}, når får han time?",
            "r5": "Flott, gleder meg til åpningen!",
            "r6": "Ring meg på 912 34 567, jeg har spørsmål om min sak.",
            "r7": f"Fnr {self.typed['r7']}. Jeg har søkt om plass for mor, hva skjer?",
        }
        self.texts = texts
        items_receive(
            channel=world.channel,
            raw_items=[
                raw(
                    "p",
                    "Vi åpner nytt helsesenter i mai. Spørsmål? Skriv her.",
                    minutes=0,
                    direction="out",
                    kind="post",
                ),
                *(
                    raw(
                        n,
                        text,
                        minutes=i + 1,
                        parent="p",
                        author_name=f"Innbygger {n}",
                        hidden=n == "r6",
                    )
                    for i, (n, text) in enumerate(texts.items())
                ),
                raw(
                    "a1",
                    "Takk, vi ser på saken og tar kontakt.",
                    minutes=30,
                    parent="r1",
                    direction="out",
                    kind="reply",
                ),
            ],
            now=T0 + dt.timedelta(hours=1),
        )
        self.items = {i.external_id: i for i in Item.objects.filter(channel=world.channel)}
        # An older screening that missed r7's spelling: nothing stored, text unredacted.
        version = self.items["r7"].versions.get()
        Finding.objects.filter(screening__version=version).delete()
        VersionScreening.objects.filter(version=version).update(redacted=version.text)

    def secrets(self) -> list[str]:
        """What must never be public: the identifiers' digit groups and the addresses."""
        out = [self.dnr[:6], self.dnr[6:], self.fnr[6:], self.fnr2[:6], self.fnr2[6:]]
        out += ["912 34 567", "diabetes", "homofil"]
        out += [f"social.example/{n}" for n in self.texts]
        out += [f"@c{n}@x.example" for n in self.texts]
        return out


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _export(world, tmp_path):
    thread = Thread(world)
    close(world)
    out = tmp_path / "pakke"
    report = export_package(periods=[world.org.archive_periods.get()], out=out, by=world.admin)
    assert report.check.ok, report.check.text()
    return thread, out


@needs_shared
def test_an_exported_period_keeps_personal_data_out_of_everything_public(world, tmp_path):
    thread, out = _export(world, tmp_path)
    tree = etree.parse(str(out / "arkivstruktur.xml"))
    by_system_id = {
        str(a.system_id): a.item for a in ArchiveAssessment.objects.select_related("item")
    }
    registreringer = tree.xpath("//a:registrering", namespaces=A)
    assert registreringer

    redacted_files = []
    checked = set()
    for reg in registreringer:
        item = by_system_id[reg.findtext("a:systemID", namespaces=A)]
        # What this registrering's document shows of citizens: its own text, or for our
        # post the replies it quotes.
        shown = [item] if item.direction == "in" else list(Item.objects.filter(parent=item))
        if item.direction == "out" and item.parent_id:
            shown.append(item.parent)
        categories = {
            f.category for i in shown if i.direction == "in" for f in screen(i.text).findings
        }
        skj = reg.find("a:skjerming", namespaces=A)
        if not categories:
            continue
        checked.add(item.external_id)
        assert skj is not None, item.external_id
        assert skj.findtext("a:tilgangsrestriksjon", namespaces=A) in (
            skjerming.TILGANGSRESTRIKSJONER
        )
        metadata = [m.text for m in skj.findall("a:skjermingMetadata", namespaces=A)]
        assert metadata and set(metadata) <= skjerming.SKJERMINGSMETADATA
        basis = skj.findtext("a:skjermingshjemmel", namespaces=A)
        for category in categories:
            assert skjerming.rules()[category].skjermingshjemmel in basis, (category, basis)
        if categories & {"national_id", "phone"}:
            assert LAW_26 in basis
        if categories & {"health", "special_category"}:
            assert LAW_13 in basis
        doc = reg.find("a:dokumentbeskrivelse/a:skjerming", namespaces=A)
        assert doc.findtext("a:skjermingDokument", namespaces=A) in skjerming.SKJERMINGDOKUMENT
        variants = {
            o.findtext("a:variantformat", namespaces=A): o.findtext(
                "a:referanseDokumentfil", namespaces=A
            )
            for o in reg.findall("a:dokumentbeskrivelse/a:dokumentobjekt", namespaces=A)
        }
        assert REDACTED_VARIANT in variants, item.external_id
        redacted_files.append((item, out / variants[REDACTED_VARIANT]))
        full = _pdf_text(out / variants["Arkivformat"])
        assert "SHA-256" in full  # fixity of the full text stays in the full variant
        if item.direction == "in":
            # A skjermet citizen's journalpost does not repeat the name in forfatter.
            if reg.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "journalpost":
                assert reg.find("a:forfatter", namespaces=A) is None
    assert "p" in checked  # the agency's post, for the replies it quotes

    for item, path in redacted_files:
        text = _pdf_text(path)
        flat = " ".join(text.split())
        assert not HEX64.search(text), item.external_id
        assert "SHA-256" not in text
        for secret in thread.secrets():
            assert secret not in text and secret not in flat, (item.external_id, secret)
        if item.external_id == "p":
            assert "[fødselsnummer]" in flat and "[helseopplysning]" in flat
            assert "skjult av virksomheten" in flat  # r6 was hidden at the source
            assert "Innbygger r1" not in flat and "******" in flat

    public = (out / "offentligJournal.xml").read_text(encoding="utf-8")
    full = (out / "loependeJournal.xml").read_text(encoding="utf-8")
    for secret in thread.secrets():
        assert secret not in public, secret
    for typed in thread.typed.values():
        assert typed not in public
        assert "".join(c for c in typed if c.isdigit())[-5:] not in public
    assert thread.texts["r1"][:20] in full or "D-nummer" in full  # the full journal keeps it
    assert "Unntatt offentlighet" in public and "<tilgangsrestriksjon>13<" not in public

    structure = (out / "arkivstruktur.xml").read_text(encoding="utf-8")
    assert "Deler av dokumentet" not in structure
    assert "<skjermingMetadata>tittel</skjermingMetadata>" not in structure


def test_the_rules_table_is_read_from_docs_and_covers_every_category():
    table = skjerming.rules()
    assert table["national_id"].skjermingshjemmel == LAW_26
    assert table["health"].skjermingshjemmel == LAW_13
    assert table["special_category"].skjermingshjemmel == LAW_13
    assert table["private_message"].tilgangsrestriksjon == "Unntatt offentlighet"
    assert skjerming.skjermingshjemmel({"health", "national_id"}) == f"{LAW_26}; {LAW_13}"
    assert skjerming.RULES_FILE.name == "archive.md"


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda t: t.replace("| Unntatt offentlighet | Offl. § 26", "| 13 | Offl. § 26", 1), "13"),
        (lambda t: re.sub(r"\| `health` .*\n", "", t), "health"),
        (lambda t: t.replace("<!-- /skjermingsregler -->", ""), "no table"),
    ],
)
def test_a_wrong_rules_table_is_refused_with_the_reason(change, complaint):
    with pytest.raises(RulesError, match=complaint):
        parse_rules(change(skjerming.RULES_FILE.read_text(encoding="utf-8")))


def test_redaction_covers_stored_and_fresh_findings_and_overlaps():
    fnr = fodselsnummer(1, 2, 80)
    text = f"Fnr {fnr[:6]}{NBSP}{fnr[6:]} og navnet mitt er Kari"
    stored = [Finding(start=len(text) - 4, end=len(text), category="person_name")]
    result = skjerming.redact(text, stored)
    assert result.text == "Fnr [fødselsnummer] og navnet mitt er [navn]"
    assert result.categories == {"national_id", "person_name"}
    overlapping = [Finding(start=2, end=8, category="phone")]
    assert fnr[:3] not in skjerming.redact(text, overlapping).text


def test_innsyn_never_shows_what_screening_would_redact_in_any_spelling(world, tmp_path):
    thread = Thread(world)
    request = innsyn_request_record(
        organisation=world.org,
        kind="innsyn",
        reference="2026/99",
        search=Search(channel=world.channel.slug),
        by=world.admin,
    )
    files = innsyn_export(request=request, out=tmp_path, by=world.admin)
    data = files["csv"].read_text(encoding="utf-8")
    pdf = " ".join(_pdf_text(files["pdf"]).split())
    for secret in [thread.dnr[6:], thread.fnr[6:], thread.fnr2[6:], thread.fnr2[:6]]:
        assert secret not in data and secret not in pdf, secret
    rows = list(csv.DictReader(files["csv"].open(encoding="utf-8")))
    r7 = next(r for r in rows if r["id"] == str(thread.items["r7"].pk))
    assert r7["tekst"].startswith("Fnr [fødselsnummer].")


def test_innsyn_csv_neutralises_formulas(world, tmp_path):
    items_receive(
        channel=world.channel,
        raw_items=[
            raw("f1", '=HYPERLINK("https://evil.example","Klikk")', minutes=1),
            raw("f2", "+47 er ikke et tall her", minutes=2),
            raw("f3", "@SUM(1+1)", minutes=3),
        ],
        now=T0 + dt.timedelta(hours=1),
    )
    request = innsyn_request_record(
        organisation=world.org, kind="innsyn", reference="2026/5", search=Search(), by=world.admin
    )
    files = innsyn_export(request=request, out=tmp_path, by=world.admin)
    rows = list(csv.DictReader(files["csv"].open(encoding="utf-8")))
    assert rows
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    assert any(r["tekst"].startswith("'=HYPERLINK") for r in rows)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+47 912", "'+47 912"),
        ("-3", "'-3"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("Hei = hallo", "Hei = hallo"),
        (12, "12"),
        (None, ""),
    ],
)
def test_spreadsheet_safe(value, safe):
    assert spreadsheet_safe(value) == safe


def test_the_system_check_reports_a_missing_rules_table(monkeypatch, tmp_path):
    from tilstede.archive.checks import check_skjerming_rules

    assert check_skjerming_rules() == []
    monkeypatch.setattr(skjerming, "RULES_FILE", tmp_path / "gone.md")
    skjerming.rules.cache_clear()
    try:
        [error] = check_skjerming_rules()
        assert error.id == "tilstede.E101" and "gone.md" in error.msg
    finally:
        skjerming.rules.cache_clear()
