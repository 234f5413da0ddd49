"""Inserting many new rows fast: what ingest, moderation's rules and the desk share.

``QuerySet.bulk_create`` spends most of its time per value rather than in the database;
``bulk_insert`` prepares each column once and sends one statement per chunk.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import connection, models

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
    per_chunk = max(1, min(500, _max_params() // len(columns)))
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(objs), per_chunk):
            chunk = objs[start : start + per_chunk]
            params: list[object] = []
            extend = params.extend
            for obj in chunk:
                values = obj.__dict__
                extend(
                    values[attname] if convert is None else convert(values[attname])
                    for attname, _column, convert in columns
                )
            # Only quoted model metadata and placeholders: the values travel as parameters.
            rows = ", ".join([row_sql] * len(chunk))
            sql = f"INSERT INTO {table} ({names}) VALUES {rows}"  # noqa: S608
            if ids:
                cursor.execute(f"{sql} RETURNING {quote(pk.column)}", params)
                for obj, (value,) in zip(chunk, cursor.fetchall(), strict=True):
                    obj.pk = value
            else:
                cursor.execute(sql, params)
    if ids:
        for obj in objs:
            obj._state.adding = False
            obj._state.db = connection.alias
    return list(objs)
