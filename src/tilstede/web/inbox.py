"""The inbox: filters, keyset pages, decisions from the queue, reveal, and bulk actions.

Decisions go through ``moderation.services.decision_record``, which checks the person's
rights and claims; the views only translate its refusals into messages. With htmx a
decision replaces its row, or takes it out of a filtered list it no longer fits, and
announces the result in the live region; without script every form posts and comes
back to the same inbox page.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tilstede.core.models import HouseRule, Item
from tilstede.core.permissions import item_can_moderate, item_can_reveal
from tilstede.core.readmodel import BadCursor
from tilstede.core.services import audit_record
from tilstede.moderation.models import Verb
from tilstede.moderation.services import ModerationError, decision_check, decision_record
from tilstede.web.forms import BulkForm, DecisionForm, InboxFilterForm
from tilstede.web.markup import current_version, row_for
from tilstede.web.selectors import channels_for, item_for, people_for


def rights(user) -> dict[str, bool]:
    """What the person may do, for the rows' forms."""
    return {
        "may_moderate": user.has_perm("core.moderate_item"),
        "may_reply": user.has_perm("core.reply_item"),
        "may_reveal": user.has_perm("core.reveal_personal_data"),
    }


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The inbox: the items the person may see, filtered, searched and in keyset pages."""
    user = request.user
    if not user.has_perm("core.view_item"):
        raise PermissionDenied
    form = InboxFilterForm(
        request.GET or None,
        channels=channels_for(user),
        people=people_for(user),
        label_suffix="",
    )
    filters, sort = form.filters()
    now = timezone.now()
    items = Item.objects.visible_to(user).received().filtered(filters, user=user, now=now)
    try:
        page = items.for_rows(now).page(sort=sort, after=request.GET.get("after", ""))
    except BadCursor:  # not a cursor this desk gave out: the first page
        page = items.for_rows(now).page(sort=sort)
    query = request.GET.copy()
    query.pop("after", None)
    may = rights(user)
    rules = {(r.code, r.title) for i in page.items for r in i.channel.house_rules.all()}
    return render(
        request,
        "web/inbox.html",
        {
            "form": form,
            "filters": filters,
            "rows": [row_for(item) for item in page.items],
            "bulk_rules": sorted(rules),
            "first_page": page.first,
            "next_cursor": page.next_cursor,
            "query": query.urlencode(),
            "here": request.get_full_path(),
            **may,
        },
    )


def _next_url(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _item_or_404(request: HttpRequest, pk: int) -> Item:
    item = item_for(request.user, pk)
    if item is None:
        raise Http404
    return item


def _row_response(request: HttpRequest, item: Item, message: str, *, error: bool = False):
    """The item's row again (htmx), with the result announced in the live region."""
    item = _item_or_404(request, item.pk)
    return render(
        request,
        "web/_row_swap.html",
        {
            "row": row_for(item),
            # The row's forms go on returning to the list it is in, not to this action.
            "here": _next_url(request, reverse("item", args=[item.pk])),
            "message": message,
            "error": error,
            **rights(request.user),
        },
    )


def _done_message(verb: str, pk: int) -> str:
    messages_by_verb = {
        Verb.APPROVE: _("Item %(n)s approved."),
        Verb.HIDE: _("Item %(n)s hidden."),
        Verb.UNHIDE: _("Item %(n)s shown again."),
        Verb.ESCALATE: _("Item %(n)s escalated."),
        Verb.MARK_IRRELEVANT: _("Item %(n)s marked as needing no answer."),
        Verb.ASSIGN: _("Item %(n)s assigned."),
        Verb.DELETE_AT_SOURCE: _("Item %(n)s deleted at the source."),
    }
    return messages_by_verb[verb] % {"n": pk}


