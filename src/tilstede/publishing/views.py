"""Publishing pages of the web desk: compose with previews, approve, schedule, publish,
and crisis mode with its log [2.2]. Thin views: forms convert, services decide."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tilstede.core.models import AuditEvent, Team
from tilstede.publishing import permissions as perms
from tilstede.publishing import services
from tilstede.publishing.checks import ImageSpec
from tilstede.publishing.export import crisis_log_csv, crisis_log_pdf
from tilstede.publishing.forms import (
    ChannelSettingsForm,
    CrisisForm,
    PostForm,
    RejectForm,
    ScheduleForm,
    TemplateForm,
)
from tilstede.publishing.images import content_type_for
from tilstede.publishing.models import (
    Crisis,
    CrisisTemplate,
    DeliveryStatus,
    Post,
    PostImage,
    PostState,
    PublishingSettings,
)
from tilstede.publishing.selectors import (
    PUBLISHABLE,
    crises_for,
    crisis_timeline,
    draft_check,
    post_check,
    posts_for,
)


def _may(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _post_or_404(request: HttpRequest, pk: int) -> Post:
    _may(request, perms.VIEW)
    return get_object_or_404(
        posts_for(request.user).select_related("organisation", "created_by", "approved_by"),
        pk=pk,
    )


def _publishable_channels(request: HttpRequest):
    return (
        perms.channels_for(request.user)
        .filter(active=True, platform__in=PUBLISHABLE)
        .select_related("organisation")
        .order_by("organisation__name", "name")
    )


def _active_crises(request: HttpRequest) -> list[Crisis]:
    return list(crises_for(request.user).filter(ended_at__isnull=True))


def _refused(request: HttpRequest, exc: Exception) -> None:
    messages.error(request, str(exc) or _("That is not allowed."))


# --- Posts ----------------------------------------------------------------------------


@login_required
@require_GET
def posts(request: HttpRequest) -> HttpResponse:
    _may(request, perms.VIEW)
    mine = (
        posts_for(request.user).select_related("created_by").prefetch_related("deliveries__channel")
    )
    groups = [
        (_("Awaiting approval"), mine.filter(state=PostState.AWAITING_APPROVAL)),
        (_("Drafts"), mine.filter(state=PostState.DRAFT)),
        (
            _("Approved and scheduled"),
            mine.filter(
                state__in=[PostState.APPROVED, PostState.SCHEDULED, PostState.SUSPENDED]
            ).order_by("scheduled_for", "-id"),
        ),
        (
            _("Published"),
            mine.filter(
                state__in=[PostState.PUBLISHING, PostState.PUBLISHED, PostState.FAILED]
            ).order_by("-publish_started_at", "-id")[:50],
        ),
    ]
    return render(
        request,
        "publishing/posts.html",
        {
            "groups": groups,
            "crises": _active_crises(request),
            "may_compose": request.user.has_perm(perms.COMPOSE),
        },
    )


def _form_check(form: PostForm) -> object | None:
    data = form.cleaned_data
    channels = data.get("channels") or []
    organisation = channels[0].organisation if channels else None
    if organisation is None:
        return None
    images = [ImageSpec(i.name, data.get(f"alt_{i.pk}", "")) for i in form.existing]
    images += [ImageSpec(n.name, n.alt_text) for n in form.new_images()]
    return draft_check(
        organisation=organisation,
        channels=channels,
        text=data.get("text", ""),
        language=data.get("language", ""),
        link=data.get("link", ""),
        information=data.get("information", False),
        images=images,
    )


@login_required
@require_http_methods(["GET", "POST"])
def post_compose(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Compose (no pk) or edit a draft. "Preview" checks without saving; "Save" keeps a
    draft; "Send for approval" saves and submits, which needs every check to pass."""
    post = None
    if pk is not None:
        _may(request, perms.EDIT)
        post = _post_or_404(request, pk)
        if not post.editable:
            messages.error(request, _("Only a draft can be changed."))
            return redirect("publishing:post", pk=post.pk)
    else:
        _may(request, perms.COMPOSE)
    crises = _active_crises(request)
    channels = _publishable_channels(request)
    initial = {}
    if post is not None:
        initial = {
            "text": post.text,
            "link": post.link,
            "information": post.information,
            "language": post.language,
            "channels": [d.channel_id for d in post.deliveries.all()],
            "crisis": post.crisis_id is not None,
        }
    form = PostForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        channels=channels,
        post=post,
        crisis_active=bool(crises),
    )
    check = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "preview")
        if form.is_valid():
            check = _form_check(form)
            if action in ("save", "submit"):
                saved = _save(request, form, post, crises)
                if saved is not None:
                    if action == "submit":
                        try:
                            services.post_submit(post=saved, by=request.user)
                            messages.success(request, _("The post is sent for approval."))
                        except services.PublishingError as exc:
                            _refused(request, exc)
                    else:
                        messages.success(request, _("The draft is saved."))
                    return redirect("publishing:post", pk=saved.pk)
        else:
            status = 400
    return render(
        request,
        "publishing/compose.html",
        {"form": form, "post": post, "check": check, "crises": crises},
        status=status,
    )


