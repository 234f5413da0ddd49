"""The OpenID Connect provider's URLs, as allauth builds them for every provider
(mounted under ``accounts/`` with allauth's): ``oidc/<provider>/login/`` and the
redirect URI ``oidc/<provider>/login/callback/``."""

from __future__ import annotations

from django.urls import path

from tilstede.signin import oidc

urlpatterns = [
    path("oidc/<str:provider_id>/login/", oidc.login, name="openid_connect_login"),
    path(
        "oidc/<str:provider_id>/login/callback/",
        oidc.callback,
        name="openid_connect_callback",
    ),
]
