"""URLs of publishing in the web desk, mounted at /publisering/."""

from __future__ import annotations

from django.urls import path

from tilstede.publishing import views

app_name = "publishing"

urlpatterns = [
    path("", views.posts, name="posts"),
    path("ny/", views.post_compose, name="compose"),
    path("kanaler/", views.channel_settings, name="channels"),
    path("<int:pk>/", views.post_detail, name="post"),
    path("<int:pk>/endre/", views.post_compose, name="edit"),
    path("<int:pk>/send/", views.post_submit, name="submit"),
    path("<int:pk>/godkjenn/", views.post_approve, name="approve"),
    path("<int:pk>/avvis/", views.post_reject, name="reject"),
    path("<int:pk>/planlegg/", views.post_schedule, name="schedule"),
    path("<int:pk>/publiser/", views.post_publish, name="publish"),
    path("<int:pk>/kanal/<slug:channel>/prov-igjen/", views.delivery_retry, name="retry"),
    path("<int:pk>/bilde/<int:image>/", views.post_image, name="image"),
    path("krise/", views.crisis, name="crisis"),
    path("krise/erklaer/", views.crisis_declare, name="crisis_declare"),
    path("krise/<int:pk>/avslutt/", views.crisis_end, name="crisis_end"),
    path("krise/<int:pk>/stans/", views.crisis_suspend, name="crisis_suspend"),
    path("krise/<int:pk>/gjenoppta/", views.crisis_resume, name="crisis_resume"),
    path(
        "krise/<int:pk>/mal/<int:template>/publiser/",
        views.crisis_publish,
        name="crisis_publish",
    ),
    path("krise/<int:pk>/logg/", views.crisis_log, name="crisis_log"),
    path("krise/<int:pk>/logg.csv", views.crisis_log_export, {"fmt": "csv"}, name="crisis_csv"),
    path("krise/<int:pk>/logg.pdf", views.crisis_log_export, {"fmt": "pdf"}, name="crisis_pdf"),
    path("krise/maler/ny/", views.template_new, name="template_new"),
    path("krise/maler/<int:pk>/godkjenn/", views.template_approve, name="template_approve"),
]
