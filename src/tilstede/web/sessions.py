"""Django's database sessions, read through a prepared query (``tilstede.web.prepared``).

The session stays in the database, is read on every request and can be revoked by
deleting its row, exactly as with ``django.contrib.sessions.backends.db``; only the
compiling of the lookup is done once instead of for every request.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

from tilstede.web.frames import BoundedCache
from tilstede.web.prepared import Prepared

_SCALARS = (str, int, float, bool, type(None))
_decoded = BoundedCache(4096)  # (session data, keys) -> its decoded dict of scalars

_SESSION = Prepared(
    lambda v: (
        DatabaseSessionStore.get_model_class()
        .objects.filter(session_key=v.text("key"), expire_date__gt=v.time("now"))
        .values_list("session_key", "session_data", "expire_date")
    )
)


class SessionStore(DatabaseSessionStore):
    def decode(self, session_data):
        """Django's decoding (signature checked), kept per stored text and secret key.

        The decoded session is a function of its signed text and the keys, so the same
        text need not be verified and parsed again on the next request. Only sessions of
        plain values are kept, and each caller gets a copy of its own.
        """
        key = (session_data, settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS))
        found = _decoded.get(key)
        if found is None:
            found = super().decode(session_data)
            if found and all(isinstance(value, _SCALARS) for value in found.values()):
                _decoded.put(key, found)
        return dict(found)

    def _get_session_from_db(self):
        rows = _SESSION.rows(key=self.session_key, now=timezone.now()) if self.session_key else []
        if not rows:
            self._session_key = None
            return None
        key, data, expires = rows[0]
        return self.model(session_key=key, session_data=data, expire_date=expires)
