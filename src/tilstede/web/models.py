"""The desk's sessions: Django's database sessions with the person's id in a column.

With the id in a column of its own, the session, the person behind it, their rights
and what the desk lists for them are read in one query per request
(``tilstede.web.sessions``); in the session's text alone the id could not be joined on.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeskSession(AbstractBaseSession):
    # No constraint: a session may outlive its person, as Django's own sessions do, and
    # then reads as nobody's. Written from the session's data on every save.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
        verbose_name=_("user"),
    )

    class Meta(AbstractBaseSession.Meta):
        db_table = "web_session"
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        from tilstede.web.sessions import SessionStore

        return SessionStore
