"""A real OpenID Provider (npm's ``oidc-provider``, a certified implementation) run on
loopback ports for the tests, and the desk's settings that trust it.

``provider.mjs`` starts two: ``main``, which the desk trusts, with test controls to set
an account's groups and to make it misbehave (tamper with its ID token, answer with
another nonce); and ``rogue``, a look-alike with its own keys and issuer.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tilstede.config.env import oidc_socialaccount_providers

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID = "tilstede"
CLIENT_SECRET = "test-secret-of-the-desk"


@dataclass
class LocalProvider:
    main: str
    rogue: str

    def _post(self, path: str, body: dict) -> None:
        response = httpx.post(self.main + path, json=body, timeout=10)
        response.raise_for_status()

    def set_account(self, account_id: str, **claims) -> None:
        self._post(f"/test/accounts/{account_id}", claims)

    def set_mode(self, mode: str) -> None:
        self._post("/test/mode", {"mode": mode})

    def providers(self) -> list[dict]:
        def one(short: str, label: str, issuer: str) -> dict:
            return {
                "id": short,
                "label": label,
                "issuer": issuer,
                "client_id": CLIENT_ID,
                "secret": CLIENT_SECRET,
                "scopes": ["openid", "profile", "email", "groups"],
                "roles_claim": "groups",
            }

        return [one("local", "Testvik ID", self.main), one("rogue", "Falsk ID", self.rogue)]

    def socialaccount_providers(self) -> dict:
        return oidc_socialaccount_providers(self.providers())


@pytest.fixture(scope="session")
def oidc_server(live_server) -> Iterator[LocalProvider]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: the OpenID Provider of the tests runs on Node.js")
    if not (ROOT / "node_modules" / "oidc-provider").exists():
        pytest.fail("oidc-provider not found in node_modules: run `make test` (npm ci)")
    callbacks = [
        f"{live_server.url}/accounts/oidc/{short}/login/callback/" for short in ("local", "rogue")
    ]
    process = subprocess.Popen(  # noqa: S603 - our own script
        [node, str(SCRIPT), *callbacks],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline()
        if not line:
            pytest.fail("the test OpenID Provider did not start")
        yield LocalProvider(**json.loads(line))
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def oidc(oidc_server, settings) -> LocalProvider:
    """The local provider, trusted by the desk for this test, in its normal mode."""
    oidc_server.set_mode("normal")
    settings.SOCIALACCOUNT_PROVIDERS = oidc_server.socialaccount_providers()
    return oidc_server
