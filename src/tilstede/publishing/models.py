"""What publishing owns: posts and their deliveries per channel, images with alt text,
per-channel publishing settings, crises and their pre-approved templates.

A post moves draft -> awaiting approval -> approved -> scheduled or publishing ->
published (or "not published everywhere" when a channel failed for good). Only a draft
can be edited, so what the approver saw is what goes out. Each channel gets a Delivery
that is published, retried and reported on its own [2.2 crisis communication].
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilstede.core.models import Channel, Item, Organisation, Team
from tilstede.publishing.checks import LANGUAGES


class ImageStorage(FileSystemStorage):
    """Images live under ``TILSTEDE_VAR_DIR/media/publishing`` (read on each use, so a
    changed setting applies) and are served only to people who may see the post
    (``publishing.views.post_image``), never as public media."""

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(Path(settings.VAR_DIR) / "media" / "publishing")

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)


def image_storage() -> FileSystemStorage:
    return ImageStorage()


class PostState(models.TextChoices):
    DRAFT = "draft", _("draft")
    AWAITING_APPROVAL = "awaiting_approval", _("awaiting approval")
    APPROVED = "approved", _("approved")
    SCHEDULED = "scheduled", _("scheduled")
    SUSPENDED = "suspended", _("suspended during a crisis")
    PUBLISHING = "publishing", _("publishing")
    PUBLISHED = "published", _("published")
    FAILED = "failed", _("not published on every channel")


EDITABLE = (PostState.DRAFT,)


class Post(models.Model):
    """One text composed once for several channels."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="posts", verbose_name=_("organisation")
    )
    text = models.TextField(_("text"))
    link = models.URLField(_("link"), max_length=1000, blank=True)
    information = models.BooleanField(
        _("information"),
        default=False,
        help_text=_("Information must link to the page on our own website [2.1]."),
    )
    language = models.CharField(_("language"), max_length=16, choices=LANGUAGES, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=PostState.choices, default=PostState.DRAFT
    )
    crisis = models.ForeignKey(
        "Crisis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("crisis"),
        help_text=_("A crisis post is not suspended with the other scheduled posts."),
    )
    template = models.ForeignKey(
        "CrisisTemplate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("from crisis template"),
    )
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("last edited by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    publish_started_at = models.DateTimeField(_("publishing started"), null=True, blank=True)
    problem = models.TextField(
        _("problem"), blank=True, help_text=_("Why the post was stopped, in words.")
    )

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("approve_post", _("Can approve posts for publishing")),
            ("publish_post", _("Can schedule and publish approved posts")),
        ]
        indexes = [
            models.Index(fields=["organisation", "state"], name="post_org_state"),
            models.Index(fields=["state", "scheduled_for"], name="post_state_time"),
        ]

    def __str__(self) -> str:
        return self.text[:60] + ("…" if len(self.text) > 60 else "")

    @property
    def editable(self) -> bool:
        return self.state in EDITABLE


class PostImage(models.Model):
    """An image of a post; alt text is required before publishing (universal design)."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="images", verbose_name=_("post")
    )
    file = models.FileField(_("file"), upload_to="%Y/%m/", storage=image_storage)
    name = models.CharField(_("file name"), max_length=200)
    alt_text = models.TextField(_("alt text"), blank=True, max_length=1500)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["post", "order", "id"]

    def __str__(self) -> str:
        return self.name


class DeliveryStatus(models.TextChoices):
    WAITING = "waiting", _("waiting for approval")
    PENDING = "pending", _("publishing")
    RETRYING = "retrying", _("trying again")
    PUBLISHED = "published", _("published")
    FAILED = "failed", _("failed")


class Delivery(models.Model):
    """The post on one channel: its own status, attempts and the outgoing Item."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("post")
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="deliveries", verbose_name=_("channel")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.WAITING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    item = models.OneToOneField(
        Item,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="publication",
        verbose_name=_("published item"),
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["post", "channel__name"]
        constraints = [
            models.UniqueConstraint(fields=["post", "channel"], name="delivery_unique_channel")
        ]

    def __str__(self) -> str:
        return f"{self.post_id} → {self.channel_id}: {self.status}"


class PublishingSettings(models.Model):
    """Per channel: the four-eyes rule and the length limit when the platform's differs."""

    channel = models.OneToOneField(
        Channel, on_delete=models.CASCADE, related_name="publishing", verbose_name=_("channel")
    )
    four_eyes = models.BooleanField(
        _("four-eyes rule"),
        default=True,
        help_text=_("A post to this channel needs approval by someone other than its writer."),
    )
    max_characters = models.PositiveIntegerField(
        _("length limit"),
        null=True,
        blank=True,
        help_text=_("Empty: the platform's default, or what the Mastodon instance reports."),
    )
    url_length = models.PositiveSmallIntegerField(_("characters per link"), null=True, blank=True)
    limits_checked_at = models.DateTimeField(_("limits read from the instance"), null=True)

    class Meta:
        verbose_name = _("publishing settings")
        verbose_name_plural = _("publishing settings")

    def __str__(self) -> str:
        return str(self.channel)


class Crisis(models.Model):
    """A declared crisis [2.2]: its channels, its duty team, from declaration to end."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="crises",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    channels = models.ManyToManyField(
        Channel, through="CrisisChannel", related_name="crises", verbose_name=_("channels")
    )
    duty_team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="crises",
        verbose_name=_("duty team"),
    )
    poll_interval = models.DurationField(
        _("polling interval during the crisis"), default=dt.timedelta(minutes=1)
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("declared by"),
    )
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ended by"),
    )
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("crisis")
        verbose_name_plural = _("crises")
        ordering = ["-declared_at", "-id"]
        permissions = [
            ("declare_crisis", _("Can declare and end a crisis")),
            ("publish_crisis_post", _("Can publish pre-approved crisis templates")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(ended_at__isnull=True),
                name="crisis_one_active_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.ended_at is None

    @property
    def poll_minutes(self) -> float:
        return round(self.poll_interval.total_seconds() / 60, 1)


class CrisisChannel(models.Model):
    crisis = models.ForeignKey(
        Crisis, on_delete=models.CASCADE, related_name="crisis_channels", verbose_name=_("crisis")
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="+", verbose_name=_("channel")
    )
    previous_poll_interval = models.DurationField(
        _("poll interval before the crisis"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("crisis channel")
        verbose_name_plural = _("crisis channels")
        constraints = [
            models.UniqueConstraint(fields=["crisis", "channel"], name="crisischannel_unique")
        ]

    def __str__(self) -> str:
        return f"{self.crisis_id}: {self.channel_id}"


class CrisisTemplate(models.Model):
    """A message prepared and approved before a crisis, published in one step during one."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="crisis_templates",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    text = models.TextField(_("text"))
    link = models.URLField(_("link"), max_length=1000, blank=True)
    information = models.BooleanField(_("information"), default=True)
    language = models.CharField(_("language"), max_length=16, choices=LANGUAGES, default="nb")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("crisis template")
        verbose_name_plural = _("crisis templates")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="crisistemplate_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def approved(self) -> bool:
        return self.approved_at is not None
