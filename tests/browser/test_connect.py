"""Connecting Mastodon and Facebook accounts in a real browser, through fake platforms on
127.0.0.1."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible
from tests.conftest import make_channel, make_user
from tests.fake_platforms import fake_auth_server
from tilstede.core import roles
from tilstede.core.models import Channel, Organisation, Platform

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page) -> None:
    page.goto("/login/")
    page.get_by_label("Brukernavn").fill("admin")
    page.get_by_label("Passord").fill("pw-admin")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login/" not in url)


def test_an_administrator_connects_a_mastodon_account_with_oauth(page, live_server):
    org = Organisation.objects.create(name="Testvik kommune", slug="testvik")
    channel = make_channel(org, "testvik-mastodon")
    make_user("admin", roles.ADMINISTRATOR, org)
    with fake_auth_server() as auth:
        _sign_in(page)
        page.goto(f"/channels/{channel.slug}/")
        page.get_by_role("link", name="Koble til kontoen").click()
        assert_accessible(page)
        page.get_by_label("Adressen til Mastodon-serveren").fill(auth.base)
        page.get_by_role("button", name="Gå videre til plattformen").click()
        assert_accessible(page)
        page.get_by_role("link", name="Gå videre til plattformen").click()
        page.wait_for_url(lambda url: url.startswith(auth.base))
        page.get_by_role("button", name="Authorize").click()
        page.wait_for_url(lambda url: url.startswith(live_server.url) and "/channels/" in url)
        assert "@etaten" in page.locator("main").inner_text()
        assert auth.pkce_checked == 1
    channel = Channel.objects.get(pk=channel.pk)
    assert channel.secrets()["access_token"] == "masto-token-1"
    assert channel.config["account_id"] == "4711"


def test_an_administrator_connects_a_facebook_page_with_oauth(page, live_server, settings):
    """Facebook's dialog, the code exchanged for a long-lived token, the pages listed,
    one chosen, its MODERATE task checked, and the lapse date and how to renew shown."""
    org = Organisation.objects.create(name="Testvik kommune", slug="testvik")
    channel = make_channel(org, "testvik-facebook", Platform.FACEBOOK)
    make_user("admin", roles.ADMINISTRATOR, org)
    with fake_auth_server() as auth:
        settings.TILSTEDE_FACEBOOK_APP_ID = "app-1"
        settings.TILSTEDE_FACEBOOK_APP_SECRET = "secret-1"
        settings.TILSTEDE_FACEBOOK_GRAPH_URL = auth.base
        settings.TILSTEDE_FACEBOOK_DIALOG_URL = auth.base
        _sign_in(page)
        page.goto(f"/channels/{channel.slug}/")
        page.get_by_role("link", name="Koble til kontoen").click()
        assert_accessible(page)
        page.get_by_role("button", name="Gå videre til plattformen").click()
        page.get_by_role("link", name="Gå videre til plattformen").click()
        page.wait_for_url(lambda url: url.startswith(live_server.url) and "callback" in url)
        assert page.get_by_role("heading", name="Velg siden").is_visible()
        assert_accessible(page)
        page.get_by_label("Testetaten").check()
        page.get_by_role("button", name="Koble til siden").click()
        page.wait_for_url(lambda url: url.rstrip("/").endswith(f"/channels/{channel.slug}"))
        main = page.locator("main").inner_text()
        assert "Testetaten" in main
        assert "2030" in main  # the data access lapses (debug_token), said before it does
        assert "Facebook ber personen bekrefte" in main  # how to renew, in bokmål
        assert_accessible(page)
    channel = Channel.objects.get(pk=channel.pk)
    assert channel.secrets()["page_access_token"] == "page-token-1"
    assert channel.config["page_id"] == "104000000000001"
