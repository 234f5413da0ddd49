from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "tilstede.web"
    label = "web"
    verbose_name = _("Tilstede web desk")

    def ready(self) -> None:
        from django.core.signals import request_finished, request_started

        from tilstede.web import logins
        from tilstede.web.auth import read_with_session

        logins.connect()

        def forget(**kwargs) -> None:
            read_with_session(None)

        request_started.connect(forget, dispatch_uid="tilstede-web-forget-reads")
        request_finished.connect(forget, dispatch_uid="tilstede-web-forget-reads-end")
