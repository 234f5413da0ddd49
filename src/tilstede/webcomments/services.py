"""Writes of the comment field: sites, the draft check, receiving a comment, the limits.

A posted comment goes the one way every item goes: ``ingest.items_receive`` stores,
versions and screens it and sets its visibility. This module adds only what a web field
needs around that: input checks, the honeypot, the rate limit, and the rule that holds a
new commenter's first comments in post-moderation.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import Promise

from tilstede import screening
from tilstede.connectors.base import RawItem
from tilstede.core.models import (
    Channel,
    ChannelKind,
    Item,
    ModerationMode,
    Organisation,
    Platform,
    Purpose,
    Visibility,
)
from tilstede.core.services import Actor, audit_record, form_changes
from tilstede.ingest.services import items_receive
from tilstede.moderation.models import Verb
from tilstede.moderation.services import NewVersion, rules_record
from tilstede.web.ratelimit import hit
from tilstede.webcomments import texts
from tilstede.webcomments.models import Comment, Commenter, Site, origin_of

MAX_TEXT = 5000
MAX_NAME = 80
MAX_EMAIL = 254
MAX_URL = 1000

# Comments per client address and site in one window; the draft check is cheaper for the
# visitor to repeat (each edit after a nudge is a new check), so it gets more.
COMMENT_LIMIT = (5, 600)
CHECK_LIMIT = (60, 600)

_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,64}")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}")
_EXTERNAL_ID = re.compile(r"wc-[0-9a-f-]{36}")


class InvalidInput(Exception):
    """The request cannot be accepted as it is; ``fields`` says what to fix.

    The messages may be lazy: they are read out in the language the view answers in.
    """

    def __init__(self, message: str | Promise, fields: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})


@dataclass(frozen=True)
class CommentInput:
    page_url: str
    author_name: str
    text: str
    author_email: str = ""
    parent: str = ""
    commenter_token: str = ""
    language: str = ""
    honeypot: bool = False


@dataclass(frozen=True)
class PostResult:
    """The answer to a posted comment; it never carries the comment's text back."""

    external_id: str
    visible: bool
    held_because: str = ""  # "personal_data", "pre_moderation", "new_commenter", "moderation"
    spam: bool = False

    @property
    def message(self) -> str | Promise:
        if self.visible:
            return texts.PUBLISHED
        if self.held_because == "personal_data":
            return texts.AWAITS_MODERATION_PERSONAL_DATA
        return texts.AWAITS_MODERATION


@dataclass(frozen=True)
class DraftVerdict:
    categories: list[str] = field(default_factory=list)
    case_request: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": not self.categories and not self.case_request,
            "findings": [
                {
                    "category": c,
                    "label": str(texts.CATEGORIES[c][0]) if c in texts.CATEGORIES else c,
                    "explanation": str(texts.CATEGORIES[c][1]) if c in texts.CATEGORIES else "",
                }
                for c in self.categories
            ],
            "case_request": self.case_request,
        }


def site_create(
    *,
    name: str,
    allowed_origins: Sequence[str],
    channel: Channel | None = None,
    organisation: Organisation | None = None,
    new_commenter_holds: int = 2,
    by: Actor = "webcomments",
) -> Site:
    """Create a site, and with no channel given a new web comment channel for it.

    A new channel starts in pre-moderation: on its own website the agency publishes what
    citizens write, so it approves before publishing until it decides otherwise [3.5].
    """
    with transaction.atomic():
        if channel is None:
            if organisation is None:
                raise ValueError("give a channel or the organisation for a new one")
            base = re.sub(r"[^a-z0-9-]+", "-", f"{organisation.slug}-web-{name}".lower())
            base = base.strip("-")[:50] or "web"
            slug, channel_name, n = base, name, 1
            while (
                Channel.objects.filter(slug=slug).exists()
                or organisation.channels.filter(name=channel_name).exists()
            ):
                n += 1
                slug, channel_name = f"{base[:46]}-{n}", f"{name} ({n})"
            channel = Channel.objects.create(
                organisation=organisation,
                name=channel_name,
                slug=slug,
                platform=Platform.WEBCOMMENTS,
                kind=ChannelKind.DISCUSSION_FORUM,
                purpose=Purpose.COMMUNICATION,
                moderation_mode=ModerationMode.PRE_MODERATE,
            )
        site = Site(
            channel=channel,
            name=name,
            allowed_origins="\n".join(allowed_origins),
            new_commenter_holds=new_commenter_holds,
        )
        site.full_clean()
        site.save()
        audit_record(
            actor=by,
            verb="webcomments.site_created",
            obj=site,
            details={"channel": channel.slug, "origins": site.origins()},
        )
        return site


