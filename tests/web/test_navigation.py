"""The desk's menu, the crisis banner, the favicon and the link to the comment field's demo.

Each role finds the pages it uses in the menu; the entry of the section a page belongs
to is marked (``aria-current``: "page" on the entry's own page, "true" below it); while
a crisis is declared every desk page says so.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import make_user
from tilstede.core import roles
from tilstede.publishing import services as publishing
from tilstede.webcomments.services import site_create

MENU = {
    "figures": "/figures/",
    "publishing": "/publisering/",
    "crisis": "/publisering/krise/",
    "appeals": "/appeals/",
    "archive": "/archive/",
    "inbox": "/inbox/",
}
# What each role finds in the menu among the pages above.
SEES = {
    "reader": {"figures", "publishing", "crisis", "inbox"},
    "responder": {"inbox"},
    "moderator": {"figures", "publishing", "crisis", "appeals", "inbox"},
    "admin": {"figures", "publishing", "crisis", "appeals", "archive", "inbox"},
    "archivist": {"archive", "inbox"},
}


def menu(html: str) -> str:
    return html.split('<nav aria-label="', 1)[1].split("</nav>", 1)[0]


def marked(html: str) -> dict[str, str]:
    """The menu's entries with aria-current: href -> its value."""
    return dict(re.findall(r'href="([^"]+)" aria-current="(\w+)"', menu(html)))


@pytest.fixture
def archivist(world):
    return make_user("archivist", roles.ARCHIVIST, world.org)


@pytest.mark.parametrize("persona", sorted(SEES))
def test_each_role_finds_its_pages_in_the_menu(client, world, archivist, persona):
    user = archivist if persona == "archivist" else getattr(world, persona)
    client.force_login(user)
    nav = menu(client.get("/inbox/").content.decode())
    found = {name for name, url in MENU.items() if f'href="{url}"' in nav}
    assert found == SEES[persona]


def test_the_publishing_channel_page_marks_publishing_not_channels(client, world):
    client.force_login(world.admin)
    assert marked(client.get("/publisering/kanaler/").content.decode()) == {"/publisering/": "true"}
    assert marked(client.get("/channels/").content.decode()) == {"/channels/": "page"}
    page = client.get(f"/channels/{world.channel.slug}/").content.decode()
    assert marked(page) == {"/channels/": "true"}
    assert marked(client.get("/publisering/krise/").content.decode()) == {
        "/publisering/krise/": "page"
    }
    assert marked(client.get("/settings/words/").content.decode()) == {"/settings/words/": "page"}


def test_every_desk_page_shows_an_active_crisis(client, world):
    client.force_login(world.moderator)
    assert "crisis-alert" not in client.get("/inbox/").content.decode()
    crisis = publishing.crisis_declare(
        organisation=world.org, name="Flom i Elvedalen", channels=[world.channel], by=world.admin
    )
    for url in ("/inbox/", "/", "/channels/", "/figures/", "/publisering/"):
        html = client.get(url).content.decode()
        banner = html.split('class="crisis-alert"', 1)[1].split("</p>", 1)[0]
        assert "Flom i Elvedalen" in banner, url
        assert 'href="/publisering/krise/"' in banner, url

    # A responder is told too, without a link to a page their role cannot open.
    client.force_login(world.responder)
    html = client.get("/inbox/").content.decode()
    banner = html.split('class="crisis-alert"', 1)[1].split("</p>", 1)[0]
    assert "Flom i Elvedalen" in banner and "href" not in banner

    # Another organisation's people see nothing of it.
    client.force_login(world.outsider)
    assert "Flom i Elvedalen" not in client.get("/inbox/").content.decode()

    publishing.crisis_end(crisis=crisis, by=world.admin)
    client.force_login(world.moderator)
    assert "crisis-alert" not in client.get("/inbox/").content.decode()


def test_the_comment_field_page_links_its_demo_in_development(client, world, settings):
    site = site_create(
        name="Testvik nettsted", allowed_origins=["https://testvik.example"], organisation=world.org
    )
    client.force_login(world.admin)
    settings.DEBUG = True
    demo = f'href="/c/demo/{site.key}/"'
    assert demo in client.get(f"/comment-fields/{site.pk}/").content.decode()
    assert client.get(f"/c/demo/{site.key}/").status_code == 200
    settings.DEBUG = False
    assert demo not in client.get(f"/comment-fields/{site.pk}/").content.decode()


def test_every_page_names_the_favicon_and_the_old_address_leads_to_it(client, world):
    html = client.get("/apenhet/testvik/").content.decode()
    assert re.search(r'<link rel="icon" href="/static/tilstede/favicon\.svg"', html)
    client.force_login(world.reader)
    assert 'rel="icon"' in client.get("/").content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/tilstede/favicon.svg"
