"""The browser's console stays quiet over the desk's main pages and actions.

Every console message (CSP violations and failed loads are reported there too), every
uncaught script error and every failed or refused request is collected while a
moderator, an administrator and an archivist go through the pages a newcomer uses, and
the test asserts there are none.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.browser.test_desk import demo, htmx_settled, login  # noqa: F401  (fixture)
from tilstede.core.models import Channel, Item, Visibility
from tilstede.publishing import services as publishing
from tilstede.webcomments.models import Site

pytestmark = pytest.mark.django_db(transaction=True)


class Console:
    """What the page said: console messages, page errors, failed and refused requests."""

    def __init__(self, page) -> None:
        self.heard: list[str] = []
        page.on("console", lambda m: self.heard.append(f"console {m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.heard.append(f"pageerror: {e}"))
        page.on("requestfailed", self.failed)
        page.on(
            "response",
            lambda r: (
                r.status >= 400 and self.heard.append(f"{r.status} {r.request.method} {r.url}")
            ),
        )

    def failed(self, request) -> None:
        # A request the browser cancels as the page moves on (a favicon still loading
        # when a link is followed) is no fault; a blocked or broken one is.
        if request.failure != "net::ERR_ABORTED":
            self.heard.append(f"failed {request.method} {request.url}: {request.failure}")


def visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_the_main_pages_and_actions_leave_nothing_in_the_console(page, demo, settings):  # noqa: F811
    settings.DEBUG = True  # the comment field's demo page is there in development only
    console = Console(page)
    held = Item.objects.filter(visibility=Visibility.HELD).order_by("-created_at", "-id").first()
    site = Site.objects.first()

    visit(page, "/apenhet/fjordvik/")
    visit(page, f"/c/demo/{site.key}/")
    expect(page.locator("#tilstede-kommentarer form")).to_be_visible()

    login(page, "moderator")
    page.wait_for_load_state("networkidle")
    visit(page, "/inbox/")
    # A filter, then a decision through htmx, then the keyboard's next step.
    page.get_by_label("Status").select_option("held")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Vis personopplysninger").first.click()  # htmx swap
    expect(page.locator(".text.revealed").first).to_be_visible()
    htmx_settled(page)
    row = page.locator(f"#item-{held.pk}")
    row.get_by_role("button", name="Godkjenn").click()
    expect(page.get_by_role("status")).to_contain_text(f"Innlegg {held.pk} er godkjent")
    htmx_settled(page)
    with page.expect_response(lambda r: "/thread/" in r.url):
        page.keyboard.press("j")  # the next item, its thread loaded beside the list (htmx)
    htmx_settled(page)
    visit(page, f"/items/{held.pk}/")
    visit(page, "/publisering/")
    # A crisis: its banner is on every page from here on.
    admin = User.objects.get(username="admin")
    publishing.crisis_declare(
        organisation=admin.organisations.get(),
        name="Storm",
        channels=list(Channel.objects.filter(slug="facebook")),
        by=admin,
    )
    visit(page, "/publisering/krise/")
    expect(page.locator(".crisis-alert")).to_contain_text("Storm")
    visit(page, "/appeals/")

    page.context.clear_cookies()
    login(page, "admin")
    for url in ("/", "/figures/", "/channels/", "/channels/facebook/", "/comment-fields/"):
        visit(page, url)
    visit(page, "/publisering/kanaler/")
    visit(page, "/publisering/ny/")

    page.context.clear_cookies()
    login(page, "archivist")
    visit(page, "/archive/")
    visit(page, "/archive/exports/")

    assert console.heard == [], "\n".join(console.heard)
