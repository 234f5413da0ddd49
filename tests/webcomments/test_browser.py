"""The comment field in a real browser, embedded on another origin, checked with axe-core.

The agency's page is served by a small HTTP server of its own (another port, so another
origin, as on a real agency website); Tilstede runs as the live server. The widget's
calls therefore go through real CORS, preflight included.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tests.webcomments.conftest import make_site
from tilstede.core.models import Item, ModerationMode, Visibility

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOST_PAGE = """<!doctype html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>Ny lekeplass – Testvik kommune</title></head>
<body>
<header><p>Testvik kommune</p></header>
<main>
<h1>Ny lekeplass i sentrum</h1>
<p>Lekeplassen i sentrum åpner i mai.</p>
<div id="tilstede-kommentarer"></div>
<script src="{widget}" data-site="{key}"{attributes} defer></script>
</main>
</body>
</html>
"""


class AgencyWebsite:
    """A stand-in for the agency's website: one page that embeds the snippet."""

    def __init__(self) -> None:
        self.html = ""
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = site.html.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def embed(self, *, tilstede: str, key: str, lang: str = "nb", attributes: str = "") -> str:
        self.html = HOST_PAGE.format(
            widget=f"{tilstede}/c/widget.js", key=key, lang=lang, attributes=attributes
        )
        return f"{self.origin}/nyheter/lekeplass"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def website() -> Iterator[AgencyWebsite]:
    site = AgencyWebsite()
    yield site
    site.close()


@pytest.fixture
def responses(page) -> list:
    """The body of every answer Tilstede's endpoints give the widget, read on arrival
    (a body is gone once the page navigates), to search them for held text."""
    seen: list[str] = []

    def keep(response) -> None:
        if "/c/" in response.url and response.request.method != "OPTIONS":
            seen.append(response.text())

    page.on("response", keep)
    return seen


def _open(page, website, live_server, world, **site_options):
    site = make_site(world, origins=[website.origin], **site_options)
    url = website.embed(tilstede=live_server.url, key=site.key)
    page.goto(url)
    expect(page.get_by_role("heading", name="Kommentarer", exact=True)).to_be_visible()
    return site


