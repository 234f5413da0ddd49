"""The appeals queue ("Klager"): authors' appeals against hiding or removal, decided by
another moderator than the one who made the decision, with a reason [3.5]."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from tilstede.core.permissions import item_can_moderate
from tilstede.moderation.selectors import appeals_for
from tilstede.moderation.services import ModerationError, appeal_decide, appeal_decided_by_maker

DECIDED_SHOWN = 50


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[
            ("upheld", gettext_lazy("The decision stands")),
            ("overturned", gettext_lazy("Reverse the decision (show the comment again)")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the author)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


def _may_decide(request: HttpRequest) -> None:
    if not request.user.has_perm("core.moderate_item"):
        raise PermissionDenied


@login_required
@require_GET
def appeal_list(request: HttpRequest) -> HttpResponse:
    _may_decide(request)
    pending = [
        (
            appeal,
            appeal_decided_by_maker(appeal, request.user),
            AppealDecisionForm(prefix=f"a{appeal.pk}"),
        )
        for appeal in appeals_for(request.user, pending=True)
    ]
    decided = list(appeals_for(request.user, pending=False)[:DECIDED_SHOWN])
    return render(request, "web/appeals.html", {"pending": pending, "decided": decided})


@login_required
@require_POST
def appeal_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    _may_decide(request)
    appeal = appeals_for(request.user).filter(pk=pk).first()
    if appeal is None:
        raise Http404
    if not item_can_moderate(request.user, appeal.decision.item):
        raise PermissionDenied
    form = AppealDecisionForm(request.POST, prefix=f"a{appeal.pk}")
    if form.is_valid():
        try:
            appeal_decide(
                appeal=appeal,
                by=request.user,
                overturn=form.cleaned_data["outcome"] == "overturned",
                reason=form.cleaned_data["reason"],
            )
        except (ModerationError, PermissionDenied) as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The appeal is decided; the author is told."))
    else:
        messages.error(request, _("Choose an outcome and write the reason."))
    return redirect(reverse("appeals"))
