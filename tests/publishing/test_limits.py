"""A Mastodon channel's length limit comes from its instance when the instance says."""

from __future__ import annotations

import httpx
import respx

from tests.publishing.helpers import compose
from tilstede.publishing import services
from tilstede.publishing.models import PublishingSettings
from tilstede.publishing.selectors import post_check

INSTANCE = "https://social.testvik.example"


def test_the_instance_limit_is_read_and_used_in_the_checks(world, channels):
    mastodon = channels["mastodon"]
    mastodon.config = {"base_url": INSTANCE}
    mastodon.save()
    post = compose(world, [mastodon], text="a" * 600, link="", information=False)
    assert [p.code for p in post_check(post).problems] == ["too_long"]
    with respx.mock() as mock:
        mock.get(f"{INSTANCE}/api/v2/instance").respond(
            200,
            json={
                "domain": "social.testvik.example",
                "configuration": {
                    "statuses": {"max_characters": 1000, "characters_reserved_per_url": 23}
                },
            },
        )
        settings = services.channel_limits_refresh(channel=mastodon)
    assert settings.max_characters == 1000 and settings.limits_checked_at is not None
    check = post_check(post)
    assert check.ok and check.previews[0].limit == 1000


def test_an_unreachable_instance_keeps_the_default(world, channels):
    mastodon = channels["mastodon"]
    mastodon.config = {"base_url": INSTANCE}
    mastodon.save()
    with respx.mock() as mock:
        mock.get(f"{INSTANCE}/api/v2/instance").mock(side_effect=httpx.ConnectError("down"))
        services.channel_limits_refresh(channel=mastodon)
    assert PublishingSettings.objects.get(channel=mastodon).max_characters is None
    post = compose(world, [mastodon], text="a" * 500, link="", information=False)
    assert post_check(post).previews[0].limit == 500


def test_composing_for_a_mastodon_channel_asks_for_its_limits_once_a_day(
    world, channels, dummy_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        compose(world, [channels["mastodon"], channels["bluesky"]])
    assert [r.task.name for r in dummy_tasks.results] == ["channel_limits_refresh_task"]
