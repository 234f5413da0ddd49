"""Channel health in the admin: when each channel last succeeded, failed and why."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tilstede.core.admin import AuditedAdmin, ReadOnlyAdmin
from tilstede.ingest.models import ChannelState, Finding, VersionScreening


@admin.register(ChannelState)
class ChannelStateAdmin(AuditedAdmin):
    list_display = [
        "channel",
        "health",
        "last_success_at",
        "last_error_at",
        "consecutive_failures",
        "items_behind",
        "items_received",
        "next_poll_at",
    ]
    list_filter = ["items_behind"]
    readonly_fields = [
        "channel",
        "cursor",
        "last_poll_at",
        "last_success_at",
        "last_error_at",
        "last_error",
        "consecutive_failures",
        "items_behind",
        "items_received",
    ]
    fields = [*readonly_fields, "poll_interval", "next_poll_at"]

    @admin.display(description=_("health"), boolean=True)
    def health(self, obj: ChannelState) -> bool:
        return obj.healthy

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class FindingInline(admin.TabularInline):
    model = Finding
    extra = 0
    can_delete = False
    readonly_fields = ["category", "start", "end", "confidence", "detector", "explanation"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(VersionScreening)
class VersionScreeningAdmin(ReadOnlyAdmin):
    list_display = ["version", "screened_at", "case_request", "case_request_score"]
    list_filter = ["case_request"]
    readonly_fields = ["version", "screened_at", "case_request", "case_request_score", "redacted"]
    inlines = [FindingInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
