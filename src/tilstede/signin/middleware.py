"""Two-factor before anything else, where the organisation requires it.

At sign-in with a password, a person who may reveal personal data in an organisation
that requires two-factor, and has no second factor, is marked in the session
(``audit.TWO_FACTOR_SESSION_KEY``); until they enrol one, every desk page sends them to
the two-factor page. The mark is cleared when a second factor is added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from tilstede.signin.audit import TWO_FACTOR_SESSION_KEY

# What a person who must enrol may still reach: enrolment itself (allauth's pages),
# signing out, the language switch, the health check.
ALLOWED_NAMES = {"logout", "set_language", "healthz", "login"}
ALLOWED_PREFIXES = ("mfa_", "account_")


class TwoFactorRequired:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        session = getattr(request, "session", None)
        if session is None or not session.get(TWO_FACTOR_SESSION_KEY):
            return None
        if not request.user.is_authenticated:
            return None
        match = request.resolver_match
        name = match.url_name if match else ""
        if name in ALLOWED_NAMES or (name or "").startswith(ALLOWED_PREFIXES):
            return None
        messages.warning(
            request,
            _(
                "Your organisation requires two-factor sign-in for your role. Set up an "
                "authenticator app or a security key to go on."
            ),
        )
        return redirect("mfa_index")
