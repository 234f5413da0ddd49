"""The JSON API: list and read items, decide, reply, saved replies, figures.

Every endpoint takes a session (with CSRF) or a bearer token, and checks the caller's
role and organisations through ``tilstede.core.permissions`` exactly as the web desk does.
Errors are 4xx with a ``detail`` message; the services' own errors map to 400/403/404/409.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.db.models import Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth

from tilstede.api.models import ApiToken, token_hash
from tilstede.core.models import AuditEvent, HouseRule, Item, ItemVersion, Organisation
from tilstede.core.permissions import item_can_reveal
from tilstede.core.readmodel import BadCursor, InboxFilters
from tilstede.core.services import audit_record
from tilstede.ingest.models import Finding
from tilstede.moderation.models import Decision
from tilstede.moderation.selectors import transparency_figures
from tilstede.moderation.services import ModerationError, decision_record, item_claim
from tilstede.web.payload import json_parse

MAX_TEXT = 5000


class LimitedParser(Parser):
    """JSON bodies within limits (``web.payload``): django-ninja answers a refusal with
    400 "Cannot parse request body" instead of a server error."""

    def parse_body(self, request: HttpRequest):  # type: ignore[override]
        return json_parse(request.body, max_bytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser | None:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=token_hash(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="Tilstede API",
    version="1",
    description="The social media desk of a public body: items, decisions, replies, figures.",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    parser=LimitedParser(),
    # The interactive docs page loads Swagger UI from a CDN; we serve the schema only.
    docs_url=None,
)


@api.exception_handler(ModerationError)
def _moderation_error(request: HttpRequest, exc: ModerationError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status)


@api.exception_handler(DataError)
def _unstorable(request: HttpRequest, exc: DataError):
    # Input the database cannot keep (a NUL character, a number out of range).
    return api.create_response(
        request, {"detail": "The input has characters or values that cannot be stored."}, status=400
    )


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or "Forbidden"}, status=403)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError):
    return api.create_response(
        request, {"detail": "Log in or send a valid bearer token."}, status=401
    )


def _user(request: HttpRequest) -> AbstractBaseUser:
    return request.auth if isinstance(request.auth, AbstractBaseUser) else request.user


def _require(request: HttpRequest, perm: str) -> AbstractBaseUser:
    user = _user(request)
    if not user.has_perm(perm):
        raise PermissionDenied("Your role may not use this endpoint.")
    return user


def _item_for(request: HttpRequest, item_id: int) -> Item:
    """The item if the caller may see it; 404 otherwise (no hint that it exists)."""
    user = _require(request, "core.view_item")
    return get_object_or_404(Item.objects.visible_to(user).select_related("channel"), pk=item_id)


# --- Schemas --------------------------------------------------------------------------


class Error(Schema):
    detail: str


class FindingOut(Schema):
    category: str
    start: int
    end: int
    confidence: float
    detector: str
    explanation: str


class ItemOut(Schema):
    id: int
    channel: str
    platform: str
    external_id: str
    kind: str
    direction: str
    author_handle: str
    text_redacted: str = Field(description="The text with personal data replaced by labels.")
    language: str
    url: str
    created_at: dt.datetime
    received_at: dt.datetime
    visibility: str
    response_state: str
    assignee: str | None
    topic: str | None
    categories: list[str]
    case_request: bool


class ItemPage(Schema):
    items: list[ItemOut]
    next_cursor: str | None


class VersionOut(Schema):
    number: int
    text_redacted: str
    seen_at: dt.datetime
    edited_at_source: dt.datetime | None
    findings: list[FindingOut]


class DecisionOut(Schema):
    id: int
    verb: str
    at: dt.datetime
    by: str
    house_rule: str | None
    reason: str
    platform_status: str


class HistoryOut(Schema):
    at: dt.datetime
    actor: str
    verb: str


class ItemDetail(ItemOut):
    parent_id: int | None
    thread: list[ItemOut]
    versions: list[VersionOut]
    decisions: list[DecisionOut]
    history: list[HistoryOut]


class DecisionIn(Schema):
    verb: Literal[
        "approve", "hide", "unhide", "delete_at_source", "mark_irrelevant", "escalate", "assign"
    ]
    house_rule: str | None = Field(
        None, max_length=40, description="Code of one of the channel's house rules."
    )
    reason: str = Field("", max_length=MAX_TEXT)
    assignee: str | None = Field(None, max_length=150, description="User name, for assign.")


class RevealOut(Schema):
    text: str


class TransparencyOut(Schema):
    channel: str
    platform: str
    received: int
    hidden: int
    removed: int
    by_house_rule: dict[str, int]
    held_by_rules: dict[str, int]
    appeals: int
    appeals_overturned: int
    answered: int
    median_response_hours: float | None


# --- Mapping --------------------------------------------------------------------------


def _current(item: Item) -> ItemVersion | None:
    versions = list(item.versions.all())
    return versions[-1] if versions else None


def _item_out(item: Item) -> dict:
    current = _current(item)
    screening = getattr(current, "screening", None) if current else None
    return {
        "id": item.pk,
        "channel": item.channel.slug,
        "platform": item.platform,
        "external_id": item.external_id,
        "kind": item.kind,
        "direction": item.direction,
        "author_handle": item.author_handle,
        "text_redacted": screening.redacted if screening else item.text,
        "language": item.language,
        "url": item.url,
        "created_at": item.created_at,
        "received_at": item.received_at,
        "visibility": item.visibility,
        "response_state": item.response_state,
        "assignee": item.assignee.get_username() if item.assignee else None,
        "topic": item.topic.name if item.topic else None,
        "categories": sorted({f.category for f in screening.findings.all()}) if screening else [],
        "case_request": bool(screening and screening.case_request),
    }


# --- Endpoints ------------------------------------------------------------------------


class ItemFilters(Schema):
    state: (
        Literal["pending", "visible", "held", "hidden", "deleted_at_source", "removed"] | None
    ) = None
    response: Literal["not_needed", "awaiting", "answered", "escalated"] | None = None
    channel: str | None = Field(None, max_length=60)
    assignee: str | None = Field(None, max_length=150, description='User name, "me" or "none".')
    category: str | None = Field(None, max_length=30)
    language: str | None = Field(None, max_length=16)
    overdue: bool | None = None
    q: str | None = Field(
        None,
        max_length=200,
        description="Words to search for, in the clear text for those who may reveal "
        "personal data and in the redacted text for others.",
    )
    sort: Literal["newest", "due"] = Field(
        "newest", description="newest: newest first; due: the oldest due time first."
    )
    cursor: str | None = Field(None, max_length=100)
    limit: int = Field(50, ge=1, le=200)


@api.get("/items", response={200: ItemPage, 400: Error, 401: Error, 403: Error}, tags=["items"])
def items_list(request: HttpRequest, filters: Query[ItemFilters]) -> dict:
    """Items the caller may see, newest (or due) first, with keyset paging (``next_cursor``)."""
    user = _require(request, "core.view_item")
    wanted = InboxFilters(
        channel=filters.channel or "",
        state=filters.state or "",
        response=filters.response or "",
        assignee=filters.assignee or "",
        category=filters.category or "",
        language=filters.language or "",
        overdue=filters.overdue,
        text=(filters.q or "").strip(),
    )
    items = Item.objects.visible_to(user).filtered(wanted, user=user).for_rows()
    try:
        page = items.page(sort=filters.sort, after=filters.cursor or "", size=filters.limit)
    except BadCursor:
        raise HttpError(400, "cursor is not one this API gave out") from None
    return {"items": [_item_out(i) for i in page.items], "next_cursor": page.next_cursor}


@api.get(
    "/items/{item_id}",
    response={200: ItemDetail, 401: Error, 403: Error, 404: Error},
    tags=["items"],
)
def item_detail(request: HttpRequest, item_id: int) -> dict:
    """One item with its thread, all versions and findings, decisions and audit history."""
    item = _item_for(request, item_id)
    user = _user(request)
    root_id = item.thread_id or item.pk
    visible = Item.objects.visible_to(user)
    thread = (
        visible.filter(Q(pk=root_id) | Q(thread_id=root_id))
        .exclude(pk=item.pk)
        .for_rows()
        .order_by("created_at", "id")
    )
    item = visible.for_rows().get(pk=item.pk)
    out = _item_out(item)
    out["parent_id"] = item.parent_id
    out["thread"] = [_item_out(t) for t in thread]
    out["versions"] = [
        {
            "number": v.number,
            "text_redacted": v.screening.redacted if hasattr(v, "screening") else v.text,
            "seen_at": v.seen_at,
            "edited_at_source": v.edited_at_source,
            "findings": [_finding_out(f) for f in v.screening.findings.all()]
            if hasattr(v, "screening")
            else [],
        }
        for v in item.versions.all()
    ]
    out["decisions"] = [_decision_out(d) for d in item.decisions.select_related("by", "house_rule")]
    out["history"] = [
        {"at": e.at, "actor": e.actor_label, "verb": e.verb}
        for e in AuditEvent.objects.filter(
            object_type="core.item", object_id=str(item.pk)
        ).order_by("id")
    ]
    return out


def _finding_out(f: Finding) -> dict:
    return {
        "category": f.category,
        "start": f.start,
        "end": f.end,
        "confidence": f.confidence,
        "detector": f.detector,
        "explanation": f.explanation,
    }


def _decision_out(d: Decision) -> dict:
    return {
        "id": d.pk,
        "verb": d.verb,
        "at": d.at,
        "by": d.actor_label,
        "house_rule": d.house_rule.code if d.house_rule else None,
        "reason": d.reason,
        "platform_status": d.platform_status,
    }


@api.post(
    "/items/{item_id}/reveal",
    response={200: RevealOut, 401: Error, 403: Error, 404: Error},
    tags=["items"],
)
def item_reveal(request: HttpRequest, item_id: int) -> dict:
    """The clear text of an item with personal data; each reveal is written to the audit log."""
    item = _item_for(request, item_id)
    user = _user(request)
    if not item_can_reveal(user, item):
        raise PermissionDenied("Your role may not reveal personal data.")
    audit_record(actor=user, verb="item.reveal", obj=item)
    return {"text": item.text}


@api.post(
    "/items/{item_id}/decisions",
    response={201: DecisionOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error},
    tags=["decisions"],
)
def item_decide(request: HttpRequest, item_id: int, body: DecisionIn) -> Status:
    """Decide on an item. Hide and delete need one of the channel's house rules."""
    item = _item_for(request, item_id)
    user = _require(request, "core.moderate_item")
    house_rule = None
    if body.house_rule:
        house_rule = HouseRule.objects.filter(channel=item.channel, code=body.house_rule).first()
        if house_rule is None:
            raise HttpError(400, f"the channel has no house rule {body.house_rule!r}")
    assignee = None
    if body.assignee:
        assignee = (
            get_user_model()
            .objects.filter(username=body.assignee, organisations=item.channel.organisation)
            .first()
        )
        if assignee is None:
            raise HttpError(400, f"no colleague named {body.assignee!r}")
    decision = decision_record(
        item=item,
        verb=body.verb,
        by=user,
        house_rule=house_rule,
        reason=body.reason,
        assignee=assignee,
    )
    return Status(201, _decision_out(decision))


