"""Carrying decisions out at the source: Facebook's Graph API faked with respx."""

from __future__ import annotations

import httpx
import pytest
import respx

from tests.conftest import make_channel, make_item
from tilstede.core.models import AuditEvent, HouseRule, Visibility
from tilstede.moderation.models import Decision, Notice, PlatformStatus, Verb
from tilstede.moderation.services import decision_record
from tilstede.moderation.tasks import decision_carry_out, notice_deliver

GRAPH = "https://graph.facebook.com/v21.0"


@pytest.fixture
def facebook(world):
    channel = make_channel(world.org, "fb", platform="facebook")
    channel.config = {"page_id": "1001"}
    channel.set_secret("page_access_token", "page-token")
    channel.save()
    rule = HouseRule.objects.create(channel=channel, code="spam", title="Spam")
    item = make_item(channel, "Kjøp billig", external_id="1001_2002", visibility=Visibility.VISIBLE)
    decision = decision_record(item=item, verb=Verb.HIDE, by=world.moderator, house_rule=rule)
    return decision


def test_a_hide_is_done_at_facebook_and_recorded(facebook):
    with respx.mock() as mock:
        route = mock.post(f"{GRAPH}/1001_2002").respond(200, json={"success": True})
        assert decision_carry_out.call(facebook.pk) == PlatformStatus.DONE
    assert route.called and b"is_hidden=true" in route.calls[0].request.content
    facebook.refresh_from_db()
    assert facebook.platform_status == PlatformStatus.DONE
    assert AuditEvent.objects.filter(verb="source.hide.done").exists()


def test_an_expired_token_is_recorded_as_failed(facebook):
    with respx.mock() as mock:
        mock.post(f"{GRAPH}/1001_2002").respond(
            400,
            json={
                "error": {"message": "Session has expired", "type": "OAuthException", "code": 190}
            },
        )
        assert decision_carry_out.call(facebook.pk) == PlatformStatus.FAILED
    facebook.refresh_from_db()
    assert "expired" in facebook.platform_detail.lower()


def test_a_platform_outage_is_tried_again_later(facebook, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    from django_tasks import default_task_backend

    with respx.mock() as mock:
        mock.post(f"{GRAPH}/1001_2002").mock(side_effect=httpx.ConnectError("down"))
        assert decision_carry_out.call(facebook.pk) == "retrying"
    facebook.refresh_from_db()
    assert facebook.platform_status == PlatformStatus.PENDING
    retry = default_task_backend.results[-1]
    assert retry.args == [facebook.pk, 2] and retry.task.run_after is not None


def test_the_author_is_told_by_a_reply(facebook):
    notice = Notice.objects.get(decision=facebook)
    assert notice.route == "reply" and notice.status == "pending"
    with respx.mock(assert_all_called=False) as mock:
        route = mock.post(f"{GRAPH}/1001_2002/comments").respond(200, json={"id": "1001_3003"})
        mock.get(url__regex=rf"{GRAPH}/1001_3003.*").respond(
            200,
            json={
                "id": "1001_3003",
                "message": "x",
                "created_time": "2026-11-25T10:00:00+0000",
                "from": {"id": "1001", "name": "Page"},
                "permalink_url": "https://facebook.example/1",
            },
        )
        outcome = notice_deliver.call(notice.pk)
    assert outcome == "sent", outcome
    assert "Spam" in route.calls[0].request.content.decode()
    notice.refresh_from_db()
    assert (notice.status, notice.external_id) == ("sent", "1001_3003")
    assert notice.sent_at is not None
    sent = AuditEvent.objects.get(verb="notice.sent")
    assert sent.details["external_id"] == "1001_3003"
    assert not AuditEvent.objects.filter(verb="notice.not_delivered").exists()


def test_a_notice_the_platform_refuses_is_recorded_as_not_delivered(facebook):
    notice = Notice.objects.get(decision=facebook)
    with respx.mock() as mock:
        mock.post(f"{GRAPH}/1001_2002/comments").respond(
            400,
            json={
                "error": {"message": "Session has expired", "type": "OAuthException", "code": 190}
            },
        )
        assert notice_deliver.call(notice.pk) == "failed"
    notice.refresh_from_db()
    assert notice.status == "failed" and "expired" in notice.detail.lower()
    event = AuditEvent.objects.get(verb="notice.not_delivered")
    assert "expired" in event.details["reason"].lower()
    assert not AuditEvent.objects.filter(verb="notice.sent").exists()


def test_no_platform_action_for_a_decision_that_has_none(world):
    item = make_item(world.channel, "hei", visibility=Visibility.HELD)
    decision = decision_record(item=item, verb=Verb.APPROVE, by=world.moderator)
    assert Decision.objects.get(pk=decision.pk).platform_status == PlatformStatus.NONE
