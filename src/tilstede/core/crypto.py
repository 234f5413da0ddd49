"""Encryption of channel credentials at rest.

Tokens are encrypted with Fernet under a key derived (HKDF-SHA256) from
TILSTEDE_CREDENTIALS_KEY, or from SECRET_KEY when that is unset, so that a database dump
alone never shows a platform token in clear text.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


class CredentialError(Exception):
    """Stored credentials cannot be decrypted (the key changed) or a reference is unset."""


def _fernet() -> Fernet:
    secret = (settings.TILSTEDE_CREDENTIALS_KEY or settings.SECRET_KEY).encode()
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=b"tilstede-credentials", info=b"v1"
    ).derive(secret)
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        raise CredentialError(
            "stored channel credentials cannot be decrypted: TILSTEDE_CREDENTIALS_KEY or "
            "SECRET_KEY has changed since they were saved"
        ) from None
