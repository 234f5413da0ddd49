"""Template helpers of the web desk."""

from __future__ import annotations

from django import template
from django.db.models import QuerySet
from django.urls import NoReverseMatch, ResolverMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from tilstede.core.models import Organisation
from tilstede.web.selectors import appeals_waiting as appeals_waiting_for
from tilstede.web.selectors import crises_active, organisations_for

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


@register.simple_tag(takes_context=True)
def active_crises(context: template.Context) -> list[tuple[int, str]]:
    """The crises declared and not ended in the person's organisations: (id, name), for
    the banner on every desk page."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return []
    return crises_active(request.user)


# The menu's sections: each entry's link, and the pages (by URL name) that belong to it.
# A page not named here marks no entry.
MENU: dict[str, tuple[str, tuple[str, ...]]] = {
    "home": ("home", ()),
    "figures": ("figures", ()),
    "inbox": ("inbox", ()),
    "appeals": ("appeals", ()),
    "publishing": ("publishing:posts", ()),
    "crisis": ("publishing:crisis", ()),
    "channels": ("channels", ()),
    "sites": ("sites", ()),
    "replies": ("config", ("replies",)),
    "words": ("config", ("words",)),
    "routing": ("config", ("routing",)),
    "health": ("channel_health", ()),
    "teams": ("config", ("teams",)),
    "organisation": ("organisation_home", ()),
    "people": ("people", ()),
    "signin": ("signin_settings", ()),
    "mfa": ("mfa_index", ()),
    "archive": ("archive_home", ()),
    "audit": ("audit", ()),
}
_SECTION_OF = {
    "figures_csv": "figures",
    "figures_pdf": "figures",
    "inbox_bulk": "inbox",
    "item": "inbox",
    "item_thread": "inbox",
    "channel": "channels",
    "channel_new": "channels",
    "channel_edit": "channels",
    "channel_connect": "channels",
    "site": "sites",
    "site_new": "sites",
    "channel_health": "health",
    "organisation_home": "organisation",
    "organisation_edit": "organisation",
    "signin_settings": "signin",
    "person": "people",
    "person_new": "people",
    "signin_mapping_new": "signin",
}


def section_of(match: ResolverMatch | None) -> str:
    """The menu's section a page belongs to ("" for none), from its URL name."""
    if match is None:
        return ""
    name = match.view_name
    if name.startswith("publishing:"):
        short = name.partition(":")[2]
        return "crisis" if short.startswith(("crisis", "template")) else "publishing"
    if name.startswith("archive_"):
        return "archive"
    if name.startswith("mfa_"):
        return "mfa"
    if name.startswith("config"):
        return match.kwargs.get("kind", "")
    if name in MENU:
        return name
    return _SECTION_OF.get(name, "")


@register.simple_tag(takes_context=True)
def menu_link(context: template.Context, section: str) -> SafeString:
    """An entry's ``href``, with ``aria-current`` where the page belongs to its section:
    "page" on the entry's own page, "true" on the pages under it (an item, a channel)."""
    url_name, args = MENU[section]
    try:
        url = reverse(url_name, args=args)
    except NoReverseMatch:
        return format_html('href="#"')
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if request is None or section_of(match) != section:
        return format_html('href="{}"', url)
    current = "page" if request.path == url else "true"
    return format_html('href="{}" aria-current="{}"', url, current)
