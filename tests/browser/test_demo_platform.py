"""The demo platform in a real browser (issue 19): in a fresh demo database, a post is
composed, approved by another person and published to the sandbox channel, with no
network; the sandbox's own page shows it. Tasks run at once after commit.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_desk import demo, login  # noqa: F401  (fixture)
from tilstede.core.models import AuditEvent, Channel, Direction, Item, Platform
from tilstede.publishing.models import Post, PostState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = "Velkommen til Fjordvik på demoplattformen! Her kan du prøve Tilstede."


def test_a_post_is_composed_approved_by_another_and_published_to_the_demo_platform(
    page,
    demo,  # noqa: F811  (the fixture imported above)
    settings,
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    sandbox = Channel.objects.get(platform=Platform.DEMO)
    assert sandbox.active and sandbox.config["demo"]

    login(page, "moderator")
    page.goto("/channels/")
    expect(page.locator("main")).to_contain_text("demo (satt på pause)")  # the made-up ones
    page.goto("/publisering/ny/")
    page.fill("#id_text", TEXT)
    page.select_option("#id_language", "nb")
    page.check(f"input[name=channels][value='{sandbox.pk}']")
    page.click("button[value=submit]")
    page.wait_for_url("**/publisering/*/")
    post = Post.objects.get(text=TEXT)
    assert post.state == PostState.AWAITING_APPROVAL, (
        post.problem,
        page.locator("main").inner_text(),
    )

    page.context.clear_cookies()
    login(page, "admin")
    page.goto(f"/publisering/{post.pk}/")
    page.click(f"form[action='/publisering/{post.pk}/godkjenn/'] button")
    page.click(f"form[action='/publisering/{post.pk}/publiser/'] button")
    page.wait_for_url(f"**/publisering/{post.pk}/")
    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED, post.deliveries.values("status", "last_error")
    item = Item.objects.get(publication__post=post, direction=Direction.OUT)
    assert item.platform == Platform.DEMO and item.external_id.startswith("demo-")
    assert item.url.endswith(f"/demo-platform/{sandbox.slug}/#{item.external_id}")
    assert AuditEvent.objects.filter(verb="post.published").exists()

    page.goto(f"/demo-platform/{sandbox.slug}/")
    expect(page.get_by_role("heading", name=sandbox.name)).to_contain_text("demo")
    expect(page.locator(f"[id='{item.external_id}']")).to_contain_text(TEXT)
    assert_accessible(page)
    screenshot(page, "demo-platform")
