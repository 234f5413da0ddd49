"""The desk's tables: saved replies, routing rules, each item's response promise, the
state of each reply we send, and per-channel desk settings.

Who answers what is decided by routing rules [3.2]; how fast is the channel's promise
[3.4], counted in opening hours or around the clock (``desk.business_hours``).
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tilstede.core.formatting import cli_datetime
from tilstede.core.models import (
    Channel,
    DeliveryStatus,
    Item,
    Organisation,
    Team,
    Topic,
)

VARIABLE = re.compile(r"\{(\w+)\}")
VARIABLES = {
    "channel": _("the channel's name"),
    "organisation": _("the organisation's name"),
    "response_time": _("the channel's promised response time, in words"),
    "secure_contact": _("the address of the secure contact channel"),
    "website": _("the organisation's website"),
}
LANGUAGES = [("nb", _("Norwegian Bokmål")), ("nn", _("Norwegian Nynorsk")), ("en", _("English"))]


class ReplyPurpose(models.TextChoices):
    """What a saved reply is for; the desk suggests some purposes first."""

    ACKNOWLEDGE = "acknowledge", _("thanks, we will answer")
    PERSONAL_DATA = "personal_data", _("do not post personal data here")
    CASE_REDIRECT = "case_redirect", _("we cannot handle individual cases here")
    DELAYED = "delayed", _("automatic: the answer is late")
    OTHER = "other", _("other")


class SavedReply(models.Model):
    """A reply text with variables; standard ones (no organisation) ship in nb, nn and en.

    An organisation's own reply with the same code and language takes the place of the
    standard one.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="saved_replies",
        verbose_name=_("organisation"),
        help_text=_("Empty for the standard replies every organisation gets."),
    )
    code = models.SlugField(_("code"), max_length=40)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES)
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=ReplyPurpose.choices, default=ReplyPurpose.OTHER
    )
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(
        _("text"),
        help_text=_(
            "Variables: {channel}, {organisation}, {response_time}, {secure_contact}, {website}."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("saved reply")
        verbose_name_plural = _("saved replies")
        ordering = ["order", "code", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code", "language"], name="savedreply_unique_code"
            ),
            models.UniqueConstraint(
                fields=["code", "language"],
                condition=Q(organisation__isnull=True),
                name="savedreply_unique_standard_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"

    def clean(self) -> None:
        unknown = sorted(set(VARIABLE.findall(self.text)) - set(VARIABLES))
        if unknown:
            raise ValidationError(
                {"text": _("Unknown variables: %(names)s.") % {"names": ", ".join(unknown)}}
            )


class RoutingRule(models.Model):
    """Send new items to a topic, a team or a person, by channel, keywords and language [3.2].

    Rules are tried in order; the first that matches decides. Empty conditions match
    everything. Items no rule matches are routed by the topics' own keywords.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="routing_rules",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("active"), default=True)
    channel = models.ForeignKey(
        Channel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="routing_rules",
        verbose_name=_("channel"),
        help_text=_("Empty: every channel of the organisation."),
    )
    keywords = models.TextField(
        _("keywords"),
        blank=True,
        help_text=_('One per line, whole words; "brøyt*" matches every word that starts so.'),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        blank=True,
        help_text=_('Empty: any language. "nb", "nn", "en", ...'),
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["organisation", "order", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not (self.topic_id or self.team_id or self.assignee_id):
            raise ValidationError(_("Route to a topic, a team or a person."))
        for field in ("topic", "team", "channel"):
            target = getattr(self, field)
            if target is not None and target.organisation_id != self.organisation_id:
                raise ValidationError({field: _("Choose one of the organisation's own.")})

    def keyword_list(self) -> list[str]:
        return [k.strip().lower() for k in self.keywords.splitlines() if k.strip()]


class NeedsAnswer(models.TextChoices):
    """Why an item needs an answer; praise and statements do not."""

    CASE_REQUEST = "case_request", _("case request")
    QUESTION = "question", _("question")
    DIRECT_MESSAGE = "direct_message", _("direct message")
    MENTION = "mention", _("mention")
    MANUAL = "manual", _("set by a person")


class ResponsePromise(models.Model):
    """The promise made to one item's author: when it falls due and when it was kept [3.4].

    Made when an item that needs an answer arrives; ``due_at`` counts the channel's
    promised response time from ``started_at`` in the channel's opening hours (or around
    the clock). ``response_seconds`` is the time to the first response counted the same
    way, so the figures compare like with like.
    """

    item = models.OneToOneField(
        Item, on_delete=models.PROTECT, related_name="promise", verbose_name=_("item")
    )
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, related_name="promises", verbose_name=_("channel")
    )
    reason = models.CharField(
        _("needs an answer because"), max_length=20, choices=NeedsAnswer.choices
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promises",
        verbose_name=_("team"),
    )
    routing_rule = models.ForeignKey(
        RoutingRule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="promises",
        verbose_name=_("routed by"),
    )
    started_at = models.DateTimeField(_("clock started"))
    promised = models.DurationField(_("promised response time"))
    around_the_clock = models.BooleanField(_("counted around the clock"), default=False)
    due_at = models.DateTimeField(_("due"), db_index=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    first_response = models.ForeignKey(
        Item,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first response"),
    )
    response_seconds = models.PositiveIntegerField(
        _("time to first response (seconds)"), null=True, blank=True
    )
    acknowledged_at = models.DateTimeField(
        _("automatic acknowledgement sent"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("response promise")
        verbose_name_plural = _("response promises")
        ordering = ["due_at"]
        indexes = [
            models.Index(fields=["channel", "started_at"], name="promise_channel_week"),
            models.Index(
                fields=["due_at"],
                condition=Q(first_response_at__isnull=True),
                name="promise_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.item_id} due {cli_datetime(self.due_at)}"

    @property
    def kept(self) -> bool | None:
        if self.first_response_at is None:
            return None
        return self.first_response_at <= self.due_at


class OutgoingReply(models.Model):
    """How sending one of our replies went; the reply's text is the outgoing Item."""

    item = models.OneToOneField(
        Item, on_delete=models.PROTECT, related_name="delivery", verbose_name=_("reply")
    )
    in_reply_to = models.ForeignKey(
        Item, on_delete=models.PROTECT, related_name="+", verbose_name=_("in reply to")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty for automatic acknowledgements."),
    )
    saved_reply = models.ForeignKey(
        SavedReply,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved reply"),
    )
    automatic = models.BooleanField(_("automatic acknowledgement"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    detail = models.TextField(_("platform answer"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing reply")
        verbose_name_plural = _("outgoing replies")

    def __str__(self) -> str:
        return f"reply #{self.item_id} to #{self.in_reply_to_id}: {self.status}"


class DeskSettings(models.Model):
    """A channel's desk settings beyond the promise itself."""

    channel = models.OneToOneField(
        Channel, on_delete=models.CASCADE, related_name="desk_settings", verbose_name=_("channel")
    )
    auto_acknowledge = models.BooleanField(
        _("acknowledge automatically when late"),
        default=False,
        help_text=_(
            "Send a short automatic reply when an item will not be answered in time [3.4]."
        ),
    )
    acknowledge_before = models.DurationField(
        _("acknowledge this long before the due time"),
        default=dt.timedelta(hours=1),
    )

    class Meta:
        verbose_name = _("desk settings")
        verbose_name_plural = _("desk settings")

    def __str__(self) -> str:
        return str(self.channel)