# --- Appeals ----------------------------------------------------------------------------


class AppealOut(Schema):
    id: int
    item_id: int
    decision_id: int
    decision: str = Field(description="The decision appealed against: hide, block or delete.")
    decided_by_maker: bool = Field(
        description="True where the caller made that decision and so may not decide the appeal."
    )
    house_rule: str
    submitted_at: dt.datetime
    text: str
    outcome: Literal["pending", "upheld", "overturned"]
    decided_by: str | None
    decided_at: dt.datetime | None
    reason: str


class AppealQuery(Schema):
    outcome: Literal["pending", "upheld", "overturned"] | None = None


class AppealDecisionIn(Schema):
    overturn: bool = Field(description="True reverses the decision; false lets it stand.")
    reason: str = Field(min_length=1, max_length=MAX_TEXT, description="Sent to the author.")


def _appeal_out(appeal, user: AbstractBaseUser) -> dict:
    from tilstede.moderation.services import appeal_decided_by_maker

    return {
        "id": appeal.pk,
        "item_id": appeal.decision.item_id,
        "decision_id": appeal.decision_id,
        "decision": appeal.decision.verb,
        "decided_by_maker": appeal_decided_by_maker(appeal, user),
        "house_rule": appeal.decision.house_rule.code if appeal.decision.house_rule else "",
        "submitted_at": appeal.submitted_at,
        "text": appeal.text,
        "outcome": appeal.outcome,
        "decided_by": appeal.decided_by.get_username() if appeal.decided_by else None,
        "decided_at": appeal.decided_at,
        "reason": appeal.decision_reason,
    }


