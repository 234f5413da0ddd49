"""Template helpers of the web desk."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet
from django.utils.safestring import SafeString, mark_safe

from tilstede.core.models import Organisation
from tilstede.web.rows import Row, RowMarkup
from tilstede.web.selectors import organisations_for

register = template.Library()


@register.simple_tag(takes_context=True)
def my_organisations(context: template.Context) -> QuerySet[Organisation] | tuple:
    """The organisations of the person logged in (for links to their public reports).

    A page rendered through ``tilstede.web.frames`` has read them already.
    """
    known = context.get("desk_organisations")
    if known is not None:
        return known
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return Organisation.objects.none()
    return organisations_for(request.user).only("slug", "name")


@register.simple_tag(takes_context=True)
def appeals_waiting(context: template.Context) -> object:
    """How many appeals wait for a decision in the person's organisations (the menu).

    A page rendered through ``tilstede.web.frames`` passes it as a hole of the frame.
    """
    if "appeals_waiting" in context:
        return context["appeals_waiting"]
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    from tilstede.web.selectors import desk_lists

    return desk_lists(request.user).appeals


@register.filter
def get(mapping: dict, key: object) -> object:
    return mapping.get(key, ()) if mapping else ()


def _markup(context: template.Context) -> RowMarkup:
    """One RowMarkup per rendering, from what the view put in the context."""
    markup = context.render_context.get("desk_row_markup")
    if markup is None:
        markup = RowMarkup(
            may_moderate=bool(context.get("may_moderate")),
            may_reply=bool(context.get("may_reply")),
            may_reveal=bool(context.get("may_reveal")),
            csrf_input=context.get("csrf_input") or "",
            here=context.get("here") or "",
            rule_options=context.get("rule_options") or {},
        )
        context.render_context["desk_row_markup"] = markup
    return markup


@register.simple_tag(takes_context=True)
def row_html(context: template.Context, row: Row) -> SafeString:
    """An item's row in the queue (tilstede.web.rows)."""
    return mark_safe(_markup(context).row(row))  # noqa: S308 - RowMarkup escapes


@register.simple_tag(takes_context=True)
def row_text(context: template.Context, row: Row) -> SafeString:
    """An item's text block: the text, what was found and the reveal button."""
    return mark_safe(_markup(context).text(row))  # noqa: S308 - RowMarkup escapes
