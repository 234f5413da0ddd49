"""Admin for the desk: saved replies and routing rules are edited here; promises and
deliveries are shown, never edited."""

from __future__ import annotations

from django.contrib import admin

from tilstede.core.admin import AuditedAdmin, ReadOnlyAdmin
from tilstede.desk.models import (
    DeskSettings,
    OutgoingReply,
    ResponsePromise,
    RoutingRule,
    SavedReply,
)


@admin.register(SavedReply)
class SavedReplyAdmin(AuditedAdmin):
    list_display = ["title", "code", "language", "purpose", "organisation", "active", "order"]
    list_filter = ["language", "purpose", "active", "organisation"]
    search_fields = ["title", "code", "text"]


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedAdmin):
    list_display = [
        "name",
        "organisation",
        "order",
        "channel",
        "language",
        "topic",
        "team",
        "assignee",
        "active",
    ]
    list_filter = ["organisation", "active", "channel"]
    search_fields = ["name", "keywords"]
    list_editable = ["order", "active"]


@admin.register(DeskSettings)
class DeskSettingsAdmin(AuditedAdmin):
    list_display = ["channel", "auto_acknowledge", "acknowledge_before"]


@admin.register(ResponsePromise)
class ResponsePromiseAdmin(ReadOnlyAdmin):
    list_display = [
        "item",
        "channel",
        "reason",
        "team",
        "due_at",
        "first_response_at",
        "acknowledged_at",
    ]
    list_filter = ["channel", "reason", "team"]
    date_hierarchy = "due_at"
    raw_id_fields = ["item", "first_response"]


@admin.register(OutgoingReply)
class OutgoingReplyAdmin(ReadOnlyAdmin):
    list_display = ["item", "in_reply_to", "by", "automatic", "status", "attempts", "sent_at"]
    list_filter = ["status", "automatic"]
    raw_id_fields = ["item", "in_reply_to"]
