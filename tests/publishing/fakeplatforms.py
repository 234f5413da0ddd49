"""One loopback HTTP server that answers as Mastodon, Bluesky and Facebook do when a post is
published, for the browser test and bench/publish.py. It records every post it takes."""

from __future__ import annotations

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

MASTODON_ACCOUNT = "1"
BLUESKY_DID = "did:plc:testvik"
FACEBOOK_PAGE = "1001"


class FakePlatforms:
    def __init__(self) -> None:
        self.posts: list[tuple[str, dict]] = []
        self.busy = 0.0  # seconds spent building answers
        self.down: set[str] = set()  # platforms that answer 503
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # answer at once, not after a delayed ACK

            def _body(self) -> dict:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    return json.loads(raw or "{}")
                from urllib.parse import parse_qs

                return {k: v[0] for k, v in parse_qs(raw).items()}

            def _send(self, status: int, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                started = time.perf_counter()
                path = urlsplit(self.path).path
                if path == "/api/v1/accounts/verify_credentials":
                    self._send(200, {"id": MASTODON_ACCOUNT, "acct": "testvik"})
                elif path == "/api/v2/instance":
                    self._send(
                        200,
                        {
                            "configuration": {
                                "statuses": {
                                    "max_characters": 500,
                                    "characters_reserved_per_url": 23,
                                }
                            }
                        },
                    )
                else:
                    self._send(404, {"error": "not found"})
                fake.busy += time.perf_counter() - started

            def do_POST(self) -> None:
                started = time.perf_counter()
                path = urlsplit(self.path).path
                body = self._body()
                n = next(fake._ids)
                platform = (
                    "mastodon"
                    if path.startswith("/api/")
                    else "bluesky"
                    if path.startswith("/xrpc/")
                    else "facebook"
                )
                if platform in fake.down and "createSession" not in path:
                    self._send(503, {"error": "down"})
                elif path == "/api/v1/statuses":
                    with fake._lock:
                        fake.posts.append(("mastodon", body))
                    self._send(
                        200,
                        {
                            "id": str(100 + n),
                            "content": f"<p>{body.get('status', '')}</p>",
                            "created_at": "2026-11-09T10:00:00.000Z",
                            "url": f"https://social.testvik.example/@testvik/{100 + n}",
                            "visibility": "public",
                            "language": body.get("language"),
                            "account": {"id": MASTODON_ACCOUNT, "acct": "testvik"},
                        },
                    )
                elif path == "/xrpc/com.atproto.server.createSession":
                    self._send(
                        200,
                        {
                            "accessJwt": "access",
                            "refreshJwt": "refresh",
                            "did": BLUESKY_DID,
                            "handle": "testvik.bsky.social",
                        },
                    )
                elif path == "/xrpc/com.atproto.repo.createRecord":
                    with fake._lock:
                        fake.posts.append(("bluesky", body))
                    self._send(
                        200,
                        {"uri": f"at://{BLUESKY_DID}/app.bsky.feed.post/rk{n}", "cid": f"c{n}"},
                    )
                elif path.endswith(f"/{FACEBOOK_PAGE}/feed"):
                    with fake._lock:
                        fake.posts.append(("facebook", body))
                    self._send(200, {"id": f"{FACEBOOK_PAGE}_{n}"})
                else:
                    self._send(404, {"error": "not found"})
                fake.busy += time.perf_counter() - started

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def configure(channel, url: str) -> None:
    """Point a channel at the fake server (Facebook: see ``facebook_connector``)."""
    if channel.platform == "mastodon":
        channel.config = {"base_url": url, "account_id": MASTODON_ACCOUNT}
        channel.set_secret("access_token", "token")
    elif channel.platform == "bluesky":
        channel.config = {"handle": "testvik.bsky.social", "service": url}
        channel.set_secret("app_password", "app-password")
    elif channel.platform == "facebook":
        channel.config = {"page_id": FACEBOOK_PAGE, "fake_graph": url}
        channel.set_secret("page_access_token", "page-token")
    channel.save()


def connector_for_fakes(channel):
    """The registry's connector, except that Facebook's Graph address (which a channel's
    settings cannot change) points at the fake server."""
    from tilstede.connectors.facebook import FacebookConnector
    from tilstede.connectors.registry import connector_for
    from tilstede.publishing.tasks import http_client

    secrets = channel.secrets()
    if channel.platform == "facebook":
        return FacebookConnector(
            page_id=channel.config["page_id"],
            access_token=secrets["page_access_token"],
            base_url=channel.config["fake_graph"],
            client=http_client(),
        )
    return connector_for(channel.platform, channel.config, secrets, client=http_client())
