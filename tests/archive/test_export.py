"""Noark 5 arkivuttrekk: packages from edge cases and demo data, checked like Arkade would.

Every package is validated against both official schema sets in ../shared/noark5/schemas
(the current set and the 2019 release) as well as the copies shipped inside it.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pikepdf
import pytest
from django.utils import timezone, translation
from lxml import etree

from tests.archive.helpers import SCHEMA_SETS, SHARED, build_thread, close
from tilstede.archive import conf
from tilstede.archive.check import check_package
from tilstede.archive.export import export_package
from tilstede.archive.models import ArchiveAssessment
from tilstede.archive.services import ArchiveError, assessment_override, period_close
from tilstede.core.models import AuditEvent, Organisation

needs_shared = pytest.mark.skipif(
    not SHARED.is_dir(), reason=f"reference schemas not found at {SHARED} (../shared missing)"
)
N = {"a": "http://www.arkivverket.no/standarder/noark5/arkivstruktur"}


def reference_sets() -> list:
    return SCHEMA_SETS if SHARED.is_dir() else []


def assert_valid(out) -> None:
    report = check_package(out, schema_dirs=reference_sets())
    assert report.ok, report.text()


def edge_case_package(world, out, **kw):
    t = build_thread(world)
    for item in (t.removed, t.empty):
        assessment_override(item=item, value="store", reason="Kantilfelle", by=world.admin)
    close(world)
    return t, export_package(periods=[_period(world)], out=out, by=world.admin, **kw)


def _period(world):
    return world.org.archive_periods.get()


@needs_shared
def test_the_shipped_schemas_are_the_official_ones() -> None:
    for xsd in conf.PACKAGE_SCHEMAS.glob("*.xsd"):
        shipped = hashlib.sha256(xsd.read_bytes()).hexdigest()
        assert shipped == hashlib.sha256((SHARED / xsd.name).read_bytes()).hexdigest()
        assert shipped in conf.OFFICIAL_SCHEMA_SHA256[xsd.name]


@needs_shared
def test_it_exports_edits_deletions_removals_screening_and_empty_text(world, tmp_path) -> None:
    _, report = edge_case_package(world, tmp_path / "pakke")
    out = tmp_path / "pakke"
    assert report.check.ok, report.check.text()
    assert_valid(out)
    assert (report.mapper, report.registreringer, report.journalposter) == (1, 7, 4)
    # Three registreringer are skjermet, each with a redacted variant: the phone number,
    # our answer to it, and our post, whose document quotes the phone number's reply.
    assert report.documents == 7 + 3
    tree = etree.parse(str(out / "arkivstruktur.xml"))
    text = (out / "arkivstruktur.xml").read_text(encoding="utf-8")
    assert (
        "Slettet hos kilden" in text
        and "Fjernet av virksomheten hos kilden; teksten er bevart her: Reklame og spam" in text
    )
    assert "Endret hos kilden: 2 versjoner" in text
    assert "Dokument hvor deler av innholdet er skjermet" in text
    assert (
        tree.xpath(
            "count(//a:mappe[@xsi:type='saksmappe'])",
            namespaces={**N, "xsi": "http://www.w3.org/2001/XMLSchema-instance"},
        )
        == 1
    )
    public = (out / "offentligJournal.xml").read_text(encoding="utf-8")
    assert "912 34 567" not in public and "******" in public
    assert "[telefonnummer]" in public
    full = (out / "loependeJournal.xml").read_text(encoding="utf-8")
    assert "912 34 567" in full
    addml = (out / "arkivuttrekk.xml").read_text(encoding="utf-8")
    assert "<value>fmt/477</value>" not in addml  # format lives in arkivstruktur
    assert "<format>fmt/477</format>" in text
    assert not (out / ".tilstede-uttrekk.json").exists()
    assert AuditEvent.objects.filter(verb="archive.export").exists()


def test_a_document_is_pdfa_2b_with_embedded_fonts(world, tmp_path) -> None:
    edge_case_package(world, tmp_path / "pakke")
    pdfs = sorted((tmp_path / "pakke" / "dokumenter").glob("*.pdf"))
    assert pdfs
    with pikepdf.open(pdfs[0]) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        fonts = list(pdf.pages[0].Resources.Font.values())
        assert fonts
        for font in fonts:
            descriptor = font.DescendantFonts[0].FontDescriptor
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor


@needs_shared
def test_an_empty_period_is_a_valid_package_without_journals(world, tmp_path) -> None:
    period = period_close(
        organisation=world.org, start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1), by="test"
    ).period
    report = export_package(periods=[period], out=tmp_path / "tom", by="test")
    assert (report.mapper, report.registreringer, report.endringer) == (0, 0, 1)
    assert not (tmp_path / "tom" / "loependeJournal.xml").exists()
    assert not (tmp_path / "tom" / "loependeJournal.xsd").exists()
    assert_valid(tmp_path / "tom")


@needs_shared
def test_the_demo_agency_exports_a_valid_package(db, tmp_path) -> None:
    from tilstede.demo.loader import demo_load

    now = timezone.now()
    demo_load(now=now, progress=lambda _: None)
    org = Organisation.objects.get(slug="fjordvik")
    today = timezone.localdate()
    period = period_close(
        organisation=org, start=today - dt.timedelta(days=40), end=today, by="test", now=now
    ).period
    report = export_package(
        periods=[period],
        out=tmp_path / "demo",
        by="test",
        documents=False,
        format_style="extension",
    )
    assert report.registreringer > 100 and report.journalposter > 0
    assert_valid(tmp_path / "demo")


def test_the_format_field_can_name_the_extension(world, tmp_path) -> None:
    _, report = edge_case_package(world, tmp_path / "p", format_style="extension")
    assert report.check.ok
    assert "<format>pdf</format>" in (tmp_path / "p" / "arkivstruktur.xml").read_text()


def test_an_interrupted_export_resumes_with_the_documents_already_made(world, tmp_path) -> None:
    build_thread(world)
    close(world)
    made = []

    def stop_after_three(record) -> None:
        made.append(record.item.pk)
        if len(made) == 3:
            raise KeyboardInterrupt

    out = tmp_path / "pakke"
    with pytest.raises(KeyboardInterrupt):
        export_package(periods=[_period(world)], out=out, by="test", on_document=stop_after_three)
    assert (out / ".tilstede-uttrekk.json").exists()
    with pytest.raises(ArchiveError, match="other periods or settings"):
        export_package(periods=[_period(world)], out=out, by="test", format_style="extension")
    report = export_package(periods=[_period(world)], out=out, by="test")
    assert report.reused >= 3 and report.check.ok, report.check.text()


def test_it_refuses_a_foreign_non_empty_folder(world, tmp_path) -> None:
    build_thread(world)
    close(world)
    (tmp_path / "x.txt").write_text("hei")
    with pytest.raises(ArchiveError, match="not empty"):
        export_package(periods=[_period(world)], out=tmp_path, by="test")


def test_only_kept_items_are_exported(world, tmp_path) -> None:
    build_thread(world)
    close(world)
    report = export_package(periods=[_period(world)], out=tmp_path / "p", by="t", documents=False)
    text = (tmp_path / "p" / "arkivstruktur.xml").read_text()
    assert "Flott, takk for info" not in text and "solbriller" not in text
    kept = ArchiveAssessment.objects.filter(folder__isnull=False).count()
    assert report.registreringer == kept == 5


def test_documents_rendered_on_the_process_pool_are_the_same_bytes(world, tmp_path, settings):
    build_thread(world)
    period = close(world).period
    inline = export_package(periods=[period], out=tmp_path / "a", by="t", workers=1)
    settings.TILSTEDE_ARCHIVE_POOL_THRESHOLD = 1
    pooled = export_package(periods=[period], out=tmp_path / "b", by="t", workers=2)
    assert pooled.rendered == inline.rendered > 1 and pooled.check.ok, pooled.check.text()
    for pdf in (tmp_path / "a" / "dokumenter").glob("*.pdf"):
        assert (tmp_path / "b" / "dokumenter" / pdf.name).read_bytes() == pdf.read_bytes()


def test_a_document_tells_the_history_in_words_with_the_whole_thread_in_oslo_time(world):
    from tests.archive.helpers import T0, raw
    from tilstede.archive.documents import document_context
    from tilstede.archive.records import load_batch
    from tilstede.ingest.services import items_receive

    t = build_thread(world)
    items_receive(
        channel=world.channel,
        raw_items=[
            raw(f"r{n}", f"Svar nummer {n}", minutes=20 + n, parent="p1") for n in range(30)
        ],
        now=T0 + dt.timedelta(hours=4),
    )
    for n in range(30):
        assessment_override(
            item=world.channel.items.get(external_id=f"r{n}"), value="store", reason="Ja", by="t"
        )
    close(world)
    post = ArchiveAssessment.objects.select_related("item__channel", "folder").get(item=t.post)
    (record,) = load_batch([post], period_ids={post.period_id}, with_context=True)
    context = document_context(record, organisation="Testvik", redacted=False)
    texts = [r["text"] for r in context["replies"]]
    assert all(f"Svar nummer {n}" in texts for n in range(30))  # no cut at 20
    assert context["more_replies"] == 3  # chatter, removed spam, empty reply: kasseres
    assert "solbriller" not in " ".join(texts)
    removed = ArchiveAssessment.objects.select_related("item__channel", "folder").get(
        item=t.removed
    )
    (r,) = load_batch([removed], period_ids={removed.period_id}, with_context=False)
    history = document_context(r, organisation="Testvik", redacted=False)["history"]
    assert history[0]["what"].startswith("Fjernet av virksomheten hos kilden")
    assert history[0]["actor"] == "moderator"
    assert "item." not in str(history)
    # 2 November 09:00 UTC is 10:00 in Oslo.
    assert context["created_at"] == "02.11.2026 10:00:00 CET"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nb", ["Moderering og hendelser", "Fjernet av virksomheten hos kilden", "Begrunnelse"]),
        ("nn", ["Moderering og hendingar", "Fjerna av verksemda hos kjelda", "Grunngiving"]),
        ("en", ["Moderation and events", "Removed at the source by the agency", "Reason"]),
    ],
)
def test_a_document_is_in_the_archives_language_whoever_starts_the_export(
    world, settings, language, words
):
    """The documents and their moderation history come from the catalogue in the
    installation's language (LANGUAGE_CODE); the language active when the export runs
    (an archivist's browser set to English) does not change a deposit."""
    import lxml.html

    from tests.languages import BOKMAL_ONLY, bokmal_phrases, phrases_in, words_in
    from tilstede.archive.documents import record_html
    from tilstede.archive.export import _merknader
    from tilstede.archive.records import load_batch

    settings.LANGUAGE_CODE = language
    t = build_thread(world)
    close(world)
    texts, own, notes = [], [], []
    for item in (t.removed, t.question, t.post):
        a = ArchiveAssessment.objects.select_related("item__channel", "folder").get(item=item)
        (record,) = load_batch([a], period_ids={a.period_id}, with_context=True)
        with translation.override("en" if language != "en" else "nb"):
            for redacted in (False, True):
                html = record_html(record, organisation="Testvik", redacted=redacted)
                assert f'<html lang="{language}">' in html
                body = lxml.html.fromstring(html).body
                texts.append(body.text_content())
                # What citizens and the agency wrote is quoted as written, in the text
                # and at the start of the title.
                for quoted in body.xpath("//div[@class='text'] | //h1"):
                    quoted.drop_tree()
                own.append(body.text_content())
            notes += [note for note, _at, _by in _merknader(record)]
    text = " ".join(texts + notes)
    assert all(w in text for w in words), words
    if language != "nb":
        assert phrases_in(text, bokmal_phrases(language, context="archive")) == []
    if language == "nn":
        # The reasons the archive rules recorded (in bokmål here) are quoted as written.
        left = " ".join(own + notes)
        for reason in ArchiveAssessment.objects.values_list("reason", flat=True):
            left = left.replace(reason, "")
        assert words_in(left, BOKMAL_ONLY) == []
