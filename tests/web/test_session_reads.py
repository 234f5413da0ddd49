"""The session, its person, their rights and the desk's lists for them in one query per
request (issue 6), deciding exactly what Django's session and ModelBackend decided."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import make_channel, make_item
from tilstede.core import roles
from tilstede.web import auth
from tilstede.web.auth import DeskBackend
from tilstede.web.models import DeskSession
from tilstede.web.selectors import desk_lists
from tilstede.web.sessions import SessionStore


def _login(client, user) -> str:
    client.force_login(user)
    return client.cookies["sessionid"].value


def test_an_inbox_page_takes_two_queries(client, world):
    make_item(world.channel, "Hei")
    _login(client, world.moderator)
    client.get(reverse("inbox"))  # the CSRF cookie, as a browser has it
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("inbox"))
    assert response.status_code == 200
    assert len(queries.captured_queries) == 2, [q["sql"][:80] for q in queries]


def test_the_session_row_names_its_person(client, world):
    key = _login(client, world.moderator)
    assert DeskSession.objects.get(pk=key).user_id == world.moderator.pk
    client.post(reverse("logout"))
    assert not DeskSession.objects.filter(pk=key).exists()
    store = SessionStore()
    store["where"] = "nowhere"
    store.save()
    assert DeskSession.objects.get(pk=store.session_key).user_id is None


@pytest.mark.parametrize(
    "change",
    ["delete", "deactivate", "take_rights", "password"],
)
def test_what_changes_between_requests_counts_at_the_next(client, world, change):
    user = world.moderator
    _login(client, user)
    assert client.get(reverse("inbox")).status_code == 200
    if change == "delete":
        User.objects.filter(pk=user.pk).delete()
    elif change == "deactivate":
        User.objects.filter(pk=user.pk).update(is_active=False)
    elif change == "take_rights":
        user.groups.clear()
    else:
        user.set_password("a-new-password")
        user.save()
    response = client.get(reverse("inbox"))
    if change == "take_rights":
        assert response.status_code == 403
    else:
        assert response.status_code == 302  # out: to the log-in page


def test_the_lists_read_with_the_session_are_the_desk_s_lists(client, world):
    make_channel(world.org, "aaa-forst")
    world.other_org.members.add(world.moderator)
    root = User.objects.create_superuser("root", password="pw-root")
    for who in (world.moderator, world.responder, world.outsider, world.reader, root):
        key = _login(client, who)
        auth.read_with_session(None)
        SessionStore(key).load()
        read = auth._read_with_session.get()
        assert read is not None
        fresh = User.objects.get(pk=who.pk)
        assert read.lists == desk_lists(fresh), who
        assert read.rights == (set() if who.is_superuser else fresh.get_all_permissions())
        user = DeskBackend().get_user(who.pk)
        assert user == who and desk_lists(user) == read.lists
        assert auth._read_with_session.get() is None  # taken once


def test_what_was_read_for_one_person_is_not_given_for_another(client, world):
    key = _login(client, world.moderator)
    SessionStore(key).load()
    user = DeskBackend().get_user(world.reader.pk)
    assert user == world.reader
    assert user.get_all_permissions() == User.objects.get(pk=world.reader.pk).get_all_permissions()
    assert not user.has_perm("core.moderate_item")


def test_nothing_read_outlives_its_request(client, world):
    _login(client, world.moderator)
    assert client.get(reverse("inbox")).status_code == 200
    assert auth._read_with_session.get() is None


def test_a_session_of_someone_no_longer_there_reads_as_nobody(world):
    store = SessionStore()
    store["_auth_user_id"] = str(world.reader.pk)
    store.save()
    User.objects.filter(pk=world.reader.pk).delete()
    auth.read_with_session(None)
    assert SessionStore(store.session_key).load()["_auth_user_id"] == str(world.reader.pk)
    assert auth._read_with_session.get() is None


def test_a_group_right_given_shows_at_the_next_request(client, world):
    nobody = User.objects.create_user("nobody", password="pw-nobody")
    world.org.members.add(nobody)
    _login(client, nobody)
    assert client.get(reverse("inbox")).status_code == 403
    nobody.groups.add(Group.objects.get(name=roles.READER))
    assert client.get(reverse("inbox")).status_code == 200


def test_a_session_with_an_id_that_is_no_one_s_is_nobody_s(world):
    store = SessionStore()
    store["_auth_user_id"] = "not-a-number"
    store.save()
    assert DeskSession.objects.get(pk=store.session_key).user_id is None
