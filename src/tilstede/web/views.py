"""Views of the web desk: the dashboard, the health check, the favicon and the bench's
empty view."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from tilstede.web import charts
from tilstede.web.selectors import dashboard_figures


@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for a load balancer: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico where a page names no icon (a PDF, a JSON answer)."""
    return HttpResponsePermanentRedirect(static("tilstede/favicon.svg"))


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard for those who may see figures; a responder goes to their queue."""
    user = request.user
    if not user.has_perm("core.view_dashboard"):
        if not user.has_perm("core.view_item"):
            # Signed in (single sign-on) before an administrator gave a role.
            return render(request, "web/no_role.html")
        return redirect("inbox")
    figures = dashboard_figures(user)
    names = [row.channel.name for row in figures.rows]
    volume_chart = charts.stacked_days(
        figures.days,
        [(row.channel.name, figures.volume[row.channel.pk]) for row in figures.rows],
        "volume",
    )
    # The share answered within the promise, not the median of those answered: a median
    # of 1.4 hours says nothing of the thirty items never answered (issue 24).
    response_chart = charts.horizontal_bars(
        [(r["channel"].name, r["kept_percent"], None) for r in figures.response],
        "response",
        charts.percent,
        peak=100,
    )
    outcome_chart = charts.horizontal_bars(
        [(title or "–", n, None) for title, n in figures.outcomes], "outcomes"
    )
    volume_rows = [
        (day, [figures.volume[row.channel.pk][i] for row in figures.rows])
        for i, day in enumerate(figures.days)
    ]
    return render(
        request,
        "web/home.html",
        {
            "figures": figures,
            "channels": [row.channel for row in figures.rows],
            "legend": charts.legend(names),
            "volume_chart": volume_chart,
            "volume_rows": volume_rows,
            "response_chart": response_chart,
            "outcome_chart": outcome_chart,
        },
    )


def empty(request: HttpRequest) -> HttpResponse:
    """The bench's baseline: Django's own cost of a request, with no database or template.

    Routed only when the bench's settings ask for it (``TILSTEDE_BENCH_EMPTY_VIEW``).
    """
    return HttpResponse(b"ok", content_type="text/plain")
