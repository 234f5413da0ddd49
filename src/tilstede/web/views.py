"""Views of the web desk: thin, they read through selectors and render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tilstede.core.models import Channel, Visibility
from tilstede.core.permissions import items_for_user


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for a load balancer: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    items = items_for_user(request.user)
    per_channel = (
        Channel.objects.filter(items__in=items)
        .annotate(
            total=Count("items", distinct=True),
            held=Count("items", filter=Q(items__visibility=Visibility.HELD), distinct=True),
        )
        .order_by("name")
    )
    return render(request, "web/home.html", {"channels": per_channel})
