"""Retry helper and fault classification, against respx; nothing really sleeps."""

from __future__ import annotations

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
from tilstede.connectors.http import Http, NotSent, RetryPolicy, parse_retry_after

from .conftest import Sleeper

NOW = datetime(2025, 3, 4, 12, 0, 0, tzinfo=UTC)
URL = "https://api.example.test/thing"


def make_http(sleeper: Sleeper, *, attempts: int = 4, jitter: float = 1.0) -> Http:
    policy = RetryPolicy(
        max_attempts=attempts, base_delay=1.0, max_delay=5.0, jitter=lambda: jitter, sleep=sleeper
    )
    return Http("example", httpx.Client(), retry=policy, now=lambda: NOW)


def test_it_reads_retry_after_in_seconds() -> None:
    assert parse_retry_after("120", now=lambda: NOW) == 120.0


def test_it_reads_retry_after_as_an_http_date() -> None:
    assert parse_retry_after("Tue, 04 Mar 2025 12:00:30 GMT", now=lambda: NOW) == 30.0


def test_it_treats_a_retry_after_in_the_past_as_no_wait() -> None:
    assert parse_retry_after("Tue, 04 Mar 2025 11:00:00 GMT", now=lambda: NOW) == 0.0


def test_it_ignores_an_unreadable_retry_after() -> None:
    assert parse_retry_after("soon", now=lambda: NOW) is None
    assert parse_retry_after(None) is None


def test_it_backs_off_exponentially_up_to_the_cap() -> None:
    sleeper = Sleeper()
    policy = RetryPolicy(
        max_attempts=6, base_delay=1.0, max_delay=5.0, jitter=lambda: 1.0, sleep=sleeper
    )
    calls = 0

    def flaky() -> str:
        nonlocal calls
        calls += 1
        if calls < 6:
            raise TransientError("boom")
        return "ok"

    assert policy.call(flaky) == "ok"
    assert sleeper.waits == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_it_applies_jitter_between_half_and_full_delay() -> None:
    policy = RetryPolicy(base_delay=2.0, jitter=lambda: 0.0)
    assert policy.delay(1, TransientError("x")) == 1.0
    assert policy.delay(2, TransientError("x")) == 2.0


def test_it_gives_up_after_the_last_attempt() -> None:
    sleeper = Sleeper()
    policy = RetryPolicy(max_attempts=3, sleep=sleeper, jitter=lambda: 1.0)

    def always() -> None:
        raise TransientError("still down")

    with pytest.raises(TransientError, match="still down"):
        policy.call(always)
    assert len(sleeper.waits) == 2


def test_it_does_not_retry_auth_or_payload_errors() -> None:
    sleeper = Sleeper()
    policy = RetryPolicy(sleep=sleeper)
    for error in (AuthError("expired"), PayloadError("garbled")):

        def fail(error: Exception = error) -> None:
            raise error

        with pytest.raises(type(error)):
            policy.call(fail)
    assert sleeper.waits == []


def test_it_waits_exactly_the_retry_after_it_was_given() -> None:
    sleeper = Sleeper()
    policy = RetryPolicy(sleep=sleeper)
    calls = 0

    def limited() -> str:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RateLimited("slow down", retry_after=42.0)
        return "ok"

    assert policy.call(limited) == "ok"
    assert sleeper.waits == [42.0]


def test_it_hands_a_long_retry_after_back_to_the_caller() -> None:
    sleeper = Sleeper()
    policy = RetryPolicy(sleep=sleeper, max_retry_after=60.0)

    def limited() -> None:
        raise RateLimited("come back in an hour", retry_after=3600.0)

    with pytest.raises(RateLimited) as info:
        policy.call(limited)
    assert info.value.retry_after == 3600.0
    assert sleeper.waits == []


@respx.mock
def test_it_retries_a_5xx_then_succeeds() -> None:
    sleeper = Sleeper()
    respx.get(URL).mock(side_effect=[httpx.Response(503), httpx.Response(200, json={"ok": 1})])
    assert make_http(sleeper).get_json(URL) == {"ok": 1}
    assert sleeper.waits == [1.0]


@respx.mock
def test_it_retries_a_timeout() -> None:
    sleeper = Sleeper()
    respx.get(URL).mock(side_effect=[httpx.ReadTimeout("slow"), httpx.Response(200, json=[])])
    assert make_http(sleeper).get_json(URL) == []
    assert len(sleeper.waits) == 1


@respx.mock
def test_it_raises_transient_error_when_timeouts_persist() -> None:
    respx.get(URL).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(TransientError, match="timed out"):
        make_http(Sleeper(), attempts=2).get_json(URL)


@respx.mock
def test_it_honours_retry_after_seconds_on_429() -> None:
    sleeper = Sleeper()
    respx.get(URL).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}),
            httpx.Response(200, json={}),
        ]
    )
    make_http(sleeper).get_json(URL)
    assert sleeper.waits == [7.0]


@respx.mock
def test_it_honours_retry_after_http_date_on_429() -> None:
    sleeper = Sleeper()
    respx.get(URL).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "Tue, 04 Mar 2025 12:00:09 GMT"}),
            httpx.Response(200, json={}),
        ]
    )
    make_http(sleeper).get_json(URL)
    assert sleeper.waits == [9.0]


@respx.mock
def test_it_raises_rate_limited_with_the_delay_when_attempts_run_out() -> None:
    respx.get(URL).mock(return_value=httpx.Response(429, headers={"Retry-After": "3"}))
    with pytest.raises(RateLimited) as info:
        make_http(Sleeper(), attempts=2).get_json(URL)
    assert info.value.retry_after == 3.0


@respx.mock
def test_it_raises_auth_error_on_401_without_retrying() -> None:
    route = respx.get(URL).mock(return_value=httpx.Response(401, json={"error": "bad token"}))
    with pytest.raises(AuthError, match="bad token"):
        make_http(Sleeper()).get_json(URL)
    assert route.call_count == 1


@respx.mock
def test_it_raises_payload_error_on_truncated_json() -> None:
    respx.get(URL).mock(return_value=httpx.Response(200, content=b'[{"id": "1", "typ'))
    with pytest.raises(PayloadError, match="not complete JSON"):
        make_http(Sleeper()).get_json(URL)


@respx.mock
def test_it_does_not_retry_a_write_that_may_have_reached_the_platform() -> None:
    sleeper = Sleeper()
    route = respx.post(URL).mock(return_value=httpx.Response(502))
    with pytest.raises(TransientError):
        make_http(sleeper).request("POST", URL, write=True)
    assert route.call_count == 1


@respx.mock
def test_it_retries_a_write_that_never_connected() -> None:
    sleeper = Sleeper()
    route = respx.post(URL).mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json={})]
    )
    make_http(sleeper).request("POST", URL, write=True)
    assert route.call_count == 2


@respx.mock
def test_it_reports_an_unexpected_4xx_as_a_plain_connector_error() -> None:
    respx.get(URL).mock(return_value=httpx.Response(422, json={"error": "Validation failed"}))
    with pytest.raises(ConnectorError, match="Validation failed") as info:
        make_http(Sleeper()).get_json(URL)
    assert not isinstance(info.value, TransientError | AuthError)


def test_not_sent_is_transient() -> None:
    assert issubclass(NotSent, TransientError)
