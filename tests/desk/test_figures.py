"""Response-time figures per channel and ISO week, from known answers."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.desk.conftest import oslo
from tilstede.connectors.base import RawItem
from tilstede.desk.services import reply_record_sent, reply_send, response_figures


def delivered(reply, *, at: dt.datetime) -> None:
    """The platform took the reply at ``at`` (only a delivered reply counts)."""
    raw = RawItem(
        external_id=f"sent-{reply.pk}",
        kind="reply",
        direction="out",
        author_handle="",
        author_name="",
        text=reply.text,
        url=f"https://social.example/{reply.pk}",
        created_at=at,
    )
    reply_record_sent(delivery=reply.delivery, raw=raw, now=at)


@pytest.fixture
def dummy_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_it_reports_median_p90_share_kept_and_overdue(world, receive, dummy_tasks):
    channel = world.channel
    channel.around_the_clock = True
    channel.response_time = dt.timedelta(hours=8)
    channel.save()
    monday = oslo(2026, 11, 9, 9, 0)
    for hours in range(1, 11):  # answered after 1, 2, ... 10 hours
        item = receive(channel, f"Spørsmål nummer {hours}?", at=monday)
        reply = reply_send(
            item=item,
            text="Svar",
            by=world.moderator,
            now=monday + dt.timedelta(hours=hours),
        )
        delivered(reply, at=monday + dt.timedelta(hours=hours))
    receive(channel, "Hvem svarer her?", at=monday)  # never answered: overdue
    receive(channel, "Og nå da?", at=oslo(2026, 11, 15, 20, 0))  # Sunday night, not yet due
    receive(channel, "Forrige uke?", at=oslo(2026, 11, 8, 23, 0))  # the week before

    figures = response_figures(
        channel=channel, week=dt.date(2026, 11, 11), now=oslo(2026, 11, 16, 0, 0)
    )
    assert (figures.year, figures.week) == (2026, 46)
    assert figures.needing_answer == 12
    assert figures.answered == 10
    assert figures.median == dt.timedelta(hours=5, minutes=30)
    assert figures.p90 == dt.timedelta(hours=9)
    assert figures.within_promise == pytest.approx(8 / 11)
    assert figures.overdue == 1


def test_it_counts_opening_hours_where_the_channel_keeps_them(world, receive, dummy_tasks):
    item = receive(world.channel, "Når blir vei 12 brøytet?", at=oslo(2026, 11, 6, 15, 0))
    reply = reply_send(item=item, text="Mandag.", by=world.moderator, now=oslo(2026, 11, 9, 9, 0))
    delivered(reply, at=oslo(2026, 11, 9, 9, 0))
    figures = response_figures(
        channel=world.channel, week=dt.date(2026, 11, 6), now=oslo(2026, 11, 9, 12, 0)
    )
    assert figures.median == dt.timedelta(hours=1, minutes=45)
    assert figures.within_promise == 1.0


def test_an_empty_week_has_no_times(world):
    figures = response_figures(channel=world.channel, week=dt.date(2026, 11, 9))
    assert figures.needing_answer == 0
    assert figures.median is None and figures.p90 is None and figures.within_promise is None