def draft_check(*, text: str, language: str = "", author_name: str = "") -> DraftVerdict:
    """Screen a draft (and the name it is signed with) for the nudge before sending;
    nothing is stored or logged."""
    result = screening.screen(text, texts.language_of(language) or None)
    found = list(result.findings)
    if author_name:
        found += name_screen(name=author_name[:MAX_NAME], language=language).findings
    seen: list[str] = []
    for finding in found:
        if finding.category not in seen:
            seen.append(finding.category)
    return DraftVerdict(categories=seen, case_request=result.case_request)


def name_screen(*, name: str, language: str = "") -> screening.Screening:
    """Screen a display name as a comment's text is screened, less the name itself.

    A display name is expected to be a name, so a person's name found in it is not a
    finding; anything else (a fødselsnummer, a phone number, an address, health) is.
    ``redacted`` is the name the public may see.
    """
    result = screening.screen(name, texts.language_of(language) or None)
    findings = [f for f in result.findings if f.category != screening.model.PERSON_NAME]
    return screening.Screening(name, findings)


def _finding_record(finding: screening.Finding) -> dict[str, Any]:
    """A name finding as stored on the Comment: where and why, never the clear text."""
    return {**finding.as_dict(full=False), "explanation": finding.explanation}


def _string(data: Mapping[str, Any], name: str) -> str:
    value = data.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(texts.FIX_FIELDS, {name: texts.NOT_TEXT})
    return value


def comment_validate(data: Any, *, origin: str = "") -> CommentInput:
    """Read a posted comment from decoded JSON, or raise InvalidInput with every problem.

    ``origin`` is the request's already-checked Origin: the page must be on that origin
    or on one of the site's, so a comment cannot be filed under another site's page.
    """
    if not isinstance(data, dict):
        raise InvalidInput(texts.NOT_AN_OBJECT)
    errors: dict[str, str | Promise] = {}
    page_url = _string(data, "page_url").strip().split("#", 1)[0]
    author_name = " ".join(_string(data, "author_name").split())
    author_email = _string(data, "author_email").strip()
    text = _string(data, "text").replace("\r\n", "\n").replace("\r", "\n").strip()
    parent = _string(data, "parent").strip()
    token = _string(data, "commenter").strip()
    language = _string(data, "language").strip()
    honeypot = bool(data.get("website"))

    if not page_url:
        errors["page_url"] = texts.PAGE_URL_MISSING
    elif len(page_url) > MAX_URL:
        errors["page_url"] = texts.page_url_too_long(MAX_URL)
    elif not origin_of(page_url):
        errors["page_url"] = texts.PAGE_URL_INVALID
    if not author_name:
        errors["author_name"] = texts.NAME_MISSING
    elif len(author_name) > MAX_NAME:
        errors["author_name"] = texts.name_too_long(MAX_NAME)
    if author_email:
        try:
            if len(author_email) > MAX_EMAIL:
                raise ValidationError("too long")
            validate_email(author_email)
        except ValidationError:
            errors["author_email"] = texts.EMAIL_INVALID
    if not text:
        errors["text"] = texts.TEXT_MISSING
    elif len(text) > MAX_TEXT:
        errors["text"] = texts.text_too_long(MAX_TEXT, len(text))
    if parent and not _EXTERNAL_ID.fullmatch(parent):
        errors["parent"] = texts.PARENT_MISSING
    if errors:
        raise InvalidInput(texts.FIX_FIELDS, errors)
    return CommentInput(
        page_url=page_url,
        author_name=author_name,
        author_email=author_email,
        text=text,
        parent=parent,
        commenter_token=token if _TOKEN.fullmatch(token) else "",
        language=language if _LANGUAGE.fullmatch(language) else "",
        honeypot=honeypot,
    )


def comment_language(*, text: str, chosen: str) -> str:
    """The language a comment is recorded in, and so the one its notices are written in.

    The language the visitor read the field in (``chosen``, the widget's current one),
    unless the text is clearly in another (``screening.language_guess``): an English
    comment written in a bokmål field gets English notices. A text that is clearly
    Norwegian but not clearly bokmål or nynorsk keeps a Norwegian choice.
    """
    guess = screening.language_guess(text)
    if guess is None or guess == texts.language_of(chosen):
        return chosen
    if guess == "no":
        return chosen if texts.language_of(chosen) in ("nb", "nn") else "no"
    return guess


def _commenter(site: Site, token: str, now: Any) -> Commenter | None:
    if not token:
        return None
    commenter, _created = Commenter.objects.get_or_create(
        site=site,
        fingerprint=commenter_fingerprint(token),
        defaults={"first_seen": now, "last_seen": now},
    )
    return commenter