@api.get("/appeals", response={200: list[AppealOut], 401: Error, 403: Error}, tags=["appeals"])
def appeals_list(request: HttpRequest, q: Query[AppealQuery]) -> list:
    """Appeals against hiding or removal on the caller's organisations' items, oldest
    pending first when filtered to ``pending``."""
    from tilstede.moderation.selectors import appeals_for

    user = _require(request, "core.moderate_item")
    appeals = appeals_for(user, pending=True if q.outcome == "pending" else None)
    if q.outcome and q.outcome != "pending":
        appeals = appeals.filter(outcome=q.outcome)
    return [_appeal_out(a, user) for a in appeals[:500]]


@api.post(
    "/appeals/{appeal_id}/decision",
    response={200: AppealOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error},
    tags=["appeals"],
)
def appeal_decide_endpoint(request: HttpRequest, appeal_id: int, body: AppealDecisionIn) -> dict:
    """Decide an appeal, with a reason; another moderator than the one who made the
    decision must do it (403 otherwise). The author is told the outcome."""
    from tilstede.moderation.selectors import appeals_for
    from tilstede.moderation.services import appeal_decide

    user = _require(request, "core.moderate_item")
    appeal = get_object_or_404(appeals_for(user), pk=appeal_id)
    appeal = appeal_decide(appeal=appeal, by=user, overturn=body.overturn, reason=body.reason)
    return _appeal_out(appeals_for(user).get(pk=appeal.pk), user)


