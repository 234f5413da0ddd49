"""Pages rendered through their templates once per set of inputs, then filled per request.

Most of an inbox page is its frame: the menu, the filter form, the help dialog, the
labels of the bulk form. Through Django's template engine the frame cost more than the
rows it holds, yet it depends on few things: the language, who is asking and with which
rights, their organisations, and a few flags of the page. ``render_framed`` renders the
template with a marker in place of each per-request value (the "holes": the rows, the
CSRF token, the page's own address, the cursor), keeps the result under a key made of
everything else the template read, and fills the holes for each request.

What the cache holds is therefore a function of its key: the key holds the whole
context the view passes (apart from the holes), the language and time zone, the URL
name, and of the user their id, name, staff flag, rights and organisations. A template
that starts to read something else about the request or the user must add it to the
key (``frame_key``). Pages with messages to show are rendered in full. The markers pass
through autoescaping unchanged, so each hole is filled with its value escaped as
``{{ value }}`` would have written it; a template that filters a hole (``|urlencode``)
would lose its marker, which ``render_framed`` notices and answers by rendering in full.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from tilstede.web.selectors import desk_lists, user_shape

_MARK = "\x1e{}\x1f"
_SPLIT = re.compile("\x1e([a-z_]+)\x1f")
CAPACITY = 512


class BoundedCache:
    """A bounded, thread-safe LRU for values that are a function of their key."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: Hashable) -> Any:
        with self.lock:
            parts = self.entries.get(key)
            if parts is not None:
                self.entries.move_to_end(key)
            return parts

    def put(self, key: Hashable, value: Any) -> None:
        with self.lock:
            self.entries[key] = value
            self.entries.move_to_end(key)
            while len(self.entries) > self.capacity:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


frames = BoundedCache(CAPACITY)  # key -> parts: literal text and, between, hole names


class _FrameRequest:
    """The request as the frame's templates see it: its own address is a hole."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    def get_full_path(self) -> str:
        return _MARK.format("full_path")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._request, name)


def frame_key(request: HttpRequest, organisations: tuple) -> tuple:
    """What the desk's frame (``web/base.html``) reads of the request and the user."""
    user = request.user
    match = request.resolver_match
    return (
        get_language(),
        timezone.get_current_timezone_name(),
        match.view_name if match else "",
        user.is_authenticated,
        user.pk,
        user.get_username(),
        bool(getattr(user, "is_superuser", False)),
        # The two-factor link is for people with a password (single sign-on has its own).
        bool(user.is_authenticated and user.has_usable_password()),
        user_shape(user),
        organisations,
    )


def render_framed(
    request: HttpRequest, template_name: str, context: dict[str, Hashable], holes: dict[str, Any]
) -> HttpResponse:
    """``render(request, template_name, {**context, **holes})``, its frame kept per key.

    ``context`` holds hashable values only (they are the key); ``holes`` the values that
    change from request to request. The CSRF token (``get_token`` unless given as a hole)
    and the request's full path are holes of every page.
    """
    lists = desk_lists(request.user)
    fills = {
        "csrf_token": holes.get("csrf_token") or get_token(request),
        "full_path": request.get_full_path(),
        # The menu's count of appeals waiting changes between requests: a hole.
        "appeals_waiting": str(lists.appeals) if lists.appeals else "",
        **holes,
    }
    # The user's organisations, read here so that the frame's menu need not read them, and
    # the active crises of the banner (few, and part of the key: a new one shows at once).
    context = {**context, "desk_organisations": lists.organisations, "desk_crises": lists.crises}
    if len(get_messages(request)):
        return HttpResponse(
            render_to_string(template_name, {**context, **holes}, request), status=200
        )
    key = (
        template_name,
        frame_key(request, context["desk_organisations"]),
        tuple(sorted(context.items())),
        tuple(sorted((name, bool(value)) for name, value in fills.items())),
    )
    parts = frames.get(key)
    if parts is None:
        marked = {
            name: mark_safe(_MARK.format(name)) if value else value  # noqa: S308 - a marker
            for name, value in fills.items()
        }
        html = render_to_string(
            template_name,
            {
                **context,
                **marked,
                "messages": (),
                "request": _FrameRequest(request),
            },
            request,
        )
        pieces = _SPLIT.split(html)
        literal = pieces[0::2]
        found = set(pieces[1::2])
        wanted = {name for name, value in fills.items() if value} - {
            "full_path",
            "csrf_token",
            "appeals_waiting",  # only in the menu of those who decide appeals
        }
        if any("\x1e" in p or "\x1f" in p for p in literal) or not wanted <= found:
            # A hole was filtered on its way out; the frame cannot be reused.
            return HttpResponse(
                render_to_string(template_name, {**context, **holes}, request), status=200
            )
        parts = tuple(pieces)
        frames.put(key, parts)
    values = {name: conditional_escape(value) for name, value in fills.items() if value}
    return HttpResponse("".join(values[p] if i % 2 else p for i, p in enumerate(parts)), status=200)
