from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebcommentsConfig(AppConfig):
    name = "tilstede.webcomments"
    label = "webcomments"
    verbose_name = _("Web comments")
    default_auto_field = "django.db.models.BigAutoField"
