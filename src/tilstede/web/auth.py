"""Django's ``ModelBackend`` with its per-request reads prepared (``tilstede.web.prepared``).

Every page of the desk loads the person behind the session and their rights; through
the ORM that was three queries and about a millisecond of building and compiling them.
The reads here are the same (the user by primary key; the permissions of the user and
of their groups), still made for every request and cached only on the request's user
object, as ``ModelBackend`` does; only the compiling is done once, and the user and
their rights come in one query (a ``UNION ALL``: the user's row, then a row for each
right, given to them or to one of their groups), since nearly every page asks for both.
"""

from __future__ import annotations

from contextvars import ContextVar
from functools import cache
from typing import Any, NamedTuple

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import BooleanField, CharField, DateTimeField, F, IntegerField

from tilstede.web.prepared import Columns, Prepared, Values


def _user_fields():
    return get_user_model()._meta.concrete_fields


def _type(field) -> type:
    """The type a user's column has in a union (``prepared.Columns``)."""
    internal = field.get_internal_type()
    if internal == "BooleanField":
        return BooleanField
    if internal == "DateTimeField":
        return DateTimeField
    if internal.endswith("AutoField") or internal.endswith("IntegerField"):
        return IntegerField
    return CharField


def user_columns() -> dict[str, type]:
    """The user's columns in a union: ``u_`` and each concrete field's column name."""
    return {f"u_{f.attname}": _type(f) for f in _user_fields()}


def rights_part(columns: Columns, where: dict[str, Any], **fixed: Any):
    """The rights that ``where`` selects as a part of a union in ``columns``:
    (app label, code name) in its ``r_app`` and ``r_code`` columns."""
    return columns.part(
        Permission.objects.filter(**where),
        **fixed,
        r_app=F("content_type__app_label"),
        r_code=F("codename"),
    )


def _user_and_rights(v: Values):
    """The user's row with two empty columns, then (app label, code name) of each right
    with the user's columns empty; the user's row is the one without a code name."""
    pk = v.int("pk")
    columns = Columns(**user_columns(), r_app=CharField, r_code=CharField)
    user = columns.part(
        get_user_model()._default_manager.filter(pk=pk),
        **{f"u_{f.attname}": F(f.attname) for f in _user_fields()},
    )
    return user.union(
        rights_part(columns, {"user": pk}), rights_part(columns, {"group__user": pk}), all=True
    )


_USER_AND_RIGHTS = Prepared(_user_and_rights)


@cache
def _pk_index() -> int:
    model = get_user_model()
    return model._meta.concrete_fields.index(model._meta.pk)


class ReadWithSession(NamedTuple):
    """What the session's query read of its person (``tilstede.web.sessions``)."""

    user: list  # the user's concrete fields, in order
    rights: set[str]  # "app.codename" of their own rights and their groups'
    lists: Any  # the desk's lists for them (``selectors.DeskLists``)


# Set by the session's load and taken by ``get_user`` in the same request; cleared when a
# request starts and ends (``WebConfig.ready``), so nothing read lives past its request.
_read_with_session: ContextVar[ReadWithSession | None] = ContextVar(
    "tilstede_read_with_session", default=None
)


def read_with_session(read: ReadWithSession | None) -> None:
    _read_with_session.set(read)


class DeskBackend(ModelBackend):
    """``ModelBackend``, reading the user and their rights through one prepared query,
    or taking them from the session's query where it read this very person."""

    def get_user(self, user_id):
        model = get_user_model()
        read = _read_with_session.get()
        lists = None
        if read is not None and read.user[_pk_index()] == user_id:
            _read_with_session.set(None)  # once
            found, rights, lists = read.user, read.rights, read.lists
        else:
            found, rights = None, set()
            for row in _USER_AND_RIGHTS.rows(pk=user_id):
                if row[-1] is None:
                    found = row[:-2]
                else:
                    rights.add(f"{row[-2]}.{row[-1]}")
        if found is None:
            return None
        names = [f.attname for f in _user_fields()]
        user = model.from_db("default", names, found)
        if not self.user_can_authenticate(user):
            return None
        if not user.is_superuser:  # a superuser's rights are all there are, read on demand
            user._perm_cache = rights
        if lists is not None:
            from tilstede.web.selectors import desk_lists_keep

            desk_lists_keep(user, lists)
        return user

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                return super().get_all_permissions(user_obj)
            rights = {tuple(row[-2:]) for row in _USER_AND_RIGHTS.rows(pk=user_obj.pk)}
            user_obj._perm_cache = {f"{app}.{code}" for app, code in rights if code is not None}
        return user_obj._perm_cache
