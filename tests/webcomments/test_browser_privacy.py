"""In a real browser: a fødselsnummer typed with a non-breaking or zero-width space, in the
comment and in the name, is caught. Both comments are held on a post-moderated channel
(where a clean comment is published at once), and neither the page nor the public
transparency report ever shows the digits.
"""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.webcomments.test_browser import _open, responses, website  # noqa: F401 - fixtures
from tilstede.core.models import Item, ModerationMode, Visibility
from tilstede.demo.synthetic import fodselsnummer
from tilstede.webcomments.models import Comment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NBSP, ZWSP = "\u00a0", "\u200b"


def _send_anyway(page, *, name: str, text: str) -> None:
    page.get_by_label("Navn").fill(name)
    page.get_by_label("Kommentar", exact=True).fill(text)
    page.get_by_role("button", name="Send kommentar").click()
    dialog = page.get_by_role("dialog", name="Vil du se over kommentaren før du sender den?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("fødselsnummer eller D-nummer")
    posted = "/comments"
    with page.expect_response(
        lambda r: r.request.method == "POST" and r.url.split("?")[0].endswith(posted)
    ) as answer:
        dialog.get_by_role("button", name="Send likevel").click()
    assert answer.value.status == 201
    expect(page.get_by_role("status")).to_contain_text("venter på moderering")


def test_a_fodselsnummer_with_invisible_or_unusual_spaces_is_held_and_never_shown(
    page,
    live_server,
    website,  # noqa: F811 - the fixture imported above
    world,
    responses,  # noqa: F811
):
    site = _open(page, website, live_server, world, holds=0)
    site.channel.moderation_mode = ModerationMode.POST_MODERATE
    site.channel.save()
    page.reload()

    # A clean comment is published at once: the channel really is post-moderated.
    page.get_by_label("Navn").fill("Kari")
    page.get_by_label("Kommentar", exact=True).fill("Gleder meg til åpningen.")
    page.get_by_role("button", name="Send kommentar").click()
    expect(page.get_by_role("status")).to_contain_text("publisert")

    rng = random.Random(1717)
    first, second = fodselsnummer(rng), fodselsnummer(rng)
    with_nbsp = f"{first[:6]}{NBSP}{first[6:]}"
    with_zwsp = ZWSP.join([first[:2], first[2:4], first[4:6], first[6:]])
    _send_anyway(
        page,
        name=f"Per Hansen {with_nbsp}",
        text=f"Fødselsnummeret mitt er {with_nbsp}, når får barnet mitt plass?",
    )
    other_zwsp = ZWSP.join([second[:6], second[6:]])
    _send_anyway(
        page,
        name=f"Ola {other_zwsp}",
        text=f"Mitt fnr er {other_zwsp} og {with_zwsp}, se på saken.",
    )

    held = Item.objects.exclude(text="Gleder meg til åpningen.").order_by("pk")
    assert [i.visibility for i in held] == [Visibility.HELD, Visibility.HELD]
    for item in held:
        assert first[6:] not in item.author_name and second[6:] not in item.author_name
        assert "[fødselsnummer]" in item.author_name
        assert Comment.objects.get(item=item).name_findings  # held for the name too

    page.reload()
    expect(page.locator(".tswc-list")).to_contain_text("Gleder meg til åpningen.")
    assert_accessible(page)

    transparency = page.context.new_page()
    transparency.goto(f"{live_server.url}/apenhet/{world.org.slug}/")
    expect(transparency.get_by_role("heading", level=1)).to_be_visible()
    pages = [page.content(), transparency.content(), *responses]
    for number in (first, second):
        for body in pages:
            digits = "".join(c for c in body if c.isdigit())
            assert number not in digits
            assert number[:6] not in body and number[6:] not in body
