"""One query per inbox page, one for the person and their rights, and the desk's reads as
their own health check (issue 6): the same rows, rules and rights in fewer round trips."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.db import OperationalError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.conftest import make_channel, make_item
from tests.web.findings import screen
from tilstede.core.models import HouseRule, Item, ItemKind, ItemVersion, Topic, Visibility
from tilstede.desk.models import ResponsePromise
from tilstede.ingest.models import VersionScreening
from tilstede.web.auth import DeskBackend
from tilstede.web.markup import Span
from tilstede.web.prepared import Prepared
from tilstede.web.selectors import InboxFilters, RuleRow, inbox_page


def test_a_page_reads_its_rows_versions_findings_and_rules_in_one_query(world):
    now = timezone.now()
    other = make_channel(world.org, "testvik-facebook")
    spam = HouseRule.objects.create(channel=world.channel, code="spam", title="Spam", order=2)
    abuse = HouseRule.objects.create(channel=world.channel, code="abuse", title="Hets", order=1)
    ads = HouseRule.objects.create(channel=world.channel, code="ads", title="Reklame", order=2)
    HouseRule.objects.create(channel=other, code="off", title="Utenfor tema")
    # The oldest item is the row after a page of three: its channel's rules are not the
    # page's, and its versions are read but not shown.
    make_item(other, "Eldst", created_at=now - dt.timedelta(minutes=10))
    parent = make_item(world.channel, "Gammel tekst", created_at=now - dt.timedelta(minutes=5))
    edited = ItemVersion.objects.create(item=parent, number=2, text="Nr 01010112345 og 01010112345")
    screen(edited, (17, 28), (3, 14))  # read back in order of place
    reply = make_item(
        world.channel,
        "Svar på 01010112345",
        parent=parent,
        created_at=now - dt.timedelta(minutes=2),
        assignee=world.responder,
        topic=Topic.objects.get(name="Vei"),
        visibility=Visibility.HELD,
    )
    screen(reply.versions.get(), (8, 19), case_request=True)
    due = now + dt.timedelta(hours=3)
    ResponsePromise.objects.create(
        item=reply,
        channel=world.channel,
        reason="question",
        started_at=now,
        promised=dt.timedelta(hours=3),
        due_at=due,
    )
    # Read before screening made a version: the item's own text. (Versions are never
    # deleted, so this item is made without one.)
    newest = Item.objects.create(
        channel=world.channel,
        external_id="no-version-yet",
        kind=ItemKind.COMMENT,
        text="Ingen versjon",
        created_at=now - dt.timedelta(minutes=1),
    )

    world.moderator.get_all_permissions()  # read once per request, before the page
    with CaptureQueriesContext(connection) as queries:
        page = inbox_page(world.moderator, InboxFilters(), size=3, now=now)
    assert len(queries.captured_queries) == 1
    assert [e.pk for e in page.entries] == [newest.pk, reply.pk, parent.pk]
    assert page.next_cursor
    first, second, third = page.entries
    assert (first.text, first.spans, first.parent_text) == ("Ingen versjon", [], None)
    assert second.text == "Svar på 01010112345" and second.case_request
    assert second.spans == [Span(8, 19, "national_id", "gyldige kontrollsiffer for fødselsnummer")]
    assert second.parent_text == "Nr 01010112345 og 01010112345"  # the parent's current one
    assert [s.start for s in second.parent_spans] == [3, 17]
    assert (second.assignee, second.topic, second.has_promise) == ("responder", "Vei", True)
    assert second.due_at == due and second.first_response_at is None
    assert second.visibility == Visibility.HELD and second.channel_name == world.channel.name
    assert third.text == "Nr 01010112345 og 01010112345" and not third.case_request
    assert [s.start for s in third.spans] == [3, 17]  # each finding once, the parent on the page
    assert page.rules == {
        world.channel.pk: [
            RuleRow(abuse.pk, world.channel.pk, "abuse", "Hets"),
            RuleRow(ads.pk, world.channel.pk, "ads", "Reklame"),
            RuleRow(spam.pk, world.channel.pk, "spam", "Spam"),
        ]
    }
    rest = inbox_page(world.moderator, InboxFilters(), cursor=page.next_cursor, size=3, now=now)
    assert [e.text for e in rest.entries] == ["Eldst"] and rest.next_cursor is None
    assert [r.code for r in rest.rules[other.pk]] == ["off"] and len(rest.rules) == 1


def test_an_empty_page_has_no_rows_and_no_rules(world):
    HouseRule.objects.create(channel=world.channel, code="spam", title="Spam")
    page = inbox_page(world.moderator, InboxFilters(state="hidden"))
    assert (page.entries, page.rules, page.next_cursor) == ([], {}, None)


def test_the_user_and_their_rights_come_in_one_query(world):
    superuser = User.objects.create_superuser("root", password="pw-root")
    for who in (world.admin, world.moderator, world.responder, world.reader, world.outsider):
        with CaptureQueriesContext(connection) as queries:
            user = DeskBackend().get_user(who.pk)
            rights = user.get_all_permissions()
            assert user.has_perm("core.view_item") == ("core.view_item" in rights)
        assert len(queries.captured_queries) == 1, who
        assert user == who and user.last_login == who.last_login
        assert rights == ModelBackend().get_all_permissions(User.objects.get(pk=who.pk))
    root = DeskBackend().get_user(superuser.pk)
    assert root.has_perm("core.moderate_item") and not hasattr(root, "_perm_cache")
    User.objects.filter(pk=world.reader.pk).update(is_active=False)
    assert DeskBackend().get_user(world.reader.pk) is None
    assert DeskBackend().get_user(10**9) is None


def test_a_user_without_rights_has_none(world):
    nobody = User.objects.create_user("nobody", password="pw-nobody")
    user = DeskBackend().get_user(nobody.pk)
    assert user == nobody and user.get_all_permissions() == set()
    assert not user.has_perm("core.view_item")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's health checks")
def test_a_desk_read_is_the_health_check_of_a_kept_connection(transactional_db, monkeypatch):
    import psycopg

    db = connections["default"]
    User.objects.create_user("kept", password="pw-kept")
    by_name = Prepared(lambda v: User.objects.filter(username=v.text("name")).values_list("pk"))
    checks = []
    real = type(db).is_usable
    monkeypatch.setattr(type(db), "is_usable", lambda self: checks.append(1) or real(self))
    monkeypatch.setattr(db, "health_check_enabled", True)
    assert by_name.rows(name="kept")
    # A new request on a healthy connection: the read goes out without SELECT 1 first.
    db.health_check_done = False
    assert by_name.rows(name="kept")
    assert checks == [] and db.health_check_done
    # The server ended the connection between requests: the read finds out, and is sent
    # again on a new connection.
    db.health_check_done = False
    old = db.connection.info.backend_pid
    with psycopg.connect(db.connection.info.dsn, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [old])
    assert by_name.rows(name="kept")
    assert checks == [1] and db.connection.info.backend_pid != old
    # Inside a transaction a failed read is not sent again: the error is the caller's.
    db.health_check_done = False
    old = db.connection.info.backend_pid
    with pytest.raises(OperationalError), transaction.atomic():
        with psycopg.connect(db.connection.info.dsn, autocommit=True) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [old])
        before = len(checks)  # entering the block checked the connection, as Django does
        try:
            by_name.rows(name="kept")
        finally:
            assert len(checks) == before  # the read was not checked nor sent again


@pytest.mark.skipif(connection.vendor != "postgresql", reason="psycopg's loaders")
def test_prepared_reads_give_the_times_django_gives(world):
    from tilstede.core.models import Item

    times = Prepared(
        lambda v: Item.objects.filter(pk=v.int("pk")).values_list("created_at", "received_at")
    )
    for when in (timezone.now(), dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)):
        item = make_item(world.channel, created_at=when)
        (read,) = times.rows(pk=item.pk)
        orm = Item.objects.filter(pk=item.pk).values_list("created_at", "received_at")[0]
        assert tuple(read) == orm and read[0] == when
        assert all(value.utcoffset() == dt.timedelta(0) for value in read)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_a_page_filtered_by_category_is_planned_with_its_values_each_time(world):
    item = make_item(world.channel, "Nr 01010112345", visibility=Visibility.HELD)
    screen(item.versions.get(), (3, 14))
    world.moderator.get_all_permissions()
    for _ in range(7):
        assert inbox_page(world.moderator, InboxFilters(category="national_id")).entries
        assert inbox_page(world.moderator, InboxFilters(state="held")).entries
    assert not inbox_page(world.moderator, InboxFilters(category="health")).entries
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
            ["%tilstede_page_keys%"],
        )
        kept = [row[0] for row in cursor.fetchall()]
    assert kept and all('"category" = $' not in sql for sql in kept)
    assert any('"visibility" = $' in sql for sql in kept)


def test_the_parts_of_a_union_read_their_own_types_and_leave_nulls_alone(world):
    from django.db.models import BooleanField, DateTimeField, F, IntegerField

    from tilstede.core.models import Item
    from tilstede.web.prepared import Columns, Constant

    item = make_item(world.channel, "Hei", created_at=dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC))
    columns = Columns(part=IntegerField, at=DateTimeField, flag=BooleanField)
    union = Prepared(
        lambda v: columns.part(
            Item.objects.filter(pk=v.int("pk")),
            part=Constant(0, output_field=IntegerField()),
            at=F("created_at"),
        ).union(
            columns.part(
                VersionScreening.objects.filter(version__item=v.int("pk")),
                part=Constant(1, output_field=IntegerField()),
                flag=F("case_request"),
            ),
            all=True,
        )
    )
    screen(item.versions.get(), case_request=True)
    rows = sorted(tuple(row) for row in union.rows(pk=item.pk))
    assert rows == [(0, item.created_at, None), (1, None, True)]


def test_a_page_filtered_by_a_person_shows_what_is_assigned_to_them(world):
    mine = make_item(world.channel, "Til svar", assignee=world.responder)
    make_item(world.channel, "Ingen sin")
    make_item(world.channel, "Moderatorens", assignee=world.moderator)
    world.moderator.get_all_permissions()
    page = inbox_page(world.moderator, InboxFilters(assignee="responder"))
    assert [e.pk for e in page.entries] == [mine.pk]
    assert inbox_page(world.moderator, InboxFilters(assignee="reader")).entries == []
    assert inbox_page(world.moderator, InboxFilters(assignee="nobody-by-that-name")).entries == []
