"""Moderation's tables: decisions (people's and the rules'), claims, watched words, appeals.

Every decision names its actor (a person, or the rule that acted), its time and its
reason; hiding and removal take the reason from the channel's published house rules
[3.4, 3.5]. Decisions are never edited: a reversal is a new decision that points back.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilstede.core.models import DeliveryStatus, HouseRule, Item, Organisation


class Verb(models.TextChoices):
    APPROVE = "approve", _("approve")
    HIDE = "hide", _("hide")
    UNHIDE = "unhide", _("unhide")
    DELETE_AT_SOURCE = "delete_at_source", _("delete at the source")
    MARK_IRRELEVANT = "mark_irrelevant", _("mark as irrelevant")
    ESCALATE = "escalate", _("escalate")
    ASSIGN = "assign", _("assign")
    REPLY = "reply", _("reply")
    REVERSE = "reverse", _("reverse an earlier decision")
    # Automatic only: what the rules do to a new version.
    HOLD = "hold", _("hold for moderation")
    FLAG = "flag", _("flag for attention")
    BLOCK = "block", _("block")


# Decisions that take an item out of public view (counted as "hidden or removed").
REMOVAL_VERBS = (Verb.HIDE.value, Verb.DELETE_AT_SOURCE.value, Verb.BLOCK.value)


class PlatformStatus(models.TextChoices):
    NONE = "", _("no platform action")
    PENDING = "pending", _("waiting to be carried out at the source")
    DONE = "done", _("carried out at the source")
    FAILED = "failed", _("failed at the source")
    NOT_SUPPORTED = "not_supported", _("the platform does not allow it")


class Decision(models.Model):
    """One decision on an item, by a person or by a rule."""

    item = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("item")
    )
    verb = models.CharField(_("decision"), max_length=20, choices=Verb.choices)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("by"),
    )
    rule = models.CharField(
        _("automatic rule"),
        max_length=120,
        blank=True,
        help_text=_('For automatic decisions: which rule acted, e.g. "screening:national_id".'),
    )
    house_rule = models.ForeignKey(
        HouseRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decisions",
        verbose_name=_("house rule"),
    )
    reason = models.TextField(_("reason"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    reverses = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversals",
        verbose_name=_("reverses"),
    )
    platform_status = models.CharField(
        _("at the source"),
        max_length=20,
        choices=PlatformStatus.choices,
        default=PlatformStatus.NONE,
        blank=True,
    )
    platform_detail = models.TextField(_("platform answer"), blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["verb", "at"], name="decision_verb_at")]

    def __str__(self) -> str:
        actor = self.by.get_username() if self.by else self.rule or "system"
        return f"{self.get_verb_display()} #{self.item_id} ({actor})"

    @property
    def actor_label(self) -> str:
        return self.by.get_username() if self.by else (self.rule or "system")

    actor_label.fget.short_description = _("by")  # type: ignore[attr-defined]


class Claim(models.Model):
    """A moderator's short hold on an item so that two people do not decide at once."""

    item = models.OneToOneField(
        Item, on_delete=models.CASCADE, related_name="claim", verbose_name=_("item")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("by")
    )
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")

    def __str__(self) -> str:
        return f"#{self.item_id} {self.by} until {self.expires_at:%H:%M}"

    def active(self, now: dt.datetime | None = None) -> bool:
        return self.expires_at > (now or timezone.now())


class WatchAction(models.TextChoices):
    BLOCK = "block", _("block (hide at once)")
    HOLD = "hold", _("hold for moderation")
    FLAG = "flag", _("flag for attention")


class WatchedWord(models.Model):
    """A word or phrase the organisation watches for, with what to do (as Discourse's)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="watched_words",
        verbose_name=_("organisation"),
    )
    word = models.CharField(
        _("word or phrase"),
        max_length=200,
        help_text=_("Matched as whole words, ignoring case; * at the end matches any ending."),
    )
    action = models.CharField(_("action"), max_length=10, choices=WatchAction.choices)
    house_rule_code = models.SlugField(
        _("house rule"),
        max_length=40,
        blank=True,
        help_text=_("Code of the house rule a block refers to, e.g. harassment."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("watched word")
        verbose_name_plural = _("watched words")
        ordering = ["word"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "word"], name="watchedword_unique_word")
        ]

    def __str__(self) -> str:
        return f"{self.word} → {self.get_action_display()}"


class AppealOutcome(models.TextChoices):
    PENDING = "pending", _("awaiting decision")
    UPHELD = "upheld", _("removal upheld")
    OVERTURNED = "overturned", _("removal overturned")


class Appeal(models.Model):
    """An author's appeal against a hide or removal, decided by another moderator."""

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("decision")
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    text = models.TextField(_("appeal"))
    contact = models.CharField(_("contact"), max_length=300, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=12,
        choices=AppealOutcome.choices,
        default=AppealOutcome.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the outcome"), blank=True)

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-submitted_at"]
        constraints = [
            # One pending appeal per decision: the signed link goes to the author only,
            # so this is one per person too; a second waits for the first's outcome.
            models.UniqueConstraint(
                fields=["decision"],
                condition=models.Q(outcome="pending"),
                name="appeal_one_pending_per_decision",
            )
        ]

    def __str__(self) -> str:
        return f"appeal on {self.decision} ({self.outcome})"


class NoticeKind(models.TextChoices):
    REMOVAL = "removal", _("why the comment was hidden or removed")
    APPEAL_OUTCOME = "appeal_outcome", _("the outcome of the appeal")


class NoticeRoute(models.TextChoices):
    COMMENT_FIELD = "comment_field", _("in our comment field")
    DIRECT_MESSAGE = "direct_message", _("as a direct message")
    REPLY = "reply", _("as a reply at the source")
    NONE = "none", _("no way to reach the author")


class Notice(models.Model):
    """One message to a comment's author about a decision on it, and what became of it.

    A notice is queued when the decision is made and is ``sent`` only when the platform
    took it (with its id and address) or, in our comment field, when the author's own
    browser showed it; a notice that cannot reach the author is ``failed`` with the
    reason, for the moderator to see [3.5].
    """

    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, related_name="notices", verbose_name=_("decision")
    )
    appeal = models.ForeignKey(
        Appeal,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("appeal"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NoticeKind.choices)
    route = models.CharField(_("route"), max_length=20, choices=NoticeRoute.choices)
    language = models.CharField(_("language"), max_length=2, default="nb")
    text = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    detail = models.TextField(_("platform answer"), blank=True)
    external_id = models.CharField(_("id at the platform"), max_length=300, blank=True)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status"], name="notice_status")]

    def __str__(self) -> str:
        return f"{self.kind} notice on {self.decision_id}: {self.status}"

    @property
    def delivered(self) -> bool:
        return self.status in (DeliveryStatus.SENT, DeliveryStatus.LOCAL)
