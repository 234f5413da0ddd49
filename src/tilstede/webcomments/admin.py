"""Admin for the comment field: sites with their snippet; commenters and comments read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from tilstede.core.admin import AuditedAdmin, ReadOnlyAdmin
from tilstede.webcomments.models import Comment, Commenter, Site


@admin.register(Site)
class SiteAdmin(AuditedAdmin):
    change_form_template = "admin/webcomments/site/change_form.html"
    list_display = ["name", "channel", "active", "new_commenter_holds", "spam_rejected"]
    list_filter = ["active"]
    search_fields = ["name", "allowed_origins"]
    readonly_fields = ["key", "spam_rejected", "created_at"]
    fields = [
        "name",
        "channel",
        "allowed_origins",
        "new_commenter_holds",
        "active",
        "key",
        "spam_rejected",
        "created_at",
    ]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        from tilstede.webcomments.views import snippet

        site = self.get_object(request, object_id)
        context = {**(extra_context or {})}
        if site is not None:
            context["snippet"] = snippet(request, site)
        return super().change_view(request, object_id, form_url, context)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # comments point at the site; close it with "active" instead


@admin.register(Commenter)
class CommenterAdmin(ReadOnlyAdmin):
    list_display = ["browser_id", "site", "first_seen", "last_seen", "comments_received"]
    list_filter = ["site"]

    @admin.display(description=_("browser id"), ordering="handle")
    def browser_id(self, obj: Commenter) -> str:
        return obj.handle


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["item", "site", "page_url", "commenter", "created_at"]
    list_filter = ["site"]
    search_fields = ["page_url"]
    # The name as typed and the e-mail address are the citizen's personal data: the desk
    # shows them redacted behind a logged reveal, the operator's admin not at all.
    exclude = ["author_name", "name_findings", "author_email"]
