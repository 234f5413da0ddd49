"""Django admin for the core vocabulary; read-only where the rules say nothing changes."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tilstede.core.models import (
    AuditEvent,
    Channel,
    HouseRule,
    Item,
    ItemVersion,
    Organisation,
    Team,
    Topic,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records nobody edits by hand: decisions, promises, logs."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


admin.site.site_header = _("Tilstede administration")
admin.site.site_title = "Tilstede"
admin.site.index_title = _("Administration")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "org_number", "website"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "contact_email"]
    list_filter = ["organisation"]
    filter_horizontal = ["members"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "team"]
    list_filter = ["organisation", "team"]
    filter_horizontal = ["responders"]


class HouseRuleInline(admin.TabularInline):
    model = HouseRule
    extra = 0


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "platform",
        "kind",
        "purpose",
        "moderation_mode",
        "response_time",
        "around_the_clock",
        "active",
    ]
    list_filter = ["organisation", "platform", "moderation_mode", "active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [HouseRuleInline]
    fieldsets = [
        (None, {"fields": ["organisation", "name", "slug", "platform", "url", "active"]}),
        (
            _("Why and for whom [2.1-2.3]"),
            {"fields": ["kind", "purpose", "audiences", "owner_team", "contact"]},
        ),
        (
            _("Moderation and response [3.4, 3.5]"),
            {
                "fields": [
                    "moderation_mode",
                    "response_time",
                    "around_the_clock",
                    "opening_hours",
                    "house_rules_intro",
                ]
            },
        ),
        (_("Platform"), {"fields": ["config", "credential_names"]}),
    ]
    readonly_fields = ["credential_names"]

    @admin.display(description=_("stored credentials"))
    def credential_names(self, obj: Channel) -> str:
        # Names and where they come from; never the values.
        return (
            ", ".join(
                f"{name} ({'env ' + ref['env'] if 'env' in ref else _('encrypted')})"
                for name, ref in obj.credentials.items()
            )
            or "—"
        )


class ItemVersionInline(admin.TabularInline):
    model = ItemVersion
    extra = 0
    can_delete = False
    readonly_fields = ["number", "text", "seen_at", "edited_at_source", "content_hash"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Item)
class ItemAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "channel",
        "kind",
        "direction",
        "author_handle",
        "short_text",
        "visibility",
        "response_state",
    ]
    list_filter = ["channel", "kind", "direction", "visibility", "response_state", "language"]
    search_fields = ["text", "author_handle", "external_id"]
    date_hierarchy = "created_at"
    raw_id_fields = ["parent", "thread", "assignee"]
    readonly_fields = ["platform", "external_id", "created_at", "received_at", "raw"]
    inlines = [ItemVersionInline]
    list_select_related = ["channel"]

    @admin.display(description=_("text"))
    def short_text(self, obj: Item) -> str:
        return obj.text[:80]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # citizen content is never deleted by hand


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["id", "at", "actor_label", "verb", "object_type", "object_id"]
    list_filter = ["verb", "object_type"]
    search_fields = ["actor_label", "object_id", "verb"]
    date_hierarchy = "at"
