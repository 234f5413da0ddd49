"""Moderation in the operator's admin: watched words (audited); decisions and appeals read."""

from __future__ import annotations

from django.contrib import admin

from tilstede.core.admin import AuditedAdmin, ReadOnlyAdmin
from tilstede.moderation.models import Appeal, Decision, WatchedWord


@admin.register(WatchedWord)
class WatchedWordAdmin(AuditedAdmin):
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
    # The citizen's own words and contact stay out of the operator's view.
    exclude = ["text", "contact"]
