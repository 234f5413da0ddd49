"""Due process: notices to authors record what happened, and appeals are decided by
another moderator, with the outcome sent back by the same route.

Platforms are faked with respx (Mastodon) or are the built-in demo platform; tasks are
called directly, so each outcome is tested where it is recorded.
"""

from __future__ import annotations

import datetime as dt

import pytest
import respx
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.api.test_api import call
from tests.conftest import make_channel, make_item, make_user
from tilstede.core import roles
from tilstede.core.models import AuditEvent, HouseRule, Item, Visibility
from tilstede.moderation.models import Appeal, Notice, Verb
from tilstede.moderation.selectors import transparency_figures
from tilstede.moderation.services import (
    WrongState,
    appeal_decide,
    appeal_submit,
    decision_record,
    notice_record_sent,
    notice_retry,
)
from tilstede.moderation.tasks import notice_deliver

MASTODON = "https://social.example"


@pytest.fixture
def second(world):
    return make_user("moderator2", roles.MODERATOR, world.org)


def hide(world, channel, text="Dere er idioter", **fields):
    rule = HouseRule.objects.get_or_create(
        channel=channel, code="harassment", defaults={"title": "Trakassering"}
    )[0]
    item = make_item(channel, text, visibility=Visibility.VISIBLE, **fields)
    return decision_record(item=item, verb=Verb.HIDE, by=world.moderator, house_rule=rule)


def events(verb: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb))


# --- Notices: one test per outcome ------------------------------------------------------


def test_it_records_a_comment_field_notice_without_a_browser_id_as_not_delivered(world):
    field = make_channel(world.org, "web", platform="webcomments")
    decision = hide(world, field, author_handle="")
    notice = Notice.objects.get(decision=decision)
    assert (notice.route, notice.status) == ("none", "failed")
    assert "id" in notice.detail and "kommentarfeltet" in notice.detail
    [event] = events("notice.not_delivered")
    assert event.details["reason"] == notice.detail
    assert not events("notice.shown_in_comment_field") and not events("notice.sent")


def test_it_records_a_comment_field_notice_as_shown_only_when_the_browser_showed_it(world):
    field = make_channel(world.org, "web", platform="webcomments")
    decision = hide(world, field, author_handle="wc-abcdef0123")
    notice = Notice.objects.get(decision=decision)
    assert (notice.route, notice.status) == ("comment_field", "pending")
    assert events("notice.queued") and not events("notice.shown_in_comment_field")
    notice_record_sent(notice=notice)
    notice.refresh_from_db()
    assert notice.status == "local" and notice.sent_at is not None
    assert len(events("notice.shown_in_comment_field")) == 1
    notice_record_sent(notice=notice)  # shown again: recorded once
    assert len(events("notice.shown_in_comment_field")) == 1


def mastodon_channel(world):
    channel = make_channel(world.org, "masto", platform="mastodon")
    channel.config = {"base_url": MASTODON, "account_id": "1"}
    channel.set_secret("access_token", "token")
    channel.save()
    return channel


def status(id_: str, visibility: str = "direct") -> dict:
    return {
        "id": id_,
        "content": "<p>x</p>",
        "created_at": "2026-11-25T10:00:00Z",
        "visibility": visibility,
        "url": f"{MASTODON}/@testvik/{id_}",
        "account": {"id": "1", "acct": "testvik", "display_name": "Testvik"},
        "in_reply_to_id": "55",
        "language": "nb",
    }


def test_it_sends_a_mastodon_notice_as_a_direct_message_with_its_id_and_link(world):
    decision = hide(world, mastodon_channel(world), external_id="55", author_handle="ola")
    notice = Notice.objects.get(decision=decision)
    assert notice.route == "direct_message"
    with respx.mock() as mock:
        mock.get(f"{MASTODON}/api/v1/statuses/55").respond(200, json=status("55", "public"))
        post = mock.post(f"{MASTODON}/api/v1/statuses").respond(200, json=status("77"))
        assert notice_deliver.call(notice.pk) == "sent"
    body = post.calls[0].request.content.decode()
    assert "visibility=direct" in body and "Trakassering" in body.replace("+", " ")
    notice.refresh_from_db()
    assert (notice.status, notice.external_id) == ("sent", "77")
    assert notice.url == f"{MASTODON}/@testvik/77"
    [sent] = events("notice.sent")
    assert sent.details["url"] == notice.url


