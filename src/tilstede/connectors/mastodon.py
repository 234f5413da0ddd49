"""Mastodon connector: mentions, replies and direct messages in; replies and posts out.

Talks to the documented REST API with httpx rather than through Mastodon.py: Mastodon.py
sends with ``requests``, so respx cannot fake it, and it would hide the status codes and
Retry-After headers that the shared fault handling in ``http.py`` needs.

What comes in: ``GET /api/v1/notifications?types[]=mention`` paged forward with ``min_id``
(the cursor is the newest notification id seen). Replies to the agency's statuses and
direct messages arrive as mentions. Mastodon sends no notification when a mention is
edited or deleted, so ``recheck`` fetches known statuses again: a changed ``edited_at``
comes back as an edit, a 404 as a tombstone.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import httpx

from .base import (
    Capability,
    Clock,
    ConfigError,
    ConnectorError,
    FetchResult,
    NotSupported,
    PayloadError,
    Problem,
    RateLimited,
    RawItem,
    RecheckPolicy,
    html_to_text,
    parse_datetime,
    require_datetime,
    utcnow,
)
from .bounded import MAX_DEPTH, nested_too_deep
from .http import Http, RetryPolicy

PAGE_MAX = 80  # Mastodon 4.1+ caps notifications at 80 a page
# GET /api/v1/statuses?id[]= (Mastodon 4.3+) looks up to 20 statuses in one request; an
# older instance answers 404 and each status is looked up on its own.
STATUSES_BATCH = 20


def _id_key(value: str) -> tuple[int, str]:
    """Mastodon ids are numeric strings (not guaranteed): compare by length, then text."""
    return (len(value), value)


def _link_min_id(link_header: str) -> str:
    """The ``min_id`` of the rel="prev" link: where the next newer page starts."""
    for part in link_header.split(","):
        match = re.search(r"<([^>]+)>\s*;\s*rel=\"?prev\"?", part)
        if match:
            values = parse_qs(urlsplit(match.group(1)).query).get("min_id")
            if values:
                return values[0]
    return ""


class MastodonConnector:
    platform: ClassVar[str] = "mastodon"
    capabilities: ClassVar[Capability] = (
        Capability.FETCH
        | Capability.REPLY
        | Capability.PUBLISH
        | Capability.DELETE
        | Capability.DIRECT_MESSAGES
        | Capability.EDITS
        | Capability.DELETIONS
    )
    recheck_policy: ClassVar[RecheckPolicy] = RecheckPolicy(
        ids_per_request=STATUSES_BATCH,
        limit=300,
        window=timedelta(minutes=5),
        share=0.2,
        source="docs.joinmastodon.org/api/rate-limits: 300 requests per 5 minutes per account",
    )

    def __init__(
        self,
        *,
        base_url: str,
        access_token: str,
        account_id: str = "",
        client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        now: Clock = utcnow,
    ) -> None:
        if not base_url.startswith(("https://", "http://")):
            raise ConfigError(f"instance URL must start with https:// ({base_url!r})")
        if not access_token:
            raise ConfigError("an access token is required", platform=self.platform)
        self.base_url = base_url.rstrip("/")
        self._account_id = account_id
        self.batch_lookup = True
        self.now = now
        self.http = Http(
            self.platform,
            Http.make_client(client),
            retry=retry or RetryPolicy(),
            error_hook=self._error_hook,
            now=now,
            headers={"Authorization": f"Bearer {access_token}"},
        )

    @classmethod
    def from_config(
        cls,
        config: Mapping[str, Any],
        secrets: Mapping[str, str],
        *,
        client: httpx.Client | None = None,
    ) -> MastodonConnector:
        base_url = config.get("base_url") or config.get("instance_url") or ""
        if not base_url:
            raise ConfigError("config needs base_url (the instance)", platform=cls.platform)
        return cls(
            base_url=str(base_url),
            access_token=secrets.get("access_token", ""),
            account_id=str(config.get("account_id") or ""),
            client=client,
        )

    # -- reading ---------------------------------------------------------------------------

    @property
    def account_id(self) -> str:
        """The agency's own account id, from config or asked of the instance once."""
        if not self._account_id:
            me = self.http.get_json(self._url("/api/v1/accounts/verify_credentials"))
            if not isinstance(me, dict) or not me.get("id"):
                raise PayloadError("verify_credentials returned no account id", platform="mastodon")
            self._account_id = str(me["id"])
        return self._account_id

    def fetch(self, cursor: str = "", *, limit: int = 100) -> FetchResult:
        """One page of mention notifications newer than ``cursor`` (oldest page first).

        Without a cursor only the newest page is read: a new channel starts from now.
        """
        page_limit = max(1, min(limit, PAGE_MAX))
        _ = self.account_id  # kind and direction depend on it
        params: list[tuple[str, str | int]] = [("types[]", "mention"), ("limit", page_limit)]
        if cursor:
            params.append(("min_id", cursor))
        response = self.http.request("GET", self._url("/api/v1/notifications"), params=params)
        page = self.http.parse_json(response)
        if not isinstance(page, list):
            raise PayloadError("notifications did not return a list", platform=self.platform)

        items: list[RawItem] = []
        problems: list[str] = []
        newest = cursor
        for position, notification in enumerate(page):
            if not isinstance(notification, dict) or not notification.get("id"):
                problems.append(f"notification #{position} has no id; skipped")
                continue
            note_id = str(notification["id"])
            if not newest or _id_key(note_id) > _id_key(newest):
                newest = note_id
            if notification.get("type") != "mention":
                continue  # an instance older than 3.5 ignores types[]
            if nested_too_deep(notification):
                problems.append(
                    Problem(
                        f"notification {note_id} is nested deeper than {MAX_DEPTH} levels; skipped"
                    )
                )
                continue
            try:
                items.append(self._item(notification["status"], notification=notification))
            except (KeyError, TypeError, ValueError) as exc:
                problems.append(f"notification {note_id} lacks {exc}; skipped")
        linked = _link_min_id(response.headers.get("Link", ""))
        if linked and (not newest or _id_key(linked) > _id_key(newest)):
            newest = linked
        items.sort(key=lambda item: item.created_at)
        more = bool(cursor) and len(page) >= page_limit
        return FetchResult(items=items, cursor=newest, more=more, problems=problems)

    def recheck(
        self, external_ids: Sequence[str], *, threads: Mapping[str, str] | None = None
    ) -> FetchResult:
        """Look at known statuses again: edited ones come back changed, gone ones as
        tombstones (Mastodon has no hiding of replies, so nothing comes back hidden).

        Twenty at a time through the batch lookup where the instance has it (4.3+), one
        by one where it answers 404; ``requests`` says what it cost.
        """
        sent = self.http.sent
        items: list[RawItem] = []
        problems: list[str] = []
        _ = self.account_id
        ids = list(external_ids)
        for start in range(0, len(ids), STATUSES_BATCH):
            chunk = ids[start : start + STATUSES_BATCH]
            found = self._statuses(chunk) if self.batch_lookup else None
            if found is None:
                found = {}
                for status_id in chunk:
                    response = self.http.request(
                        "GET", self._url(f"/api/v1/statuses/{status_id}"), ok=(404, 410)
                    )
                    if response.is_success:
                        found[status_id] = self.http.parse_json(response)
            for status_id in chunk:
                status = found.get(status_id)
                if status is None:
                    items.append(self._tombstone(status_id))
                elif nested_too_deep(status):
                    problems.append(
                        Problem(
                            f"status {status_id} is nested deeper than {MAX_DEPTH} levels; skipped"
                        )
                    )
                else:
                    try:
                        items.append(self._item(status))
                    except (KeyError, TypeError, ValueError) as exc:
                        problems.append(Problem(f"status {status_id} lacks {exc}; skipped"))
        return FetchResult(
            items=items, cursor="", more=False, problems=problems, requests=self.http.sent - sent
        )

    def _statuses(self, ids: Sequence[str]) -> dict[str, Any] | None:
        """Statuses by id through the batch lookup; None where the instance lacks it."""
        response = self.http.request(
            "GET", self._url("/api/v1/statuses"), params=[("id[]", i) for i in ids], ok=(404,)
        )
        if response.status_code == 404:
            self.batch_lookup = False
            return None
        body = self.http.parse_json(response)
        if not isinstance(body, list):
            raise PayloadError("the status lookup did not return a list", platform=self.platform)
        return {str(s["id"]): s for s in body if isinstance(s, dict) and s.get("id")}

    # -- writing ---------------------------------------------------------------------------

    def reply(self, *, parent: RawItem | str, text: str) -> RawItem:
        """Reply in the parent's thread, keeping a direct message direct.

        The author is mentioned so that Mastodon delivers the reply to them.
        """
        return self._reply(parent, text, direct=False)

    def direct_message(self, *, parent: RawItem | str, text: str) -> RawItem:
        """Write to the parent's author alone: a direct status in reply to theirs.

        Used for notices about a moderation decision, which concern the author only.
        """
        return self._reply(parent, text, direct=True)

    def _reply(self, parent: RawItem | str, text: str, *, direct: bool) -> RawItem:
        _ = self.account_id
        if isinstance(parent, str):
            status = self.http.get_json(self._url(f"/api/v1/statuses/{parent}"))
            parent = self._item(status)
        visibility = str(parent.raw.get("visibility") or ("direct" if parent.private else ""))
        if direct:
            visibility = "direct"
        if visibility not in ("direct", "private", "unlisted"):
            visibility = "public"
        handle = parent.author_handle
        body = text
        if handle and parent.direction == "in" and f"@{handle}" not in text:
            body = f"@{handle} {text}"
        data = {"status": body, "in_reply_to_id": parent.external_id, "visibility": visibility}
        if parent.language:
            data["language"] = parent.language
        return self._post_status(data)

    def publish(self, *, text: str, language: str = "", link: str = "") -> RawItem:
        body = f"{text}\n\n{link}" if link else text
        data = {"status": body, "visibility": "public"}
        if language:
            data["language"] = language
        return self._post_status(data)

    def delete(self, external_id: str) -> None:
        response = self.http.request(
            "DELETE", self._url(f"/api/v1/statuses/{external_id}"), write=True, ok=(404,)
        )
        if response.status_code == 404:
            raise NotSupported(
                f"status {external_id} is not the agency's own or is already gone",
                platform=self.platform,
            )

    def hide(self, external_id: str) -> None:
        raise NotSupported("Mastodon has no way to hide a reply", platform=self.platform)

    def unhide(self, external_id: str) -> None:
        raise NotSupported("Mastodon has no way to hide a reply", platform=self.platform)

    # -- mapping ---------------------------------------------------------------------------

    def _post_status(self, data: dict[str, str]) -> RawItem:
        # The key makes a retried POST idempotent at the instance, so transient failures
        # can be retried without posting twice.
        _ = self.account_id
        key = hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()
        response = self.http.request(
            "POST",
            self._url("/api/v1/statuses"),
            data=data,
            headers={"Idempotency-Key": key},
        )
        status = self.http.parse_json(response)
        try:
            return self._item(status)
        except (KeyError, TypeError, ValueError) as exc:
            raise PayloadError(
                f"the new status came back without {exc}", platform=self.platform
            ) from exc

    def _item(
        self, status: Mapping[str, Any], *, notification: Mapping[str, Any] | None = None
    ) -> RawItem:
        account = status["account"]
        account_id = str(account["id"])
        own = account_id == self._account_id
        visibility = str(status.get("visibility") or "public")
        in_reply_to = str(status.get("in_reply_to_id") or "")
        if visibility == "direct":
            kind = "direct_message"
        elif in_reply_to and str(status.get("in_reply_to_account_id")) == self._account_id:
            kind = "reply"
        elif own:
            kind = "post"
        else:
            kind = "mention"
        text = html_to_text(str(status.get("content") or ""))
        warning = str(status.get("spoiler_text") or "")
        if warning:
            text = f"{warning}\n\n{text}"
        status_id = str(status["id"])
        return RawItem(
            external_id=status_id,
            kind=kind,
            direction="out" if own else "in",
            author_handle=str(account.get("acct") or account.get("username") or ""),
            author_name=str(account.get("display_name") or account.get("username") or ""),
            text=text,
            url=str(status.get("url") or status.get("uri") or ""),
            created_at=require_datetime(status.get("created_at"), "created_at"),
            language=str(status.get("language") or ""),
            parent_external_id=in_reply_to,
            thread_external_id="" if in_reply_to else status_id,
            edited_at=parse_datetime(status.get("edited_at")),
            private=visibility in ("direct", "private"),
            raw=dict(notification) if notification is not None else dict(status),
        )

    def _tombstone(self, status_id: str) -> RawItem:
        return RawItem(
            external_id=status_id,
            kind="mention",
            direction="in",
            author_handle="",
            author_name="",
            text="",
            url="",
            created_at=self.now(),
            deleted=True,
        )

    def _url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def _error_hook(self, response: httpx.Response) -> ConnectorError | None:
        if response.status_code != 429 or "Retry-After" in response.headers:
            return None
        # Mastodon announces the end of the window as an ISO time in X-RateLimit-Reset.
        reset = parse_datetime(response.headers.get("X-RateLimit-Reset"))
        wait = max(0.0, (reset - self.now()).total_seconds()) if reset else None
        return RateLimited("rate limited (HTTP 429)", platform=self.platform, retry_after=wait)
