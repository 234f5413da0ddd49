"""The comment field's own tables: the sites that embed it, their commenters, and the link
from each received comment to the page and commenter it came from.

The comment itself is a ``core.Item`` (stored, versioned and screened by
``ingest.items_receive``); these tables hold only what the web field adds to it.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tilstede.core.models import Channel, Item, Platform, Visibility


def new_site_key() -> str:
    """A public, unguessable key: it is printed in the agency's page source."""
    return secrets.token_urlsafe(18)


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL in lower case, or "" when it has none."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname.lower()
    if ":" in host:  # an IPv6 literal keeps its brackets in an origin
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


class Site(models.Model):
    """One website (origin set) of the agency that embeds the comment field.

    The key is public: it identifies the site, it does not authorise anything. What
    keeps other websites from embedding the field is the list of allowed origins, which
    browsers enforce through CORS; what keeps programs from flooding it is the rate limit
    and the honeypot (see ``views``).
    """

    channel = models.ForeignKey(
        Channel,
        on_delete=models.PROTECT,
        related_name="webcomment_sites",
        limit_choices_to={"platform": Platform.WEBCOMMENTS},
        verbose_name=_("channel"),
    )
    name = models.CharField(_("name"), max_length=120)
    key = models.CharField(
        _("site key"), max_length=40, unique=True, default=new_site_key, editable=False
    )
    allowed_origins = models.TextField(
        _("allowed origins"),
        help_text=_("One per line, e.g. https://www.fjordvik.kommune.no (no path)."),
    )
    new_commenter_holds = models.PositiveSmallIntegerField(
        _("hold new commenters"),
        default=2,
        help_text=_(
            "In post-moderation, a commenter's comments are held until this many of theirs "
            "have been approved; 0 turns the rule off."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    spam_rejected = models.PositiveIntegerField(
        _("rejected by the honeypot"), default=0, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("web comment site")
        verbose_name_plural = _("web comment sites")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def origins(self) -> list[str]:
        return [o for o in (origin_of(line) for line in self.allowed_origins.splitlines()) if o]

    def allows_origin(self, origin: str) -> bool:
        normalised = origin_of(origin)
        return bool(normalised) and normalised in self.origins()

    def clean(self) -> None:
        if self.channel_id and self.channel.platform != Platform.WEBCOMMENTS:
            raise ValidationError({"channel": _("The channel must be a web comment channel.")})
        for line in self.allowed_origins.splitlines():
            line = line.strip()
            if not line:
                continue
            if origin_of(line) != line.rstrip("/").lower():
                raise ValidationError(
                    {
                        "allowed_origins": _(
                            "%(line)s is not an origin; write scheme and host only, "
                            "e.g. https://www.example.no"
                        )
                        % {"line": line}
                    }
                )
        if not self.origins():
            raise ValidationError({"allowed_origins": _("Give at least one origin.")})


class Commenter(models.Model):
    """A browser that has commented before, known by the random id the widget keeps.

    Only an HMAC of that id is stored, so a database copy cannot be used to post as a
    trusted commenter. The e-mail address is not the identity: it is public knowledge
    and anyone could type a trusted commenter's address.
    """

    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="commenters", verbose_name=_("site")
    )
    fingerprint = models.CharField(_("fingerprint"), max_length=64, editable=False)
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now)
    last_seen = models.DateTimeField(_("last seen"), default=timezone.now)
    comments_received = models.PositiveIntegerField(_("comments received"), default=0)

    class Meta:
        verbose_name = _("commenter")
        verbose_name_plural = _("commenters")
        ordering = ["-last_seen"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "fingerprint"], name="commenter_unique_fingerprint"
            )
        ]

    def __str__(self) -> str:
        return self.handle

    @property
    def handle(self) -> str:
        return f"wc-{self.fingerprint[:10]}"

    def approved_count(self) -> int:
        """How many of this commenter's comments are visible now (approved or never held)."""
        return self.comments.filter(item__visibility=Visibility.VISIBLE).count()


class Comment(models.Model):
    """What the comment field knows about one received Item beyond the Item itself."""

    item = models.OneToOneField(
        Item, on_delete=models.PROTECT, related_name="webcomment", verbose_name=_("item")
    )
    site = models.ForeignKey(
        Site, on_delete=models.PROTECT, related_name="comments", verbose_name=_("site")
    )
    commenter = models.ForeignKey(
        Commenter,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("commenter"),
        help_text=_("Empty when the browser sent no id; such comments always count as new."),
    )
    page_url = models.CharField(_("page"), max_length=1000)
    author_name = models.CharField(
        _("name as typed"),
        max_length=300,
        blank=True,
        help_text=_(
            "The name as the commenter typed it. The item and the page carry it as "
            "screening redacted it."
        ),
    )
    name_findings = models.JSONField(
        _("personal data in the name"),
        default=list,
        blank=True,
        help_text=_("What screening found in the name: offsets, category and why."),
    )
    author_email = models.EmailField(
        _("e-mail (not public)"),
        blank=True,
        help_text=_("Given by the commenter for a private answer; never shown on the page."),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("web comment")
        verbose_name_plural = _("web comments")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["site", "page_url"], name="webcomment_page")]

    def __str__(self) -> str:
        return f"{self.site} {self.page_url}"
