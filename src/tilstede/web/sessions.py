"""Django's database sessions, read through a prepared query (``tilstede.web.prepared``).

The session stays in the database, is read on every request and can be revoked by
deleting its row, exactly as with ``django.contrib.sessions.backends.db``; only the
compiling of the lookup is done once instead of for every request.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from tilstede.web.prepared import Prepared

_SESSION = Prepared(
    lambda v: (
        DatabaseSessionStore.get_model_class()
        .objects.filter(session_key=v.text("key"), expire_date__gt=v.time("now"))
        .values_list("session_key", "session_data", "expire_date")
    )
)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self):
        rows = _SESSION.rows(key=self.session_key, now=timezone.now()) if self.session_key else []
        if not rows:
            self._session_key = None
            return None
        key, data, expires = rows[0]
        return self.model(session_key=key, session_data=data, expire_date=expires)
