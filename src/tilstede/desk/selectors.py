"""The desk's shared reads: my queue, my teams' queue, unassigned, overdue.

Every queue starts from ``Item.objects.visible_to`` (``core.permissions.items_for_user``),
so nobody sees an item through the desk that they could not see anyway; overdue is the
read model's (``core.readmodel.overdue_q``). Open means awaiting or escalated; the soonest
due comes first, items without a due time last.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F

from tilstede.core.models import Item
from tilstede.core.readmodel import ItemQuerySet, open_states

User = AbstractBaseUser | AnonymousUser


def _open(user: User) -> ItemQuerySet:
    return (
        Item.objects.visible_to(user)
        .filter(response_state__in=open_states())
        .select_related("channel", "topic", "assignee", "promise")
        .order_by(F("promise__due_at").asc(nulls_last=True), "created_at", "id")
    )


def queue_mine(user: User) -> ItemQuerySet:
    """Open items assigned to ``user``."""
    return _open(user).filter(assignee=user.pk)


def queue_team(user: User) -> ItemQuerySet:
    """Open, unassigned items routed to one of ``user``'s teams."""
    return _open(user).filter(assignee__isnull=True, promise__team__members=user.pk).distinct()


def queue_unassigned(user: User) -> ItemQuerySet:
    """Open items nobody has taken, that ``user`` may see."""
    return _open(user).filter(assignee__isnull=True)


def items_overdue(user: User, *, now: dt.datetime | None = None) -> ItemQuerySet:
    """Open items whose promise is broken: due, and no response yet."""
    return _open(user).overdue(now)


def queue_counts(user: User, *, now: dt.datetime | None = None) -> dict[str, int]:
    """The numbers for the desk's tabs."""
    return {
        "mine": queue_mine(user).count(),
        "team": queue_team(user).count(),
        "unassigned": queue_unassigned(user).count(),
        "overdue": items_overdue(user, now=now).count(),
    }
