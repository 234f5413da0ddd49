"""URLs of the web desk."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from tilstede.web import (
    appeals,
    archive,
    auditlog,
    channels,
    config,
    demo,
    figures,
    inbox,
    items,
    organisation,
    signin,
    sites,
    views,
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("figures/", figures.figures, name="figures"),
    path("figures.csv", figures.figures_csv, name="figures_csv"),
    path("figures.pdf", figures.figures_pdf, name="figures_pdf"),
    path("login/", signin.DeskLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The same pages under django-allauth's names, which its two-factor pages link to.
    path("login/", signin.DeskLoginView.as_view(), name="account_login"),
    path("logout/", auth_views.LogoutView.as_view(), name="account_logout"),
    path(
        "password/<uidb64>/<token>/",
        organisation.PasswordSetView.as_view(),
        name="password_set",
    ),
    path("organisation/", organisation.organisation_home, name="organisation_home"),
    path("organisation/<slug:slug>/", organisation.organisation_detail, name="organisation"),
    path(
        "organisation/<slug:slug>/edit/",
        organisation.organisation_edit,
        name="organisation_edit",
    ),
    path("people/", organisation.people_list, name="people"),
    path("people/new/", organisation.person_new, name="person_new"),
    path("people/<int:pk>/", organisation.person_detail, name="person"),
    path("people/<int:pk>/roles/", organisation.person_roles, name="person_roles"),
    path("people/<int:pk>/active/", organisation.person_active, name="person_active"),
    path("people/<int:pk>/link/", organisation.person_link, name="person_link"),
    path("people/<int:pk>/sessions/end/", signin.person_sessions, name="person_sessions_end"),
    # Sign-in settings: roles from the identity provider, two-factor (issue 22).
    path("settings/sign-in/", signin.signin_settings, name="signin_settings"),
    path("settings/sign-in/mappings/", signin.signin_mapping_new, name="signin_mapping_new"),
    path(
        "settings/sign-in/mappings/<int:pk>/delete/",
        signin.signin_mapping_delete,
        name="signin_mapping_delete",
    ),
    path("settings/sign-in/organisation/<slug:slug>/", signin.signin_policy, name="signin_policy"),
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
    path(
        "channels/connect/callback/",
        channels.channel_connect_callback,
        name="channel_connect_callback",
    ),
    path("channels/<slug:slug>/", channels.channel_detail, name="channel"),
    path("channels/<slug:slug>/edit/", channels.channel_edit, name="channel_edit"),
    path("channels/<slug:slug>/connect/", channels.channel_connect, name="channel_connect"),
    path("comment-fields/", sites.site_list, name="sites"),
    path("comment-fields/new/", sites.site_new, name="site_new"),
    path("comment-fields/<int:pk>/", sites.site_detail, name="site"),
    path("settings/<slug:kind>/", config.config_list, name="config"),
    path("settings/<slug:kind>/new/", config.config_edit, name="config_new"),
    path("settings/<slug:kind>/<int:pk>/", config.config_edit, name="config_edit"),
    path("settings/<slug:kind>/<int:pk>/delete/", config.config_delete, name="config_delete"),
    path("audit/", auditlog.audit_log, name="audit"),
    # The archivist's workspace.
    path("archive/", archive.archive_home, name="archive_home"),
    path("archive/rules/", archive.rule_list, name="archive_rules"),
    path("archive/rules/new/", archive.rule_edit, name="archive_rule_new"),
    path("archive/rules/<int:pk>/", archive.rule_edit, name="archive_rule_edit"),
    path("archive/holds/", archive.hold_list, name="archive_holds"),
    path("archive/holds/<int:pk>/release/", archive.hold_release, name="archive_hold_release"),
    path("archive/close/period/", archive.period_close_view, name="archive_close_period"),
    path("archive/close/thread/", archive.thread_close_view, name="archive_close_thread"),
    path("archive/exports/", archive.export_list, name="archive_exports"),
    path("archive/exports/<int:pk>/", archive.export_detail, name="archive_export"),
    path(
        "archive/exports/<int:pk>/download/",
        archive.export_download,
        name="archive_export_download",
    ),
    path("archive/retention/", archive.retention, name="archive_retention"),
    path("archive/innsyn/", archive.innsyn_list, name="archive_innsyn"),
    path("archive/innsyn/<int:pk>/", archive.innsyn_detail, name="archive_innsyn_detail"),
    path(
        "archive/innsyn/<int:pk>/<slug:kind>/",
        archive.innsyn_download,
        name="archive_innsyn_download",
    ),
]

# The bench's baseline (bench/web.py); never routed unless its settings switch it on.
if getattr(settings, "TILSTEDE_BENCH_EMPTY_VIEW", False):
    urlpatterns.append(path("bench/empty", views.empty, name="bench_empty"))
