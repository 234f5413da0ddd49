"""Writes of publishing: compose, approve, schedule, publish, and crisis mode [2.2].

Every step checks the person's role and organisation, runs inside one transaction with
its AuditEvent, and leaves platform calls to tasks scheduled after commit, so a rolled
back approval never reaches a platform. What a platform published is stored through
ingest (``items_receive``) as an outgoing Item: versioned, screened and archived like
everything else, and replies to it thread under it when they arrive.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tilstede.connectors.base import RawItem
from tilstede.core.formatting import format_datetime
from tilstede.core.models import Channel, Item, Organisation, Team
from tilstede.core.services import Actor, audit_record
from tilstede.ingest.services import channel_state, items_receive
from tilstede.publishing import permissions as perms
from tilstede.publishing.checks import CheckResult, Problem
from tilstede.publishing.images import CleanImage, ImageRefused, image_clean
from tilstede.publishing.models import (
    Crisis,
    CrisisChannel,
    CrisisTemplate,
    Delivery,
    DeliveryStatus,
    Post,
    PostImage,
    PostState,
    PublishingSettings,
)
from tilstede.publishing.selectors import (
    PUBLISHABLE,
    active_crisis,
    four_eyes_channels,
    post_check,
    template_check,
)

log = logging.getLogger(__name__)
OSLO = ZoneInfo("Europe/Oslo")
LIMITS_MAX_AGE = dt.timedelta(days=1)


class PublishingError(Exception):
    """A step that cannot be taken now; ``status`` is the HTTP status it maps to."""

    def __init__(self, message: str, *, status: int = 409, problems: Sequence[Problem] = ()):
        super().__init__(message)
        self.status = status
        self.problems = list(problems)


@dataclass(frozen=True)
class NewImage:
    file: File
    alt_text: str
    name: str = ""
    clean: CleanImage | None = None  # already checked and re-encoded (the form does it)


def _audit(actor: Actor, verb: str, obj: Any, now: dt.datetime, **details: Any) -> None:
    audit_record(actor=actor, verb=verb, obj=obj, details=details, at=now)


def _lock(post: Post) -> Post:
    return Post.objects.select_for_update().select_related("organisation").get(pk=post.pk)


def _state_error(post: Post, action: str) -> PublishingError:
    return PublishingError(
        _("A post that is %(state)s cannot be %(action)s.")
        % {"state": post.get_state_display(), "action": action}
    )


def _checked(result: CheckResult) -> CheckResult:
    if not result.ok:
        raise PublishingError(result.explanation(), status=400, problems=result.problems)
    return result


def _channels(organisation: Organisation, channels: Sequence[Channel]) -> list[Channel]:
    """The chosen channels, each once, all the organisation's own."""
    unique = list({c.pk: c for c in channels}.values())
    foreign = [c for c in unique if c.organisation_id != organisation.pk]
    if foreign:
        raise PermissionDenied("A channel belongs to another organisation.")
    return unique


def oslo_time(local: dt.datetime) -> dt.datetime:
    """A wall-clock time in Norway as an aware datetime.

    A time in the hour that does not exist when clocks go forward (last Sunday of March,
    02:00-03:00) is refused; a time in the hour that happens twice in October is taken as
    the first of the two (summer time, +02:00).
    """
    naive = local.replace(tzinfo=None)
    aware = naive.replace(tzinfo=OSLO, fold=0)
    if aware.astimezone(dt.UTC).astimezone(OSLO).replace(tzinfo=None) != naive:
        raise PublishingError(
            _("%(time)s does not exist in Norway: the clocks go from 02:00 to 03:00 that night.")
            % {"time": format_datetime(naive, "short")},
            status=400,
        )
    return aware


# --- Compose --------------------------------------------------------------------------


def _images_add(post: Post, images: Sequence[NewImage], start: int = 0) -> None:
    """Store each image re-encoded, under a random name (``publishing.images``)."""
    for n, image in enumerate(images, start=start):
        try:
            clean = image.clean or image_clean(image.file, name=image.name)
        except ImageRefused as exc:
            raise PublishingError(str(exc), status=400) from None
        PostImage.objects.create(
            post=post,
            file=clean.as_file(),
            name=clean.name,
            alt_text=image.alt_text.strip(),
            order=n,
        )


