"""Django's ``ModelBackend`` with its per-request reads prepared (``tilstede.web.prepared``).

Every page of the desk loads the person behind the session and their rights; through
the ORM that was three queries and about a millisecond of building and compiling them.
The reads here are the same (the user by primary key; the permissions of the user and
of their groups, now one ``UNION``), still made for every request and cached only on
the request's user object, as ``ModelBackend`` does; only the compiling is done once.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from tilstede.web.prepared import Prepared, Values


def _user(v: Values):
    return get_user_model()._default_manager.filter(pk=v.int("pk"))


def _permissions(v: Values):
    user = v.int("user")
    fields = ("content_type__app_label", "codename")
    mine = Permission.objects.filter(user=user).values_list(*fields).order_by()
    groups = Permission.objects.filter(group__user=user).values_list(*fields).order_by()
    return mine.union(groups, all=True)  # the caller makes a set of them


_USER = Prepared(_user)
_PERMISSIONS = Prepared(_permissions)


class DeskBackend(ModelBackend):
    """``ModelBackend``, reading the user and their rights through prepared queries."""

    def get_user(self, user_id):
        model = get_user_model()
        rows = _USER.rows(pk=user_id)
        if not rows:
            return None
        names = [f.attname for f in model._meta.concrete_fields]
        user = model.from_db("default", names, rows[0])
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                return super().get_all_permissions(user_obj)
            user_obj._perm_cache = {
                f"{app}.{codename}" for app, codename in _PERMISSIONS.rows(user=user_obj.pk)
            }
        return user_obj._perm_cache