def _save(request: HttpRequest, form: PostForm, post: Post | None, crises: list) -> Post | None:
    data = form.cleaned_data
    channels = list(data["channels"])
    if post is None and not channels:
        form.add_error("channels", _("Choose at least one channel."))
        return None
    try:
        if post is None:
            organisation = channels[0].organisation
            crisis = next(
                (c for c in crises if c.organisation_id == organisation.pk and data.get("crisis")),
                None,
            )
            return services.post_compose(
                organisation=organisation,
                by=request.user,
                text=data["text"],
                language=data["language"],
                channels=channels,
                link=data["link"],
                information=data["information"],
                images=form.new_images(),
                crisis=crisis,
            )
        return services.post_update(
            post=post,
            by=request.user,
            text=data["text"],
            language=data["language"],
            link=data["link"],
            information=data["information"],
            channels=channels,
            alt_texts=form.alt_texts(),
            images_add=form.new_images(),
            images_remove=form.removed(),
        )
    except (services.PublishingError, PermissionDenied) as exc:
        form.add_error(None, str(exc))
        return None


@login_required
@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The post as each channel will show it, its checks, its state and what happened."""
    post = _post_or_404(request, pk)
    check = post_check(post)
    user = request.user
    may_approve, why_not = services.may_approve(user, post)
    deliveries = post.deliveries.select_related("channel", "item").order_by("channel__name")
    history = AuditEvent.objects.filter(
        object_type="publishing.post", object_id=str(post.pk)
    ).order_by("id")
    state = post.state
    flags = {
        "may_edit": user.has_perm(perms.EDIT) and post.editable,
        "may_submit": user.has_perm(perms.EDIT) and state == PostState.DRAFT,
        "may_approve": may_approve and state == PostState.AWAITING_APPROVAL,
        "why_not_approve": why_not if state == PostState.AWAITING_APPROVAL else "",
        "may_reject": user.has_perm(perms.APPROVE)
        and state
        in (
            PostState.AWAITING_APPROVAL,
            PostState.APPROVED,
            PostState.SCHEDULED,
            PostState.SUSPENDED,
        ),
        "may_publish": user.has_perm(perms.PUBLISH)
        and state in (PostState.APPROVED, PostState.SCHEDULED),
    }
    return render(
        request,
        "publishing/post.html",
        {
            **flags,
            "next_steps": any(flags.values()),
            "post": post,
            "check": check,
            "deliveries": deliveries,
            "history": history,
            "images": post.images.all(),
            "may_retry": user.has_perm(perms.PUBLISH),
            "schedule_form": ScheduleForm(),
            "reject_form": RejectForm(),
            "failed": DeliveryStatus.FAILED,
        },
    )


def _act(
    request: HttpRequest, pk: int, perm: str, step: Callable[[Post], object], done: str
) -> HttpResponse:
    _may(request, perm)
    post = _post_or_404(request, pk)
    try:
        step(post)
        messages.success(request, done)
    except (services.PublishingError, PermissionDenied) as exc:
        _refused(request, exc)
    return redirect("publishing:post", pk=post.pk)


@login_required
@require_POST
def post_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        perms.EDIT,
        lambda p: services.post_submit(post=p, by=request.user),
        _("The post is sent for approval."),
    )


@login_required
@require_POST
def post_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        perms.APPROVE,
        lambda p: services.post_approve(post=p, by=request.user),
        _("The post is approved."),
    )


@login_required
@require_POST
def post_reject(request: HttpRequest, pk: int) -> HttpResponse:
    form = RejectForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _act(
        request,
        pk,
        perms.APPROVE,
        lambda p: services.post_return_to_draft(post=p, by=request.user, reason=reason),
        _("The post is back with its writer as a draft."),
    )


@login_required
@require_POST
def post_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        _may(request, perms.PUBLISH)
        messages.error(request, _("Give a date and a time."))
        return redirect("publishing:post", pk=pk)
    return _act(
        request,
        pk,
        perms.PUBLISH,
        lambda p: services.post_schedule(
            post=p, by=request.user, at=services.oslo_time(form.cleaned_data["at"])
        ),
        _("The post is scheduled."),
    )


@login_required
@require_POST
def post_publish(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        perms.PUBLISH,
        lambda p: services.post_publish(post=p, by=request.user),
        _("The post is being published."),
    )


@login_required
@require_POST
def delivery_retry(request: HttpRequest, pk: int, channel: str) -> HttpResponse:
    def step(post: Post) -> None:
        delivery = post.deliveries.filter(channel__slug=channel).first()
        if delivery is None:
            raise Http404
        services.delivery_retry(delivery=delivery, by=request.user)

    return _act(request, pk, perms.PUBLISH, step, _("Trying the channel again."))


@login_required
@require_GET
def post_image(request: HttpRequest, pk: int, image: int) -> FileResponse:
    """The stored (re-encoded) image, as the type it was written as and nothing else.

    A file stored before uploads were re-encoded has no such type: it is offered for
    saving only, never shown inline. Its own CSP forbids running anything even if a
    browser were to try.
    """
    post = _post_or_404(request, pk)
    found = get_object_or_404(PostImage, pk=image, post=post)
    content_type = content_type_for(found.file.name)
    response = FileResponse(
        found.file.open("rb"),
        filename=found.name,
        as_attachment=content_type is None,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Crisis ---------------------------------------------------------------------------


@login_required
@require_GET
def crisis(request: HttpRequest) -> HttpResponse:
    """The active crisis with its one-step templates, or the form to declare one."""
    _may(request, perms.VIEW_CRISIS)
    user = request.user
    orgs = perms.organisations_for(user)
    active = _active_crises(request)
    templates = CrisisTemplate.objects.filter(organisation__in=orgs, active=True).select_related(
        "approved_by", "created_by"
    )
    suspended = Post.objects.filter(organisation__in=orgs, state=PostState.SUSPENDED).count()
    scheduled = Post.objects.filter(
        organisation__in=orgs, state=PostState.SCHEDULED, crisis__isnull=True
    ).count()
    form = None
    if not active and user.has_perm(perms.DECLARE_CRISIS):
        form = CrisisForm(
            channels=_publishable_channels(request),
            teams=Team.objects.filter(organisation__in=orgs),
        )
    return render(
        request,
        "publishing/crisis.html",
        {
            "active": active,
            "form": form,
            "templates": templates,
            "past": crises_for(user).filter(ended_at__isnull=False)[:20],
            "suspended": suspended,
            "scheduled": scheduled,
            "may_declare": user.has_perm(perms.DECLARE_CRISIS),
            "may_act": user.has_perm(perms.CRISIS_PUBLISH),
            "may_approve": user.has_perm(perms.APPROVE),
            "may_add_template": user.has_perm(perms.ADD_TEMPLATE),
        },
    )


@login_required
@require_POST
def crisis_declare(request: HttpRequest) -> HttpResponse:
    _may(request, perms.DECLARE_CRISIS)
    orgs = perms.organisations_for(request.user)
    form = CrisisForm(
        request.POST,
        channels=_publishable_channels(request),
        teams=Team.objects.filter(organisation__in=orgs),
    )
    if form.is_valid():
        data = form.cleaned_data
        channels = list(data["channels"])
        try:
            services.crisis_declare(
                organisation=channels[0].organisation,
                name=data["name"],
                channels=channels,
                by=request.user,
                duty_team=data["duty_team"],
                poll_interval=dt.timedelta(minutes=data["poll_minutes"]),
            )
            messages.success(request, _("The crisis is declared."))
        except (services.PublishingError, PermissionDenied) as exc:
            _refused(request, exc)
    else:
        messages.error(request, _("Give the crisis a name and choose its channels."))
    return redirect("publishing:crisis")


def _crisis_or_404(request: HttpRequest, pk: int) -> Crisis:
    _may(request, perms.VIEW_CRISIS)
    return get_object_or_404(crises_for(request.user).select_related("organisation"), pk=pk)


def _crisis_act(
    request: HttpRequest, pk: int, perm: str, step: Callable[[Crisis], str]
) -> HttpResponse:
    _may(request, perm)
    found = _crisis_or_404(request, pk)
    try:
        messages.success(request, step(found))
    except (services.PublishingError, PermissionDenied) as exc:
        _refused(request, exc)
    return redirect("publishing:crisis")


@login_required
@require_POST
def crisis_end(request: HttpRequest, pk: int) -> HttpResponse:
    def step(c: Crisis) -> str:
        services.crisis_end(crisis=c, by=request.user)
        return _("The crisis has ended; its log can be exported.")

    return _crisis_act(request, pk, perms.DECLARE_CRISIS, step)


@login_required
@require_POST
def crisis_publish(request: HttpRequest, pk: int, template: int) -> HttpResponse:
    def step(c: Crisis) -> str:
        found = get_object_or_404(CrisisTemplate, pk=template, organisation=c.organisation)
        services.crisis_template_publish(crisis=c, template=found, by=request.user)
        return _("%(name)s is being published on every crisis channel.") % {"name": found.name}

    return _crisis_act(request, pk, perms.CRISIS_PUBLISH, step)


@login_required
@require_POST
def crisis_suspend(request: HttpRequest, pk: int) -> HttpResponse:
    def step(c: Crisis) -> str:
        n = services.posts_suspend(crisis=c, by=request.user)
        return ngettext(
            "%(n)d scheduled post is suspended.", "%(n)d scheduled posts are suspended.", n
        ) % {"n": n}

    return _crisis_act(request, pk, perms.CRISIS_PUBLISH, step)


@login_required
@require_POST
def crisis_resume(request: HttpRequest, pk: int) -> HttpResponse:
    def step(c: Crisis) -> str:
        resumed, later = services.posts_resume(crisis=c, by=request.user)
        return _("%(resumed)d posts are back on schedule; %(later)d need a new time.") % {
            "resumed": resumed,
            "later": later,
        }

    return _crisis_act(request, pk, perms.CRISIS_PUBLISH, step)


@login_required
@require_GET
def crisis_log(request: HttpRequest, pk: int) -> HttpResponse:
    found = _crisis_or_404(request, pk)
    return render(
        request,
        "publishing/crisis_log.html",
        {"crisis": found, "entries": crisis_timeline(found)},
    )


@login_required
@require_GET
def crisis_log_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    found = _crisis_or_404(request, pk)
    if found.active:
        messages.error(request, _("The log is exported when the crisis has ended."))
        return redirect("publishing:crisis_log", pk=found.pk)
    if fmt == "csv":
        response = HttpResponse(crisis_log_csv(found), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(crisis_log_pdf(found), content_type="application/pdf")
    name = f"kriselogg-{found.declared_at:%Y%m%d}-{found.pk}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def template_new(request: HttpRequest) -> HttpResponse:
    _may(request, perms.ADD_TEMPLATE)
    form = TemplateForm(request.POST or None)
    organisation = perms.organisations_for(request.user).first()
    if organisation is None:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.crisis_template_save(organisation=organisation, by=request.user, **data)
            messages.success(request, _("The template is saved; a colleague must approve it."))
            return redirect("publishing:crisis")
        except (services.PublishingError, PermissionDenied) as exc:
            form.add_error(None, str(exc))
    return render(
        request,
        "publishing/template_form.html",
        {"form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def template_approve(request: HttpRequest, pk: int) -> HttpResponse:
    _may(request, perms.APPROVE)
    found = get_object_or_404(
        CrisisTemplate, pk=pk, organisation__in=perms.organisations_for(request.user)
    )
    try:
        services.crisis_template_approve(template=found, by=request.user)
        messages.success(request, _("The template is approved for use in a crisis."))
    except (services.PublishingError, PermissionDenied) as exc:
        _refused(request, exc)
    return redirect(reverse("publishing:crisis"))


@login_required
@require_http_methods(["GET", "POST"])
def channel_settings(request: HttpRequest) -> HttpResponse:
    """The four-eyes rule and length limit per channel (administrators change them)."""
    _may(request, perms.VIEW)
    may_change = request.user.has_perm("core.change_channel")
    channels = list(_publishable_channels(request))
    current = {s.channel_id: s for s in PublishingSettings.objects.filter(channel__in=channels)}
    rows = []
    for channel in channels:
        own = current.get(channel.pk)
        initial = {
            "four_eyes": own.four_eyes if own else True,
            "max_characters": own.max_characters if own else None,
        }
        posted = request.method == "POST" and request.POST.get("channel") == str(channel.pk)
        form = ChannelSettingsForm(
            request.POST if posted else None,
            initial=initial,
            prefix=f"c{channel.pk}",
            platform=channel.platform,
        )
        if posted:
            if not may_change:
                raise PermissionDenied
            if form.is_valid():
                services.publishing_settings_change(
                    channel=channel,
                    by=request.user,
                    four_eyes=form.cleaned_data["four_eyes"],
                    max_characters=form.cleaned_data["max_characters"],
                )
                messages.success(request, _("Saved for %(name)s.") % {"name": channel.name})
                return redirect("publishing:channels")
        rows.append((channel, own, form))
    return render(request, "publishing/channels.html", {"rows": rows, "may_change": may_change})
