"""Ingest: idempotent, versioned, screened before anything is visible, nothing lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tilstede.connectors.base import AuthError, PayloadError, RateLimited, TransientError
from tilstede.core.models import (
    AuditEvent,
    Item,
    ItemVersion,
    ModerationMode,
    ResponseState,
    Visibility,
)
from tilstede.demo.synthetic import fodselsnummer
from tilstede.ingest.models import ChannelState, Finding, VersionScreening
from tilstede.ingest.services import channel_poll, items_receive

from .fakes import FakeConnector, raw


def receive(world, items, **kw):
    return items_receive(channel=world.channel, raw_items=items, **kw)


def test_it_stores_new_items_with_a_first_version_and_its_screening(world):
    report = receive(world, [raw(1), raw(2)], cursor="c1")
    assert report.created == 2
    item = Item.objects.get(external_id="1")
    assert item.versions.count() == 1
    assert VersionScreening.objects.filter(version__item=item).exists()
    assert item.visibility == Visibility.VISIBLE  # post-moderation, nothing found
    assert ChannelState.objects.get(channel=world.channel).cursor == "c1"


def test_it_holds_a_comment_with_a_fodselsnummer(world):
    import random

    fnr = fodselsnummer(random.Random(7))
    receive(world, [raw(1, f"Fødselsnummeret mitt er {fnr}, hvorfor er søknaden ikke behandlet?")])
    item = Item.objects.get(external_id="1")
    assert item.visibility == Visibility.HELD
    finding = Finding.objects.get(screening__version__item=item, category="national_id")
    assert item.text[finding.start : finding.end] == fnr
    assert "[fødselsnummer]" in item.versions.get().screening.redacted


def test_it_marks_a_case_request_as_awaiting_an_answer(world):
    receive(
        world,
        [
            raw(
                1,
                "Jeg søkte om bostøtte i august og har fortsatt ikke fått svar på søknaden min. Når kommer vedtaket?",
            )
        ],
    )
    assert Item.objects.get(external_id="1").response_state == ResponseState.AWAITING


def test_pre_moderation_holds_every_new_comment(world):
    world.channel.moderation_mode = ModerationMode.PRE_MODERATE
    world.channel.save()
    receive(world, [raw(1, "Fin dag i dag")])
    assert Item.objects.get(external_id="1").visibility == Visibility.HELD


def test_monitor_mode_still_holds_personal_data(world):
    import random

    world.channel.moderation_mode = ModerationMode.MONITOR
    world.channel.save()
    receive(world, [raw(1, "Fin dag"), raw(2, f"nr {fodselsnummer(random.Random(3))}")])
    assert Item.objects.get(external_id="1").visibility == Visibility.VISIBLE
    assert Item.objects.get(external_id="2").visibility == Visibility.HELD


def test_the_same_batch_twice_adds_nothing(world):
    receive(world, [raw(1), raw(2)])
    report = receive(world, [raw(1), raw(2)])
    assert (report.created, report.new_versions, report.unchanged) == (0, 0, 2)
    assert Item.objects.count() == 2 and ItemVersion.objects.count() == 2


def test_a_repeated_id_in_one_page_is_stored_once(world):
    receive(world, [raw(1, "første"), raw(1, "andre")])
    assert Item.objects.get(external_id="1").text == "andre"
    assert ItemVersion.objects.count() == 1


def test_an_edit_at_the_source_becomes_a_new_version(world):
    receive(world, [raw(1, "Veien er stengt")])
    edited = timezone.now()
    report = receive(world, [raw(1, "Veien er stengt ved rådhuset", edited_at=edited)])
    assert report.new_versions == 1
    item = Item.objects.get(external_id="1")
    assert item.text == "Veien er stengt ved rådhuset"
    assert [v.text for v in item.versions.order_by("number")] == [
        "Veien er stengt",
        "Veien er stengt ved rådhuset",
    ]
    assert item.versions.get(number=2).edited_at_source == edited
    assert VersionScreening.objects.filter(version__item=item).count() == 2


def test_an_edit_that_adds_personal_data_holds_a_visible_item(world):
    import random

    receive(world, [raw(1, "Hei")])
    receive(world, [raw(1, f"Hei, mitt nummer er {fodselsnummer(random.Random(11))}")])
    assert Item.objects.get(external_id="1").visibility == Visibility.HELD


def test_a_deletion_at_the_source_keeps_the_text(world):
    receive(world, [raw(1, "Dette sa jeg")])
    tombstone = raw(1, "", deleted=True)
    report = receive(world, [tombstone])
    item = Item.objects.get(external_id="1")
    assert report.deleted_at_source == 1
    assert item.visibility == Visibility.DELETED_AT_SOURCE
    assert item.text == "Dette sa jeg" and item.versions.count() == 1
    assert AuditEvent.objects.filter(verb="item.deleted_at_source", object_id=str(item.pk)).exists()
    assert receive(world, [tombstone]).deleted_at_source == 0  # once


def test_a_reply_is_threaded_under_its_parent_even_when_it_arrives_first(world):
    receive(world, [raw("reply", parent="child")])
    receive(world, [raw("child", parent="root"), raw("root", kind="post", direction="out")])
    root, child, reply = (Item.objects.get(external_id=e) for e in ("root", "child", "reply"))
    assert child.parent == root and child.thread == root
    assert reply.parent == child and reply.thread == root


def test_a_failure_inside_a_batch_keeps_neither_items_nor_cursor(world, monkeypatch):
    from tilstede.ingest import services

    receive(world, [raw(1)], cursor="before")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_store_screenings", broken)
    with pytest.raises(RuntimeError):
        receive(world, [raw(2), raw(3)], cursor="after")
    assert set(Item.objects.values_list("external_id", flat=True)) == {"1"}
    assert ChannelState.objects.get(channel=world.channel).cursor == "before"


def test_poll_follows_pages_and_commits_each(world):
    fake = FakeConnector([[raw(1), raw(2)], [raw(3)], [raw(4)]])
    report = channel_poll(channel=world.channel, connector=fake, limit=1)
    assert report.batches == 3 and report.created == 4 and not report.error
    assert fake.calls == ["", "1", "2"]
    state = ChannelState.objects.get(channel=world.channel)
    assert state.cursor == "3" and state.last_success_at and state.consecutive_failures == 0
    assert state.next_poll_at > timezone.now()


def test_small_pages_are_gathered_into_one_batch_up_to_the_limit(world):
    fake = FakeConnector([[raw(1), raw(2)], [raw(3)], [raw(4), raw(5)], [raw(6)]])
    report = channel_poll(channel=world.channel, connector=fake, limit=3)
    assert report.batches == 2 and report.created == 6
    assert fake.calls == ["", "1", "2", "3"]
    assert ChannelState.objects.get(channel=world.channel).cursor == "4"


def test_a_poll_stops_after_max_batches_and_the_next_goes_on(world):
    fake = FakeConnector([[raw(n)] for n in range(6)])
    report = channel_poll(channel=world.channel, connector=fake, limit=2, max_batches=2)
    assert report.batches == 2 and report.created == 4
    assert fake.calls == ["", "1", "2", "3"]  # nothing fetched that is not stored
    assert ChannelState.objects.get(channel=world.channel).cursor == "4"
    report = channel_poll(channel=world.channel, connector=fake, limit=2)
    assert report.created == 2 and Item.objects.count() == 6


def test_pages_gathered_before_a_failed_fetch_are_committed(world):
    fake = FakeConnector(
        [[raw(1)], [raw(2)], TransientError("502 Bad Gateway", platform="mastodon"), [raw(4)]]
    )
    report = channel_poll(channel=world.channel, connector=fake)
    assert report.created == 2 and "502" in report.error
    assert ChannelState.objects.get(channel=world.channel).cursor == "2"


def test_a_platform_error_is_written_on_the_channel_health_and_nothing_is_lost(world):
    fake = FakeConnector(
        [[raw(1)], TransientError("503 Service Unavailable", platform="mastodon"), [raw(3)]]
    )
    report = channel_poll(channel=world.channel, connector=fake)
    assert report.created == 1 and "503" in report.error
    state = ChannelState.objects.get(channel=world.channel)
    assert state.consecutive_failures == 1 and "503" in state.last_error
    assert state.cursor == "1"  # the committed page only
    report = channel_poll(channel=world.channel, connector=fake)  # the platform recovers
    assert report.created == 1 and not report.error
    assert sorted(Item.objects.values_list("external_id", flat=True)) == ["1", "3"]
    state.refresh_from_db()
    assert state.consecutive_failures == 0


def test_a_rate_limit_waits_as_long_as_the_platform_asks(world):
    fake = FakeConnector([RateLimited("429", platform="mastodon", retry_after=900)])
    before = timezone.now()
    channel_poll(channel=world.channel, connector=fake)
    state = ChannelState.objects.get(channel=world.channel)
    assert state.next_poll_at >= before + dt.timedelta(seconds=900)


@pytest.mark.parametrize(
    "error",
    [
        AuthError("token expired", platform="mastodon"),
        PayloadError("not JSON", platform="mastodon"),
    ],
)
def test_an_error_a_person_must_fix_waits_an_hour(world, error):
    channel_poll(channel=world.channel, connector=FakeConnector([error]))
    state = ChannelState.objects.get(channel=world.channel)
    assert state.next_poll_at > timezone.now() + dt.timedelta(minutes=59)
    assert str(error) in state.last_error


def test_a_missing_token_is_reported_on_the_channel(world):
    world.channel.config = {"base_url": "https://social.example"}
    world.channel.set_secret_from_env("access_token", "TILSTEDE_UNSET_TOKEN_FOR_TEST")
    world.channel.save()
    report = channel_poll(channel=world.channel)
    assert "TILSTEDE_UNSET_TOKEN_FOR_TEST" in report.error
    assert ChannelState.objects.get(channel=world.channel).consecutive_failures == 1


def test_problems_in_a_page_are_reported_and_the_rest_kept(world):
    report = items_receive(
        channel=world.channel, raw_items=[raw(1)], problems=["item 2: no account"]
    )
    assert report.created == 1 and report.problems == ["item 2: no account"]


def test_a_nul_character_from_a_platform_does_not_break_the_batch(world):
    """PostgreSQL refuses NUL in text; a malformed payload must not stop the channel."""
    report = receive(world, [raw(1, "Hei\x00 på deg"), raw(2)])
    assert report.created == 2
    assert Item.objects.get(external_id="1").text == "Hei på deg"
