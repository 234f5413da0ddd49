"""Moderation in the admin: watched words are edited here; decisions and appeals are read."""

from __future__ import annotations

from django.contrib import admin

from tilstede.core.admin import ReadOnlyAdmin
from tilstede.moderation.models import Appeal, Decision, WatchedWord


@admin.register(WatchedWord)
class WatchedWordAdmin(admin.ModelAdmin):
    list_display = ["word", "action", "house_rule_code", "organisation"]
    list_filter = ["organisation", "action"]
    search_fields = ["word"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["at", "verb", "item", "actor_label", "house_rule", "platform_status"]
    list_filter = ["verb", "platform_status"]
    raw_id_fields = ["item"]


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    list_display = ["submitted_at", "decision", "outcome", "decided_by", "decided_at"]
    list_filter = ["outcome"]
