"""The publishing API: compose, approve, schedule, publish, and crisis mode with its log.

Mounted at ``/api/publishing`` by ``tilstede.api.main``; authentication (bearer token or
session with CSRF) comes from there. Every endpoint checks the caller's role first (403)
and then their organisations (404 for someone else's post: no hint that it exists); the
services check again, so the API and the web desk cannot differ.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any, Literal

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from tilstede.core.models import Channel, Team
from tilstede.publishing import permissions as perms
from tilstede.publishing import services
from tilstede.publishing.checks import CheckResult
from tilstede.publishing.export import crisis_log_csv, crisis_log_pdf
from tilstede.publishing.models import Crisis, CrisisTemplate, Post
from tilstede.publishing.selectors import (
    active_crisis,
    crises_for,
    crisis_timeline,
    draft_check,
    post_check,
    posts_for,
)

router = Router(tags=["publishing"])
MAX_TEXT = 70_000


def _user(request: HttpRequest) -> AbstractBaseUser:
    return request.auth if isinstance(request.auth, AbstractBaseUser) else request.user


def _require(request: HttpRequest, perm: str) -> AbstractBaseUser:
    user = _user(request)
    if not user.has_perm(perm):
        raise PermissionDenied("Your role may not use this endpoint.")
    return user


def _refusals(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A step the services refuse becomes its status with ``detail`` and ``problems``."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except services.PublishingError as exc:
            return Status(
                exc.status,
                {"detail": str(exc), "problems": [_problem(p) for p in exc.problems]},
            )

    return wrapper


# --- Schemas --------------------------------------------------------------------------


class ProblemOut(Schema):
    code: str
    message: str
    channel: str
    field: str


class Refusal(Schema):
    detail: str
    problems: list[ProblemOut] = []


class PreviewOut(Schema):
    channel: str
    platform: str
    text: str = Field(description="The text exactly as the platform receives it.")
    length: int = Field(description="Counted as the platform counts (graphemes, URLs).")
    limit: int
    link_attached: str = Field(description="A link sent as an attachment (Facebook).")
    images: list[str] = Field(description="Alt texts of the images.")
    language: str


class DeliveryOut(Schema):
    channel: str
    platform: str
    status: str
    attempts: int
    last_error: str
    next_attempt_at: dt.datetime | None
    published_at: dt.datetime | None
    item_id: int | None
    url: str


class ImageOut(Schema):
    id: int
    name: str
    alt_text: str


class PostOut(Schema):
    id: int
    state: str
    text: str
    link: str
    information: bool
    language: str
    crisis_id: int | None
    template: str | None
    scheduled_for: dt.datetime | None
    created_by: str
    approved_by: str | None
    approved_at: dt.datetime | None
    problem: str
    ready: bool = Field(description="Every check passes.")
    previews: list[PreviewOut]
    problems: list[ProblemOut]
    deliveries: list[DeliveryOut]
    images: list[ImageOut]


class PostIn(Schema):
    text: str = Field(..., max_length=MAX_TEXT)
    language: str = Field("", max_length=16)
    channels: list[str] = Field(..., min_length=1, max_length=50, description="Channel slugs.")
    link: str = Field("", max_length=1000)
    information: bool = False
    crisis: bool = Field(False, description="Mark as a post of the active crisis.")


class PostPatch(Schema):
    text: str | None = Field(None, max_length=MAX_TEXT)
    language: str | None = Field(None, max_length=16)
    channels: list[str] | None = Field(None, max_length=50)
    link: str | None = Field(None, max_length=1000)
    information: bool | None = None


class CheckOut(Schema):
    ready: bool
    previews: list[PreviewOut]
    problems: list[ProblemOut]


class RejectIn(Schema):
    reason: str = Field("", max_length=2000)


class ScheduleIn(Schema):
    at: dt.datetime = Field(
        ..., description="With an offset, or without one as a wall-clock time in Norway."
    )


class CrisisIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    channels: list[str] = Field(..., min_length=1, max_length=50)
    duty_team: str | None = Field(None, max_length=120, description="A team's name.")
    poll_minutes: int = Field(1, ge=1, le=60)


class CrisisOut(Schema):
    id: int
    name: str
    active: bool
    channels: list[str]
    duty_team: str | None
    declared_by: str
    declared_at: dt.datetime
    ended_at: dt.datetime | None


class LogEntryOut(Schema):
    at: dt.datetime
    kind: Literal["received", "published", "event"]
    channel: str
    who: str
    text: str
    detail: str
    url: str


class CountOut(Schema):
    suspended: int = 0
    resumed: int = 0
    need_new_time: int = 0


class TemplateIn(Schema):
    name: str = Field(..., min_length=1, max_length=200)
    text: str = Field(..., max_length=MAX_TEXT)
    language: str = Field("nb", max_length=16)
    link: str = Field("", max_length=1000)
    information: bool = True


class TemplateOut(Schema):
    id: int
    name: str
    text: str
    language: str
    link: str
    information: bool
    approved: bool
    approved_by: str | None


# --- Mapping --------------------------------------------------------------------------


def _problem(p: Any) -> dict:
    return {"code": p.code, "message": p.message, "channel": p.channel, "field": p.field}


def _check_out(result: CheckResult) -> dict:
    return {
        "ready": result.ok,
        "previews": [
            {
                "channel": p.channel,
                "platform": p.platform,
                "text": p.text,
                "length": p.length,
                "limit": p.limit,
                "link_attached": p.link_attached,
                "images": [i.alt_text for i in p.images],
                "language": p.language,
            }
            for p in result.previews
        ],
        "problems": [_problem(p) for p in result.problems],
    }


def _post_out(post: Post) -> dict:
    deliveries = post.deliveries.select_related("channel", "item").order_by("channel__name")
    return {
        "id": post.pk,
        "state": post.state,
        "text": post.text,
        "link": post.link,
        "information": post.information,
        "language": post.language,
        "crisis_id": post.crisis_id,
        "template": post.template.name if post.template else None,
        "scheduled_for": post.scheduled_for,
        "created_by": post.created_by.get_username(),
        "approved_by": post.approved_by.get_username() if post.approved_by else None,
        "approved_at": post.approved_at,
        "problem": post.problem,
        **_check_out(post_check(post)),
        "deliveries": [
            {
                "channel": d.channel.slug,
                "platform": d.channel.platform,
                "status": d.status,
                "attempts": d.attempts,
                "last_error": d.last_error,
                "next_attempt_at": d.next_attempt_at,
                "published_at": d.published_at,
                "item_id": d.item_id,
                "url": d.item.url if d.item else "",
            }
            for d in deliveries
        ],
        "images": [{"id": i.pk, "name": i.name, "alt_text": i.alt_text} for i in post.images.all()],
    }


def _crisis_out(crisis: Crisis) -> dict:
    return {
        "id": crisis.pk,
        "name": crisis.name,
        "active": crisis.active,
        "channels": list(crisis.channels.order_by("name").values_list("slug", flat=True)),
        "duty_team": crisis.duty_team.name if crisis.duty_team else None,
        "declared_by": crisis.declared_by.get_username(),
        "declared_at": crisis.declared_at,
        "ended_at": crisis.ended_at,
    }


def _template_out(t: CrisisTemplate) -> dict:
    return {
        "id": t.pk,
        "name": t.name,
        "text": t.text,
        "language": t.language,
        "link": t.link,
        "information": t.information,
        "approved": t.approved,
        "approved_by": t.approved_by.get_username() if t.approved_by else None,
    }


def _post_for(request: HttpRequest, post_id: int, perm: str = perms.VIEW) -> Post:
    _require(request, perm)
    return get_object_or_404(
        posts_for(_user(request)).select_related("organisation", "created_by"), pk=post_id
    )


def _crisis_for(request: HttpRequest, crisis_id: int, perm: str = perms.VIEW_CRISIS) -> Crisis:
    _require(request, perm)
    return get_object_or_404(
        crises_for(_user(request)).select_related("organisation", "duty_team"), pk=crisis_id
    )


def _channels(request: HttpRequest, slugs: list[str]) -> list[Channel]:
    """The caller's channels by slug, all of one organisation; 400 names any unknown."""
    found = {c.slug: c for c in perms.channels_for(_user(request)).filter(slug__in=slugs)}
    missing = [s for s in slugs if s not in found]
    if missing:
        raise services.PublishingError(
            f"no channel of yours named {', '.join(missing)}", status=404
        )
    orgs = {c.organisation_id for c in found.values()}
    if len(orgs) > 1:
        raise services.PublishingError("the channels belong to different organisations", status=400)
    return [found[s] for s in slugs]


