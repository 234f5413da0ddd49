"""The desk's OpenID Connect client: django-allauth's, with the checks a public body's
sign-in needs made explicit.

allauth's OpenID Connect provider does discovery, state and PKCE. On top of it, here:

- the discovery document must name the issuer configured for the provider, and the ID
  token must come from that issuer (a mix-up or a look-alike provider is refused);
- every authorization request carries a nonce, derived from the request's state (so it
  is bound to the browser session that started the sign-in), and the ID token must
  carry it back;
- the ID token's signature is always checked against the provider's published keys,
  also when it came straight from the token endpoint (allauth skips that there, as the
  specification allows over TLS; a tampered token is refused all the same here);
- only the claims the desk uses are kept (``KEPT_CLAIMS``): an identity provider may
  send a fødselsnummer (Ansattporten's ``pid``), which must not be stored.
"""

from __future__ import annotations

import hmac
from typing import Any

import jwt
from allauth.socialaccount.adapter import get_adapter
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from allauth.utils import get_request_param
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

# Asymmetric algorithms only: "none" and HMAC (keyed with the client secret) are refused.
ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
KEPT_CLAIMS = (
    "iss",
    "sub",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "email",
    "email_verified",
    "acr",
    "amr",
    "auth_time",
)
LEEWAY_SECONDS = 60


class SignInRefused(OAuth2Error):
    """The identity provider's answer failed a check; ``reason`` says which, ``message``
    says it to the person (both end up in the audit log and on the error page)."""

    MESSAGES = {
        "issuer": _(
            "The sign-in was refused: the answer came from another issuer than the "
            "identity provider configured for this button."
        ),
        "signature": _(
            "The sign-in was refused: the identity token was not signed with the "
            "identity provider's key. It may have been changed on the way."
        ),
        "nonce": _(
            "The sign-in was refused: the answer did not belong to this sign-in "
            "(its nonce was wrong). Start the sign-in again."
        ),
        "token": _(
            "The sign-in was refused: the identity token was not valid for Tilstede "
            "(wrong audience, expired or incomplete)."
        ),
        "userinfo": _(
            "The sign-in was refused: the identity provider's user information was "
            "about another person than the identity token."
        ),
    }

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(f"{reason}: {detail}" if detail else reason)

    @property
    def message(self) -> str:
        return str(self.MESSAGES[self.reason])


def nonce_for(state_id: str) -> str:
    """The nonce sent with the authorization request whose state is ``state_id``.

    The state is random and kept in the session that started the sign-in (allauth
    refuses a callback whose state that session does not hold), so a nonce derived from
    it with the secret key ties the ID token to that very request.
    """
    return salted_hmac("tilstede.signin.oidc-nonce", state_id, algorithm="sha256").hexdigest()


def _claims_kept(claims: dict[str, Any], roles_claim: str) -> dict[str, Any]:
    kept = {k: claims[k] for k in KEPT_CLAIMS if k in claims}
    head = roles_claim.split(".", 1)[0]
    if head and head in claims:
        kept[head] = claims[head]
    return kept


def issuer_of(app) -> str:
    """The issuer configured for ``app``: from the environment (``issuer``), or, for an
    app the operator added in the admin, its server URL."""
    return str(app.settings.get("issuer") or app.settings.get("server_url", "")).rstrip("/")


class DeskOIDCAdapter(OpenIDConnectOAuth2Adapter):
    @property
    def openid_config(self) -> dict[str, Any]:
        config = super().openid_config
        expected = issuer_of(self.get_provider().app)
        if str(config.get("issuer", "")).rstrip("/") != expected:
            raise SignInRefused("issuer", f"discovery names {config.get('issuer')!r}")
        return config

    def complete_login(self, request: HttpRequest, app, token, **kwargs: Any):
        response = kwargs["response"]
        raw = response.get("id_token")
        if not raw:
            raise SignInRefused("token", "no id_token in the token response")
        state_id = get_request_param(request, "state") or ""
        id_token = self.id_token_verify(app, raw, nonce=nonce_for(state_id))
        userinfo: dict[str, Any] = {}
        if app.settings.get("fetch_userinfo", True) and self.openid_config.get("userinfo_endpoint"):
            userinfo = self._fetch_user_info(token.token)
            if str(userinfo.get("sub")) != str(id_token["sub"]):
                raise SignInRefused("userinfo", "sub differs from the ID token's")
        roles_claim = app.settings.get("roles_claim", "groups")
        # The ID token's claims win: they are signed; the user information fills gaps.
        data = {
            "userinfo": _claims_kept({**userinfo, **id_token}, roles_claim),
            "id_token": _claims_kept(id_token, roles_claim),
        }
        return self.get_provider().sociallogin_from_response(request, data)

    def id_token_verify(self, app, raw: str, *, nonce: str) -> dict[str, Any]:
        """The ID token's claims once its signature, issuer, audience, times and nonce
        are checked (OpenID Connect Core 3.1.3.7)."""
        issuer = issuer_of(app)
        try:
            header = jwt.get_unverified_header(raw)
        except jwt.PyJWTError as exc:
            raise SignInRefused("signature", str(exc)) from exc
        alg = header.get("alg")
        if alg not in ALGORITHMS:
            raise SignInRefused("signature", f"algorithm {alg!r} is not accepted")
        key = self._signing_key(header)
        try:
            claims = jwt.decode(
                raw,
                key=key,
                algorithms=[alg],
                audience=app.client_id,
                issuer=issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["iss", "sub", "aud", "exp", "iat"]},
            )
        except jwt.InvalidSignatureError as exc:
            raise SignInRefused("signature", str(exc)) from exc
        except jwt.InvalidIssuerError as exc:
            raise SignInRefused("issuer", str(exc)) from exc
        except jwt.DecodeError as exc:  # a token whose parts no longer decode was changed
            raise SignInRefused("signature", str(exc)) from exc
        except jwt.PyJWTError as exc:
            raise SignInRefused("token", str(exc)) from exc
        audience = claims["aud"]
        if isinstance(audience, list) and len(audience) > 1 and claims.get("azp") != app.client_id:
            raise SignInRefused("token", "several audiences and azp is not Tilstede")
        if not hmac.compare_digest(str(claims.get("nonce", "")), nonce):
            raise SignInRefused("nonce", "the nonce is not the one sent")
        return claims

    def _signing_key(self, header: dict[str, Any]) -> Any:
        with get_adapter().get_requests_session() as session:
            response = session.get(self.openid_config["jwks_uri"])
            response.raise_for_status()
            keys = response.json()
        try:
            keyset = jwt.PyJWKSet.from_dict(keys)
        except jwt.PyJWTError as exc:
            raise SignInRefused("signature", f"no usable keys: {exc}") from exc
        kid = header.get("kid")
        usable = [k for k in keyset.keys if k.public_key_use in (None, "sig")]
        found = [k for k in usable if k.key_id == kid] if kid else usable
        if len(found) != 1:
            raise SignInRefused("signature", f"no single key with kid {kid!r}")
        return found[0].key


def login(request: HttpRequest, provider_id: str) -> HttpResponse:
    from allauth.socialaccount.models import SocialApp

    try:
        return OAuth2LoginView.adapter_view(DeskOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


def callback(request: HttpRequest, provider_id: str) -> HttpResponse:
    from allauth.socialaccount.models import SocialApp

    try:
        return OAuth2CallbackView.adapter_view(DeskOIDCAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None
