from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "tilstede.publishing"
    label = "publishing"
    verbose_name = _("Publishing")
    default_auto_field = "django.db.models.BigAutoField"

    @property
    def role_permissions(self) -> dict[str, set[str]]:
        """What each role may do in publishing (read by tilstede.core.roles)."""
        from tilstede.publishing.permissions import ROLE_CODENAMES

        return ROLE_CODENAMES
