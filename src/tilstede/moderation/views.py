"""Public pages of moderation: the transparency report and the appeal form [3.5].

Both are open without log-in. The report shows counts per channel and house rule only;
the appeal form is reached through a signed link sent to the author and never shows the
comment's text.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from tilstede.core.csvsafe import csv_writer
from tilstede.core.models import Organisation
from tilstede.moderation.models import Decision
from tilstede.moderation.selectors import ChannelFigures, transparency_figures
from tilstede.moderation.services import ModerationError, appeal_submit, notice_language
from tilstede.moderation.tasks import APPEAL_SALT
from tilstede.web.ratelimit import rate_limited


class BadMonth(ValueError):
    pass


def _period(request: HttpRequest) -> tuple[dt.date, dt.date, str]:
    """?month=2026-11 (default: the current month in Europe/Oslo) -> [start, end).

    BadMonth for anything but a month between 1970-01 and 9998-12 (the page links the
    month before and after; dates beyond are not representable).
    """
    tz = ZoneInfo(settings.TIME_ZONE)
    raw = request.GET.get("month", "")
    if not raw:
        start = dt.datetime.now(tz).date().replace(day=1)
    else:
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", raw.strip())
        if not match or not (1970 <= int(match[1]) <= 9998 and 1 <= int(match[2]) <= 12):
            raise BadMonth(raw)
        start = dt.date(int(match[1]), int(match[2]), 1)
    end = (start + dt.timedelta(days=32)).replace(day=1)
    return start, end, f"{start:%Y-%m}"


def _bad_month() -> HttpResponse:
    return HttpResponseBadRequest(
        _("Give the month as year-month, for example 2026-03."),
        content_type="text/plain; charset=utf-8",
    )


def _figures(org: Organisation, start: dt.date, end: dt.date) -> list[ChannelFigures]:
    tz = ZoneInfo(settings.TIME_ZONE)
    return transparency_figures(
        organisation=org,
        start=dt.datetime.combine(start, dt.time(), tz),
        end=dt.datetime.combine(end, dt.time(), tz),
    )


@require_GET
def transparency(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    try:
        start, end, month = _period(request)
    except BadMonth:
        return _bad_month()
    prev = (start - dt.timedelta(days=1)).strftime("%Y-%m")
    return render(
        request,
        "moderation/transparency.html",
        {
            "organisation": organisation,
            "figures": _figures(organisation, start, end),
            "month": month,
            "previous_month": prev,
            "start": start,
        },
    )


@require_GET
def transparency_csv(request: HttpRequest, org: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=org)
    try:
        start, end, month = _period(request)
    except BadMonth:
        return _bad_month()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="apenhet-{organisation.slug}-{month}.csv"'
    )
    writer = csv_writer(response)
    writer.writerow(
        [
            "month",
            "channel",
            "platform",
            "received",
            "hidden",
            "removed",
            "reason",
            "count",
            "appeals",
            "appeals_decided",
            "appeals_overturned",
            "answered",
            "median_response_hours",
        ]
    )
    for f in _figures(organisation, start, end):
        reasons = list(f.by_house_rule.items()) or [("", 0)]
        for reason, count in reasons:
            writer.writerow(
                [
                    month,
                    f.channel,
                    f.platform,
                    f.received,
                    f.hidden,
                    f.removed,
                    reason,
                    count,
                    f.appeals,
                    f.appeals_decided,
                    f.appeals_overturned,
                    f.answered,
                    f.median_response_hours or "",
                ]
            )
    return response


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should the decision be changed?"), widget=forms.Textarea, max_length=5000
    )
    contact = forms.CharField(
        label=_("E-mail or phone, if you want an answer (optional)"), required=False, max_length=300
    )


@require_http_methods(["GET", "POST"])
@rate_limited("appeal", limit=5, per=dt.timedelta(minutes=10), methods=("POST",))
def appeal(request: HttpRequest, token: str) -> HttpResponse:
    try:
        decision_id = signing.loads(token, salt=APPEAL_SALT, max_age=dt.timedelta(days=90))
    except signing.BadSignature:
        raise Http404 from None
    decision = get_object_or_404(
        Decision.objects.select_related("house_rule", "item__channel"), pk=decision_id
    )
    # In the language of the comment, as the notice that linked here was.
    with translation.override(notice_language(decision.item)):
        return _appeal_page(request, decision)


def _appeal_page(request: HttpRequest, decision: Decision) -> HttpResponse:
    form = AppealForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            appeal_submit(
                decision=decision,
                text=form.cleaned_data["text"],
                contact=form.cleaned_data["contact"],
            )
        except ModerationError as exc:
            error = str(exc)
        else:
            response = render(request, "moderation/appeal_sent.html", {"decision": decision})
            response["Content-Language"] = translation.get_language()
            return response
    response = render(
        request, "moderation/appeal.html", {"decision": decision, "form": form, "error": error}
    )
    response["Content-Language"] = translation.get_language()
    return response