def test_a_visitor_reads_the_rules_posts_and_is_told_it_awaits_moderation(
    page, live_server, website, world, responses
):
    _open(page, website, live_server, world)
    privacy = page.get_by_role("heading", name="Ikke del personopplysninger").first
    expect(privacy).to_be_visible()
    expect(page.get_by_text("Kommentarene er offentlige.")).to_be_visible()
    expect(page.get_by_text("Hold deg til saken")).to_be_visible()
    expect(page.get_by_role("link", name="Send en sikker henvendelse")).to_have_attribute(
        "href", "https://svarut.testvik.kommune.no/skjema"
    )
    expect(
        page.get_by_text("En moderator leser alle kommentarer før de publiseres.")
    ).to_be_visible()
    # The warning and the rules come before the form, in reading order too.
    before = page.evaluate(
        """() => {
            const warning = document.querySelector('.tswc-privacy');
            const rules = document.querySelector('.tswc-house-rules');
            const form = document.querySelector('.tswc-form');
            const follows = Node.DOCUMENT_POSITION_FOLLOWING;
            return Boolean(warning.compareDocumentPosition(form) & follows)
                && Boolean(rules.compareDocumentPosition(form) & follows);
        }"""
    )
    assert before
    assert_accessible(page)
    screenshot(page, "webcomments-form")

    # Keyboard only: name, (skip e-mail), comment, then Enter on the button.
    page.get_by_label("Navn").focus()
    page.keyboard.type("Kari")
    page.keyboard.press("Tab")
    expect(page.get_by_label("E-post (valgfritt)")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Kommentar", exact=True)).to_be_focused()
    page.keyboard.type("Så fint at lekeplassen blir ferdig!")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Send kommentar")).to_be_focused()
    page.keyboard.press("Enter")

    status = page.get_by_role("status")
    expect(status).to_contain_text("venter på moderering")
    assert status.get_attribute("aria-live") == "polite"
    expect(page.get_by_text("Ingen publiserte kommentarer ennå.")).to_be_visible()
    item = Item.objects.get()
    assert item.visibility == Visibility.HELD
    assert item.url == website.origin + "/nyheter/lekeplass"
    assert_accessible(page)
    screenshot(page, "webcomments-awaiting-moderation")


def test_a_fodselsnummer_brings_the_nudge_and_send_anyway_holds_it_unseen(
    page, live_server, website, world, responses, fnr
):
    site = _open(page, website, live_server, world, holds=0)
    site.channel.moderation_mode = ModerationMode.POST_MODERATE
    site.channel.save()
    page.reload()

    # An ordinary comment is published and shown at once in post-moderation.
    page.get_by_label("Navn").fill("Kari")
    page.get_by_label("Kommentar", exact=True).fill("Gleder meg til åpningen.")
    page.get_by_role("button", name="Send kommentar").click()
    expect(page.get_by_role("status")).to_contain_text("publisert")
    expect(page.locator(".tswc-list")).to_contain_text("Gleder meg til åpningen.")

    text = f"Fødselsnummeret mitt er {fnr}, når får barnet mitt plass?"
    page.get_by_label("Kommentar", exact=True).fill(text)
    page.get_by_role("button", name="Send kommentar").click()
    dialog = page.get_by_role("dialog", name="Vil du se over kommentaren før du sender den?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("fødselsnummer eller D-nummer")
    expect(dialog.get_by_role("link", name="Send en sikker henvendelse")).to_be_visible()
    assert fnr not in dialog.inner_text()
    expect(dialog.get_by_role("button", name="Rediger")).to_be_focused()
    assert_accessible(page)
    screenshot(page, "webcomments-nudge")

    # "Rediger" goes back to the text, unchanged and unsent.
    dialog.get_by_role("button", name="Rediger").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_label("Kommentar", exact=True)).to_be_focused()
    assert Item.objects.count() == 1

    page.get_by_role("button", name="Send kommentar").click()
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Send likevel").click()
    expect(page.get_by_role("status")).to_contain_text("venter på moderering")
    held = Item.objects.get(text=text)
    assert held.visibility == Visibility.HELD
    page.reload()
    expect(page.locator(".tswc-list")).to_contain_text("Gleder meg til åpningen.")
    assert fnr not in page.content()
    assert_accessible(page)

    assert any("Gleder meg" in body for body in responses)  # the search sees comment texts
    assert not [body for body in responses if fnr in body]


def test_a_reply_is_shown_under_its_comment(page, live_server, website, world):
    site = _open(page, website, live_server, world, holds=0)
    site.channel.moderation_mode = ModerationMode.POST_MODERATE
    site.channel.save()
    page.reload()
    page.get_by_label("Navn").fill("Kari")
    page.get_by_label("Kommentar", exact=True).fill("Når åpner den?")
    page.get_by_role("button", name="Send kommentar").click()
    expect(page.locator(".tswc-list")).to_contain_text("Når åpner den?")
    page.get_by_role("button", name="Svar til Kari").click()
    expect(page.get_by_text("Du svarer på en kommentar fra Kari.")).to_be_visible()
    expect(page.get_by_label("Kommentar", exact=True)).to_be_focused()
    page.keyboard.type("I mai, står det i saken.")
    page.get_by_role("button", name="Send kommentar").click()
    expect(page.locator(".tswc-replies")).to_contain_text("I mai, står det i saken.")
    assert Item.objects.get(text="I mai, står det i saken.").parent.text == "Når åpner den?"
    assert_accessible(page)


# Language (issue 24): the visitor's remembered choice, else the agency's data-language,
# else the host page's <html lang>, else bokmål.


@pytest.mark.parametrize(
    ("lang", "attributes", "heading", "field_lang"),
    [
        ("nn", "", "Kommentarar", "nn"),
        ("en-GB", "", "Comments", "en"),
        ("nb-NO", "", "Kommentarer", "nb"),
        ("no", "", "Kommentarer", "nb"),
        ("de", "", "Kommentarer", "nb"),
        ("nb", ' data-language="nn"', "Kommentarar", "nn"),
        ("nn", ' data-language="en"', "Comments", "en"),
    ],
)
def test_the_field_takes_the_agencys_language_else_the_pages(
    page, live_server, website, world, lang, attributes, heading, field_lang
):
    site = make_site(world, origins=[website.origin])
    page.goto(
        website.embed(tilstede=live_server.url, key=site.key, lang=lang, attributes=attributes)
    )
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator(".tswc")).to_have_attribute("lang", field_lang)


def test_a_visitors_choice_is_remembered_on_the_agencys_site_and_used_for_the_comment(
    page, live_server, website, world
):
    """Across origins: the choice is kept by the agency's page (localStorage), the
    comment posted from a page that says "nb-NO" is recorded in the chosen language, and
    the agency's data-language (the field's default) does not undo the citizen's choice."""
    site = make_site(world, origins=[website.origin])
    article = website.embed(tilstede=live_server.url, key=site.key, lang="nb-NO")
    page.goto(article)
    expect(page.get_by_role("heading", name="Kommentarer", exact=True)).to_be_visible()
    page.get_by_label("Kommentar", exact=True).fill("Eit utkast eg ikkje vil miste.")
    page.get_by_role("button", name="English", exact=True).click()
    expect(page.get_by_role("heading", name="Comments", exact=True)).to_be_visible()
    # What was typed survives the switch; focus stays on the pressed button.
    expect(page.get_by_label("Comment", exact=True)).to_have_value("Eit utkast eg ikkje vil miste.")
    expect(page.get_by_role("button", name="English", exact=True)).to_be_focused()
    assert_accessible(page)

    page.reload()
    expect(page.get_by_role("heading", name="Comments", exact=True)).to_be_visible()
    page.get_by_label("Name").fill("Kari")
    page.get_by_label("Comment", exact=True).fill("Lovely to see the playground finished.")
    page.get_by_role("button", name="Send comment").click()
    expect(page.get_by_role("status")).to_contain_text("awaiting moderation")
    expect(page.locator(".tswc-mine")).to_contain_text("Awaiting moderation.")
    assert Item.objects.get().language == "en"
    screenshot(page, "webcomments-english")

    website.embed(tilstede=live_server.url, key=site.key, attributes=' data-language="nn"')
    page.reload()
    expect(page.get_by_role("heading", name="Comments", exact=True)).to_be_visible()
