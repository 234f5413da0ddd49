"""The desk's shared reads: my queue, my teams' queue, unassigned, overdue.

Every queue starts from ``core.permissions.items_for_user``, so nobody sees an item
through the desk that they could not see anyway. Open means awaiting or escalated; the
soonest due comes first, items without a due time last.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from tilstede.core.models import Item, ResponseState
from tilstede.core.permissions import items_for_user

OPEN_STATES = (ResponseState.AWAITING, ResponseState.ESCALATED)
User = AbstractBaseUser | AnonymousUser


def _open(user: User) -> QuerySet[Item]:
    return (
        items_for_user(user)
        .filter(response_state__in=OPEN_STATES)
        .select_related("channel", "topic", "assignee", "promise")
        .order_by(F("promise__due_at").asc(nulls_last=True), "created_at", "id")
    )


def queue_mine(user: User) -> QuerySet[Item]:
    """Open items assigned to ``user``."""
    return _open(user).filter(assignee=user.pk)


def queue_team(user: User) -> QuerySet[Item]:
    """Open, unassigned items routed to one of ``user``'s teams."""
    return _open(user).filter(assignee__isnull=True, promise__team__members=user.pk).distinct()


def queue_unassigned(user: User) -> QuerySet[Item]:
    """Open items nobody has taken, that ``user`` may see."""
    return _open(user).filter(assignee__isnull=True)


OVERDUE = Q(response_state__in=OPEN_STATES, promise__first_response_at__isnull=True)


def overdue_filter(
    items: QuerySet[Item], *, overdue: bool = True, now: dt.datetime | None = None
) -> QuerySet[Item]:
    """Keep only items whose promise is broken (due, no response yet), or only the others."""
    broken = OVERDUE & Q(promise__due_at__lt=now or timezone.now())
    return items.filter(broken) if overdue else items.exclude(broken)


def items_overdue(user: User, *, now: dt.datetime | None = None) -> QuerySet[Item]:
    """Open items whose promise is broken: due, and no response yet."""
    return overdue_filter(_open(user), now=now)


def is_overdue(item: Item, *, now: dt.datetime | None = None) -> bool:
    promise = getattr(item, "promise", None)
    if promise is None or promise.first_response_at is not None:
        return False
    return item.response_state in OPEN_STATES and promise.due_at < (now or timezone.now())


def queue_counts(user: User, *, now: dt.datetime | None = None) -> dict[str, int]:
    """The numbers for the desk's tabs."""
    return {
        "mine": queue_mine(user).count(),
        "team": queue_team(user).count(),
        "unassigned": queue_unassigned(user).count(),
        "overdue": items_overdue(user, now=now).count(),
    }