R = {400: Refusal, 401: Refusal, 403: Refusal, 404: Refusal, 409: Refusal}


# --- Posts ----------------------------------------------------------------------------


class PostFilters(Schema):
    state: str | None = Field(None, max_length=20)
    limit: int = Field(50, ge=1, le=200)


@router.get("/posts", response={200: list[PostOut], **R})
def posts_list(request: HttpRequest, filters: Query[PostFilters]) -> list:
    """Posts of the caller's organisations, newest first."""
    _require(request, perms.VIEW)
    posts = posts_for(_user(request)).select_related(
        "organisation", "created_by", "approved_by", "template"
    )
    if filters.state:
        posts = posts.filter(state=filters.state)
    return [_post_out(p) for p in posts[: filters.limit]]


@router.post("/posts/check", response={200: CheckOut, **R})
@_refusals
def posts_check(request: HttpRequest, body: PostIn) -> dict:
    """Every check and the preview per channel, without storing anything."""
    _require(request, perms.COMPOSE)
    channels = _channels(request, body.channels)
    return _check_out(
        draft_check(
            organisation=channels[0].organisation,
            channels=channels,
            text=body.text,
            language=body.language,
            link=body.link,
            information=body.information,
        )
    )


@router.post("/posts", response={201: PostOut, **R})
@_refusals
def posts_compose(request: HttpRequest, body: PostIn) -> Status:
    """Compose a draft for several channels; the answer holds its checks and previews."""
    user = _require(request, perms.COMPOSE)
    channels = _channels(request, body.channels)
    organisation = channels[0].organisation
    crisis = active_crisis(organisation) if body.crisis else None
    if body.crisis and crisis is None:
        raise services.PublishingError("no crisis is declared", status=400)
    post = services.post_compose(
        organisation=organisation,
        by=user,
        text=body.text,
        language=body.language,
        channels=channels,
        link=body.link,
        information=body.information,
        crisis=crisis,
    )
    return Status(201, _post_out(post))


