"""The admin site of the installation's operator (see ``tilstede.core.admin``).

Kept in its own module: Django imports the default site's class while the apps'
``admin`` modules register their models on it.
"""

from __future__ import annotations

from functools import update_wrapper
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class OperatorAdminSite(admin.AdminSite):
    """The admin site, open to the installation's operator (active superusers) only."""

    site_header = _("Tilstede operator administration")
    site_title = "Tilstede"
    index_title = _("Operator administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(user.is_active and user.is_superuser)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """Refuse a signed-in desk user outright (403) instead of offering another login."""
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        """One way in for everybody: the desk's login page, then back here."""
        if request.user.is_authenticated:
            if not self.has_permission(request):
                raise PermissionDenied
            return super().login(request, extra_context)
        target = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(target, settings.LOGIN_URL)
