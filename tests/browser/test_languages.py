"""The desk and the citizen's pages in nynorsk and English: no bokmål left, and axe finds
no violations in any of the three languages (issue 24).

The check reads the page's visible text nodes and looks each one up among the bokmål
catalogue's translations (a text with placeholders matches with anything in their
place). A bokmål translation that is the same in the other language (nynorsk's
catalogue, or the English source) is not counted; what citizens and the agency wrote
(items, names, house rules) is not in the catalogue and so is not counted either, nor is
text marked with its own ``lang`` (the language switcher names each language in itself).
"""

from __future__ import annotations

import functools
import re
from importlib import import_module
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.core.management import call_command

from tests.browser.conftest import assert_accessible
from tilstede.core.models import Item, Organisation

pytestmark = pytest.mark.django_db(transaction=True)

LOCALE = Path(__file__).resolve().parents[2] / "src" / "tilstede" / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{ *\w+ *\}\}")

VISIBLE_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const parent = node.parentElement;
    if (!text || !parent || parent.closest("script, style, template")) continue;
    if (!parent.getClientRects().length) continue;
    // Marked as another language on purpose: the switcher's "Norsk bokmål".
    if (parent.closest("[lang]").lang !== document.documentElement.lang) continue;
    out.push(text);
  }
  return out;
}"""


def _forms(entry: polib.POEntry) -> list[tuple[str, str]]:
    """(msgid form, msgstr form) pairs of an entry, plural forms included."""
    if entry.msgid_plural:
        return [
            (entry.msgid if n == 0 else entry.msgid_plural, text)
            for n, text in sorted(entry.msgstr_plural.items())
        ]
    return [(entry.msgid, entry.msgstr)]


@functools.cache
def bokmal_left(language: str) -> tuple[frozenset[str], tuple[re.Pattern, ...]]:
    """The bokmål texts that must not show in ``language``: exact texts, and patterns
    for texts with placeholders."""
    nb = polib.pofile(str(LOCALE / "nb" / "LC_MESSAGES" / "django.po"))
    other: dict[str, list[str]] = {}
    # Texts that are right in the other language for some message ("Status" is the
    # English for one message and the bokmål for another).
    fine = {" ".join(msgid.split()) for entry in nb for msgid, _text in _forms(entry)}
    if language == "nn":
        fine = set()
        for entry in polib.pofile(str(LOCALE / "nn" / "LC_MESSAGES" / "django.po")):
            if entry.translated():
                other[entry.msgid] = [text for _msgid, text in _forms(entry)]
                fine |= {" ".join(text.split()) for text in other[entry.msgid]}
    exact: set[str] = set()
    patterns: list[re.Pattern] = []
    for entry in nb:
        if not entry.translated() or "fuzzy" in entry.flags:
            continue
        for msgid, text in _forms(entry):
            text = " ".join(text.split())
            if len(text) < 3 or text == " ".join(msgid.split()):
                continue  # the same in English: "Tilstede", "API", "Mastodon"
            if text in [" ".join(t.split()) for t in other.get(entry.msgid, [])]:
                continue  # the same in nynorsk
            if PLACEHOLDER.search(text):
                parts = PLACEHOLDER.split(text)
                if sum(len(p.strip()) for p in parts) < 6:
                    continue  # "%(n)s t": too little of it is words to tell
                patterns.append(re.compile("^" + ".+?".join(map(re.escape, parts)) + "$"))
            else:
                exact.add(text)
    return frozenset(exact - fine), tuple(patterns)


def bokmal_on_page(page, language: str) -> list[str]:
    exact, patterns = bokmal_left(language)
    found = []
    for text in page.evaluate(VISIBLE_TEXT):
        if text in exact or any(p.match(text) for p in patterns):
            found.append(text)
    return sorted(set(found))


@pytest.fixture
def demo():
    import_module("tilstede.desk.migrations.0002_standard_replies").install(apps, None)
    call_command("demo-data", stdout=None)


def _login(page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill("demo")
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def _switch(page, language: str) -> None:
    """The desk's own language switcher (Django's set_language): the choice is kept."""
    page.locator(f"form.lang button[value={language}]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == language


def _desk_pages() -> list[str]:
    item = Item.objects.filter(direction="in").order_by("pk").first()
    org = Organisation.objects.order_by("pk").first()
    return [
        "/",
        "/inbox/",
        f"/items/{item.pk}/",
        "/channels/",
        "/channels/health/",
        "/comment-fields/",
        "/settings/replies/",
        "/settings/routing/",
        "/appeals/",
        "/audit/",
        "/people/",
        f"/organisation/{org.slug}/",
        "/publisering/",
        f"/apenhet/{org.slug}/",
    ]


@pytest.mark.parametrize("language", ["en", "nn"])
def test_the_desk_and_the_transparency_page_leave_no_bokmal(page, demo, language) -> None:
    _login(page, "admin")
    _switch(page, language)
    left: dict[str, list[str]] = {}
    for path in _desk_pages():
        response = page.goto(path)
        assert response is not None and response.ok, path
        assert page.locator("html").get_attribute("lang") == language, path
        found = bokmal_on_page(page, language)
        if found:
            left[path] = found
        assert_accessible(page)
    assert left == {}


def test_the_desk_passes_axe_in_bokmal(page, demo) -> None:
    _login(page, "admin")
    _switch(page, "en")
    _switch(page, "nb")
    for path in _desk_pages():
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == "nb"
        assert_accessible(page)


def test_a_citizen_keeps_the_language_chosen_on_the_transparency_page(page, demo) -> None:
    org = Organisation.objects.order_by("pk").first()
    page.goto(f"/apenhet/{org.slug}/")
    _switch(page, "nn")
    page.goto(f"/apenhet/{org.slug}/")
    assert page.locator("html").get_attribute("lang") == "nn"
    assert bokmal_on_page(page, "nn") == []
    assert_accessible(page)


# The comment field (issue 24, part C): it runs inside the agency's page, so it carries
# its own lang, and its text is checked against that, not the host page's.
WIDGET_TEXT = """() => {
  const root = document.querySelector(".tswc");
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const parent = node.parentElement;
    if (!text || !parent || !parent.getClientRects().length) continue;
    // The switcher names each language in itself.
    if (parent.closest("[lang]").lang !== root.lang) continue;
    out.push(text);
  }
  return out;
}"""

# The words a visitor meets on the way through the field, per language.
FIELD = {
    "nb": ("Kommentarer", "Norsk bokmål", "Send kommentar", "Rediger", "Dine kommentarer"),
    "nn": ("Kommentarar", "Norsk nynorsk", "Send kommentar", "Rediger", "Kommentarane dine"),
    "en": ("Comments", "English", "Send comment", "Edit", "Your comments"),
}


def bokmal_in_widget(page, language: str) -> list[str]:
    exact, patterns = bokmal_left(language)
    texts = page.evaluate(WIDGET_TEXT)
    return sorted({t for t in texts if t in exact or any(p.match(t) for p in patterns)})


def _comment_field_demo(page, settings) -> str:
    from tilstede.webcomments.models import Site

    settings.DEBUG = True  # the demo page exists only in DEBUG
    return f"/c/demo/{Site.objects.order_by('pk').first().key}/"


def _walk_through_the_field(page, language: str) -> dict[str, list[str]]:
    """Choose ``language`` in the field, open the nudge, post a comment; at each step the
    field's visible text holds no bokmål (unless bokmål is the language) and axe passes."""
    from playwright.sync_api import expect

    heading, name, send, edit, mine = FIELD[language]
    field = page.locator(".tswc")
    page.get_by_role("button", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(field).to_have_attribute("lang", language)
    expect(page.get_by_role("button", name=name, exact=True)).to_be_focused()
    expect(page.get_by_role("button", name=name, exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    left: dict[str, list[str]] = {}

    def check(step: str) -> None:
        if language != "nb":
            found = bokmal_in_widget(page, language)
            if found:
                left[f"{language}: {step}"] = found
        assert_accessible(page)

    check("form")
    field.locator("input[name=author_name]").fill("Kari Testesen")
    field.locator("textarea[name=text]").fill("Ring meg på 912 34 567 om leikeplassen.")
    page.get_by_role("button", name=send).click()
    expect(page.get_by_role("dialog")).to_be_visible()
    check("nudge")
    page.get_by_role("dialog").get_by_role("button", name=edit).click()
    field.locator("textarea[name=text]").fill("Kjempefint, takk!")
    page.get_by_role("button", name=send).click()
    expect(page.get_by_role("heading", name=mine)).to_be_visible()
    expect(field.get_by_role("status")).not_to_be_empty()
    check("sent")
    return left


def test_the_comment_field_leaves_no_bokmal_in_nynorsk_and_english(page, demo, settings) -> None:
    """The demo page embeds the field; the field's own switcher turns it to nynorsk and
    to English (and back to bokmål), and axe passes in all three."""
    from playwright.sync_api import expect

    page.goto(_comment_field_demo(page, settings))
    expect(page.get_by_role("heading", name="Kommentarer", exact=True)).to_be_visible()
    left: dict[str, list[str]] = {}
    for language in ("nn", "en", "nb"):
        left |= _walk_through_the_field(page, language)
    assert left == {}


def test_the_comment_field_remembers_the_visitors_language(page, demo, settings) -> None:
    from playwright.sync_api import expect

    page.goto(_comment_field_demo(page, settings))
    # Keyboard only: Tab to the switcher's nynorsk button, Enter.
    button = page.get_by_role("button", name="Norsk nynorsk", exact=True)
    expect(button).to_have_attribute("lang", "nn")
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Kommentarar", exact=True)).to_be_visible()
    page.reload()
    expect(page.get_by_role("heading", name="Kommentarar", exact=True)).to_be_visible()
    assert page.locator(".tswc").get_attribute("lang") == "nn"
    assert bokmal_in_widget(page, "nn") == []
    # Kept by the host page's origin, not in a cookie of Tilstede's.
    assert page.evaluate("localStorage.getItem('tilstede-kommentar-sprak')") == "nn"