class ClaimOut(Schema):
    item_id: int
    by: str
    expires_at: dt.datetime


@api.post(
    "/items/{item_id}/claim",
    response={200: ClaimOut, 401: Error, 403: Error, 404: Error, 409: Error},
    tags=["decisions"],
)
def item_claim_view(request: HttpRequest, item_id: int) -> dict:
    """Claim an item for five minutes so that no one else decides on it meanwhile."""
    item = _item_for(request, item_id)
    user = _require(request, "core.moderate_item")
    claim = item_claim(item=item, by=user)
    return {"item_id": item.pk, "by": user.get_username(), "expires_at": claim.expires_at}


class ReplyIn(Schema):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT)
    saved_reply: int | None = Field(None, description="Id of the saved reply used, if any.")


class ReplyOut(Schema):
    id: int
    parent_id: int
    text: str
    external_id: str
    status: str = Field(
        description="queued (pending), retried, sent, local (our comment field) or failed; "
        "the item counts as answered only once the reply is sent."
    )


@api.post(
    "/items/{item_id}/replies",
    response={201: ReplyOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: Error},
    tags=["replies"],
)
def item_reply(request: HttpRequest, item_id: int, body: ReplyIn) -> Status:
    """Answer an item: stored as an outgoing item in its thread, queued for the channel.

    The item stays awaiting an answer until the platform has taken the reply."""
    from tilstede.desk.models import SavedReply
    from tilstede.desk.services import ReplyError, reply_send

    item = _item_for(request, item_id)
    user = _require(request, "core.reply_item")
    saved = None
    if body.saved_reply is not None:
        saved = SavedReply.objects.filter(pk=body.saved_reply).first()
        if saved is None:
            raise HttpError(400, f"no saved reply {body.saved_reply}")
    try:
        reply = reply_send(item=item, text=body.text, by=user, saved_reply=saved)
    except ReplyError as exc:
        raise HttpError(exc.status, str(exc)) from None
    return Status(
        201,
        {
            "id": reply.pk,
            "parent_id": item.pk,
            "text": reply.text,
            "external_id": reply.external_id,
            "status": reply.delivery.status,
        },
    )


