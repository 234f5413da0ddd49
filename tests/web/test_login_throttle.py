"""Login throttling (django-axes) and the audit trail of logins, failures and lockouts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from tilstede.core.models import AuditEvent

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def login(client, username, password, ip="198.51.100.7"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def verbs() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))


def test_it_records_a_login_and_a_failed_login(client, world):
    assert login(client, "moderator", "wrong").status_code == 200
    assert login(client, "moderator", "pw-moderator").status_code == 302
    failed, ok = AuditEvent.objects.filter(verb__startswith="auth.").order_by("id")
    assert failed.verb == "auth.login_failed"
    assert failed.details["username"] == "moderator"
    assert failed.details["address"] == "198.51.100.7"
    assert "wrong" not in str(failed.details)  # the password is never recorded
    assert ok.verb == "auth.login" and ok.object_id == str(world.moderator.pk)
    assert ok.actor_label == "moderator"


def test_twenty_wrong_passwords_lock_the_account_for_the_configured_time(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 10
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
    with freeze_time(START) as clock:
        answers = [login(client, "moderator", f"guess-{n}").status_code for n in range(20)]
        assert answers[:9] == [200] * 9  # the form again, with its error
        assert answers[9:] == [429] * 11
        # The right password does not open a locked account.
        locked = login(client, "moderator", "pw-moderator")
        assert locked.status_code == 429
        html = locked.content.decode()
        assert "For mange feil passord" in html and "15 minutter" in html
        assert 'role="alert"' in html
        assert "_auth_user_id" not in client.session

        clock.tick(dt.timedelta(minutes=14))
        assert login(client, "moderator", "pw-moderator").status_code == 429
        clock.tick(dt.timedelta(minutes=2))
        assert login(client, "moderator", "pw-moderator").status_code == 302

    events = AuditEvent.objects.filter(verb="auth.lockout")
    assert events.count() == 1
    assert events.get().details == {
        "username": "moderator",
        "address": "198.51.100.7",
        "failures": 10,
    }
    assert verbs().count("auth.login_failed") == 20 + 2  # and two refused while locked
    assert verbs().count("auth.login_refused") == 10 + 2  # the 11th to 20th, and two
    assert verbs()[-1] == "auth.login"


def test_the_account_is_locked_whatever_address_the_guesses_come_from(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for n in range(5):
        login(client, "reader", "wrong", ip=f"203.0.113.{n + 1}")
    assert login(client, "reader", "pw-reader", ip="203.0.113.99").status_code == 429


def test_an_address_guessing_many_accounts_is_locked(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for name in ("a", "b", "c", "d", "e"):
        login(client, f"nobody-{name}", "wrong", ip="192.0.2.66")
    # Another person's right password from that address is refused too, for a while.
    assert login(client, "reader", "pw-reader", ip="192.0.2.66").status_code == 429
    assert login(client, "reader", "pw-reader", ip="192.0.2.67").status_code == 302


def test_the_lockout_page_is_in_english_when_asked(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 1
    client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    response = login(client, "moderator", "wrong")
    assert response.status_code == 429
    assert "Too many wrong passwords" in response.content.decode()


def test_a_login_without_a_request_is_not_throttled_but_still_checked(world):
    from django.contrib.auth import authenticate

    assert authenticate(username="moderator", password="pw-moderator") == world.moderator
    assert authenticate(username="moderator", password="wrong") is None
