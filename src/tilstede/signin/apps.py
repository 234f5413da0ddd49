from __future__ import annotations

from django.apps import AppConfig


class SigninConfig(AppConfig):
    name = "tilstede.signin"
    label = "signin"
    verbose_name = "Sign-in"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tilstede.signin import audit

        audit.connect()
