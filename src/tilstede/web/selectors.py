"""Reads the desk's pages share: the person's organisations, channels and colleagues, one
item with its thread, and the dashboard's figures.

Items are read through the read model (``core.readmodel``): ``Item.objects.visible_to``
is ``core.permissions.items_for_user``, and the inbox's filters, search, order, paging
and what a row prefetches are defined there once for the web, the API and the export.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from tilstede.core.models import AuditEvent, Channel, Direction, Item, Organisation, Visibility
from tilstede.core.readmodel import ItemQuerySet, open_states, overdue_q
from tilstede.moderation.models import REMOVAL_VERBS

User = AbstractBaseUser | AnonymousUser


def organisations_for(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(members=user)


def channels_for(user: User) -> QuerySet[Channel]:
    return Channel.objects.filter(organisation__in=organisations_for(user)).order_by("name")


def people_for(user: User) -> QuerySet:
    """The active people of the user's organisations (whom the inbox filters by)."""
    model = get_user_model()
    return (
        model._default_manager.filter(is_active=True, organisations__in=organisations_for(user))
        .distinct()
        .order_by(model.USERNAME_FIELD)
    )


def appeals_waiting(user: User) -> int:
    """Appeals awaiting a decision in the user's organisations (the menu's count)."""
    from tilstede.moderation.models import Appeal, AppealOutcome

    # EXISTS on the item's channel, not a join through the items: joined, SQLite read the
    # organisations' items first (a quarter of a second at 1,000,000 items) to count
    # appeals that are few.
    return (
        Appeal.objects.filter(outcome=AppealOutcome.PENDING)
        .filter(
            Exists(
                Channel.objects.filter(
                    pk=OuterRef("decision__item__channel_id"),
                    organisation__in=organisations_for(user),
                )
            )
        )
        .count()
    )


def crises_active(user: User) -> list[tuple[int, str]]:
    """The crises declared and not yet ended in the user's organisations, as (id, name):
    the banner on every desk page (at most one per organisation)."""
    from tilstede.publishing.models import Crisis

    return list(
        Crisis.objects.filter(organisation__in=organisations_for(user), ended_at__isnull=True)
        .order_by("pk")
        .values_list("pk", "name")
    )


def item_for(user: User, pk: int, *, now: dt.datetime | None = None) -> Item | None:
    """One item the user may see, read as a row is (``for_rows``); None otherwise."""
    return Item.objects.visible_to(user).for_rows(now).filter(pk=pk).first()


def thread_of(user: User, item: Item) -> list[Item]:
    """The item's thread in order, as far as the user may see it (the item included).

    ``item`` comes from ``item_for``: the user may see it and its versions are prefetched.
    """
    root = item.thread_id or item.pk
    # The thread's ids first, by the primary key and the thread index (two lookups: an
    # OR of the two makes SQLite scan the whole index); then the access check on those
    # few rows. The newest replies by id: ordered by created_at the planner would walk
    # item_recent looking for a thread's rows.
    ids = [
        root,
        *Item.objects.filter(thread_id=root).order_by("-pk").values_list("pk", flat=True)[:199],
    ]
    if ids == [item.pk]:
        return [item]  # a lone item (most are): the caller has loaded it already
    visible: ItemQuerySet = Item.objects.visible_to(user)
    return list(visible.filter(pk__in=ids).for_rows().order_by("created_at", "id")[:200])


def item_history(item: Item) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(object_type="core.item", object_id=str(item.pk)).order_by("id")


# --- Dashboard --------------------------------------------------------------------------


@dataclass
class ChannelRow:
    channel: Channel
    today: int = 0
    queue: int = 0
    held: int = 0
    overdue: int = 0


@dataclass
class DashboardFigures:
    rows: list[ChannelRow]
    days: list[dt.date]
    volume: dict[int, list[int]]  # channel id -> items per day, in ``days`` order
    response: list[dict]  # per channel: promised, median, p90, kept share, answered
    outcomes: list[tuple[str, int]]  # house rule title -> items hidden or removed
    totals: dict[str, int] = field(default_factory=dict)


