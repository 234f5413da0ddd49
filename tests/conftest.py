"""Personas and shared fixtures.

Every test meets the same people: an administrator in the communication unit, a
moderator, a responder for one topic, a reader from leadership, and an outsider from
another agency who must see nothing. Data is set up through the real services and
models; nothing here is a real person.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from tilstede.core import roles
from tilstede.core.models import (
    Channel,
    ChannelKind,
    Item,
    ItemKind,
    ItemVersion,
    Organisation,
    Platform,
    Purpose,
    Topic,
)

_ids = itertools.count(1)

pytest_plugins = ["tests.browser_support"]


def pytest_configure(config) -> None:
    from django.conf import settings

    # PBKDF2 on every test user costs a minute per suite run; tests do not test hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    org: Organisation
    other_org: Organisation
    channel: Channel
    other_channel: Channel
    roads: Topic
    schools: Topic
    admin: User
    moderator: User
    responder: User
    reader: User
    outsider: User


def make_user(username: str, role: str, org: Organisation) -> User:
    user = User.objects.create_user(username=username, password="pw-" + username)
    user.groups.add(Group.objects.get(name=role))
    org.members.add(user)
    return user


def make_channel(org: Organisation, slug: str, platform: str = Platform.MASTODON) -> Channel:
    return Channel.objects.create(
        organisation=org,
        name=slug.title(),
        slug=slug,
        platform=platform,
        kind=ChannelKind.MICROBLOG,
        purpose=Purpose.COMMUNICATION,
    )


def make_item(channel: Channel, text: str = "Hei!", **fields) -> Item:
    n = next(_ids)
    item = Item.objects.create(
        channel=channel,
        external_id=fields.pop("external_id", f"test-{n}"),
        kind=fields.pop("kind", ItemKind.COMMENT),
        text=text,
        created_at=fields.pop("created_at", timezone.now() - dt.timedelta(minutes=n)),
        **fields,
    )
    ItemVersion.objects.create(item=item, number=1, text=text)
    return item


@pytest.fixture
def world(db) -> World:
    org = Organisation.objects.create(name="Testvik kommune", slug="testvik")
    other = Organisation.objects.create(name="Annet direktorat", slug="annet")
    channel = make_channel(org, "testvik-mastodon")
    other_channel = make_channel(other, "annet-mastodon")
    roads = Topic.objects.create(organisation=org, name="Vei", keywords="vei")
    schools = Topic.objects.create(organisation=org, name="Skole", keywords="skole")
    responder = make_user("responder", roles.RESPONDER, org)
    roads.responders.add(responder)
    return World(
        org=org,
        other_org=other,
        channel=channel,
        other_channel=other_channel,
        roads=roads,
        schools=schools,
        admin=make_user("admin", roles.ADMINISTRATOR, org),
        moderator=make_user("moderator", roles.MODERATOR, org),
        responder=responder,
        reader=make_user("reader", roles.READER, org),
        outsider=make_user("outsider", roles.MODERATOR, other),
    )


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or bool(marker and marker.kwargs.get("transaction"))
    )


def _guards(vendor: str) -> tuple[list[str], list[str]]:
    """The append-only guards' SQL for ``vendor``: (to remove them, to put them back)."""
    from importlib import import_module

    audit = import_module("tilstede.core.migrations.0002_auditevent_append_only")
    checkpoints = import_module("tilstede.core.migrations.0009_audit_checkpoint")
    versions = import_module("tilstede.archive.migrations.0004_itemversion_delete_guard")
    if vendor == "sqlite":
        modules = (audit, checkpoints, versions)
        return (
            [sql for m in modules for sql in m.SQLITE_DOWN],
            [sql for m in modules for sql in m.SQLITE_UP],
        )
    if vendor == "postgresql":
        return checkpoints.PG_TRUNCATE_DOWN, checkpoints.PG_TRUNCATE_UP
    return [], []


@pytest.fixture(autouse=True)
def _flush_passes_the_audit_guard(request):
    """Let the flush after a transactional test empty the guarded tables.

    Django empties tables after such a test with DELETE on SQLite, which the
    append-only row triggers refuse, and with TRUNCATE on PostgreSQL, which the audit
    tables' TRUNCATE triggers refuse. The guards are put back before every test, so each
    test sees the real ones.
    """
    if not _is_transactional(request):
        yield
        return
    from django.db import connection

    request.getfixturevalue("_django_db_helper")
    down, up = _guards(connection.vendor)
    with connection.cursor() as cursor:
        for sql in down + up:
            cursor.execute(sql)
    yield
    with connection.cursor() as cursor:
        for sql in down:
            cursor.execute(sql)


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Rate limits count in the cache; each test starts with none spent.

    The cache is a table in the test database (as in production without Redis): a test
    that uses the database starts with it empty; others cannot reach it.
    """
    if not ({"db", "transactional_db", "live_server"} & set(request.fixturenames)) and not (
        request.node.get_closest_marker("django_db")
    ):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Let a WSGI call that is not Django's test client run inside the test transaction.

    At the start and end of each request Django closes a connection whose autocommit
    differs from its settings, which inside a test's transaction closes it (on
    PostgreSQL). Django's own test client disconnects that handler for the same reason;
    schemathesis calls the WSGI application directly.
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def command_line_keeps_the_test_connection(monkeypatch):
    """Let ``tilstede.cli.main`` run inside the test's transaction.

    Django's ``BaseCommand.run_from_argv`` closes every connection when a command ends,
    as a process that exits would; inside a test that closes the transaction's connection
    (on PostgreSQL; SQLite's in-memory test database ignores the close).
    """
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)
