"""The shared vocabulary of every stage: organisations, channels, items and the audit log.

Chapter references in brackets are to the Norwegian government's guide to social media in
public administration (docs/architecture.md has the list).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilstede.core import crypto
from tilstede.core.formatting import cli_datetime
from tilstede.core.readmodel import HardDeleteForbidden, ItemQuerySet


def default_opening_hours() -> dict[str, list[str]]:
    """Monday to Friday 08:00-15:45, the usual winter hours in Norwegian public bodies."""
    return {str(day): ["08:00", "15:45"] for day in range(5)}


class ModerationMode(models.TextChoices):
    """How openly contributions are moderated [3.5]."""

    MONITOR = "monitor", _("monitor only")
    POST_MODERATE = "post_moderate", _("moderate after publishing")
    PRE_MODERATE = "pre_moderate", _("approve before publishing")


def validate_opening_hours(hours: Any) -> None:
    """Business hours are weekday ("0" = Monday) to ["HH:MM", "HH:MM"], opening first."""
    if not hours:
        return
    if not isinstance(hours, dict):
        raise ValidationError({"opening_hours": _('Each day is ["HH:MM", "HH:MM"].')})
    for day, span in hours.items():
        if day not in {str(d) for d in range(7)}:
            raise ValidationError({"opening_hours": _("Weekdays are 0 (Monday) to 6.")})
        try:
            start, end = (dt.time.fromisoformat(x) for x in span)
        except (TypeError, ValueError):
            raise ValidationError({"opening_hours": _('Each day is ["HH:MM", "HH:MM"].')}) from None
        if start >= end:
            raise ValidationError({"opening_hours": _("Opening must come before closing.")})


class Organisation(models.Model):
    """The public body (etat, direktorat, kommune) that owns the channels."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    org_number = models.CharField(
        _("organisation number"), max_length=9, blank=True, help_text=_("Nine digits.")
    )
    website = models.URLField(_("website"), blank=True)
    secure_contact_url = models.URLField(
        _("secure contact channel"),
        blank=True,
        help_text=_("Where citizens send case matters and personal data, e.g. a login form."),
    )
    case_contact = models.CharField(
        _("contact for case matters"),
        max_length=300,
        blank=True,
        help_text=_(
            "Who citizens contact about their own case (a phone number, an e-mail address "
            "or an office); shown where the desk redirects a case request [3.3]."
        ),
    )
    opening_hours = models.JSONField(
        _("business hours"),
        default=default_opening_hours,
        blank=True,
        help_text=_(
            'Weekday (0 = Monday) to ["HH:MM", "HH:MM"], Europe/Oslo; the default for new '
            "channels. Norwegian public holidays are always closed."
        ),
    )
    response_time = models.DurationField(
        _("default promised response time"),
        default=dt.timedelta(hours=8),
        help_text=_("The promise new channels start with [3.4]."),
    )
    moderation_mode = models.CharField(
        _("default moderation mode"),
        max_length=20,
        choices=ModerationMode.choices,
        default=ModerationMode.POST_MODERATE,
        help_text=_("The mode new channels start with [3.5]."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="organisations",
        verbose_name=_("members"),
        help_text=_("People who work on this organisation's channels."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        permissions = [
            ("manage_people", _("Can add people to the organisation and give them roles")),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        validate_opening_hours(self.opening_hours)
        if self.response_time is not None and self.response_time <= dt.timedelta(0):
            raise ValidationError({"response_time": _("The promise must be positive.")})


class Team(models.Model):
    """A group of people that owns channels and answers topics [3.2]."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=120)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="teams", verbose_name=_("members")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def member_names(self) -> str:
        return ", ".join(sorted(u.get_full_name() or u.get_username() for u in self.members.all()))


class Topic(models.Model):
    """A subject area with the people who answer it ("who answers what" [3.2])."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="topics",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    keywords = models.TextField(
        _("keywords"), blank=True, help_text=_("One per line; used to route new items.")
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="topics",
        verbose_name=_("team"),
    )
    responders = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="topics",
        verbose_name=_("responders"),
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="topic_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    def responder_names(self) -> str:
        return ", ".join(
            sorted(u.get_full_name() or u.get_username() for u in self.responders.all())
        )


class Platform(models.TextChoices):
    MASTODON = "mastodon", "Mastodon"
    BLUESKY = "bluesky", "Bluesky"
    RSS = "rss", _("RSS/Atom feed")
    WEBCOMMENTS = "webcomments", _("Comment field on our website")
    FACEBOOK = "facebook", "Facebook"
    # A sandbox inside Tilstede: takes posts, replies and notices and shows them on a
    # page of its own (/demo-platform/<channel>/), so the demo works with no network.
    DEMO = "demo", _("Demo platform (sandbox)")


class ChannelKind(models.TextChoices):
    """The kinds of social media the guide distinguishes [2.3]."""

    DISCUSSION_FORUM = "discussion_forum", _("discussion forum")
    BLOG = "blog", _("blog")
    MICROBLOG = "microblog", _("microblog")
    WIKI = "wiki", _("wiki")
    SOCIAL_NETWORK = "social_network", _("social network")
    MEDIA_SHARING = "media_sharing", _("media sharing service")


class Purpose(models.TextChoices):
    """Why the body is present on the channel [2.1]."""

    COMMUNICATION = "communication", _("communication and reputation")
    PROJECT = "project", _("project or campaign")
    KNOWLEDGE = "knowledge", _("knowledge work")


class Channel(models.Model):
    """One presence of the organisation on one platform, with the guide's decisions.

    The guide asks a body to decide, per channel, why it is there, for whom, who owns it,
    how it moderates and how fast it answers [2.1-2.3, 3.4, 3.5]; each of those is a
    field here so that the decision is written down and checkable.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="channels",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    kind = models.CharField(_("kind of channel"), max_length=20, choices=ChannelKind.choices)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    audiences = models.TextField(
        _("target audiences"), blank=True, help_text=_("One audience per line [2.2].")
    )
    owner_team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="channels",
        verbose_name=_("owning team"),
    )
    contact = models.EmailField(_("contact person e-mail"), blank=True)
    url = models.URLField(_("address of the channel"), blank=True)
    moderation_mode = models.CharField(
        _("moderation mode"),
        max_length=20,
        choices=ModerationMode.choices,
        default=ModerationMode.POST_MODERATE,
    )
    response_time = models.DurationField(_("promised response time"), default=dt.timedelta(hours=8))
    around_the_clock = models.BooleanField(
        _("answers around the clock"),
        default=False,
        help_text=_("Off: the promise counts opening hours on working days only [3.4]."),
    )
    opening_hours = models.JSONField(
        _("opening hours"),
        default=default_opening_hours,
        blank=True,
        help_text=_('Weekday (0 = Monday) to ["HH:MM", "HH:MM"], Europe/Oslo.'),
    )
    house_rules_intro = models.TextField(
        _("house rules introduction"),
        blank=True,
        help_text=_("Shown above the rules on the channel's profile and comment field."),
    )
    active = models.BooleanField(_("active"), default=True)
    config = models.JSONField(
        _("platform settings"),
        default=dict,
        blank=True,
        help_text=_("Non-secret settings: instance URL, account, page id, feed URL."),
    )
    credentials = models.JSONField(
        _("credentials"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_('Secret name to {"env": VARIABLE} or {"enc": ciphertext}; never plain.'),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="channel_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_platform_display()})"

    def clean(self) -> None:
        validate_opening_hours(self.opening_hours)
        if self.response_time <= dt.timedelta(0):
            raise ValidationError({"response_time": _("The promise must be positive.")})

    # Credentials: either a reference to an environment variable or ciphertext.
    def set_secret(self, name: str, value: str) -> None:
        self.credentials = {**self.credentials, name: {"enc": crypto.encrypt(value)}}

    def set_secret_from_env(self, name: str, variable: str) -> None:
        self.credentials = {**self.credentials, name: {"env": variable}}

    def secrets(self) -> dict[str, str]:
        """Resolve every credential to its clear value, for the connector only."""
        resolved: dict[str, str] = {}
        for name, ref in self.credentials.items():
            if "env" in ref:
                value = os.environ.get(ref["env"])
                if value is None:
                    raise crypto.CredentialError(
                        f"channel {self.slug}: environment variable {ref['env']} for "
                        f"{name} is not set"
                    )
                resolved[name] = value
            else:
                resolved[name] = crypto.decrypt(ref["enc"])
        return resolved

    def audience_list(self) -> list[str]:
        return [line.strip() for line in self.audiences.splitlines() if line.strip()]


class HouseRule(models.Model):
    """One published house rule of a channel [3.4, 3.5]; removal reasons come from these."""

    channel = models.ForeignKey(
        Channel, on_delete=models.CASCADE, related_name="house_rules", verbose_name=_("channel")
    )
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("house rule")
        verbose_name_plural = _("house rules")
        ordering = ["channel", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "code"], name="houserule_unique_code")
        ]

    def __str__(self) -> str:
        return self.title


class DeliveryStatus(models.TextChoices):
    """What became of one outgoing message (a reply, a notice): counted only when sent.

    ``SENT`` and ``LOCAL`` are delivered; everything else is not (yet). A person's retry
    of a failed message makes it ``RETRIED`` until the platform answers again.
    """

    PENDING = "pending", _("queued")
    RETRIED = "retried", _("queued again after a failure")
    SENT = "sent", _("sent")
    LOCAL = "local", _("shown in our comment field")
    FAILED = "failed", _("failed")


DELIVERED = (DeliveryStatus.SENT, DeliveryStatus.LOCAL)
QUEUED = (DeliveryStatus.PENDING, DeliveryStatus.RETRIED)


class ItemKind(models.TextChoices):
    POST = "post", _("post")
    COMMENT = "comment", _("comment")
    REPLY = "reply", _("reply")
    DIRECT_MESSAGE = "direct_message", _("direct message")
    MENTION = "mention", _("mention")


class Direction(models.TextChoices):
    IN = "in", _("received")
    OUT = "out", _("published by us")


class Visibility(models.TextChoices):
    """Where an item stands in public. ``PENDING`` means screening has not run yet."""

    PENDING = "pending", _("awaiting screening")
    VISIBLE = "visible", _("visible")
    HELD = "held", _("held for moderation")
    HIDDEN = "hidden", _("hidden")
    DELETED_AT_SOURCE = "deleted_at_source", _("deleted at the source")
    HIDDEN_AT_SOURCE = "hidden_at_source", _("hidden at the source")
    REMOVED = "removed", _("removed by us at the source")


class ResponseState(models.TextChoices):
    NOT_NEEDED = "not_needed", _("no answer needed")
    AWAITING = "awaiting", _("awaiting answer")
    ANSWERED = "answered", _("answered")
    ESCALATED = "escalated", _("escalated")


class Item(models.Model):
    """Anything received or published on a channel: a post, comment, reply, message."""

    # No index of its own: item_channel_recent and item_author start with channel_id, and
    # every index on this table costs each insert of an ingest batch.
    channel = models.ForeignKey(
        Channel,
        on_delete=models.PROTECT,
        related_name="items",
        verbose_name=_("channel"),
        db_index=False,
    )
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    external_id = models.CharField(_("id at the platform"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    direction = models.CharField(
        _("direction"), max_length=3, choices=Direction.choices, default=Direction.IN
    )
    author_handle = models.CharField(_("author handle"), max_length=300, blank=True)
    author_name = models.CharField(_("author name"), max_length=300, blank=True)
    text = models.TextField(_("text"), blank=True)
    # What those without the reveal right read and search: the current text with each
    # finding replaced by its label, written with the screening (ingest.services). Empty
    # until screened, so an unscreened text is never found by its personal data.
    text_redacted = models.TextField(_("redacted text"), blank=True, editable=False)
    language = models.CharField(_("language"), max_length=16, blank=True)
    url = models.URLField(_("address"), max_length=1000, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    parent_external_id = models.CharField(
        _("id of the parent at the platform"),
        max_length=300,
        blank=True,
        db_index=True,
        help_text=_("Kept so that a reply that arrives before its parent is linked later."),
    )
    thread = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="thread_items",
        verbose_name=_("thread"),
    )
    private = models.BooleanField(_("private"), default=False)
    created_at = models.DateTimeField(_("created at the source"))
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.PENDING
    )
    response_state = models.CharField(
        _("response"),
        max_length=20,
        choices=ResponseState.choices,
        default=ResponseState.NOT_NEEDED,
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("topic"),
    )
    assignee = models.ForeignKey(  # indexed by item_assignee_recent, as channel above
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_items",
        verbose_name=_("assigned to"),
        db_index=False,
    )
    raw = models.JSONField(_("platform payload"), default=dict, blank=True, editable=False)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("moderate_item", _("Can decide on items (approve, hide, escalate)")),
            ("reply_item", _("Can reply to items")),
            ("reveal_personal_data", _("Can reveal personal data found by screening")),
            ("view_dashboard", _("Can view the dashboard and figures")),
        ]
        # Identity is per channel: the same source item seen by two channels (two
        # organisations following one account, two feeds reusing a guid) is two items.
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "external_id"], name="item_unique_channel_id"
            )
        ]
        indexes = [
            models.Index(fields=["channel", "-created_at", "-id"], name="item_channel_recent"),
            models.Index(fields=["visibility", "-created_at", "-id"], name="item_state_recent"),
            models.Index(fields=["assignee", "-created_at", "-id"], name="item_assignee_recent"),
            # The inbox without filters: newest first across all channels, keyset paging.
            models.Index(fields=["-created_at", "-id"], name="item_recent"),
            # The spam rules look up an author's history per batch.
            models.Index(fields=["channel", "author_handle", "created_at"], name="item_author"),
        ]

    def __str__(self) -> str:
        # Never the text: a name ends up in titles, logs and lists where the reader may
        # not have the right to see personal data.
        return f"{self.get_kind_display()} {self.external_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.platform and self.channel_id:
            self.platform = self.channel.platform
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise HardDeleteForbidden(
            f"Item {self.pk} is citizen content; only a retention rule may delete it"
        )

    @property
    def current_version(self) -> ItemVersion | None:
        return self.versions.order_by("-number").first()


class ItemVersionQuerySet(models.QuerySet):
    """Versions are the record of what a citizen wrote; see ``ItemVersion.delete``."""

    def delete(self) -> Any:
        raise HardDeleteForbidden(
            "Item versions are citizen content and are never deleted; retention deletes "
            "an item with its versions through tilstede.archive with a logged rule"
        )


class ItemVersion(models.Model):
    """Every text the source has shown for an item; an edit at the source adds one.

    Never deleted on its own: the ORM refuses, and a database trigger refuses a DELETE
    unless retention has recorded the item's deletion first (``archive`` migration
    ``itemversion_delete_guard``).
    """

    item = models.ForeignKey(
        Item, on_delete=models.CASCADE, related_name="versions", verbose_name=_("item")
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), blank=True)
    seen_at = models.DateTimeField(_("seen"), default=timezone.now)
    edited_at_source = models.DateTimeField(_("edited at the source"), null=True, blank=True)
    content_hash = models.CharField(_("SHA-256 of the text"), max_length=64, editable=False)

    objects = ItemVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("item version")
        verbose_name_plural = _("item versions")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="itemversion_unique_number")
        ]
        # The spam rules look for the same text seen recently.
        indexes = [models.Index(fields=["content_hash", "seen_at"], name="itemversion_hash")]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.content_hash = hashlib.sha256(self.text.encode()).hexdigest()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise HardDeleteForbidden(
            f"Version {self.number} of item {self.item_id} is citizen content; only a "
            "retention rule may delete it, with its item"
        )


if TYPE_CHECKING:
    _Text = models.TextField[str, str]
    _Lookup = models.Lookup[bool]
else:
    _Text, _Lookup = models.TextField, models.Lookup


class FullTextField(_Text):
    """A column of an SQLite FTS5 table: filtered with ``__match`` (FTS5's MATCH)."""


@FullTextField.register_lookup
class Match(_Lookup):
    lookup_name = "match"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class ItemSearch(models.Model):
    """SQLite's full-text index of items (FTS5), one row per item under the item's id.

    An external-content table over ``core_item``: it stores the index only, and triggers
    on ``core_item`` keep it in step with every insert, change and deletion (core
    migration 0012, which creates it on SQLite only; PostgreSQL searches GIN indexes on
    ``core_item`` itself). Read it through ``Item.objects.search``.
    """

    id = models.BigIntegerField(_("item"), primary_key=True, db_column="rowid")
    text = FullTextField(_("text"))
    text_redacted = FullTextField(_("redacted text"))

    class Meta:
        managed = False
        db_table = "core_item_search"
        verbose_name = _("item search entry")
        verbose_name_plural = _("item search entries")

    def __str__(self) -> str:
        return f"search {self.pk}"


class AuditLogIsAppendOnly(Exception):
    """Raised on any attempt to change or delete an audit event."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AuditLogIsAppendOnly("audit events cannot be changed")

    def delete(self) -> Any:
        raise AuditLogIsAppendOnly("audit events cannot be deleted")


GENESIS_HASH = "0" * 64


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit log.

    Each event stores the hash of the event before it and its own hash over its content
    and that link, so changing, removing or reordering any event breaks the chain from
    there on; ``tilstede audit verify`` walks it. Write events through
    ``tilstede.core.services.audit_record`` only.
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_label = models.CharField(
        _("actor name"), max_length=150, help_text=_("User name, or the system part that acted.")
    )
    verb = models.CharField(_("action"), max_length=60, db_index=True)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True, db_index=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64, unique=True)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"#{self.pk} {cli_datetime(self.at)} {self.actor_label} {self.verb}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AuditLogIsAppendOnly("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AuditLogIsAppendOnly("audit events cannot be deleted")

    def compute_hash(self) -> str:
        return event_hash(
            prev_hash=self.prev_hash,
            at=self.at,
            actor_label=self.actor_label,
            actor_id=self.actor_id,
            verb=self.verb,
            object_type=self.object_type,
            object_id=self.object_id,
            details=self.details,
        )


def event_hash(
    *,
    prev_hash: str,
    at: dt.datetime,
    actor_label: str,
    actor_id: int | None,
    verb: str,
    object_type: str,
    object_id: str,
    details: dict[str, Any],
) -> str:
    """SHA-256 over a canonical JSON form, so the hash survives a database round trip."""
    payload = json.dumps(
        {
            "prev": prev_hash,
            "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "actor": actor_label,
            "actor_id": actor_id,
            "verb": verb,
            "type": object_type,
            "id": object_id,
            "details": details,
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


class AuditCheckpoint(models.Model):
    """The audit chain's head at one moment, signed with ``TILSTEDE_AUDIT_KEY``.

    The hash chain shows a change in the middle of the log; a checkpoint shows the end:
    whoever deletes the newest events, empties the table or rewrites events and
    recomputes every hash after them no longer matches the last checkpoint, and cannot
    sign a new one without the key, which is not in the database. Written with every
    append (``core.services``), also to the log (for a SIEM) and into each archive
    export, so that a copy survives outside the database. Append-only like the log.
    """

    event_id = models.BigIntegerField(_("event"))
    event_hash = models.CharField(_("event hash"), max_length=64)
    at = models.DateTimeField(_("time"), default=timezone.now)
    mac = models.CharField(_("signature"), max_length=64)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"checkpoint of event #{self.event_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AuditLogIsAppendOnly("audit checkpoints cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AuditLogIsAppendOnly("audit checkpoints cannot be deleted")
