"""django-allauth's adapters: how the library meets the desk's rules.

No one signs up on their own: local accounts are made by an administrator (the desk's
People page) and accounts from single sign-on by the first sign-in through a configured
identity provider. A failed single sign-on is recorded and shown with its reason.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base.constants import AuthError
from django.http import HttpRequest
from django.shortcuts import render

from tilstede.core import crypto
from tilstede.core.services import audit_record
from tilstede.signin.oidc import SignInRefused
from tilstede.web.ratelimit import client_ip

# allauth's own notes on signing in and out; the desk says nothing on a normal sign-in.
QUIET_MESSAGES = {"account/messages/logged_in.txt", "account/messages/logged_out.txt"}


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        if message_template in QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template, *args, **kwargs)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        return True  # the provider is configured by the operator: its people may come in

    def is_auto_signup_allowed(self, request: HttpRequest, sociallogin: Any) -> bool:
        return True

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        """Record the failure and show the reason (a status 400 page, not allauth's)."""
        reason = getattr(exception, "reason", "") or (
            "cancelled" if error == AuthError.CANCELLED else "failed"
        )
        provider_id = getattr(getattr(provider, "app", None), "provider_id", "") or ""
        audit_record(
            actor="anonymous",
            verb="auth.sso_failed",
            object_type="auth.user",
            details={
                "provider": provider_id,
                "reason": reason,
                "error": str(error or ""),
                "detail": str(exception or "")[:500],
                "address": client_ip(request),
            },
        )
        message = exception.message if isinstance(exception, SignInRefused) else ""
        raise ImmediateHttpResponse(
            render(
                request,
                "registration/sso_error.html",
                {
                    "provider_name": getattr(provider, "name", provider_id),
                    "message": message,
                    "cancelled": error == AuthError.CANCELLED,
                },
                status=200 if error == AuthError.CANCELLED else 400,
            )
        )


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are encrypted at rest like channel
    credentials (``core.crypto``): a database dump alone gives no second factor."""

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)
