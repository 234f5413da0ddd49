"""The error page for a refused CSRF check, in the desk's style and the reader's language.

Django's own 400, 403, 404 and 500 views render ``400.html`` and the others from the
desk's templates; the CSRF failure view is Django's only one with a bare English page.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseForbidden
from django.template import loader


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponseForbidden:
    """403 with a page that says what happened and what to do (the reason is logged by
    Django's CSRF middleware, not shown)."""
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html", request=request))
