"""The channel register [2.1-2.3, 3.4, 3.5] and channel health.

Everyone in the organisation may read the register; administrators change it. Every
change is written to the audit log in the same transaction as the change.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tilstede.core.models import Channel
from tilstede.core.services import audit_record, form_changes
from tilstede.ingest.models import ChannelProblem, ChannelState
from tilstede.web.forms import ChannelForm, HouseRuleFormSet
from tilstede.web.presence import LANGUAGES, presence_text
from tilstede.web.selectors import channels_for, organisations_for


def _channel_or_404(request: HttpRequest, slug: str) -> Channel:
    channel = (
        channels_for(request.user)
        .select_related("organisation", "owner_team")
        .prefetch_related("house_rules")
        .filter(slug=slug)
        .first()
    )
    if channel is None:
        raise Http404
    return channel


def _may_view(request: HttpRequest) -> None:
    if not request.user.has_perm("core.view_channel"):
        raise PermissionDenied


@login_required
@require_GET
def channel_list(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    channels = channels_for(request.user).select_related("organisation", "owner_team")
    return render(
        request,
        "web/channels.html",
        {"channels": channels, "may_change": request.user.has_perm("core.change_channel")},
    )


@login_required
@require_GET
def channel_detail(request: HttpRequest, slug: str) -> HttpResponse:
    _may_view(request)
    channel = _channel_or_404(request, slug)
    report = request.build_absolute_uri(reverse("transparency", args=[channel.organisation.slug]))
    texts = [
        {"code": code, "name": name, "text": presence_text(channel, code, report_url=report)}
        for code, name in LANGUAGES
    ]
    return render(
        request,
        "web/channel.html",
        {
            "channel": channel,
            "texts": texts,
            "may_change": request.user.has_perm("core.change_channel"),
            "response_hours": round(channel.response_time.total_seconds() / 3600, 2),
        },
    )


def _changed(form, formset) -> dict:
    """The audit details of a channel change: each changed field and house rule, before
    and after (a removed rule has no after, a new one no before)."""
    rules = {}
    for f in formset.forms:
        if not f.has_changed():
            continue
        code = f.cleaned_data.get("code") or f.initial.get("code", "")
        if f in formset.deleted_forms:
            rules[code] = {"deleted": {k: f.initial.get(k) for k in ("title", "text")}}
        else:
            rules[code] = form_changes(f)
    return {
        "fields": sorted(form.changed_data),
        "changes": form_changes(form),
        "house_rules": sorted(rules),
        "house_rule_changes": rules,
    }


@login_required
@require_http_methods(["GET", "POST"])
def channel_edit(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    """Create (no slug) or change a channel and its house rules."""
    perm = "core.change_channel" if slug else "core.add_channel"
    if not request.user.has_perm(perm):
        raise PermissionDenied
    channel = _channel_or_404(request, slug) if slug else Channel()
    orgs = organisations_for(request.user)
    form = ChannelForm(request.POST or None, instance=channel, organisations=orgs)
    formset = HouseRuleFormSet(request.POST or None, instance=channel, prefix="rules")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            created = channel.pk is None
            saved = form.save()
            formset.instance = saved
            if formset.is_valid():
                formset.save()
                audit_record(
                    actor=request.user,
                    verb="channel.create" if created else "channel.change",
                    obj=saved,
                    details=_changed(form, formset),
                )
                messages.success(request, _("The channel is saved."))
                return redirect(reverse("channel", args=[saved.slug]))
            transaction.set_rollback(True)
    return render(
        request,
        "web/channel_form.html",
        {"form": form, "formset": formset, "channel": channel if slug else None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def channel_health(request: HttpRequest) -> HttpResponse:
    _may_view(request)
    channels = list(channels_for(request.user).select_related("organisation"))
    states = {s.channel_id: s for s in ChannelState.objects.filter(channel__in=channels)}
    # The problems of each channel's last poll, newest first: what was skipped or failed,
    # why, and at which address (a few per channel; `tilstede channel show` lists more).
    problems: dict[int, list[ChannelProblem]] = {}
    for c in channels:
        state = states.get(c.pk)
        if state and state.last_poll_problems and state.last_poll_at:
            problems[c.pk] = list(
                ChannelProblem.objects.filter(channel=c, seen_at__gte=state.last_poll_at)[:5]
            )
    return render(
        request,
        "web/health.html",
        {
            "rows": [(c, states.get(c.pk)) for c in channels],
            "problems": [(c, problems[c.pk]) for c in channels if problems.get(c.pk)],
        },
    )