def _limits_refresh_later(channels: Sequence[Channel], now: dt.datetime) -> None:
    stale = [
        c.pk
        for c in channels
        if c.platform == "mastodon"
        and not PublishingSettings.objects.filter(
            channel=c, limits_checked_at__gte=now - LIMITS_MAX_AGE
        ).exists()
    ]
    if stale:
        from tilstede.publishing.tasks import channel_limits_refresh_task

        for pk in stale:
            transaction.on_commit(lambda pk=pk: channel_limits_refresh_task.enqueue(pk))


@transaction.atomic
def post_compose(
    *,
    organisation: Organisation,
    by: AbstractBaseUser,
    text: str,
    language: str,
    channels: Sequence[Channel],
    link: str = "",
    information: bool = False,
    images: Sequence[NewImage] = (),
    crisis: Crisis | None = None,
    now: dt.datetime | None = None,
) -> Post:
    """Store a draft for several channels. Checks run at submission, not here, so a
    writer can save unfinished work; the compose page shows them as they write."""
    now = now or timezone.now()
    perms.require(by, perms.COMPOSE, organisation)
    chosen = _channels(organisation, channels)
    if crisis is not None and (crisis.organisation_id != organisation.pk or not crisis.active):
        raise PublishingError(_("That crisis is not active."), status=400)
    post = Post.objects.create(
        organisation=organisation,
        text=text.strip(),
        link=link.strip(),
        information=information,
        language=language,
        crisis=crisis,
        created_by=by,
        edited_by=by,
        created_at=now,
    )
    Delivery.objects.bulk_create([Delivery(post=post, channel=c) for c in chosen])
    _images_add(post, images)
    _audit(
        by,
        "post.compose",
        post,
        now,
        channels=[c.slug for c in chosen],
        language=language,
        information=information,
        images=len(images),
        crisis=crisis.pk if crisis else None,
    )
    _limits_refresh_later(chosen, now)
    return post


@transaction.atomic
def post_update(
    *,
    post: Post,
    by: AbstractBaseUser,
    text: str | None = None,
    language: str | None = None,
    link: str | None = None,
    information: bool | None = None,
    channels: Sequence[Channel] | None = None,
    alt_texts: Mapping[int, str] | None = None,
    images_add: Sequence[NewImage] = (),
    images_remove: Sequence[int] = (),
    now: dt.datetime | None = None,
) -> Post:
    """Change a draft; a post awaiting approval or later must be returned to draft first."""
    now = now or timezone.now()
    perms.require(by, perms.EDIT, post.organisation)
    post = _lock(post)
    if not post.editable:
        raise _state_error(post, _("changed"))
    changed: list[str] = []
    for name, value in (
        ("text", text.strip() if text is not None else None),
        ("language", language),
        ("link", link.strip() if link is not None else None),
        ("information", information),
    ):
        if value is not None and getattr(post, name) != value:
            setattr(post, name, value)
            changed.append(name)
    if channels is not None:
        chosen = {c.pk: c for c in _channels(post.organisation, channels)}
        current = set(post.deliveries.values_list("channel_id", flat=True))
        if set(chosen) != current:
            post.deliveries.exclude(channel_id__in=list(chosen)).delete()
            Delivery.objects.bulk_create(
                [Delivery(post=post, channel=c) for pk, c in chosen.items() if pk not in current]
            )
            changed.append("channels")
            _limits_refresh_later(list(chosen.values()), now)
    for image in post.images.all():
        if image.pk in images_remove:
            image.file.delete(save=False)
            image.delete()
            changed.append("images")
        elif alt_texts and image.pk in alt_texts and image.alt_text != alt_texts[image.pk].strip():
            image.alt_text = alt_texts[image.pk].strip()
            image.save(update_fields=["alt_text"])
            changed.append("alt_text")
    if images_add:
        _images_add(post, images_add, start=post.images.count())
        changed.append("images")
    post.edited_by = by
    post.problem = ""
    post.save()
    _audit(by, "post.update", post, now, changed=sorted(set(changed)))
    return post


