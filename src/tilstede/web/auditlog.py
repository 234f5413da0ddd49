"""The audit log, filtered, newest first, in keyset pages on the event id.

A person sees the events on items they may see and the events their colleagues (members
of their organisations) caused; events of other organisations stay out of sight.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from tilstede.core.models import AuditEvent
from tilstede.core.permissions import items_for_user
from tilstede.web.forms import AuditFilterForm
from tilstede.web.selectors import organisations_for

PAGE = 100


def _visible_events(user):
    events = AuditEvent.objects.all()
    if user.is_superuser:
        return events
    items = items_for_user(user).annotate(key=Cast("pk", CharField())).values("key")
    colleagues = get_user_model().objects.filter(organisations__in=organisations_for(user))
    return events.filter(Q(object_type="core.item", object_id__in=items) | Q(actor__in=colleagues))


@login_required
@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.has_perm("core.view_auditevent"):
        raise PermissionDenied
    form = AuditFilterForm(request.GET or None, label_suffix="")
    events = _visible_events(user)
    if form.is_valid():
        data = form.cleaned_data
        if data["verb"]:
            events = events.filter(verb__startswith=data["verb"])
        if data["actor"]:
            events = events.filter(actor_label=data["actor"])
        if data["item"]:
            events = events.filter(object_type="core.item", object_id=str(data["item"]))
        tz = timezone.get_current_timezone()
        if data["since"]:
            events = events.filter(at__gte=dt.datetime.combine(data["since"], dt.time(), tz))
        if data["until"]:
            end = dt.datetime.combine(data["until"] + dt.timedelta(days=1), dt.time(), tz)
            events = events.filter(at__lt=end)
    before = request.GET.get("before", "")
    if before.isdigit():
        events = events.filter(pk__lt=int(before))
    page = list(events.order_by("-id")[: PAGE + 1])
    more = len(page) > PAGE
    page = page[:PAGE]
    query = request.GET.copy()
    query.pop("before", None)
    verbs = sorted(set(AuditEvent.objects.values_list("verb", flat=True).distinct()[:200]))
    return render(
        request,
        "web/audit.html",
        {
            "form": form,
            "events": page,
            "next_before": page[-1].pk if more and page else None,
            "query": query.urlencode(),
            "verbs": verbs,
        },
    )
