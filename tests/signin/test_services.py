"""Roles from the identity provider's claim, and who may use the password form."""

from __future__ import annotations

import pytest

from tilstede.core.models import AuditEvent
from tilstede.signin.models import RoleMapping
from tilstede.signin.services import (
    claim_values,
    password_signin_allowed,
    person_sync_from_provider,
    two_factor_required,
)


def test_it_reads_claim_values_from_a_list_a_string_and_a_dotted_path():
    assert claim_values({"groups": ["a", "b", 3, None, ""]}, "groups") == {"a", "b"}
    assert claim_values({"roles": "admin"}, "roles") == {"admin"}
    assert claim_values({}, "groups") == set()
    details = {
        "authorization_details": [
            {"type": "ansattporten:altinn:resource", "resource": "urn:altinn:resource:x"},
            {"type": "other", "resource": ["urn:y"]},
            {"type": "no resource"},
        ]
    }
    assert claim_values(details, "authorization_details.resource") == {
        "urn:altinn:resource:x",
        "urn:y",
    }


@pytest.fixture
def mappings(world):
    RoleMapping.objects.create(
        organisation=world.org, provider="entra", claim_value="g-mod", role="moderator"
    )
    RoleMapping.objects.create(
        organisation=world.org, provider="entra", claim_value="g-read", role="reader"
    )
    return world


def test_it_gives_the_mapped_roles_and_membership_and_logs_them(mappings):
    world = mappings
    person = world.outsider  # a moderator of the other organisation, by the operator
    person.groups.clear()
    person_sync_from_provider(person=person, provider="entra", values={"g-read", "g-mod"})
    assert set(person.groups.values_list("name", flat=True)) == {"moderator", "reader"}
    assert set(person.organisations.values_list("slug", flat=True)) == {"testvik", "annet"}
    event = AuditEvent.objects.get(verb="person.roles_from_provider")
    assert event.actor_label == "identity provider entra"
    assert event.details["roles"] == {"before": [], "after": ["moderator", "reader"]}
    assert event.details["organisations"] == {
        "before": ["annet"],
        "after": ["annet", "testvik"],
    }


def test_it_takes_the_role_and_membership_away_and_keeps_what_it_does_not_manage(mappings):
    world = mappings
    person = world.outsider
    person_sync_from_provider(person=person, provider="entra", values={"g-mod"})
    person_sync_from_provider(person=person, provider="entra", values=set())
    assert not person.groups.exists()
    # Annet has no mapping for this provider: the operator's membership stays.
    assert list(person.organisations.values_list("slug", flat=True)) == ["annet"]


def test_a_value_of_another_provider_gives_nothing(mappings):
    person = mappings.outsider
    person.groups.clear()
    person_sync_from_provider(person=person, provider="rogue", values={"g-mod"})
    assert not person.groups.exists()
    assert not AuditEvent.objects.filter(verb="person.roles_from_provider").exists()


def test_with_administrator_roles_the_mapping_only_makes_a_member(mappings, settings):
    settings.TILSTEDE_SSO_ROLES = "administrator"
    person = mappings.outsider
    person.groups.clear()
    person_sync_from_provider(person=person, provider="entra", values={"g-mod"})
    assert not person.groups.exists()  # waits for an administrator
    assert "testvik" in set(person.organisations.values_list("slug", flat=True))


def test_a_sign_in_without_changes_writes_no_event(mappings):
    person = mappings.outsider
    person_sync_from_provider(person=person, provider="entra", values={"g-mod"})
    count = AuditEvent.objects.count()
    person_sync_from_provider(person=person, provider="entra", values={"g-mod"})
    assert AuditEvent.objects.count() == count


def test_only_the_break_glass_account_may_use_the_password_form_when_sso_is_required(settings):
    assert password_signin_allowed("moderator")
    settings.TILSTEDE_SSO_REQUIRED = True
    settings.TILSTEDE_BREAK_GLASS_USER = "operator"
    assert not password_signin_allowed("moderator")
    assert not password_signin_allowed("Operator")
    assert password_signin_allowed("operator")
    settings.TILSTEDE_BREAK_GLASS_USER = ""
    assert not password_signin_allowed("")


def test_two_factor_is_required_for_roles_that_reveal_in_an_organisation_that_asks(world):
    from tilstede.signin.models import SignInPolicy

    assert not two_factor_required(world.moderator)
    SignInPolicy.objects.create(organisation=world.org, two_factor_required=True)
    assert two_factor_required(world.moderator)
    assert two_factor_required(world.admin)
    assert not two_factor_required(world.reader)  # may not reveal personal data
    assert not two_factor_required(world.outsider)  # the other organisation asks nothing
