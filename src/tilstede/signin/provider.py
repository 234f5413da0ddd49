"""The desk's OpenID Connect provider class for django-allauth (see ``oidc``).

allauth loads ``provider_classes`` from this module of every installed app; the class
keeps the id ``openid_connect``, so its apps come from ``SOCIALACCOUNT_PROVIDERS`` as
allauth's own OpenID Connect provider's would, and its URLs from ``tilstede.signin.urls``.
"""

from __future__ import annotations

from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.utils import generate_code_challenge
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from django.http import HttpRequest, HttpResponseRedirect

from tilstede.signin.oidc import DeskOIDCAdapter, nonce_for


class DeskOIDCProvider(OpenIDConnectProvider):
    oauth2_adapter_class = DeskOIDCAdapter
    pkce_enabled_default = True

    def get_pkce_params(self) -> dict:
        """Always PKCE (S256), whatever an app's settings say."""
        return generate_code_challenge()

    def redirect(self, request: HttpRequest, process, next_url=None, data=None, **kwargs):
        """allauth's redirect to the authorization endpoint, with a nonce bound to the
        request's state (``oidc.nonce_for``)."""
        from allauth.socialaccount.helpers import render_authentication_error

        adapter = self.get_oauth2_adapter(request)
        auth_params = kwargs.pop("auth_params", None)
        if auth_params is None:
            auth_params = self.get_auth_params()
        pkce = self.get_pkce_params()
        verifier = pkce.pop("code_verifier")
        auth_params.update(pkce)
        scope = kwargs.pop("scope", None)
        if scope is None:
            scope = self.get_scope()
        state_id = self.stash_redirect_state(
            request, process, next_url, data, pkce_code_verifier=verifier, **kwargs
        )
        auth_params["nonce"] = nonce_for(state_id)
        try:
            client = adapter.get_client(request, self.app)
            client.state = state_id
            return HttpResponseRedirect(
                client.get_redirect_url(adapter.authorize_url, scope, auth_params)
            )
        except OAuth2Error as exc:
            return render_authentication_error(
                request, self, extra_context={"state_id": state_id}, exception=exc
            )


provider_classes = [DeskOIDCProvider]
