"""Reads of moderation shared by pages, the API and the transparency report."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, QuerySet, Subquery

from tilstede.core.models import DELIVERED, Channel, Direction, Item, Organisation
from tilstede.moderation.models import Appeal, AppealOutcome, Decision, Verb


@dataclass
class ChannelFigures:
    """One channel's moderation in a period: counts only, never personal data [3.5]."""

    channel: str
    platform: str
    mode: str
    received: int = 0
    hidden: int = 0
    removed: int = 0
    by_house_rule: dict[str, int] = field(default_factory=dict)
    held_by_rules: dict[str, int] = field(default_factory=dict)
    appeals: int = 0  # received
    appeals_decided: int = 0
    appeals_overturned: int = 0  # the decision was reversed
    answered: int = 0
    median_response_hours: float | None = None


def transparency_figures(
    *, organisation: Organisation, start: dt.datetime, end: dt.datetime
) -> list[ChannelFigures]:
    """Per channel of the organisation, for items received in [start, end).

    Replies are the desk's (``desk.OutgoingReply``), read here for the report only.
    """
    from tilstede.desk.models import OutgoingReply

    result = []
    for channel in Channel.objects.filter(organisation=organisation).order_by("name"):
        figures = ChannelFigures(
            channel=channel.name,
            platform=channel.platform,
            mode=channel.get_moderation_mode_display(),
        )
        items = Item.objects.filter(
            channel=channel, direction=Direction.IN, received_at__gte=start, received_at__lt=end
        )
        figures.received = items.count()
        decisions = Decision.objects.filter(item__in=items)
        removal = decisions.filter(verb__in=[Verb.HIDE, Verb.DELETE_AT_SOURCE, Verb.BLOCK])
        figures.hidden = (
            decisions.filter(verb__in=[Verb.HIDE, Verb.BLOCK]).values("item").distinct().count()
        )
        figures.removed = (
            decisions.filter(verb=Verb.DELETE_AT_SOURCE).values("item").distinct().count()
        )
        for title, n in (
            removal.values_list("house_rule__title")
            .annotate(n=Count("item", distinct=True))
            .order_by("house_rule__title")
        ):
            figures.by_house_rule[title or "—"] = n
        for rule, n in (
            decisions.filter(verb=Verb.HOLD, by__isnull=True)
            .values_list("rule")
            .annotate(n=Count("item", distinct=True))
        ):
            family = rule.split(":", 1)[0]  # screening, watched_word, spam, mode
            figures.held_by_rules[family] = figures.held_by_rules.get(family, 0) + n
        appeals = Appeal.objects.filter(decision__item__in=items)
        figures.appeals = appeals.count()
        figures.appeals_decided = appeals.exclude(outcome=AppealOutcome.PENDING).count()
        figures.appeals_overturned = appeals.filter(outcome=AppealOutcome.OVERTURNED).count()
        # Answered: a person's reply that reached the platform (or our comment field),
        # at the time it got there; a reply that failed or is still queued is not one.
        delivered = OutgoingReply.objects.filter(
            in_reply_to=OuterRef("pk"), status__in=DELIVERED, automatic=False
        ).order_by("sent_at")
        firsts = (
            items.annotate(first_reply=Subquery(delivered.values("sent_at")[:1]))
            .filter(first_reply__isnull=False)
            .values_list("received_at", "first_reply")
        )
        hours = [(reply - received).total_seconds() / 3600 for received, reply in firsts]
        figures.answered = len(hours)
        if hours:
            figures.median_response_hours = round(statistics.median(hours), 1)
        result.append(figures)
    return result


def appeals_for(user, *, pending: bool | None = None) -> QuerySet[Appeal]:
    """The appeals on items the user may see (``items_for_user``), newest first."""
    from tilstede.core.permissions import items_for_user

    appeals = Appeal.objects.filter(decision__item__in=items_for_user(user)).select_related(
        "decision__item__channel", "decision__house_rule", "decision__by", "decided_by"
    )
    if pending is True:
        appeals = appeals.filter(outcome=AppealOutcome.PENDING).order_by("submitted_at", "id")
    elif pending is False:
        appeals = appeals.exclude(outcome=AppealOutcome.PENDING).order_by("-decided_at", "-id")
    return appeals
