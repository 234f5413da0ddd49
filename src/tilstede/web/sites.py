"""The organisation's comment fields (web comment sites) in the desk.

An administrator adds a comment field for one of the organisation's websites (it gets
its own pre-moderated channel, whose house rules and moderation mode are set on the
channel's page), changes its allowed origins and how long new commenters are held, and
copies the two lines to paste into the website. Every change is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tilstede.web.forms import SiteForm, SiteSettingsForm
from tilstede.web.selectors import organisations_for
from tilstede.webcomments.models import Site
from tilstede.webcomments.services import site_create, site_update
from tilstede.webcomments.views import snippet


def _sites(request: HttpRequest):
    return Site.objects.filter(channel__organisation__in=organisations_for(request.user))


@login_required
@require_GET
def site_list(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("core.view_channel"):
        raise PermissionDenied
    return render(
        request,
        "web/sites.html",
        {
            "sites": _sites(request).select_related("channel", "channel__organisation"),
            "may_change": request.user.has_perm("core.change_channel"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def site_new(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("core.add_channel"):
        raise PermissionDenied
    form = SiteForm(request.POST or None, organisations=organisations_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            site = site_create(
                name=data["name"],
                allowed_origins=data["allowed_origins"].splitlines(),
                organisation=data["organisation"],
                by=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The comment field is made. Paste the code below."))
            return redirect("site", pk=site.pk)
    return render(
        request,
        "web/site_form.html",
        {"form": form, "site": None},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("core.view_channel"):
        raise PermissionDenied
    site = _sites(request).select_related("channel").filter(pk=pk).first()
    if site is None:
        raise Http404
    may_change = request.user.has_perm("core.change_channel")
    form = SiteSettingsForm(request.POST or None, instance=site)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        if form.is_valid():
            site_update(form=form, by=request.user)
            messages.success(request, _("The comment field is saved."))
            return redirect("site", pk=site.pk)
    return render(
        request,
        "web/site_form.html",
        {
            "form": form,
            "site": site,
            "may_change": may_change,
            "snippet": snippet(request, site),
            # The made-up article that embeds the field: served in development only.
            "demo_url": reverse("webcomments:demo", args=[site.key]) if settings.DEBUG else "",
        },
        status=400 if form.errors else 200,
    )
