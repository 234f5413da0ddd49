"""One item's page: thread, versions, findings, decisions, audit history and the reply."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tilstede.core.models import Item
from tilstede.core.permissions import item_can_moderate, item_can_reply
from tilstede.core.roles import REPLY
from tilstede.desk.models import OutgoingReply, SavedReply
from tilstede.desk.services import ReplyError, reply_retry, reply_send, saved_replies_for
from tilstede.moderation.models import Appeal, Decision, Notice
from tilstede.moderation.services import ModerationError, notice_retry
from tilstede.web.forms import ReplyForm
from tilstede.web.inbox import _item_or_404, rights
from tilstede.web.markup import findings_of, render_text, row_for, version_html
from tilstede.web.selectors import item_history, thread_of
from tilstede.webcomments.selectors import typed_name


def item_page_render(
    request: HttpRequest,
    item: Item,
    *,
    reveal: bool = False,
    reply_form: ReplyForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    # The item came through items_for_user (_item_or_404), so the user may see it; what
    # item_can_reply and the others would add is the permission, without their query.
    may_reply = user.has_perm(f"core.{REPLY}")
    suggestions = saved_replies_for(item) if may_reply else []
    chosen = None
    if reply_form is None:
        wanted = request.GET.get("saved", "")
        chosen = next((s for s in suggestions if str(s.saved_reply.pk) == wanted), None)
        reply_form = ReplyForm(
            initial={
                "text": chosen.text if chosen else "",
                "saved_reply": chosen.saved_reply.pk if chosen else None,
            }
        )
    thread = [(t, row_for(t)) for t in thread_of(user, item)]
    house_rules = list(item.channel.house_rules.all())  # prefetched by for_rows
    versions = [
        {"version": v, "html": version_html(v, item, reveal=reveal), "findings": findings_of(v)}
        for v in item.versions.all()
    ]
    # A web comment's name as typed, marked (and redacted unless revealed) like the text.
    name = typed_name(item)
    name_html = render_text(name[0], name[1], reveal=reveal) if name else None
    decisions = list(
        Decision.objects.filter(item=item).select_related("by", "house_rule", "assignee")
    )
    # What was sent on the item's behalf, each with what became of it.
    replies = list(
        OutgoingReply.objects.filter(in_reply_to=item)
        .select_related("item", "by")
        .order_by("item__created_at", "pk")
    )
    notices = list(Notice.objects.filter(decision__item=item).select_related("decision"))
    appeals = list(
        Appeal.objects.filter(decision__item=item).select_related(
            "decision__house_rule", "decision__by", "decided_by"
        )
    )
    colleagues = (
        get_user_model()
        .objects.filter(organisations=item.channel.organisation_id, is_active=True)
        .order_by("username")
    )
    response = render(
        request,
        "web/item.html",
        {
            "item": item,
            "row": row_for(item, reveal=reveal),
            "thread": thread,
            "versions": versions,
            "typed_name": name_html,
            "name_findings": name[1] if name else [],
            "decisions": decisions,
            "replies": replies,
            "notices": notices,
            "appeals": appeals,
            "history": item_history(item),
            "here": request.get_full_path(),
            "house_rules": house_rules,
            "suggestions": suggestions,
            "chosen": chosen,
            "reply_form": reply_form,
            "colleagues": colleagues,
            **rights(user),
            "revealed": reveal,
        },
        status=status,
    )
    return response


@login_required
@require_GET
def item_page(request: HttpRequest, pk: int) -> HttpResponse:
    return item_page_render(request, _item_or_404(request, pk))


@login_required
@require_GET
def item_thread(request: HttpRequest, pk: int) -> HttpResponse:
    """The thread beside the inbox (htmx fragment)."""
    item = _item_or_404(request, pk)
    thread = [(t, row_for(t)) for t in thread_of(request.user, item)]
    return render(request, "web/_thread.html", {"item": item, "thread": thread})


@login_required
@require_POST
def item_reply(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_or_404(request, pk)
    if not item_can_reply(request.user, item):
        raise PermissionDenied
    form = ReplyForm(request.POST)
    if form.is_valid():
        saved = None
        if form.cleaned_data.get("saved_reply"):
            saved = SavedReply.objects.filter(pk=form.cleaned_data["saved_reply"]).first()
        try:
            reply_send(
                item=item, text=form.cleaned_data["text"], by=request.user, saved_reply=saved
            )
        except (ReplyError, ModerationError) as exc:
            form.add_error("text", str(exc))
        else:
            messages.success(
                request,
                _(
                    "Your reply is queued. The item counts as answered once the platform "
                    "has taken it; its state is shown under Replies."
                ),
            )
            return redirect(reverse("item", args=[item.pk]))
    return item_page_render(request, item, reply_form=form, status=400)


@login_required
@require_POST
def reply_retry_view(request: HttpRequest, pk: int, reply: int) -> HttpResponse:
    """Send a failed reply again."""
    item = _item_or_404(request, pk)
    delivery = OutgoingReply.objects.filter(in_reply_to=item, item_id=reply).first()
    if delivery is None:
        raise Http404
    if not item_can_reply(request.user, item):
        raise PermissionDenied
    try:
        reply_retry(delivery=delivery, by=request.user)
    except ReplyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The reply is queued again."))
    return redirect(reverse("item", args=[item.pk]) + "#replies-h")


@login_required
@require_POST
def notice_retry_view(request: HttpRequest, pk: int, notice: int) -> HttpResponse:
    """Send a failed notice to the author again."""
    item = _item_or_404(request, pk)
    found = Notice.objects.filter(decision__item=item, pk=notice).first()
    if found is None:
        raise Http404
    if not item_can_moderate(request.user, item):
        raise PermissionDenied
    try:
        notice_retry(notice=found, by=request.user)
    except ModerationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The notice is queued again."))
    return redirect(reverse("item", args=[item.pk]) + "#notices-h")
