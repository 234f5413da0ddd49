"""The channel register [2.1-2.3, 3.4, 3.5] and channel health.

Everyone in the organisation may read the register; administrators change it. Every
change is written to the audit log in the same transaction as the change.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from tilstede.core.models import Channel
from tilstede.core.services import audit_record, form_changes
from tilstede.ingest.models import ChannelProblem, ChannelState
from tilstede.web.forms import ChannelForm, ConnectForm, HouseRuleFormSet
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
            "connectable": channel.platform in ("mastodon", "bluesky", "facebook"),
            **_token_lapse(channel),
        },
    )


# How each platform's access is renewed, said beside the date it lapses (in the reader's
# language, so the text lives here and not in the channel's stored settings).
_RENEW = {
    "mastodon": gettext_lazy(
        "Mastodon tokens do not lapse; a revoked token shows as a failing poll."
    ),
    "facebook": gettext_lazy(
        "Connect the page again before the date: Facebook asks the person to confirm the "
        "app's access every 90 days."
    ),
    "bluesky": gettext_lazy(
        "The session renews itself at each poll; after the date the app password logs in again."
    ),
}


def _token_lapse(channel: Channel) -> dict:
    """When the channel's access lapses, and whether that is within 14 days (say it)."""
    import datetime as dt

    from django.utils import timezone

    value = (channel.config or {}).get("token_expires_at")
    try:
        when = dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        when = None
    return {
        "token_expires_at": when,
        "token_lapses_soon": bool(when and when - timezone.now() <= dt.timedelta(days=14)),
        "token_renew": _RENEW.get(channel.platform, ""),
    }


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


# -- Connecting the account ------------------------------------------------------------
#
# Mastodon and Facebook send the person to the platform and back to
# ``channel_connect_callback``; what the callback needs (the channel, the PKCE verifier,
# the app registered on the instance, the start chosen) waits in the session under a
# random ``state``, which the platform hands back and which is used once.

CONNECT_SESSION = "tilstede_connect"


def _connect_client():
    """The httpx client for the platforms' connect steps (tests replace it)."""
    return None


def _callback_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("channel_connect_callback"))


def _connect_failed(request: HttpRequest, channel: Channel, exc: Exception) -> HttpResponse:
    messages.error(request, _("The account was not connected: %(why)s") % {"why": exc})
    return redirect(reverse("channel_connect", args=[channel.slug]))


