"""Figures a leader reads for a period: what came in, what needed an answer, and how
much of it was answered within the response time promised [3.4].

The share answered in time counts every item whose promise has run out: one answered
after its deadline and one not answered at all are both late. Only items still inside
their promise (not answered, deadline not yet passed) are left out of the share, and
counted on their own. The median is of the items answered, as in the API's weekly figures
(``desk.services.response_figures``), and items marked as needing no answer are left out
as there. Each period is compared with
the period of the same number of days just before it.

Days are Europe/Oslo days. What a person may see is decided by ``items_for_user``.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilstede.core.models import Channel, Direction, ResponseState, Team
from tilstede.core.permissions import items_for_user

PERIODS = {
    "week": _("This week"),
    "month": _("This month"),
    "quarter": _("This quarter"),
    "year": _("This year"),
    "custom": _("From and to"),
}
LONGEST = dt.timedelta(days=3 * 366)  # a custom period's longest span


@dataclass(frozen=True)
class Period:
    """Whole days from ``start`` to ``end``, both included (Europe/Oslo)."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same number of days that ends the day before this one starts."""
        end = self.start - dt.timedelta(days=1)
        return Period(start=end - dt.timedelta(days=self.days - 1), end=end)

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """From midnight at the start to midnight after the end, as aware datetimes."""
        tz = ZoneInfo(settings.TIME_ZONE)
        after = self.end + dt.timedelta(days=1)
        return (
            dt.datetime.combine(self.start, dt.time(), tz),
            dt.datetime.combine(after, dt.time(), tz),
        )


def period_of(
    kind: str, *, today: dt.date, start: dt.date | None = None, end: dt.date | None = None
) -> Period:
    """This week, month, quarter or year up to and including ``today``, or ``start``–``end``.

    A calendar period runs from its first day to today, so that it compares with as many
    days just before it.
    """
    if kind == "custom":
        if start is None or end is None or end < start:
            raise ValueError("a custom period needs a start on or before its end")
        return Period(start=start, end=end)
    if kind == "week":
        first = today - dt.timedelta(days=today.weekday())
    elif kind == "month":
        first = today.replace(day=1)
    elif kind == "quarter":
        first = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    elif kind == "year":
        first = today.replace(month=1, day=1)
    else:
        raise ValueError(kind)
    return Period(start=first, end=today)


@dataclass
class Figures:
    """One channel's, one team's or everything's figures for one period."""

    received: int = 0  # items received from citizens
    needing: int = 0  # of which needed an answer (a promise started)
    answered: int = 0  # of those answered
    in_time: int = 0  # answered within the promise
    late: int = 0  # answered after the deadline, or not answered by it
    waiting: int = 0  # not answered, deadline not yet passed: not in the share
    removed: int = 0  # hidden or removed by a moderator's decision
    seconds: list[int] = field(default_factory=list)  # time to the first answer, answered

    @property
    def share_in_time(self) -> int | None:
        """Percent answered within the promise of those whose promise has run out."""
        settled = self.in_time + self.late
        return round(100 * self.in_time / settled) if settled else None

    @property
    def median_hours(self) -> float | None:
        """The median time to the first answer of the items answered, in hours."""
        if not self.seconds:
            return None
        return round(statistics.median(self.seconds) / 3600, 1)


@dataclass
class Row:
    """A line of the report: its name, this period's figures and the previous period's."""

    name: str
    current: Figures = field(default_factory=Figures)
    previous: Figures = field(default_factory=Figures)
    channel: Channel | None = None
    team: Team | None = None


@dataclass
class Report:
    period: Period
    previous: Period
    total: Row
    channels: list[Row]
    teams: list[Row]


def figures_report(user, period: Period, *, now: dt.datetime | None = None) -> Report:
    """The figures of ``period`` and the period before it, in total, per channel and per
    team, of the items ``user`` may see. Three queries, summed here: a period's items of
    one organisation are few enough, and the database's date functions differ."""
    from tilstede.desk.models import ResponsePromise
    from tilstede.moderation.models import REMOVAL_VERBS, Decision

    now = now or timezone.now()
    previous = period.previous()
    start, _end = previous.bounds()
    _start, end = period.bounds()
    cur_start = _start

    visible = items_for_user(user)
    channels = list(Channel.objects.filter(pk__in=visible.values("channel")).order_by("name", "pk"))
    by_channel = {c.pk: Row(name=c.name, channel=c) for c in channels}
    by_team: dict[int | None, Row] = {}
    total = Row(name=str(_("All channels")))

    def rows_for(channel_id: int, team: int | None = None, *, with_team: bool = False):
        found = [total]
        if channel_id in by_channel:
            found.append(by_channel[channel_id])
        if with_team:
            found.append(by_team.setdefault(team, Row(name="")))
        return found

    def which(at: dt.datetime) -> str:
        return "current" if at >= cur_start else "previous"

    for channel_id, created in visible.filter(
        direction=Direction.IN, created_at__gte=start, created_at__lt=end
    ).values_list("channel", "created_at"):
        for row in rows_for(channel_id):
            getattr(row, which(created)).received += 1

    # As ``desk.services.response_figures`` counts them (the API's weekly figures): items a
    # person marked as needing no answer are left out.
    promises = (
        ResponsePromise.objects.filter(item__in=visible, started_at__gte=start, started_at__lt=end)
        .exclude(item__response_state=ResponseState.NOT_NEEDED)
        .values_list(
            "channel", "team", "started_at", "due_at", "first_response_at", "response_seconds"
        )
    )
    for channel_id, team, started, due, first, seconds in promises:
        for row in rows_for(channel_id, team, with_team=True):
            f = getattr(row, which(started))
            f.needing += 1
            if first is not None:
                f.answered += 1
                if seconds is not None:
                    f.seconds.append(seconds)
                if first <= due:
                    f.in_time += 1
                else:
                    f.late += 1
            elif due <= now:
                f.late += 1
            else:
                f.waiting += 1

    removed = (
        Decision.objects.filter(item__in=visible, verb__in=REMOVAL_VERBS, at__gte=start, at__lt=end)
        .values_list("item_id", "item__channel", "at")
        .order_by()
    )
    counted: set[tuple[int, str]] = set()
    for item_id, channel_id, at in removed:
        half = which(at)
        if (item_id, half) in counted:
            continue  # an item hidden twice in a period counts once
        counted.add((item_id, half))
        for row in rows_for(channel_id):
            getattr(row, half).removed += 1

    teams = {t.pk: t for t in Team.objects.filter(pk__in=[k for k in by_team if k is not None])}
    for pk, row in by_team.items():
        row.team = teams.get(pk) if pk is not None else None
        row.name = row.team.name if row.team else str(_("No team"))
    team_rows = sorted(by_team.values(), key=lambda r: (r.team is None, r.name))
    return Report(
        period=period,
        previous=previous,
        total=total,
        channels=list(by_channel.values()),
        teams=team_rows,
    )