class SavedReplyOut(Schema):
    id: int
    code: str
    title: str
    language: str
    purpose: str
    text: str = Field(description="Filled in for the item's channel.")
    suggested: bool


@api.get(
    "/items/{item_id}/saved-replies",
    response={200: list[SavedReplyOut], 401: Error, 403: Error, 404: Error},
    tags=["replies"],
)
def item_saved_replies(
    request: HttpRequest, item_id: int, language: Literal["nb", "nn", "en"] | None = None
) -> list:
    """Saved replies for an item, best fit first (the redirect for a case request)."""
    from tilstede.desk.services import saved_replies_for

    item = _item_for(request, item_id)
    _require(request, "core.reply_item")
    return [
        {
            "id": s.saved_reply.pk,
            "code": s.saved_reply.code,
            "title": s.saved_reply.title,
            "language": s.saved_reply.language,
            "purpose": s.saved_reply.purpose,
            "text": s.text,
            "suggested": s.suggested,
        }
        for s in saved_replies_for(item, language=language)
    ]


class ResponseFiguresOut(Schema):
    channel: str
    year: int
    week: int
    needing_answer: int
    answered: int
    median_hours: float | None
    p90_hours: float | None
    within_promise: float | None
    overdue: int


class WeekQuery(Schema):
    week: dt.date | None = Field(None, description="Any day of the ISO week; default: this week.")
    channel: str | None = Field(None, max_length=60)


@api.get(
    "/figures/response",
    response={200: list[ResponseFiguresOut], 401: Error, 403: Error},
    tags=["figures"],
)
def figures_response(request: HttpRequest, q: Query[WeekQuery]) -> list:
    """Time to first response per channel for a week: median, 90th percentile, promise kept."""
    from tilstede.core.models import Channel
    from tilstede.desk.services import response_figures

    user = _require(request, "core.view_dashboard")
    channels = Channel.objects.all()
    if not user.is_superuser:
        channels = channels.filter(organisation__members=user)
    if q.channel:
        channels = channels.filter(slug=q.channel)
    week = q.week or timezone.localdate()
    if not dt.date(1900, 1, 8) <= week <= dt.date(2999, 12, 24):
        raise HttpError(400, "week is out of range")

    def hours(value: dt.timedelta | None) -> float | None:
        return round(value.total_seconds() / 3600, 2) if value is not None else None

    out = []
    for channel in channels.order_by("slug"):
        f = response_figures(channel=channel, week=week)
        out.append(
            {
                "channel": channel.slug,
                "year": f.year,
                "week": f.week,
                "needing_answer": f.needing_answer,
                "answered": f.answered,
                "median_hours": hours(f.median),
                "p90_hours": hours(f.p90),
                "within_promise": f.within_promise,
                "overdue": f.overdue,
            }
        )
    return out


class MonthQuery(Schema):
    month: str | None = Field(
        None, pattern=r"^(19|20)\d{2}-(0[1-9]|1[0-2])$", description="YYYY-MM"
    )


@api.get(
    "/figures/transparency",
    response={200: list[TransparencyOut], 401: Error, 403: Error},
    tags=["figures"],
)
def figures_transparency(request: HttpRequest, q: Query[MonthQuery]) -> list:
    """Moderation figures per channel for a month (default: this month), as published."""
    user = _require(request, "core.view_dashboard")
    today = timezone.localdate()
    start = dt.date(int(q.month[:4]), int(q.month[5:]), 1) if q.month else today.replace(day=1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    figures = []
    for org in (
        Organisation.objects.filter(members=user)
        if not user.is_superuser
        else Organisation.objects.all()
    ):
        figures += transparency_figures(
            organisation=org,
            start=dt.datetime.combine(start, dt.time(), tz),
            end=dt.datetime.combine(end, dt.time(), tz),
        )
    return [f.__dict__ for f in figures]


api.add_router("/publishing", "tilstede.publishing.api.router")
