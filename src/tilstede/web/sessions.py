"""The desk's sessions: Django's database sessions, read with the person behind them.

The session stays in the database, is read on every request and can be revoked by
deleting its row, exactly as with ``django.contrib.sessions.backends.db``. Its table
(``web.DeskSession``) also holds the person's id, written from the session's data on
every save, so that one prepared query (``tilstede.web.prepared``) reads the session,
that person, their rights and the desk's lists for them (organisations, channels,
people), where Django's session, user and rights, and the desk's menu, took four round
trips. What the query read of the person is handed to ``DeskBackend.get_user`` for this
request only (``tilstede.web.auth``), which still decides, as Django's ``get_user``
does, whether the session's person is logged in.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.core.exceptions import ValidationError
from django.db.models import CharField, DateTimeField, F, IntegerField
from django.utils import timezone

from tilstede.web import auth
from tilstede.web.frames import BoundedCache
from tilstede.web.prepared import Columns, Constant, Prepared, Values

_SCALARS = (str, int, float, bool, type(None))
_decoded = BoundedCache(4096)  # (session data, keys) -> its decoded dict of scalars

_SESSION, _OWN_RIGHT, _GROUP_RIGHT, _LIST = 0, 1, 2, 3


def _columns() -> Columns:
    return Columns(
        w_kind=IntegerField,
        s_key=CharField,
        s_data=CharField,
        s_expires=DateTimeField,
        **auth.user_columns(),
        r_app=CharField,
        r_code=CharField,
        l_kind=IntegerField,
        l_position=IntegerField,
        l_n=IntegerField,
        l_a=CharField,
        l_b=CharField,
        l_c=CharField,
    )


def _who(v: Values):
    """The session's row with its person's columns (empty for nobody's or a person no
    longer there), a row per right of that person or of their groups, and the rows of
    the desk's lists for them; nothing at all for a session that is not there."""
    from tilstede.web.models import DeskSession
    from tilstede.web.selectors import desk_lists_parts

    key, now = v.text("key"), v.time("now")
    sessions = DeskSession.objects.filter(session_key=key, expire_date__gt=now)
    user_ids = sessions.values("user_id")
    columns = _columns()
    fields = get_user_model()._meta.concrete_fields

    def kind(n: int) -> Constant:
        return Constant(n, output_field=IntegerField())

    session = columns.part(
        sessions,
        w_kind=kind(_SESSION),
        s_key=F("session_key"),
        s_data=F("session_data"),
        s_expires=F("expire_date"),
        **{f"u_{f.attname}": F(f"user__{f.attname}") for f in fields},
    )

    lists = desk_lists_parts(
        user_ids,
        columns,
        {
            "kind": "l_kind",
            "position": "l_position",
            "n": "l_n",
            "a": "l_a",
            "b": "l_b",
            "c": "l_c",
        },
        {"w_kind": kind(_LIST)},
    )
    return session.union(
        auth.rights_part(columns, {"user__in": user_ids}, w_kind=kind(_OWN_RIGHT)),
        auth.rights_part(columns, {"group__user__in": user_ids}, w_kind=kind(_GROUP_RIGHT)),
        *lists,
        all=True,
    )


_WHO = Prepared(_who)


@cache
def _username_position() -> int:
    model = get_user_model()
    return model._meta.concrete_fields.index(model._meta.get_field(model.USERNAME_FIELD))


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from tilstede.web.models import DeskSession

        return DeskSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        try:
            session.user_id = get_user_model()._meta.pk.to_python(data.get(SESSION_KEY))
        except ValidationError:  # not a person's id: nobody's session
            session.user_id = None
        return session

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
        from tilstede.web.selectors import desk_lists_of

        auth.read_with_session(None)
        rows = _WHO.rows(key=self.session_key, now=timezone.now()) if self.session_key else []
        session, rights, lists = None, set(), []
        for row in rows:
            kind = row[0]
            if kind == _SESSION:
                session = row
            elif kind == _LIST:
                lists.append(row[-6:])
            else:
                rights.add(f"{row[-8]}.{row[-7]}")
        if session is None:
            self._session_key = None
            return None
        key, data, expires, *user = session[1:-8]
        # The id is the session's own column; a person no longer there reads as NULLs.
        if user[_username_position()] is not None:
            auth.read_with_session(auth.ReadWithSession(user, rights, desk_lists_of(lists)))
        return self.model(session_key=key, session_data=data, expire_date=expires)