def comment_post(
    *, site: Site, data: CommentInput, origin: str = "", now: Any = None
) -> PostResult:
    """Receive one comment from the field, in these steps, all in one transaction:

    1. A filled honeypot: count it on the site and store nothing. The field is hidden
       from people and from assistive technology and says "leave empty", so only a
       form-filling program fills it; keeping its text would put spam into moderation
       and the archive.
    2. The page must belong to the site, and a reply's parent must be a visible comment
       on the same page (a visitor can only answer what they can see).
    3. The display name is screened like the text (``name_screen``): the item carries
       the name as screening redacted it, so the page, the desk's lists, the API and
       the archive never show what was found; the name as typed stays on the Comment.
    4. The comment's language is the field's, unless the text is clearly in another
       (``comment_language``); notices about it default to that language.
       ``items_receive`` stores, versions and screens the comment and sets its
       visibility: personal data holds it, pre-moderation holds it. Personal data in
       the name holds it too, with an automatic decision naming what was found.
    5. The new-commenter rule: in post-moderation, a commenter with fewer approved
       (visible) comments than the site's ``new_commenter_holds`` is held too, with an
       audit event naming the rule. It lives here, not in moderation, because only the
       web field knows who a commenter is across comments.
    """
    now = now or timezone.now()
    if data.honeypot:
        Site.objects.filter(pk=site.pk).update(spam_rejected=F("spam_rejected") + 1)
        return PostResult(external_id=f"wc-{uuid.uuid4()}", visible=False, spam=True)

    page_origin = origin_of(data.page_url)
    if not (page_origin == origin_of(origin) or site.allows_origin(page_origin)):
        raise InvalidInput(
            texts.FIX_FIELDS,
            {"page_url": texts.PAGE_URL_FOREIGN},
        )

    with transaction.atomic():
        parent_item = None
        if data.parent:
            parent_item = (
                Item.objects.filter(
                    platform=Platform.WEBCOMMENTS,
                    external_id=data.parent,
                    visibility=Visibility.VISIBLE,
                    webcomment__site=site,
                    webcomment__page_url=data.page_url,
                )
                .only("id", "external_id")
                .first()
            )
            if parent_item is None:
                raise InvalidInput(
                    texts.FIX_FIELDS,
                    {"parent": texts.PARENT_NOT_VISIBLE},
                )

        commenter = _commenter(site, data.commenter_token, now)
        approved_before = commenter.approved_count() if commenter else 0

        external_id = f"wc-{uuid.uuid4()}"
        language = comment_language(text=data.text, chosen=data.language)
        name = name_screen(name=data.author_name, language=language)
        raw = RawItem(
            external_id=external_id,
            kind="reply" if parent_item else "comment",
            direction="in",
            author_handle=commenter.handle if commenter else "",
            author_name=name.redacted,
            text=data.text,
            url=data.page_url,
            created_at=now,
            language=language,
            parent_external_id=data.parent,
            raw={"site": site.key, "page_url": data.page_url},
        )
        report = items_receive(channel=site.channel, raw_items=[raw], now=now)
        item = Item.objects.select_related("channel").get(
            channel=site.channel, external_id=external_id
        )
        Comment.objects.create(
            item=item,
            site=site,
            commenter=commenter,
            page_url=data.page_url,
            author_name=data.author_name,
            name_findings=[_finding_record(f) for f in name.findings],
            author_email=data.author_email,
            created_at=now,
        )
        if name.findings:
            _hold_for_name(item, name, now)
        if commenter is not None:
            Commenter.objects.filter(pk=commenter.pk).update(
                last_seen=now, comments_received=F("comments_received") + 1
            )

        mode = item.channel.moderation_mode
        held_because = ""
        if report.findings or name.findings:
            held_because = "personal_data"
        elif mode == ModerationMode.PRE_MODERATE:
            held_because = "pre_moderation"
        if (
            item.visibility == Visibility.VISIBLE
            and mode == ModerationMode.POST_MODERATE
            and approved_before < site.new_commenter_holds
        ):
            item.visibility = Visibility.HELD
            item.save(update_fields=["visibility"])
            held_because = "new_commenter"
            audit_record(
                actor=f"webcomments:{site.pk}",
                verb="item.held",
                obj=item,
                at=now,
                details={
                    "rule": "webcomments.new_commenter",
                    "approved_before": approved_before,
                    "threshold": site.new_commenter_holds,
                    "known_commenter": commenter is not None,
                },
            )
        visible = item.visibility == Visibility.VISIBLE
        if not visible and not held_because:
            held_because = "moderation"
        return PostResult(external_id=external_id, visible=visible, held_because=held_because)


