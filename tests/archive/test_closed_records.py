"""Closed records stay closed: a later moderation or reclassification, or a thread that
goes on after the cut, adds registreringer to the open period and never rewrites the
closed one; every change to a closed unit's metadata is in endringslogg.xml."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from lxml import etree

from tests.archive.helpers import SCHEMA_SETS, SHARED, build_thread, raw
from tilstede.archive.check import check_package
from tilstede.archive.export import export_package
from tilstede.archive.models import ArchiveAmendment, ArchiveAssessment, ArchiveFolder
from tilstede.archive.services import assessment_override, period_close
from tilstede.core.models import HouseRule, Item
from tilstede.ingest.services import items_receive
from tilstede.moderation.models import Verb
from tilstede.moderation.services import decision_record

NOV, DEC, JAN = dt.date(2026, 11, 1), dt.date(2026, 12, 1), dt.date(2027, 1, 1)
NS = {"a": "http://www.arkivverket.no/standarder/noark5/arkivstruktur"}
E = {"e": "http://www.arkivverket.no/standarder/noark5/endringslogg"}


def at(day: int, month: int = 12, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, 10, tzinfo=dt.UTC)


def documents(out) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (out / "dokumenter").glob("*.pdf")
    }


def arkivdel(out, system_id) -> bytes:
    """The arkivdel as it stands, without the metadata a logged change may add to it."""
    tree = etree.parse(str(out / "arkivstruktur.xml"))
    (part,) = tree.xpath(f"//a:arkivdel[a:systemID='{system_id}']", namespaces=NS)
    for el in part.xpath(".//a:kryssreferanse | .//a:journalstatus", namespaces=NS):
        el.getparent().remove(el)
    return etree.tostring(part, method="c14n")


def test_a_closed_period_stays_as_it_was_and_changes_go_to_the_open_one(world, tmp_path):
    t = build_thread(world)
    november = period_close(
        organisation=world.org, start=NOV, end=DEC, by=world.admin, now=at(1)
    ).period
    before = tmp_path / "for"
    export_package(periods=[november], out=before, by=world.admin)
    phone = ArchiveAssessment.objects.get(item=t.phone)
    question = ArchiveAssessment.objects.get(item=t.question)

    # December: a moderator hides an archived comment, an archivist reclassifies an
    # archived journalpost, and the thread goes on.
    spam = HouseRule.objects.create(channel=world.channel, code="spam", title="Reklame og spam")
    decision_record(
        item=t.phone,
        verb=Verb.HIDE,
        by=world.moderator,
        house_rule=spam,
        reason="Reklame",
        now=at(3),
    )
    assessment_override(
        item=t.question, value="store", reason="Ikke en sak likevel", by=world.admin, now=at(4)
    )
    items_receive(
        channel=world.channel,
        # 33 days after the thread began: 5 December.
        raw_items=[raw("d1", "Takk, nå er veien brøytet!", minutes=33 * 24 * 60, parent="p1")],
        now=at(6),
    )
    assessment_override(
        item=Item.objects.get(external_id="d1"),
        value="store",
        reason="Tråden fortsetter",
        by=world.admin,
        now=at(6),
    )
    december = period_close(
        organisation=world.org, start=DEC, end=JAN, by=world.admin, now=at(2, 1, 2027)
    ).period
    after = tmp_path / "etter"
    report = export_package(periods=[november, december], out=after, by=world.admin)
    check = check_package(after, schema_dirs=SCHEMA_SETS if SHARED.is_dir() else [])
    assert check.ok, check.text()

    # The closed period's documents are byte for byte what they were; its arkivdel is
    # unchanged but for the kryssreferanser and the «Utgår» that endringslogg records.
    old, new = documents(before), documents(after)
    assert old and all(new[name] == digest for name, digest in old.items())
    assert arkivdel(before, november.system_id) == arkivdel(after, november.system_id)
    phone.refresh_from_db()
    question.refresh_from_db()
    assert phone.value == "journal" and phone.period == november and phone.discard_after is None

    # The reclassified journalpost is marked «Utgår» and stays in the journals.
    tree = etree.parse(str(after / "arkivstruktur.xml"))
    status = tree.xpath(
        f"//a:registrering[a:systemID='{question.system_id}']/a:journalstatus/text()",
        namespaces=NS,
    )
    assert status == ["Utgår"]
    assert str(question.system_id) in (after / "loependeJournal.xml").read_text()

    # December holds the new registreringer, each with a kryssreferanse to the old one.
    amendments = {m.item_id: m for m in ArchiveAmendment.objects.all()}
    assert set(amendments) == {t.phone.pk, t.question.pk}
    assert all(m.period == december for m in amendments.values())
    for item, original in ((t.phone, phone), (t.question, question)):
        m = amendments[item.pk]
        refs = tree.xpath(
            f"//a:registrering[a:systemID='{m.system_id}']"
            "/a:kryssreferanse/a:referanseTilRegistrering/text()",
            namespaces=NS,
        )
        assert refs == [str(original.system_id)]
    assert amendments[t.question.pk].value == "store"

    # endringslogg: what changed, who, when, on units that are in the package.
    log = etree.parse(str(after / "endringslogg.xml"))
    entries = [
        {c.tag.split("}")[1]: c.text for c in e} for e in log.xpath("//e:endring", namespaces=E)
    ]
    hide = next(e for e in entries if e["referanseArkivenhet"] == str(phone.system_id))
    assert hide["endretAv"] == "moderator" and "Skjult hos kilden" in hide["nyVerdi"]
    assert hide["endretDato"].startswith("2026-12-03")
    utgaar = next(
        e
        for e in entries
        if e["referanseArkivenhet"] == str(question.system_id)
        and e["referanseMetadata"] == "journalstatus"
    )
    assert (utgaar["tidligereVerdi"], utgaar["nyVerdi"], utgaar["endretAv"]) == (
        "Arkivert",
        "Utgår",
        "admin",
    )
    assert not any("Aktiv periode" in (e["tidligereVerdi"] or "") for e in entries)

    # The thread across the cut: its two folders refer to each other.
    nov_folder = ArchiveFolder.objects.get(period=november)
    dec_folder = ArchiveFolder.objects.get(period=december)
    for folder, other in ((nov_folder, dec_folder), (dec_folder, nov_folder)):
        refs = tree.xpath(
            f"//a:mappe[a:systemID='{folder.system_id}']/a:kryssreferanse/a:referanseTilMappe/text()",
            namespaces=NS,
        )
        assert refs == [str(other.system_id)]
    assert report.registreringer == 5 + 3


def test_the_check_reports_journal_head_dates_edited_by_hand(world, tmp_path):
    build_thread(world)
    period = period_close(
        organisation=world.org, start=NOV, end=DEC, by=world.admin, now=at(1)
    ).period
    out = tmp_path / "pakke"
    export_package(periods=[period], out=out, by=world.admin, documents=False)
    journal = (out / "loependeJournal.xml").read_text(encoding="utf-8")
    # As Arkade computes them: the first and last registrering/opprettetDato.
    assert "<journalStartDato>2026-11-02</journalStartDato>" in journal
    assert "<journalSluttDato>2026-11-02</journalSluttDato>" in journal
    assert check_package(out).ok
    addml = out / "arkivuttrekk.xml"
    for name in ("loependeJournal.xml", "offentligJournal.xml"):
        path = out / name
        old = hashlib.sha256(path.read_bytes()).hexdigest()
        path.write_text(
            re.sub(
                r"<journalStartDato>[^<]*</journalStartDato>",
                "<journalStartDato>2026-11-01</journalStartDato>",
                path.read_text(encoding="utf-8"),
            ),
            encoding="utf-8",
        )
        new = hashlib.sha256(path.read_bytes()).hexdigest()
        addml.write_text(addml.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    report = check_package(out)
    assert [r.code for r in report.results if not r.ok] == ["N5.60"], report.text()
    assert "2026-11-01" in report.errors[0]