@login_required
@require_http_methods(["GET", "POST"])
def channel_connect(request: HttpRequest, slug: str) -> HttpResponse:
    """Connect the channel's account: start OAuth (Mastodon, Facebook) or check an app
    password (Bluesky)."""
    from django.conf import settings

    from tilstede.connectors.base import ConnectorError
    from tilstede.connectors.oauth import FacebookOAuth, MastodonOAuth, bluesky_connect, pkce_pair
    from tilstede.ingest.services import channel_connect as connect

    if not request.user.has_perm("core.change_channel"):
        raise PermissionDenied
    channel = _channel_or_404(request, slug)
    if channel.platform not in ("mastodon", "bluesky", "facebook"):
        raise Http404
    form = ConnectForm(request.POST or None, platform=channel.platform)
    if request.method == "POST" and form.is_valid():
        state = secrets.token_urlsafe(32)
        pending = {"state": state, "slug": channel.slug, "days": form.days}
        try:
            if channel.platform == "bluesky":
                connected = bluesky_connect(
                    handle=form.cleaned_data["handle"],
                    app_password=form.cleaned_data["app_password"],
                    service=form.cleaned_data["service"],
                    client=_connect_client(),
                )
                connect(
                    channel=channel, connected=connected, by=request.user, history_days=form.days
                )
                messages.success(request, _("The account is connected."))
                return redirect(reverse("channel", args=[channel.slug]))
            if channel.platform == "mastodon":
                oauth = MastodonOAuth(form.cleaned_data["instance"], client=_connect_client())
                app = oauth.register(redirect_uri=_callback_url(request))
                verifier, challenge = pkce_pair()
                pending.update(app, instance=oauth.base_url, verifier=verifier)
                target = oauth.authorize_url(
                    client_id=app["client_id"],
                    redirect_uri=_callback_url(request),
                    state=state,
                    challenge=challenge,
                )
            else:
                oauth = FacebookOAuth(
                    app_id=settings.TILSTEDE_FACEBOOK_APP_ID,
                    app_secret=settings.TILSTEDE_FACEBOOK_APP_SECRET,
                    graph_url=settings.TILSTEDE_FACEBOOK_GRAPH_URL,
                    dialog_url=settings.TILSTEDE_FACEBOOK_DIALOG_URL,
                    client=_connect_client(),
                )
                target = oauth.authorize_url(redirect_uri=_callback_url(request), state=state)
        except ConnectorError as exc:
            return _connect_failed(request, channel, exc)
        request.session[CONNECT_SESSION] = pending
        # A link, not a redirect: the desk's CSP allows forms to post to the desk only
        # (form-action 'self'), and browsers apply that to a redirect after the post.
        return render(
            request, "web/channel_connect_go.html", {"channel": channel, "target": target}
        )
    return render(
        request,
        "web/channel_connect.html",
        {"channel": channel, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def channel_connect_callback(request: HttpRequest) -> HttpResponse:
    """Where the platform sends the person back: check the state, finish, store.

    Facebook answers with the pages the person manages; the person picks one (a POST
    back here), and only a page where they have the MODERATE task is connected.
    """
    from django.conf import settings

    from tilstede.connectors.base import ConnectorError
    from tilstede.connectors.oauth import FacebookOAuth, MastodonOAuth
    from tilstede.ingest.services import channel_connect as connect

    if not request.user.has_perm("core.change_channel"):
        raise PermissionDenied
    pending = request.session.get(CONNECT_SESSION) or {}
    state = request.POST.get("state") or request.GET.get("state") or ""
    if not pending or not secrets.compare_digest(str(pending.get("state", "")), state):
        raise BadRequest(_("This connection was not started here or has already been used."))
    channel = _channel_or_404(request, pending["slug"])
    if request.GET.get("error"):
        request.session.pop(CONNECT_SESSION, None)
        return _connect_failed(
            request,
            channel,
            Exception(request.GET.get("error_description") or request.GET["error"]),
        )
    try:
        if channel.platform == "mastodon":
            request.session.pop(CONNECT_SESSION, None)
            connected = MastodonOAuth(pending["instance"], client=_connect_client()).finish(
                code=request.GET.get("code", ""),
                verifier=pending["verifier"],
                client_id=pending["client_id"],
                client_secret=pending["client_secret"],
                redirect_uri=_callback_url(request),
            )
        else:
            oauth = FacebookOAuth(
                app_id=settings.TILSTEDE_FACEBOOK_APP_ID,
                app_secret=settings.TILSTEDE_FACEBOOK_APP_SECRET,
                graph_url=settings.TILSTEDE_FACEBOOK_GRAPH_URL,
                dialog_url=settings.TILSTEDE_FACEBOOK_DIALOG_URL,
                client=_connect_client(),
            )
            if request.method == "GET":
                pages = oauth.pages(
                    code=request.GET.get("code", ""), redirect_uri=_callback_url(request)
                )
                pending["pages"] = pages
                request.session[CONNECT_SESSION] = pending
                return render(
                    request,
                    "web/channel_connect_page.html",
                    {"channel": channel, "pages": pages, "state": state},
                )
            request.session.pop(CONNECT_SESSION, None)
            chosen = next(
                (p for p in pending.get("pages") or [] if str(p["id"]) == request.POST.get("page")),
                None,
            )
            if chosen is None:
                raise BadRequest(_("Choose one of the pages listed."))
            connected = oauth.connect(chosen)
    except ConnectorError as exc:
        request.session.pop(CONNECT_SESSION, None)
        return _connect_failed(request, channel, exc)
    connect(
        channel=channel,
        connected=connected,
        by=request.user,
        history_days=int(pending.get("days") or 0),
    )
    messages.success(request, _("The account is connected."))
    return redirect(reverse("channel", args=[channel.slug]))
