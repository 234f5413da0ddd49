"""ORM queries compiled once and then run with new values: the desk's hot reads.

Building a queryset and compiling it to SQL costs a few hundred microseconds, several
times what SQLite or PostgreSQL then need to answer a page's small indexed queries; an
inbox page made eleven of them. A ``Prepared`` query is written with the ORM as usual,
but built with stand-in values ("sentinels") and compiled once per shape and database
connection; each later call puts the real values where the sentinels ended up in the
compiled parameters and runs the same SQL. The SQL is thus exactly the ORM's (the same
plans, the same permission filters), and the values still travel as parameters.

On PostgreSQL the query is also prepared on the server: it is sent with server-side
binding as a named prepared statement (psycopg keeps one per query text and parameter
types on the connection). Planning these joins took four times as long as running
them; a prepared statement is planned once per connection (or, for its first five runs
and whenever PostgreSQL finds a generic plan worse, with the values at hand). Django's
own queries stay on its default client-side binding. ``TILSTEDE_PG_PREPARE=false`` turns
the preparing off, for a pooler in transaction mode that cannot keep prepared statements.

A sentinel must reach the parameters unchanged: compiling checks that no sentinel is
found in the SQL text or inside another parameter, and refuses the query otherwise (a
lookup that rewrites its value, such as ``contains``, cannot be prepared this way). A
value that the query does not use at all (a superuser's id, where every row is theirs)
is allowed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any, NamedTuple

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet, Value
from django.db.models.functions import Cast

# Within the range of a 32-bit positive integer column: Django turns a lookup whose value
# the database's column cannot hold (PostgreSQL's integer, a PositiveIntegerField) into
# "no rows" without a parameter, and compiling would then refuse the query.
_SENTINEL_INT = 2_147_000_000
_SENTINEL_TEXT = "\x1etilstede-sentinel-{}\x1e"
_SENTINEL_TIME = dt.datetime(1901, 2, 3, 4, 5, 6, tzinfo=dt.UTC)


class Values:
    """Hands out the sentinels of one compile: one per name (one per element for lists)."""

    def __init__(self) -> None:
        self.slots: dict[Any, tuple[str, int | None, str]] = {}

    def _add(self, value: Any, name: str, index: int | None, kind: str) -> Any:
        self.slots[value] = (name, index, kind)
        return value

    def int(self, name: str) -> int:
        return self._add(_SENTINEL_INT + len(self.slots), name, None, "int")

    def ints(self, name: str, count: int) -> list[int]:
        return [self._add(_SENTINEL_INT + len(self.slots), name, i, "int") for i in range(count)]

    def text(self, name: str) -> str:
        return self._add(_SENTINEL_TEXT.format(len(self.slots)), name, None, "text")

    def time(self, name: str) -> dt.datetime:
        when = _SENTINEL_TIME + dt.timedelta(microseconds=len(self.slots) + 1)
        return self._add(when, name, None, "time")


class With(NamedTuple):
    """A query that reads the rows of another through a common table expression:
    ``WITH name (columns) AS (first) main``. ``main`` refers to ``name`` in raw SQL
    (``RawSQL("SELECT id FROM name", ())``); both are compiled by the ORM. Where a query
    needs the result of another several times (a page's keys, for the page's rows and
    for their versions), it is computed once, in one round trip."""

    name: str
    columns: tuple[str, ...]
    first: QuerySet
    main: QuerySet


class _Null(Cast):
    """A NULL of a type, without the expression's own conversion of its value (a NULL
    needs none; the database's conversions for the type still apply). SQLite, whose
    values carry their own types, gets a plain NULL rather than a cast per row."""

    @property
    def convert_value(self):
        return self._convert_value_noop

    def as_sqlite(self, compiler, connection, **extra_context):
        return "NULL", []


class Constant(Value):
    """A constant (a part's kind) without the expression's conversion of its value, which
    for an integer called ``int()`` on every row's."""

    @property
    def convert_value(self):
        return self._convert_value_noop


class Columns:
    """The columns of a query made of parts (``UNION ALL``) that read different things.

    ``Columns(kind=IntegerField, name=CharField, ...)`` names the columns and their
    types; ``part(queryset, kind=Value(1), name=F("title"))`` annotates a queryset with
    every column in order, the ones not given as a NULL of the column's type (PostgreSQL
    takes a union of two untyped NULLs for text, and the first part's types decide the
    conversions of every row's values).
    """

    def __init__(self, **types: type) -> None:
        self.types = types

    def part(self, queryset: QuerySet, **given: Any) -> QuerySet:
        unknown = set(given) - set(self.types)
        if unknown:
            raise ValueError(f"no such columns: {sorted(unknown)}")
        columns = {
            name: given[name] if name in given else _Null(Value(None), output_field=field())
            for name, field in self.types.items()
        }
        return queryset.order_by().annotate(**columns).values_list(*self.types)


def _as_sql(built: QuerySet | With, connection) -> tuple[Any, str | None, tuple]:
    """(compiler of the rows, SQL, parameters); no SQL where there can be no rows."""
    main = built.main if isinstance(built, With) else built
    compiler = main.query.get_compiler(connection=connection)
    try:
        sql, params = compiler.as_sql()
        if isinstance(built, With):
            first_sql, first_params = built.first.query.get_compiler(connection=connection).as_sql()
            quote = connection.ops.quote_name
            columns = ", ".join(quote(c) for c in built.columns)
            sql = f"WITH {quote(built.name)} ({columns}) AS ({first_sql}) {sql}"
            params = (*first_params, *params)
    except EmptyResultSet:  # ``none()``, or ``__in`` an empty list: no rows, no query
        return compiler, None, ()
    return compiler, sql, params


_FORMAT = re.compile(r"%%|%s")  # Django's literal %, and its placeholder


class _Compiled:
    __slots__ = ("compiler", "converters", "native", "params", "positions", "sql")

    def __init__(self, queryset: QuerySet | With, values: Values, connection) -> None:
        compiler, sql, params = _as_sql(queryset, connection)
        adapted = {}
        for sentinel, slot in values.slots.items():
            key = (
                connection.ops.adapt_datetimefield_value(sentinel)
                if slot[2] == "time"
                else sentinel
            )
            adapted[key] = slot
        positions = []
        found = set()
        for i, param in enumerate(params):
            try:
                slot = adapted.get(param)
            except TypeError:  # an unhashable parameter is not a sentinel
                slot = None
            if slot is not None:
                positions.append((i, *slot))
                found.add(slot)
        # A value the query does not use (a superuser's id where every row is theirs) is
        # simply absent; one that reached the query changed (``contains`` makes "%x%")
        # or written into its text cannot be bound again, and is refused.
        texts = [sql or "", *(param for param in params if isinstance(param, str))]
        changed = sorted(
            slot
            for value, slot in adapted.items()
            if slot not in found and any(str(value) in text for text in texts)
        )
        if changed or any(str(s) in (sql or "") for s in adapted if isinstance(s, str)):
            raise ValueError(f"values did not reach the query's parameters: {changed}")
        self.sql = sql
        # The statement in the database's own placeholder style, converted once here:
        # Django's SQLite cursor converts %s to ? for every call, and psycopg parses %s
        # into $1, $2, ... for every call of a statement longer than 4096 bytes (it keeps
        # only shorter ones), as the page's and the session's are. Django writes a
        # literal % as %% and never a placeholder inside a literal.
        self.native = sql
        if sql is not None and connection.vendor == "sqlite":
            from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

            self.native = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
        elif sql is not None and connection.vendor == "postgresql":
            numbers = itertools.count(1)
            self.native = _FORMAT.sub(
                lambda m: "%" if m.group() == "%%" else f"${next(numbers)}", sql
            )
            if next(numbers) != len(params) + 1:
                raise ValueError("the statement's placeholders are not its parameters")
        self.params = list(params)
        self.positions = positions
        self.compiler = compiler
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        self.converters = compiler.get_converters(fields)


class Prepared:
    """A query written with the ORM, compiled once per shape and connection.

    ``build(values, *shape)`` returns the queryset, taking every value that changes from
    call to call from ``values`` (``values.int("user")`` and so on) and everything that
    changes the SQL from ``shape``, which must be hashable. ``rows(shape, **values)``
    runs it and returns the rows as ``values_list`` would give them (with the same
    conversions from the database's types). Querysets that select model instances are
    run the same way; the rows are then their concrete fields in order.

    ``prepare(*shape)`` says whether PostgreSQL may keep the statement's plan (the
    default: yes). After five runs PostgreSQL may settle on a plan made without the
    values, which for a filter whose matches are common for one value and rare for
    another walks the whole list for the rare one: such shapes are planned each time.
    """

    def __init__(
        self, build: Callable[..., QuerySet], *, prepare: Callable[..., bool] | None = None
    ) -> None:
        self.build = build
        self.prepare = prepare
        self._by_connection: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def _compiled(self, alias: str, shape: tuple[Hashable, ...]) -> _Compiled:
        connection = connections[alias]
        cache = self._by_connection.get(connection)
        if cache is None:
            with self._lock:
                cache = self._by_connection.setdefault(connection, {})
        compiled = cache.get(shape)
        if compiled is None:
            values = Values()
            compiled = _Compiled(self.build(values, *shape), values, connection)
            cache[shape] = compiled
        return compiled

    def rows(
        self, shape: tuple[Hashable, ...] = (), *, using: str = "default", **values: Any
    ) -> list[tuple]:
        compiled = self._compiled(using, shape)
        connection = connections[using]
        params = list(compiled.params)
        for i, name, index, kind in compiled.positions:
            value = values[name] if index is None else values[name][index]
            if kind == "time":
                value = connection.ops.adapt_datetimefield_value(value)
            params[i] = value
        if compiled.sql is None:
            return []
        prepare = self.prepare is None or self.prepare(*shape)
        if connection.queries_logged or connection.execute_wrappers:
            with _cursor(connection, prepare=prepare) as cursor:
                cursor.execute(compiled.sql, params)
                rows = cursor.fetchall()
        else:
            rows = _run(connection, compiled.native, params, prepare=prepare)
        if compiled.converters:
            rows = _converted(rows, compiled.converters, connection)
        return rows


def _converted(rows: list, converters: dict, connection) -> list[list]:
    """``SQLCompiler.apply_converters``, leaving NULLs alone.

    Django's converters of the types read here (dates and times, booleans, numbers) give
    None for None. The parts of a union (``Columns``) leave most of each row's columns
    NULL, and converting them was a tenth of an inbox page on SQLite.
    """
    items = list(converters.items())
    out = []
    for row in rows:
        row = list(row)
        for pos, (convs, expression) in items:
            value = row[pos]
            if value is not None:
                for converter in convs:
                    value = converter(value, expression, connection)
                row[pos] = value
        out.append(row)
    return out


def _run(connection, sql: str, params: list, *, prepare: bool = True) -> list[tuple]:
    """Run a statement as ``connection.cursor().execute()`` would, without its layers.

    Django's cursor wrapper converts the placeholders on each call, builds the chain of
    execute wrappers and nests three calls deep; for the small reads here that was as
    much as SQLite's own work. The checks stay: the connection's health and thread, a
    broken transaction, and errors raised as Django's. With the query log on (DEBUG,
    tests counting queries) or an execute wrapper installed, ``rows`` takes Django's
    path instead.
    """
    if connection.vendor == "postgresql":
        return _run_postgresql(connection, sql, params, prepare)
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            cursor.execute(sql, params)
            return cursor.fetchall()
        finally:
            cursor.close()


def _run_postgresql(connection, sql: str, params: list, prepare: bool) -> list[tuple]:
    """``_run`` on PostgreSQL, where the read itself is the connection's health check.

    With ``CONN_HEALTH_CHECKS`` Django sends ``SELECT 1`` before the first query of each
    request on a kept connection, a round trip as costly as a small read. The desk's
    first query of a request is nearly always one of these reads (the session), so the
    read is sent instead: if it fails and the connection turns out to be unusable, the
    connection is closed, opened again and the read sent once more, which is what the
    health check would have done before it. Only outside a transaction, where a read
    can be repeated and the connection would have been replaced all the same.
    """
    checking = (
        connection.connection is not None
        and connection.health_check_enabled
        and not connection.health_check_done
        and not connection.pool
        and not connection.in_atomic_block
    )
    if checking:
        connection.health_check_done = True
    else:
        connection.close_if_health_check_failed()
        connection.ensure_connection()
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        try:
            return _fetch(connection, sql, params, prepare)
        except (connection.Database.OperationalError, connection.Database.InterfaceError):
            if not checking or connection.is_usable():
                raise
        connection.close()
        connection.ensure_connection()
        return _fetch(connection, sql, params, prepare)


def _fetch(connection, sql: str, params: list, prepare: bool) -> list[tuple]:
    """Run a statement written with $1, $2, ... (``_Compiled.native``)."""
    with _postgresql_cursor(connection, native=True, prepare=prepare) as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _postgresql_cursor(connection, *, native: bool = False, prepare: bool = True):
    """A psycopg cursor that prepares its queries, made as Django's ``create_cursor``
    makes its own (with the connection's time zone for the values it reads); with
    ``native``, one that takes PostgreSQL's own placeholders and parses nothing."""
    from django.db.backends.postgresql.psycopg_any import register_tzloader
    from psycopg.pq import Format
    from psycopg.types.datetime import TimestamptzLoader

    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django turns psycopg's preparing off (None); a threshold no query reaches lets
        # the queries here ask for it (``prepare=True``) while psycopg still never
        # prepares others on its own. Client-side binding, Django's default, never
        # prepares at all.
        raw.prepare_threshold = 2**31 - 1
    classes = _postgresql_classes()
    cursor = (classes.native if native else classes.cursor)(raw)
    cursor.tilstede_prepare = prepare
    if settings.USE_TZ:
        # psycopg's own loader, in its C version: Django's is written in Python and cost
        # a tenth of an inbox page. Both give the same aware datetimes, since Django sets
        # the session's TimeZone to the connection's time zone, in which psycopg's reads.
        cursor.adapters.register_loader(_TIMESTAMPTZ_OID, TimestamptzLoader)
        return cursor
    loader = raw.adapters.get_loader(_TIMESTAMPTZ_OID, Format.TEXT)
    if connection.timezone != loader.timezone:
        register_tzloader(connection.timezone, cursor)
    return cursor


_TIMESTAMPTZ_OID = 1184  # PostgreSQL's timestamptz


def _cursor(connection, *, prepare: bool = True):
    """A cursor of ``connection`` as Django's ``connection.cursor()`` gives it (errors
    translated, queries logged when they are), preparing its queries on PostgreSQL."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        connection.validate_thread_sharing()
        cursor = _postgresql_cursor(connection, prepare=prepare)
        if connection.queries_logged:
            return _postgresql_classes().logged(cursor, connection)
        return connection.make_cursor(cursor)


_CLASSES = None


def _postgresql_classes():
    """Django's server-side binding cursor, asking psycopg to prepare every query, and a
    query log that shows the statement with its values (Django's reads the text psycopg
    sent, which a prepared statement's run does not have)."""
    global _CLASSES
    if _CLASSES is None:
        from types import SimpleNamespace

        from django.db.backends.postgresql.base import ServerBindingCursor
        from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
        from psycopg import RawCursor

        class PreparingCursor(ServerBindingCursor):
            tilstede_prepare = True

            def execute(self, query, params=None, *, prepare=None, binary=None):
                prepare = settings.TILSTEDE_PG_PREPARE and self.tilstede_prepare
                return super().execute(query, params, prepare=prepare, binary=binary)

        class PreparingNativeCursor(RawCursor):
            tilstede_prepare = True

            def execute(self, query, params=None, *, prepare=None, binary=None):
                prepare = settings.TILSTEDE_PG_PREPARE and self.tilstede_prepare
                return super().execute(query, params, prepare=prepare, binary=binary)

        class LoggedCursor(CursorDebugWrapper):
            def execute(self, sql, params=None):
                with self.debug_sql(self.db.ops.compose_sql(sql, params)):
                    return CursorWrapper.execute(self, sql, params)

        _CLASSES = SimpleNamespace(
            cursor=PreparingCursor, native=PreparingNativeCursor, logged=LoggedCursor
        )
    return _CLASSES
