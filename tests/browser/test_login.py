"""The login page and the overview in a real browser, checked with axe-core."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_login_page_is_accessible_and_in_bokmal(page):
    page.goto("/login/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.get_by_role("heading", level=1).inner_text() == "Logg inn i Tilstede"
    assert_accessible(page)
    screenshot(page, "login")


def test_a_moderator_logs_in_with_the_keyboard_and_sees_the_overview(page):
    call_command("demo-data", stdout=None)
    page.goto("/login/")
    expect(page.get_by_label("Brukernavn")).to_be_focused()  # autofocus on load
    page.keyboard.type("moderator")
    page.keyboard.press("Tab")
    page.keyboard.type("demo")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login/" not in url)
    assert page.get_by_role("heading", level=1).inner_text() == "Oversikt"
    today = page.get_by_role("table", name="Dagens kø per kanal")
    assert today.get_by_role("row", name="Fjordvik kommune på Facebook").is_visible()
    assert_accessible(page)
    screenshot(page, "overview")


def test_a_wrong_password_is_announced(page):
    call_command("demo-data", stdout=None)
    page.goto("/login/")
    page.get_by_label("Brukernavn").fill("moderator")
    page.get_by_label("Passord").fill("wrong")
    page.get_by_role("button", name="Logg inn").click()
    assert "feil" in page.get_by_role("alert").inner_text()
    assert_accessible(page)


def test_the_language_switch_gives_english(page):
    page.goto("/login/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Log in to Tilstede"
    assert_accessible(page)
