"""Mastodon connector against respx, with payloads shaped like the documented entities."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import httpx
import pytest
import respx

from tilstede.connectors.base import (
    AuthError,
    Capability,
    NotSupported,
    PayloadError,
    RateLimited,
    TransientError,
)
from tilstede.connectors.http import RetryPolicy
from tilstede.connectors.mastodon import MastodonConnector

from .conftest import Sleeper, payload

BASE = "https://mastodon.example"
AGENCY_ID = "110000000000000001"
NOW = datetime(2025, 3, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def connector(retry: RetryPolicy) -> MastodonConnector:
    return MastodonConnector(
        base_url=BASE, access_token="t0ken", account_id=AGENCY_ID, retry=retry, now=lambda: NOW
    )


def serve_page(name: str = "notifications_newer_than_9001.json", **headers: str) -> respx.Route:
    return respx.get(f"{BASE}/api/v1/notifications").mock(
        return_value=httpx.Response(200, json=payload(f"mastodon/{name}"), headers=headers)
    )


@respx.mock
def test_it_fetches_mentions_newer_than_the_cursor_oldest_first(
    connector: MastodonConnector,
) -> None:
    route = serve_page()
    result = connector.fetch("9001", limit=40)
    request = route.calls.last.request
    assert request.url.params["min_id"] == "9001"
    assert request.url.params.get_list("types[]") == ["mention"]
    assert request.headers["Authorization"] == "Bearer t0ken"
    assert [i.external_id for i in result.items] == [
        "113000000000000002",
        "113000000000000003",
        "113000000000000005",
    ]
    assert result.cursor == "9005"


@respx.mock
def test_it_turns_status_html_into_plain_text_with_the_content_warning(
    connector: MastodonConnector,
) -> None:
    serve_page()
    first = connector.fetch("9001").items[0]
    assert first.text == "Spørsmål\n\n@etaten Når åpner kontoret i Bø & Sauherad?"
    assert first.kind == "mention"
    assert first.direction == "in"
    assert first.author_handle == "ola_test@social.example"
    assert first.author_name == "Ola Testmann"
    assert first.language == "nn"
    assert first.created_at == datetime(2025, 3, 4, 8, 59, 58, tzinfo=UTC)
    assert first.thread_external_id == first.external_id
    assert first.raw["type"] == "mention"


@respx.mock
def test_it_marks_a_reply_to_the_agencys_status(connector: MastodonConnector) -> None:
    serve_page()
    reply = connector.fetch("9001").items[1]
    assert reply.kind == "reply"
    assert reply.parent_external_id == "113000000000000001"
    assert reply.text == '@etaten Takk for svar! Åpningstidene er "8–15"?'


@respx.mock
def test_it_marks_a_direct_message_private(connector: MastodonConnector) -> None:
    serve_page()
    message = connector.fetch("9001").items[2]
    assert message.kind == "direct_message"
    assert message.private is True
    assert message.text.endswith("søknaden min.\nKan jeg sende den på nytt?")


@respx.mock
def test_it_skips_a_notification_without_required_fields_and_reports_it(
    connector: MastodonConnector,
) -> None:
    serve_page()
    result = connector.fetch("9001")
    assert len(result.items) == 3
    assert result.problems == ["notification 9004 lacks 'created_at'; skipped"]
    assert result.cursor == "9005"  # a bad item does not hold the channel back


@respx.mock
def test_it_says_more_when_a_full_page_came_back(connector: MastodonConnector) -> None:
    serve_page()
    assert connector.fetch("9001", limit=4).more is True
    assert connector.fetch("9001", limit=40).more is False


@respx.mock
def test_it_follows_the_prev_link_for_the_next_cursor(connector: MastodonConnector) -> None:
    serve_page(
        Link=f'<{BASE}/api/v1/notifications?max_id=9002>; rel="next", '
        f'<{BASE}/api/v1/notifications?min_id=9007>; rel="prev"'
    )
    assert connector.fetch("9001").cursor == "9007"


@respx.mock
def test_it_starts_a_new_channel_from_the_newest_page(connector: MastodonConnector) -> None:
    route = serve_page("notifications_first_run.json")
    result = connector.fetch("")
    assert "min_id" not in route.calls.last.request.url.params
    assert result.cursor == "9001"
    assert result.more is False


@respx.mock
def test_it_asks_the_instance_for_the_agency_account_when_not_configured(
    retry: RetryPolicy,
) -> None:
    respx.get(f"{BASE}/api/v1/accounts/verify_credentials").mock(
        return_value=httpx.Response(200, json=payload("mastodon/verify_credentials.json"))
    )
    serve_page()
    connector = MastodonConnector(base_url=BASE, access_token="t", retry=retry)
    assert connector.fetch("9001").items[1].kind == "reply"


@respx.mock
def test_it_reports_an_edit_when_rechecking(connector: MastodonConnector) -> None:
    older_than_4_3()
    respx.get(f"{BASE}/api/v1/statuses/113000000000000002").mock(
        return_value=httpx.Response(200, json=payload("mastodon/status_edited.json"))
    )
    result = connector.recheck(["113000000000000002"])
    edited = result.items[0]
    assert edited.edited_at == datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
    assert edited.text == "@etaten Når åpner kontoret i Bø? (rettet)"
    assert edited.deleted is False


@respx.mock
def test_it_returns_a_tombstone_for_a_status_deleted_at_the_source(
    connector: MastodonConnector,
) -> None:
    older_than_4_3()
    respx.get(f"{BASE}/api/v1/statuses/113000000000000003").mock(
        return_value=httpx.Response(404, json={"error": "Record not found"})
    )
    tombstone = connector.recheck(["113000000000000003"]).items[0]
    assert tombstone.external_id == "113000000000000003"
    assert tombstone.deleted is True
    assert tombstone.text == ""


def older_than_4_3() -> None:
    """An instance without the batch status lookup answers it with 404."""
    respx.get(f"{BASE}/api/v1/statuses").mock(
        return_value=httpx.Response(404, json={"error": "Record not found"})
    )


@respx.mock
def test_it_rechecks_twenty_statuses_in_one_request_where_the_instance_can(
    connector: MastodonConnector,
) -> None:
    edited = payload("mastodon/status_edited.json")
    route = respx.get(f"{BASE}/api/v1/statuses").mock(
        return_value=httpx.Response(200, json=[edited])
    )
    result = connector.recheck([edited["id"], "113000000000000003"])
    assert route.calls.last.request.url.params.get_list("id[]") == [
        edited["id"],
        "113000000000000003",
    ]
    assert result.requests == 1
    changed, gone = result.items
    assert changed.text == "@etaten Når åpner kontoret i Bø? (rettet)"
    assert gone.external_id == "113000000000000003" and gone.deleted is True


@respx.mock
def test_it_skips_a_status_nested_too_deep_and_says_so(connector: MastodonConnector) -> None:
    edited = payload("mastodon/status_edited.json")
    deep = '{"id": "113000000000000009", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    body = "[" + deep + "," + json.dumps(edited) + "]"
    respx.get(f"{BASE}/api/v1/statuses").mock(return_value=httpx.Response(200, text=body))
    result = connector.recheck(["113000000000000009", edited["id"]])
    assert [i.external_id for i in result.items] == [edited["id"]]
    assert result.problems == ["status 113000000000000009 is nested deeper than 64 levels; skipped"]


@respx.mock
def test_it_replies_in_thread_mentioning_the_author(connector: MastodonConnector) -> None:
    serve_page()
    parent = connector.fetch("9001").items[0]
    route = respx.post(f"{BASE}/api/v1/statuses").mock(
        return_value=httpx.Response(200, json=payload("mastodon/status_created.json"))
    )
    sent = connector.reply(parent=parent, text="Kontoret åpner kl. 8.")
    form = dict(httpx.QueryParams(route.calls.last.request.content.decode()))
    assert form["in_reply_to_id"] == parent.external_id
    assert form["status"] == "@ola_test@social.example Kontoret åpner kl. 8."
    assert form["visibility"] == "public"
    assert route.calls.last.request.headers["Idempotency-Key"]
    assert sent.direction == "out"
    assert sent.external_id == "113000000000000100"


@respx.mock
def test_it_keeps_a_reply_to_a_direct_message_direct(connector: MastodonConnector) -> None:
    serve_page()
    message = connector.fetch("9001").items[2]
    route = respx.post(f"{BASE}/api/v1/statuses").mock(
        return_value=httpx.Response(200, json=payload("mastodon/status_created.json"))
    )
    connector.reply(parent=message, text="Vi svarer deg på e-post.")
    form = dict(httpx.QueryParams(route.calls.last.request.content.decode()))
    assert form["visibility"] == "direct"


@respx.mock
def test_it_retries_a_post_with_the_same_idempotency_key(
    connector: MastodonConnector, sleeper: Sleeper
) -> None:
    route = respx.post(f"{BASE}/api/v1/statuses").mock(
        side_effect=[
            httpx.Response(503),
            httpx.Response(200, json=payload("mastodon/status_created.json")),
        ]
    )
    connector.publish(text="Kontoret er stengt i dag.", language="nb")
    keys = {call.request.headers["Idempotency-Key"] for call in route.calls}
    assert route.call_count == 2
    assert len(keys) == 1
    assert sleeper.waits == [1.0]


@respx.mock
def test_it_publishes_with_language_and_link(connector: MastodonConnector) -> None:
    route = respx.post(f"{BASE}/api/v1/statuses").mock(
        return_value=httpx.Response(200, json=payload("mastodon/status_created.json"))
    )
    connector.publish(text="Ny veileder", language="nb", link="https://etaten.example/v")
    form = dict(httpx.QueryParams(route.calls.last.request.content.decode()))
    assert form == {
        "status": "Ny veileder\n\nhttps://etaten.example/v",
        "visibility": "public",
        "language": "nb",
    }


@respx.mock
def test_it_deletes_the_agencys_own_status(connector: MastodonConnector) -> None:
    route = respx.delete(f"{BASE}/api/v1/statuses/113000000000000100").mock(
        return_value=httpx.Response(200, json={})
    )
    connector.delete("113000000000000100")
    assert route.called


@respx.mock
def test_it_refuses_to_delete_a_status_that_is_not_the_agencys(
    connector: MastodonConnector,
) -> None:
    respx.delete(f"{BASE}/api/v1/statuses/113000000000000002").mock(
        return_value=httpx.Response(404, json={"error": "Record not found"})
    )
    with pytest.raises(NotSupported):
        connector.delete("113000000000000002")


def test_it_cannot_hide_replies(connector: MastodonConnector) -> None:
    assert not connector.capabilities & Capability.HIDE
    with pytest.raises(NotSupported):
        connector.hide("113000000000000002")


@respx.mock
def test_it_raises_auth_error_for_an_invalid_token(connector: MastodonConnector) -> None:
    respx.get(f"{BASE}/api/v1/notifications").mock(
        return_value=httpx.Response(401, json={"error": "The access token is invalid"})
    )
    with pytest.raises(AuthError, match="access token is invalid"):
        connector.fetch("9001")


@respx.mock
def test_it_retries_a_5xx_and_a_timeout_before_giving_up(
    connector: MastodonConnector, sleeper: Sleeper
) -> None:
    respx.get(f"{BASE}/api/v1/notifications").mock(
        side_effect=[httpx.Response(502), httpx.ReadTimeout("slow"), httpx.Response(503)]
    )
    with pytest.raises(TransientError):
        connector.fetch("9001")
    assert sleeper.waits == [1.0, 2.0]


@respx.mock
def test_it_waits_for_the_rate_limit_reset_mastodon_announces(
    connector: MastodonConnector, sleeper: Sleeper
) -> None:
    respx.get(f"{BASE}/api/v1/notifications").mock(
        side_effect=[
            httpx.Response(429, headers={"X-RateLimit-Reset": "2025-03-04T12:00:20.000Z"}),
            httpx.Response(200, json=[]),
        ]
    )
    connector.fetch("9001")
    assert sleeper.waits == [20.0]


@respx.mock
def test_it_prefers_retry_after_when_present(
    connector: MastodonConnector, sleeper: Sleeper
) -> None:
    respx.get(f"{BASE}/api/v1/notifications").mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "Tue, 04 Mar 2025 12:00:05 GMT"}),
            httpx.Response(429, headers={"Retry-After": "6"}),
            httpx.Response(429, headers={"Retry-After": "6"}),
        ]
    )
    with pytest.raises(RateLimited):
        connector.fetch("9001")
    assert sleeper.waits == [5.0, 6.0]


@respx.mock
def test_it_raises_payload_error_for_truncated_json(connector: MastodonConnector) -> None:
    respx.get(f"{BASE}/api/v1/notifications").mock(
        return_value=httpx.Response(200, content=b'[{"id": "9002", "type": "ment')
    )
    with pytest.raises(PayloadError, match="not complete JSON"):
        connector.fetch("9001")


@respx.mock
def test_it_raises_payload_error_when_the_page_is_not_a_list(
    connector: MastodonConnector,
) -> None:
    respx.get(f"{BASE}/api/v1/notifications").mock(
        return_value=httpx.Response(200, json={"notifications": []})
    )
    with pytest.raises(PayloadError):
        connector.fetch("9001")
