"""The organisation's own settings and its people, managed in the desk (not the admin).

An administrator changes their organisation's settings, adds people, gives and takes
roles and deactivates people; every change goes through ``tilstede.core.services`` and
the audit log with before/after. Nothing of another organisation is reachable: objects
are looked up through the person's own organisations and answer 404 otherwise.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tilstede.core.models import Organisation
from tilstede.core.roles import MANAGE_PEOPLE, ROLES, role_label
from tilstede.core.services import (
    PeopleError,
    audit_record,
    organisation_update,
    password_link,
    people_manageable_by,
    person_add,
    person_roles_set,
    person_set_active,
)
from tilstede.web.forms import OrganisationForm, PersonAddForm, PersonRolesForm, ReasonForm
from tilstede.web.selectors import organisations_for


def _organisation_or_404(request: HttpRequest, slug: str) -> Organisation:
    organisation = organisations_for(request.user).filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


@login_required
@require_GET
def organisation_home(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("core.view_organisation"):
        raise PermissionDenied
    first = organisations_for(request.user).first()
    if first is None:
        raise Http404
    return redirect("organisation", slug=first.slug)


@login_required
@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.has_perm("core.view_organisation"):
        raise PermissionDenied
    organisation = _organisation_or_404(request, slug)
    return render(
        request,
        "web/organisation.html",
        {
            "organisation": organisation,
            "form": OrganisationForm(instance=organisation),
            "may_change": request.user.has_perm("core.change_organisation"),
            "response_hours": round(organisation.response_time.total_seconds() / 3600, 2),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    if not request.user.has_perm("core.change_organisation"):
        raise PermissionDenied
    organisation = _organisation_or_404(request, slug)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        saved = organisation_update(form=form, by=request.user)
        messages.success(request, _("The organisation's settings are saved."))
        return redirect("organisation", slug=saved.slug)
    return render(
        request,
        "web/organisation_form.html",
        {"organisation": organisation, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- people --------------------------------------------------------------------------------


def _may_manage(request: HttpRequest) -> None:
    if not request.user.has_perm(f"core.{MANAGE_PEOPLE}"):
        raise PermissionDenied


def _person_or_404(request: HttpRequest, pk: int):
    """A person the asking administrator may see: a member of one of their organisations."""
    orgs = organisations_for(request.user)
    person = (
        get_user_model()
        ._default_manager.filter(pk=pk, organisations__in=orgs)
        .distinct()
        .prefetch_related("groups", "organisations")
        .first()
    )
    if person is None:
        raise Http404
    return person


def _roles(person) -> list[str]:
    names = {g.name for g in person.groups.all()}
    return [role_label(r) for r in ROLES if r in names]


@login_required
@require_GET
def people_list(request: HttpRequest) -> HttpResponse:
    _may_manage(request)
    orgs = organisations_for(request.user)
    manageable = set(people_manageable_by(request.user).values_list("pk", flat=True))
    people = (
        get_user_model()
        ._default_manager.filter(organisations__in=orgs)
        .distinct()
        .prefetch_related("groups", "organisations")
        .order_by("-is_active", "first_name", "last_name", "username")
    )
    rows = [(p, _roles(p), p.pk in manageable) for p in people]
    return render(request, "web/people.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest) -> HttpResponse:
    _may_manage(request)
    form = PersonAddForm(request.POST or None, organisations=organisations_for(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = person_add(
                organisation=data["organisation"],
                email=data["email"],
                name=data["name"],
                roles=data["roles"],
                by=request.user,
            )
        except PeopleError as exc:
            form.add_error("email", str(exc))
        else:
            return render(
                request,
                "web/person_link.html",
                {"person": person, "link": password_link(person=person), "new": True},
            )
    return render(
        request, "web/person_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _may_manage(request)
    person = _person_or_404(request, pk)
    names = {g.name for g in person.groups.all()}
    manageable = people_manageable_by(request.user).filter(pk=person.pk).exists()
    return render(
        request,
        "web/person.html",
        {
            "person": person,
            "roles": _roles(person),
            "manageable": manageable,
            "roles_form": PersonRolesForm(initial={"roles": [r for r in ROLES if r in names]}),
            "reason_form": ReasonForm(),
        },
    )


def _manageable_or_403(request: HttpRequest, pk: int):
    person = _person_or_404(request, pk)
    if not people_manageable_by(request.user).filter(pk=person.pk).exists():
        raise PermissionDenied
    return person


@login_required
@require_POST
def person_roles(request: HttpRequest, pk: int) -> HttpResponse:
    _may_manage(request)
    person = _manageable_or_403(request, pk)
    form = PersonRolesForm(request.POST)
    if form.is_valid():
        try:
            person_roles_set(
                person=person,
                roles=form.cleaned_data["roles"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except PeopleError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The roles are saved."))
    else:
        messages.error(request, _("Give a reason for the change."))
    return redirect("person", pk=person.pk)


@login_required
@require_POST
def person_active(request: HttpRequest, pk: int) -> HttpResponse:
    _may_manage(request)
    person = _manageable_or_403(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for the change."))
        return redirect("person", pk=person.pk)
    active = request.POST.get("active") == "1"
    try:
        person_set_active(
            person=person, active=active, reason=form.cleaned_data["reason"], by=request.user
        )
    except PeopleError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The person can sign in again.") if active else _("The person is deactivated."),
        )
    return redirect("person", pk=person.pk)


@login_required
@require_POST
def person_link(request: HttpRequest, pk: int) -> HttpResponse:
    """A new one-time password link (the person forgot it, or the first one ran out)."""
    _may_manage(request)
    person = _manageable_or_403(request, pk)
    if not person.is_active:
        raise PermissionDenied
    audit_record(actor=request.user, verb="person.password_link", obj=person)
    return render(
        request,
        "web/person_link.html",
        {"person": person, "link": password_link(person=person), "new": False},
    )


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """The one-time link: the person chooses their password, and the audit log says so."""

    template_name = "registration/password_set.html"
    success_url = reverse_lazy("login")
    post_reset_login = False

    def form_valid(self, form):
        response = super().form_valid(form)
        audit_record(actor=form.user, verb="person.password_set", obj=form.user)
        messages.success(self.request, _("Your password is set. Sign in with it."))
        return response
