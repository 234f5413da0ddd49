"""Fixtures of the comment field tests: a site on its own web comment channel.

The page fixture and axe-core checks come from tests/browser, so the widget runs in the
same Chromium with the same checks as the desk.
"""

from __future__ import annotations

import json
import random

import pytest

from tilstede.core.models import HouseRule
from tilstede.demo.synthetic import fodselsnummer
from tilstede.webcomments.models import Site
from tilstede.webcomments.services import site_create

ORIGIN = "https://www.testvik.kommune.no"
PAGE = ORIGIN + "/nyheter/lekeplass"
SECURE = "https://svarut.testvik.kommune.no/skjema"


def make_site(world, *, origins=(ORIGIN,), holds: int = 2) -> Site:
    world.org.secure_contact_url = SECURE
    world.org.save()
    site = site_create(
        name="Testvik nettsted",
        allowed_origins=list(origins),
        organisation=world.org,
        new_commenter_holds=holds,
    )
    HouseRule.objects.create(
        channel=site.channel,
        code="saklig",
        title="Hold deg til saken",
        text="Kommentarer som ikke handler om saken, kan bli fjernet.",
        order=1,
    )
    HouseRule.objects.create(
        channel=site.channel,
        code="personvern",
        title="Ikke del personopplysninger",
        text="Kommentarer med personopplysninger publiseres ikke.",
        order=2,
    )
    return site


@pytest.fixture
def site(world) -> Site:
    return make_site(world)


@pytest.fixture
def fnr() -> str:
    return fodselsnummer(random.Random(4711))


class Api:
    """The widget's calls through Django's test client, from the site's origin by default."""

    def __init__(self, client, site: Site, origin: str = ORIGIN, language: str = "") -> None:
        self.client = client
        self.site = site
        self.origin = origin
        self.language = language  # the widget's ?lang=; none: the server's default

    def url(self, name: str) -> str:
        url = f"/c/{self.site.key}/{name}"
        return f"{url}?lang={self.language}" if self.language else url

    def headers(self, origin: str | None, ip: str) -> dict[str, str]:
        headers = {"REMOTE_ADDR": ip}
        origin = self.origin if origin is None else origin
        if origin:
            headers["HTTP_ORIGIN"] = origin
        return headers

    def post(self, name: str, body, *, origin: str | None = None, ip: str = "192.0.2.10"):
        data = body if isinstance(body, (str, bytes)) else json.dumps(body)
        return self.client.post(
            self.url(name),
            data=data,
            content_type="application/json",
            **self.headers(origin, ip),
        )

    def get(self, name: str, params=None, *, origin: str | None = None, ip: str = "192.0.2.10"):
        params = dict(params or {})
        if self.language:
            params["lang"] = self.language
        return self.client.get(f"/c/{self.site.key}/{name}", params, **self.headers(origin, ip))

    def comment(self, text: str = "Fint at lekeplassen blir ferdig!", **fields):
        body = {"page_url": PAGE, "author_name": "Kari", "text": text, **fields}
        return self.post("comments", body, **_pop_request(fields, body))

    def page_comments(self, page_url: str = PAGE):
        return self.get("comments", {"page": page_url})


def _pop_request(fields: dict, body: dict) -> dict:
    options = {}
    for name in ("origin", "ip"):
        if name in fields:
            options[name] = body.pop(name)
    return options


@pytest.fixture
def api(client, site) -> Api:
    return Api(client, site)
