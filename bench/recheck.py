"""Recheck 10,000 items per platform against local fake platforms; requests and rate limits.

Usage: python bench/recheck.py [--items 10000]

For Mastodon (4.3+ with the batch status lookup, and an older instance without it),
Bluesky, Facebook and an RSS site, a fake platform on 127.0.0.1 (loopback only, one
thread per request) serves ``--items`` items in the documented formats. The items are
stored through the real connector and ingest (a temporary SQLite database), then the
source changes: some items are edited, some hidden, some deleted. The scheduled recheck
then runs as the worker would, one run per 5-minute poll on a simulated clock, until the
round through the 14-day window is complete. Printed per platform: requests per 1,000
items, the requests in the busiest documented rate-limit window against the limit for
one account, the simulated time the round took, the wall time spent, and whether every
edit, hide and deletion was found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import socket
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
START = dt.datetime(2025, 3, 3, 7, 0, tzinfo=dt.UTC)
PAGE = "104000000000001"
AGENCY_DID = "did:plc:etatenbench0000000000000"
SITE = "https://fjordvik.example"
POSTS = 100  # threads the items hang under (posts or roots)
FAKE_TOKEN = "bench-token"  # noqa: S105 - the fake platforms' token


def edited(n: int) -> bool:
    return n % 50 == 7


def hidden(n: int) -> bool:
    return n % 89 == 3


def deleted(n: int) -> bool:
    return n % 97 == 5


def text(n: int, phase: int) -> str:
    base = f"Innspill nummer {n} om brøytingen i Fjordvik"
    return f"{base} (rettet)" if phase and edited(n) else base


def at(n: int) -> dt.datetime:
    return START + dt.timedelta(seconds=30 * n)


def iso(n: int) -> str:
    return at(n).isoformat().replace("+00:00", ".000Z")


class World:
    """What the fake platforms hold: ``n`` items per platform; phase 1 has the changes."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.phase = 0
        self.requests: dict[str, int] = {}
        self.lock = threading.Lock()

    def count(self, platform: str) -> None:
        with self.lock:
            self.requests[platform] = self.requests.get(platform, 0) + 1

    def alive(self, n: int) -> bool:
        return not (self.phase and deleted(n))

    def is_hidden(self, n: int) -> bool:
        return bool(self.phase and hidden(n))

    # -- Mastodon ----------------------------------------------------------------------

    def status(self, n: int) -> dict[str, Any]:
        return {
            "id": str(113_000_000_000_000_000 + n),
            "created_at": iso(n),
            "content": f"<p>{text(n, self.phase)}</p>",
            "account": {"id": str(900 + n % 50), "acct": f"innbygger{n % 50}@social.example"},
            "visibility": "public",
            "in_reply_to_id": None,
            "url": f"https://social.example/@innbygger/{n}",
            "edited_at": iso(n + 1) if self.phase and edited(n) else None,
            "language": "nb",
            "spoiler_text": "",
        }

    # -- Bluesky -----------------------------------------------------------------------

    def bsky_uri(self, n: int) -> str:
        if n < POSTS:
            return f"at://{AGENCY_DID}/app.bsky.feed.post/root{n:06d}"
        return f"at://did:plc:citizen{n % 50:017d}/app.bsky.feed.post/r{n:08d}"

    def bsky_post(self, n: int) -> dict[str, Any]:
        uri = self.bsky_uri(n)
        record: dict[str, Any] = {
            "$type": "app.bsky.feed.post",
            "text": text(n, self.phase),
            "createdAt": iso(n),
            "langs": ["nb"],
        }
        post: dict[str, Any] = {
            "uri": uri,
            "cid": f"bafy{n}",
            "author": {"did": uri.split("/")[2], "handle": f"h{n % 50}.bsky.example"},
            "record": record,
            "indexedAt": iso(n),
        }
        if n >= POSTS:
            root = {"uri": self.bsky_uri(n % POSTS), "cid": f"bafy{n % POSTS}"}
            record["reply"] = {"root": root, "parent": root}
        else:
            hidden_replies = [
                self.bsky_uri(m)
                for m in range(POSTS + n, self.n, POSTS)
                if self.is_hidden(m) and m >= POSTS
            ]
            post["threadgate"] = {
                "uri": f"at://{AGENCY_DID}/app.bsky.feed.threadgate/root{n:06d}",
                "record": {
                    "$type": "app.bsky.feed.threadgate",
                    "post": uri,
                    "createdAt": iso(n),
                    "hiddenReplies": hidden_replies,
                },
                "lists": [],
            }
        return post

    # -- Facebook ----------------------------------------------------------------------

    def fb_id(self, n: int) -> str:
        return f"{PAGE}_{200 + n}" if n < POSTS else f"{200 + n % POSTS}_{300000 + n}"

    def fb_object(self, n: int) -> dict[str, Any]:
        created = at(n).strftime("%Y-%m-%dT%H:%M:%S+0000")
        if n < POSTS:
            return {
                "id": self.fb_id(n),
                "message": text(n, self.phase),
                "created_time": created,
                "permalink_url": f"https://www.facebook.com/{PAGE}/posts/{n}",
                "from": {"id": PAGE, "name": "Etaten"},
            }
        return {
            "id": self.fb_id(n),
            "message": text(n, self.phase),
            "created_time": created,
            "from": {"id": str(900 + n % 50), "name": "Innbygger"},
            "is_hidden": self.is_hidden(n),
            "permalink_url": f"https://www.facebook.com/{PAGE}/posts/{n % POSTS}?c={n}",
        }

    def fb_threads(self) -> dict[str, str]:
        """Each comment's post, as a fetch stores it (a post is its own thread)."""
        return {self.fb_id(n): self.fb_id(n % POSTS) for n in range(self.n)}

    def fb_index(self, object_id: str) -> int | None:
        head, _, tail = object_id.partition("_")
        if head == PAGE:
            n = int(tail) - 200
            return n if 0 <= n < POSTS else None
        n = int(tail) - 300000
        return n if POSTS <= n < self.n else None

    # -- RSS ---------------------------------------------------------------------------

    def rss(self, comments: bool) -> bytes:
        rows = []
        for n in range(POSTS, self.n) if comments else range(POSTS):
            if not self.alive(n):
                continue  # gone from the feed: a feed cannot say it was deleted
            post = n % POSTS
            link = f"https://fjordvik.example/p{post}/" + (f"#comment-{n}" if comments else "")
            rows.append(
                f"<item><title>{'' if comments else f'Sak {n}'}</title><link>{link}</link>"
                f'<guid isPermaLink="false">{SITE}/?{"c" if comments else "p"}={n}'
                f"</guid><pubDate>{at(n).strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
                f"<description>{text(n, self.phase)}</description></item>"
            )
        return (
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            "<title>Fjordvik</title><link>https://fjordvik.example/</link>"
            f"<description>d</description>{''.join(rows)}</channel></rss>"
        ).encode()


