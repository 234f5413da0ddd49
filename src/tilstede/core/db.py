"""Building and inserting many new rows fast: what ingest, moderation's rules and the desk share.

``Model.__init__`` and ``QuerySet.bulk_create`` spend most of their time per field and
value rather than in the database; ``build`` and ``bulk_insert`` do the same work once
per model and column (SQLite: one multi-row statement per chunk; PostgreSQL: one
prepared statement sent for every row in pipeline mode).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection, models
from django.db.models.base import ModelState

M = TypeVar("M", bound=models.Model)

# -- building many new instances --------------------------------------------------------------
#
# ``Model.__init__`` walks every field of the model for each instance (defaults, descriptors,
# signals); for the four to six rows ingest writes per comment that was a tenth of its time.
# ``build`` makes the same unsaved instance from a plan computed once per model.


def _plan(
    model: type[models.Model],
) -> tuple[dict[str, Any], list, dict[str, tuple[str, str]], set[str]]:
    """(fixed defaults by attname, [(attname, field)] with callable defaults, relation
    names to attnames, every attname)."""
    fixed: dict[str, Any] = {}
    dynamic: list[tuple[str, models.Field]] = []
    relations: dict[str, tuple[str, str]] = {}
    for field in model._meta.concrete_fields:
        if field.is_relation:
            relations[field.name] = (field.attname, field.target_field.attname)
        if field.has_default() and callable(field.default):
            dynamic.append((field.attname, field))
        else:
            fixed[field.attname] = field.get_default()
    return fixed, dynamic, relations, {f.attname for f in model._meta.concrete_fields}


_PLANS: dict[
    type[models.Model], tuple[dict[str, Any], list, dict[str, tuple[str, str]], set[str]]
] = {}


def build(model: type[M], /, **values: Any) -> M:
    """A new unsaved ``model(**values)`` without ``Model.__init__``'s per-field work.

    For rows that go to ``bulk_insert``: concrete fields only, by name or attname; a
    related object sets its ``_id`` and is cached as the descriptor would. No pre_init or
    post_init signal is sent (no model of this project listens to them).
    """
    plan = _PLANS.get(model)
    if plan is None:
        plan = _PLANS[model] = _plan(model)
    fixed, dynamic, relations, attnames = plan
    obj = model.__new__(model)
    obj._state = ModelState()
    attrs = obj.__dict__
    attrs.update(fixed)
    for attname, field in dynamic:
        if attname not in values:
            attrs[attname] = field.get_default()
    for name, value in values.items():
        if name in relations:
            # What the descriptor does for a saved or unsaved object of the right model:
            # copy its key to <name>_id and cache it (None also clears the id).
            attname, target = relations[name]
            attrs[attname] = None if value is None else getattr(value, target)
            obj._state.fields_cache[name] = value
        elif name in attnames:
            attrs[name] = value
        else:
            raise TypeError(f"{model.__name__} has no field {name!r}")
    return obj


# -- inserting many new rows -------------------------------------------------------------------
#
# ``QuerySet.bulk_create`` spends most of its time per value, not in the database: for each
# row and field it calls ``pre_save``, ``get_db_prep_save`` and builds the placeholder SQL,
# and on SQLite it splits a batch into statements of 999 parameters (45 items). For the new
# rows of an ingest batch (fresh instances, no auto_now fields, no expressions) the same
# values are prepared here with one converter per column, and inserted with one statement
# per chunk, returning the ids where they are needed. Anything else goes to bulk_create.

_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)


def _converter(field: models.Field) -> Callable[[object], object] | None:
    """None where a value goes to the driver as it is (str, int, bool or None)."""
    if isinstance(field, models.ForeignKey):
        target = field.target_field
        if isinstance(target, models.AutoField | models.BigAutoField):
            return None
    elif isinstance(field, _PLAIN) and not isinstance(
        field, models.AutoField | models.BigAutoField
    ):
        kinds = (bool,) if isinstance(field, models.BooleanField) else (str,)
        if isinstance(field, models.IntegerField):
            kinds = (int,)

        def plain(value: object, field: models.Field = field, kinds: tuple = kinds) -> object:
            if value is None or type(value) in kinds:
                return value
            return field.get_db_prep_save(value, connection)

        return plain
    elif isinstance(field, models.DateTimeField):
        return _datetime_converter(field)
    elif isinstance(field, models.JSONField) and connection.vendor == "sqlite":

        def json_text(value: object, field: models.JSONField = field) -> object:
            # What SQLite's adapt_json_value makes of a dict or list, without the trip
            # through get_prep_value and the connection proxy.
            if type(value) in (dict, list):
                return json.dumps(value, cls=field.encoder)
            return field.get_db_prep_save(value, connection)

        return json_text
    return lambda value, field=field: field.get_db_prep_save(value, connection)


def _datetime_converter(field: models.DateTimeField) -> Callable[[object], object]:
    """Aware datetimes as the backend's adapt_datetimefield_value leaves them.

    That path (get_prep_value, the connection proxy, make_naive) was a quarter of an
    ingest batch's insert time, for the four or five timestamps of every row. PostgreSQL
    takes an aware datetime as it is; SQLite stores naive UTC text, as Django writes it
    with USE_TZ (the connection's time zone is UTC unless the database sets TIME_ZONE).
    Anything else takes Django's own path.
    """
    if connection.vendor == "postgresql":

        def aware(value: object, field: models.Field = field) -> object:
            if value is None or (type(value) is dt.datetime and value.tzinfo is not None):
                return value
            return field.get_db_prep_save(value, connection)

        return aware
    if connection.vendor == "sqlite" and settings.USE_TZ and connection.timezone is dt.UTC:

        def utc_text(value: object, field: models.Field = field) -> object:
            if value is None:
                return None
            if type(value) is dt.datetime and value.tzinfo is not None:
                return str(value.astimezone(dt.UTC).replace(tzinfo=None))
            return field.get_db_prep_save(value, connection)

        return utc_text
    return lambda value, field=field: field.get_db_prep_save(value, connection)


def _columns(model: type[models.Model]) -> list[tuple[str, str, Callable | None]] | None:
    """(attname, column, converter) per column; None where bulk_create must do the work."""
    key = (model, connection.vendor)
    if key not in _COLUMNS:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        special = any(
            getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) or f.has_db_default()
            for f in fields
        )
        _COLUMNS[key] = None if special else [(f.attname, f.column, _converter(f)) for f in fields]
    return _COLUMNS[key]


_COLUMNS: dict[tuple, list[tuple[str, str, Callable | None]] | None] = {}


def _max_params() -> int:
    """Parameters one statement may carry: PostgreSQL 65,535; SQLite as compiled (often 32,766)."""
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        try:
            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except AttributeError:  # Python < 3.11
            return connection.features.max_query_params
    return 65_535


def _column_values(objs: Sequence[models.Model], columns: list) -> list[list[object]]:
    """Each column's values, converted: one converter call per value, no per-row generator."""
    dicts = [obj.__dict__ for obj in objs]
    return [
        [d[attname] for d in dicts] if convert is None else [convert(d[attname]) for d in dicts]
        for attname, _column, convert in columns
    ]


def bulk_insert(objs: Sequence[models.Model], *, ids: bool = True) -> list:
    """Insert fresh instances of one model like ``bulk_create``, faster; set their ids.

    For new instances whose related objects are saved (their ``_id`` attributes set), as
    an ingest batch builds them; no signals, like bulk_create. ``ids=False`` skips
    reading the ids back where nothing uses them.
    """
    if not objs:
        return list(objs)
    model = type(objs[0])
    features = connection.features
    columns = _columns(model)
    if columns is None or (ids and not features.can_return_rows_from_bulk_insert):
        return model.objects.bulk_create(objs, batch_size=500)
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for _attname, column, _convert in columns)
    pk = model._meta.pk
    returning = f" RETURNING {quote(pk.column)}" if ids else ""
    placeholders = ", ".join(["%s"] * len(columns))
    if connection.vendor == "postgresql":
        # psycopg's default client-side binding parsed a VALUES list of thousands of
        # placeholders again for every chunk (and an UNNEST of arrays quotes each value
        # in Python), the largest cost of a batch. One prepared single-row INSERT sent
        # for every row in pipeline mode, with server-side binding, took a third of it.
        import psycopg

        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders}){returning}"  # noqa: S608
        values = _column_values(objs, columns)
        connection.ensure_connection()
        with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
            cursor.executemany(sql, list(zip(*values, strict=True)), returning=ids)
            if ids:
                for obj in objs:
                    obj.pk = cursor.fetchone()[0]
                    cursor.nextset()
    else:
        per_chunk = max(1, min(500, _max_params() // len(columns)))
        with connection.cursor() as cursor:
            for start in range(0, len(objs), per_chunk):
                chunk = objs[start : start + per_chunk]
                values = _column_values(chunk, columns)
                params = [value for row in zip(*values, strict=True) for value in row]
                rows = ", ".join([f"({placeholders})"] * len(chunk))
                # Only quoted model metadata and placeholders: values travel as parameters.
                cursor.execute(
                    f"INSERT INTO {table} ({names}) VALUES {rows}{returning}",  # noqa: S608
                    params,
                )
                if ids:
                    for obj, (value,) in zip(chunk, cursor.fetchall(), strict=True):
                        obj.pk = value
    if ids:
        for obj in objs:
            obj._state.adding = False
            obj._state.db = connection.alias
    return list(objs)
