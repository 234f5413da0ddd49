"""Sign-in events in the audit log: single sign-on (with the roles it brought), its
failures, two-factor enrolment and removal, codes used and codes refused.

The password form's logins, failures and lockouts are recorded by ``web.logins``; the
events here add what only the sign-in library knows. Secrets (codes, tokens) are never
recorded.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from tilstede.core.services import audit_record
from tilstede.signin.models import RoleMapping
from tilstede.signin.oidc import issuer_of
from tilstede.signin.services import claim_values, person_sync_from_provider
from tilstede.web.ratelimit import client_ip

TWO_FACTOR_SESSION_KEY = "tilstede_two_factor_required"


def _address(request: HttpRequest | None) -> str:
    return client_ip(request) if request is not None else ""


def _logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """allauth's login signal: after single sign-on, set roles from the claim; after any
    sign-in, remember whether this session must enrol a second factor."""
    from tilstede.signin.services import two_factor_required

    sociallogin = kwargs.get("sociallogin")
    if sociallogin is not None:
        account = sociallogin.account
        app = sociallogin.provider.app
        claims = {
            **(account.extra_data.get("userinfo") or {}),
            **(account.extra_data.get("id_token") or {}),
        }
        values = claim_values(claims, app.settings.get("roles_claim", "groups"))
        changes = person_sync_from_provider(person=user, provider=account.provider, values=values)
        audit_record(
            actor=user.get_username(),
            verb="auth.sso_login",
            object_type="auth.user",
            object_id=user.pk,
            details={
                "provider": account.provider,
                "issuer": issuer_of(app),
                "subject": account.uid,
                "address": _address(request),
                "new_account": bool(kwargs.get("signup")),
                **changes,
            },
        )
        if not user.groups.exists() and RoleMapping.objects.exists():
            messages.info(
                request,
                _("You are signed in, but have no role yet: an administrator must give you one."),
            )
        request.session.pop(TWO_FACTOR_SESSION_KEY, None)
        return  # the identity provider decides the second factor of its people
    if two_factor_required(user) and not _has_second_factor(user):
        request.session[TWO_FACTOR_SESSION_KEY] = True


def _has_second_factor(user: Any) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def _authenticator(verb: str):
    def handler(sender: Any, request: HttpRequest, user: Any, authenticator: Any, **kw: Any):
        details = {"type": authenticator.type, "address": _address(request)}
        if authenticator.type == "recovery_codes" and verb == "mfa.used":
            verb_used = "mfa.recovery_code_used"
            fresh = type(authenticator).objects.get(pk=authenticator.pk)  # the code is marked
            details["codes_left"] = len(fresh.wrap().get_unused_codes())
        else:
            verb_used = verb
        if "reauthenticated" in kw:
            details["reauthentication"] = bool(kw["reauthenticated"])
        audit_record(actor=user, verb=verb_used, obj=user, details=details)
        if verb == "mfa.added" and _has_second_factor(user) and request is not None:
            request.session.pop(TWO_FACTOR_SESSION_KEY, None)

    return handler


def _mfa_failed(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    authenticator = kwargs.get("authenticator")
    audit_record(
        actor="anonymous" if not getattr(request.user, "is_authenticated", False) else user,
        verb="auth.mfa_failed",
        object_type="auth.user",
        object_id=user.pk,
        details={
            "username": user.get_username(),
            "type": getattr(authenticator, "type", ""),
            "address": _address(request),
            "reauthentication": bool(kwargs.get("reauthentication")),
        },
    )


_HANDLERS: dict[str, Any] = {}


def connect() -> None:
    from allauth.account.signals import user_logged_in
    from allauth.mfa import signals as mfa

    _HANDLERS.update(
        added=_authenticator("mfa.added"),
        removed=_authenticator("mfa.removed"),
        reset=_authenticator("mfa.reset"),
        used=_authenticator("mfa.used"),
    )
    user_logged_in.connect(_logged_in, dispatch_uid="tilstede-signin-login")
    mfa.authenticator_added.connect(_HANDLERS["added"], dispatch_uid="tilstede-mfa-added")
    mfa.authenticator_removed.connect(_HANDLERS["removed"], dispatch_uid="tilstede-mfa-removed")
    mfa.authenticator_reset.connect(_HANDLERS["reset"], dispatch_uid="tilstede-mfa-reset")
    mfa.authenticator_used.connect(_HANDLERS["used"], dispatch_uid="tilstede-mfa-used")
    mfa.authentication_failed.connect(_mfa_failed, dispatch_uid="tilstede-mfa-failed")
