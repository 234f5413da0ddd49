"""A fake Mastodon instance and Facebook on 127.0.0.1 for the connect (OAuth) tests.

Loopback only. It registers apps, shows an authorisation page with one button (what the
person sees on the platform), checks the PKCE verifier against the challenge when the
code is exchanged (S256), and answers with the scopes it was told to grant.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit


@dataclass
class FakeAuth:
    base: str = ""
    granted: str = "read:notifications read:statuses write:statuses"
    tasks: list[str] = field(
        default_factory=lambda: ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT"]
    )
    apps: dict[str, dict[str, str]] = field(default_factory=dict)
    codes: dict[str, dict[str, str]] = field(default_factory=dict)
    pkce_checked: int = 0


def _handler(auth: FakeAuth) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def reply(self, status: int, body: Any, kind: str = "application/json") -> None:
            data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            return {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}

        def do_POST(self) -> None:
            path = urlsplit(self.path).path
            data = self.form()
            if path == "/api/v1/apps":
                client_id = secrets.token_hex(8)
                auth.apps[client_id] = {**data, "client_secret": secrets.token_hex(16)}
                return self.reply(
                    200,
                    {
                        "client_id": client_id,
                        "client_secret": auth.apps[client_id]["client_secret"],
                    },
                )
            if path == "/oauth/token":
                code = auth.codes.pop(data.get("code", ""), None)
                app = auth.apps.get(data.get("client_id", ""))
                if not code or not app or app["client_secret"] != data.get("client_secret"):
                    return self.reply(400, {"error": "invalid_grant"})
                digest = hashlib.sha256(data.get("code_verifier", "").encode()).digest()
                challenge = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
                if (
                    challenge != code["challenge"]
                    or data.get("redirect_uri") != code["redirect_uri"]
                ):
                    return self.reply(400, {"error": "invalid_grant", "error_description": "PKCE"})
                auth.pkce_checked += 1
                return self.reply(
                    200,
                    {
                        "access_token": "masto-token-1",
                        "token_type": "Bearer",
                        "scope": auth.granted,
                    },
                )
            if path == "/oauth/authorize/allow":
                code = secrets.token_hex(8)
                auth.codes[code] = {
                    "challenge": data["challenge"],
                    "redirect_uri": data["redirect_uri"],
                }
                target = (
                    data["redirect_uri"] + "?" + urlencode({"code": code, "state": data["state"]})
                )
                self.send_response(302)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            return self.reply(404, {"error": "not found"})

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            if parts.path == "/oauth/authorize":
                if (
                    query.get("code_challenge_method") != "S256"
                    or query.get("client_id") not in auth.apps
                ):
                    return self.reply(400, "bad request", "text/plain")
                fields = "".join(
                    f'<input type="hidden" name="{k}" value="{query[v]}">'
                    for k, v in (
                        ("challenge", "code_challenge"),
                        ("redirect_uri", "redirect_uri"),
                        ("state", "state"),
                    )
                )
                return self.reply(
                    200,
                    '<!doctype html><html lang="en"><title>Authorize</title><main><h1>Authorize Tilstede?</h1>'
                    f'<p>Scopes: {query.get("scope")}</p><form method="post" action="/oauth/authorize/allow">'
                    f'{fields}<button type="submit">Authorize</button></form></main></html>',
                    "text/html; charset=utf-8",
                )
            if parts.path == "/api/v1/accounts/verify_credentials":
                if self.headers.get("Authorization") != "Bearer masto-token-1":
                    return self.reply(401, {"error": "The access token is invalid"})
                return self.reply(200, {"id": "4711", "acct": "etaten", "username": "etaten"})
            # Facebook: dialog, tokens, pages and the token's lapse.
            if parts.path == "/v21.0/dialog/oauth":
                code = secrets.token_hex(8)
                auth.codes[code] = {"redirect_uri": query["redirect_uri"], "challenge": ""}
                target = (
                    query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]})
                )
                self.send_response(302)
                self.send_header("Location", target)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            if parts.path == "/v21.0/oauth/access_token":
                if "code" in query:
                    if auth.codes.pop(query["code"], None) is None:
                        return self.reply(400, {"error": {"code": 100, "message": "bad code"}})
                    return self.reply(200, {"access_token": "user-short"})
                return self.reply(200, {"access_token": "user-long", "expires_in": 5183944})
            if parts.path == "/v21.0/me/accounts":
                return self.reply(
                    200,
                    {
                        "data": [
                            {
                                "id": "104000000000001",
                                "name": "Testetaten",
                                "access_token": "page-token-1",
                                "tasks": auth.tasks,
                            }
                        ]
                    },
                )
            if parts.path == "/v21.0/debug_token":
                return self.reply(
                    200,
                    {
                        "data": {
                            "is_valid": True,
                            "expires_at": 0,
                            "data_access_expires_at": 1900000000,
                        }
                    },
                )
            return self.reply(404, {"error": "not found"})

    return Handler


@contextmanager
def fake_auth_server() -> Iterator[FakeAuth]:
    auth = FakeAuth()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(auth))
    server.daemon_threads = True
    auth.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield auth
    finally:
        server.shutdown()
        server.server_close()
