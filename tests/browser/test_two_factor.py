"""Two-factor for local accounts (django-allauth's TOTP and recovery codes), in Chromium:
an organisation that requires it sends a moderator to enrol, and the next sign-in asks
for a code; a recovery code works once."""

from __future__ import annotations

import time

import pyotp
import pytest
from allauth.mfa.models import Authenticator

from tests.browser.conftest import assert_accessible, screenshot
from tilstede.core.models import AuditEvent
from tilstede.signin.models import SignInPolicy

pytestmark = pytest.mark.django_db(transaction=True)


def _password(page, username: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill(password)
    page.get_by_role("button", name="Logg inn", exact=True).click()
    page.wait_for_load_state()


def _sign_out(page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(lambda url: "/login/" in url)


def _code(page, code: str) -> None:
    assert "/accounts/2fa/authenticate/" in page.url
    page.locator("#id_code").fill(code)
    page.locator("form[action='/accounts/2fa/authenticate/'] button[type=submit]").click()
    page.wait_for_load_state()


def test_a_moderator_enrols_totp_and_signs_in_with_a_code_and_a_recovery_code(
    page, world, settings
):
    # One period either side, so that the sign-in's code need not wait for a new period
    # (allauth refuses a code used once already).
    settings.MFA_TOTP_TOLERANCE = 1
    SignInPolicy.objects.create(organisation=world.org, two_factor_required=True)

    _password(page, "moderator", "pw-moderator")
    # The organisation requires two-factor: nothing else opens before enrolment.
    assert "/accounts/2fa/" in page.url
    assert "krever tofaktorinnlogging" in page.get_by_role("status").inner_text()
    page.goto("/inbox/")
    assert "/accounts/2fa/" in page.url
    assert_accessible(page)

    page.locator("a[href='/accounts/2fa/totp/activate/']").click()
    if "/accounts/reauthenticate/" in page.url:  # allauth asks for the password again first
        page.locator("#id_password").fill("pw-moderator")
        page.locator("#id_password").press("Enter")
        page.wait_for_url(lambda url: "/totp/activate/" in url)
    secret = page.locator("#authenticator_secret").input_value()
    page.locator("#id_code").fill(pyotp.TOTP(secret).now())
    page.locator("form[action='/accounts/2fa/totp/activate/'] button[type=submit]").click()
    page.wait_for_url(lambda url: "/totp/activate/" not in url)
    totp = Authenticator.objects.get(user=world.moderator, type="totp")
    assert secret not in str(totp.data)  # encrypted at rest
    page.goto("/accounts/2fa/recovery-codes/")
    codes = page.locator("#recovery_codes").input_value().split()
    assert len(codes) == 10
    screenshot(page, "two-factor-recovery-codes")
    page.goto("/inbox/")
    assert page.url.endswith("/inbox/")  # enrolled: the desk opens
    _sign_out(page)

    # The next sign-in asks for a code (the next period's: this one's was used).
    _password(page, "moderator", "pw-moderator")
    assert_accessible(page)
    _code(page, pyotp.TOTP(secret).at(time.time() + 30))
    assert page.get_by_role("heading", level=1).inner_text() == "Oversikt"
    _sign_out(page)

    # A recovery code instead, once.
    _password(page, "moderator", "pw-moderator")
    _code(page, codes[0])
    assert page.get_by_role("heading", level=1).inner_text() == "Oversikt"
    _sign_out(page)
    _password(page, "moderator", "pw-moderator")
    _code(page, codes[0])
    assert "/accounts/2fa/authenticate/" in page.url  # refused the second time
    page.goto("/inbox/")
    assert "/login/" in page.url

    verbs = list(AuditEvent.objects.filter(verb__startswith="mfa.").values_list("verb", flat=True))
    assert verbs.count("mfa.added") == 2  # the app and its recovery codes
    assert verbs.count("mfa.recovery_code_used") == 1
    assert verbs.count("mfa.used") == 1  # the TOTP code at the second sign-in
    assert AuditEvent.objects.filter(verb="auth.mfa_failed").count() == 1
    used = AuditEvent.objects.get(verb="mfa.recovery_code_used")
    assert used.details["codes_left"] == 9
    assert codes[0] not in str(list(AuditEvent.objects.values_list("details", flat=True)))


def test_a_moderator_adds_a_security_key_and_signs_in_with_it(page, world, settings):
    """WebAuthn through Chromium's virtual authenticator (DevTools protocol): allauth's
    WebAuthn script is a static file, so it runs under the strict CSP."""
    settings.MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # http://localhost in the tests
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    devtools.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    _password(page, "moderator", "pw-moderator")
    page.goto("/accounts/2fa/webauthn/add/")
    if "/accounts/reauthenticate/" in page.url:
        page.locator("#id_password").fill("pw-moderator")
        page.locator("#id_password").press("Enter")
        page.wait_for_url(lambda url: "/webauthn/add/" in url)
    page.locator("#id_name").fill("Nøkkel på nøkkelknippet")
    page.locator("#mfa_webauthn_add").click()
    page.wait_for_url(lambda url: "/webauthn/add/" not in url)
    key = Authenticator.objects.get(user=world.moderator, type="webauthn")
    event = AuditEvent.objects.filter(verb="mfa.added", details__type="webauthn").get()
    assert event.object_id == str(world.moderator.pk)
    page.goto("/inbox/")
    _sign_out(page)

    _password(page, "moderator", "pw-moderator")
    assert "/accounts/2fa/authenticate/" in page.url
    page.locator("#mfa_webauthn_authenticate").click()
    page.wait_for_url(lambda url: "/accounts/2fa/" not in url)
    assert page.get_by_role("heading", level=1).inner_text() == "Oversikt"
    used = AuditEvent.objects.get(verb="mfa.used")
    assert used.details["type"] == "webauthn"
    assert key.wrap().name == "Nøkkel på nøkkelknippet"