@login_required
@require_POST
def item_decide(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    if not item_can_moderate(request.user, item):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    htmx = request.headers.get("HX-Request") == "true"
    fallback = reverse("item", args=[item.pk])
    if not form.is_valid():
        message, error = _("The decision was not understood."), True
    else:
        data = form.cleaned_data
        house_rule = None
        if data["house_rule"]:
            house_rule = HouseRule.objects.filter(
                pk=data["house_rule"], channel=item.channel_id
            ).first()
        assignee = None
        if data["assignee"]:
            assignee = (
                get_user_model()
                .objects.filter(
                    username=data["assignee"], organisations=item.channel.organisation_id
                )
                .first()
            )
        try:
            decision_record(
                item=item,
                verb=data["verb"],
                by=request.user,
                house_rule=house_rule,
                reason=data["reason"],
                assignee=assignee,
            )
        except ModerationError as exc:
            message, error = str(exc), True
        else:
            message, error = _done_message(data["verb"], item.pk), False
    if htmx:
        if not error and _left_the_list(request, item):
            return render(request, "web/_row_gone.html", {"message": message})
        return _row_response(request, item, message, error=error)
    (messages.error if error else messages.success)(request, message)
    return redirect(_next_url(request, fallback))


def _left_the_list(request: HttpRequest, item: Item) -> bool:
    """Whether a decision took the item out of the filtered inbox it was decided from
    (the form's ``next``): approved from "held", say. Then its row leaves the list."""
    target = urlsplit(_next_url(request, ""))
    if target.path != reverse("inbox"):
        return False
    user = request.user
    form = InboxFilterForm(
        QueryDict(target.query), channels=channels_for(user), people=people_for(user)
    )
    filters, _sort = form.filters()
    if not filters.active:
        return False
    listed = Item.objects.visible_to(user).received().filtered(filters, user=user)
    return not listed.filter(pk=item.pk).exists()


@login_required
@require_POST
def item_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """Show one item's personal data in clear, to those who may, and log that it was shown."""
    item = _item_or_404(request, pk)
    if not item_can_reveal(request.user, item):
        raise PermissionDenied
    audit_record(
        actor=request.user,
        verb="item.reveal",
        obj=item,
        details={"where": "web", "version": getattr(current_version(item), "number", None)},
    )
    if request.headers.get("HX-Request") == "true":
        return render(
            request,
            "web/_text_revealed.html",
            {
                "row": row_for(item, reveal=True),
                "message": _("Personal data shown; logged."),
                **rights(request.user),
            },
        )
    from tilstede.web.items import item_page_render

    return item_page_render(request, item, reveal=True)


# --- Bulk -----------------------------------------------------------------------------


@login_required
@require_POST
def inbox_bulk(request: HttpRequest) -> HttpResponse:
    """Approve or hide several items: the first post shows what will happen, the second does it."""
    user = request.user
    if not user.has_perm("core.moderate_item"):
        raise PermissionDenied
    form = BulkForm(request.POST)
    back = _next_url(request, reverse("inbox"))
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, e)
        if not request.POST.getlist("items"):
            messages.error(request, _("Select at least one item."))
        return redirect(back)
    data = form.cleaned_data
    verb = data["action"]
    items = list(
        Item.objects.visible_to(user)
        .for_rows()
        .filter(pk__in=data["items"])
        .order_by("-created_at", "-id")
    )
    plan: list[dict[str, Any]] = []
    for item in items:
        # The channel's house rule of that code; whether the decision may be made on
        # this item is the moderation service's own check.
        rule = next(
            (r for r in item.channel.house_rules.all() if r.code == data["house_rule"]), None
        )
        problem = ""
        try:
            decision_check(item=item, verb=verb, by=user, house_rule=rule)
        except (ModerationError, PermissionDenied) as exc:
            problem = str(exc) or _("You may not decide on this item.")
        plan.append({"row": row_for(item), "rule": rule, "problem": problem})
    if not data["confirm"]:
        return render(
            request,
            "web/bulk_confirm.html",
            {
                "plan": plan,
                "action": data["action"],
                "house_rule": data["house_rule"],
                "next": back,
                "count": sum(1 for p in plan if not p["problem"]),
            },
        )
    done = failed = 0
    for entry in plan:
        if entry["problem"]:
            continue
        try:
            decision_record(
                item=entry["row"].item,
                verb=data["action"],
                by=user,
                house_rule=entry["rule"],
                reason=_("bulk action"),
            )
            done += 1
        except (ModerationError, PermissionDenied):
            failed += 1
    messages.success(
        request, _("%(done)d items done, %(failed)d refused.") % {"done": done, "failed": failed}
    )
    return redirect(back)