# --- Approval -------------------------------------------------------------------------


@transaction.atomic
def post_submit(*, post: Post, by: AbstractBaseUser, now: dt.datetime | None = None) -> Post:
    """Draft -> awaiting approval, once every check passes."""
    now = now or timezone.now()
    perms.require(by, perms.EDIT, post.organisation)
    post = _lock(post)
    if post.state != PostState.DRAFT:
        raise _state_error(post, _("submitted"))
    _checked(post_check(post))
    post.state = PostState.AWAITING_APPROVAL
    post.submitted_at = now
    post.problem = ""
    post.save(update_fields=["state", "submitted_at", "problem", "updated_at"])
    _audit(by, "post.submit", post, now)
    return post


def may_approve(user: AbstractBaseUser, post: Post) -> tuple[bool, str]:
    """Whether ``user`` may approve ``post`` now, and if not, why (for the page)."""
    if not user.has_perm(perms.APPROVE) or not perms.is_member(user, post.organisation):
        return False, _("Your role may not approve posts.")
    strict = four_eyes_channels(post)
    if strict and user.pk in (post.created_by_id, post.edited_by_id):
        return False, _(
            "The four-eyes rule of %(channels)s: someone other than the writer must approve."
        ) % {"channels": ", ".join(c.name for c in strict)}
    return True, ""


@transaction.atomic
def post_approve(*, post: Post, by: AbstractBaseUser, now: dt.datetime | None = None) -> Post:
    """Awaiting approval -> approved. The four-eyes rule applies when any of the post's
    channels has it on: then neither the writer nor the last editor may approve."""
    now = now or timezone.now()
    perms.require(by, perms.APPROVE, post.organisation)
    post = _lock(post)
    if post.state != PostState.AWAITING_APPROVAL:
        raise _state_error(post, _("approved"))
    allowed, why = may_approve(by, post)
    if not allowed:
        raise PermissionDenied(why)
    _checked(post_check(post))
    post.state = PostState.APPROVED
    post.approved_by = by
    post.approved_at = now
    post.save(update_fields=["state", "approved_by", "approved_at", "updated_at"])
    _audit(
        by,
        "post.approve",
        post,
        now,
        four_eyes=[c.slug for c in four_eyes_channels(post)],
        own_post=by.pk == post.created_by_id,
    )
    return post


@transaction.atomic
def post_return_to_draft(
    *, post: Post, by: AbstractBaseUser, reason: str = "", now: dt.datetime | None = None
) -> Post:
    """Send a post back to its writer (rejected, or withdrawn before it went out)."""
    now = now or timezone.now()
    perms.require(by, perms.APPROVE, post.organisation)
    post = _lock(post)
    allowed = (
        PostState.AWAITING_APPROVAL,
        PostState.APPROVED,
        PostState.SCHEDULED,
        PostState.SUSPENDED,
    )
    if post.state not in allowed:
        raise _state_error(post, _("returned to draft"))
    previous = post.state
    post.state = PostState.DRAFT
    post.approved_by = None
    post.approved_at = None
    post.scheduled_for = None
    post.problem = reason.strip()
    post.save()
    _audit(by, "post.reject", post, now, reason=reason.strip(), was=previous)
    return post


# --- Schedule and publish -------------------------------------------------------------


@transaction.atomic
def post_schedule(
    *, post: Post, by: AbstractBaseUser, at: dt.datetime, now: dt.datetime | None = None
) -> Post:
    """Approved -> scheduled for ``at`` (aware; use ``oslo_time`` for a Norwegian wall
    time). A task fires at that instant; moving the time makes the old task a no-op."""
    now = now or timezone.now()
    perms.require(by, perms.PUBLISH, post.organisation)
    if at.tzinfo is None:
        raise PublishingError(_("Give the time with its time zone."), status=400)
    post = _lock(post)
    if post.state not in (PostState.APPROVED, PostState.SCHEDULED):
        raise _state_error(post, _("scheduled"))
    if at <= now:
        raise PublishingError(
            _("That time has passed; publish now or choose a later time."), status=400
        )
    _checked(post_check(post))
    post.state = PostState.SCHEDULED
    post.scheduled_for = at
    post.save(update_fields=["state", "scheduled_for", "updated_at"])
    _audit(
        by,
        "post.schedule",
        post,
        now,
        at=at.astimezone(dt.UTC).isoformat(),
        local=at.astimezone(OSLO).isoformat(),
    )
    _fire_at(post.pk, at)
    return post