def serve(world: World) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            super().setup()
            # Headers and body go out in two writes; without this, Nagle's algorithm and
            # delayed ACKs add 40 ms to every keep-alive request.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *args: Any) -> None:
            pass

        def send(self, status: int, body: Any, kind: str = "application/json") -> None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            if self.path.endswith("com.atproto.server.createSession"):
                world.count("bluesky-login")
                self.send(
                    200,
                    {
                        "accessJwt": "a",
                        "refreshJwt": "r",
                        "did": AGENCY_DID,
                        "handle": "etaten.bsky.example",
                    },
                )
            else:
                self.send(404, {"error": "NotFound"})

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            path = parts.path
            if path.startswith("/mastodon/"):
                return self.mastodon(path.removeprefix("/mastodon"), query, batch=True)
            if path.startswith("/mastodon-old/"):
                return self.mastodon(path.removeprefix("/mastodon-old"), query, batch=False)
            if path.startswith("/bsky/"):
                world.count("bluesky")
                wanted = query.get("uris", [])
                posts = [
                    world.bsky_post(index[u])
                    for u in wanted
                    if u in index and world.alive(index[u])
                ]
                return self.send(200, {"posts": posts})
            if path.startswith("/graph/"):
                return self.graph(path.removeprefix("/graph/v21.0"), query)
            if path == "/rss/feed/":
                world.count("rss")
                return self.send(200, world.rss(False), "application/rss+xml; charset=utf-8")
            if path == "/rss/comments/":
                world.count("rss")
                return self.send(200, world.rss(True), "application/rss+xml; charset=utf-8")
            self.send(404, {"error": "not found"})

        def mastodon(self, path: str, query: dict[str, list[str]], *, batch: bool) -> None:
            name = "mastodon" if batch else "mastodon-old"
            world.count(name)
            if path == "/api/v1/accounts/verify_credentials":
                return self.send(200, {"id": "1"})
            if path == "/api/v1/statuses":
                if not batch:
                    return self.send(404, {"error": "Record not found"})
                ids = [int(i) - 113_000_000_000_000_000 for i in query.get("id[]", [])][:20]
                return self.send(200, [world.status(n) for n in ids if world.alive(n)])
            if path.startswith("/api/v1/statuses/"):
                n = int(path.rsplit("/", 1)[1]) - 113_000_000_000_000_000
                if 0 <= n < world.n and world.alive(n):
                    return self.send(200, world.status(n))
                return self.send(404, {"error": "Record not found"})
            self.send(404, {"error": "not found"})

        def graph(self, path: str, query: dict[str, list[str]]) -> None:
            world.count("facebook")
            if path == "/":
                ids = query.get("ids", [""])[0].split(",")
                found = {}
                for object_id in ids:
                    n = world.fb_index(object_id)
                    if n is None or not world.alive(n):
                        return self.send(
                            400,
                            {
                                "error": {
                                    "code": 100,
                                    "message": f"Some of the aliases do not exist: {object_id}",
                                }
                            },
                        )
                    found[object_id] = world.fb_object(n)
                return self.send(200, found)
            if path.endswith("/comments"):
                post = world.fb_index(path.strip("/").split("/")[0])
                if post is None or not world.alive(post):
                    return self.send(400, {"error": {"code": 100, "message": "Unsupported"}})
                start = int(query.get("after", ["0"])[0])
                limit = min(100, int(query.get("limit", ["25"])[0]))
                members = [m for m in range(POSTS + post, world.n, POSTS) if world.alive(m)]
                page = members[start : start + limit]
                body: dict[str, Any] = {"data": [world.fb_object(m) for m in page]}
                if start + limit < len(members):
                    body["paging"] = {
                        "cursors": {"after": str(start + limit)},
                        "next": f"https://graph.example/next?after={start + limit}",
                    }
                return self.send(200, body)
            self.send(404, {"error": {"code": 803, "message": "unknown path"}})

    index: dict[str, int] = {world.bsky_uri(n): n for n in range(world.n)}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def _django(tmp: Path) -> None:
    os.environ.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp / 'recheck.sqlite3'}",
            "TILSTEDE_VAR_DIR": str(tmp),
            "DJANGO_SETTINGS_MODULE": "tilstede.config.settings",
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "TILSTEDE_AUDIT_KEY": secrets.token_urlsafe(40),
            "TILSTEDE_TASKS": "immediate",
            "LOG_LEVEL": "ERROR",
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
        }
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def busiest_window(runs: list[tuple[dt.datetime, int]], window: dt.timedelta) -> int:
    """The most requests in any span of ``window`` on the simulated clock (runs are
    instants: a run's requests are sent within it)."""
    most, held, total = 0, deque[tuple[dt.datetime, int]](), 0
    for when, used in runs:
        held.append((when, used))
        total += used
        while held and held[0][0] <= when - window:
            total -= held.popleft()[1]
        most = max(most, total)
    return most


