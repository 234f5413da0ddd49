"""Switching a channel on is refused, with the reason, when its connector cannot be
built (issue 19); the demo's paused channels say "demo (paused)", not "failing"."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import make_channel
from tilstede.core.models import AuditEvent, Channel


def form_data(channel: Channel, **changes) -> dict:
    data = {
        "organisation": channel.organisation_id,
        "name": channel.name,
        "slug": channel.slug,
        "platform": channel.platform,
        "kind": channel.kind,
        "purpose": channel.purpose,
        "moderation_mode": channel.moderation_mode,
        "response_hours": "8",
        "rules-TOTAL_FORMS": "0",
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_it_refuses_to_switch_on_a_channel_without_its_token(client, world):
    channel = make_channel(world.org, "paused-masto")
    channel.active = False
    channel.config = {"base_url": "https://social.example"}
    channel.set_secret_from_env("access_token", "TILSTEDE_TEST_NO_SUCH_VARIABLE")
    channel.save()
    client.force_login(world.admin)
    response = client.post(
        reverse("channel_edit", args=[channel.slug]), form_data(channel, active="on")
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "TILSTEDE_TEST_NO_SUCH_VARIABLE" in page
    assert not Channel.objects.get(pk=channel.pk).active
    assert not AuditEvent.objects.filter(verb="channel.change").exists()


def test_it_switches_on_a_channel_whose_connector_can_be_built(client, world, monkeypatch):
    monkeypatch.setenv("TILSTEDE_TEST_TOKEN", "secret")
    channel = make_channel(world.org, "ready-masto")
    channel.active = False
    channel.config = {"base_url": "https://social.example"}
    channel.set_secret_from_env("access_token", "TILSTEDE_TEST_TOKEN")
    channel.save()
    client.force_login(world.admin)
    response = client.post(
        reverse("channel_edit", args=[channel.slug]), form_data(channel, active="on")
    )
    assert response.status_code == 302
    assert Channel.objects.get(pk=channel.pk).active


def test_the_demos_paused_channels_say_so(client, world):
    channel = make_channel(world.org, "demo-masto")
    channel.active = False
    channel.config = {"demo": True}
    channel.save()
    client.force_login(world.admin)
    for page in ("channels", "channel_health"):
        html = client.get(reverse(page)).content.decode()
        assert "demo (satt på pause)" in html, page
