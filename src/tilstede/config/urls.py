"""URL map: admin, the web desk, and a health check for load balancers."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from tilstede.api.main import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    # Single sign-on and two-factor (django-allauth's pages that the desk uses).
    path("accounts/", include("tilstede.signin.accounts")),
    path("c/", include("tilstede.webcomments.urls")),
    path("publisering/", include("tilstede.publishing.urls")),
    path("", include("tilstede.moderation.urls")),
    path("", include("tilstede.web.urls")),
]
