"""Facebook Page connector against respx, with Graph API bodies as the docs show them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest
import respx

from tilstede.connectors.base import (
    AuthError,
    ConnectorError,
    PayloadError,
    RateLimited,
    TransientError,
)
from tilstede.connectors.facebook import FacebookConnector
from tilstede.connectors.http import RetryPolicy

from .conftest import Sleeper, payload

GRAPH = "https://graph.facebook.com/v21.0"
PAGE = "104000000000001"
P1 = f"{PAGE}_200000000000001"
P2 = f"{PAGE}_200000000000002"
NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)
WATERMARK = json.dumps({"since": "2025-03-04T09:45:00+00:00", "ids": []})


def graph_error(code: int, message: str, subcode: int | None = None) -> dict[str, object]:
    error: dict[str, object] = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "AbCdEfGhIjK",
    }
    if subcode:
        error["error_subcode"] = subcode
    return {"error": error}


@pytest.fixture
def connector(retry: RetryPolicy) -> FacebookConnector:
    return FacebookConnector(page_id=PAGE, access_token="page-token", retry=retry, now=lambda: NOW)


def serve_page() -> respx.Route:
    respx.get(f"{GRAPH}/{PAGE}/feed").mock(
        return_value=httpx.Response(200, json=payload("facebook/page_feed.json"))
    )
    respx.get(f"{GRAPH}/{P2}/comments").mock(
        return_value=httpx.Response(200, json=payload("facebook/comments_empty.json"))
    )

    def comments(request: httpx.Request) -> httpx.Response:
        name = "page2" if request.url.params.get("after") else "page1"
        return httpx.Response(200, json=payload(f"facebook/comments_{name}.json"))

    return respx.get(f"{GRAPH}/{P1}/comments").mock(side_effect=comments)


@respx.mock
def test_it_reads_new_comments_on_the_pages_posts_oldest_first(
    connector: FacebookConnector,
) -> None:
    route = serve_page()
    result = connector.fetch(WATERMARK)
    assert [i.external_id for i in result.items] == [
        "200000000000001_300000000000003",
        "200000000000001_300000000000004",
        "200000000000001_300000000000005",
    ]
    first = route.calls[0].request
    assert first.url.params["filter"] == "stream"
    assert "is_hidden" in first.url.params["fields"]
    assert first.headers["Authorization"] == "Bearer page-token"


@respx.mock
def test_it_follows_the_after_cursor_until_it_passes_the_watermark(
    connector: FacebookConnector,
) -> None:
    route = serve_page()
    connector.fetch(WATERMARK)
    assert route.call_count == 2
    assert route.calls[1].request.url.params["after"] == "NDMyNzQyODI3OTQw"


@respx.mock
def test_it_maps_comments_replies_and_the_pages_own_answers(
    connector: FacebookConnector,
) -> None:
    serve_page()
    question, _hidden, answer = connector.fetch(WATERMARK).items
    assert question.kind == "comment"
    assert question.parent_external_id == P1
    assert question.thread_external_id == P1
    assert question.author_name == "Ola Testmann"
    assert question.created_at == datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    assert answer.kind == "reply"
    assert answer.direction == "out"
    assert answer.parent_external_id == question.external_id


@respx.mock
def test_it_marks_a_comment_hidden_at_the_source(connector: FacebookConnector) -> None:
    serve_page()
    hidden = connector.fetch(WATERMARK).items[1]
    assert hidden.hidden is True
    assert hidden.text == "Dette er søppel!!!"


@respx.mock
def test_it_skips_a_comment_without_a_time_and_reports_it(connector: FacebookConnector) -> None:
    serve_page()
    result = connector.fetch(WATERMARK)
    assert result.problems == [
        f"comment 200000000000001_300000000000099 on {P1} lacks 'created_time'; skipped"
    ]


@respx.mock
def test_it_starts_a_new_channel_with_one_page_of_comments_per_post(
    connector: FacebookConnector,
) -> None:
    route = serve_page()
    result = connector.fetch("", limit=3)
    assert route.call_count == 1
    assert [i.kind for i in result.items] == ["post", "post", "comment"]
    assert result.more is True
    rest = connector.fetch(result.cursor, limit=10)
    assert [i.external_id for i in rest.items] == [
        "200000000000001_300000000000004",
        "200000000000001_300000000000005",
    ]


@respx.mock
def test_it_replies_to_the_parent_comment_of_a_reply(connector: FacebookConnector) -> None:
    serve_page()
    answer = connector.fetch(WATERMARK).items[2]
    route = respx.post(f"{GRAPH}/200000000000001_300000000000003/comments").mock(
        return_value=httpx.Response(200, json={"id": "200000000000001_300000000000006"})
    )
    sent = connector.reply(parent=answer, text="Og søknaden sendes digitalt.")
    assert dict(httpx.QueryParams(route.calls.last.request.content.decode())) == {
        "message": "Og søknaden sendes digitalt."
    }
    assert sent.external_id == "200000000000001_300000000000006"
    assert sent.kind == "reply"
    assert sent.thread_external_id == P1


@respx.mock
def test_it_hides_and_unhides_a_comment(connector: FacebookConnector) -> None:
    route = respx.post(f"{GRAPH}/200000000000001_300000000000004").mock(
        return_value=httpx.Response(200, json={"success": True})
    )
    connector.hide("200000000000001_300000000000004")
    connector.unhide("200000000000001_300000000000004")
    sent = [call.request.content.decode() for call in route.calls]
    assert sent == ["is_hidden=true", "is_hidden=false"]


@respx.mock
def test_it_deletes_a_comment(connector: FacebookConnector) -> None:
    route = respx.delete(f"{GRAPH}/200000000000001_300000000000004").mock(
        return_value=httpx.Response(200, json={"success": True})
    )
    connector.delete("200000000000001_300000000000004")
    assert route.called


@respx.mock
def test_it_raises_when_facebook_does_not_confirm_a_hide(connector: FacebookConnector) -> None:
    respx.post(f"{GRAPH}/c1").mock(return_value=httpx.Response(200, json={"success": False}))
    with pytest.raises(ConnectorError, match="did not confirm"):
        connector.hide("c1")


@respx.mock
def test_it_publishes_a_post_with_a_link(connector: FacebookConnector) -> None:
    route = respx.post(f"{GRAPH}/{PAGE}/feed").mock(
        return_value=httpx.Response(200, json={"id": f"{PAGE}_200000000000003"})
    )
    item = connector.publish(text="Ny veileder", link="https://etaten.example/v")
    assert dict(httpx.QueryParams(route.calls.last.request.content.decode())) == {
        "message": "Ny veileder",
        "link": "https://etaten.example/v",
    }
    assert item.external_id == f"{PAGE}_200000000000003"


@respx.mock
def test_it_rechecks_comments_through_their_posts_comment_list(
    connector: FacebookConnector,
) -> None:
    """One call lists a post's comments (hidden ones too): an edit, a hide and a delete."""
    page = payload("facebook/comments_page1.json")
    comments = [dict(c) for c in page["data"] if c["id"] != "200000000000001_300000000000004"]
    edited = next(c for c in comments if c["id"] == "200000000000001_300000000000003")
    edited["message"] = "Gjelder fristen for lag og foreninger? (rettet)"
    hidden = next(c for c in comments if c["id"] == "200000000000001_300000000000005")
    hidden["is_hidden"] = True
    route = respx.get(f"{GRAPH}/200000000000001/comments").mock(
        return_value=httpx.Response(200, json={"data": comments, "paging": {}})
    )
    ids = [
        "200000000000001_300000000000003",
        "200000000000001_300000000000004",
        "200000000000001_300000000000005",
    ]
    result = connector.recheck(ids, threads=dict.fromkeys(ids, "200000000000001"))
    assert route.call_count == 1 and result.requests == 1
    changed, gone, hid = result.items
    assert changed.text.endswith("(rettet)") and not changed.deleted
    assert gone.deleted is True
    assert hid.hidden is True