def bench_platform(
    name: str, platform: str, make: Callable[[], Any], ids: list[str], world: World, org: Any
) -> dict[str, Any]:
    from tilstede.core.models import Channel, Item, Visibility
    from tilstede.ingest.services import channel_recheck, channel_state, items_receive

    channel = Channel.objects.create(
        organisation=org,
        name=name,
        slug=name,
        platform=platform,
        kind="microblog",
        purpose="communication",
        active=False,
    )
    world.phase = 0
    connector = make()
    threads = world.fb_threads() if platform == "facebook" else None
    for start in range(0, len(ids), 1000):  # stored through the connector and ingest
        result = connector.recheck(ids[start : start + 1000], threads=threads)
        items_receive(channel=channel, raw_items=result.items, now=START)
    stored = Item.objects.filter(channel=channel).count()
    world.phase = 1
    connector = make()
    counter = name if platform != "bluesky" else "bluesky"
    world.requests[counter] = 0
    state = channel_state(channel)
    state.recheck_window = dt.timedelta(days=14)
    state.save()
    clock = START + dt.timedelta(days=1)
    runs: list[tuple[dt.datetime, int]] = []
    wall = 0.0
    found = {"new_versions": 0, "hidden_at_source": 0, "deleted_at_source": 0}
    while True:
        before = world.requests.get(counter, 0)
        began = time.perf_counter()
        # Built afresh for every poll, as the worker does; Bluesky's session is kept (the
        # poll stores it with the channel's credentials).
        session = getattr(connector, "session_state", lambda: "")()
        connector = make()
        if session:
            connector.resume_session(session)
        report = channel_recheck(channel=channel, connector=connector, now=clock)
        wall += time.perf_counter() - began
        runs.append((clock, world.requests.get(counter, 0) - before))
        for key in found:
            found[key] += getattr(report, key)
        state.refresh_from_db()
        if not state.recheck_position or len(runs) > 5000:
            break
        clock += state.poll_interval
    policy = type(connector).recheck_policy
    used = sum(r for _, r in runs)
    n = world.n
    expected = {
        "new_versions": sum(edited(i) and not deleted(i) for i in range(n)),
        # A reply's hide lives in its thread root's threadgate: with the root deleted
        # (Bluesky), the hide can no longer be seen.
        "hidden_at_source": sum(
            hidden(i)
            and not deleted(i)
            and i >= POSTS
            and not (platform == "bluesky" and deleted(i % POSTS))
            for i in range(n)
        )
        if platform in ("bluesky", "facebook")
        else 0,
        "deleted_at_source": sum(deleted(i) for i in range(n)) if platform != "rss" else 0,
    }
    gone = Item.objects.filter(channel=channel, visibility=Visibility.DELETED_AT_SOURCE).count()
    return {
        "platform": name,
        "items": stored,
        "requests": used,
        "per_1000": used / stored * 1000,
        "busiest": busiest_window(runs, policy.window),
        "limit": policy.limit,
        "window": policy.window,
        "round": runs[-1][0] - runs[0][0] + dt.timedelta(minutes=5),
        "wall": wall,
        "found": found,
        "expected": expected,
        "ok": all(found[k] == expected[k] for k in expected)
        and (platform == "rss" or gone == expected["deleted_at_source"]),
        "logins": world.requests.get("bluesky-login", 0) if platform == "bluesky" else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="tilstede-recheck-") as name:
        _django(Path(name))
        from tilstede.connectors.bluesky import BlueskyConnector
        from tilstede.connectors.facebook import FacebookConnector
        from tilstede.connectors.http import NO_RETRY
        from tilstede.connectors.mastodon import MastodonConnector
        from tilstede.connectors.rss import RssConnector
        from tilstede.core.models import Organisation

        world = World(args.items)
        server, base = serve(world)
        org = Organisation.objects.create(name="Fjordvik kommune (bench)", slug="fjordvik")
        n = args.items
        masto_ids = [str(113_000_000_000_000_000 + i) for i in range(n)]
        setups = [
            (
                "mastodon",
                "mastodon",
                lambda: MastodonConnector(
                    base_url=f"{base}/mastodon",
                    access_token=FAKE_TOKEN,
                    account_id="1",
                    retry=NO_RETRY,
                ),
                masto_ids,
            ),
            (
                "mastodon-old",
                "mastodon",
                lambda: MastodonConnector(
                    base_url=f"{base}/mastodon-old",
                    access_token=FAKE_TOKEN,
                    account_id="1",
                    retry=NO_RETRY,
                ),
                masto_ids,
            ),
            (
                "bluesky",
                "bluesky",
                lambda: BlueskyConnector(
                    handle="etaten.bsky.example",
                    app_password=FAKE_TOKEN,
                    service=f"{base}/bsky",
                    retry=NO_RETRY,
                ),
                [world.bsky_uri(i) for i in range(n)],
            ),
            (
                "facebook",
                "facebook",
                lambda: FacebookConnector(
                    page_id=PAGE, access_token=FAKE_TOKEN, base_url=f"{base}/graph", retry=NO_RETRY
                ),
                [world.fb_id(i) for i in range(n)],
            ),
            (
                "rss",
                "rss",
                lambda: RssConnector(
                    feed_url=f"{base}/rss/feed/",
                    comments_feed_url=f"{base}/rss/comments/",
                    follow_comment_feeds=False,
                    retry=NO_RETRY,
                ),
                ["all"],
            ),
        ]
        results = []
        for label, platform, make, ids in setups:
            print(f"{label}: storing {n:,} items, then rechecking them", flush=True)
            results.append(bench_platform(label, platform, make, ids, world, org))
        server.shutdown()
    print()
    print(
        f"{'platform':<14}{'items':>7}{'requests':>10}{'per 1,000':>11}"
        f"{'busiest window / limit':>30}{'round (sim.)':>14}{'wall s':>9}  changes found"
    )
    failed = False
    for r in results:
        within = r["busiest"] <= r["limit"]
        failed |= not within or not r["ok"]
        window = f"{r['busiest']} / {r['limit']} per {_span(r['window'])}"
        found = ", ".join(
            f"{k.split('_')[0]} {r['found'][k]}/{r['expected'][k]}" for k in r["expected"]
        )
        print(
            f"{r['platform']:<14}{r['items']:>7}{r['requests']:>10}{r['per_1000']:>11.1f}"
            f"{window:>30}{_span(r['round']):>14}{r['wall']:>9.2f}  {found}"
            f"{'' if within else '  OVER THE LIMIT'}{'' if r['ok'] else '  MISSED CHANGES'}"
        )
        if r["logins"] is not None:
            print(f"{'':<14}bluesky logins in all: {r['logins']}")
    return 1 if failed else 0


def _span(delta: dt.timedelta) -> str:
    minutes = delta.total_seconds() / 60
    return f"{minutes:.0f} min" if minutes < 120 else f"{minutes / 60:.1f} h"


if __name__ == "__main__":
    sys.exit(main())
