"""What ingest owns: each channel's cursor, health and recheck, and the screening of each
version."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilstede.core.formatting import cli_datetime
from tilstede.core.models import Channel, ItemVersion


class ChannelState(models.Model):
    """Where polling of a channel stands: the cursor and the channel's health.

    The cursor is written in the same transaction as the items it covers, so a crash
    between fetching and committing fetches the same items again (at-least-once), and
    ingest's idempotency makes that harmless.
    """

    channel = models.OneToOneField(
        Channel, on_delete=models.CASCADE, related_name="state", verbose_name=_("channel")
    )
    cursor = models.TextField(_("cursor"), blank=True)
    poll_interval = models.DurationField(_("polling interval"), default=dt.timedelta(minutes=5))
    next_poll_at = models.DateTimeField(_("next poll"), default=timezone.now, db_index=True)
    last_poll_at = models.DateTimeField(_("last poll"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error_at = models.DateTimeField(_("last error"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    consecutive_failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    items_behind = models.BooleanField(
        _("items waiting"),
        default=False,
        help_text=_("The platform has more items than the last poll fetched."),
    )
    items_received = models.PositiveBigIntegerField(_("items received"), default=0)
    items_skipped = models.PositiveBigIntegerField(
        _("items skipped"),
        default=0,
        help_text=_("Items the platform sent that could not be stored; each is listed."),
    )
    last_poll_problems = models.PositiveIntegerField(_("problems in the last poll"), default=0)
    last_poll_partial = models.BooleanField(
        _("partly failed"),
        default=False,
        help_text=_(
            "A part of the last poll failed (one comment feed of many); the rest was read."
        ),
    )
    recheck_window = models.DurationField(
        _("recheck window"),
        default=dt.timedelta(days=14),
        help_text=_(
            "Items this young are looked at again at the source, so that edits, hidden and "
            "deleted items are seen."
        ),
    )
    next_recheck_at = models.DateTimeField(_("next recheck"), null=True, blank=True)
    last_recheck_at = models.DateTimeField(_("last recheck"), null=True, blank=True)
    # Where the round through the window stands: "<created_at ISO>|<item id>" of the last
    # item rechecked, newest first; empty at the start of a round.
    recheck_position = models.CharField(_("recheck position"), max_length=80, blank=True)
    items_rechecked = models.PositiveBigIntegerField(_("items rechecked"), default=0)

    class Meta:
        verbose_name = _("channel health")
        verbose_name_plural = _("channel health")

    def __str__(self) -> str:
        return str(self.channel)

    @property
    def healthy(self) -> bool:
        return self.consecutive_failures == 0 and not self.last_poll_partial


class ProblemKind(models.TextChoices):
    SKIPPED = "skipped", _("item skipped")
    PARTIAL = "partial", _("part of the poll failed")


class ChannelProblem(models.Model):
    """Something a poll could not take, with its reason and address: nothing is silent."""

    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, related_name="problems", verbose_name=_("channel")
    )
    seen_at = models.DateTimeField(_("seen"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=10, choices=ProblemKind.choices)
    reason = models.TextField(_("reason"))
    url = models.URLField(_("address"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("channel problem")
        verbose_name_plural = _("channel problems")
        ordering = ["-seen_at", "-id"]
        indexes = [models.Index(fields=["channel", "-seen_at"], name="channelproblem_recent")]

    def __str__(self) -> str:
        return f"{self.channel_id} {self.kind} {cli_datetime(self.seen_at)}"

    @property
    def link(self) -> str:
        """The address as a link only when it is http(s): a feed names it, not us."""
        return self.url if self.url.startswith(("https://", "http://")) else ""


class VersionScreening(models.Model):
    """The screening of one ItemVersion (tilstede.screening's verdict, stored)."""

    version = models.OneToOneField(
        ItemVersion, on_delete=models.CASCADE, related_name="screening", verbose_name=_("version")
    )
    screened_at = models.DateTimeField(_("screened"), default=timezone.now)
    case_request = models.BooleanField(_("case request"), default=False)
    case_request_score = models.FloatField(_("case request score"), default=0.0)
    redacted = models.TextField(_("redacted text"), blank=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"{self.version}"

    @property
    def has_personal_data(self) -> bool:
        return self.findings.exists()


class Finding(models.Model):
    """One piece of personal data (or a case reference) found in a version's text."""

    screening = models.ForeignKey(
        VersionScreening,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("screening"),
    )
    category = models.CharField(_("category"), max_length=30, db_index=True)
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    confidence = models.FloatField(_("confidence"))
    detector = models.CharField(_("detector"), max_length=60)
    explanation = models.CharField(_("explanation"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["screening", "start"]

    def __str__(self) -> str:
        return f"{self.category} {self.start}-{self.end}"