@respx.mock
def test_it_looks_up_fifty_at_a_time_and_one_by_one_when_one_is_gone(
    connector: FacebookConnector,
) -> None:
    still = payload("facebook/comments_page1.json")["data"][3]
    gone_id = "200000000000001_300000000000004"
    batch = respx.get(f"{GRAPH}/").mock(
        side_effect=lambda request: (
            httpx.Response(200, json={still["id"]: still})
            if request.url.params["ids"] == still["id"]
            else httpx.Response(
                400,
                json=graph_error(100, f"Some of the aliases you requested do not exist: {gone_id}"),
            )
        )
    )
    gone, found = connector.recheck([gone_id, still["id"]]).items
    assert gone.deleted is True
    assert found.deleted is False
    assert found.text == "Gjelder fristen for lag og foreninger?"
    assert batch.calls[0].request.url.params["ids"] == f"{gone_id},{still['id']}"


@respx.mock
def test_it_raises_auth_error_for_an_expired_token(connector: FacebookConnector) -> None:
    route = respx.get(f"{GRAPH}/{PAGE}/feed").mock(
        return_value=httpx.Response(
            400,
            json=graph_error(
                190, "Error validating access token: Session has expired on Tuesday.", 463
            ),
        )
    )
    with pytest.raises(AuthError, match="code 190"):
        connector.fetch(WATERMARK)
    assert route.call_count == 1


