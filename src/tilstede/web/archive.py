"""The archivist's workspace: archive rules, legal holds, closing, export, retention, innsyn.

Each page calls the archive's services (``tilstede.archive.services`` and ``.innsyn``),
which write the audit log; the views check the archivist's rights and keep every lookup
inside the person's own organisations (another organisation's object answers 404).
Exports run in the worker; the page shows their progress and offers the finished
package for download.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tilstede.archive import conf
from tilstede.archive.forms import (
    ArchiveRuleForm,
    ExportForm,
    InnsynForm,
    LegalHoldForm,
    PeriodCloseForm,
    ReasonForm,
    ThreadCloseForm,
)
from tilstede.archive.innsyn import Search, innsyn_export, innsyn_request_record
from tilstede.archive.models import (
    ArchiveExport,
    ArchivePeriod,
    ArchiveRule,
    ExportStatus,
    InnsynRequest,
    LegalHold,
    RetentionDeletion,
)
from tilstede.archive.services import (
    ArchiveError,
    export_start,
    legal_hold_place,
    legal_hold_release,
    period_close,
    retention_run,
    thread_close,
)
from tilstede.core.permissions import items_for_user
from tilstede.core.services import audit_record, form_changes
from tilstede.web.selectors import organisations_for


def _need(request: HttpRequest, perm: str) -> None:
    if not request.user.has_perm(f"archive.{perm}"):
        raise PermissionDenied


def _orgs(request: HttpRequest):
    return organisations_for(request.user)


def _owned_or_404(request: HttpRequest, queryset, pk: int):
    """The object ``pk`` of ``queryset`` if it belongs to one of the person's own
    organisations; 404 otherwise (another organisation's objects do not exist here)."""
    found = queryset.filter(pk=pk, organisation__in=_orgs(request)).first()
    if found is None:
        raise Http404
    return found


def _one_org(request: HttpRequest):
    """The organisation a page without a choice acts for: ``?org=slug`` or the first."""
    orgs = _orgs(request)
    slug = request.GET.get("org") or request.POST.get("org")
    org = orgs.filter(slug=slug).first() if slug else orgs.first()
    if org is None:
        raise Http404
    return org


@login_required
@require_GET
def archive_home(request: HttpRequest) -> HttpResponse:
    _need(request, "view_archiveperiod")
    orgs = _orgs(request)
    return render(
        request,
        "web/archive_home.html",
        {
            "periods": ArchivePeriod.objects.filter(organisation__in=orgs)
            .select_related("organisation", "channel")
            .order_by("-start")[:24],
            "exports": ArchiveExport.objects.filter(organisation__in=orgs)[:5],
            "holds": LegalHold.objects.filter(organisation__in=orgs, released_at=None).count(),
            "may_close": request.user.has_perm("archive.close_archiveperiod"),
            "close_form": PeriodCloseForm(organisations=orgs),
            "thread_form": ThreadCloseForm(),
        },
    )


# --- archive rules ------------------------------------------------------------------------


@login_required
@require_GET
def rule_list(request: HttpRequest) -> HttpResponse:
    _need(request, "view_archiverule")
    rules = ArchiveRule.objects.filter(organisation__in=_orgs(request)).select_related(
        "organisation", "channel"
    )
    return render(
        request,
        "web/archive_rules.html",
        {"rules": rules, "may_change": request.user.has_perm("archive.change_archiverule")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _need(request, "change_archiverule" if pk else "add_archiverule")
    orgs = _orgs(request)
    instance = _owned_or_404(request, ArchiveRule.objects, pk) if pk is not None else None
    form = ArchiveRuleForm(request.POST or None, instance=instance, organisations=orgs)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            changes = form_changes(form)
            rule = form.save()
            audit_record(
                actor=request.user,
                verb="archive.rule_change" if pk else "archive.rule_create",
                obj=rule,
                details={"changes": changes},
            )
        messages.success(request, _("The archive rule is saved."))
        return redirect("archive_rules")
    return render(
        request,
        "web/archive_form.html",
        {"form": form, "title": _("Archive rule"), "back": "archive_rules"},
        status=400 if request.method == "POST" else 200,
    )


# --- legal holds ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def hold_list(request: HttpRequest) -> HttpResponse:
    _need(request, "view_legalhold")
    orgs = _orgs(request)
    form = LegalHoldForm(request.POST or None, organisations=orgs)
    if request.method == "POST":
        _need(request, "add_legalhold")
        if form.is_valid():
            data = form.cleaned_data
            item = None
            if data["item"]:
                item = (
                    items_for_user(request.user)
                    .filter(pk=data["item"], channel__organisation=data["organisation"])
                    .first()
                )
                if item is None:
                    form.add_error("item", _("No such item in this organisation."))
            if not form.errors:
                try:
                    legal_hold_place(
                        organisation=data["organisation"],
                        reason=data["reason"],
                        by=request.user,
                        channel=data["channel"],
                        item=item,
                        start=data["start"],
                        end=data["end"],
                    )
                except ArchiveError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(request, _("The legal hold is placed."))
                    return redirect("archive_holds")
    holds = LegalHold.objects.filter(organisation__in=orgs).select_related(
        "organisation", "channel"
    )
    return render(
        request,
        "web/archive_holds.html",
        {
            "form": form,
            "holds": holds.order_by("released_at", "-created_at"),
            "release_form": ReasonForm(),
            "may_change": request.user.has_perm("archive.change_legalhold"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def hold_release(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request, "change_legalhold")
    hold = _owned_or_404(request, LegalHold.objects, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for releasing the hold."))
        return redirect("archive_holds")
    try:
        legal_hold_release(hold=hold, by=request.user, reason=form.cleaned_data["reason"])
    except ArchiveError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The legal hold is released."))
    return redirect("archive_holds")


# --- closing ----------------------------------------------------------------------------------


@login_required
@require_POST
def period_close_view(request: HttpRequest) -> HttpResponse:
    _need(request, "close_archiveperiod")
    form = PeriodCloseForm(request.POST, organisations=_orgs(request))
    if form.is_valid():
        start, end = form.cleaned_data["month"]
        if end > timezone.localdate():
            messages.error(request, _("Only a month that has ended can be closed."))
            return redirect("archive_home")
        try:
            report = period_close(
                organisation=form.cleaned_data["organisation"],
                start=start,
                end=end,
                by=request.user,
                channel=form.cleaned_data["channel"],
            )
        except ArchiveError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _(
                    "%(title)s is closed: %(journal)s journalført, %(store)s kept, "
                    "%(discard)s to be discarded."
                )
                % {
                    "title": report.period.title,
                    "journal": report.journal,
                    "store": report.store,
                    "discard": report.discard,
                },
            )
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("archive_home")


@login_required
@require_POST
def thread_close_view(request: HttpRequest) -> HttpResponse:
    _need(request, "close_archiveperiod")
    form = ThreadCloseForm(request.POST)
    if form.is_valid():
        item = items_for_user(request.user).filter(pk=form.cleaned_data["item"]).first()
        if item is None:
            messages.error(request, _("No such item."))
        else:
            thread_close(root=item, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("The thread is closed."))
    else:
        messages.error(request, _("Give the number of an item."))
    return redirect("archive_home")


# --- export -------------------------------------------------------------------------------------


def _export_or_404(request: HttpRequest, pk: int) -> ArchiveExport:
    exports = ArchiveExport.objects.select_related("organisation", "created_by")
    return _owned_or_404(request, exports, pk)


@login_required
@require_http_methods(["GET", "POST"])
def export_list(request: HttpRequest) -> HttpResponse:
    _need(request, "view_archiveexport")
    orgs = _orgs(request)
    form = ExportForm(request.POST or None, organisations=orgs)
    if request.method == "POST":
        _need(request, "export_archiveperiod")
        if form.is_valid():
            periods = list(form.cleaned_data["periods"])
            try:
                export = export_start(
                    organisation=periods[0].organisation, periods=periods, by=request.user
                )
            except ArchiveError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("The export has started."))
                return redirect("archive_export", pk=export.pk)
    exports = ArchiveExport.objects.filter(organisation__in=orgs).select_related(
        "organisation", "created_by"
    )
    return render(
        request,
        "web/archive_exports.html",
        {
            "form": form,
            "exports": exports[:50],
            "may_export": request.user.has_perm("archive.export_archiveperiod"),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The export's page; htmx asks for the progress part again until it is finished."""
    _need(request, "view_archiveexport")
    export = _export_or_404(request, pk)
    htmx = request.headers.get("HX-Request") == "true"
    template = "web/_archive_export_progress.html" if htmx else "web/archive_export.html"
    return render(
        request,
        template,
        {
            "export": export,
            "periods": export.periods.all(),
            "may_download": request.user.has_perm("archive.export_archiveperiod"),
        },
    )


@login_required
@require_GET
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    _need(request, "export_archiveperiod")
    export = _export_or_404(request, pk)
    package = Path(export.package) if export.package else None
    if export.status != ExportStatus.DONE or package is None or not package.is_file():
        raise Http404
    audit_record(actor=request.user, verb="archive.export_download", obj=export)
    return FileResponse(package.open("rb"), as_attachment=True, filename=package.name)


# --- retention ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def retention(request: HttpRequest) -> HttpResponse:
    """Dry run on GET; the real run on POST, for the organisation the dry run showed."""
    _need(request, "view_retentiondeletion")
    org = _one_org(request)
    if request.method == "POST":
        _need(request, "run_retention")
        report = retention_run(by=request.user, organisation=org)
        messages.success(
            request,
            ngettext(
                "Retention deleted %(deleted)s item and kept %(kept)s.",
                "Retention deleted %(deleted)s items and kept %(kept)s.",
                report.deleted,
            )
            % {"deleted": report.deleted, "kept": report.kept},
        )
        return redirect(f"{request.path}?org={org.slug}")
    report = retention_run(by=request.user, organisation=org, dry_run=True)
    disposals = RetentionDeletion.objects.filter(organisation=org)[:200]
    return render(
        request,
        "web/archive_retention.html",
        {
            "organisation": org,
            "organisations": _orgs(request),
            "report": report,
            "disposals": disposals,
            "legal_basis": conf.disposal_basis(),
            "may_run": request.user.has_perm("archive.run_retention"),
        },
    )


# --- innsyn -------------------------------------------------------------------------------------


def _innsyn_dir(request_row: InnsynRequest) -> Path:
    return conf.export_root() / "innsyn" / f"{request_row.organisation.slug}-{request_row.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def innsyn_list(request: HttpRequest) -> HttpResponse:
    _need(request, "view_innsynrequest")
    orgs = _orgs(request)
    form = InnsynForm(request.POST or None, organisations=orgs)
    if request.method == "POST":
        _need(request, "add_innsynrequest")
        if form.is_valid():
            data = form.cleaned_data
            search = Search(
                text=data["text"],
                handle=data["handle"],
                channel=data["channel"].slug if data["channel"] else "",
                start=data["start"],
                end=data["end"],
            )
            try:
                row = innsyn_request_record(
                    organisation=data["organisation"],
                    kind=data["kind"],
                    reference=data["reference"],
                    search=search,
                    by=request.user,
                    subject_handle=data["subject_handle"],
                )
                innsyn_export(request=row, out=_innsyn_dir(row), by=request.user)
            except ArchiveError as exc:
                form.add_error(None, str(exc))
            else:
                return redirect("archive_innsyn_detail", pk=row.pk)
    requests = InnsynRequest.objects.filter(organisation__in=orgs).select_related(
        "organisation", "created_by"
    )
    return render(
        request,
        "web/archive_innsyn.html",
        {
            "form": form,
            "requests": requests[:100],
            "may_add": request.user.has_perm("archive.add_innsynrequest"),
        },
        status=400 if form.errors else 200,
    )


def _innsyn_or_404(request: HttpRequest, pk: int) -> InnsynRequest:
    requests = InnsynRequest.objects.select_related("organisation", "created_by")
    return _owned_or_404(request, requests, pk)


@login_required
@require_GET
def innsyn_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _need(request, "view_innsynrequest")
    row = _innsyn_or_404(request, pk)
    return render(request, "web/archive_innsyn_detail.html", {"row": row})


@login_required
@require_GET
def innsyn_download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    _need(request, "add_innsynrequest")
    row = _innsyn_or_404(request, pk)
    if kind not in ("pdf", "csv"):
        raise Http404
    path = _innsyn_dir(row) / f"innsyn-{row.pk}.{kind}"
    if not path.is_file():
        raise Http404
    audit_record(
        actor=request.user,
        verb="archive.innsyn_download",
        obj=row,
        details={"file": path.name, "reference": row.reference},
    )
    return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
