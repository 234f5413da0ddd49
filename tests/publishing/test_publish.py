"""Publishing through each channel's connector as tasks: one outgoing Item per channel,
failures per channel with retries and backoff, and replies threaded under our post.

The platforms are ``FakePlatform`` objects put in place of ``tasks._connector`` (what
each connector sends is tested with the connectors); tasks run through ``Worker``.
"""

from __future__ import annotations

import datetime as dt

from freezegun import freeze_time

from tests.publishing.helpers import LINK, TEXT, approved
from tilstede.connectors.base import AuthError, RateLimited, RawItem, TransientError
from tilstede.core.models import AuditEvent, Direction, Item
from tilstede.ingest.services import items_receive
from tilstede.publishing import services, tasks
from tilstede.publishing.models import DeliveryStatus, PostState


def test_one_post_goes_to_three_channels_as_three_outgoing_items(
    world, channels, platforms, worker
):
    post = approved(world, channels.values())
    worker.act(services.post_publish, post=post, by=world.moderator)
    assert len(worker.queued("delivery_publish")) == 3
    assert worker.run() == ["published"] * 3
    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED
    items = Item.objects.filter(publication__post=post).order_by("platform")
    assert [i.platform for i in items] == ["bluesky", "facebook", "mastodon"]
    for item in items:
        assert item.direction == Direction.OUT and item.kind == "post"
        assert item.versions.count() == 1  # versioned (and screened) by ingest
        assert item.author_name == "Testvik kommune" and item.language == "nb"
    assert {p.published[0]["link"] for p in platforms.values()} == {LINK}
    assert {p.published[0]["text"] for p in platforms.values()} == {TEXT}
    assert AuditEvent.objects.filter(verb="post.published").count() == 3


def test_a_reply_to_our_post_lands_in_the_inbox_threaded_under_it(
    world, channels, platforms, worker
):
    post = approved(world, [channels["mastodon"]])
    worker.act(services.post_publish, post=post, by=world.moderator)
    worker.run()
    ours = post.deliveries.get().item
    reply = RawItem(
        external_id="reply-1",
        kind="comment",
        direction="in",
        author_handle="innbygger@social.example",
        author_name="Innbygger",
        text="Hvor lenge er brua stengt?",
        url="https://social.example/1",
        created_at=dt.datetime.now(dt.UTC),
        parent_external_id=ours.external_id,
    )
    items_receive(channel=channels["mastodon"], raw_items=[reply])
    stored = Item.objects.get(external_id="reply-1")
    assert stored.parent == ours and stored.thread == ours


def test_one_channel_down_does_not_stop_the_others_and_recovers(world, channels, platforms, worker):
    post = approved(world, channels.values())
    tasks._connector(channels["bluesky"]).errors = [
        TransientError("connection refused", platform="bluesky"),
        RateLimited("slow down", platform="bluesky", retry_after=300),
    ]
    start = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)
    with freeze_time(start):
        worker.act(services.post_publish, post=post, by=world.moderator)
        assert sorted(worker.run()) == ["published", "published", "retrying"]
    post.refresh_from_db()
    assert post.state == PostState.PUBLISHING
    bluesky = post.deliveries.get(channel=channels["bluesky"])
    assert bluesky.status == DeliveryStatus.RETRYING
    assert "connection refused" in bluesky.last_error
    assert bluesky.next_attempt_at == start + dt.timedelta(seconds=30)
    assert post.deliveries.filter(status=DeliveryStatus.PUBLISHED).count() == 2

    # Not before its time; then rate limited, so it waits as long as the platform asks.
    assert worker.run(now=start + dt.timedelta(seconds=29)) == []
    with freeze_time(start + dt.timedelta(seconds=30)):
        assert worker.run() == ["retrying"]
    bluesky.refresh_from_db()
    assert bluesky.next_attempt_at == start + dt.timedelta(seconds=330)
    assert bluesky.attempts == 2

    with freeze_time(start + dt.timedelta(seconds=330)):
        assert worker.run() == ["published"]
    bluesky.refresh_from_db()
    post.refresh_from_db()
    assert bluesky.status == DeliveryStatus.PUBLISHED and bluesky.attempts == 3
    assert bluesky.item.platform == "bluesky"
    assert post.state == PostState.PUBLISHED
    assert AuditEvent.objects.filter(verb="post.delivery_retry").count() == 2


def test_a_channel_that_cannot_recover_fails_and_can_be_tried_again(
    world, channels, platforms, worker
):
    post = approved(world, [channels["mastodon"], channels["facebook"]])
    tasks._connector(channels["facebook"]).errors = [AuthError("token expired")]
    worker.act(services.post_publish, post=post, by=world.moderator)
    assert sorted(worker.run()) == ["failed", "published"]
    post.refresh_from_db()
    assert post.state == PostState.FAILED
    facebook = post.deliveries.get(channel=channels["facebook"])
    assert facebook.status == DeliveryStatus.FAILED and "token expired" in facebook.last_error

    worker.act(services.delivery_retry, delivery=facebook, by=world.moderator)
    assert worker.run() == ["published"]
    post.refresh_from_db()
    assert post.state == PostState.PUBLISHED


def test_transient_failures_give_up_after_the_last_attempt(world, channels, platforms, worker):
    post = approved(world, [channels["mastodon"]])
    tasks._connector(channels["mastodon"]).errors = [
        TransientError("timeout") for _ in range(tasks.MAX_ATTEMPTS)
    ]
    worker.act(services.post_publish, post=post, by=world.moderator)
    far = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    outcomes = worker.run(now=far)
    assert outcomes == ["retrying"] * (tasks.MAX_ATTEMPTS - 1) + ["failed"]
    post.refresh_from_db()
    assert post.state == PostState.FAILED


def test_a_delivery_queued_twice_is_published_once(world, channels, platforms, worker):
    post = approved(world, [channels["mastodon"]])
    worker.act(services.post_publish, post=post, by=world.moderator)
    [queued] = worker.queued("delivery_publish")
    assert tasks.delivery_publish.call(*queued.args) == "published"
    assert tasks.delivery_publish.call(*queued.args) == "skipped"
    assert len(platforms[channels["mastodon"].slug].published) == 1


def test_the_backoff_doubles_and_honours_retry_after():
    error = TransientError("x")
    assert [tasks.backoff(n, error) for n in (1, 2, 3)] == [30, 60, 120]
    assert tasks.backoff(20, error) == 3600
    assert tasks.backoff(1, RateLimited("x", retry_after=900)) == 900
