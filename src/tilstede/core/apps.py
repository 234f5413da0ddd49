from __future__ import annotations

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tilstede.core"
    label = "core"
    verbose_name = _("Tilstede core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from tilstede.core import checks  # noqa: F401  (registers the system checks)
        from tilstede.core.roles import roles_sync

        # After every app's migrations: other apps declare role permissions too, and those
        # exist only once their own post_migrate has created them.
        post_migrate.connect(roles_sync, dispatch_uid="tilstede.core.roles_sync")
        # The rate limits' shared cache, when it lives in the database.
        post_migrate.connect(
            _cache_table_ensure, sender=self, dispatch_uid="tilstede.core.cache_table"
        )


def _cache_table_ensure(*, using: str = "default", **kwargs: object) -> None:
    from tilstede.cli.preflight import cache_table_ensure

    cache_table_ensure(database=using)


class OperatorAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the operator-only site as the default ``admin.site``."""

    default = False  # named in INSTALLED_APPS; ``tilstede.core`` itself is CoreConfig

    default_site = "tilstede.core.admin_site.OperatorAdminSite"

    def ready(self) -> None:
        super().ready()  # every app's admin module registers its models
        from django.contrib import admin

        from tilstede.core.admin import audit_every_admin

        audit_every_admin(admin.site)