@router.get("/posts/{post_id}", response={200: PostOut, **R})
def post_detail(request: HttpRequest, post_id: int) -> dict:
    """A post with its checks, its preview per channel and each channel's outcome."""
    return _post_out(_post_for(request, post_id))


@router.patch("/posts/{post_id}", response={200: PostOut, **R})
@_refusals
def post_change(request: HttpRequest, post_id: int, body: PostPatch) -> dict:
    """Change a draft."""
    post = _post_for(request, post_id, perms.EDIT)
    channels = _channels(request, body.channels) if body.channels is not None else None
    post = services.post_update(
        post=post,
        by=_user(request),
        text=body.text,
        language=body.language,
        link=body.link,
        information=body.information,
        channels=channels,
    )
    return _post_out(post)


@router.post("/posts/{post_id}/images", response={201: PostOut, **R})
@_refusals
def post_image_add(
    request: HttpRequest,
    post_id: int,
    file: File[UploadedFile],
    alt_text: Form[str] = "",
) -> Status:
    """Add an image to a draft (multipart); alt text is required before submission.
    Connectors do not upload media yet: images are checked and kept, not sent."""
    post = _post_for(request, post_id, perms.EDIT)
    # The service decodes and re-encodes the file, refusing what is not an image.
    post = services.post_update(
        post=post,
        by=_user(request),
        images_add=[services.NewImage(file=file, alt_text=alt_text[:1500], name=file.name)],
    )
    return Status(201, _post_out(post))


