from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "tilstede.web"
    label = "web"
    verbose_name = _("Tilstede web desk")

    def ready(self) -> None:
        from tilstede.web import logins

        logins.connect()