def _fire_at(post_id: int, at: dt.datetime) -> None:
    from tilstede.publishing.tasks import post_fire_task

    transaction.on_commit(
        lambda: post_fire_task.using(run_after=at).enqueue(post_id, at.isoformat())
    )


def _publish_start(post: Post, *, actor: Actor, now: dt.datetime, **details: Any) -> None:
    """Check once more (an instance's limit may have changed) and queue one task per
    channel. Precondition: the post's row is locked."""
    _checked(post_check(post))
    post.state = PostState.PUBLISHING
    post.publish_started_at = now
    post.problem = ""
    post.save(update_fields=["state", "publish_started_at", "problem", "updated_at"])
    deliveries = list(post.deliveries.select_related("channel"))
    Delivery.objects.filter(post=post).update(
        status=DeliveryStatus.PENDING, attempts=0, last_error="", next_attempt_at=None
    )
    _audit(
        actor, "post.publish", post, now, channels=[d.channel.slug for d in deliveries], **details
    )
    from tilstede.publishing.tasks import delivery_publish

    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: delivery_publish.enqueue(pk))


@transaction.atomic
def post_publish(*, post: Post, by: AbstractBaseUser, now: dt.datetime | None = None) -> Post:
    """Approved (or scheduled) -> publishing now, on every channel at once."""
    now = now or timezone.now()
    perms.require(by, perms.PUBLISH, post.organisation)
    post = _lock(post)
    if post.state not in (PostState.APPROVED, PostState.SCHEDULED):
        raise _state_error(post, _("published"))
    _publish_start(post, actor=by, now=now)
    return post


def post_fire(*, post_id: int, expected: dt.datetime, now: dt.datetime | None = None) -> str:
    """The scheduled time has come: publish, unless the post was moved, suspended or
    withdrawn meanwhile. A post that no longer passes its checks goes back to draft
    with the reason, for a person to fix."""
    now = now or timezone.now()
    with transaction.atomic():
        post = Post.objects.select_for_update().filter(pk=post_id).first()
        if post is None or post.state != PostState.SCHEDULED or post.scheduled_for != expected:
            return "stale"
        if expected > now:
            _fire_at(post.pk, expected)
            return "not yet"
        try:
            with transaction.atomic():
                _publish_start(post, actor="publishing:scheduler", now=now, scheduled=True)
            return "publishing"
        except PublishingError as exc:
            post.refresh_from_db()
            post.state = PostState.DRAFT
            post.problem = str(exc)
            post.save(update_fields=["state", "problem", "updated_at"])
            _audit("publishing:scheduler", "post.stopped", post, now, reason=str(exc))
            return "stopped"


def posts_fire_due(*, now: dt.datetime | None = None) -> int:
    """Fire scheduled posts whose time has passed (a safety net for lost tasks)."""
    now = now or timezone.now()
    due = Post.objects.filter(state=PostState.SCHEDULED, scheduled_for__lte=now)
    return sum(
        post_fire(post_id=pk, expected=at, now=now) == "publishing"
        for pk, at in due.values_list("pk", "scheduled_for")
    )


# --- Per-channel outcome (called by the delivery task) -------------------------------


def _settle(post_id: int) -> None:
    """The post's state from its deliveries: published when all are, failed when none is
    still trying and some failed."""
    post = Post.objects.select_for_update().get(pk=post_id)
    statuses = set(post.deliveries.values_list("status", flat=True))
    if statuses <= {DeliveryStatus.PUBLISHED}:
        state = PostState.PUBLISHED
    elif statuses & {DeliveryStatus.PENDING, DeliveryStatus.RETRYING, DeliveryStatus.WAITING}:
        state = PostState.PUBLISHING
    else:
        state = PostState.FAILED
    if post.state != state:
        post.state = state
        post.save(update_fields=["state", "updated_at"])


