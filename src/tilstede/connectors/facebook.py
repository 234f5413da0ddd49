"""Facebook Page connector: comments on the page's posts in; replies, hiding, deleting out.

Graph API over httpx (version from config, v21.0 by default). The Graph API has no
"comments since" across a page, so a fetch reads the page's recent posts and, per post,
its comments newest first (``filter=stream``, ``order=reverse_chronological``), paging
with ``paging.cursors.after`` until it passes the watermark. Graph errors arrive in the
body: code 190 is an expired token, 4/17/32/613 are throttling.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, ClassVar

import httpx

from .base import (
    AuthError,
    Capability,
    Clock,
    ConfigError,
    ConnectorError,
    FetchResult,
    PayloadError,
    RateLimited,
    RawItem,
    TransientError,
    Watermark,
    decode_cursor,
    encode_cursor,
    oldest_first,
    require_datetime,
    utcnow,
)
from .http import Http, RetryPolicy, parse_retry_after

GRAPH = "https://graph.facebook.com"
POST_FIELDS = "id,message,created_time,updated_time,permalink_url,from"
COMMENT_FIELDS = "id,message,from,created_time,parent{id},is_hidden,permalink_url"
AUTH_CODES = frozenset({102, 190, 10, *range(200, 300)})
THROTTLE_CODES = frozenset({4, 17, 32, 613, 368, 80001})
TRANSIENT_CODES = frozenset({1, 2})
NOT_FOUND = 100  # "Unsupported get request": object missing or not visible


class FacebookConnector:
    platform: ClassVar[str] = "facebook"
    capabilities: ClassVar[Capability] = (
        Capability.FETCH
        | Capability.REPLY
        | Capability.PUBLISH
        | Capability.HIDE
        | Capability.UNHIDE
        | Capability.DELETE
        | Capability.DELETIONS
    )

    def __init__(
        self,
        *,
        page_id: str,
        access_token: str,
        version: str = "v21.0",
        base_url: str = GRAPH,
        posts_window: int = 25,
        max_comment_pages: int = 10,
        client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        now: Clock = utcnow,
    ) -> None:
        if not page_id:
            raise ConfigError("config needs page_id", platform=self.platform)
        if not access_token:
            raise ConfigError("a page access token is required", platform=self.platform)
        self.page_id = page_id
        self.root = f"{base_url.rstrip('/')}/{version}"
        self.posts_window = posts_window
        self.max_comment_pages = max_comment_pages
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
    ) -> FacebookConnector:
        return cls(
            page_id=str(config.get("page_id") or ""),
            access_token=secrets.get("page_access_token") or secrets.get("access_token", ""),
            version=str(config.get("graph_version") or "v21.0"),
            client=client,
        )

    # -- reading ---------------------------------------------------------------------------

    def fetch(self, cursor: str = "", *, limit: int = 100) -> FetchResult:
        """New posts and comments on the page's recent posts since the watermark.

        Without a cursor only the newest page of comments per post is read.
        """
        watermark = Watermark.from_dict(decode_cursor(cursor, self.platform))
        pairs: list[tuple[datetime, RawItem]] = []
        problems: list[str] = []
        feed = self._get(
            f"{self.root}/{self.page_id}/feed",
            {"fields": POST_FIELDS, "limit": self.posts_window},
        )
        for position, post in enumerate(self._data(feed, "feed")):
            try:
                item = self._post_item(post)
            except (KeyError, TypeError, ValueError) as exc:
                problems.append(f"post #{position} lacks {exc}; skipped")
                continue
            pairs.append((item.created_at, item))
            self._collect_comments(item.external_id, watermark, pairs, problems)
        items, advanced, more = oldest_first(pairs, watermark, limit)
        return FetchResult(
            items=items, cursor=encode_cursor(advanced.to_dict()), more=more, problems=problems
        )

    def _collect_comments(
        self,
        post_id: str,
        watermark: Watermark,
        pairs: list[tuple[datetime, RawItem]],
        problems: list[str],
    ) -> None:
        params: dict[str, Any] = {
            "filter": "stream",
            "order": "reverse_chronological",
            "fields": COMMENT_FIELDS,
            "limit": 100,
        }
        for _ in range(self.max_comment_pages):
            page = self._get(f"{self.root}/{post_id}/comments", params)
            passed_watermark = False
            for comment in self._data(page, f"comments of {post_id}"):
                try:
                    item = self._comment_item(comment, post_id=post_id)
                except (KeyError, TypeError, ValueError) as exc:
                    label = comment.get("id") if isinstance(comment, dict) else None
                    problems.append(f"comment {label or '?'} on {post_id} lacks {exc}; skipped")
                    continue
                if watermark.since is not None and item.created_at < watermark.since:
                    passed_watermark = True
                pairs.append((item.created_at, item))
            paging = page.get("paging") or {}
            after = (paging.get("cursors") or {}).get("after")
            if passed_watermark or watermark.since is None or not paging.get("next") or not after:
                return
            params = {**params, "after": after}
        problems.append(f"comments on {post_id} go back more than {self.max_comment_pages} pages")

    def recheck(self, external_ids: Sequence[str]) -> FetchResult:
        """Look at known comments again: hidden state and text as now, or a tombstone."""
        items: list[RawItem] = []
        problems: list[str] = []
        for object_id in external_ids:
            response = self.http.request(
                "GET",
                f"{self.root}/{object_id}",
                params={"fields": COMMENT_FIELDS},
                ok=(400, 404),
            )
            if response.status_code == 404:
                items.append(self._tombstone(object_id))
                continue
            body = self.http.parse_json(response)
            if not response.is_success:
                error = body.get("error") if isinstance(body, dict) else None
                code = error.get("code") if isinstance(error, dict) else None
                if code != NOT_FOUND:
                    raise self.http.classify(response)
                items.append(self._tombstone(object_id))
                continue
            try:
                items.append(self._comment_item(body, post_id=""))
            except (KeyError, TypeError, ValueError) as exc:
                problems.append(f"comment {object_id} lacks {exc}; skipped")
        return FetchResult(items=items, cursor="", more=False, problems=problems)

    # -- writing ---------------------------------------------------------------------------

    def reply(self, *, parent: RawItem | str, text: str) -> RawItem:
        """Comment under a post, or reply to a comment.

        Facebook nests one level only, so a reply to a reply goes to its parent comment.
        """
        target = parent if isinstance(parent, str) else parent.external_id
        thread = "" if isinstance(parent, str) else parent.thread_external_id
        if isinstance(parent, RawItem) and parent.kind == "reply" and parent.parent_external_id:
            target = parent.parent_external_id
        body = self._post(f"{self.root}/{target}/comments", {"message": text})
        created = self.now()
        return RawItem(
            external_id=self._new_id(body),
            kind="reply" if target != thread else "comment",
            direction="out",
            author_handle=self.page_id,
            author_name="",
            text=text,
            url="",
            created_at=created,
            parent_external_id=target,
            thread_external_id=thread,
            raw=dict(body),
        )

    def publish(self, *, text: str, language: str = "", link: str = "") -> RawItem:
        data = {"message": text}
        if link:
            data["link"] = link
        body = self._post(f"{self.root}/{self.page_id}/feed", data)
        post_id = self._new_id(body)
        return RawItem(
            external_id=post_id,
            kind="post",
            direction="out",
            author_handle=self.page_id,
            author_name="",
            text=text,
            url="",
            created_at=self.now(),
            language=language,
            thread_external_id=post_id,
            raw=dict(body),
        )

    def hide(self, external_id: str) -> None:
        self._post(f"{self.root}/{external_id}", {"is_hidden": "true"})

    def unhide(self, external_id: str) -> None:
        self._post(f"{self.root}/{external_id}", {"is_hidden": "false"})

    def delete(self, external_id: str) -> None:
        response = self.http.request("DELETE", f"{self.root}/{external_id}", write=True)
        self._check_success(self.http.parse_json(response), f"delete {external_id}")

    # -- internals -------------------------------------------------------------------------

    def _get(self, url: str, params: Mapping[str, Any]) -> dict[str, Any]:
        body = self.http.get_json(url, params=dict(params))
        if not isinstance(body, dict):
            raise PayloadError(f"{url} did not return an object", platform=self.platform)
        return body

    def _post(self, url: str, data: Mapping[str, str]) -> dict[str, Any]:
        response = self.http.request("POST", url, data=data, write=True)
        body = self.http.parse_json(response)
        if not isinstance(body, dict):
            raise PayloadError(f"{url} did not return an object", platform=self.platform)
        if "id" not in body:
            self._check_success(body, url)
        return body

    def _check_success(self, body: Any, what: str) -> None:
        if not isinstance(body, dict) or body.get("success") is not True:
            raise ConnectorError(f"Facebook did not confirm {what}: {body!r}", platform="facebook")

    def _new_id(self, body: Mapping[str, Any]) -> str:
        if not body.get("id"):
            raise PayloadError("the new object came back without an id", platform=self.platform)
        return str(body["id"])

    def _data(self, body: Mapping[str, Any], what: str) -> list[Any]:
        data = body.get("data")
        if not isinstance(data, list):
            raise PayloadError(f"{what} came back without a data list", platform=self.platform)
        return data

    def _post_item(self, post: Mapping[str, Any]) -> RawItem:
        author = post.get("from") or {}
        post_id = str(post["id"])
        created = require_datetime(post.get("created_time"), "created_time")
        own = str(author.get("id") or self.page_id) == self.page_id
        return RawItem(
            external_id=post_id,
            kind="post",
            direction="out" if own else "in",
            author_handle=str(author.get("id") or ""),
            author_name=str(author.get("name") or ""),
            text=str(post.get("message") or ""),
            url=str(post.get("permalink_url") or ""),
            created_at=created,
            thread_external_id=post_id,
            raw=dict(post),
        )

    def _comment_item(self, comment: Mapping[str, Any], *, post_id: str) -> RawItem:
        comment_id = str(comment["id"])
        created = require_datetime(comment.get("created_time"), "created_time")
        # Without pages_read_user_content Facebook leaves out "from"; the comment still counts.
        author = comment.get("from") or {}
        parent = str((comment.get("parent") or {}).get("id") or "")
        return RawItem(
            external_id=comment_id,
            kind="reply" if parent else "comment",
            direction="out" if str(author.get("id") or "") == self.page_id else "in",
            author_handle=str(author.get("id") or ""),
            author_name=str(author.get("name") or ""),
            text=str(comment.get("message") or ""),
            url=str(comment.get("permalink_url") or ""),
            created_at=created,
            parent_external_id=parent or post_id,
            thread_external_id=post_id,
            hidden=bool(comment.get("is_hidden")),
            raw=dict(comment),
        )

    def _tombstone(self, object_id: str) -> RawItem:
        return RawItem(
            external_id=object_id,
            kind="comment",
            direction="in",
            author_handle="",
            author_name="",
            text="",
            url="",
            created_at=self.now(),
            deleted=True,
        )

    def _error_hook(self, response: httpx.Response) -> ConnectorError | None:
        try:
            body = response.json()
        except ValueError:
            return None
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, dict):
            return None
        code = error.get("code")
        message = f"{error.get('message') or 'Graph API error'} (code {code})"
        if code in AUTH_CODES:
            return AuthError(message, platform=self.platform)
        if code in THROTTLE_CODES or response.status_code == 429:
            wait = parse_retry_after(response.headers.get("Retry-After"), now=self.now)
            return RateLimited(message, platform=self.platform, retry_after=wait)
        if code in TRANSIENT_CODES or error.get("is_transient"):
            return TransientError(message, platform=self.platform)
        return None