@router.post("/posts/{post_id}/submit", response={200: PostOut, **R})
@_refusals
def post_submit(request: HttpRequest, post_id: int) -> dict:
    """Draft -> awaiting approval (every check must pass)."""
    post = _post_for(request, post_id, perms.EDIT)
    return _post_out(services.post_submit(post=post, by=_user(request)))


@router.post("/posts/{post_id}/approve", response={200: PostOut, **R})
@_refusals
def post_approve(request: HttpRequest, post_id: int) -> dict:
    """Awaiting approval -> approved (the four-eyes rule of the post's channels applies)."""
    post = _post_for(request, post_id, perms.APPROVE)
    return _post_out(services.post_approve(post=post, by=_user(request)))


@router.post("/posts/{post_id}/reject", response={200: PostOut, **R})
@_refusals
def post_reject(request: HttpRequest, post_id: int, body: RejectIn) -> dict:
    """Back to draft with a reason (before it is published)."""
    post = _post_for(request, post_id, perms.APPROVE)
    return _post_out(
        services.post_return_to_draft(post=post, by=_user(request), reason=body.reason)
    )


@router.post("/posts/{post_id}/schedule", response={200: PostOut, **R})
@_refusals
def post_schedule(request: HttpRequest, post_id: int, body: ScheduleIn) -> dict:
    """Approved -> scheduled. A time without offset is read as Europe/Oslo wall time."""
    post = _post_for(request, post_id, perms.PUBLISH)
    at = body.at if body.at.tzinfo else services.oslo_time(body.at)
    return _post_out(services.post_schedule(post=post, by=_user(request), at=at))


@router.post("/posts/{post_id}/publish", response={200: PostOut, **R})
@_refusals
def post_publish(request: HttpRequest, post_id: int) -> dict:
    """Approved or scheduled -> publishing now on every channel."""
    post = _post_for(request, post_id, perms.PUBLISH)
    return _post_out(services.post_publish(post=post, by=_user(request)))


@router.post("/posts/{post_id}/deliveries/{channel}/retry", response={200: PostOut, **R})
@_refusals
def delivery_retry(request: HttpRequest, post_id: int, channel: str) -> dict:
    """Try a failed channel again."""
    post = _post_for(request, post_id, perms.PUBLISH)
    delivery = get_object_or_404(post.deliveries, channel__slug=channel)
    services.delivery_retry(delivery=delivery, by=_user(request))
    return _post_out(post)


# --- Crisis ---------------------------------------------------------------------------


@router.get("/crises", response={200: list[CrisisOut], **R})
def crises_list(request: HttpRequest) -> list:
    _require(request, perms.VIEW_CRISIS)
    return [_crisis_out(c) for c in crises_for(_user(request)).select_related("duty_team")]


@router.post("/crises", response={201: CrisisOut, **R})
@_refusals
def crisis_declare(request: HttpRequest, body: CrisisIn) -> Status:
    """Declare a crisis on some channels: they are polled more often until it ends."""
    user = _require(request, perms.DECLARE_CRISIS)
    channels = _channels(request, body.channels)
    organisation = channels[0].organisation
    team = None
    if body.duty_team:
        team = Team.objects.filter(organisation=organisation, name=body.duty_team).first()
        if team is None:
            raise services.PublishingError(f"no team named {body.duty_team!r}", status=400)
    crisis = services.crisis_declare(
        organisation=organisation,
        name=body.name,
        channels=channels,
        by=user,
        duty_team=team,
        poll_interval=dt.timedelta(minutes=body.poll_minutes),
    )
    return Status(201, _crisis_out(crisis))


@router.get("/crises/{crisis_id}", response={200: CrisisOut, **R})
def crisis_detail(request: HttpRequest, crisis_id: int) -> dict:
    return _crisis_out(_crisis_for(request, crisis_id))


