"""Bluesky connector against respx, with XRPC bodies shaped like the app.bsky lexicons."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest
import respx

from tilstede.connectors.base import (
    AuthError,
    NotSupported,
    PayloadError,
    RateLimited,
    TransientError,
)
from tilstede.connectors.bluesky import BlueskyConnector
from tilstede.connectors.http import RetryPolicy

from .conftest import Sleeper, payload

XRPC = "https://pds.example/xrpc"
AGENCY = "did:plc:etatentest00000000000000"
ROOT = f"at://{AGENCY}/app.bsky.feed.post/3lagencyroot01"
REPLY = "at://did:plc:citizen00000000000000001/app.bsky.feed.post/3lreply00005"
NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
WATERMARK = json.dumps({"since": "2025-03-04T09:55:00+00:00", "ids": []})


@pytest.fixture
def connector(retry: RetryPolicy) -> BlueskyConnector:
    return BlueskyConnector(
        handle="etaten.bsky.example",
        app_password="abcd-efgh-ijkl-mnop",
        service="https://pds.example",
        retry=retry,
        now=lambda: NOW,
    )


@pytest.fixture
def session() -> respx.Route:
    return respx.post(f"{XRPC}/com.atproto.server.createSession").mock(
        return_value=httpx.Response(200, json=payload("bluesky/session.json"))
    )


def serve_notifications() -> respx.Route:
    def respond(request: httpx.Request) -> httpx.Response:
        name = "page2" if request.url.params.get("cursor") else "page1"
        return httpx.Response(200, json=payload(f"bluesky/notifications_{name}.json"))

    return respx.get(f"{XRPC}/app.bsky.notification.listNotifications").mock(side_effect=respond)


@respx.mock
def test_it_logs_in_with_the_app_password(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    route = serve_notifications()
    connector.fetch(WATERMARK)
    assert json.loads(session.calls.last.request.content) == {
        "identifier": "etaten.bsky.example",
        "password": "abcd-efgh-ijkl-mnop",
    }
    assert route.calls.last.request.headers["Authorization"] == "Bearer access-1"


@respx.mock
def test_it_pages_back_to_the_watermark_and_returns_oldest_first(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    route = serve_notifications()
    result = connector.fetch(WATERMARK)
    assert route.call_count == 2
    assert route.calls.last.request.url.params["cursor"] == "2025-03-04T09:57:00.000Z"
    assert [i.external_id.rsplit("/", 1)[1] for i in result.items] == [
        "3lreply00001",
        "3lquote00002",
        "3lmention004",
        "3lreply00005",
    ]
    assert result.more is False


@respx.mock
def test_it_maps_replies_mentions_and_quotes(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    serve_notifications()
    by_rkey = {i.external_id.rsplit("/", 1)[1]: i for i in connector.fetch(WATERMARK).items}
    reply = by_rkey["3lreply00005"]
    assert reply.kind == "reply"
    assert reply.parent_external_id == ROOT
    assert reply.thread_external_id == ROOT
    assert reply.text == "Hvorfor er fristen 1. mai?\nJeg rekker det ikke."
    assert reply.author_handle == "ola-test.bsky.example"
    assert reply.author_name == "Ola Testmann"
    assert reply.language == "nb"
    assert reply.url == (
        "https://bsky.app/profile/did:plc:citizen00000000000000001/post/3lreply00005"
    )
    assert reply.created_at == datetime(2025, 3, 4, 10, 5, tzinfo=UTC)
    assert by_rkey["3lmention004"].kind == "mention"
    assert by_rkey["3lquote00002"].kind == "mention"
    assert by_rkey["3lquote00002"].raw["reason"] == "quote"
    assert by_rkey["3lreply00001"].language == "nn"


@respx.mock
def test_it_skips_a_notification_without_an_author_and_reports_it(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    serve_notifications()
    result = connector.fetch(WATERMARK)
    assert len(result.problems) == 1
    assert "3lbroken0003" in result.problems[0]
    assert "'author'" in result.problems[0]


@respx.mock
def test_it_hands_out_a_batch_and_continues_after_it(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    serve_notifications()
    first = connector.fetch(WATERMARK, limit=3)
    assert first.more is True
    assert len(first.items) == 3
    second = connector.fetch(first.cursor, limit=3)
    assert [i.external_id.rsplit("/", 1)[1] for i in second.items] == ["3lreply00005"]
    assert second.more is False
    third = connector.fetch(second.cursor, limit=3)
    assert third.items == []


@respx.mock
def test_it_starts_a_new_channel_from_the_newest_page(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    route = serve_notifications()
    result = connector.fetch("")
    assert route.call_count == 1
    assert len(result.items) == 3
    assert json.loads(result.cursor)["since"] == "2025-03-04T10:05:01+00:00"


@respx.mock
def test_it_refreshes_an_expired_access_token_once(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    refresh = respx.post(f"{XRPC}/com.atproto.server.refreshSession").mock(
        return_value=httpx.Response(
            200, json={**payload("bluesky/session.json"), "accessJwt": "access-2"}
        )
    )
    respx.get(f"{XRPC}/app.bsky.notification.listNotifications").mock(
        side_effect=[
            httpx.Response(400, json={"error": "ExpiredToken", "message": "Token has expired"}),
            httpx.Response(200, json={"notifications": []}),
        ]
    )
    connector.fetch("")
    assert refresh.calls.last.request.headers["Authorization"] == "Bearer refresh-1"


@respx.mock
def test_it_raises_auth_error_when_the_session_cannot_be_renewed(
    connector: BlueskyConnector,
) -> None:
    respx.post(f"{XRPC}/com.atproto.server.createSession").mock(
        side_effect=[
            httpx.Response(200, json=payload("bluesky/session.json")),
            httpx.Response(
                401, json={"error": "AuthenticationRequired", "message": "Invalid password"}
            ),
        ]
    )
    respx.post(f"{XRPC}/com.atproto.server.refreshSession").mock(
        return_value=httpx.Response(
            400, json={"error": "ExpiredToken", "message": "Token has been revoked"}
        )
    )
    respx.get(f"{XRPC}/app.bsky.notification.listNotifications").mock(
        return_value=httpx.Response(400, json={"error": "ExpiredToken", "message": "expired"})
    )
    with pytest.raises(AuthError, match="logging in again failed"):
        connector.fetch("")


@respx.mock
def test_it_waits_for_the_ratelimit_reset(
    connector: BlueskyConnector, session: respx.Route, sleeper: Sleeper
) -> None:
    respx.get(f"{XRPC}/app.bsky.notification.listNotifications").mock(
        side_effect=[
            httpx.Response(
                429,
                json={"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
                headers={"ratelimit-reset": str(int(NOW.timestamp()) + 12)},
            ),
            httpx.Response(200, json={"notifications": []}),
        ]
    )
    connector.fetch("")
    assert sleeper.waits == [12.0]


@respx.mock
def test_it_raises_rate_limited_after_repeated_429_with_http_date(
    connector: BlueskyConnector, session: respx.Route, sleeper: Sleeper
) -> None:
    respx.get(f"{XRPC}/app.bsky.notification.listNotifications").mock(
        return_value=httpx.Response(429, headers={"Retry-After": "Tue, 04 Mar 2025 12:00:04 GMT"})
    )
    with pytest.raises(RateLimited) as info:
        connector.fetch("")
    assert info.value.retry_after == 4.0
    assert sleeper.waits == [4.0, 4.0]


@respx.mock
def test_it_retries_timeouts_and_5xx(
    connector: BlueskyConnector, session: respx.Route, sleeper: Sleeper
) -> None:
    respx.get(f"{XRPC}/app.bsky.notification.listNotifications").mock(
        side_effect=[httpx.ConnectTimeout("slow"), httpx.Response(502), httpx.Response(504)]
    )
    with pytest.raises(TransientError):
        connector.fetch("")
    assert sleeper.waits == [1.0, 2.0]


@respx.mock
def test_it_raises_payload_error_for_truncated_json(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    respx.get(f"{XRPC}/app.bsky.notification.listNotifications").mock(
        return_value=httpx.Response(200, content=b'{"notifications": [{"uri": "at://')
    )
    with pytest.raises(PayloadError):
        connector.fetch("")


@respx.mock
def test_it_returns_tombstones_for_posts_that_are_gone(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    gone = "at://did:plc:citizen00000000000000002/app.bsky.feed.post/3lmention004"
    route = respx.get(f"{XRPC}/app.bsky.feed.getPosts").mock(
        return_value=httpx.Response(200, json=payload("bluesky/get_posts.json"))
    )
    result = connector.recheck([REPLY, gone])
    assert route.calls[0].request.url.params.get_list("uris") == [REPLY, gone]
    assert [(i.external_id, i.deleted) for i in result.items] == [(REPLY, False), (gone, True)]


@respx.mock
def test_it_replies_with_root_and_parent_references(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    serve_notifications()
    parent = next(i for i in connector.fetch(WATERMARK).items if i.external_id == REPLY)
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").mock(
        return_value=httpx.Response(
            200, json={"uri": f"at://{AGENCY}/app.bsky.feed.post/3lanswer0001", "cid": "bafyans"}
        )
    )
    sent = connector.reply(parent=parent, text="Fristen står i forskriften.")
    body = json.loads(create.calls.last.request.content)
    assert body["repo"] == AGENCY
    assert body["record"]["reply"] == {
        "root": {"uri": ROOT, "cid": "bafyreiagencyrootcid0000000000000000000000000000000000"},
        "parent": {"uri": REPLY, "cid": "bafyrei3lreply00005cid"},
    }
    assert body["record"]["langs"] == ["nb"]
    assert sent.direction == "out"
    assert sent.thread_external_id == ROOT


@respx.mock
def test_it_looks_up_a_parent_given_only_its_uri(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    respx.get(f"{XRPC}/app.bsky.feed.getPostThread").mock(
        return_value=httpx.Response(200, json=payload("bluesky/post_thread_reply.json"))
    )
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").mock(
        return_value=httpx.Response(
            200, json={"uri": f"at://{AGENCY}/app.bsky.feed.post/3lanswer0002", "cid": "c"}
        )
    )
    connector.reply(parent=REPLY, text="Hei")
    record = json.loads(create.calls.last.request.content)["record"]
    assert record["reply"]["parent"]["cid"] == "bafyrei3lreply00005cid"
    assert record["reply"]["root"]["uri"] == ROOT


@respx.mock
def test_it_publishes_a_link_as_a_facet(connector: BlueskyConnector, session: respx.Route) -> None:
    create = respx.post(f"{XRPC}/com.atproto.repo.createRecord").mock(
        return_value=httpx.Response(
            200, json={"uri": f"at://{AGENCY}/app.bsky.feed.post/3lnews000001", "cid": "c"}
        )
    )
    connector.publish(text="Ny frist for søknad", language="nb", link="https://etaten.example/a")
    record = json.loads(create.calls.last.request.content)["record"]
    assert record["text"] == "Ny frist for søknad\n\nhttps://etaten.example/a"
    start = record["facets"][0]["index"]["byteStart"]
    end = record["facets"][0]["index"]["byteEnd"]
    assert record["text"].encode()[start:end] == b"https://etaten.example/a"


@respx.mock
def test_it_hides_a_reply_through_the_threadgate_of_its_own_thread(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    respx.get(f"{XRPC}/app.bsky.feed.getPostThread").mock(
        return_value=httpx.Response(200, json=payload("bluesky/post_thread_reply.json"))
    )
    respx.get(f"{XRPC}/com.atproto.repo.getRecord").mock(
        return_value=httpx.Response(200, json=payload("bluesky/threadgate_record.json"))
    )
    put = respx.post(f"{XRPC}/com.atproto.repo.putRecord").mock(
        return_value=httpx.Response(200, json={"uri": "x", "cid": "y"})
    )
    connector.hide(REPLY)
    body = json.loads(put.calls.last.request.content)
    assert body["rkey"] == "3lagencyroot01"
    assert body["collection"] == "app.bsky.feed.threadgate"
    assert body["swapRecord"] == "bafyreigatecid1"
    assert body["record"]["allow"] == [{"$type": "app.bsky.feed.threadgate#mentionRule"}]
    assert body["record"]["hiddenReplies"][-1] == REPLY
    assert len(body["record"]["hiddenReplies"]) == 2


@respx.mock
def test_it_creates_a_threadgate_when_the_thread_has_none(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    respx.get(f"{XRPC}/app.bsky.feed.getPostThread").mock(
        return_value=httpx.Response(200, json=payload("bluesky/post_thread_reply.json"))
    )
    respx.get(f"{XRPC}/com.atproto.repo.getRecord").mock(
        return_value=httpx.Response(
            400, json={"error": "RecordNotFound", "message": "Could not locate record"}
        )
    )
    put = respx.post(f"{XRPC}/com.atproto.repo.putRecord").mock(
        return_value=httpx.Response(200, json={"uri": "x", "cid": "y"})
    )
    connector.hide(REPLY)
    body = json.loads(put.calls.last.request.content)
    assert "allow" not in body["record"]  # no allow list: anyone may still reply
    assert body["record"]["hiddenReplies"] == [REPLY]
    assert "swapRecord" not in body


@respx.mock
def test_it_unhides_a_reply(connector: BlueskyConnector, session: respx.Route) -> None:
    old = "at://did:plc:citizen00000000000000002/app.bsky.feed.post/3lold0000000"
    respx.get(f"{XRPC}/app.bsky.feed.getPostThread").mock(
        return_value=httpx.Response(
            200,
            json={
                "thread": {
                    "post": {
                        **payload("bluesky/post_thread_reply.json")["thread"]["post"],
                        "uri": old,
                    }
                }
            },
        )
    )
    respx.get(f"{XRPC}/com.atproto.repo.getRecord").mock(
        return_value=httpx.Response(200, json=payload("bluesky/threadgate_record.json"))
    )
    put = respx.post(f"{XRPC}/com.atproto.repo.putRecord").mock(
        return_value=httpx.Response(200, json={"uri": "x", "cid": "y"})
    )
    connector.unhide(old)
    assert json.loads(put.calls.last.request.content)["record"]["hiddenReplies"] == []


@respx.mock
def test_it_cannot_hide_a_reply_in_someone_elses_thread(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    thread = payload("bluesky/post_thread_reply.json")
    foreign_root = "at://did:plc:citizen00000000000000002/app.bsky.feed.post/3lforeign001"
    thread["thread"]["post"]["record"]["reply"]["root"]["uri"] = foreign_root
    respx.get(f"{XRPC}/app.bsky.feed.getPostThread").mock(
        return_value=httpx.Response(200, json=thread)
    )
    with pytest.raises(NotSupported, match="own posts"):
        connector.hide(REPLY)


@respx.mock
def test_it_deletes_only_the_agencys_own_posts(
    connector: BlueskyConnector, session: respx.Route
) -> None:
    delete = respx.post(f"{XRPC}/com.atproto.repo.deleteRecord").mock(
        return_value=httpx.Response(200, json={})
    )
    connector.delete(f"at://{AGENCY}/app.bsky.feed.post/3lnews000001")
    assert json.loads(delete.calls.last.request.content) == {
        "repo": AGENCY,
        "collection": "app.bsky.feed.post",
        "rkey": "3lnews000001",
    }
    with pytest.raises(NotSupported):
        connector.delete(REPLY)
