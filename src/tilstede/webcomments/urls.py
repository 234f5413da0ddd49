"""URLs of the comment field (mounted under /c/)."""

from __future__ import annotations

from django.urls import path

from tilstede.webcomments import views

app_name = "webcomments"

urlpatterns = [
    path("widget.js", views.widget_js, name="widget_js"),
    path("widget.css", views.widget_css, name="widget_css"),
    path("demo/<str:key>/", views.demo, name="demo"),
    path("<str:key>/config.json", views.config, name="config"),
    path("<str:key>/check", views.check, name="check"),
    path("<str:key>/comments", views.comments, name="comments"),
    path("<str:key>/mine", views.mine, name="mine"),
]
