"""The comment field's public endpoints, called by widget.js from the agency's website.

Why these views are ``csrf_exempt``: CSRF protection stops another site from riding on
a visitor's cookies to act as that visitor. These endpoints use no cookies and no
session (the widget sends ``credentials: "omit"`` and the answers never allow
credentials), so there is no ambient authority to ride on: a forged request can do
exactly what the visitor could do by typing a comment, and the comment is screened and
moderated like any other. What keeps other websites from embedding the field is CORS:
answers carry ``Access-Control-Allow-Origin`` only for the site's allowed origins, a
request from any other origin is refused with 403, and a POST with JSON needs a
preflight that only allowed origins pass. What keeps programs (which can forge any
Origin) from flooding it is the rate limit and the honeypot.

Every answer is in the language the widget asks for with ``?lang=`` (nb, nn or en;
bokmål for anything else), never the one the browser's Accept-Language would pick: the
widget shows one language at a time, the one chosen on the agency's page or by the
visitor (``texts``). The language sits in the address, so a cached config.json is one
language's.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from tilstede.web.payload import BadPayload, PayloadTooLarge, json_parse
from tilstede.web.ratelimit import client_ip
from tilstede.webcomments import selectors, services, texts
from tilstede.webcomments.models import Site, origin_of

STATIC = Path(__file__).resolve().parent / "static" / "webcomments"
MAX_BODY = 64 * 1024  # a 5,000-character comment in JSON is far below this
PREFLIGHT_MAX_AGE = "600"

View = Callable[..., HttpResponse]


def _error(status: int, code: str, message: str | Promise, **extra: Any) -> JsonResponse:
    return JsonResponse({"error": code, "message": message, **extra}, status=status)


def _own_origin(request: HttpRequest) -> str:
    return origin_of(request.build_absolute_uri("/"))


def _origin_allowed(request: HttpRequest, site: Site, origin: str) -> bool:
    """The site's origins; in DEBUG also Tilstede's own, for the demo page."""
    if site.allows_origin(origin):
        return True
    return settings.DEBUG and origin_of(origin) == _own_origin(request)


_client_address = client_ip


def _cors(response: HttpResponse, origin: str) -> HttpResponse:
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Expose-Headers"] = "Retry-After"
    response["Vary"] = "Origin"
    return response


def site_endpoint(*methods: str) -> Callable[[View], View]:
    """Resolve the site key, check the Origin, answer preflight, add CORS headers; all
    in the language of ``?lang=``.

    Order: unknown or closed key 404; an Origin that is not the site's 403 (a POST must
    name one: browsers always do); OPTIONS gets the preflight answer; a method not in
    ``methods`` 405. Every answer past the origin check carries the CORS headers, so the
    widget can read error messages too.
    """

    def decorate(view: View) -> View:
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request: HttpRequest, key: str) -> HttpResponse:
            with texts.in_language(request.GET.get("lang", "")):
                response = endpoint(request, key)
                response["Content-Language"] = get_language()
                return response

        def endpoint(request: HttpRequest, key: str) -> HttpResponse:
            site = selectors.site_for_key(key)
            if site is None:
                return _error(404, "unknown_site", texts.UNKNOWN_SITE)
            origin = request.headers.get("Origin", "")
            if origin:
                if not _origin_allowed(request, site, origin):
                    return _error(403, "origin_not_allowed", texts.WRONG_ORIGIN)
            elif request.method not in ("GET", "HEAD"):
                return _error(403, "origin_missing", texts.WRONG_ORIGIN)
            if request.method == "OPTIONS":
                response = HttpResponse(status=204)
                response["Access-Control-Allow-Methods"] = ", ".join((*methods, "OPTIONS"))
                response["Access-Control-Allow-Headers"] = "Content-Type"
                response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
                return _cors(response, origin)
            allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())
            if request.method not in allowed:
                response = _error(405, "method_not_allowed", texts.METHOD_NOT_ALLOWED)
                response["Allow"] = ", ".join((*methods, "OPTIONS"))
                return _cors(response, origin)
            return _cors(view(request, site, origin), origin)

        return wrapper

    return decorate


def _json_body(request: HttpRequest) -> Any:
    """The decoded body; raises InvalidInput with a message when it is not JSON
    within the limits (size, nesting, valid Unicode without NUL: ``web.payload``)."""
    # Django itself refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE before they are read.
    try:
        return json_parse(request.body, max_bytes=MAX_BODY)
    except PayloadTooLarge:
        raise _TooLarge from None
    except BadPayload:
        raise services.InvalidInput(texts.BAD_JSON) from None


class _TooLarge(Exception):
    pass


def _rate_limited(retry_after: int) -> JsonResponse:
    response = _error(
        429,
        "rate_limited",
        texts.rate_limited(retry_after),
        retry_after=retry_after,
    )
    response["Retry-After"] = str(retry_after)
    return response


def _invalid(exc: services.InvalidInput) -> JsonResponse:
    return _error(400, "invalid", exc.message, fields=exc.fields)


@site_endpoint("GET")
def config(request: HttpRequest, site: Site, origin: str) -> HttpResponse:
    response = JsonResponse(selectors.site_config(site))
    response["Cache-Control"] = "public, max-age=300"
    return response


@site_endpoint("POST")
def check(request: HttpRequest, site: Site, origin: str) -> HttpResponse:
    """The screening's verdict on a draft: categories and case request, never the text."""
    try:
        data = _json_body(request)
        if not isinstance(data, dict):
            raise services.InvalidInput(texts.NOT_AN_OBJECT)
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise services.InvalidInput(texts.FIX_FIELDS, {"text": texts.TEXT_MISSING})
        if len(text) > services.MAX_TEXT:
            raise services.InvalidInput(
                texts.FIX_FIELDS, {"text": texts.text_too_long(services.MAX_TEXT)}
            )
    except _TooLarge:
        return _error(413, "too_large", texts.TOO_LARGE)
    except services.InvalidInput as exc:
        return _invalid(exc)
    wait = services.rate_limit_take(
        scope="check", site=site, client=_client_address(request), limit=services.CHECK_LIMIT
    )
    if wait:
        return _rate_limited(wait)
    language = data.get("language") if isinstance(data.get("language"), str) else ""
    name = data.get("author_name") if isinstance(data.get("author_name"), str) else ""
    verdict = services.draft_check(text=text, language=language[:16], author_name=name)
    response = JsonResponse(verdict.as_dict())
    response["Cache-Control"] = "no-store"
    return response