@transaction.atomic
def delivery_record_published(
    *, delivery_id: int, raw: RawItem, attempts: int, now: dt.datetime | None = None
) -> Item:
    """Store what the platform published as an outgoing Item through ingest, and link it."""
    now = now or timezone.now()
    delivery = (
        Delivery.objects.select_for_update()
        .select_related("channel__organisation", "post")
        .get(pk=delivery_id)
    )
    raw = dataclasses.replace(
        raw,
        direction="out",
        kind="post",
        author_name=raw.author_name or delivery.channel.organisation.name,
        language=raw.language or delivery.post.language,
    )
    items_receive(channel=delivery.channel, raw_items=[raw], now=now)
    item = Item.objects.get(channel=delivery.channel, external_id=raw.external_id)
    if delivery.status == DeliveryStatus.PUBLISHED:
        return item
    delivery.status = DeliveryStatus.PUBLISHED
    delivery.item = item
    delivery.published_at = now
    delivery.attempts = attempts
    delivery.last_error = ""
    delivery.next_attempt_at = None
    delivery.save()
    _audit(
        "publishing",
        "post.published",
        delivery.post,
        now,
        channel=delivery.channel.slug,
        item=item.pk,
        external_id=raw.external_id,
        url=raw.url,
        attempts=attempts,
        crisis=delivery.post.crisis_id,
    )
    _settle(delivery.post_id)
    return item


@transaction.atomic
def delivery_record_retry(
    *, delivery_id: int, error: str, attempts: int, next_at: dt.datetime, now: dt.datetime
) -> None:
    delivery = (
        Delivery.objects.select_for_update().select_related("channel", "post").get(pk=delivery_id)
    )
    delivery.status = DeliveryStatus.RETRYING
    delivery.last_error = error[:2000]
    delivery.attempts = attempts
    delivery.next_attempt_at = next_at
    delivery.save()
    _audit(
        "publishing",
        "post.delivery_retry",
        delivery.post,
        now,
        channel=delivery.channel.slug,
        error=error[:500],
        next_attempt_at=next_at.isoformat(),
        attempts=attempts,
    )


@transaction.atomic
def delivery_record_failed(
    *, delivery_id: int, error: str, attempts: int, now: dt.datetime | None = None
) -> None:
    now = now or timezone.now()
    delivery = (
        Delivery.objects.select_for_update().select_related("channel", "post").get(pk=delivery_id)
    )
    delivery.status = DeliveryStatus.FAILED
    delivery.last_error = error[:2000]
    delivery.attempts = attempts
    delivery.next_attempt_at = None
    delivery.save()
    _audit(
        "publishing",
        "post.delivery_failed",
        delivery.post,
        now,
        channel=delivery.channel.slug,
        channels=[delivery.channel.name],
        error=error[:500],
        attempts=attempts,
        summary=error[:200],
    )
    _settle(delivery.post_id)


@transaction.atomic
def delivery_retry(
    *, delivery: Delivery, by: AbstractBaseUser, now: dt.datetime | None = None
) -> Delivery:
    """Try a failed channel again (after a person fixed its token, say)."""
    now = now or timezone.now()
    perms.require(by, perms.PUBLISH, delivery.post.organisation)
    delivery = Delivery.objects.select_for_update().select_related("channel").get(pk=delivery.pk)
    if delivery.status != DeliveryStatus.FAILED:
        raise PublishingError(_("Only a failed channel can be tried again."))
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.save(update_fields=["status", "attempts"])
    Post.objects.filter(pk=delivery.post_id).update(state=PostState.PUBLISHING)
    _audit(by, "post.delivery_retry", delivery.post, now, channel=delivery.channel.slug)
    from tilstede.publishing.tasks import delivery_publish

    transaction.on_commit(lambda: delivery_publish.enqueue(delivery.pk))
    return delivery


