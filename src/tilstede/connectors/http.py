"""HTTP plumbing shared by the connectors: fault classification and retry with backoff.

Every platform call goes through ``Http.request``, which turns transport faults and status
codes into the connector error types, and through ``RetryPolicy``, which retries the
transient ones. Writes retry only when the platform surely did not act (connection never
made, or 429), so a reply is not posted twice; Mastodon adds an Idempotency-Key on top.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx

from . import bounded
from .base import (
    AuthError,
    Clock,
    ConnectorError,
    PayloadError,
    RateLimited,
    TransientError,
    utcnow,
)

T = TypeVar("T")

USER_AGENT = "Tilstede/0.1 (self-hosted social media desk; +https://github.com/tilstede)"
DEFAULT_TIMEOUT = httpx.Timeout(15.0, connect=5.0)
# The largest answer read from a platform. A page may hold one oversized item (refused on
# its own by ingest, the rest stored), so the cap is on the whole answer and generous.
MAX_RESPONSE_BYTES = 48 * 1024 * 1024


class DeadlinePassed(TransientError):
    """The poll's total time ran out (a server trickling bytes keeps no worker for long)."""


class NotSent(TransientError):
    """The request never reached the platform (connection refused, DNS, connect timeout)."""


def parse_retry_after(value: str | None, *, now: Clock = utcnow) -> float | None:
    """Read a Retry-After header: delay in seconds, or an HTTP date. None if absent/unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now()).total_seconds())


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with jitter that honours the platform's Retry-After.

    Attempt n (1-based) that fails waits ``min(max_delay, base_delay * 2**(n-1))`` scaled
    into [50 %, 100 %] by ``jitter()``; a Retry-After replaces that. A Retry-After longer
    than ``max_retry_after`` is not waited out here: the error goes to the caller, whose
    task queue can reschedule the job instead of holding a worker.
    """

    max_attempts: int = 4
    base_delay: float = 1.0
    max_delay: float = 60.0
    max_retry_after: float = 300.0
    jitter: Callable[[], float] = random.random
    sleep: Callable[[float], None] = time.sleep

    def delay(self, attempt: int, error: TransientError) -> float | None:
        """Seconds to wait after failed attempt ``attempt``, or None to give up."""
        if attempt >= self.max_attempts:
            return None
        if error.retry_after is not None:
            if error.retry_after > self.max_retry_after:
                return None
            return error.retry_after
        backoff = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return backoff * (0.5 + self.jitter() / 2)

    def call(
        self,
        fn: Callable[[], T],
        *,
        retry_on: tuple[type[TransientError], ...] = (TransientError,),
    ) -> T:
        attempt = 1
        while True:
            try:
                return fn()
            except retry_on as error:
                if isinstance(error, DeadlinePassed):
                    raise
                wait = self.delay(attempt, error)
                if wait is None:
                    raise
                self.sleep(wait)
                attempt += 1


NO_RETRY = RetryPolicy(max_attempts=1)

ErrorHook = Callable[[httpx.Response], ConnectorError | None]


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


