"""The Django admin is the operator's alone, and even the operator cannot rewrite citizens.

Tried as the review tried it: staff flags on desk roles, another organisation's
administrator, a reader searching for a fødselsnummer, an operator changing an item.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps as global_apps
from django.contrib.auth.models import User
from django.urls import reverse

from tests.archive.helpers import raw
from tests.screening.made_up_numbers import fodselsnummer
from tilstede.core.models import AuditEvent, Item, Organisation, Visibility
from tilstede.ingest.services import items_receive

ROLES = ("admin", "moderator", "responder", "reader", "outsider")


@pytest.fixture
def held(world) -> tuple[Item, str]:
    fnr = fodselsnummer(24, 12, 77)
    items_receive(
        channel=world.channel,
        raw_items=[raw("fnr-1", f"Mitt fødselsnummer er {fnr}, Storgata 5", minutes=1)],
    )
    item = Item.objects.get(external_id="fnr-1")
    assert item.visibility == Visibility.HELD
    return item, fnr


@pytest.fixture
def operator(db) -> User:
    return User.objects.create_superuser("operator", "op@example.test", "pw-operator")


@pytest.mark.parametrize("who", ROLES)
def test_it_refuses_every_desk_role_even_with_a_staff_flag(world, held, client, who):
    person = getattr(world, who)
    person.is_staff = True
    person.save()
    client.force_login(person)
    item, _fnr = held
    for url in (
        reverse("admin:index"),
        reverse("admin:core_item_changelist"),
        reverse("admin:core_item_change", args=[item.pk]),
        reverse("admin:core_organisation_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:login"),
    ):
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("admin:core_item_change", args=[item.pk]), {"visibility": "visible"}
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.visibility == Visibility.HELD


def test_it_sends_an_anonymous_visitor_to_the_desk_login(db, client):
    response = client.get(reverse("admin:core_item_changelist"))
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert follow.status_code == 302
    assert follow["Location"].startswith(reverse("login"))


def test_the_operator_sees_citizen_text_redacted_and_cannot_change_it(held, operator, client):
    item, fnr = held
    client.force_login(operator)
    page = client.get(reverse("admin:core_item_change", args=[item.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert fnr not in body
    assert "[fødselsnummer]" in body
    listing = client.get(reverse("admin:core_item_changelist"))
    assert fnr not in listing.content.decode()
    before = AuditEvent.objects.count()
    response = client.post(
        reverse("admin:core_item_change", args=[item.pk]),
        {"text": "changed", "visibility": Visibility.VISIBLE},
    )
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.visibility == Visibility.HELD
    assert fnr in item.text
    assert AuditEvent.objects.count() == before


def test_the_admin_does_not_search_item_text(held, operator, client):
    item, fnr = held
    client.force_login(operator)
    found = client.get(reverse("admin:core_item_changelist"), {"q": fnr})
    assert found.status_code == 200
    assert f"/admin/core/item/{item.pk}/change/" not in found.content.decode()
    by_id = client.get(reverse("admin:core_item_changelist"), {"q": item.external_id})
    assert f"/admin/core/item/{item.pk}/change/" in by_id.content.decode()


def test_an_operator_change_is_audited_with_before_and_after(world, operator, client):
    client.force_login(operator)
    url = reverse("admin:core_organisation_change", args=[world.org.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "members"}
    data.update(
        name="Testvik kommune (ny)",
        opening_hours='{"0": ["08:00", "15:45"]}',
        response_time="08:00:00",
        members=[u.pk for u in world.org.members.all()],
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.filter(verb="admin.organisation.change").get()
    assert event.actor_label == "operator"
    assert event.details["changes"]["name"] == {
        "before": "Testvik kommune",
        "after": "Testvik kommune (ny)",
    }


def test_the_migration_takes_staff_status_from_everyone_but_superusers(world, operator):
    User.objects.filter(pk__in=[world.admin.pk, world.reader.pk]).update(is_staff=True)
    migration = import_module("tilstede.core.migrations.0007_organisation_defaults_and_people")
    migration.staff_is_the_operator_only(global_apps, None)
    assert not User.objects.filter(is_staff=True, is_superuser=False).exists()
    assert User.objects.get(pk=operator.pk).is_staff


def test_new_organisations_have_defaults_for_channels(db):
    org = Organisation.objects.create(name="Ny etat", slug="ny")
    assert org.response_time == dt.timedelta(hours=8)
    assert org.moderation_mode == "post_moderate"
    assert org.opening_hours["0"] == ["08:00", "15:45"]


def test_every_admin_is_audited_or_read_only_whoever_registered_it():
    """django-allauth registers its own plain admins; none stays unaudited."""
    from django.contrib import admin

    from tilstede.core.admin import AuditedAdmin, ReadOnlyAdmin

    loose = [
        f"{model._meta.label}: {type(ma).__name__}"
        for model, ma in admin.site._registry.items()
        if not isinstance(ma, AuditedAdmin | ReadOnlyAdmin)
    ]
    assert loose == []
    registered = {m._meta.label for m in admin.site._registry}
    assert {"socialaccount.SocialApp", "mfa.Authenticator"} <= registered


def test_a_sign_in_providers_secret_is_written_never_shown_or_audited(operator, client):
    from allauth.socialaccount.models import SocialApp, SocialToken

    client.force_login(operator)
    add = reverse("admin:socialaccount_socialapp_add")
    response = client.post(
        add,
        {
            "provider": "openid_connect",
            "provider_id": "entra",
            "name": "Entra ID",
            "client_id": "tilstede-desk",
            "secret": "s3cret-value-never-shown",
            "key": "",
            "settings": '{"server_url": "https://login.example/v2.0"}',
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    app = SocialApp.objects.get(provider_id="entra")
    assert app.secret == "s3cret-value-never-shown"
    change = reverse("admin:socialaccount_socialapp_change", args=[app.pk])
    assert "s3cret-value-never-shown" not in client.get(change).content.decode()
    # Saved again with the secret left empty: the stored one is kept.
    response = client.post(
        change,
        {
            "provider": "openid_connect",
            "provider_id": "entra",
            "name": "Entra ID (staten)",
            "client_id": "tilstede-desk",
            "secret": "",
            "key": "",
            "settings": '{"server_url": "https://login.example/v2.0"}',
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    app.refresh_from_db()
    assert app.secret == "s3cret-value-never-shown" and app.name == "Entra ID (staten)"
    events = AuditEvent.objects.filter(verb__startswith="admin.socialapp.")
    assert [e.verb for e in events.order_by("id")] == [
        "admin.socialapp.create",
        "admin.socialapp.change",
    ]
    assert all("s3cret" not in str(e.details) for e in events)
    assert "secret" not in events.order_by("id").last().details["changes"]

    # A person's token from signing in: listed, never shown, not editable.
    from allauth.socialaccount.models import SocialAccount

    account = SocialAccount.objects.create(user=operator, provider="entra", uid="oid-1")
    token = SocialToken.objects.create(app=app, account=account, token="tok-never-shown")
    listing = client.get(reverse("admin:socialaccount_socialtoken_changelist"))
    page = client.get(reverse("admin:socialaccount_socialtoken_change", args=[token.pk]))
    assert listing.status_code == page.status_code == 200
    assert "tok-never-shown" not in listing.content.decode() + page.content.decode()


def test_the_operator_removes_a_lost_two_factor_device_with_an_audit_event(operator, world, client):
    from allauth.mfa.models import Authenticator

    device = Authenticator.objects.create(
        user=world.moderator, type=Authenticator.Type.TOTP, data={"secret": "never-shown"}
    )
    client.force_login(operator)
    change = reverse("admin:mfa_authenticator_change", args=[device.pk])
    page = client.get(change)
    assert page.status_code == 200 and "never-shown" not in page.content.decode()
    delete = reverse("admin:mfa_authenticator_delete", args=[device.pk])
    response = client.post(delete, {"post": "yes"})
    assert response.status_code == 302
    assert not Authenticator.objects.filter(pk=device.pk).exists()
    event = AuditEvent.objects.filter(verb="admin.authenticator.delete").get()
    assert event.actor_label == "operator" and "never-shown" not in str(event.details)
