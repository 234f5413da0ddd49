"""URLs of the web desk."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tilstede.web import appeals, auditlog, channels, config, demo, inbox, items, views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/bulk/", inbox.inbox_bulk, name="inbox_bulk"),
    path("items/<int:pk>/", items.item_page, name="item"),
    path("items/<int:pk>/thread/", items.item_thread, name="item_thread"),
    path("items/<int:pk>/decide/", inbox.item_decide, name="item_decide"),
    path("items/<int:pk>/reveal/", inbox.item_reveal, name="item_reveal"),
    path("items/<int:pk>/reply/", items.item_reply, name="item_reply"),
    path("items/<int:pk>/replies/<int:reply>/retry/", items.reply_retry_view, name="reply_retry"),
    path(
        "items/<int:pk>/notices/<int:notice>/retry/",
        items.notice_retry_view,
        name="notice_retry",
    ),
    path("appeals/", appeals.appeal_list, name="appeals"),
    path("appeals/<int:pk>/decide/", appeals.appeal_decide_view, name="appeal_decide"),
    path("demo-platform/<slug:slug>/", demo.sandbox, name="demo_platform"),
    path("channels/", channels.channel_list, name="channels"),
    path("channels/new/", channels.channel_edit, name="channel_new"),
    path("channels/health/", channels.channel_health, name="channel_health"),
    path("channels/<slug:slug>/", channels.channel_detail, name="channel"),
    path("channels/<slug:slug>/edit/", channels.channel_edit, name="channel_edit"),
    path("settings/<slug:kind>/", config.config_list, name="config"),
    path("settings/<slug:kind>/new/", config.config_edit, name="config_new"),
    path("settings/<slug:kind>/<int:pk>/", config.config_edit, name="config_edit"),
    path("settings/<slug:kind>/<int:pk>/delete/", config.config_delete, name="config_delete"),
    path("audit/", auditlog.audit_log, name="audit"),
]

# The bench's baseline (bench/web.py); never routed unless its settings switch it on.
if getattr(settings, "TILSTEDE_BENCH_EMPTY_VIEW", False):
    urlpatterns.append(path("bench/empty", views.empty, name="bench_empty"))
