"""The organisation's desk settings: saved replies, watched words, routing, teams, topics.

One small list-and-form view per kind, scoped to the person's organisations; anyone who
may read the register reads them, administrators change them, and each change goes to
the audit log with the before/after of every changed field.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from tilstede.core.models import Team, Topic
from tilstede.core.services import audit_record, form_changes
from tilstede.desk.models import RoutingRule, SavedReply
from tilstede.moderation.models import WatchedWord
from tilstede.web.forms import (
    RoutingRuleForm,
    SavedReplyForm,
    TeamForm,
    TopicForm,
    WatchedWordForm,
)
from tilstede.web.selectors import organisations_for


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type[models.Model]
    form: type[ModelForm]
    title: object
    columns: tuple[tuple[str, object], ...]
    includes_standard: bool = False
    deletable: bool = False
    view_perm: str = "core.view_channel"
    change_perm: str = "core.change_channel"


KINDS = {
    "replies": Kind(
        "replies",
        SavedReply,
        SavedReplyForm,
        gettext_lazy("Saved replies"),
        (
            ("title", gettext_lazy("Title")),
            ("get_language_display", gettext_lazy("Language")),
            ("get_purpose_display", gettext_lazy("Purpose")),
            ("text", gettext_lazy("Text")),
        ),
        includes_standard=True,
    ),
    "words": Kind(
        "words",
        WatchedWord,
        WatchedWordForm,
        gettext_lazy("Watched words"),
        (
            ("word", gettext_lazy("Word or phrase")),
            ("get_action_display", gettext_lazy("Action")),
            ("house_rule_code", gettext_lazy("House rule")),
        ),
        deletable=True,
    ),
    "routing": Kind(
        "routing",
        RoutingRule,
        RoutingRuleForm,
        gettext_lazy("Routing rules"),
        (
            ("order", gettext_lazy("Order")),
            ("name", gettext_lazy("Name")),
            ("channel", gettext_lazy("Channel")),
            ("keywords", gettext_lazy("Keywords")),
            ("language", gettext_lazy("Language")),
            ("topic", gettext_lazy("Topic")),
            ("team", gettext_lazy("Team")),
            ("assignee", gettext_lazy("Person")),
            ("active", gettext_lazy("Active")),
        ),
    ),
    "teams": Kind(
        "teams",
        Team,
        TeamForm,
        gettext_lazy("Teams"),
        (
            ("name", gettext_lazy("Name")),
            ("contact_email", gettext_lazy("Contact e-mail")),
            ("member_names", gettext_lazy("Members")),
        ),
        view_perm="core.view_team",
        change_perm="core.change_team",
    ),
    "topics": Kind(
        "topics",
        Topic,
        TopicForm,
        gettext_lazy("Topics"),
        (
            ("name", gettext_lazy("Name")),
            ("keywords", gettext_lazy("Keywords")),
            ("team", gettext_lazy("Team")),
            ("responder_names", gettext_lazy("Responders")),
        ),
        view_perm="core.view_topic",
        change_perm="core.change_topic",
    ),
}


def _kind(slug: str) -> Kind:
    if slug not in KINDS:
        raise Http404
    return KINDS[slug]


def _objects(request: HttpRequest, kind: Kind):
    orgs = organisations_for(request.user)
    scope = Q(organisation__in=orgs)
    if kind.includes_standard:
        scope |= Q(organisation__isnull=True)
    return kind.model.objects.filter(scope)


def _cells(obj: models.Model, kind: Kind) -> list[str]:
    cells = []
    for attr, _label in kind.columns:
        value = getattr(obj, attr)
        value = value() if callable(value) else value
        if isinstance(value, bool):
            value = _("yes") if value else _("no")
        cells.append("" if value is None else str(value))
    return cells


@login_required
@require_http_methods(["GET"])
def config_list(request: HttpRequest, kind: str) -> HttpResponse:
    k = _kind(kind)
    if not request.user.has_perm(k.view_perm):
        raise PermissionDenied
    objects = _objects(request, k).select_related("organisation")
    may_change = request.user.has_perm(k.change_perm)
    return render(
        request,
        "web/config_list.html",
        {
            "kind": k,
            "rows": [
                (o, _cells(o, k), may_change and getattr(o, "organisation_id", None) is not None)
                for o in objects
            ],
            "may_change": may_change,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def config_edit(request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
    k = _kind(kind)
    if not request.user.has_perm(k.change_perm):
        raise PermissionDenied
    instance = None
    if pk is not None:
        instance = _objects(request, k).filter(pk=pk, organisation__isnull=False).first()
        if instance is None:
            raise Http404
    orgs = organisations_for(request.user)
    form = k.form(request.POST or None, instance=instance, organisations=orgs)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            changes = form_changes(form)
            obj = form.save()
            audit_record(
                actor=request.user,
                verb=f"{k.model._meta.model_name}.{'change' if pk else 'create'}",
                obj=obj,
                details={"fields": sorted(changes), "changes": changes},
            )
        messages.success(request, _("Saved."))
        return redirect(reverse("config", args=[k.slug]))
    return render(
        request,
        "web/config_form.html",
        {"kind": k, "form": form, "instance": instance},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def config_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    k = _kind(kind)
    if not request.user.has_perm(k.change_perm):
        raise PermissionDenied
    if not k.deletable:
        raise Http404
    obj = _objects(request, k).filter(pk=pk).first()
    if obj is None:
        raise Http404
    with transaction.atomic():
        audit_record(
            actor=request.user,
            verb=f"{k.model._meta.model_name}.delete",
            obj=obj,
            details={"was": str(obj)},
        )
        obj.delete()
    messages.success(request, _("Deleted."))
    return redirect(reverse("config", args=[k.slug]))
