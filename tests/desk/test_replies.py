"""Replies: stored as outgoing items in the thread, sent after commit, failures recorded.

The platform is a fake connector put in place of ``desk.tasks._connector``; Mastodon's
own reply call is tested with the connectors.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from tests.conftest import make_channel
from tests.desk.conftest import oslo
from tilstede.connectors.base import AuthError, RawItem, TransientError
from tilstede.core.models import AuditEvent, Direction, Item, ResponseState
from tilstede.desk import tasks
from tilstede.desk.models import DeliveryStatus, OutgoingReply, SavedReply
from tilstede.desk.services import ReplyError, reply_record_sent, reply_retry, reply_send
from tilstede.moderation.models import Decision, Verb

QUESTION_AT = oslo(2026, 11, 9, 10, 0)
ANSWER_AT = oslo(2026, 11, 9, 11, 0)


class FakePlatform:
    def __init__(self, error: Exception | None = None) -> None:
        self.error = error
        self.calls: list[tuple[str, str]] = []

    def reply(self, *, parent: str, text: str) -> RawItem:
        self.calls.append((parent, text))
        if self.error:
            raise self.error
        return RawItem(
            external_id="109999",
            kind="reply",
            direction="out",
            author_handle="testvik",
            author_name="Testvik kommune",
            text=text,
            url="https://social.example/@testvik/109999",
            created_at=dt.datetime.now(dt.UTC),
        )


@pytest.fixture
def platform(monkeypatch):
    fake = FakePlatform()
    monkeypatch.setattr(tasks, "_connector", lambda delivery: fake)
    return fake


@pytest.fixture
def dummy_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    return default_task_backend


@pytest.fixture
def question(world, receive):
    return receive(world.channel, "Når blir vei 12 brøytet?", at=QUESTION_AT)


def test_a_reply_is_stored_in_the_thread_and_sent_after_commit(
    world, question, platform, dummy_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_send(
            item=question, text="I løpet av dagen.", by=world.moderator, now=ANSWER_AT
        )
    assert reply.direction == Direction.OUT and reply.kind == "reply"
    assert reply.parent == question and reply.thread_id == question.pk
    assert reply.external_id.startswith("local-")
    assert reply.versions.count() == 1
    [queued] = dummy_tasks.results
    assert queued.args == [reply.pk]

    assert tasks.reply_deliver.call(reply.pk) == DeliveryStatus.SENT
    reply.refresh_from_db()
    assert platform.calls == [(question.external_id, "I løpet av dagen.")]
    assert reply.external_id == "109999"
    assert reply.url.endswith("/109999")
    assert reply.delivery.status == DeliveryStatus.SENT
    assert AuditEvent.objects.filter(verb="reply.sent", object_id=str(reply.pk)).exists()
    assert tasks.reply_deliver.call(reply.pk) == DeliveryStatus.SENT  # once only
    assert len(platform.calls) == 1


def test_a_reply_is_a_recorded_decision_and_the_item_awaits_until_it_is_delivered(
    world, question, platform, dummy_tasks
):
    reply = reply_send(item=question, text="I løpet av dagen.", by=world.moderator, now=ANSWER_AT)
    question.refresh_from_db()
    assert question.response_state == ResponseState.AWAITING
    assert question.promise.first_response_at is None
    decision = Decision.objects.get(item=question, verb=Verb.REPLY)
    assert decision.by == world.moderator
    assert reply.delivery.status == DeliveryStatus.PENDING
    assert AuditEvent.objects.filter(verb="reply.queued", object_id=str(reply.pk)).exists()
    assert not AuditEvent.objects.filter(verb="reply.sent").exists()

    delivered_at = ANSWER_AT + dt.timedelta(minutes=30)
    delivery = OutgoingReply.objects.get(item=reply)
    reply_record_sent(delivery=delivery, raw=platform.reply(parent="x", text="y"), now=delivered_at)
    question.refresh_from_db()
    assert question.response_state == ResponseState.ANSWERED
    promise = question.promise
    assert promise.first_response_at == delivered_at
    assert promise.response_seconds == 5400
    assert promise.kept


def test_a_responder_cannot_answer_outside_their_topics(world, receive, dummy_tasks):
    library = receive(world.channel, "Når åpner biblioteket?")
    with pytest.raises(PermissionDenied):
        reply_send(item=library, text="Klokka ti.", by=world.responder)
    assert not Item.objects.filter(parent=library).exists()


def test_an_empty_reply_or_a_feed_is_refused(world, question, receive):
    with pytest.raises(ReplyError):
        reply_send(item=question, text="   ", by=world.moderator)
    feed = make_channel(world.org, "testvik-rss", platform="rss")
    post = receive(feed, "Nytt fra kommunestyret", kind="post")
    with pytest.raises(ReplyError):
        reply_send(item=post, text="Takk", by=world.moderator)


def test_a_reply_in_our_own_comment_field_is_stored_only(
    world, receive, dummy_tasks, django_capture_on_commit_callbacks
):
    field = make_channel(world.org, "testvik-web", platform="webcomments")
    comment = receive(field, "Hvor kan jeg lese planen?")
    with django_capture_on_commit_callbacks(execute=True):
        reply = reply_send(item=comment, text="På nettsiden vår.", by=world.moderator)
    assert reply.delivery.status == DeliveryStatus.LOCAL
    assert dummy_tasks.results == []


def test_a_platform_outage_is_tried_again_later(world, question, platform, dummy_tasks):
    reply = reply_send(item=question, text="I løpet av dagen.", by=world.moderator)
    platform.error = TransientError("timeout", retry_after=120)
    assert tasks.reply_deliver.call(reply.pk) == "retrying"
    retry = dummy_tasks.results[-1]
    assert retry.args == [reply.pk, 2] and retry.task.run_after is not None
    assert OutgoingReply.objects.get(item=reply).status == DeliveryStatus.PENDING


def test_a_failed_reply_is_recorded_with_the_reason_and_the_item_stays_awaiting(
    world, question, platform, dummy_tasks
):
    reply = reply_send(item=question, text="I løpet av dagen.", by=world.moderator, now=ANSWER_AT)
    platform.error = AuthError("token revoked", platform="mastodon")
    assert tasks.reply_deliver.call(reply.pk) == DeliveryStatus.FAILED
    delivery = OutgoingReply.objects.get(item=reply)
    assert delivery.status == DeliveryStatus.FAILED and "revoked" in delivery.detail
    question.refresh_from_db()
    assert question.response_state == ResponseState.AWAITING
    assert question.promise.first_response_at is None
    failed = AuditEvent.objects.get(verb="reply.failed")
    assert "revoked" in failed.details["detail"]
    assert not AuditEvent.objects.filter(verb="reply.sent").exists()


def test_a_failed_reply_is_retried_and_only_then_counts(
    world, question, platform, dummy_tasks, django_capture_on_commit_callbacks
):
    reply = reply_send(item=question, text="I løpet av dagen.", by=world.moderator, now=ANSWER_AT)
    platform.error = AuthError("token revoked", platform="mastodon")
    tasks.reply_deliver.call(reply.pk)
    delivery = OutgoingReply.objects.get(item=reply)
    with django_capture_on_commit_callbacks(execute=True):
        reply_retry(delivery=delivery, by=world.moderator)
    assert OutgoingReply.objects.get(item=reply).status == DeliveryStatus.RETRIED
    assert dummy_tasks.results[-1].args == [reply.pk]
    assert AuditEvent.objects.filter(verb="reply.retry", actor_label="moderator").exists()
    platform.error = None
    assert tasks.reply_deliver.call(reply.pk) == DeliveryStatus.SENT
    question.refresh_from_db()
    assert question.response_state == ResponseState.ANSWERED
    with pytest.raises(ReplyError):
        reply_retry(delivery=delivery, by=world.moderator)  # sent: nothing to retry


def test_a_reply_cannot_be_retried_by_an_outsider(world, question, platform, dummy_tasks):
    reply = reply_send(item=question, text="Snart.", by=world.moderator)
    platform.error = AuthError("token revoked", platform="mastodon")
    tasks.reply_deliver.call(reply.pk)
    with pytest.raises(PermissionDenied):
        reply_retry(delivery=OutgoingReply.objects.get(item=reply), by=world.outsider)
    assert OutgoingReply.objects.get(item=reply).status == DeliveryStatus.FAILED


def test_the_last_transient_failure_counts_as_failed(world, question, platform, dummy_tasks):
    reply = reply_send(item=question, text="Snart.", by=world.moderator)
    platform.error = TransientError("502")
    assert tasks.reply_deliver.call(reply.pk, tasks.MAX_ATTEMPTS) == DeliveryStatus.FAILED


def test_a_saved_reply_is_noted_on_the_decision_and_delivery(world, question, dummy_tasks):
    saved = SavedReply.objects.get(organisation=None, code="thanks", language="nb")
    reply = reply_send(item=question, text="Takk!", by=world.moderator, saved_reply=saved)
    assert reply.delivery.saved_reply == saved
    assert Decision.objects.get(item=question, verb=Verb.REPLY).reason == "saved reply: thanks"
