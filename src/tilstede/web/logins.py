"""Logins, failed logins and lockouts in the audit log.

django-axes counts failures and locks an account or an address (settings: AXES_*); this
module only records what happened, so that an administrator can see a password being
guessed. The password is never recorded; the user name typed is, since a failure is
about an account that may not exist.
"""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tilstede.core.services import audit_record
from tilstede.web.ratelimit import client_ip


def _address(request: HttpRequest | None) -> str:
    return client_ip(request) if request is not None else ""


def _logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    # The user by name and id, not as the event's actor: an actor is a protected
    # reference, and having logged in must not keep an account from being deleted.
    audit_record(
        actor=user.get_username(),
        verb="auth.login",
        object_type="auth.user",
        object_id=user.pk,
        details={"address": _address(request)},
    )


def _login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username") or "")[:150]
    audit_record(
        actor="anonymous",
        verb="auth.login_failed",
        object_type="auth.user",
        details={
            "username": username,
            "address": _address(request),
            "locked_out": bool(getattr(request, "axes_locked_out", False)),
        },
    )


def _locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    """Sent by axes when the limit is reached (the lockout starts) and for each attempt
    refused while it lasts; only the first carries the failure count."""
    failures = getattr(request, "axes_failures_since_start", None)
    audit_record(
        actor="anonymous",
        verb="auth.lockout" if failures is not None else "auth.login_refused",
        object_type="auth.user",
        details={
            "username": (username or "")[:150],
            "address": ip_address or "",
            **({"failures": failures} if failures is not None else {}),
        },
    )


def connect() -> None:
    from axes.signals import user_locked_out

    user_logged_in.connect(_logged_in, dispatch_uid="tilstede-audit-login")
    user_login_failed.connect(_login_failed, dispatch_uid="tilstede-audit-login-failed")
    user_locked_out.connect(_locked_out, dispatch_uid="tilstede-audit-lockout")


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The page shown while a login is locked (django-axes's AXES_LOCKOUT_CALLABLE)."""
    minutes = max(1, int(get_cool_off(request).total_seconds() // 60))
    return render(request, "registration/locked_out.html", {"cooloff_minutes": minutes}, status=429)


class LoginThrottle(AxesStandaloneBackend):
    """django-axes's check, first among the backends, before any password is checked.

    A call without a request (a script, ``Client.login`` in tests) is not a login from
    the web: there is no address to count, and it is passed on to the next backend
    instead of failing.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)