# --- Channel settings -----------------------------------------------------------------


@transaction.atomic
def publishing_settings_change(
    *,
    channel: Channel,
    by: AbstractBaseUser,
    four_eyes: bool,
    max_characters: int | None,
    now: dt.datetime | None = None,
) -> PublishingSettings:
    """Set a channel's four-eyes rule and length limit (administrators: change_channel)."""
    now = now or timezone.now()
    perms.require(by, "core.change_channel", channel.organisation)
    settings, _created = PublishingSettings.objects.select_for_update().get_or_create(
        channel=channel
    )
    before = {"four_eyes": settings.four_eyes, "max_characters": settings.max_characters}
    settings.four_eyes = four_eyes
    settings.max_characters = max_characters
    settings.save()
    after = {"four_eyes": four_eyes, "max_characters": max_characters}
    if before != after:
        _audit(by, "channel.publishing_settings", channel, now, before=before, after=after)
    return settings


# --- Channel limits -------------------------------------------------------------------


def channel_limits_refresh(
    *, channel: Channel, client: httpx.Client | None = None, now: dt.datetime | None = None
) -> PublishingSettings:
    """Read a Mastodon instance's length limit and URL length from ``/api/v2/instance``.

    Unreachable or unreadable: the stored (or default) limits stay, and the next compose
    tries again.
    """
    now = now or timezone.now()
    settings, _created = PublishingSettings.objects.get_or_create(channel=channel)
    base = str(channel.config.get("base_url") or channel.config.get("instance_url") or "")
    if channel.platform != "mastodon" or not base:
        return settings
    own = client or httpx.Client(timeout=httpx.Timeout(5.0))
    try:
        response = own.get(f"{base.rstrip('/')}/api/v2/instance")
        response.raise_for_status()
        statuses = response.json()["configuration"]["statuses"]
        max_characters = int(statuses["max_characters"])
        url_length = int(statuses.get("characters_reserved_per_url") or 23)
    except (httpx.HTTPError, ValueError, KeyError, TypeError) as exc:
        log.info("could not read the limits of %s: %s", channel.slug, exc)
        return settings
    finally:
        if client is None:
            own.close()
    settings.max_characters = max_characters
    settings.url_length = url_length
    settings.limits_checked_at = now
    settings.save()
    return settings


# --- Crisis mode [2.2] ----------------------------------------------------------------


def _require_duty(user: AbstractBaseUser, crisis: Crisis) -> None:
    """Crisis actions: the duty team (when the crisis has one) or an administrator."""
    perms.require(user, perms.CRISIS_PUBLISH, crisis.organisation)
    if (
        crisis.duty_team_id
        and not user.has_perm(perms.DECLARE_CRISIS)
        and not crisis.duty_team.members.filter(pk=user.pk).exists()
    ):
        raise PermissionDenied(_("Only the duty team acts in this crisis."))


def _crisis_lock(crisis: Crisis) -> Crisis:
    return Crisis.objects.select_for_update().select_related("organisation").get(pk=crisis.pk)


@transaction.atomic
def crisis_declare(
    *,
    organisation: Organisation,
    name: str,
    channels: Sequence[Channel],
    by: AbstractBaseUser,
    duty_team: Team | None = None,
    poll_interval: dt.timedelta | None = None,
    now: dt.datetime | None = None,
) -> Crisis:
    """Declare a crisis: its channels are polled more often from now on."""
    now = now or timezone.now()
    perms.require(by, perms.DECLARE_CRISIS, organisation)
    chosen = _channels(organisation, channels)
    if not name.strip():
        raise PublishingError(_("Give the crisis a name."), status=400)
    if not chosen:
        raise PublishingError(_("Choose the channels of the crisis."), status=400)
    if duty_team is not None and duty_team.organisation_id != organisation.pk:
        raise PermissionDenied("The team belongs to another organisation.")
    if active_crisis(organisation) is not None:
        raise PublishingError(_("A crisis is already declared; end it first."))
    crisis = Crisis.objects.create(
        organisation=organisation,
        name=name.strip(),
        duty_team=duty_team,
        poll_interval=poll_interval or dt.timedelta(minutes=1),
        declared_by=by,
        declared_at=now,
    )
    for channel in chosen:
        state = channel_state(channel)
        previous = state.poll_interval
        state.poll_interval = min(previous, crisis.poll_interval)
        state.next_poll_at = now
        state.save(update_fields=["poll_interval", "next_poll_at"])
        CrisisChannel.objects.create(
            crisis=crisis, channel=channel, previous_poll_interval=previous
        )
    _audit(
        by,
        "crisis.declare",
        crisis,
        now,
        channels=[c.name for c in chosen],
        duty_team=duty_team.name if duty_team else "",
        poll_seconds=int(crisis.poll_interval.total_seconds()),
        summary=crisis.name,
    )
    return crisis