@site_endpoint("GET", "POST")
def comments(request: HttpRequest, site: Site, origin: str) -> HttpResponse:
    if request.method == "POST":
        return _comment_post(request, site, origin)
    page = request.GET.get("page", "")
    if not origin_of(page) or len(page) > services.MAX_URL:
        return _error(400, "invalid", texts.PAGE_MISSING)
    response = JsonResponse({"comments": selectors.comments_for_page(site, page)})
    response["Cache-Control"] = "no-cache"
    return response


@site_endpoint("POST")
def mine(request: HttpRequest, site: Site, origin: str) -> HttpResponse:
    """This browser's own comments on the page, with their state (POST: the id the
    browser keeps is a secret of that browser, so it never goes in an address)."""
    from tilstede.moderation.tasks import appeal_token

    try:
        data = _json_body(request)
        if not isinstance(data, dict):
            raise services.InvalidInput(texts.NOT_AN_OBJECT)
        token, page = data.get("commenter"), data.get("page_url")
        if not isinstance(token, str) or not isinstance(page, str) or not origin_of(page):
            raise services.InvalidInput(texts.FIX_FIELDS, {"page_url": texts.MINE_MISSING})
    except _TooLarge:
        return _error(413, "too_large", texts.TOO_LARGE)
    except services.InvalidInput as exc:
        return _invalid(exc)
    wait = services.rate_limit_take(
        scope="mine", site=site, client=_client_address(request), limit=services.CHECK_LIMIT
    )
    if wait:
        return _rate_limited(wait)

    def link(decision) -> str:
        return request.build_absolute_uri(reverse("appeal", args=[appeal_token(decision)]))

    own = services.own_comments(site=site, token=token, page_url=page, appeal_link=link)
    for entry in own:
        entry.update(texts.own_comment_words(entry))
        entry["created_at_text"] = texts.when(dt.datetime.fromisoformat(entry["created_at"]))
    response = JsonResponse({"comments": own})
    response["Cache-Control"] = "no-store"
    return response


def _comment_post(request: HttpRequest, site: Site, origin: str) -> HttpResponse:
    try:
        data = services.comment_validate(_json_body(request), origin=origin)
    except _TooLarge:
        return _error(413, "too_large", texts.TOO_LARGE)
    except services.InvalidInput as exc:
        return _invalid(exc)
    wait = services.rate_limit_take(
        scope="comment", site=site, client=_client_address(request), limit=services.COMMENT_LIMIT
    )
    if wait:
        return _rate_limited(wait)
    try:
        result = services.comment_post(site=site, data=data, origin=origin)
    except services.InvalidInput as exc:
        return _invalid(exc)
    # A honeypot hit is answered like a held comment, so the program learns nothing.
    status = "published" if result.visible else "awaiting_moderation"
    return JsonResponse(
        {"id": result.external_id, "status": status, "message": result.message},
        status=201 if not result.spam else 202,
    )


def _static(name: str, content_type: str) -> HttpResponse:
    try:
        body = _read_static(name) if not settings.DEBUG else (STATIC / name).read_bytes()
    except FileNotFoundError:
        raise Http404(name) from None
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600"
    # Loaded by other origins' pages by design.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


@functools.cache
def _read_static(name: str) -> bytes:
    return (STATIC / name).read_bytes()


@require_GET
def widget_js(request: HttpRequest) -> HttpResponse:
    return _static("widget.js", "text/javascript; charset=utf-8")


@require_GET
def widget_css(request: HttpRequest) -> HttpResponse:
    return _static("widget.css", "text/css; charset=utf-8")


@require_GET
def demo(request: HttpRequest, key: str) -> HttpResponse:
    """A made-up article that embeds the snippet, for trying the field out (DEBUG only)."""
    site = selectors.site_for_key(key)
    if not settings.DEBUG or site is None:
        raise Http404("no demo")
    return render(
        request,
        "webcomments/demo.html",
        {"site": site, "snippet": snippet(request, site)},
    )


def snippet(request: HttpRequest, site: Site) -> str:
    """The two lines an agency pastes into its page."""
    src = request.build_absolute_uri(reverse("webcomments:widget_js"))
    return (
        '<div id="tilstede-kommentarer"></div>\n'
        f'<script src="{src}" data-site="{site.key}" defer></script>'
    )
