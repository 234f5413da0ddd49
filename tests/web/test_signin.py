"""The desk's sign-in pages: the organisation's mappings from the identity provider and
its two-factor rule, ending a person's sessions, and the password form with single
sign-on required. Attackers: a reader, another organisation's administrator."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import make_user
from tilstede.config.env import oidc_socialaccount_providers
from tilstede.core import roles
from tilstede.core.models import AuditEvent
from tilstede.signin.models import RoleMapping, SignInPolicy


@pytest.fixture
def entra(settings):
    settings.SOCIALACCOUNT_PROVIDERS = oidc_socialaccount_providers(
        [
            {
                "id": "entra",
                "label": "Microsoft Entra ID",
                "issuer": "https://login.microsoftonline.com/tenant/v2.0",
                "client_id": "tilstede",
                "secret": "s",
                "scopes": ["openid", "profile", "email"],
                "roles_claim": "groups",
            }
        ]
    )


def test_an_administrator_maps_a_group_to_a_role_with_the_values_in_the_log(world, client, entra):
    client.force_login(world.admin)
    page = client.get(reverse("signin_settings")).content.decode()
    assert "Microsoft Entra ID" in page and world.org.name in page
    response = client.post(
        reverse("signin_mapping_new"),
        {
            "organisation": world.org.pk,
            "provider": "entra",
            "claim_value": "0b5e-group",
            "role": "moderator",
        },
    )
    assert response.status_code == 302
    mapping = RoleMapping.objects.get()
    assert (mapping.organisation, mapping.claim_value, mapping.role) == (
        world.org,
        "0b5e-group",
        "moderator",
    )
    event = AuditEvent.objects.get(verb="signin.mapping_add")
    assert event.actor_label == "admin"
    assert event.details["changes"]["claim_value"] == {"before": None, "after": "0b5e-group"}

    response = client.post(
        reverse("signin_mapping_delete", args=[mapping.pk]), {"reason": "group renamed"}
    )
    assert response.status_code == 302
    assert not RoleMapping.objects.exists()
    removed = AuditEvent.objects.get(verb="signin.mapping_remove")
    assert removed.details["changes"]["role"] == {"before": "moderator", "after": None}
    assert removed.details["reason"] == "group renamed"


def test_a_mapping_needs_a_configured_provider_and_a_known_role(world, client, entra):
    client.force_login(world.admin)
    for bad in ({"provider": "rogue", "role": "moderator"}, {"provider": "entra", "role": "god"}):
        response = client.post(
            reverse("signin_mapping_new"),
            {"organisation": world.org.pk, "claim_value": "x", **bad},
        )
        assert response.status_code == 400
    assert not RoleMapping.objects.exists()


def test_another_organisations_administrator_cannot_touch_the_first_ones_mappings(
    world, client, entra
):
    mapping = RoleMapping.objects.create(
        organisation=world.org, provider="entra", claim_value="g", role="moderator"
    )
    other = make_user("other_admin", roles.ADMINISTRATOR, world.other_org)
    client.force_login(other)
    page = client.get(reverse("signin_settings")).content.decode()
    assert world.org.name not in page
    response = client.post(
        reverse("signin_mapping_new"),
        {
            "organisation": world.org.pk,
            "provider": "entra",
            "claim_value": "mine",
            "role": "administrator",
        },
    )
    assert response.status_code == 400  # the organisation is not among the form's choices
    response = client.post(reverse("signin_mapping_delete", args=[mapping.pk]), {"reason": "x"})
    assert response.status_code == 404
    response = client.post(
        reverse("signin_policy", args=[world.org.slug]),
        {f"org{world.org.pk}-two_factor_required": "on"},
    )
    assert response.status_code == 404
    assert RoleMapping.objects.filter(organisation=world.org).count() == 1
    assert not SignInPolicy.objects.exists()


@pytest.mark.parametrize("persona", ["reader", "moderator", "responder"])
def test_only_administrators_reach_the_sign_in_settings(world, client, persona):
    client.force_login(getattr(world, persona))
    assert client.get(reverse("signin_settings")).status_code == 403
    response = client.post(
        reverse("signin_policy", args=[world.org.slug]),
        {f"org{world.org.pk}-two_factor_required": "on"},
    )
    assert response.status_code == 403


def test_an_administrator_requires_two_factor_with_before_and_after(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("signin_policy", args=[world.org.slug]),
        {f"org{world.org.pk}-two_factor_required": "on"},
    )
    assert response.status_code == 302
    assert SignInPolicy.objects.get(organisation=world.org).two_factor_required
    event = AuditEvent.objects.get(verb="signin.policy_change")
    assert event.details["changes"]["two_factor_required"] == {"before": False, "after": True}


def test_an_administrator_ends_all_sessions_of_a_person(world, client):
    from django.test import Client

    moderator_browser = Client()
    moderator_browser.force_login(world.moderator)
    assert moderator_browser.get(reverse("inbox")).status_code == 200
    client.force_login(world.admin)
    response = client.post(
        reverse("person_sessions_end", args=[world.moderator.pk]), {"reason": "lost laptop"}
    )
    assert response.status_code == 302
    assert moderator_browser.get(reverse("inbox")).status_code == 302  # signed out
    event = AuditEvent.objects.get(verb="person.sessions_end")
    assert event.details == {"sessions": 1, "reason": "lost laptop"}
    assert client.get(reverse("inbox")).status_code == 200  # the administrator's own stays


def test_another_organisations_administrator_cannot_end_sessions(world, client):
    other = make_user("other_admin", roles.ADMINISTRATOR, world.other_org)
    client.force_login(other)
    response = client.post(
        reverse("person_sessions_end", args=[world.moderator.pk]), {"reason": "x"}
    )
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(verb="person.sessions_end").exists()


def test_the_password_form_refuses_a_desk_user_when_sso_is_required(world, client, entra, settings):
    settings.TILSTEDE_SSO_REQUIRED = True
    response = client.post(reverse("login"), {"username": "moderator", "password": "pw-moderator"})
    assert response.status_code == 200
    assert "Innlogging med passord er slått av" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(verb="auth.login_refused").details["username"] == "moderator"


def test_the_login_page_offers_the_providers_and_lets_the_csp_reach_them(client, entra, db):
    response = client.get(reverse("login"))
    page = response.content.decode()
    assert "Logg inn med Microsoft Entra ID" in page
    assert 'action="/accounts/oidc/entra/login/"' in page
    policy = response["Content-Security-Policy"]
    assert "form-action 'self' https://login.microsoftonline.com" in policy
    assert "unsafe-inline" not in policy
