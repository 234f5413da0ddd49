"""Reads that several parts share: a post's checks and previews, who sees which posts,
the active crisis, the crisis items for the inbox, and the crisis log's timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilstede.connectors.base import Capability
from tilstede.connectors.registry import capabilities_for
from tilstede.core.models import AuditEvent, Channel, Direction, Item, Organisation, Platform
from tilstede.publishing.checks import ChannelRules, CheckResult, Draft, ImageSpec, check_draft
from tilstede.publishing.models import (
    Crisis,
    CrisisChannel,
    CrisisTemplate,
    Post,
    PublishingSettings,
)
from tilstede.publishing.permissions import User, organisations_for

PUBLISHABLE = frozenset(p for p in Platform.values if Capability.PUBLISH in capabilities_for(p))


def channel_rules(channels: Iterable[Channel]) -> list[ChannelRules]:
    channels = list(channels)
    settings = {
        s.channel_id: s
        for s in PublishingSettings.objects.filter(channel__in=[c.pk for c in channels])
    }
    rules = []
    for channel in channels:
        own = settings.get(channel.pk)
        rules.append(
            ChannelRules.for_platform(
                channel.platform,
                slug=channel.slug,
                name=channel.name,
                max_characters=own.max_characters if own else None,
                url_length=own.url_length if own else None,
            )
        )
    return rules


def draft_check(
    *,
    organisation: Organisation,
    channels: Sequence[Channel],
    text: str,
    language: str,
    link: str = "",
    information: bool = False,
    images: Sequence[ImageSpec] = (),
) -> CheckResult:
    """Check form or API input before anything is stored (the compose page's preview)."""
    return check_draft(
        Draft(
            text=text,
            language=language,
            channels=channel_rules(channels),
            link=link,
            information=information,
            images=tuple(images),
            own_website=organisation.website,
            publishable=PUBLISHABLE,
        )
    )


def post_channels(post: Post) -> list[Channel]:
    return [d.channel for d in post.deliveries.select_related("channel").order_by("channel__name")]


def post_check(post: Post) -> CheckResult:
    """The post's checks and previews as they stand now (limits can change after approval)."""
    return draft_check(
        organisation=post.organisation,
        channels=post_channels(post),
        text=post.text,
        language=post.language,
        link=post.link,
        information=post.information,
        images=[ImageSpec(i.name, i.alt_text) for i in post.images.all()],
    )


def template_check(template: CrisisTemplate, channels: Sequence[Channel]) -> CheckResult:
    return draft_check(
        organisation=template.organisation,
        channels=channels,
        text=template.text,
        language=template.language,
        link=template.link,
        information=template.information,
    )


def posts_for(user: User) -> QuerySet[Post]:
    if not user.is_authenticated or not user.has_perm("publishing.view_post"):
        return Post.objects.none()
    return Post.objects.filter(organisation__in=organisations_for(user))


def four_eyes_channels(post: Post) -> list[Channel]:
    """Channels of the post whose rule asks for a second person (the default)."""
    relaxed = set(
        PublishingSettings.objects.filter(
            channel__deliveries__post=post, four_eyes=False
        ).values_list("channel_id", flat=True)
    )
    return [c for c in post_channels(post) if c.pk not in relaxed]


def active_crisis(organisation: Organisation) -> Crisis | None:
    return Crisis.objects.filter(organisation=organisation, ended_at__isnull=True).first()


def crises_for(user: User) -> QuerySet[Crisis]:
    if not user.is_authenticated or not user.has_perm("publishing.view_crisis"):
        return Crisis.objects.none()
    return Crisis.objects.filter(organisation__in=organisations_for(user))


def _crisis_match() -> QuerySet[CrisisChannel]:
    return CrisisChannel.objects.filter(
        channel_id=OuterRef("channel_id"),
        crisis__ended_at__isnull=True,
        crisis__declared_at__lte=OuterRef("received_at"),
    )


def items_with_crisis_flag(items: QuerySet[Item]) -> QuerySet[Item]:
    """Annotate ``in_crisis``: received on a channel of an active crisis since it was
    declared. The inbox orders by ``-in_crisis`` first to show crisis items on top."""
    return items.annotate(in_crisis=Exists(_crisis_match()))


def crisis_item_ids() -> set[int]:
    """Ids of items received on the channels of active crises since their declaration."""
    return set(
        Item.objects.filter(Exists(_crisis_match()), direction=Direction.IN).values_list(
            "pk", flat=True
        )
    )


@dataclass(frozen=True)
class LogEntry:
    """One line of the crisis log."""

    at: dt.datetime
    kind: str  # "received", "published", "event"
    channel: str
    who: str
    text: str
    detail: str = ""
    url: str = ""


def _redacted(item: Item) -> str:
    version = item.versions.order_by("-number").select_related("screening").first()
    screening = getattr(version, "screening", None) if version else None
    return screening.redacted if screening else item.text


def crisis_timeline(crisis: Crisis, *, now: dt.datetime | None = None) -> list[LogEntry]:
    """Everything published and received on the crisis channels while the crisis lasted,
    with the crisis's own events (declared, templates published, posts suspended, ended),
    oldest first. Personal data in received items is shown redacted."""
    end = crisis.ended_at or now or timezone.now()
    channel_ids = list(crisis.crisis_channels.values_list("channel_id", flat=True))
    entries: list[LogEntry] = []
    items = (
        Item.objects.filter(
            channel_id__in=channel_ids,
            received_at__gte=crisis.declared_at,
            received_at__lte=end,
        )
        .select_related("channel")
        .prefetch_related("versions__screening")
        .order_by("received_at", "id")
    )
    for item in items:
        out = item.direction == Direction.OUT
        entries.append(
            LogEntry(
                at=item.created_at if out else item.received_at,
                kind="published" if out else "received",
                channel=item.channel.name,
                who=item.author_name or item.author_handle,
                text=item.text if out else _redacted(item),
                detail=item.get_kind_display(),
                url=item.url,
            )
        )
    post_ids = [str(pk) for pk in crisis.posts.values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(
        Q(object_type="publishing.crisis", object_id=str(crisis.pk))
        | Q(object_type="publishing.post", object_id__in=post_ids, verb__in=CRISIS_POST_VERBS)
        | Q(verb__in=("post.suspend", "post.resume"), details__crisis=crisis.pk),
        at__gte=crisis.declared_at - dt.timedelta(seconds=1),
    ).order_by("id")
    for event in events:
        entries.append(
            LogEntry(
                at=event.at,
                kind="event",
                channel=", ".join(event.details.get("channels", [])),
                who=event.actor_label,
                text=str(EVENT_TEXTS.get(event.verb, event.verb)),
                detail=event.details.get("summary", ""),
            )
        )
    return sorted(entries, key=lambda e: e.at)


CRISIS_POST_VERBS = ("post.crisis_publish", "post.delivery_failed")
EVENT_TEXTS = {
    "crisis.declare": _("Crisis declared"),
    "crisis.end": _("Crisis ended"),
    "post.crisis_publish": _("Pre-approved crisis message published"),
    "post.delivery_failed": _("Publishing failed on a channel"),
    "post.suspend": _("Scheduled post suspended"),
    "post.resume": _("Scheduled post resumed"),
}