def _hold_for_name(item: Item, name: screening.Screening, now: Any) -> None:
    """Hold a comment whose display name carries personal data, as screening holds one
    whose text does: an automatic decision ("screening:author_name:<categories>") and
    its audit event, whatever the channel's mode. The caller holds the transaction."""
    if item.visibility in (Visibility.VISIBLE, Visibility.PENDING):
        item.visibility = Visibility.HELD
        item.save(update_fields=["visibility"])
    categories = ",".join(sorted({f.category for f in name.findings}))
    rules_record(
        versions=[NewVersion(item=item, result=name, first_version=True)],
        reasons=[[(Verb.HOLD, f"screening:author_name:{categories}", "")]],
        now=now,
    )


def rate_limit_take(
    *, scope: str, site: Site, client: str, limit: tuple[int, int], now: float | None = None
) -> int | None:
    """Count one request of ``client`` at ``site``; the seconds to wait when over the limit."""
    count_max, window = limit
    return hit(
        f"webcomments:{scope}:{site.pk}:{client}",
        limit=count_max,
        per=dt.timedelta(seconds=window),
        now=now,
    )


@transaction.atomic
def site_update(*, form: Any, by: Actor) -> Site:
    """Save a site's settings form (origins, holding new commenters, active) and log the
    before/after of each changed field."""
    changes = form_changes(form)
    site = form.save()
    if changes:
        audit_record(
            actor=by, verb="webcomments.site_change", obj=site, details={"changes": changes}
        )
    return site


def commenter_fingerprint(token: str) -> str:
    """The stored HMAC of the id a browser keeps (see ``Commenter``)."""
    return salted_hmac("tilstede.webcomments.commenter", token, algorithm="sha256").hexdigest()


REMOVALS = ("hide", "delete_at_source", "block")


def own_comments(
    *, site: Site, token: str, page_url: str, appeal_link: Any, now: Any = None
) -> list[dict[str, Any]]:
    """The comments this browser wrote on the page, each with its state, for it alone.

    Only the browser that keeps the id (``token``) gets these: its own comments, held and
    hidden ones included, never another commenter's. A hidden or removed comment comes
    with the house rule it broke and the appeal link (``appeal_link(decision)`` makes
    it), then with its appeal and outcome. The notices shown here are recorded as shown
    in the comment field: this is the moment the author sees them.
    """
    from tilstede.moderation.models import Notice, NoticeRoute
    from tilstede.moderation.services import notice_record_sent

    if not _TOKEN.fullmatch(token or ""):
        return []
    fingerprint = commenter_fingerprint(token)
    commenter = Commenter.objects.filter(site=site, fingerprint=fingerprint).first()
    if commenter is None:
        return []
    comments = list(
        Comment.objects.filter(
            commenter=commenter, site=site, page_url=page_url.strip().split("#", 1)[0]
        )
        .select_related("item")
        .prefetch_related(
            "item__decisions__house_rule", "item__decisions__appeals", "item__decisions__notices"
        )
        .order_by("created_at", "id")[:100]
    )
    # Personal data that screening found is never echoed back, not even to its author's
    # browser (a shared computer, a screen in a meeting): the text is withheld.
    from tilstede.ingest.models import Finding

    screened = set(
        Finding.objects.filter(
            screening__version__item__in=[c.item_id for c in comments]
        ).values_list("screening__version__item", flat=True)
    )
    out = []
    shown: list[Notice] = []
    for comment in comments:
        item = comment.item
        withheld = item.pk in screened
        entry: dict[str, Any] = {
            "id": item.external_id,
            "text": "" if withheld else item.text,
            "text_withheld": withheld,
            "created_at": item.created_at.isoformat(),
        }
        removal = next(
            (d for d in item.decisions.all() if d.verb in REMOVALS and d.by_id is not None),
            None,
        ) or next((d for d in item.decisions.all() if d.verb in REMOVALS), None)
        appeal = None
        if removal is not None:
            appeals = sorted(removal.appeals.all(), key=lambda a: a.submitted_at)
            appeal = appeals[-1] if appeals else None
            shown += [
                n
                for n in removal.notices.all()
                if n.route == NoticeRoute.COMMENT_FIELD and not n.delivered
            ]
        if item.visibility == Visibility.VISIBLE:
            entry["state"] = "published"
        elif item.visibility in (Visibility.HELD, Visibility.PENDING):
            entry["state"] = "awaiting_moderation"
        else:
            entry["state"] = "removed" if item.visibility == Visibility.REMOVED else "hidden"
        if removal is not None and (entry["state"] in ("hidden", "removed") or appeal):
            entry["house_rule"] = removal.house_rule.title if removal.house_rule else ""
            entry["appeal_url"] = appeal_link(removal) if appeal is None else ""
        if appeal is not None:
            entry["appeal"] = {
                "state": appeal.outcome,
                "reason": appeal.decision_reason,
                "decided_at": appeal.decided_at.isoformat() if appeal.decided_at else None,
            }
        out.append(entry)
    for notice in shown:
        notice_record_sent(notice=notice, now=now)
    return out