@router.post("/crises/{crisis_id}/end", response={200: CrisisOut, **R})
@_refusals
def crisis_end(request: HttpRequest, crisis_id: int) -> dict:
    crisis = _crisis_for(request, crisis_id, perms.DECLARE_CRISIS)
    return _crisis_out(services.crisis_end(crisis=crisis, by=_user(request)))


@router.post("/crises/{crisis_id}/templates/{template_id}/publish", response={201: PostOut, **R})
@_refusals
def crisis_template_publish(request: HttpRequest, crisis_id: int, template_id: int) -> Status:
    """Publish a pre-approved template to every crisis channel now, without approval wait."""
    crisis = _crisis_for(request, crisis_id, perms.CRISIS_PUBLISH)
    template = get_object_or_404(CrisisTemplate, pk=template_id, organisation=crisis.organisation)
    post = services.crisis_template_publish(crisis=crisis, template=template, by=_user(request))
    return Status(201, _post_out(post))


@router.post("/crises/{crisis_id}/suspend", response={200: CountOut, **R})
@_refusals
def crisis_suspend(request: HttpRequest, crisis_id: int) -> dict:
    """Suspend every scheduled post that is not a crisis post."""
    crisis = _crisis_for(request, crisis_id, perms.CRISIS_PUBLISH)
    return {"suspended": services.posts_suspend(crisis=crisis, by=_user(request))}


@router.post("/crises/{crisis_id}/resume", response={200: CountOut, **R})
@_refusals
def crisis_resume(request: HttpRequest, crisis_id: int) -> dict:
    crisis = _crisis_for(request, crisis_id, perms.CRISIS_PUBLISH)
    resumed, later = services.posts_resume(crisis=crisis, by=_user(request))
    return {"resumed": resumed, "need_new_time": later}


class LogQuery(Schema):
    format: Literal["json", "csv", "pdf"] = "json"


@router.get("/crises/{crisis_id}/log", response={200: list[LogEntryOut], **R})
@_refusals
def crisis_log(request: HttpRequest, crisis_id: int, q: Query[LogQuery]) -> Any:
    """The crisis log: everything published and received on its channels, with its
    events, oldest first. CSV and PDF once the crisis has ended."""
    crisis = _crisis_for(request, crisis_id)
    if q.format == "json":
        return [e.__dict__ for e in crisis_timeline(crisis)]
    if crisis.active:
        raise services.PublishingError("the log is exported when the crisis has ended")
    name = f"kriselogg-{crisis.declared_at:%Y%m%d}-{crisis.pk}"
    if q.format == "csv":
        response = HttpResponse(crisis_log_csv(crisis), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(crisis_log_pdf(crisis), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}.{q.format}"'
    return response


# --- Crisis templates -----------------------------------------------------------------


@router.get("/templates", response={200: list[TemplateOut], **R})
def templates_list(request: HttpRequest) -> list:
    _require(request, perms.VIEW_TEMPLATE)
    orgs = perms.organisations_for(_user(request))
    return [
        _template_out(t)
        for t in CrisisTemplate.objects.filter(organisation__in=orgs, active=True).select_related(
            "approved_by"
        )
    ]


@router.post("/templates", response={201: TemplateOut, **R})
@_refusals
def template_create(request: HttpRequest, body: TemplateIn) -> Status:
    user = _require(request, perms.ADD_TEMPLATE)
    orgs = list(perms.organisations_for(user)[:2])
    if len(orgs) != 1:
        raise services.PublishingError("you work for more than one organisation", status=400)
    template = services.crisis_template_save(
        organisation=orgs[0],
        by=user,
        name=body.name,
        text=body.text,
        language=body.language,
        link=body.link,
        information=body.information,
    )
    return Status(201, _template_out(template))


@router.post("/templates/{template_id}/approve", response={200: TemplateOut, **R})
@_refusals
def template_approve(request: HttpRequest, template_id: int) -> dict:
    user = _require(request, perms.APPROVE)
    template = get_object_or_404(
        CrisisTemplate, pk=template_id, organisation__in=perms.organisations_for(user)
    )
    return _template_out(services.crisis_template_approve(template=template, by=user))
