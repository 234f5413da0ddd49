"""URL map: admin, the web desk, and a health check for load balancers."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("tilstede.web.urls")),
]
