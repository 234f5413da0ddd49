"""Connecting an account from the desk (issue 21), against a fake platform on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import respx
from django.urls import reverse

from tests.conftest import make_channel
from tests.connectors.conftest import payload
from tests.fake_platforms import fake_auth_server
from tests.ingest.fakes import raw
from tilstede.core.models import AuditEvent, Channel, Platform
from tilstede.ingest.services import items_receive


@pytest.fixture
def auth():
    with fake_auth_server() as server:
        yield server


def start_mastodon(client, world, auth):
    client.force_login(world.admin)
    url = reverse("channel_connect", args=[world.channel.slug])
    response = client.post(url, {"instance": auth.base, "start": "now"})
    assert response.status_code == 200
    target = urlsplit(platform_link(response))
    assert f"{target.scheme}://{target.netloc}" == auth.base
    return {k: v[0] for k, v in parse_qs(target.query).items()}


def platform_link(response) -> str:
    """The link the desk shows to go on to the platform."""
    match = re.search(r'id="platform-link" href="([^"]+)"', response.content.decode())
    assert match, response.content.decode()[:500]
    return html.unescape(match.group(1))


def authorise(auth, query) -> str:
    """What the person's click on the platform does: a code back to the callback."""
    answer = httpx.post(
        f"{auth.base}/oauth/authorize/allow",
        data={
            "challenge": query["code_challenge"],
            "redirect_uri": query["redirect_uri"],
            "state": query["state"],
        },
    )
    return answer.headers["Location"]


def test_an_administrator_connects_mastodon_with_pkce(client, world, auth):
    query = start_mastodon(client, world, auth)
    assert query["code_challenge_method"] == "S256"
    assert query["scope"] == "read:notifications read:statuses write:statuses"
    back = urlsplit(authorise(auth, query))
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 302 and response["Location"].endswith(f"/{world.channel.slug}/")
    channel = Channel.objects.get(pk=world.channel.pk)
    assert channel.config["base_url"] == auth.base and channel.config["account_id"] == "4711"
    assert channel.credentials["access_token"].keys() == {"enc"}  # encrypted, never plain
    assert channel.secrets()["access_token"] == "masto-token-1"
    assert auth.pkce_checked == 1
    assert AuditEvent.objects.filter(verb="channel.connect").exists()


def test_a_token_without_the_scopes_is_refused(client, world, auth):
    auth.granted = "read:accounts"
    query = start_mastodon(client, world, auth)
    back = urlsplit(authorise(auth, query))
    response = client.get(f"{back.path}?{back.query}", follow=True)
    assert "read:notifications" in response.content.decode()
    assert "access_token" not in Channel.objects.get(pk=world.channel.pk).credentials


def test_a_callback_with_another_state_is_refused(client, world, auth):
    query = start_mastodon(client, world, auth)
    back = urlsplit(authorise(auth, {**query, "state": "forged"}))
    assert client.get(f"{back.path}?{back.query}").status_code == 400
    assert "access_token" not in Channel.objects.get(pk=world.channel.pk).credentials


def test_a_code_is_used_once(client, world, auth):
    query = start_mastodon(client, world, auth)
    back = urlsplit(authorise(auth, query))
    client.get(f"{back.path}?{back.query}")
    assert client.get(f"{back.path}?{back.query}").status_code == 400


def test_another_organisations_administrator_cannot_connect_our_channel(client, world, auth):
    other_admin = world.outsider
    other_admin.user_permissions.add(
        *__import__(
            "django.contrib.auth.models", fromlist=["Permission"]
        ).Permission.objects.filter(codename="change_channel")
    )
    client.force_login(other_admin)
    response = client.post(
        reverse("channel_connect", args=[world.channel.slug]),
        {"instance": auth.base, "start": "now"},
    )
    assert response.status_code == 404


def test_facebook_needs_the_moderate_task(client, world, auth, settings):
    settings.TILSTEDE_FACEBOOK_APP_ID = "app-1"
    settings.TILSTEDE_FACEBOOK_APP_SECRET = "secret-1"
    settings.TILSTEDE_FACEBOOK_GRAPH_URL = auth.base
    settings.TILSTEDE_FACEBOOK_DIALOG_URL = auth.base
    channel = make_channel(world.org, "testvik-facebook", Platform.FACEBOOK)
    client.force_login(world.admin)
    for tasks, connected in ((["ANALYZE"], False), (["ANALYZE", "MODERATE"], True)):
        auth.tasks = tasks
        start = client.post(reverse("channel_connect", args=[channel.slug]), {"start": "now"})
        back = urlsplit(httpx.get(platform_link(start)).headers["Location"])
        choose = client.get(f"{back.path}?{back.query}")
        assert "Testetaten" in choose.content.decode()
        state = parse_qs(back.query)["state"][0]
        done = client.post(
            reverse("channel_connect_callback"),
            {"state": state, "page": "104000000000001"},
            follow=True,
        )
        channel.refresh_from_db()
        assert ("page_access_token" in channel.credentials) is connected
        if not connected:
            assert "MODERATE" in done.content.decode()
    assert channel.config["page_id"] == "104000000000001"
    assert channel.config["base_url"] == auth.base
    page = client.get(reverse("channel", args=[channel.slug])).content.decode()
    assert "2030" in page  # when the data access lapses, shown before it does


@respx.mock
def test_bluesky_connects_with_an_app_password_and_keeps_the_session(client, world):
    session = respx.post("https://bsky.example/xrpc/com.atproto.server.createSession").mock(
        return_value=httpx.Response(200, json=payload("bluesky/session.json"))
    )
    channel = make_channel(world.org, "testvik-bluesky", Platform.BLUESKY)
    client.force_login(world.admin)
    response = client.post(
        reverse("channel_connect", args=[channel.slug]),
        {
            "handle": "etaten.bsky.example",
            "app_password": "abcd-efgh-ijkl-mnop",
            "service": "https://bsky.example",
            "start": "history",
            "history_days": "7",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    channel.refresh_from_db()
    assert session.call_count == 1
    assert set(channel.credentials) == {"app_password", "session"}
    assert channel.config["handle"] == "etaten.bsky.example" and channel.config["history_days"] == 7


def test_history_fetched_when_connecting_is_never_overdue(world):
    from tilstede.connectors.oauth import Connected
    from tilstede.core.models import Item, ResponseState
    from tilstede.ingest.services import channel_connect

    now = dt.datetime(2026, 11, 10, 9, 0, tzinfo=dt.UTC)
    channel_connect(
        channel=world.channel,
        connected=Connected(
            secrets={"access_token": "t"},
            config={"base_url": "https://m.example"},
            account="@etaten",
        ),
        by=world.admin,
        history_days=7,
        now=now,
    )
    world.channel.refresh_from_db()
    question = "Jeg søkte om bostøtte i august og har ikke fått svar. Når kommer vedtaket?"
    old = raw(1, question, created_at=now - dt.timedelta(days=3))
    new = raw(2, question, created_at=now + dt.timedelta(minutes=5))
    items_receive(channel=world.channel, raw_items=[old, new], now=now + dt.timedelta(minutes=6))
    assert (
        Item.objects.get(channel=world.channel, external_id="1").response_state
        == ResponseState.NOT_NEEDED
    )
    assert (
        Item.objects.get(channel=world.channel, external_id="2").response_state
        == ResponseState.AWAITING
    )
