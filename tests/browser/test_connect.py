"""Connecting a Mastodon account in a real browser, through a fake instance on 127.0.0.1."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible
from tests.conftest import make_channel, make_user
from tests.fake_platforms import fake_auth_server
from tilstede.core import roles
from tilstede.core.models import Channel, Organisation

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_administrator_connects_a_mastodon_account_with_oauth(page, live_server):
    org = Organisation.objects.create(name="Testvik kommune", slug="testvik")
    channel = make_channel(org, "testvik-mastodon")
    make_user("admin", roles.ADMINISTRATOR, org)
    with fake_auth_server() as auth:
        page.goto("/login/")
        page.get_by_label("Brukernavn").fill("admin")
        page.get_by_label("Passord").fill("pw-admin")
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/login/" not in url)
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
