"""Reads of the comment field: a site by key, its public settings, a page's comments.

Everything here is served to the public, so the one rule is: only VISIBLE items, and
of them only what the page shows. Held, hidden and removed comments are left out at
the query, not filtered later.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from django.db.models import Q
from django.utils.translation import get_language

from tilstede.core.models import Direction, Item, ModerationMode, Platform, Visibility
from tilstede.webcomments import texts
from tilstede.webcomments.models import Comment, Site
from tilstede.webcomments.services import MAX_EMAIL, MAX_NAME, MAX_TEXT

PAGE_LIMIT = 500


def site_for_key(key: str) -> Site | None:
    """An active site on an active web comment channel, or None."""
    return (
        Site.objects.select_related("channel__organisation")
        .filter(
            key=key,
            active=True,
            channel__active=True,
            channel__platform=Platform.WEBCOMMENTS,
        )
        .first()
    )


def site_config(site: Site) -> dict[str, Any]:
    """What the widget shows before the form: house rules, the privacy warning [2.5, 3.4];
    the words of the form; the languages it can be read in. In the active language,
    which the caller sets (``texts.in_language``)."""
    channel = site.channel
    organisation = channel.organisation
    mode = channel.moderation_mode
    notices = [texts.MODERATION.get(mode, texts.MODERATION[ModerationMode.PRE_MODERATE])]
    if mode == ModerationMode.POST_MODERATE and site.new_commenter_holds:
        notices.append(texts.NEW_COMMENTER)
    notices.append(texts.PERSONAL_DATA_HELD)
    secure = organisation.secure_contact_url
    return {
        "language": get_language(),
        "languages": [{"code": code, "name": name} for code, name in texts.LANGUAGE_NAMES],
        "texts": texts.widget_texts(),
        "site": site.name,
        "organisation": organisation.name,
        "privacy": {"title": str(texts.PRIVACY_TITLE), "text": str(texts.PRIVACY_TEXT)},
        "case_notice": str(texts.CASE_TEXT if secure else texts.CASE_TEXT_NO_CHANNEL),
        "secure_contact": (
            {"url": secure, "label": str(texts.SECURE_CHANNEL_LINK)} if secure else None
        ),
        "house_rules": {
            "title": str(texts.HOUSE_RULES_TITLE),
            "intro": channel.house_rules_intro,
            "rules": [
                {"code": r.code, "title": r.title, "text": r.text}
                for r in channel.house_rules.all()
            ],
        },
        "moderation": {"mode": mode, "notices": [str(n) for n in notices]},
        "response_time": texts.response_time(
            channel.response_time, around_the_clock=channel.around_the_clock
        ),
        "limits": {"text": MAX_TEXT, "author_name": MAX_NAME, "author_email": MAX_EMAIL},
    }


class NameFinding(NamedTuple):
    """Personal data in a display name, as the desk marks it (offsets into the name)."""

    start: int
    end: int
    category: str
    explanation: str


def typed_name(item: Item) -> tuple[str, list[NameFinding]] | None:
    """For the desk, never the public: the name a web comment was signed with, as typed,
    and what screening found in it. None for items that did not come from the field."""
    if item.platform != Platform.WEBCOMMENTS:
        return None
    comment = Comment.objects.filter(item=item).only("author_name", "name_findings").first()
    if comment is None or not comment.author_name:
        return None
    findings = [
        NameFinding(int(f["start"]), int(f["end"]), str(f["category"]), str(f["explanation"]))
        for f in comment.name_findings
    ]
    return comment.author_name, findings


def comments_for_page(site: Site, page_url: str) -> list[dict[str, Any]]:
    """The page's visible comments, oldest first, with the agency's visible answers;
    each one's time also in words, in the active language and Oslo time.

    A reply whose parent is not visible is shown without its parent link, so the page
    never hints at what a held comment said.
    """
    page_url = page_url.strip().split("#", 1)[0]
    rows = list(
        site.channel.items.filter(
            visibility=Visibility.VISIBLE,
            webcomment__site=site,
            webcomment__page_url=page_url,
        )
        .order_by("created_at", "id")
        .values("id", "external_id", "parent_id", "author_name", "text", "created_at")[:PAGE_LIMIT]
    )
    ids = {r["id"] for r in rows}
    answers = list(
        site.channel.items.filter(
            Q(parent_id__in=ids) | Q(url=page_url),
            visibility=Visibility.VISIBLE,
            direction=Direction.OUT,
        )
        .order_by("created_at", "id")
        .values("id", "external_id", "parent_id", "author_name", "text", "created_at")[:PAGE_LIMIT]
    )
    by_id = {r["id"]: r["external_id"] for r in rows}
    agency = site.channel.organisation.name
    out = [
        {
            "id": r["external_id"],
            "parent": by_id.get(r["parent_id"], ""),
            "author": r["author_name"],
            "from_agency": False,
            "text": r["text"],
            "created_at": r["created_at"].isoformat(),
            "created_at_text": texts.when(r["created_at"]),
        }
        for r in rows
    ]
    out += [
        {
            "id": r["external_id"],
            "parent": by_id.get(r["parent_id"], ""),
            "author": agency,
            "from_agency": True,
            "text": r["text"],
            "created_at": r["created_at"].isoformat(),
            "created_at_text": texts.when(r["created_at"]),
        }
        for r in answers
    ]
    out.sort(key=lambda c: c["created_at"])
    return out
