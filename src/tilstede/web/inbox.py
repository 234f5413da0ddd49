"""The inbox: filters, keyset pages, decisions from the queue, reveal, and bulk actions.

Decisions go through ``moderation.services.decision_record``, which checks the person's
rights and claims; the views only translate its refusals into messages. With htmx a
decision replaces its row, or takes it out of a filtered list it no longer fits, and
announces the result in the live region; without script every form posts and comes
back to the same inbox page.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tilstede.core.models import HouseRule, Item, Visibility
from tilstede.core.permissions import item_can_moderate, item_can_reveal, items_for_user
from tilstede.core.services import audit_record
from tilstede.moderation.models import Verb
from tilstede.moderation.services import ModerationError, decision_record
from tilstede.web.forms import BulkForm, DecisionForm, InboxFilterForm
from tilstede.web.frames import BoundedCache, render_framed
from tilstede.web.markup import current_version
from tilstede.web.rows import page_rows, row_for, rule_options
from tilstede.web.selectors import (
    InboxFilters,
    desk_lists,
    inbox_items,
    inbox_page,
    item_for,
)


def _filters(form: InboxFilterForm) -> InboxFilters:
    data = form.cleaned_data if form.is_valid() else {}
    return InboxFilters(
        channel=data.get("channel") or "",
        state=data.get("state") or "",
        response=data.get("response") or "",
        assignee=data.get("assignee") or "",
        category=data.get("category") or "",
        language=data.get("language") or "",
        overdue=bool(data.get("overdue")),
        failed=bool(data.get("failed")),
    )


def house_rules_by_channel(channel_ids) -> dict[int, list[HouseRule]]:
    rules: dict[int, list[HouseRule]] = {}
    for rule in HouseRule.objects.filter(channel__in=set(channel_ids)).order_by("order", "code"):
        rules.setdefault(rule.channel_id, []).append(rule)
    return rules


def _row_context(request: HttpRequest, rules: dict[int, list], *, token: str = "") -> dict:
    """What ``RowMarkup`` needs to render rows for this request (see templatetags.desk)."""
    return {
        "rule_options": rule_options(rules),
        "csrf_input": format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
            token or get_token(request),
        ),
        "here": request.get_full_path(),
        **_rights(request.user),
    }


def _rights(user) -> dict[str, bool]:
    return {
        "may_moderate": user.has_perm("core.moderate_item"),
        "may_reply": user.has_perm("core.reply_item"),
        "may_reveal": user.has_perm("core.reveal_personal_data"),
    }


_filter_forms = BoundedCache(256)  # key -> (InboxFilters, the form's fields as HTML)


def _filter_form(request: HttpRequest) -> tuple[InboxFilters, SafeString]:
    """The filters asked for and the filter form's fields, kept per inputs.

    Both are a function of the language, the choices (the user's channels and people)
    and the query's values of the form's fields, which make the key.
    """
    lists = desk_lists(request.user)
    channels, people = lists.channels, lists.people
    given = tuple(tuple(request.GET.getlist(name)) for name in InboxFilterForm.base_fields)
    key = (get_language(), channels, people, bool(request.GET), given)
    found = _filter_forms.get(key)
    if found is None:
        form = InboxFilterForm(
            request.GET or None,
            channel_choices=channels,
            people_choices=people,
            label_suffix="",
        )
        filters = _filters(form) if request.GET else InboxFilters()
        found = (filters, render_to_string("web/_inbox_filters.html", {"form": form}))
        _filter_forms.put(key, found)
    return found


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    """The inbox page: its rows are read and rendered for each request, the frame around
    them is kept per language, person, rights and filters (``tilstede.web.frames``)."""
    user = request.user
    if not user.has_perm("core.view_item"):
        raise PermissionDenied
    filters, filter_fields = _filter_form(request)
    now = timezone.now()
    page = inbox_page(user, filters, cursor=request.GET.get("after", ""), now=now)
    rules = page.rules
    token = get_token(request)
    context = _row_context(request, rules, token=token)
    query = request.GET.copy()
    query.pop("after", None)
    return render_framed(
        request,
        "web/inbox.html",
        {
            "filters": filters,
            "rows": bool(page.entries),
            "may_moderate": context["may_moderate"],
            "bulk_rules": tuple(sorted({(r.code, r.title) for rs in rules.values() for r in rs})),
            "first_page": page.first,
        },
        {
            "filter_fields": filter_fields,
            "rows_html": page_rows(page.entries, now=now, **context),
            "next_cursor": page.next_cursor,
            "query": query.urlencode(),
            "csrf_token": token,
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
            **_row_context(request, house_rules_by_channel([item.channel_id])),
            # The row's forms go on returning to the list it is in, not to this action.
            "here": _next_url(request, reverse("item", args=[item.pk])),
            "message": message,
            "error": error,
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
    lists = desk_lists(request.user)
    form = InboxFilterForm(
        QueryDict(target.query),
        channel_choices=lists.channels,
        people_choices=lists.people,
    )
    filters = _filters(form)
    if not filters.active:
        return False
    return not inbox_items(request.user, filters).filter(pk=item.pk).exists()


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
            {"row": row_for(item, reveal=True), "message": _("Personal data shown; logged.")},
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
    ids = data["items"]
    items = list(
        items_for_user(user)
        .filter(pk__in=ids)
        .select_related("channel", "promise")
        .prefetch_related("versions__screening__findings")
        .order_by("-created_at", "-id")
    )
    rules = house_rules_by_channel(i.channel_id for i in items)
    plan = []
    for item in items:
        rule = None
        problem = ""
        if data["action"] == "hide":
            rule = next(
                (r for r in rules.get(item.channel_id, []) if r.code == data["house_rule"]), None
            )
            if rule is None:
                problem = _("The channel has no such house rule; the item is left as it is.")
            elif item.visibility not in (Visibility.VISIBLE, Visibility.HELD):
                problem = _("Already %(state)s; left as it is.") % {
                    "state": item.get_visibility_display()
                }
        elif item.visibility not in (Visibility.HELD, Visibility.PENDING):
            problem = _("Already %(state)s; left as it is.") % {
                "state": item.get_visibility_display()
            }
        if not problem and not item_can_moderate(user, item):
            problem = _("You may not decide on this item.")
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
