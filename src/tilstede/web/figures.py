"""The figures page for leaders: a chosen period against the one before it, per channel
and per team, with the same figures as CSV and PDF (``tilstede.desk.figures``)."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from tilstede.core.csvsafe import csv_writer
from tilstede.core.formatting import format_date
from tilstede.desk.figures import Figures, Period, Report, Row, figures_report, period_of
from tilstede.web import charts
from tilstede.web.forms import FiguresPeriodForm


def _report(request: HttpRequest) -> tuple[FiguresPeriodForm, Report]:
    """The period asked for (this month when none is, or the one asked for is wrong)."""
    if not request.user.has_perm("core.view_dashboard"):
        raise PermissionDenied
    form = FiguresPeriodForm(request.GET or None, initial={"period": "month"})
    today = timezone.localdate()
    if form.is_valid():
        data = form.cleaned_data
        period = period_of(data["period"], today=today, start=data["start"], end=data["end"])
    else:
        period = period_of("month", today=today)
    return form, figures_report(request.user, period)


def period_label(period: Period) -> str:
    """ "1. december 2026 – 7. december 2026": one place for how a period is written."""
    return f"{format_date(period.start)} – {format_date(period.end)}"


def _file_name(report: Report, ext: str) -> str:
    return f"tall-{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}.{ext}"


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    form, report = _report(request)
    chart_rows = [(row.name, row.current.share_in_time, None) for row in report.channels]
    return render(
        request,
        "web/figures.html",
        {
            "form": form,
            "report": report,
            "period_label": period_label(report.period),
            "previous_label": period_label(report.previous),
            "share_chart": charts.horizontal_bars(chart_rows, "share", charts.percent, peak=100),
            "query": request.GET.urlencode(),
        },
        status=400 if form.errors else 200,
    )


def _hours(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def _csv_line(section: str, row: Row, label: str, f: Figures) -> list:
    share = f.share_in_time
    return [
        section,
        row.name,
        label,
        f.received,
        f.needing,
        f.answered,
        f.in_time,
        f.late,
        f.waiting,
        "" if share is None else share,
        _hours(f.median_hours),
        f.removed,
    ]


@login_required
@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    """The page's figures, one line per row and period; numbers as a spreadsheet reads them
    (a decimal point, dates as YYYY-MM-DD)."""
    _form, report = _report(request)
    out = io.StringIO()
    writer = csv_writer(out)  # names start no formula in a spreadsheet
    writer.writerow(
        [
            _("Section"),
            _("Name"),
            _("Period"),
            _("Received"),
            _("Needing an answer"),
            _("Answered"),
            _("Answered in time"),
            _("Late or not answered"),
            _("Waiting, within the promise"),
            _("Share in time (%)"),
            _("Median (hours)"),
            _("Hidden or removed"),
        ]
    )
    labels = (
        f"{report.period.start.isoformat()}/{report.period.end.isoformat()}",
        f"{report.previous.start.isoformat()}/{report.previous.end.isoformat()}",
    )
    sections = [(_("Total"), [report.total]), (_("Channel"), report.channels)]
    sections.append((_("Team"), report.teams))
    for section, rows in sections:
        for row in rows:
            writer.writerow(_csv_line(section, row, labels[0], row.current))
            writer.writerow(_csv_line(section, row, labels[1], row.previous))
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(report, "csv")}"'
    return response


@login_required
@require_GET
def figures_pdf(request: HttpRequest) -> HttpResponse:
    """The page's tables as a PDF (WeasyPrint), in the reader's language."""
    from weasyprint import HTML

    _form, report = _report(request)
    html = render_to_string(
        "web/figures_pdf.html",
        {
            "report": report,
            "period_label": period_label(report.period),
            "previous_label": period_label(report.previous),
            "made": timezone.localtime(),
        },
        request,
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(report, "pdf")}"'
    return response
