from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    name = "tilstede.archive"
    label = "archive"
    verbose_name = _("Archive")
    default_auto_field = "django.db.models.BigAutoField"

    # What each role may do in the archivist's workspace (see tilstede.core.roles).
    role_permissions = {
        "archivist": {
            "view_archiverule",
            "add_archiverule",
            "change_archiverule",
            "view_archiveperiod",
            "close_archiveperiod",
            "export_archiveperiod",
            "view_archiveexport",
            "view_legalhold",
            "add_legalhold",
            "change_legalhold",
            "view_retentiondeletion",
            "run_retention",
            "view_innsynrequest",
            "add_innsynrequest",
            "view_archiveassessment",
            "change_archiveassessment",
        },
        "administrator": {
            "view_archiverule",
            "view_archiveperiod",
            "view_archiveexport",
            "view_legalhold",
            "view_retentiondeletion",
            "view_innsynrequest",
        },
    }

    def ready(self) -> None:
        from tilstede.archive import checks  # noqa: F401 - registers the system check
