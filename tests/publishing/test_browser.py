"""Publishing in a real browser: one post to three channels, through fake Mastodon,
Bluesky and Facebook servers on loopback, checked with axe-core on every page.

Tasks run at once after commit (django-tasks' ImmediateBackend), so the publish request
itself calls the platforms; Facebook's connector is pointed at the fake server by
``connector_for_fakes`` (its Graph address is not a channel setting).
"""

from __future__ import annotations

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.browser_support import assert_accessible, screenshot
from tests.publishing.fakeplatforms import FakePlatforms, configure, connector_for_fakes
from tests.publishing.test_api import PNG
from tilstede.core.models import Direction, Item
from tilstede.publishing import tasks
from tilstede.publishing.models import Post, PostState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Brua over Fjordelva er stengt lørdag og søndag 👷🏽. Omkjøring via Storvegen."
LINK = "https://www.testvik.kommune.no/veg/brua"


@pytest.fixture
def platforms(channels, monkeypatch, immediate_tasks):
    fake = FakePlatforms()
    for channel in channels.values():
        configure(channel, fake.url)
    monkeypatch.setattr(tasks, "_connector", connector_for_fakes)
    yield fake
    fake.close()


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_one_post_is_published_to_three_channels(page, live_server, world, channels, platforms):
    log_in(page, live_server, world.moderator)
    page.goto("/publisering/ny/")
    assert_accessible(page)
    page.fill("#id_text", TEXT)
    page.fill("#id_link", LINK)
    page.check("#id_information")
    page.select_option("#id_language", "nb")
    for channel in channels.values():
        page.check(f"input[name=channels][value='{channel.pk}']")
    page.set_input_files(
        "#id_image_1", files=[{"name": "omkjoring.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.fill("#id_image_1_alt", "Kart over omkjøringen via Storvegen")
    page.click("button[value=preview]")

    previews = page.locator("section.preview")
    expect(previews).to_have_count(3)
    for channel in channels.values():
        expect(page.get_by_role("heading", name=channel.name, exact=True)).to_be_visible()
    # Each channel shows the text as it will go out: Bluesky and Mastodon with the link in it.
    bluesky = previews.filter(has=page.get_by_role("heading", name="Testvik-Bluesky"))
    expect(bluesky.locator(".body")).to_contain_text(LINK)
    expect(bluesky.locator(".count")).to_contain_text("300")
    assert_accessible(page)
    screenshot(page, "publishing-compose-preview")

    # The file input is empty after a preview; choose the image again, then send.
    page.set_input_files(
        "#id_image_1", files=[{"name": "omkjoring.png", "mimeType": "image/png", "buffer": PNG}]
    )
    page.click("button[value=submit]")
    page.wait_for_url("**/publisering/*/")
    post = Post.objects.get()
    assert post.state == PostState.AWAITING_APPROVAL

    # The approver sees the previews per channel, approves and publishes.
    log_in(page, live_server, world.admin)
    page.goto(f"/publisering/{post.pk}/")
    expect(page.locator("section.preview")).to_have_count(3)
    assert_accessible(page)
    page.click(f"form[action='/publisering/{post.pk}/godkjenn/'] button")
    page.click(f"form[action='/publisering/{post.pk}/publiser/'] button")
    page.wait_for_url(f"**/publisering/{post.pk}/")

    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED
    items = Item.objects.filter(publication__post=post, direction=Direction.OUT)
    assert sorted(i.platform for i in items) == ["bluesky", "facebook", "mastodon"]
    assert sorted(p for p, _body in platforms.posts) == ["bluesky", "facebook", "mastodon"]
    for item in items:
        link = page.locator(f"a[href='/items/{item.pk}/']")
        expect(link).to_be_visible()
    expect(page.locator("section.preview")).to_have_count(3)
    assert_accessible(page)
    screenshot(page, "publishing-published")

    # The list, the crisis page and the outgoing item itself meet the same bar.
    page.goto("/publisering/")
    expect(page.get_by_role("link", name=TEXT[:20], exact=False)).to_be_visible()
    assert_accessible(page)
    page.goto("/publisering/kanaler/")
    assert_accessible(page)
    page.goto("/publisering/krise/")
    assert_accessible(page)
    page.fill("#id_name", "Flom i Fjordelva")
    page.check(f"input[name=channels][value='{channels['mastodon'].pk}']")
    page.click("form[action='/publisering/krise/erklaer/'] button")
    expect(page.get_by_role("heading", name="Flom i Fjordelva", exact=False)).to_be_visible()
    assert_accessible(page)
    screenshot(page, "publishing-crisis")
    page.goto(f"/publisering/krise/{world.org.crises.get().pk}/logg/")
    assert_accessible(page)
