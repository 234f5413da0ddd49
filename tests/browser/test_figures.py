"""The figures page in a browser: the period picker, the chart's table, the downloads,
axe-core on the page; and the menu with a crisis banner. Screenshots for the README."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_desk import demo, login  # noqa: F401  (fixture)
from tilstede.core.models import Channel
from tilstede.publishing import services as publishing

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_leader_picks_a_period_and_downloads_the_figures(page, demo):  # noqa: F811
    login(page, "reader")
    page.locator("nav").get_by_role("link", name="Figures").or_(
        page.locator("nav").get_by_role("link", name="Tall", exact=True)
    ).click()
    expect(page.locator("#figures-total")).to_be_visible()
    page.locator("input[name=period][value=quarter]").check()
    page.locator("form.period-form button[type=submit]").click()
    page.wait_for_url("**/figures/?period=quarter*")
    expect(page.locator("input[name=period][value=quarter]")).to_be_checked()
    page.locator("main summary").first.click()  # the chart's table
    expect(page.locator("main details table")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "figures")

    with page.expect_download() as csv_download:
        page.locator("a[href^='/figures.csv']").click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    with page.expect_download() as pdf_download:
        page.locator("a[href^='/figures.pdf']").click()
    assert pdf_download.value.suggested_filename.endswith(".pdf")


def test_the_menu_leads_to_publishing_and_crisis_mode_and_shows_a_crisis(page, demo):  # noqa: F811
    admin = User.objects.get(username="admin")
    publishing.crisis_declare(
        organisation=admin.organisations.get(),
        name="Flom i sentrum",
        channels=list(Channel.objects.filter(slug="facebook")),
        by=admin,
    )
    login(page, "moderator")
    page.goto("/inbox/")
    banner = page.locator(".crisis-alert")
    expect(banner).to_contain_text("Flom i sentrum")
    assert_accessible(page)
    screenshot(page, "crisis-banner")
    banner.get_by_role("link").click()
    page.wait_for_url("**/publisering/krise/")
    expect(page.locator("nav a[aria-current=page]")).to_have_attribute(
        "href", "/publisering/krise/"
    )
    assert_accessible(page)
    screenshot(page, "crisis")
    page.locator("nav a[href='/publisering/']").click()
    page.wait_for_url("**/publisering/")
    assert_accessible(page)
    screenshot(page, "publishing")
