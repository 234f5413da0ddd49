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
