"""Reading platforms' answers within limits: depth, size, deadline; feeds as browsers read them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
import respx

from tilstede.connectors import bounded
from tilstede.connectors.base import PayloadError
from tilstede.connectors.http import NO_RETRY, DeadlinePassed, Http
from tilstede.connectors.rss import html_entities_as_xml, post_link


def test_it_cuts_only_the_too_deep_part_of_a_record() -> None:
    text = '[{"id": 1, "x": ' + "[" * 2_000_000 + "]" * 2_000_000 + '}, {"id": 2}]'
    first, second = bounded.loads(text)
    assert second == {"id": 2}
    assert first["id"] == 1 and bounded.nested_too_deep(first)
    assert not bounded.nested_too_deep(second)


def test_it_ignores_brackets_inside_strings() -> None:
    assert bounded.loads('{"a": "[[[[[[", "b": [1]}', max_depth=2) == {"a": "[[[[[[", "b": [1]}


def test_it_refuses_an_answer_over_the_size_cap() -> None:
    with respx.mock:
        respx.get("https://p.example/x").mock(return_value=httpx.Response(200, content=b"1" * 100))
        http = Http("test", httpx.Client(), retry=NO_RETRY, max_bytes=50)
        with pytest.raises(PayloadError, match="more than"):
            http.request("GET", "https://p.example/x")


@pytest.fixture
def trickle() -> Iterator[str]:
    """A server that sends a byte every 0.2 s, for ever (each read is within any timeout)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"[")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_trickling_server_is_cut_off_at_the_polls_deadline(trickle: str) -> None:
    http = Http("test", httpx.Client(timeout=5.0), retry=NO_RETRY)
    http.set_deadline(0.5)
    with pytest.raises(DeadlinePassed, match="time ran out"):
        http.request("GET", trickle)


def test_html_entities_are_read_as_browsers_read_them() -> None:
    assert html_entities_as_xml(b"1.&nbsp;mai &amp; &oslash;y &bogus;") == (
        b"1.&#160;mai &amp; &#248;y &amp;bogus;"
    )


@pytest.mark.parametrize(
    "link",
    [
        "https://etaten.example/2025/03/frist/#comment-7",
        "https://etaten.example/2025/03/frist/comment-page-2/#comment-7",
    ],
)
def test_a_wordpress_comment_link_points_to_its_post(link: str) -> None:
    assert post_link(link) == "https://etaten.example/2025/03/frist/"


def test_a_query_permalink_drops_the_comment_page() -> None:
    assert post_link("https://etaten.example/?p=100&cpage=2#comment-7") == (
        "https://etaten.example/?p=100"
    )
