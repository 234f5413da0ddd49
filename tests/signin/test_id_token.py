"""The ID token checks as an attacker would probe them: a token signed with another key,
with ``alg: none`` or HMAC, for another audience, without the nonce, expired.

The browser tests (tests/browser/test_sso.py) refuse tampered tokens, wrong nonces and
wrong issuers coming from a real provider; these cover the forms a real provider does
not send. Keys are made here; the provider's key set is given to the adapter directly
(``_signing_key``), nothing else of the protocol is involved.
"""

from __future__ import annotations

import time

import jwt
import pytest
from allauth.socialaccount.models import SocialApp
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import RequestFactory

from tilstede.signin.oidc import DeskOIDCAdapter, SignInRefused, nonce_for

ISSUER = "https://login.example.test/tenant/v2.0"
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
NONCE = nonce_for("state-1")


class Adapter(DeskOIDCAdapter):
    def __init__(self) -> None:
        super().__init__(RequestFactory().get("/"), "entra")

    def _signing_key(self, header):
        return KEY.public_key()


APP = SocialApp(
    provider="openid_connect",
    provider_id="entra",
    client_id="tilstede",
    settings={"issuer": ISSUER},
)


def _token(key=KEY, alg="RS256", **changes) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "sub": "abc",
        "aud": "tilstede",
        "iat": now,
        "exp": now + 300,
        "nonce": NONCE,
        **changes,
    }
    claims = {k: v for k, v in claims.items() if v is not None}
    return jwt.encode(claims, key, algorithm=alg, headers={"kid": "k1"})


def _verify(raw: str) -> dict:
    return Adapter().id_token_verify(APP, raw, nonce=NONCE)


def test_it_accepts_a_good_token():
    assert _verify(_token())["sub"] == "abc"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (lambda: _token(key=OTHER_KEY), "signature"),
        (
            lambda: jwt.encode({"iss": ISSUER, "sub": "abc", "aud": "tilstede"}, None, "none"),
            "signature",
        ),
        (lambda: _token(key="the-client-secret-" * 3, alg="HS256"), "signature"),
        (lambda: "not.a.token", "signature"),
        (lambda: _token(iss="https://evil.example.test"), "issuer"),
        (lambda: _token(aud="another-client"), "token"),
        (lambda: _token(exp=int(time.time()) - 3600), "token"),
        (lambda: _token(sub=None), "token"),
        (lambda: _token(nonce=None), "nonce"),
        (lambda: _token(nonce=nonce_for("state-of-another-sign-in")), "nonce"),
        (lambda: _token(aud=["tilstede", "other"], azp="other"), "token"),
    ],
    ids=[
        "other-key",
        "alg-none",
        "hmac",
        "garbage",
        "issuer",
        "audience",
        "expired",
        "no-subject",
        "no-nonce",
        "other-nonce",
        "azp",
    ],
)
def test_it_refuses(raw, reason):
    with pytest.raises(SignInRefused) as refused:
        _verify(raw())
    assert refused.value.reason == reason
    assert refused.value.message  # a sentence for the person, never empty
