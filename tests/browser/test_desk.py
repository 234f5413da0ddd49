"""The desk's main flows in a real browser, each page checked with axe-core.

Data comes from the demo agency (loaded through ingest, so screening and the moderation
rules have run); the standard saved replies are put back after the flush that ends every
transactional test, since they ship in a data migration.
"""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tilstede.core.models import AuditEvent, Item, Visibility
from tilstede.core.permissions import items_for_user
from tilstede.ingest.models import Finding

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo():
    import_module("tilstede.desk.migrations.0002_standard_replies").install(apps, None)
    call_command("demo-data", stdout=None)


def login(page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill("demo")
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def held_case_request_with_fodselsnummer() -> tuple[Item, str]:
    """A new bokmål case request with a fødselsnummer, received through ingest (so held)."""
    import datetime as dt
    import random

    from django.utils import timezone

    from tilstede.connectors.base import RawItem
    from tilstede.core.models import Channel
    from tilstede.demo import synthetic
    from tilstede.ingest.services import items_receive

    number = synthetic.fodselsnummer(random.Random(7))
    channel = Channel.objects.get(slug="facebook")
    items_receive(
        channel=channel,
        raw_items=[
            RawItem(
                external_id="browser-test-1",
                kind="comment",
                direction="in",
                author_handle="kari.test",
                author_name="Kari Test",
                text=f"Hei! Jeg har søkt om barnehageplass, fødselsnummer {number}. "
                "Når får jeg svar på søknaden min?",
                url=f"{channel.url}/browser-test-1",
                created_at=timezone.now() + dt.timedelta(minutes=1),
                language="nb",
            )
        ],
    )
    item = Item.objects.get(external_id="browser-test-1")
    assert item.visibility == Visibility.HELD
    assert Finding.objects.filter(screening__version__item=item, category="national_id")
    return item, number


def test_a_moderator_hides_a_fodselsnummer_and_answers_with_the_redirect_reply(page, demo):
    item, number = held_case_request_with_fodselsnummer()
    login(page, "moderator")
    page.get_by_role("link", name="Innboks", exact=True).click()
    page.get_by_label("Status").select_option("held")
    page.get_by_label("Personopplysninger funnet").select_option("national_id")
    page.get_by_role("button", name="Filtrer").click()
    row = page.locator(f"#item-{item.pk}")
    expect(row).to_be_visible()
    # Redacted by default, with what was found and why; the number itself is not sent.
    mark = row.locator("mark.finding[data-category=national_id]")
    expect(mark).to_contain_text("[fødselsnummer]")
    expect(row.locator(".findings")).to_contain_text("kontrollsiffer")
    assert number not in page.content()
    assert_accessible(page)
    screenshot(page, "inbox")

    # Revealing is a logged action and shows the clear text for this item only.
    row.get_by_role("button", name="Vis personopplysninger").click()
    expect(row.locator(".text.revealed")).to_contain_text(number)
    assert AuditEvent.objects.filter(verb="item.reveal", object_id=str(item.pk)).exists()

    row.locator("summary", has_text="Skjul").click()
    row.get_by_label("Husregel som er brutt").select_option(label="Personopplysninger")
    row.get_by_role("button", name="Skjul med denne begrunnelsen").click()
    expect(page.get_by_role("status")).to_contain_text(f"Innlegg {item.pk} er skjult")
    # Hidden, it no longer fits the list of held items and leaves it.
    expect(page.locator(f"#item-{item.pk}")).to_have_count(0)

    page.goto(f"/items/{item.pk}/")
    expect(page.locator(f"#item-{item.pk} .badge.vis-hidden")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Innlegg #{item.pk}")
    saved = page.get_by_label("Standardsvar")
    # A case request gets the redirect reply first.
    assert saved.locator("option").first.inner_text().startswith("Enkeltsaker")
    page.get_by_role("button", name="Bruk dette svaret").click()
    reply = page.get_by_label("Svaret ditt (publiseres hos kilden)")
    expect(reply).to_have_value(re.compile("enkeltsaker"))
    assert_accessible(page)
    screenshot(page, "item")
    page.get_by_role("button", name="Send svar").click()
    expect(page.get_by_role("status")).to_contain_text("Svaret ditt står i kø")

    page.get_by_role("link", name="Åpne i revisjonsloggen").click()
    log = page.get_by_role("table", name="Hendelser, nyeste først")
    # The verbs in words (item.hide, item.reply, item.reveal), not as codes.
    for words in ("Skjult", "Besvart", "Personopplysninger vist"):
        verb = page.get_by_role("rowheader", name=words, exact=True)
        expect(log.get_by_role("row").filter(has=verb)).to_have_count(1)
    assert_accessible(page)
    screenshot(page, "audit")


def test_a_responder_sees_only_their_queue(page, demo):
    from django.contrib.auth.models import User

    responder = User.objects.get(username="responder")
    login(page, "responder")
    page.wait_for_url("**/inbox/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Innboks")
    shown = {
        int(i)
        for i in page.locator(".queue > .row").evaluate_all("rows => rows.map(r => r.dataset.item)")
    }
    allowed = set(items_for_user(responder).values_list("pk", flat=True))
    assert shown and shown <= allowed
    assert len(allowed) < Item.objects.count()
    # Replying is theirs; deciding, bulk actions and the audit log are not.
    expect(page.get_by_role("button", name="Godkjenn")).to_have_count(0)
    expect(page.locator("#bulk")).to_have_count(0)
    expect(page.get_by_role("link", name="Revisjonslogg")).to_have_count(0)
    assert_accessible(page)
    other = Item.objects.exclude(pk__in=allowed).first()
    response = page.goto(f"/items/{other.pk}/")
    assert response.status == 404


def test_a_reader_opens_the_dashboard_but_cannot_act(page, demo):
    login(page, "reader")
    expect(page.get_by_role("heading", level=1)).to_have_text("Oversikt")
    today = page.get_by_role("table", name="Dagens kø per kanal")
    expect(today.get_by_role("row", name="Fjordvik kommune på Facebook")).to_be_visible()
    for summary in page.locator("summary", has_text="Vis som tabell").all():
        summary.click()
    expect(page.get_by_role("table", name="Tid til første svar mot lovet svartid")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "overview-reader")
    page.get_by_role("link", name="Innboks", exact=True).click()
    expect(page.locator(".queue > .row").first).to_be_visible()
    expect(page.get_by_role("button", name="Godkjenn")).to_have_count(0)
    expect(page.get_by_role("button", name="Vis personopplysninger")).to_have_count(0)
    page.locator(".queue > .row").first.get_by_role("link").first.click()
    expect(page.get_by_role("button", name="Send svar")).to_have_count(0)
    assert_accessible(page)


def htmx_settled(page) -> None:
    """Wait until htmx has no request in flight and no swap or settle under way."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )


def test_the_keyboard_alone_does_the_moderation_flow(page, demo):
    held = list(Item.objects.filter(visibility=Visibility.HELD).order_by("-created_at", "-id")[:4])
    login(page, "moderator")
    page.goto("/inbox/?state=held")
    page.keyboard.press("?")
    dialog = page.get_by_role("dialog", name="Hurtigtaster")
    expect(dialog).to_be_visible()
    assert_accessible(page)
    screenshot(page, "shortcuts")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()

    # Hidden, the item no longer fits the list of held items: it leaves it, and the
    # next one has the focus.
    page.keyboard.press("j")
    expect(page.locator(f"#item-{held[0].pk}")).to_be_focused()
    page.keyboard.press("h")
    expect(page.locator(f"#rule-{held[0].pk}")).to_be_focused()
    page.keyboard.press("ArrowDown")  # "Trakassering og hets"
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text(f"Innlegg {held[0].pk} er skjult")
    htmx_settled(page)
    expect(page.locator(f"#item-{held[0].pk}")).to_have_count(0)
    expect(page.locator(f"#item-{held[1].pk}")).to_be_focused()

    # Approved: the same.
    page.keyboard.press("a")
    expect(page.get_by_role("status")).to_contain_text(f"Innlegg {held[1].pk} er godkjent")
    htmx_settled(page)
    expect(page.locator(f"#item-{held[1].pk}")).to_have_count(0)
    expect(page.locator(f"#item-{held[2].pk}")).to_be_focused()

    # Escalated, it is still held: its row stays, and the focus goes on to the next.
    page.keyboard.press("e")
    expect(page.get_by_role("status")).to_contain_text(f"Innlegg {held[2].pk} er eskalert")
    htmx_settled(page)
    expect(page.locator(f"#item-{held[2].pk}")).to_be_visible()
    expect(page.locator(f"#item-{held[3].pk}")).to_be_focused()
    page.keyboard.press("k")
    expect(page.locator(f"#item-{held[2].pk}")).to_be_focused()

    # Typing in a field does not trigger a shortcut.
    page.get_by_label("Språk").focus()
    page.keyboard.press("a")
    expect(page.get_by_role("dialog", name="Hurtigtaster")).to_be_hidden()

    held[0].refresh_from_db()
    held[1].refresh_from_db()
    held[2].refresh_from_db()
    assert held[0].visibility == Visibility.HIDDEN
    assert held[0].decisions.get(verb="hide").house_rule.code == "harassment"
    assert held[1].visibility == Visibility.VISIBLE
    assert held[2].response_state == "escalated"


def test_a_decision_by_mouse_in_an_unfiltered_list_keeps_the_row_and_moves_on(page, demo):
    held = list(Item.objects.filter(visibility=Visibility.HELD).order_by("-created_at", "-id")[:1])
    login(page, "moderator")
    page.goto("/inbox/")
    row = page.locator(f"#item-{held[0].pk}")
    after = row.locator("xpath=following-sibling::li[1]")
    next_id = after.get_attribute("id")
    row.get_by_role("button", name="Godkjenn").click()
    expect(page.get_by_role("status")).to_contain_text(f"Innlegg {held[0].pk} er godkjent")
    htmx_settled(page)
    expect(page.locator(f"#item-{held[0].pk} .badge.vis-visible")).to_be_visible()
    expect(page.locator(f"#{next_id}")).to_be_focused()


def test_r_opens_the_item_with_the_cursor_in_the_reply(page, demo):
    login(page, "moderator")
    page.goto("/inbox/?response=awaiting")
    page.keyboard.press("j")
    first = page.locator(".queue > .row").first
    expect(first).to_be_focused()
    pk = first.get_attribute("data-item")
    page.keyboard.press("r")
    page.wait_for_url(f"**/items/{pk}/#reply")
    expect(page.locator("#id_text")).to_be_focused()
    page.keyboard.type("Takk for spørsmålet")
    expect(page.locator("#id_text")).to_have_value("Takk for spørsmålet")


def test_bulk_actions_ask_for_confirmation(page, demo):
    held = list(Item.objects.filter(visibility=Visibility.HELD).order_by("-created_at")[:2])
    login(page, "moderator")
    page.goto("/inbox/?state=held")
    for item in held:
        page.locator(f"#sel-{item.pk}").check()
    page.get_by_label("Handling", exact=True).select_option("hide")
    page.get_by_label("Husregel, ved skjuling").select_option("spam")
    page.get_by_role("button", name="Gå videre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bekreft massehandling")
    expect(page.get_by_role("table", name="Dette skjer").get_by_role("row")).to_have_count(3)
    assert_accessible(page)
    screenshot(page, "bulk-confirm")
    page.get_by_role("button", name="Ja, gjør det").click()
    expect(page.get_by_role("status")).to_contain_text("2 innlegg utført")
    assert all(Item.objects.get(pk=i.pk).visibility == Visibility.HIDDEN for i in held)


def test_every_page_is_accessible(page, demo):
    page.goto("/apenhet/fjordvik/")
    assert_accessible(page)
    screenshot(page, "transparency")
    login(page, "admin")
    pages = {
        "overview-admin": "/",
        "channels": "/channels/",
        "channel": "/channels/facebook/",
        "channel-form": "/channels/facebook/edit/",
        "channel-new": "/channels/new/",
        "health": "/channels/health/",
        "saved-replies": "/settings/replies/",
        "saved-reply-form": "/settings/replies/new/",
        "watched-words": "/settings/words/",
        "watched-word-form": "/settings/words/new/",
        "routing": "/settings/routing/",
        "routing-form": "/settings/routing/new/",
        "audit-log": "/audit/",
        "inbox-all": "/inbox/",
    }
    for name, url in pages.items():
        page.goto(url)
        for summary in page.locator("main summary").all()[:3]:
            summary.click()  # open the tables behind the charts, and a hide choice
        assert_accessible(page)
        screenshot(page, name)


def test_the_channel_register_makes_the_presence_text(page, demo):
    login(page, "admin")
    page.goto("/channels/facebook/edit/")
    page.get_by_label("Lovet svartid (timer)").fill("6")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fjordvik kommune på Facebook")
    nb = page.get_by_label("Bokmål")
    expect(nb).to_have_value(re.compile("innen 6 timer i åpningstiden"))
    expect(nb).to_have_value(re.compile("ikke behandle enkeltsaker"))
    expect(page.get_by_label("Nynorsk")).to_have_value(re.compile("handsame enkeltsaker"))
    expect(page.get_by_label("English")).to_have_value(re.compile("within 6 hours"))
    assert AuditEvent.objects.filter(verb="channel.change").exists()
    assert_accessible(page)
