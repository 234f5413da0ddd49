"""RSS/Atom connector against a real HTTP server on 127.0.0.1 serving feed fixtures.

A local server rather than respx, so conditional GET runs through real HTTP headers.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tilstede.connectors.base import NotSupported, PayloadError, TransientError
from tilstede.connectors.http import RetryPolicy
from tilstede.connectors.rss import RssConnector

from .conftest import Sleeper, payload_bytes

FEED_TYPE = "application/rss+xml; charset=utf-8"


class FeedServer:
    """Serves ``routes[path] = (status, content_type, body)`` with ETag support."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers.items())))
                status, content_type, body = server.routes.get(
                    self.path, (404, "text/plain", b"not found")
                )
                etag = f'"{abs(hash(body))}"'
                if status == 200 and self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                if status == 200:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", "Tue, 04 Mar 2025 10:00:00 GMT")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def serve(
        self, path: str, fixture: str, content_type: str = FEED_TYPE, status: int = 200
    ) -> None:
        body = payload_bytes(f"rss/{fixture}").replace(b"127.0.0.1:PORT", self.base[7:].encode())
        self.routes[path] = (status, content_type, body)

    def paths(self) -> list[str]:
        return [path for path, _ in self.requests]


@pytest.fixture
def server() -> Iterator[FeedServer]:
    feeds = FeedServer()
    thread = threading.Thread(target=feeds.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield feeds
    feeds.httpd.shutdown()
    feeds.httpd.server_close()


def make(server: FeedServer, retry: RetryPolicy, **kwargs: Any) -> RssConnector:
    return RssConnector(feed_url=f"{server.base}/feed/", retry=retry, **kwargs)


def test_it_reads_feed_items_as_the_agencys_posts(server: FeedServer, retry: RetryPolicy) -> None:
    server.serve("/feed/", "feed.xml")
    server.serve("/2025/03/ny-frist/feed/", "post_comments.xml")
    result = make(server, retry).fetch()
    posts = {i.external_id: i for i in result.items if i.kind == "post"}
    assert set(posts) == {
        "https://etaten.example/?p=100",
        "https://etaten.example/?p=101",
        "https://etaten.example/?p=102",
    }
    post = posts["https://etaten.example/?p=101"]
    assert post.direction == "out"
    assert (
        post.text == "Ny søknadsfrist for tilskudd\n\nFristen er flyttet til 1.\xa0mai.\n\n"
        "Les mer & søk her."
    )
    assert post.created_at == datetime(2025, 3, 4, 8, 0, tzinfo=UTC)
    assert post.language == "nb-NO"
    assert post.url == "https://etaten.example/2025/03/ny-frist/"


def test_it_reads_a_posts_comment_feed_with_the_post_as_parent(
    server: FeedServer, retry: RetryPolicy
) -> None:
    server.serve("/feed/", "feed.xml")
    server.serve("/2025/03/ny-frist/feed/", "post_comments.xml")
    result = make(server, retry).fetch()
    comment = next(i for i in result.items if i.kind == "comment")
    assert comment.parent_external_id == "https://etaten.example/?p=101"
    assert comment.thread_external_id == "https://etaten.example/?p=101"
    assert comment.direction == "in"
    assert comment.author_name == "Ola Testmann"
    assert comment.text == "Gjelder fristen også for lag & foreninger?\nMvh Ola"


def test_it_keeps_an_entry_without_a_date_dated_when_first_seen(
    server: FeedServer, retry: RetryPolicy
) -> None:
    server.serve("/feed/", "feed.xml")
    server.serve("/2025/03/ny-frist/feed/", "post_comments.xml")
    seen = datetime(2025, 3, 5, 9, 0, tzinfo=UTC)
    result = make(server, retry, now=lambda: seen).fetch()
    assert result.problems == []
    undated = next(i for i in result.items if i.external_id.endswith("?p=102"))
    assert undated.created_at == seen
    assert undated.text == "Utkast uten dato\n\nMangler pubDate"


def test_it_links_site_comments_to_posts_by_link_and_thr_in_reply_to(
    server: FeedServer, retry: RetryPolicy
) -> None:
    server.serve("/feed/", "feed.xml")
    server.serve("/comments/", "site_comments.atom", "application/atom+xml")
    connector = make(
        server, retry, comments_feed_url=f"{server.base}/comments/", follow_comment_feeds=False
    )
    comments = {i.external_id: i for i in connector.fetch().items if i.kind == "comment"}
    first = comments["tag:etaten.example,2025:comment-9"]
    answer = comments["tag:etaten.example,2025:comment-10"]
    assert first.parent_external_id == "https://etaten.example/?p=100"
    assert answer.parent_external_id == "tag:etaten.example,2025:comment-9"
    assert answer.language == "nn"
    assert first.language == "nb"


def test_it_reports_an_updated_atom_entry_as_edited(server: FeedServer, retry: RetryPolicy) -> None:
    server.serve("/feed/", "feed.xml")
    server.serve("/comments/", "site_comments.atom", "application/atom+xml")
    connector = make(
        server, retry, comments_feed_url=f"{server.base}/comments/", follow_comment_feeds=False
    )
    edited = next(i for i in connector.fetch().items if i.external_id.endswith("comment-9"))
    assert edited.created_at == datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    assert edited.edited_at == datetime(2025, 3, 4, 10, 20, tzinfo=UTC)
    assert edited.text == "Er dere åpne skjærtorsdag? (rettet)"


def test_it_sends_conditional_requests_and_returns_nothing_on_304(
    server: FeedServer, retry: RetryPolicy
) -> None:
    server.serve("/feed/", "feed.xml")
    server.serve("/2025/03/ny-frist/feed/", "post_comments.xml")
    connector = make(server, retry)
    first = connector.fetch()
    second = connector.fetch(first.cursor)
    assert second.items == []
    assert second.more is False
    feed_requests = [headers for path, headers in server.requests if path == "/feed/"]
    assert "If-None-Match" not in feed_requests[0]
    assert feed_requests[1]["If-None-Match"].startswith('"')
    assert feed_requests[1]["If-Modified-Since"] == "Tue, 04 Mar 2025 10:00:00 GMT"
    # the comment feed is still followed while the post feed is unchanged
    assert server.paths().count("/2025/03/ny-frist/feed/") == 2


def test_it_pages_new_entries_then_hands_every_entry_over_for_comparison(
    server: FeedServer, retry: RetryPolicy
) -> None:
    server.serve("/feed/", "feed.xml")
    server.serve("/2025/03/ny-frist/feed/", "post_comments.xml")
    seen = datetime(2025, 3, 5, 9, 0, tzinfo=UTC)  # the undated entry's first sight
    connector = make(server, retry, now=lambda: seen)
    first = connector.fetch(limit=2)
    assert [i.external_id for i in first.items] == [
        "https://etaten.example/?p=100",
        "https://etaten.example/?p=101",
    ]
    assert first.more is True
    # The server sends an ETag; the next fetch must not present it while entries are
    # still waiting, or it would get 304 and never see the rest.
    assert json.loads(first.cursor)["feeds"] == {}
    rest = connector.fetch(first.cursor, limit=2)
    # The last batch carries the new entries and, for ingest to compare (an entry
    # edited in place keeps its guid and date), every entry seen before.
    assert [i.external_id for i in rest.items] == [
        "https://etaten.example/?p=100",
        "https://etaten.example/?p=101",
        "https://etaten.example/?p=101#comment-7",
        "https://etaten.example/?p=102",
    ]
    assert rest.more is False


def test_it_raises_payload_error_for_a_page_that_is_not_a_feed(
    server: FeedServer, retry: RetryPolicy
) -> None:
    server.serve("/feed/", "not_a_feed.html", "text/html; charset=utf-8")
    with pytest.raises(PayloadError, match="not an RSS or Atom feed"):
        make(server, retry).fetch()


def test_it_raises_payload_error_for_a_truncated_feed(
    server: FeedServer, retry: RetryPolicy
) -> None:
    server.serve("/feed/", "truncated.xml")
    with pytest.raises(PayloadError, match="not well-formed XML"):
        make(server, retry).fetch()


def test_it_retries_a_5xx_then_gives_up(
    server: FeedServer, sleeper: Sleeper, retry: RetryPolicy
) -> None:
    server.serve("/feed/", "not_a_feed.html", "text/html", status=503)
    with pytest.raises(TransientError, match="HTTP 503"):
        make(server, retry).fetch()
    assert server.paths() == ["/feed/"] * 3
    assert sleeper.waits == [1.0, 2.0]


def test_it_times_out_as_a_transient_error(retry: RetryPolicy) -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection, never answers
    port = listener.getsockname()[1]
    import httpx

    connector = RssConnector(
        feed_url=f"http://127.0.0.1:{port}/feed/",
        client=httpx.Client(timeout=0.2),
        retry=RetryPolicy(max_attempts=1),
    )
    try:
        with pytest.raises(TransientError, match="timed out"):
            connector.fetch()
    finally:
        listener.close()


def test_it_cannot_write_to_a_feed(server: FeedServer, retry: RetryPolicy) -> None:
    with pytest.raises(NotSupported):
        make(server, retry).reply(parent="x", text="hei")


def test_a_wordpress_site_comments_feed_attaches_paged_comments_to_their_post(
    retry: RetryPolicy,
) -> None:
    import httpx
    import respx

    post = "https://etaten.example/2025/03/ny-frist/"
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>E</title>'
        f"<link>https://etaten.example/</link><description>d</description><item>"
        f"<title>Ny frist</title><link>{post}</link>"
        '<guid isPermaLink="false">https://etaten.example/?p=101</guid>'
        "<pubDate>Tue, 04 Mar 2025 08:00:00 +0000</pubDate><description>x</description>"
        "</item></channel></rss>"
    )
    comments = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>C</title>'
        "<link>https://etaten.example/</link><description>d</description><item>"
        "<title>Av: Ola</title><link>/2025/03/ny-frist/comment-page-2/#comment-7</link>"
        '<guid isPermaLink="false">https://etaten.example/?p=101#comment-7</guid>'
        "<pubDate>Tue, 04 Mar 2025 09:00:00 +0000</pubDate><description>Når?</description>"
        "</item></channel></rss>"
    )
    with respx.mock:
        respx.get("https://etaten.example/feed/").mock(
            return_value=httpx.Response(200, text=feed, headers={"Content-Type": FEED_TYPE})
        )
        respx.get("https://etaten.example/comments/feed/").mock(
            return_value=httpx.Response(200, text=comments, headers={"Content-Type": FEED_TYPE})
        )
        connector = RssConnector(
            feed_url="https://etaten.example/feed/",
            comments_feed_url="https://etaten.example/comments/feed/",
            follow_comment_feeds=False,
            retry=retry,
        )
        comment = next(i for i in connector.fetch().items if i.kind == "comment")
    assert comment.parent_external_id == "https://etaten.example/?p=101"
    # The relative link is resolved against the feed it came from.
    assert comment.url == "https://etaten.example/2025/03/ny-frist/comment-page-2/#comment-7"
