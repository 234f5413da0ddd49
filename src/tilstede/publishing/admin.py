"""Admin for publishing: per-channel settings are edited here; posts, deliveries and
crises are shown, never edited (their changes go through the services and the audit log)."""

from __future__ import annotations

from django.contrib import admin

from tilstede.core.admin import AuditedAdmin, ReadOnlyAdmin
from tilstede.publishing.models import (
    Crisis,
    CrisisChannel,
    CrisisTemplate,
    Delivery,
    Post,
    PostImage,
    PublishingSettings,
)

ReadOnly = ReadOnlyAdmin


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in Delivery._meta.fields]


class ImageInline(admin.TabularInline):
    model = PostImage
    extra = 0
    can_delete = False
    readonly_fields = ["name", "alt_text", "order"]
    exclude = ["file"]


@admin.register(Post)
class PostAdmin(ReadOnly):
    list_display = ["__str__", "organisation", "state", "scheduled_for", "created_by", "crisis"]
    list_filter = ["state", "organisation", "information", "language"]
    search_fields = ["text"]
    inlines = [DeliveryInline, ImageInline]


@admin.register(PublishingSettings)
class PublishingSettingsAdmin(AuditedAdmin):
    list_display = ["channel", "four_eyes", "max_characters", "url_length", "limits_checked_at"]
    list_filter = ["four_eyes"]
    readonly_fields = ["limits_checked_at"]


class CrisisChannelInline(admin.TabularInline):
    model = CrisisChannel
    extra = 0
    can_delete = False
    readonly_fields = ["channel", "previous_poll_interval"]


@admin.register(Crisis)
class CrisisAdmin(ReadOnly):
    list_display = ["name", "organisation", "declared_at", "declared_by", "ended_at"]
    list_filter = ["organisation"]
    inlines = [CrisisChannelInline]


@admin.register(CrisisTemplate)
class CrisisTemplateAdmin(ReadOnly):
    """Templates are written and approved on the crisis page, where a change clears the
    approval; here they are only shown."""

    list_display = ["name", "organisation", "language", "approved_by", "approved_at", "active"]
    list_filter = ["organisation", "active"]
