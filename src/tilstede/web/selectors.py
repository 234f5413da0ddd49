"""Reads the desk's pages share: the inbox with its filters and keyset pages, one item with
everything around it, and the dashboard's figures.

Every read starts from ``core.permissions.items_for_user``. Pages are keyset pages on
(created_at, id), never OFFSET, so a deep page costs what the first one costs; the
related rows of a page come in a fixed number of queries whatever its depth.
"""

from __future__ import annotations

import base64
import datetime as dt
import heapq
import itertools
from collections import defaultdict
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from tilstede.core.models import (
    AuditEvent,
    Channel,
    Direction,
    Item,
    ItemVersion,
    Organisation,
    Visibility,
)
from tilstede.core.permissions import items_for_user
from tilstede.desk.selectors import OPEN_STATES, overdue_filter
from tilstede.ingest.models import Finding

User = AbstractBaseUser | AnonymousUser
PAGE_SIZE = 50
REMOVAL_VERBS = ("hide", "delete_at_source", "block")

VERSIONS = Prefetch(
    "versions",
    queryset=ItemVersion.objects.select_related("screening")
    .prefetch_related(Prefetch("screening__findings", queryset=Finding.objects.order_by("start")))
    .order_by("number"),
)


def organisations_for(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(members=user)


def channels_for(user: User) -> QuerySet[Channel]:
    return Channel.objects.filter(organisation__in=organisations_for(user)).order_by("name")


# --- Inbox ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxFilters:
    channel: str = ""
    state: str = ""
    response: str = ""
    assignee: str = ""
    category: str = ""
    language: str = ""
    overdue: bool = False

    @property
    def active(self) -> bool:
        return any(
            (
                self.channel,
                self.state,
                self.response,
                self.assignee,
                self.category,
                self.language,
                self.overdue,
            )
        )


def cursor_encode(item: Item) -> str:
    raw = f"{item.created_at.isoformat()}|{item.pk}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def cursor_decode(cursor: str) -> tuple[dt.datetime, int] | None:
    """The (created_at, id) a page ends at, or None for a cursor this desk did not give out."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        when, pk = raw.rsplit("|", 1)
        parsed = dt.datetime.fromisoformat(when)
    except (ValueError, UnicodeDecodeError):
        return None
    if parsed.tzinfo is None:
        return None
    return parsed, int(pk)


def inbox_items(user: User, filters: InboxFilters, *, now: dt.datetime | None = None) -> QuerySet:
    """The items of the inbox, newest first, filtered; not yet cut into a page."""
    items = items_for_user(user)
    if filters.channel:
        items = items.filter(channel__slug=filters.channel)
    if filters.state:
        items = items.filter(visibility=filters.state)
    if filters.response:
        items = items.filter(response_state=filters.response)
    if filters.assignee == "me":
        items = items.filter(assignee=user.pk)
    elif filters.assignee == "none":
        items = items.filter(assignee__isnull=True)
    elif filters.assignee:
        items = items.filter(assignee__username=filters.assignee)
    if filters.category:
        # EXISTS, not a join: a join would repeat an item once per finding.
        items = items.filter(
            Exists(
                Finding.objects.filter(
                    screening__version__item=OuterRef("pk"), category=filters.category
                )
            )
        )
    if filters.language:
        items = items.filter(language=filters.language)
    if filters.overdue:
        items = overdue_filter(items, now=now)
    return items.order_by("-created_at", "-id")


@dataclass
class Page:
    items: list[Item]
    next_cursor: str | None
    first: bool


def inbox_page(
    user: User,
    filters: InboxFilters,
    *,
    cursor: str = "",
    size: int = PAGE_SIZE,
    now: dt.datetime | None = None,
) -> Page:
    """One keyset page of the inbox, newest first, in a number of queries fixed by the
    number of channels, whatever the page's depth.

    Neither database can walk several ranges of the (channel, -created_at, -id) index in
    one merged order, and a plain ORDER BY over every channel sorts all matching rows. So
    each channel gives its own next ``size + 1`` keys from that index (an index range
    scan that stops early), the keys are merged here, and one more query loads the rows
    of the page with their related data. The cursor condition is written
    ``created_at <= t AND (created_at < t OR id < n)`` so that the scan starts at the
    cursor rather than at the top.
    """
    items = inbox_items(user, filters, now=now)
    position = cursor_decode(cursor) if cursor else None
    if position is not None:
        when, pk = position
        items = items.filter(Q(created_at__lte=when) & (Q(created_at__lt=when) | Q(pk__lt=pk)))
    channel_ids = list(channels_for(user).values_list("pk", flat=True))
    keys = heapq.merge(
        *(
            list(items.filter(channel_id=c).values_list("created_at", "pk")[: size + 1])
            for c in channel_ids
        ),
        reverse=True,
    )
    wanted = [pk for _, pk in itertools.islice(keys, size + 1)]
    rows = list(
        Item.objects.filter(pk__in=wanted)
        .select_related("channel", "assignee", "topic", "promise", "parent")
        .prefetch_related(VERSIONS, Prefetch("parent__versions", queryset=VERSIONS.queryset))
        .defer("raw", "parent__raw")
        .order_by("-created_at", "-id")
    )
    more = len(rows) > size
    rows = rows[:size]
    return Page(
        items=rows,
        next_cursor=cursor_encode(rows[-1]) if more and rows else None,
        first=position is None,
    )


def item_for(user: User, pk: int) -> Item | None:
    """One item the user may see, with its channel, versions and findings; None otherwise."""
    return (
        items_for_user(user)
        .select_related("channel__organisation", "assignee", "topic", "promise", "parent")
        .prefetch_related(VERSIONS, "channel__house_rules")
        .filter(pk=pk)
        .first()
    )


def thread_of(user: User, item: Item) -> list[Item]:
    """The item's thread in order, as far as the user may see it (the item included)."""
    root = item.thread_id or item.pk
    # The thread's ids first, by the primary key and the thread index (two lookups: an
    # OR of the two makes SQLite scan the whole index); then the access check on those
    # few rows, which as a join first would make the planner walk every channel.
    ids = [root, *Item.objects.filter(thread_id=root).values_list("pk", flat=True)[:199]]
    return list(
        items_for_user(user)
        .filter(pk__in=ids)
        .select_related("channel", "promise")
        .prefetch_related(VERSIONS)
        .defer("raw")
        .order_by("created_at", "id")[:200]
    )


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
    visible = items_for_user(user)
    rows = {c.pk: ChannelRow(channel=c) for c in channels}
    counts = (
        visible.filter(direction=Direction.IN)
        .values("channel")
        .annotate(
            today=Count("pk", filter=Q(created_at__gte=_local_midnight(today))),
            queue=Count("pk", filter=Q(response_state__in=OPEN_STATES)),
            held=Count("pk", filter=Q(visibility=Visibility.HELD)),
            overdue=Count(
                "pk",
                filter=Q(
                    response_state__in=OPEN_STATES,
                    promise__due_at__lt=now,
                    promise__first_response_at__isnull=True,
                ),
            ),
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