def test_it_records_a_platform_outage_as_not_delivered_and_a_retry_as_sent(
    world, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    decision = hide(world, mastodon_channel(world), external_id="55", author_handle="ola")
    notice = Notice.objects.get(decision=decision)
    with respx.mock() as mock:
        mock.get(f"{MASTODON}/api/v1/statuses/55").respond(500, text="boom")
        assert notice_deliver.call(notice.pk, 6) == "failed"
    notice.refresh_from_db()
    assert notice.status == "failed" and "500" in notice.detail
    [failed] = events("notice.not_delivered")
    assert "500" in failed.details["reason"]
    assert not events("notice.sent")

    with pytest.raises(PermissionDenied):
        notice_retry(notice=notice, by=world.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        notice_retry(notice=notice, by=world.moderator)
    assert Notice.objects.get(pk=notice.pk).status == "retried"
    with respx.mock() as mock:
        mock.get(f"{MASTODON}/api/v1/statuses/55").respond(200, json=status("55", "public"))
        mock.post(f"{MASTODON}/api/v1/statuses").respond(200, json=status("78"))
        assert notice_deliver.call(notice.pk) == "sent"
    assert Notice.objects.get(pk=notice.pk).status == "sent"
    assert len(events("notice.retry")) == 1 and len(events("notice.sent")) == 1


def test_it_records_a_platform_without_replies_as_not_delivered(world):
    feed = make_channel(world.org, "feed", platform="rss")
    decision = hide(world, feed)
    notice = Notice.objects.get(decision=decision)
    assert (notice.route, notice.status) == ("none", "failed")
    assert events("notice.not_delivered") and not events("notice.queued")
    with pytest.raises(WrongState):
        notice_retry(notice=notice, by=world.moderator)


@pytest.mark.parametrize(
    ("language", "words"),
    [("nb", "Kommentaren din er skjult"), ("nn", "Kommentaren din er skjult"), ("en", "hidden")],
)
def test_it_writes_the_notice_in_the_language_of_the_comment(world, language, words):
    field = make_channel(world.org, "web", platform="webcomments")
    decision = hide(world, field, author_handle="wc-1234567890", language=language)
    notice = Notice.objects.get(decision=decision)
    assert notice.language == language and words in notice.text
    assert "Trakassering" in notice.text and "/klage/" in notice.text


def test_the_nynorsk_notice_is_nynorsk(world):
    field = make_channel(world.org, "web", platform="webcomments")
    decision = hide(world, field, author_handle="wc-1234567890", language="nn")
    assert "klage på avgjerda" in Notice.objects.get(decision=decision).text


# --- Appeals ----------------------------------------------------------------------------


def test_the_moderator_who_hid_it_cannot_decide_the_appeal(world, second):
    decision = hide(world, world.channel)
    appeal = appeal_submit(decision=decision, text="Det var ironi")
    with pytest.raises(PermissionDenied):
        appeal_decide(appeal=appeal, by=world.moderator, overturn=True, reason="Ok")
    assert Appeal.objects.get(pk=appeal.pk).outcome == "pending"
    with pytest.raises(PermissionDenied):
        appeal_decide(appeal=appeal, by=world.outsider, overturn=True, reason="Ok")


def test_another_moderator_reverses_and_the_author_is_told_by_the_same_route(world, second):
    field = make_channel(world.org, "web", platform="webcomments")
    decision = hide(world, field, author_handle="wc-1234567890", language="en")
    appeal = appeal_submit(decision=decision, text="It was irony")
    appeal_decide(appeal=appeal, by=second, overturn=True, reason="Irony, not harassment.")
    item = Item.objects.get(pk=decision.item_id)
    assert item.visibility == Visibility.VISIBLE
    outcome = Notice.objects.get(appeal=appeal)
    assert outcome.kind == "appeal_outcome" and outcome.route == "comment_field"
    assert outcome.language == "en" and "reversed" in outcome.text
    assert "Irony, not harassment." in outcome.text
    assert AuditEvent.objects.filter(verb="appeal.overturned", actor_label="moderator2").exists()
    with pytest.raises(WrongState):
        appeal_decide(appeal=appeal, by=second, overturn=False, reason="Again")


def test_the_transparency_report_counts_appeals_received_decided_and_reversed(world, second):
    for n, overturn in enumerate((True, False, None)):
        decision = hide(world, world.channel, text=f"Stygt {n}")
        appeal = appeal_submit(decision=decision, text="Nei")
        if overturn is not None:
            appeal_decide(appeal=appeal, by=second, overturn=overturn, reason="Fordi")
    now = dt.datetime.now(dt.UTC)
    [figures] = [
        f
        for f in transparency_figures(
            organisation=world.org, start=now - dt.timedelta(days=1), end=now + dt.timedelta(1)
        )
        if f.channel == world.channel.name
    ]
    assert (figures.appeals, figures.appeals_decided, figures.appeals_overturned) == (3, 2, 1)


def test_the_api_lists_and_decides_appeals_but_not_for_the_decision_maker(client, world, second):
    decision = hide(world, world.channel)
    appeal = appeal_submit(decision=decision, text="Urettferdig")
    listed = call(client, world.moderator, "get", "/api/appeals?outcome=pending").json()
    assert [a["id"] for a in listed] == [appeal.pk] and listed[0]["decided_by_maker"]
    body = {"overturn": False, "reason": "Brudd på husregelen."}
    url = f"/api/appeals/{appeal.pk}/decision"
    assert call(client, world.moderator, "post", url, body).status_code == 403
    assert call(client, world.outsider, "post", url, body).status_code == 404
    assert call(client, world.reader, "post", url, body).status_code == 403
    assert call(client, second, "post", url, {"overturn": False, "reason": ""}).status_code in (
        400,
        422,
    )
    response = call(client, second, "post", url, body)
    assert response.status_code == 200, response.content
    assert response.json()["outcome"] == "upheld" and response.json()["decided_by"] == "moderator2"
    assert call(client, second, "post", url, body).status_code == 409
    assert call(client, world.outsider, "get", "/api/appeals").json() == []


def test_the_desk_queue_shows_the_appeal_and_only_another_moderator_gets_the_form(
    client, world, second
):
    decision = hide(world, world.channel)
    appeal = appeal_submit(decision=decision, text="Urettferdig")
    client.force_login(world.moderator)
    page = client.get(reverse("appeals")).content.decode()
    assert "Urettferdig" in page and reverse("appeal_decide", args=[appeal.pk]) not in page
    assert "(1)" in client.get(reverse("inbox")).content.decode()  # the menu's count
    response = client.post(
        reverse("appeal_decide", args=[appeal.pk]),
        {f"a{appeal.pk}-outcome": "overturned", f"a{appeal.pk}-reason": "Nei"},
    )
    assert response.status_code == 302
    assert Appeal.objects.get(pk=appeal.pk).outcome == "pending"
    client.force_login(second)
    queue = client.get(reverse("appeals")).content.decode()
    assert reverse("appeal_decide", args=[appeal.pk]) in queue
    client.post(
        reverse("appeal_decide", args=[appeal.pk]),
        {f"a{appeal.pk}-outcome": "overturned", f"a{appeal.pk}-reason": "Ironi"},
    )
    assert Appeal.objects.get(pk=appeal.pk).outcome == "overturned"
    item_page = client.get(reverse("item", args=[decision.item_id])).content.decode()
    assert "Ironi" in item_page and "Urettferdig" in item_page
    client.force_login(world.outsider)
    assert client.get(reverse("appeals")).status_code == 200
    assert "Urettferdig" not in client.get(reverse("appeals")).content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nb", "Klag på en modereringsbeslutning"),
        ("nn", "Klag på ei modereringsavgjerd"),
        ("en", "Appeal a moderation decision"),
    ],
)
def test_the_appeal_page_is_in_the_language_of_the_comment(client, world, language, words):
    from tilstede.moderation.tasks import appeal_token

    decision = hide(world, world.channel, language=language)
    response = client.get(reverse("appeal", args=[appeal_token(decision)]))
    page = response.content.decode()
    assert words in page and f'lang="{language}"' in page
    assert response["Content-Language"] == language