@transaction.atomic
def crisis_end(*, crisis: Crisis, by: AbstractBaseUser, now: dt.datetime | None = None) -> Crisis:
    """End the crisis: polling goes back to each channel's usual interval."""
    now = now or timezone.now()
    perms.require(by, perms.DECLARE_CRISIS, crisis.organisation)
    crisis = _crisis_lock(crisis)
    if not crisis.active:
        raise PublishingError(_("The crisis has already ended."))
    for link in crisis.crisis_channels.select_related("channel"):
        state = channel_state(link.channel)
        if link.previous_poll_interval is not None:
            state.poll_interval = link.previous_poll_interval
            state.save(update_fields=["poll_interval"])
    crisis.ended_at = now
    crisis.ended_by = by
    crisis.save(update_fields=["ended_at", "ended_by"])
    suspended = Post.objects.filter(
        organisation=crisis.organisation, state=PostState.SUSPENDED
    ).count()
    _audit(
        by,
        "crisis.end",
        crisis,
        now,
        channels=list(crisis.channels.values_list("name", flat=True)),
        still_suspended=suspended,
        summary=crisis.name,
    )
    return crisis


@transaction.atomic
def crisis_template_save(
    *,
    organisation: Organisation,
    by: AbstractBaseUser,
    name: str,
    text: str,
    language: str,
    link: str = "",
    information: bool = True,
    template: CrisisTemplate | None = None,
    now: dt.datetime | None = None,
) -> CrisisTemplate:
    """Create or change a crisis template; a change needs a new approval."""
    now = now or timezone.now()
    perms.require(by, perms.CHANGE_TEMPLATE if template else perms.ADD_TEMPLATE, organisation)
    template = template or CrisisTemplate(organisation=organisation, created_by=by)
    values = {
        "name": name.strip(),
        "text": text.strip(),
        "language": language,
        "link": link.strip(),
        "information": information,
    }
    if not values["name"] or not values["text"]:
        raise PublishingError(_("A template needs a name and a text."), status=400)
    taken = CrisisTemplate.objects.filter(organisation=organisation, name=values["name"])
    if taken.exclude(pk=template.pk).exists():
        raise PublishingError(_("There is already a template with that name."))
    changed = [k for k, v in values.items() if getattr(template, k) != v]
    for key, value in values.items():
        setattr(template, key, value)
    if changed and set(changed) != {"name"}:
        template.approved_by = None
        template.approved_at = None
        template.created_by = by
    template.save()
    _audit(by, "crisis.template_save", template, now, changed=changed)
    return template


def _org_publishable_channels(organisation: Organisation) -> list[Channel]:
    return list(
        Channel.objects.filter(organisation=organisation, active=True, platform__in=PUBLISHABLE)
    )


