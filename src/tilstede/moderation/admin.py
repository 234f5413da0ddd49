"""Moderation in the admin: watched words are edited here; decisions and appeals are read."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tilstede.moderation.models import Appeal, Decision, WatchedWord


@admin.register(WatchedWord)
class WatchedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "action", "house_rule_code", "organisation"]
    list_filter = ["organisation", "action"]
    search_fields = ["word"]


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ["at", "verb", "item", "actor_label", "house_rule", "platform_status"]
    list_filter = ["verb", "platform_status"]
    raw_id_fields = ["item"]


@admin.register(Appeal)
class AppealAdmin(ReadOnly):
    list_display = ["submitted_at", "decision", "outcome", "decided_by", "decided_at"]
    list_filter = ["outcome"]
