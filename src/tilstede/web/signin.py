"""Sign-in in the desk: the login page (password, and the buttons for single sign-on),
the organisation's sign-in settings (roles from the identity provider, two-factor), and
ending a person's sessions.

The password form goes through django-allauth's login, so that a person with a second
factor is asked for it before they are signed in; django-axes still checks every
password first (``web.logins``).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from allauth.account.utils import perform_login
from allauth.socialaccount.adapter import get_adapter as get_social_adapter
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from tilstede.core.services import PeopleError, audit_record, person_sessions_end
from tilstede.signin.models import RoleMapping, SignInPolicy
from tilstede.signin.oidc import issuer_of
from tilstede.signin.services import (
    password_signin_allowed,
    role_mapping_add,
    role_mapping_remove,
    signin_policy_update,
)
from tilstede.web.forms import ReasonForm, RoleMappingForm, SignInPolicyForm
from tilstede.web.organisation import _manageable_or_403, _may_manage
from tilstede.web.ratelimit import client_ip
from tilstede.web.selectors import organisations_for


def sso_providers(request: HttpRequest) -> list:
    """The identity providers people may sign in through (allauth's apps)."""
    return [p for p in get_social_adapter().list_providers(request) if p.id == "openid_connect"]


class DeskLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "sso_required": gettext_lazy(
            "Password sign-in is turned off. Sign in with your organisation's account."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and not password_signin_allowed(username):
            # Refused before any password is checked: nothing to guess here.
            audit_record(
                actor="anonymous",
                verb="auth.login_refused",
                object_type="auth.user",
                details={
                    "username": username[:150],
                    "address": client_ip(self.request),
                    "reason": "single sign-on required",
                },
            )
            raise forms.ValidationError(self.error_messages["sso_required"], code="sso_required")
        return super().clean()


class DeskLoginView(auth_views.LoginView):
    form_class = DeskLoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        # allauth's login runs its stages (the second factor) before signing in.
        return perform_login(self.request, form.get_user(), redirect_url=self.get_success_url())

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        # The buttons' POST is answered with a redirect to the identity provider, which
        # the CSP's form-action must allow (django-csp's per-response update).
        origins = set()
        for provider in context["sso_providers"]:
            for url in (
                issuer_of(provider.app),
                provider.app.settings.get("authorization_origin"),
            ):
                if url:
                    parts = urlsplit(url)
                    origins.add(f"{parts.scheme}://{parts.netloc}")
        if origins:
            response._csp_update = {"form-action": sorted(origins)}
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["sso_providers"] = sso_providers(self.request)
        context["sso_required"] = any(
            e.code == "sso_required" for e in form.non_field_errors().as_data()
        )
        return context


# --- the organisation's sign-in settings -------------------------------------------------------


def _providers(request: HttpRequest) -> list[tuple[str, str]]:
    return [(p.app.provider_id, p.name) for p in sso_providers(request)]


def _page(request: HttpRequest, form: RoleMappingForm | None = None, status: int = 200):
    orgs = organisations_for(request.user).order_by("name")
    rows = []
    for org in orgs:
        policy = SignInPolicy.objects.filter(organisation=org).first() or SignInPolicy(
            organisation=org
        )
        rows.append(
            (
                org,
                RoleMapping.objects.filter(organisation=org),
                SignInPolicyForm(instance=policy, prefix=f"org{org.pk}"),
            )
        )
    providers = _providers(request)
    return render(
        request,
        "web/signin_settings.html",
        {
            "rows": rows,
            "providers": providers,
            "form": form or RoleMappingForm(organisations=orgs, providers=providers),
            "reason_form": ReasonForm(),
        },
        status=status,
    )


@login_required
@require_GET
def signin_settings(request: HttpRequest) -> HttpResponse:
    _may_manage(request)
    return _page(request)


@login_required
@require_POST
def signin_mapping_new(request: HttpRequest) -> HttpResponse:
    _may_manage(request)
    form = RoleMappingForm(
        request.POST, organisations=organisations_for(request.user), providers=_providers(request)
    )
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        role_mapping_add(form=form, by=request.user)
    except PeopleError as exc:
        raise PermissionDenied(str(exc)) from exc
    messages.success(
        request, _("The mapping is saved. It applies from each person's next sign-in.")
    )
    return redirect("signin_settings")


@login_required
@require_POST
def signin_mapping_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _may_manage(request)
    mapping = RoleMapping.objects.filter(
        pk=pk, organisation__in=organisations_for(request.user)
    ).first()
    if mapping is None:
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the change."))
        return redirect("signin_settings")
    try:
        role_mapping_remove(mapping=mapping, reason=form.cleaned_data["reason"], by=request.user)
    except PeopleError as exc:
        raise PermissionDenied(str(exc)) from exc
    messages.success(
        request, _("The mapping is removed. Its people lose the role at their next sign-in.")
    )
    return redirect("signin_settings")


@login_required
@require_POST
def signin_policy(request: HttpRequest, slug: str) -> HttpResponse:
    _may_manage(request)
    org = organisations_for(request.user).filter(slug=slug).first()
    if org is None:
        raise Http404
    policy = SignInPolicy.objects.filter(organisation=org).first() or SignInPolicy(organisation=org)
    form = SignInPolicyForm(request.POST, instance=policy, prefix=f"org{org.pk}")
    if form.is_valid():
        try:
            signin_policy_update(form=form, by=request.user)
        except PeopleError as exc:
            raise PermissionDenied(str(exc)) from exc
        messages.success(request, _("The sign-in settings are saved."))
    return redirect("signin_settings")


@login_required
@require_POST
def person_sessions(request: HttpRequest, pk: int) -> HttpResponse:
    """End every session of a person (a lost laptop, someone leaving)."""
    _may_manage(request)
    person = _manageable_or_403(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the change."))
        return redirect("person", pk=person.pk)
    try:
        ended = person_sessions_end(
            person=person, reason=form.cleaned_data["reason"], by=request.user
        )
    except PeopleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            ngettext("%(count)d session is ended.", "%(count)d sessions are ended.", ended)
            % {"count": ended},
        )
    return redirect("person", pk=person.pk)
