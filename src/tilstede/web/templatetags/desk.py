"""Template helpers of the web desk."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet

from tilstede.core.models import Organisation
from tilstede.web.selectors import appeals_waiting as appeals_waiting_for
from tilstede.web.selectors import organisations_for

register = template.Library()


@register.simple_tag(takes_context=True)
def my_organisations(context: template.Context) -> QuerySet[Organisation]:
    """The organisations of the person logged in (for links to their public reports)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return Organisation.objects.none()
    return organisations_for(request.user).only("slug", "name")


@register.simple_tag(takes_context=True)
def appeals_waiting(context: template.Context) -> int:
    """How many appeals wait for a decision in the person's organisations (the menu)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    return appeals_waiting_for(request.user)
