"""The desk's channel health page names what a poll skipped or could not read (issue 21)."""

from __future__ import annotations

from django.urls import reverse

from tests.ingest.fakes import FakeConnector, raw
from tilstede.connectors.base import Problem
from tilstede.ingest.services import channel_poll


class PartlyBroken(FakeConnector):
    def fetch(self, cursor: str = "", *, limit: int = 100):
        result = super().fetch(cursor, limit=limit)
        result.problems.extend(
            [
                Problem(
                    "comment feed https://etaten.example/p1/feed/ could not be read (HTTP 404)",
                    url="https://etaten.example/p1/feed/",
                    partial=True,
                ),
                Problem("comment ? lacks 'id'; skipped", url="javascript:alert(1)"),
            ]
        )
        return result


def test_it_shows_a_partly_working_channel_with_its_problems(client, world):
    channel_poll(channel=world.channel, connector=PartlyBroken([[raw(1)]]), recheck="none")
    client.force_login(world.moderator)
    html = client.get(reverse("channel_health")).content.decode()
    assert "delvis" in html or "partly working" in html
    assert 'href="https://etaten.example/p1/feed/"' in html
    assert "lacks &#x27;id&#x27;" in html
    assert 'href="javascript:' not in html  # an address from a feed is a link only if http(s)


def test_another_organisations_problems_stay_hidden(client, world):
    channel_poll(channel=world.channel, connector=PartlyBroken([[raw(1)]]), recheck="none")
    client.force_login(world.outsider)
    html = client.get(reverse("channel_health")).content.decode()
    assert "etaten.example/p1/feed" not in html
