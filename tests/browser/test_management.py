"""An agency runs itself from the desk: people, roles, and the archivist's work, in Chromium.

The administrator adds a person and gives them a role; the archivist places a legal
hold, closes last month, starts an export, watches its progress and downloads the
package. Each step is then found on the audit log screen with its actor and reason.
Every page on the way is checked with axe-core.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_desk import login
from tilstede.archive.models import ArchiveExport, ExportStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings, tmp_path):
    settings.TILSTEDE_ARCHIVE_EXPORT_DIR = str(tmp_path / "exports")
    import_module("tilstede.desk.migrations.0002_standard_replies").install(apps, None)
    call_command("demo-data", stdout=None)


def logout(page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(lambda url: "/login/" in url or url.endswith("/"))


def test_an_administrator_adds_a_person_and_an_archivist_exports_last_month(page, demo):
    login(page, "admin")
    page.get_by_role("link", name="Personer").click()
    assert_accessible(page)
    page.get_by_role("link", name="Legg til en person").click()
    page.get_by_label("E-postadresse").fill("nina.ny@fjordvik.example")
    page.get_by_label("Fullt navn").fill("Nina Ny")
    page.get_by_label("moderator").check()
    assert_accessible(page)
    page.get_by_role("button", name="Legg til").click()
    expect(page.get_by_role("heading", name="Nina Ny er lagt til")).to_be_visible()
    link = page.get_by_label("Engangslenke").input_value()
    assert "/password/" in link
    assert_accessible(page)
    screenshot(page, "person-added")
    logout(page)

    login(page, "archivist")
    page.get_by_role("link", name="Arkiv", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name="Bevaringspålegg").click()
    page.get_by_label("Begrunnelse:", exact=True).fill("Tilsynssak 2026/41 fra Statsforvalteren")
    page.get_by_role("button", name="Sett pålegget").click()
    expect(page.get_by_role("status")).to_contain_text("Bevaringspålegget er satt")
    assert_accessible(page)

    page.get_by_role("link", name="Perioder og avslutning").click()
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    page.get_by_label("Måned").fill(last_month)
    page.get_by_role("button", name="Avslutt perioden").click()
    expect(page.get_by_role("status")).to_contain_text("er avsluttet")
    assert_accessible(page)
    screenshot(page, "archive-closed")

    page.get_by_role("link", name="Uttrekk", exact=True).click()
    page.get_by_role("checkbox").first.check()
    page.get_by_role("button", name="Start uttrekket").click()
    expect(page.get_by_role("status").last).to_contain_text("i kø")
    assert_accessible(page)
    expect(page.locator("#export-bar")).to_have_attribute("value", "0")
    export_page = page.url
    export = ArchiveExport.objects.get()
    # The worker runs in this test's thread; the page stops asking meanwhile, since the
    # test database (SQLite in memory) is shared with the server's thread.
    page.goto("about:blank")
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=None)
    export.refresh_from_db()
    assert export.status == ExportStatus.DONE, export.error
    page.goto(export_page)
    expect(page.locator("#export-bar")).to_have_attribute("value", "100")
    expect(page.get_by_text("Pakken består alle kontrollene")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "archive-export")
    with page.expect_download() as info:
        page.get_by_role("link", name="Last ned pakken").click()
    path = info.value.path()
    assert any(n.endswith("arkivuttrekk.xml") for n in zipfile.ZipFile(path).namelist())
    logout(page)

    login(page, "admin")
    for actor, verb, words, text in [
        ("admin", "person.add", "Person lagt til", "nina.ny@fjordvik.example"),
        ("archivist", "archive.legal_hold", "Bevaringspålegg lagt inn", "Tilsynssak 2026/41"),
        ("archivist", "archive.period_close", "Periode avsluttet", last_month),
        ("archivist", "archive.export_start", "Arkivuttrekk startet", ""),
        ("archivist", "archive.export_download", "Arkivuttrekk lastet ned", ""),
    ]:
        page.goto(f"/audit/?actor={actor}&verb={verb}")
        row = page.locator("main table tbody tr").filter(has_text=words).filter(has_text=text)
        expect(row.first).to_be_visible()
        expect(row.first.locator("td").nth(2)).to_have_text(actor)
    assert_accessible(page)


def test_the_management_pages_are_accessible(page, demo):
    login(page, "admin")
    for name, url in {
        "organisation": "/organisation/fjordvik/",
        "organisation-form": "/organisation/fjordvik/edit/",
        "people": "/people/",
        "person-form": "/people/new/",
        "teams": "/settings/teams/",
        "team-form": "/settings/teams/new/",
        "topics": "/settings/topics/",
        "topic-form": "/settings/topics/new/",
    }.items():
        page.goto(url)
        assert_accessible(page)
        screenshot(page, name)
    page.goto("/people/")
    page.get_by_role("link", name="Mona Moderator").click()
    assert_accessible(page)
    logout(page)
    login(page, "archivist")
    for name, url in {
        "archive-rules": "/archive/rules/",
        "archive-rule-form": "/archive/rules/new/",
        "archive-holds": "/archive/holds/",
        "archive-exports": "/archive/exports/",
        "archive-retention": "/archive/retention/",
        "archive-innsyn": "/archive/innsyn/",
    }.items():
        page.goto(url)
        assert_accessible(page)
        screenshot(page, name)
