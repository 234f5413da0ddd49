"""Scheduling in Europe/Oslo time: a post fires at its instant across daylight saving
changes, a moved or withdrawn post's old task does nothing, and the hour that does not
exist in March is refused."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from tests.publishing.helpers import approved
from tilstede.publishing import services
from tilstede.publishing.models import PostState
from tilstede.publishing.services import PublishingError, oslo_time

OSLO = ZoneInfo("Europe/Oslo")
UTC = dt.UTC


@pytest.mark.parametrize(
    ("written", "local", "utc"),
    [
        # Saturday before the last Sunday of March: clocks go 02:00 -> 03:00 that night.
        (
            dt.datetime(2026, 3, 28, 12, 0, tzinfo=UTC),
            dt.datetime(2026, 3, 29, 9, 0),
            dt.datetime(2026, 3, 29, 7, 0, tzinfo=UTC),
        ),
        # Saturday before the last Sunday of October: 03:00 -> 02:00.
        (
            dt.datetime(2026, 10, 24, 12, 0, tzinfo=UTC),
            dt.datetime(2026, 10, 25, 9, 0),
            dt.datetime(2026, 10, 25, 8, 0, tzinfo=UTC),
        ),
    ],
    ids=["spring-forward", "fall-back"],
)
def test_a_scheduled_post_fires_at_its_oslo_time_across_a_dst_change(
    world, channels, platforms, worker, written, local, utc
):
    with freeze_time(written):
        post = approved(world, [channels["mastodon"]])
        at = oslo_time(local)
        assert at.astimezone(UTC) == utc
        worker.act(services.post_schedule, post=post, by=world.moderator, at=at)
    post.refresh_from_db()
    assert post.state == PostState.SCHEDULED and post.scheduled_for == utc
    [fire] = worker.queued("post_fire_task")
    assert fire.task.run_after == utc  # the worker holds it until then

    # A worker that runs it a minute early (clock skew) leaves it for its time.
    with freeze_time(utc - dt.timedelta(minutes=1)):
        assert fire.task.call(*fire.args) == "not yet"
    post.refresh_from_db()
    assert post.state == PostState.SCHEDULED

    worker.backend.clear()
    worker.backend.results.append(fire)
    assert worker.run(now=utc - dt.timedelta(seconds=1)) == []
    with freeze_time(utc):
        assert worker.run() == ["publishing", "published"]
    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED
    delivery = post.deliveries.get()
    assert delivery.published_at == utc
    assert delivery.published_at.astimezone(OSLO).hour == 9


def test_the_hour_that_does_not_exist_in_march_is_refused():
    with pytest.raises(PublishingError, match="finnes ikke i Norge"):
        oslo_time(dt.datetime(2026, 3, 29, 2, 30))
    # The hour that happens twice in October is the first one (summer time).
    assert oslo_time(dt.datetime(2026, 10, 25, 2, 30)).utcoffset() == dt.timedelta(hours=2)


def test_a_moved_post_fires_once_at_the_new_time(world, channels, platforms, worker):
    start = dt.datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    with freeze_time(start):
        post = approved(world, [channels["mastodon"]])
        worker.act(
            services.post_schedule, post=post, by=world.moderator, at=start + dt.timedelta(hours=1)
        )
        worker.act(
            services.post_schedule, post=post, by=world.moderator, at=start + dt.timedelta(hours=2)
        )
    with freeze_time(start + dt.timedelta(hours=1)):
        assert worker.run() == ["stale"]
    with freeze_time(start + dt.timedelta(hours=2)):
        assert worker.run() == ["publishing", "published"]


def test_a_time_in_the_past_is_refused(world, channels):
    post = approved(world, [channels["mastodon"]])
    with pytest.raises(PublishingError, match="er passert"):
        services.post_schedule(
            post=post, by=world.moderator, at=dt.datetime(2020, 1, 1, tzinfo=UTC)
        )


def test_a_post_that_no_longer_passes_goes_back_to_draft_at_its_time(
    world, channels, platforms, worker
):
    from tilstede.publishing.models import PublishingSettings

    start = dt.datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    with freeze_time(start):
        post = approved(world, [channels["mastodon"]])
        worker.act(
            services.post_schedule, post=post, by=world.moderator, at=start + dt.timedelta(hours=1)
        )
    # The instance lowered its limit meanwhile.
    PublishingSettings.objects.create(channel=channels["mastodon"], max_characters=50)
    with freeze_time(start + dt.timedelta(hours=1)):
        assert worker.run() == ["stopped"]
    post.refresh_from_db()
    assert post.state == PostState.DRAFT and "50" in post.problem
