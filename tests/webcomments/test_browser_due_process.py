"""Due process in a real browser (issue 19): the citizen sees what happened to their own
comment in the comment field, appeals, and sees the outcome; a second moderator decides
the appeal in the desk; the moderator who hid the comment cannot.

The agency's page is a local HTTP server of its own origin (as in test_browser.py);
Tilstede is the live server. Each person has a browser context of their own.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.conftest import make_user
from tests.webcomments.conftest import make_site
from tests.webcomments.test_browser import website  # noqa: F401  (fixture)
from tilstede.core import roles
from tilstede.core.models import AuditEvent, HouseRule, Item, ModerationMode, Visibility
from tilstede.moderation.models import Appeal, Verb
from tilstede.moderation.services import decision_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def desk(browser, live_server, username: str):
    context = browser.new_context(locale="nb-NO", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill("pw-" + username)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def test_a_citizen_sees_the_hiding_appeals_and_sees_the_outcome(
    page,
    browser,
    live_server,
    website,  # noqa: F811  (the fixture imported above)
    world,
):
    site = make_site(world, origins=[website.origin], holds=0)
    site.channel.moderation_mode = ModerationMode.POST_MODERATE
    site.channel.save()
    second = make_user("moderator2", roles.MODERATOR, world.org)
    article = website.embed(tilstede=live_server.url, key=site.key)
    page.goto(article)
    page.get_by_label("Navn").fill("Kari")
    page.get_by_label("Kommentar", exact=True).fill("Dette er bare tull fra kommunen.")
    page.get_by_role("button", name="Send kommentar").click()
    mine = page.locator(".tswc-mine")
    expect(mine).to_contain_text("Publisert.")

    # A moderator hides it; the citizen reloads and sees why, and the appeal link.
    item = Item.objects.get(text="Dette er bare tull fra kommunen.")
    rule = HouseRule.objects.get(channel=site.channel, code="saklig")
    decision_record(item=item, verb=Verb.HIDE, by=world.moderator, house_rule=rule)
    assert not AuditEvent.objects.filter(verb="notice.shown_in_comment_field").exists()
    page.reload()
    expect(mine).to_contain_text("Skjult fordi den bryter husregelen «Hold deg til saken».")
    expect(page.locator(".tswc-list")).not_to_contain_text("bare tull")
    assert AuditEvent.objects.filter(verb="notice.shown_in_comment_field").count() == 1
    assert_accessible(page)
    screenshot(page, "webcomments-own-comment-hidden")

    # Another browser (another commenter) sees nothing of it.
    other = browser.new_context(locale="nb-NO").new_page()
    other.goto(article)
    expect(other.get_by_role("heading", name="Kommentarer", exact=True)).to_be_visible()
    expect(other.locator(".tswc-mine")).to_be_hidden()
    assert "bare tull" not in other.content()
    other.context.close()

    mine.get_by_role("link", name="Klag på avgjørelsen").click()
    expect(page.get_by_role("heading", name="Klag på en modereringsbeslutning")).to_be_visible()
    page.get_by_label("Hvorfor bør beslutningen endres?").fill("Det var kritikk, ikke tull.")
    page.get_by_role("button", name="Send klage").click()
    expect(page.get_by_role("heading", name="Klagen er mottatt")).to_be_visible()
    page.goto(article)
    expect(mine).to_contain_text("Klagen din er mottatt")

    # The moderator who hid it cannot decide the appeal.
    first = desk(browser, live_server, "moderator")
    first.get_by_role("link", name=re.compile(r"^Klager \(1\)")).click()
    expect(first.get_by_text("Du tok denne avgjørelsen")).to_be_visible()
    expect(first.get_by_role("button", name="Avgjør klagen")).to_have_count(0)
    first.context.close()

    # A second moderator decides it in the desk.
    desk2 = desk(browser, live_server, second.username)
    desk2.get_by_role("link", name=re.compile(r"^Klager \(1\)")).click()
    expect(desk2.get_by_role("heading", name="Klager", exact=True)).to_be_visible()
    assert_accessible(desk2)
    desk2.get_by_label("Omgjør avgjørelsen (vis kommentaren igjen)").check()
    desk2.get_by_label("Begrunnelse (sendes til forfatteren)").fill("Saklig kritikk er lov.")
    desk2.get_by_role("button", name="Avgjør klagen").click()
    expect(desk2.get_by_text("Klagen er avgjort, og forfatteren får beskjed.")).to_be_visible()
    expect(desk2.get_by_role("link", name="Klager", exact=True)).to_be_visible()  # no count
    desk2.goto(f"/items/{item.pk}/")
    expect(desk2.get_by_role("heading", name="Klager")).to_be_visible()
    expect(desk2.locator("body")).to_contain_text("Saklig kritikk er lov.")
    assert_accessible(desk2)
    desk2.context.close()

    appeal = Appeal.objects.get()
    assert appeal.outcome == "overturned" and appeal.decided_by == second
    assert Item.objects.get(pk=item.pk).visibility == Visibility.VISIBLE

    page.reload()
    expect(mine).to_contain_text(
        "Klagen din er avgjort: avgjørelsen er omgjort. Begrunnelse: Saklig kritikk er lov."
    )
    expect(page.locator(".tswc-list")).to_contain_text("bare tull")
    assert_accessible(page)
