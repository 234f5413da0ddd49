"""The figures page's numbers for a period and the one before it, from known answers.

The channel promises an answer within 8 hours around the clock. In the week of
9 November 2026 five questions arrive: answered after 2, 6 and 10 hours, one never
answered (its promise ran out on Monday) and one on Sunday night whose promise has not
run out when the figures are read (Monday 16 November 00:00). The week before has one
question, answered after an hour.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.desk.conftest import oslo
from tests.desk.test_figures import delivered
from tilstede.core.models import HouseRule, Team
from tilstede.desk.figures import Period, figures_report, period_of
from tilstede.desk.models import ResponsePromise
from tilstede.desk.services import reply_send
from tilstede.moderation.services import decision_record

WEEK = Period(start=dt.date(2026, 11, 9), end=dt.date(2026, 11, 15))
NOW = oslo(2026, 11, 16, 0, 0)


@pytest.fixture
def dummy_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def answered(world, receive, dummy_tasks):
    channel = world.channel
    channel.around_the_clock = True
    channel.response_time = dt.timedelta(hours=8)
    channel.save()

    def question(text, at, answer_after=None):
        item = receive(channel, text, at=at)
        if answer_after is not None:
            when = at + dt.timedelta(hours=answer_after)
            delivered(reply_send(item=item, text="Svar", by=world.moderator, now=when), at=when)
        return item

    monday = oslo(2026, 11, 9, 9, 0)
    items = [
        question("Når åpner biblioteket?", monday, 2),
        question("Hvem brøyter vei 12?", monday, 6),
        question("Hva koster parkering?", monday, 10),
        question("Svarer noen her?", monday),
        question("Er bassenget åpent i morgen?", oslo(2026, 11, 15, 20, 0)),
    ]
    question("Når er neste møte?", oslo(2026, 11, 3, 9, 0), 1)
    rule = HouseRule.objects.create(channel=channel, code="spam", title="Reklame og spam")
    spam = receive(channel, "Kjøp billige klokker her", at=oslo(2026, 11, 10, 12, 0))
    decision_record(
        item=spam, verb="hide", by=world.moderator, house_rule=rule, now=oslo(2026, 11, 10, 13, 0)
    )
    return items


def test_the_share_in_time_counts_unanswered_items_as_late(world, answered):
    report = figures_report(world.moderator, WEEK, now=NOW)
    f = report.total.current
    assert f.received == 6  # five questions and the spam
    assert f.needing == 5
    assert f.answered == 3
    assert (f.in_time, f.late, f.waiting) == (2, 2, 1)
    assert f.share_in_time == 50  # 2 of the 4 whose promise ran out, not 2 of 3 answered
    assert f.median_hours == 6.0
    assert f.removed == 1


def test_it_compares_with_the_period_of_as_many_days_before(world, answered):
    report = figures_report(world.moderator, WEEK, now=NOW)
    assert report.previous == Period(start=dt.date(2026, 11, 2), end=dt.date(2026, 11, 8))
    p = report.total.previous
    assert (p.received, p.needing, p.answered, p.in_time, p.late) == (1, 1, 1, 1, 0)
    assert p.share_in_time == 100
    assert p.median_hours == 1.0


def test_it_gives_figures_per_channel_and_per_team(world, answered):
    team = Team.objects.create(organisation=world.org, name="Kundesenteret")
    # Routing would set the team as items arrive; here two of the promises are given one.
    ResponsePromise.objects.filter(item__in=answered[:2]).update(team=team)
    report = figures_report(world.moderator, WEEK, now=NOW)
    [row] = report.channels
    assert row.channel == world.channel
    assert row.current.share_in_time == 50
    teams = {r.team.name if r.team else None: r.current for r in report.teams}
    assert teams["Kundesenteret"].in_time == 2
    assert teams["Kundesenteret"].share_in_time == 100
    assert teams[None].needing == 3
    assert teams[None].share_in_time == 0  # one answered late, one never: the open one waits


def test_an_outsider_sees_none_of_it(world, answered):
    report = figures_report(world.outsider, WEEK, now=NOW)
    assert report.channels == []
    assert report.total.current.received == 0
    assert report.total.current.needing == 0


@pytest.mark.parametrize(
    ("kind", "start"),
    [
        ("week", dt.date(2026, 11, 16)),
        ("month", dt.date(2026, 11, 1)),
        ("quarter", dt.date(2026, 10, 1)),
        ("year", dt.date(2026, 1, 1)),
    ],
)
def test_a_calendar_period_runs_from_its_first_day_to_today(kind, start):
    today = dt.date(2026, 11, 18)  # a Wednesday
    period = period_of(kind, today=today)
    assert (period.start, period.end) == (start, today)
    assert period.previous().days == period.days
    assert period.previous().end == start - dt.timedelta(days=1)


def test_a_custom_period_needs_its_end_after_its_start():
    with pytest.raises(ValueError):
        period_of("custom", today=dt.date(2026, 11, 18), start=dt.date(2026, 11, 5))
    with pytest.raises(ValueError):
        period_of(
            "custom",
            today=dt.date(2026, 11, 18),
            start=dt.date(2026, 11, 5),
            end=dt.date(2026, 11, 4),
        )
