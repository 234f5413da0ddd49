"""The inbox's frame kept per inputs, the prepared queries, and the prepared reads of the
session, the user and their rights (issue 6): the same pages and the same rules, faster."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection, connections, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_item
from tests.web.findings import add_fodselsnummer_finding
from tilstede.core import roles
from tilstede.core.models import Channel, Visibility
from tilstede.web import frames
from tilstede.web.auth import DeskBackend
from tilstede.web.models import DeskSession as Session
from tilstede.web.prepared import Prepared
from tilstede.web.selectors import user_shape
from tilstede.web.sessions import SessionStore

EN = {"accept-language": "en"}


def _same(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("query", ["", "?state=held&overdue=on", "?channel=nope&language=en"])
def test_a_kept_frame_gives_the_page_a_full_render_gives(client, world, monkeypatch, query):
    item = make_item(world.channel, "Mitt nummer er 01010112345.", visibility=Visibility.HELD)
    add_fodselsnummer_finding(item, 15, 26)
    client.force_login(world.moderator)
    frames.frames.clear()
    url = reverse("inbox") + query
    first = client.get(url, headers=EN).content.decode()
    kept = client.get(url, headers=EN).content.decode()
    # Pages with messages are rendered in full, the way every page was before.
    monkeypatch.setattr(frames, "get_messages", lambda request: [None])
    full = client.get(url, headers=EN).content.decode()
    assert _same(first) == _same(kept) == _same(full)
    assert "01010112345" not in kept
    assert (f'id="item-{item.pk}"' in kept) == ("overdue" not in query)  # nope: ignored


def test_each_person_gets_a_frame_of_their_own(client, world):
    make_item(world.channel, "Hei", visibility=Visibility.HELD)
    frames.frames.clear()
    client.force_login(world.moderator)
    mine = client.get(reverse("inbox"), headers=EN).content.decode()
    client.force_login(world.reader)
    theirs = client.get(reverse("inbox"), headers=EN).content.decode()
    assert 'id="bulk"' in mine and "Log out moderator" in mine
    assert 'id="bulk"' not in theirs and "Log out reader" in theirs


def test_the_rows_are_read_for_every_request(client, world):
    item = make_item(world.channel, "Hei", visibility=Visibility.HELD)
    client.force_login(world.moderator)
    assert "state-held" in client.get(reverse("inbox")).content.decode()
    item.visibility = Visibility.VISIBLE
    item.save()
    html = client.get(reverse("inbox")).content.decode()
    assert 'class="row state-visible"' in html and "state-held" not in html


def test_a_right_taken_away_counts_at_the_next_request(client, world):
    client.force_login(world.reader)
    assert client.get(reverse("inbox")).status_code == 200
    world.reader.groups.remove(Group.objects.get(name=roles.READER))
    assert client.get(reverse("inbox")).status_code == 403


def test_a_session_deleted_in_the_database_ends_at_the_next_request(client, world):
    client.force_login(world.moderator)
    assert client.get(reverse("inbox")).status_code == 200
    Session.objects.all().delete()
    assert client.get(reverse("inbox")).status_code == 302


def test_a_session_whose_stored_text_changes_is_read_anew(client, world):
    client.force_login(world.moderator)
    assert client.get(reverse("inbox")).status_code == 200
    session = Session.objects.get()
    # The stored text no longer verifies: the person is out.
    Session.objects.filter(pk=session.pk).update(session_data=session.session_data[:-2] + "xx")
    assert client.get(reverse("inbox")).status_code == 302


def test_a_decoded_session_is_the_caller_s_own(world):
    store = SessionStore()
    store["where"] = "inbox"
    store.save()
    text = Session.objects.get(pk=store.session_key).session_data
    first = SessionStore().decode(text)
    first["where"] = "changed"
    assert SessionStore().decode(text) == {"where": "inbox"}
    assert SessionStore().decode(text[:-2] + "xx") == {}


def test_a_user_s_shape_follows_a_right_taken_away_within_a_request(world):
    user = type(world.reader).objects.get(pk=world.reader.pk)
    before = user_shape(user)
    assert "core.view_item" in before[2]
    world.reader.groups.clear()
    assert user_shape(user) == before  # rights are read once per request, as Django's are
    del user._perm_cache
    assert user_shape(user)[2] == frozenset()


def test_the_desk_backend_grants_what_the_model_backend_grants(world):
    for user in (world.admin, world.moderator, world.responder, world.reader, world.outsider):
        desk = DeskBackend().get_all_permissions(type(user).objects.get(pk=user.pk))
        model = ModelBackend().get_all_permissions(type(user).objects.get(pk=user.pk))
        assert desk == model and desk, user
        assert DeskBackend().get_user(user.pk) == user


def test_a_prepared_query_binds_each_call_s_values(world):
    by_slug = Prepared(lambda v: Channel.objects.filter(slug=v.text("slug")).values_list("pk"))
    assert by_slug.rows(slug=world.channel.slug) == [(world.channel.pk,)]
    assert by_slug.rows(slug=world.other_channel.slug) == [(world.other_channel.pk,)]
    assert by_slug.rows(slug="nope") == []


def test_a_lookup_that_rewrites_its_value_cannot_be_prepared(world):
    named = Prepared(lambda v: Channel.objects.filter(name__contains=v.text("x")).values_list("pk"))
    with pytest.raises(ValueError, match="did not reach"):
        named.rows(x="Test")


def _by_slug() -> Prepared:
    return Prepared(
        lambda v: Channel.objects.filter(slug=v.text("slug")).values_list("pk", "created_at")
    )


def test_a_prepared_query_reads_the_same_with_and_without_the_query_log(world):
    by_slug = _by_slug()
    quiet = by_slug.rows(slug=world.channel.slug)
    with CaptureQueriesContext(connection) as logged:
        loud = by_slug.rows(slug=world.channel.slug)
    assert [tuple(r) for r in quiet] == [tuple(r) for r in loud]
    assert [tuple(r) for r in quiet] == [(world.channel.pk, world.channel.created_at)]
    # The log shows the statement with its value (on PostgreSQL psycopg keeps no text of
    # a prepared statement's run, so the log is written from the statement and values).
    (query,) = logged.captured_queries
    assert world.channel.slug in query["sql"] and "core_channel" in query["sql"]


def test_a_prepared_query_s_errors_are_django_s(world, monkeypatch):
    by_slug = _by_slug()
    by_slug.rows(slug="x")
    (compiled,) = by_slug._by_connection[connections["default"]].values()
    monkeypatch.setattr(compiled, "native", "SELECT nothing FROM no_such_table")
    with pytest.raises(DatabaseError) as caught:
        by_slug.rows(slug="x")
    assert type(caught.value).__module__ == "django.db.utils"


def test_a_prepared_query_is_refused_in_a_broken_transaction(world):
    by_slug = _by_slug()
    with transaction.atomic():
        transaction.set_rollback(True)
        with pytest.raises(TransactionManagementError):
            by_slug.rows(slug=world.channel.slug)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_a_prepared_query_is_planned_once_on_postgresql(world):
    by_slug = _by_slug()
    for channel in (world.channel, world.other_channel, world.channel):
        assert [tuple(r) for r in by_slug.rows(slug=channel.slug)] == [
            (channel.pk, channel.created_at)
        ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%"core_channel"."slug" = $1%'],
        )
        assert cursor.fetchone()[0] == 1


def test_the_desk_lists_are_what_the_orm_lists(world):
    from django.contrib.auth.models import User

    from tests.conftest import make_channel
    from tilstede.web.selectors import channels_for, desk_lists, organisations_for

    make_channel(world.org, "aaa-forst")  # sorts before the others by name
    world.other_org.members.add(world.moderator)  # in two organisations
    world.admin.first_name, world.admin.last_name = "Ada", "Admin"
    world.admin.save()
    superuser = User.objects.create_superuser("root", password="pw-root")
    User.objects.filter(username="reader").update(is_active=False)
    for who in (world.moderator, world.responder, world.outsider, superuser):
        user = type(who).objects.get(pk=who.pk)
        lists = desk_lists(user)
        orgs = organisations_for(user).order_by("pk")
        assert [(o.pk, o.slug, o.name) for o in lists.organisations] == list(
            orgs.values_list("pk", "slug", "name")
        )
        assert list(lists.channels) == list(channels_for(user).values_list("slug", "name"))
        people = (
            User.objects.filter(organisations__in=orgs, is_active=True)
            .distinct()
            .order_by("username")
        )
        assert list(lists.people) == [
            (p.username, p.get_full_name() or p.username) for p in people
        ], who
        assert desk_lists(user) is lists  # once per request
    moderator = type(world.moderator).objects.get(pk=world.moderator.pk)
    assert ("admin", "Ada Admin") in desk_lists(moderator).people
    assert "reader" not in dict(desk_lists(moderator).people)
    assert len(desk_lists(moderator).organisations) == 2


def test_a_superuser_gets_the_desk_s_pages(client, world):
    from django.contrib.auth.models import User

    item = make_item(world.other_channel, "Hei fra et annet direktorat")
    client.force_login(User.objects.create_superuser("root", password="pw-root"))
    html = client.get(reverse("inbox")).content.decode()
    assert f'id="item-{item.pk}"' in html
    assert client.get(reverse("inbox") + "?assignee=me").status_code == 200
    assert client.get(reverse("home")).status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_preparing_can_be_turned_off_for_a_transaction_mode_pooler(world, settings):
    settings.TILSTEDE_PG_PREPARE = False
    # A query of its own: statements prepared by other tests stay on the connection.
    by_name = Prepared(lambda v: Channel.objects.filter(name=v.text("name")).values_list("pk"))
    for _ in range(3):
        assert by_name.rows(name=world.channel.name) == [(world.channel.pk,)]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%"core_channel"."name" = $1%'],
        )
        assert cursor.fetchone()[0] == 0