@transaction.atomic
def crisis_template_approve(
    *, template: CrisisTemplate, by: AbstractBaseUser, now: dt.datetime | None = None
) -> CrisisTemplate:
    """Approve a template ahead of a crisis; always by someone other than its writer,
    since publishing it later skips the approval step. It must pass the checks on every
    channel the organisation can publish to."""
    now = now or timezone.now()
    perms.require(by, perms.APPROVE, template.organisation)
    template = CrisisTemplate.objects.select_for_update().get(pk=template.pk)
    if by.pk == template.created_by_id:
        raise PermissionDenied(_("Someone other than the writer must approve a crisis template."))
    result = template_check(template, _org_publishable_channels(template.organisation))
    problems = [p for p in result.problems if p.code != "no_channels"]
    if problems:
        raise PublishingError(" ".join(p.message for p in problems), status=400, problems=problems)
    template.approved_by = by
    template.approved_at = now
    template.save(update_fields=["approved_by", "approved_at"])
    _audit(by, "crisis.template_approve", template, now, name=template.name)
    return template


@transaction.atomic
def crisis_template_publish(
    *,
    crisis: Crisis,
    template: CrisisTemplate,
    by: AbstractBaseUser,
    now: dt.datetime | None = None,
) -> Post:
    """Publish a pre-approved template to every crisis channel in one step, without the
    approval wait; recorded as published on the template's earlier approval."""
    now = now or timezone.now()
    _require_duty(by, crisis)
    crisis = _crisis_lock(crisis)
    if not crisis.active:
        raise PublishingError(_("The crisis has ended."))
    if template.organisation_id != crisis.organisation_id or not template.active:
        raise PermissionDenied("The template belongs to another organisation.")
    if not template.approved:
        raise PublishingError(_("The template is not approved."))
    channels = list(crisis.channels.order_by("name"))
    _checked(template_check(template, channels))
    post = Post.objects.create(
        organisation=crisis.organisation,
        text=template.text,
        link=template.link,
        information=template.information,
        language=template.language,
        state=PostState.APPROVED,
        crisis=crisis,
        template=template,
        created_by=by,
        edited_by=by,
        created_at=now,
        approved_by=template.approved_by,
        approved_at=template.approved_at,
    )
    Delivery.objects.bulk_create([Delivery(post=post, channel=c) for c in channels])
    _audit(
        by,
        "post.crisis_publish",
        post,
        now,
        crisis=crisis.pk,
        template=template.name,
        approval="pre-approved crisis template",
        approved_by=template.approved_by.get_username() if template.approved_by else "",
        approved_at=template.approved_at.isoformat() if template.approved_at else "",
        channels=[c.name for c in channels],
        summary=template.name,
    )
    _publish_start(post, actor=by, now=now, crisis=crisis.pk)
    return post


@transaction.atomic
def posts_suspend(*, crisis: Crisis, by: AbstractBaseUser, now: dt.datetime | None = None) -> int:
    """Suspend every scheduled post of the organisation that is not a crisis post."""
    now = now or timezone.now()
    _require_duty(by, crisis)
    posts = list(
        Post.objects.select_for_update().filter(
            organisation=crisis.organisation, state=PostState.SCHEDULED, crisis__isnull=True
        )
    )
    for post in posts:
        post.state = PostState.SUSPENDED
        post.save(update_fields=["state", "updated_at"])
        _audit(by, "post.suspend", post, now, crisis=crisis.pk)
    return len(posts)


@transaction.atomic
def posts_resume(
    *, crisis: Crisis, by: AbstractBaseUser, now: dt.datetime | None = None
) -> tuple[int, int]:
    """Put suspended posts back on schedule. One whose time passed meanwhile goes back to
    approved for a person to choose a new time (old news is not published unseen).
    Returns (rescheduled, needing a new time)."""
    now = now or timezone.now()
    _require_duty(by, crisis)
    posts = list(
        Post.objects.select_for_update().filter(
            organisation=crisis.organisation, state=PostState.SUSPENDED
        )
    )
    later = 0
    for post in posts:
        if post.scheduled_for and post.scheduled_for > now:
            post.state = PostState.SCHEDULED
            _fire_at(post.pk, post.scheduled_for)
        else:
            post.state = PostState.APPROVED
            post.problem = _("Its time passed while it was suspended; choose a new time.")
            later += 1
        post.save(update_fields=["state", "problem", "updated_at"])
        _audit(
            by, "post.resume", post, now, crisis=crisis.pk, rescheduled=post.state == "scheduled"
        )
    return len(posts) - later, later
