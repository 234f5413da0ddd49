"""Single sign-on through a real OpenID Provider run locally (tests/oidc), in Chromium.

The provider is npm's ``oidc-provider``; the desk is the live server. A person signs in
at the provider's own login form, comes back with a code, and the desk checks the ID
token (signature, issuer, audience, nonce) before anyone is signed in.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tests.browser.conftest import assert_accessible, screenshot
from tilstede.core.models import AuditEvent
from tilstede.signin.models import RoleMapping

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, button: str, account: str) -> None:
    """From the desk's login page through the provider's login form, back to the desk."""
    page.goto("/login/")
    page.get_by_role("button", name=button).click()
    page.wait_for_load_state()
    login = page.locator("input[name=login]")
    if "/interaction/" in page.url:
        login.fill(account)
        page.locator("input[name=password]").fill("any password")
        page.locator("button[type=submit]").click()
    page.wait_for_url(lambda url: "/interaction/" not in url and "/auth" not in url)


def _sign_out(page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(lambda url: "/login/" in url)


def test_it_signs_in_through_the_provider_with_the_mapped_role(page, oidc, world):
    RoleMapping.objects.create(
        organisation=world.org, provider="local", claim_value="grp-moderators", role="moderator"
    )
    oidc.set_account("kari", groups=["grp-moderators", "grp-unknown"], name="Kari Nordmann")
    _sign_in(page, "Logg inn med Testvik ID", "kari")
    assert page.get_by_role("heading", level=1).inner_text() == "Oversikt"
    kari = User.objects.get(socialaccount__provider="local", socialaccount__uid="kari")
    assert list(kari.groups.values_list("name", flat=True)) == ["moderator"]
    assert list(kari.organisations.values_list("slug", flat=True)) == ["testvik"]
    assert not kari.has_usable_password()
    event = AuditEvent.objects.get(verb="person.roles_from_provider", object_id=str(kari.pk))
    assert event.details["roles"] == {"before": [], "after": ["moderator"]}
    assert AuditEvent.objects.filter(verb="auth.sso_login", object_id=str(kari.pk)).exists()
    assert_accessible(page)


def test_it_takes_the_role_away_when_the_group_claim_changes(page, oidc, world):
    RoleMapping.objects.create(
        organisation=world.org, provider="local", claim_value="grp-moderators", role="moderator"
    )
    RoleMapping.objects.create(
        organisation=world.org, provider="local", claim_value="grp-readers", role="reader"
    )
    oidc.set_account("ola", groups=["grp-moderators"])
    _sign_in(page, "Logg inn med Testvik ID", "ola")
    ola = User.objects.get(socialaccount__provider="local", socialaccount__uid="ola")
    assert set(ola.groups.values_list("name", flat=True)) == {"moderator"}
    _sign_out(page)

    oidc.set_account("ola", groups=["grp-readers"])  # moved to another group in the directory
    _sign_in(page, "Logg inn med Testvik ID", "ola")
    assert set(ola.groups.values_list("name", flat=True)) == {"reader"}
    _sign_out(page)

    oidc.set_account("ola", groups=[])  # left the organisation
    _sign_in(page, "Logg inn med Testvik ID", "ola")
    assert not ola.groups.exists()
    assert not ola.organisations.exists()
    assert page.get_by_role("heading", level=1).inner_text() == "Venter på en rolle"
    assert "ingen rolle" in page.get_by_role("status").inner_text()
    assert_accessible(page)
    changes = [
        e.details.get("roles")
        for e in AuditEvent.objects.filter(verb="person.roles_from_provider", object_id=str(ola.pk))
    ]
    assert changes == [
        {"before": [], "after": ["moderator"]},
        {"before": ["moderator"], "after": ["reader"]},
        {"before": ["reader"], "after": []},
    ]
    # Still one account: matched by issuer and subject each time.
    assert User.objects.filter(socialaccount__uid="ola").count() == 1


@pytest.mark.parametrize(
    ("button", "mode", "reason", "message"),
    [
        ("Logg inn med Testvik ID", "tamper", "signature", "ikke signert med"),
        ("Logg inn med Testvik ID", "nonce", "nonce", "feil nonce"),
        ("Logg inn med Falsk ID", "normal", "issuer", "en annen utsteder"),
    ],
    ids=["tampered-id-token", "wrong-nonce", "wrong-issuer"],
)
def test_it_refuses_a_bad_answer_from_the_provider(
    page, oidc, world, button, mode, reason, message
):
    RoleMapping.objects.create(
        organisation=world.org, provider="local", claim_value="grp-moderators", role="moderator"
    )
    RoleMapping.objects.create(
        organisation=world.org, provider="rogue", claim_value="grp-moderators", role="moderator"
    )
    oidc.set_account("mallory", groups=["grp-moderators"])
    oidc.set_mode(mode)
    _sign_in(page, button, "mallory")
    assert page.get_by_role("heading", level=1).inner_text() == "Innloggingen mislyktes"
    assert message in page.get_by_role("alert").inner_text()
    assert not User.objects.filter(socialaccount__uid="mallory").exists()
    page.goto("/inbox/")
    assert "/login/" in page.url  # nobody was signed in
    failed = AuditEvent.objects.get(verb="auth.sso_failed")
    assert failed.details["reason"] == reason
    assert_accessible(page)


def test_with_sso_required_the_password_form_refuses_a_desk_user(page, oidc, world, settings):
    settings.TILSTEDE_SSO_REQUIRED = True
    settings.TILSTEDE_BREAK_GLASS_USER = "operator"
    User.objects.create_superuser("operator", "op@example.test", "pw-operator")
    page.goto("/login/")
    page.get_by_label("Brukernavn").fill("moderator")
    page.get_by_label("Passord").fill("pw-moderator")  # the right password
    page.get_by_role("button", name="Logg inn", exact=True).click()
    assert "Innlogging med passord er slått av" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    page.goto("/inbox/")
    assert "/login/" in page.url
    refused = AuditEvent.objects.get(verb="auth.login_refused")
    assert refused.details["username"] == "moderator"
    assert refused.details["reason"] == "single sign-on required"
    assert not AuditEvent.objects.filter(verb="auth.login").exists()

    # The operator's break-glass account still signs in with its password.
    page.get_by_label("Brukernavn").fill("operator")
    page.get_by_label("Passord").fill("pw-operator")
    page.get_by_role("button", name="Logg inn", exact=True).click()
    page.wait_for_url(lambda url: "/login/" not in url)
    assert AuditEvent.objects.get(verb="auth.login").actor_label == "operator"


@pytest.mark.parametrize(
    ("language", "heading", "sso_heading"),
    [
        ("Norsk nynorsk", "Logg inn i Tilstede", "Med kontoen frå verksemda di"),
        ("English", "Log in to Tilstede", "With your organisation's account"),
    ],
)
def test_the_login_page_with_single_sign_on_is_in_nynorsk_and_english(
    page, oidc, language, heading, sso_heading
):
    page.goto("/login/")
    assert page.get_by_role("heading", level=2).first.inner_text() == (
        "Med kontoen fra virksomheten din"
    )
    assert_accessible(page)
    page.get_by_role("button", name=language).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.get_by_role("heading", level=2).first.inner_text() == sso_heading
    assert_accessible(page)
    screenshot(page, f"login-sso-{language.split()[-1].lower()}")
