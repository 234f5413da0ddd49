"""Connecting an account to a channel: Mastodon's OAuth, Facebook's page token, Bluesky's
app password. Plain Python over httpx; the desk's views keep the state between the steps.

Mastodon: the app is registered on the instance (``POST /api/v1/apps``), the person
authorises it there (authorization code with PKCE, S256), and the code is exchanged for a
token whose granted scopes are checked. Facebook: the Login dialog gives a code, the code
a user token, which is made long-lived; ``/me/accounts`` then lists the pages with their
page tokens and the tasks the person may do there, and only a page where the person has
the MODERATE task can be connected (hiding and deleting comments need it). Bluesky: the
handle and an app password open a session, which proves both.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from .base import AuthError, ConfigError, PayloadError
from .http import NO_RETRY, Http

MASTODON_SCOPES = ("read:notifications", "read:statuses", "write:statuses")
# A token with the broad scopes has the granular ones too (Mastodon's scope hierarchy).
_BROAD = {"read": "read:", "write": "write:"}
FACEBOOK_SCOPES = (
    "pages_show_list",
    "pages_read_engagement",
    "pages_read_user_content",
    "pages_manage_engagement",
    "pages_manage_posts",
)
FACEBOOK_TASK = "MODERATE"


def pkce_pair() -> tuple[str, str]:
    """A PKCE verifier and its S256 challenge (RFC 7636)."""
    verifier = secrets.token_urlsafe(64)[:96]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def missing_scopes(granted: str, wanted: tuple[str, ...] = MASTODON_SCOPES) -> list[str]:
    have = set(granted.split())
    return [scope for scope in wanted if scope not in have and scope.split(":")[0] not in have]


@dataclass(frozen=True)
class Connected:
    """What connecting gave: secrets to encrypt, settings to store, and when it lapses."""

    secrets: dict[str, str]
    config: dict[str, Any]
    account: str
    expires_at: datetime | None = None
    details: dict[str, Any] = field(default_factory=dict)


def _http(platform: str, client: httpx.Client | None) -> Http:
    return Http(platform, Http.make_client(client), retry=NO_RETRY)


class MastodonOAuth:
    platform = "mastodon"

    def __init__(self, base_url: str, *, client: httpx.Client | None = None) -> None:
        if not base_url.startswith(("https://", "http://")):
            raise ConfigError("the instance address must start with https://", platform="mastodon")
        self.base_url = base_url.rstrip("/")
        self.http = _http(self.platform, client)

    def register(self, *, redirect_uri: str, name: str = "Tilstede") -> dict[str, str]:
        body = self.http.parse_json(
            self.http.request(
                "POST",
                f"{self.base_url}/api/v1/apps",
                data={
                    "client_name": name,
                    "redirect_uris": redirect_uri,
                    "scopes": " ".join(MASTODON_SCOPES),
                },
                write=True,
            )
        )
        if not isinstance(body, dict) or not body.get("client_id") or not body.get("client_secret"):
            raise PayloadError("the instance registered no app", platform=self.platform)
        return {"client_id": str(body["client_id"]), "client_secret": str(body["client_secret"])}

    def authorize_url(
        self, *, client_id: str, redirect_uri: str, state: str, challenge: str
    ) -> str:
        query = urlencode(
            {
                "response_type": "code",
                "client_id": client_id,
                "redirect_uri": redirect_uri,
                "scope": " ".join(MASTODON_SCOPES),
                "state": state,
                "code_challenge": challenge,
                "code_challenge_method": "S256",
            }
        )
        return f"{self.base_url}/oauth/authorize?{query}"

    def finish(
        self,
        *,
        code: str,
        verifier: str,
        client_id: str,
        client_secret: str,
        redirect_uri: str,
    ) -> Connected:
        token = self.http.parse_json(
            self.http.request(
                "POST",
                f"{self.base_url}/oauth/token",
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "client_id": client_id,
                    "client_secret": client_secret,
                    "redirect_uri": redirect_uri,
                    "code_verifier": verifier,
                    "scope": " ".join(MASTODON_SCOPES),
                },
                write=True,
            )
        )
        if not isinstance(token, dict) or not token.get("access_token"):
            raise AuthError("the instance gave no token", platform=self.platform)
        lacking = missing_scopes(str(token.get("scope") or ""))
        if lacking:
            raise AuthError(
                f"the token lacks the scopes {', '.join(lacking)}; allow them when asked",
                platform=self.platform,
            )
        me = self.http.parse_json(
            self.http.request(
                "GET",
                f"{self.base_url}/api/v1/accounts/verify_credentials",
                headers={"Authorization": f"Bearer {token['access_token']}"},
            )
        )
        if not isinstance(me, dict) or not me.get("id"):
            raise PayloadError("verify_credentials returned no account", platform=self.platform)
        return Connected(
            secrets={"access_token": str(token["access_token"])},
            config={"base_url": self.base_url, "account_id": str(me["id"])},
            account=f"@{me.get('acct') or me.get('username')}",
            details={"scope": str(token.get("scope") or "")},
        )


class FacebookOAuth:
    platform = "facebook"

    def __init__(
        self,
        *,
        app_id: str,
        app_secret: str,
        graph_url: str = "https://graph.facebook.com",
        dialog_url: str = "https://www.facebook.com",
        version: str = "v21.0",
        client: httpx.Client | None = None,
    ) -> None:
        if not app_id or not app_secret:
            raise ConfigError(
                "TILSTEDE_FACEBOOK_APP_ID and TILSTEDE_FACEBOOK_APP_SECRET are not set",
                platform=self.platform,
            )
        self.app_id, self.app_secret = app_id, app_secret
        self.graph = f"{graph_url.rstrip('/')}/{version}"
        self.dialog = f"{dialog_url.rstrip('/')}/{version}/dialog/oauth"
        self.graph_url = graph_url.rstrip("/")
        self.http = _http(self.platform, client)

    def authorize_url(self, *, redirect_uri: str, state: str) -> str:
        query = urlencode(
            {
                "client_id": self.app_id,
                "redirect_uri": redirect_uri,
                "state": state,
                "response_type": "code",
                "scope": ",".join(FACEBOOK_SCOPES),
            }
        )
        return f"{self.dialog}?{query}"

    def pages(self, *, code: str, redirect_uri: str) -> list[dict[str, Any]]:
        """The pages the person manages, each with its page token and tasks."""
        short = self.http.get_json(
            f"{self.graph}/oauth/access_token",
            params={
                "client_id": self.app_id,
                "client_secret": self.app_secret,
                "redirect_uri": redirect_uri,
                "code": code,
            },
        )
        long = self.http.get_json(
            f"{self.graph}/oauth/access_token",
            params={
                "grant_type": "fb_exchange_token",
                "client_id": self.app_id,
                "client_secret": self.app_secret,
                "fb_exchange_token": str(short.get("access_token") or ""),
            },
        )
        user_token = str(long.get("access_token") or "")
        if not user_token:
            raise AuthError("Facebook gave no user token", platform=self.platform)
        body = self.http.get_json(
            f"{self.graph}/me/accounts",
            params={"fields": "id,name,access_token,tasks"},
            headers={"Authorization": f"Bearer {user_token}"},
        )
        pages = body.get("data") if isinstance(body, dict) else None
        if not isinstance(pages, list):
            raise PayloadError("/me/accounts returned no list", platform=self.platform)
        return [p for p in pages if isinstance(p, dict) and p.get("id") and p.get("access_token")]

    def connect(self, page: Mapping[str, Any]) -> Connected:
        tasks = [str(t) for t in page.get("tasks") or []]
        if FACEBOOK_TASK not in tasks:
            raise AuthError(
                f"you do not have the {FACEBOOK_TASK} task on the page {page.get('name')!r}; "
                "hiding and deleting comments needs it",
                platform=self.platform,
            )
        debug = self.http.get_json(
            f"{self.graph}/debug_token",
            params={
                "input_token": str(page["access_token"]),
                "access_token": f"{self.app_id}|{self.app_secret}",
            },
        )
        data = debug.get("data") if isinstance(debug, dict) else {}
        data = data if isinstance(data, dict) else {}
        expires = int(data.get("expires_at") or 0)
        data_access = int(data.get("data_access_expires_at") or 0)
        lapse = [v for v in (expires, data_access) if v]
        return Connected(
            secrets={"page_access_token": str(page["access_token"])},
            config={"page_id": str(page["id"]), "base_url": self.graph_url},
            account=str(page.get("name") or page["id"]),
            expires_at=datetime.fromtimestamp(min(lapse), tz=UTC) if lapse else None,
            details={"tasks": tasks},
        )


def _jwt_expiry(token: str) -> datetime | None:
    try:
        payload = token.split(".")[1]
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return datetime.fromtimestamp(int(data["exp"]), tz=UTC)
    except (IndexError, KeyError, ValueError, TypeError):
        return None


def bluesky_connect(
    *, handle: str, app_password: str, service: str, client: httpx.Client | None = None
) -> Connected:
    """Open a session with the handle and app password: it proves both, and is kept."""
    from .bluesky import BlueskyConnector

    connector = BlueskyConnector(
        handle=handle, app_password=app_password, service=service, client=client, retry=NO_RETRY
    )
    connector.login()
    refresh_expiry = _jwt_expiry(connector.refresh_token)
    return Connected(
        secrets={"app_password": app_password, "session": connector.session_state()},
        config={"handle": handle, "service": service.rstrip("/")},
        account=handle,
        expires_at=refresh_expiry,
    )


def expires_soon(expires_at: datetime | None, *, now: datetime, within: timedelta) -> bool:
    return expires_at is not None and expires_at - now <= within