@dataclass
class Http:
    """An httpx client bound to one platform's error rules and retry policy."""

    platform: str
    client: httpx.Client
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    error_hook: ErrorHook | None = None
    now: Clock = utcnow
    headers: dict[str, str] = field(default_factory=dict)
    max_bytes: int = MAX_RESPONSE_BYTES
    # time.monotonic() after which no request starts and no answer is read further.
    deadline: float | None = None
    sent: int = 0  # requests sent, retries included: what the platform counts
    # Called before each request (may refuse it) and with each answer (may note usage).
    gate: Callable[[], None] | None = None
    inspect: Callable[[httpx.Response], None] | None = None

    def set_deadline(self, seconds: float | None) -> None:
        """Give every request from now on ``seconds`` in all (None: no deadline)."""
        self.deadline = None if seconds is None else time.monotonic() + seconds

    def _check_deadline(self, what: str) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise DeadlinePassed(
                f"the poll's time ran out during {what}; the rest waits for the next poll",
                platform=self.platform,
            )

    @staticmethod
    def make_client(client: httpx.Client | None) -> httpx.Client:
        if client is not None:
            return client
        return httpx.Client(
            timeout=DEFAULT_TIMEOUT, headers={"User-Agent": USER_AGENT}, follow_redirects=True
        )

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Any = None,
        json_body: Any = None,
        data: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        write: bool = False,
        ok: tuple[int, ...] = (),
    ) -> httpx.Response:
        """Send with retries; returns a 2xx response (or one whose status is in ``ok``)."""
        retry_on: tuple[type[TransientError], ...] = (
            (NotSent, RateLimited) if write else (TransientError,)
        )
        merged = {**self.headers, **(headers or {})}

        def once() -> httpx.Response:
            self._check_deadline(f"{method} {url}")
            if self.gate is not None:
                self.gate()
            response = self._send(method, url, params, json_body, data, merged)
            if self.inspect is not None:
                self.inspect(response)
            if response.is_success or response.status_code in ok:
                return response
            raise self.classify(response)

        return self.retry.call(once, retry_on=retry_on)

    def get_json(self, url: str, **kwargs: Any) -> Any:
        return self.parse_json(self.request("GET", url, **kwargs))

    def parse_json(self, response: httpx.Response) -> Any:
        try:
            return bounded.loads(response.content)
        except ValueError as exc:
            raise PayloadError(
                f"{response.request.method} {response.request.url.path} returned a body that "
                f"is not complete JSON ({len(response.content)} bytes): {exc}",
                platform=self.platform,
            ) from exc

    def _send(
        self,
        method: str,
        url: str,
        params: Any,
        json_body: Any,
        data: Mapping[str, Any] | None,
        headers: Mapping[str, str],
    ) -> httpx.Response:
        self.sent += 1
        request = self.client.build_request(
            method, url, params=params, json=json_body, data=data, headers=headers
        )
        try:
            response = self.client.send(request, stream=True)
            try:
                body = self._read(response, f"{method} {url}")
            finally:
                response.close()
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise NotSent(f"could not connect: {exc}", platform=self.platform) from exc
        except httpx.TimeoutException as exc:
            raise TransientError(
                f"{method} {url} timed out: {type(exc).__name__}", platform=self.platform
            ) from exc
        except httpx.TransportError as exc:
            raise TransientError(f"{method} {url} failed: {exc}", platform=self.platform) from exc
        return httpx.Response(
            response.status_code,
            headers=response.headers,
            content=body,
            request=response.request,
            extensions=response.extensions,
        )

    def _read(self, response: httpx.Response, what: str) -> bytes:
        """The body, chunk by chunk, within the size cap and the poll's deadline."""
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                raise PayloadError(
                    f"{what} answered with more than {self.max_bytes // (1024 * 1024)} MB; "
                    "not read",
                    platform=self.platform,
                )
            chunks.append(chunk)
            self._check_deadline(what)
        return b"".join(chunks)

    def classify(self, response: httpx.Response) -> ConnectorError:
        """Map a non-success response to an error; the platform hook sees it first."""
        if self.error_hook is not None:
            error = self.error_hook(response)
            if error is not None:
                return error
        status = response.status_code
        retry_after = parse_retry_after(response.headers.get("Retry-After"), now=self.now)
        detail = _error_detail(response)
        if status == 429:
            return RateLimited(
                f"rate limited (HTTP 429){detail}", platform=self.platform, retry_after=retry_after
            )
        if status in (401, 403):
            return AuthError(
                f"access refused (HTTP {status}){detail}; the channel's token may have "
                "expired or been revoked",
                platform=self.platform,
            )
        if status >= 500 or status == 408:
            return TransientError(
                f"server error (HTTP {status}){detail}",
                platform=self.platform,
                retry_after=retry_after,
            )
        return ConnectorError(f"request refused (HTTP {status}){detail}", platform=self.platform)


def _error_detail(response: httpx.Response) -> str:
    body = _json_or_none(response)
    if isinstance(body, dict):
        for key in ("error_description", "message", "error"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return f": {value}"
            if isinstance(value, dict) and isinstance(value.get("message"), str):
                return f": {value['message']}"
    return ""
