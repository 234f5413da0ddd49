"""``Cache-Control: no-store`` on every answer that can hold personal data.

Desk pages (anything answered to a logged-in person), the API and the archive's pages
show citizens' texts, names and identifiers; a shared proxy or the browser's disk cache
must not keep them. An answer that sets its own Cache-Control (the comment widget's
public files and configuration) keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

PERSONAL_PREFIXES = ("/api/", "/archive/", "/admin/")


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith(
            PERSONAL_PREFIXES
        ):
            add_never_cache_headers(response)
        return response
