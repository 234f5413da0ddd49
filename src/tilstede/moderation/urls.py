"""Public URLs of moderation: transparency report and appeals."""

from __future__ import annotations

from django.urls import path

from tilstede.moderation import views

urlpatterns = [
    path("apenhet/<slug:org>/", views.transparency, name="transparency"),
    path("apenhet/<slug:org>.csv", views.transparency_csv, name="transparency_csv"),
    path("klage/<str:token>/", views.appeal, name="appeal"),
]