def _local_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), ZoneInfo(settings.TIME_ZONE))


def dashboard_figures(
    user: User, *, days: int = 14, now: dt.datetime | None = None
) -> DashboardFigures:
    """Counts per channel for today and the last ``days`` days (Europe/Oslo days)."""
    from tilstede.desk.models import ResponsePromise
    from tilstede.moderation.models import Decision

    now = now or timezone.now()
    today = timezone.localtime(now).date()
    start_day = today - dt.timedelta(days=days - 1)
    start = _local_midnight(start_day)
    channels = list(channels_for(user))
    visible = Item.objects.visible_to(user)
    rows = {c.pk: ChannelRow(channel=c) for c in channels}
    counts = (
        visible.filter(direction=Direction.IN)
        .values("channel")
        .annotate(
            today=Count("pk", filter=Q(created_at__gte=_local_midnight(today))),
            queue=Count("pk", filter=Q(response_state__in=open_states())),
            held=Count("pk", filter=Q(visibility=Visibility.HELD)),
            overdue=Count("pk", filter=overdue_q(now)),
        )
    )
    for row in counts:
        if row["channel"] in rows:
            r = rows[row["channel"]]
            r.today, r.queue, r.held, r.overdue = (
                row["today"],
                row["queue"],
                row["held"],
                row["overdue"],
            )

    day_list = [start_day + dt.timedelta(days=n) for n in range(days)]
    volume: dict[int, list[int]] = {c.pk: [0] * days for c in channels}
    tz = ZoneInfo(settings.TIME_ZONE)
    # Grouped in Python by local day: the database's date functions differ, and two weeks
    # of one organisation's timestamps are few.
    for channel_id, created in visible.filter(
        direction=Direction.IN, created_at__gte=start
    ).values_list("channel", "created_at"):
        index = (created.astimezone(tz).date() - start_day).days
        if channel_id in volume and 0 <= index < days:
            volume[channel_id][index] += 1

    response = []
    since = now - dt.timedelta(days=30)
    promises = defaultdict(list)
    for channel_id, seconds, due, first in ResponsePromise.objects.filter(
        channel__in=[c.pk for c in channels], started_at__gte=since, item__in=visible
    ).values_list("channel", "response_seconds", "due_at", "first_response_at"):
        promises[channel_id].append((seconds, due, first))
    for c in channels:
        entries = promises.get(c.pk, [])
        times = sorted(s for s, _, first in entries if first is not None and s is not None)
        settled = [(due, first) for _, due, first in entries if first is not None or due <= now]
        kept = sum(1 for due, first in settled if first is not None and first <= due)
        median = times[(len(times) - 1) // 2] if times else None
        p90 = times[max(0, -(-len(times) * 9 // 10) - 1)] if times else None
        response.append(
            {
                "channel": c,
                "promised_hours": round(c.response_time.total_seconds() / 3600, 1),
                "median_hours": round(median / 3600, 1) if median is not None else None,
                "p90_hours": round(p90 / 3600, 1) if p90 is not None else None,
                "kept_percent": round(100 * kept / len(settled)) if settled else None,
                "answered": len(times),
                "needing": len(entries),
            }
        )

    outcomes = list(
        Decision.objects.filter(
            item__in=visible, verb__in=REMOVAL_VERBS, at__gte=now - dt.timedelta(days=30)
        )
        .values_list("house_rule__title")
        .annotate(n=Count("item", distinct=True))
        .order_by("-n", "house_rule__title")
    )
    return DashboardFigures(
        rows=list(rows.values()),
        days=day_list,
        volume=volume,
        response=response,
        outcomes=[(title or "", n) for title, n in outcomes],
        totals={
            "today": sum(r.today for r in rows.values()),
            "queue": sum(r.queue for r in rows.values()),
            "held": sum(r.held for r in rows.values()),
            "overdue": sum(r.overdue for r in rows.values()),
        },
    )