@pytest.mark.parametrize("code", [4, 17, 32, 613])
@respx.mock
def test_it_treats_graph_throttling_codes_as_rate_limits(
    connector: FacebookConnector, sleeper: Sleeper, code: int
) -> None:
    respx.get(f"{GRAPH}/{PAGE}/feed").mock(
        return_value=httpx.Response(403, json=graph_error(code, "Application request limit"))
    )
    with pytest.raises(RateLimited, match=f"code {code}") as caught:
        connector.fetch(WATERMARK)
    # Not retried seconds later (that only adds to Graph's count): the poll waits an hour.
    assert sleeper.waits == []
    assert caught.value.retry_after == 3600.0


@respx.mock
def test_it_stops_calling_when_the_usage_headers_near_the_limit(
    connector: FacebookConnector,
) -> None:
    usage = (
        '{"104000000000001": [{"type": "pages", "call_count": 95, "total_cputime": 10, '
        '"total_time": 12, "estimated_time_to_regain_access": 7}]}'
    )
    feed = respx.get(f"{GRAPH}/{PAGE}/feed").mock(
        return_value=httpx.Response(
            200,
            json=payload("facebook/page_feed.json"),
            headers={"X-Business-Use-Case-Usage": usage},
        )
    )
    comments = respx.get(url__regex=rf"{GRAPH}/.+/comments").mock(
        return_value=httpx.Response(200, json={"data": []})
    )
    with pytest.raises(RateLimited) as caught:
        connector.fetch(WATERMARK)
    assert feed.call_count == 1 and comments.call_count == 0
    assert caught.value.retry_after == 7 * 60


def test_its_graph_address_is_a_setting() -> None:
    connector = FacebookConnector.from_config(
        {"page_id": PAGE, "base_url": "http://127.0.0.1:8099/graph"}, {"page_access_token": "t"}
    )
    assert connector.root == "http://127.0.0.1:8099/graph/v21.0"


@respx.mock
def test_a_visitor_post_without_from_is_not_the_pages_own(connector: FacebookConnector) -> None:
    post = {"id": f"{PAGE}_55", "message": "Hei!", "created_time": "2025-03-04T10:00:00+0000"}
    assert connector._post_item(post).direction == "in"


@respx.mock
def test_it_honours_retry_after_on_a_plain_429(
    connector: FacebookConnector, sleeper: Sleeper
) -> None:
    respx.get(f"{GRAPH}/{PAGE}/feed").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "Tue, 04 Mar 2025 12:00:15 GMT"}),
            httpx.Response(429, headers={"Retry-After": "2"}),
            httpx.Response(200, json={"data": []}),
        ]
    )
    assert connector.fetch(WATERMARK).items == []
    assert sleeper.waits == [15.0, 2.0]


@respx.mock
def test_it_retries_timeouts_and_5xx(connector: FacebookConnector, sleeper: Sleeper) -> None:
    respx.get(f"{GRAPH}/{PAGE}/feed").mock(
        side_effect=[httpx.ReadTimeout("slow"), httpx.Response(500), httpx.Response(503)]
    )
    with pytest.raises(TransientError):
        connector.fetch(WATERMARK)
    assert sleeper.waits == [1.0, 2.0]


@respx.mock
def test_it_raises_payload_error_for_truncated_json(connector: FacebookConnector) -> None:
    respx.get(f"{GRAPH}/{PAGE}/feed").mock(
        return_value=httpx.Response(200, content=b'{"data": [{"id": "104000000000001_2')
    )
    with pytest.raises(PayloadError, match="not complete JSON"):
        connector.fetch(WATERMARK)


@respx.mock
def test_it_raises_payload_error_without_a_data_list(connector: FacebookConnector) -> None:
    respx.get(f"{GRAPH}/{PAGE}/feed").mock(return_value=httpx.Response(200, json={"id": PAGE}))
    with pytest.raises(PayloadError, match="data list"):
        connector.fetch(WATERMARK)
