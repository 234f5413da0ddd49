"""django-allauth's pages that the desk uses, under ``accounts/``; nothing more.

Not mounted: sign-up, e-mail management, password reset and change, login by code,
account connections. People are added by administrators (the desk's People page), a
password is set through the administrator's one-time link, and the desk's own login
page (``login``) is the only password form: allauth's names ``account_login`` and
``account_logout`` are the desk's login and logout (``web.urls``).
"""

from __future__ import annotations

from allauth.account import views as account_views
from allauth.socialaccount import views as social_views
from allauth.urls import build_provider_urlpatterns
from django.urls import include, path

urlpatterns = [
    path("inactive/", account_views.account_inactive, name="account_inactive"),
    path("reauthenticate/", account_views.reauthenticate, name="account_reauthenticate"),
    path("2fa/", include("allauth.mfa.urls")),
    path(
        "3rdparty/login/cancelled/",
        social_views.login_cancelled,
        name="socialaccount_login_cancelled",
    ),
    path("3rdparty/login/error/", social_views.login_error, name="socialaccount_login_error"),
    path("3rdparty/signup/", social_views.signup, name="socialaccount_signup"),
    *build_provider_urlpatterns(),
]
