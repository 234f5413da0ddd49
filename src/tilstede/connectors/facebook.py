"""Facebook Page connector: comments on the page's posts in; replies, hiding, deleting out.

Graph API over httpx (version from config, v21.0 by default). The Graph API has no
"comments since" across a page, so a fetch reads the page's recent posts and, per post,
its comments newest first (``filter=stream``, ``order=reverse_chronological``), paging
with ``paging.cursors.after`` until it passes the watermark. Graph errors arrive in the
body: code 190 is an expired token, 4/17/32/613 are throttling.

Throttling is not retried on the spot: Graph counts usage over a rolling hour (apps) or
day (pages, Business Use Case limits), so a retry seconds later only adds to it. The
usage headers (``X-App-Usage``, ``X-Page-Usage``, ``X-Business-Use-Case-Usage``) are read
on every answer; near the limit no further call is made and the poll waits for as long as
``estimated_time_to_regain_access`` says (an hour when Graph does not say).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
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
    Problem,
    RateLimited,
    RawItem,
    RecheckPolicy,
    TransientError,
    Watermark,
    decode_cursor,
    encode_cursor,
    oldest_first,
    require_datetime,
    utcnow,
)
from .bounded import MAX_DEPTH, nested_too_deep
from .http import Http, RetryPolicy, parse_retry_after

GRAPH = "https://graph.facebook.com"
POST_FIELDS = "id,message,created_time,updated_time,permalink_url,from"
COMMENT_FIELDS = "id,message,from,created_time,parent{id},is_hidden,permalink_url"
AUTH_CODES = frozenset({102, 190, 10, *range(200, 300)})
THROTTLE_CODES = frozenset({4, 17, 32, 613, 368, 80001})
TRANSIENT_CODES = frozenset({1, 2})
NOT_FOUND = 100  # "Unsupported get request": object missing or not visible
USAGE_HEADERS = ("X-App-Usage", "X-Page-Usage", "X-Business-Use-Case-Usage")
USAGE_STOP = 90  # per cent of any usage figure at which no further call is made
THROTTLE_WAIT = 3600.0  # seconds, when Graph does not say how long
IDS_MAX = 50  # ?ids= takes up to 50 objects
COMMENTS_PAGE = 100


def usage_percent(response: httpx.Response) -> tuple[float, float | None]:
    """The highest usage figure in Graph's usage headers, and how long until access is
    regained (seconds) where Graph says."""
    highest, regain = 0.0, None
    for name in USAGE_HEADERS:
        value = response.headers.get(name)
        if not value:
            continue
        try:
            data = json.loads(value)
        except ValueError:
            continue
        records = [data] if isinstance(data, dict) and "call_count" in data else []
        if isinstance(data, dict) and not records:
            for entries in data.values():
                if isinstance(entries, list):
                    records += [e for e in entries if isinstance(e, dict)]
        for record in records:
            for key in ("call_count", "total_cputime", "total_time"):
                figure = record.get(key)
                if isinstance(figure, int | float):
                    highest = max(highest, float(figure))
            minutes = record.get("estimated_time_to_regain_access")
            if isinstance(minutes, int | float) and minutes > 0:
                regain = max(regain or 0.0, float(minutes) * 60)
    return highest, regain


class FacebookConnector:
    platform: ClassVar[str] = "facebook"
    capabilities: ClassVar[Capability] = (
        Capability.FETCH
        | Capability.REPLY
        | Capability.PUBLISH
        | Capability.HIDE
        | Capability.UNHIDE
        | Capability.DELETE
        | Capability.EDITS
        | Capability.DELETIONS
    )
    recheck_policy: ClassVar[RecheckPolicy] = RecheckPolicy(
        ids_per_request=COMMENTS_PAGE,
        limit=4800,
        window=timedelta(hours=24),
        share=0.25,
        source="developers.facebook.com/docs/graph-api/overview/rate-limiting: Pages with a "
        "page token, 4800 calls x engaged users per 24 hours (taken as one engaged user)",
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
        self.usage = 0.0
        self._listings: dict[str, tuple[dict[str, RawItem], bool]] = {}
        self._regain: float | None = None
        self.http = Http(
            self.platform,
            Http.make_client(client),
            retry=retry or RetryPolicy(),
            error_hook=self._error_hook,
            now=now,
            headers={"Authorization": f"Bearer {access_token}"},
            gate=self._gate,
            inspect=self._inspect,
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
            base_url=str(config.get("base_url") or GRAPH),
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
            "limit": COMMENTS_PAGE,
        }
        url = f"{self.root}/{post_id}/comments"
        for _ in range(self.max_comment_pages):
            try:
                page = self._get(url, params)
            except (PayloadError, TransientError) as exc:
                if isinstance(exc, RateLimited):
                    raise
                problems.append(
                    Problem(
                        f"comments on {post_id} could not be read ({exc.message}); the rest "
                        "of the page was read",
                        url=url,
                        partial=True,
                    )
                )
                return
            passed_watermark = False
            for comment in self._data(page, f"comments of {post_id}"):
                item = self._comment_or_problem(comment, post_id, problems)
                if item is None:
                    continue
                if watermark.since is not None and item.created_at < watermark.since:
                    passed_watermark = True
                pairs.append((item.created_at, item))
            paging = page.get("paging") or {}
            after = (paging.get("cursors") or {}).get("after")
            if passed_watermark or watermark.since is None or not paging.get("next") or not after:
                return
            params = {**params, "after": after}
        problems.append(
            Problem(
                f"comments on {post_id} go back more than {self.max_comment_pages} pages",
                url=url,
                partial=True,
            )
        )

    def _comment_or_problem(
        self, comment: Any, post_id: str, problems: list[str]
    ) -> RawItem | None:
        label = comment.get("id") if isinstance(comment, dict) else None
        if isinstance(comment, dict) and nested_too_deep(comment):
            problems.append(
                Problem(
                    f"comment {label or '?'} on {post_id} is nested deeper than {MAX_DEPTH} "
                    "levels; skipped"
                )
            )
            return None
        try:
            return self._comment_item(comment, post_id=post_id)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problems.append(
                Problem(
                    f"comment {label or '?'} on {post_id} lacks {exc}; skipped",
                    url=str(comment.get("permalink_url") or "")
                    if isinstance(comment, dict)
                    else "",
                )
            )
            return None

    def recheck(
        self, external_ids: Sequence[str], *, threads: Mapping[str, str] | None = None
    ) -> FetchResult:
        """Look at known posts and comments again: text and hidden state as now, or gone.

        Comments are rechecked through their post's comment list (``filter=stream`` lists
        hidden ones too), a hundred a call: a comment missing from a complete list is
        deleted. Posts, and comments whose post is unknown or whose list is too long, are
        looked up fifty at a time with ``?ids=``.
        """
        sent = self.http.sent
        threads = threads or {}
        items: list[RawItem] = []
        problems: list[str] = []
        by_post: dict[str, list[str]] = {}
        posts: list[str] = []
        loose: list[str] = []
        for object_id in external_ids:
            root = threads.get(object_id, "")
            if root == object_id:
                posts.append(object_id)
            elif root:
                by_post.setdefault(root, []).append(object_id)
            else:
                loose.append(object_id)
        for post_id, wanted in by_post.items():
            listed, complete = self._list_comments(post_id, set(wanted), problems)
            for object_id in wanted:
                if object_id in listed:
                    items.append(listed[object_id])
                elif complete:
                    items.append(self._tombstone(object_id))
                else:
                    loose.append(object_id)
        for ids, fields, mapper in (
            (posts, POST_FIELDS, self._post_item),
            (loose, COMMENT_FIELDS, lambda o: self._comment_item(o, post_id="")),
        ):
            for start in range(0, len(ids), IDS_MAX):
                chunk = ids[start : start + IDS_MAX]
                for object_id, body in self._lookup(chunk, fields).items():
                    if body is None:
                        items.append(self._tombstone(object_id))
                        continue
                    try:
                        items.append(mapper(body))
                    except (KeyError, TypeError, ValueError) as exc:
                        problems.append(Problem(f"{object_id} lacks {exc}; skipped"))
        return FetchResult(
            items=items, cursor="", more=False, problems=problems, requests=self.http.sent - sent
        )

    def _list_comments(
        self, post_id: str, wanted: set[str], problems: list[str]
    ) -> tuple[dict[str, RawItem], bool]:
        """The post's comments by id, and whether the list was read to its end (only then
        is a comment missing from it surely deleted). A post is listed once per connector
        (one poll): the next chunk of the same thread costs nothing."""
        if post_id in self._listings:
            return self._listings[post_id]
        found: dict[str, RawItem] = {}
        complete = False
        params: dict[str, Any] = {"filter": "stream", "fields": COMMENT_FIELDS, "limit": 100}
        for _ in range(self.max_comment_pages):
            response = self.http.request(
                "GET", f"{self.root}/{post_id}/comments", params=params, ok=(400, 404)
            )
            if not response.is_success:
                break  # the post itself is gone or unreadable: its comments one by one
            page = self.http.parse_json(response)
            if not isinstance(page, dict):
                raise PayloadError(f"comments of {post_id} are not an object", platform="facebook")
            for comment in self._data(page, f"comments of {post_id}"):
                item = self._comment_or_problem(comment, post_id, problems)
                if item is not None:
                    found[item.external_id] = item
            paging = page.get("paging") or {}
            after = (paging.get("cursors") or {}).get("after")
            if not paging.get("next") or not after:
                complete = True
                break
            params = {**params, "after": after}
        self._listings[post_id] = (found, complete)
        return found, complete

    def _lookup(self, ids: Sequence[str], fields: str) -> dict[str, Any]:
        """Objects by id, fifty in one call; None for one that is gone.

        Graph refuses the whole call (code 100) when one id does not exist, so such a
        chunk is looked up one by one.
        """
        response = self.http.request(
            "GET", f"{self.root}/", params={"ids": ",".join(ids), "fields": fields}, ok=(400, 404)
        )
        if response.is_success:
            body = self.http.parse_json(response)
            if not isinstance(body, dict):
                raise PayloadError("the ids lookup did not return an object", platform="facebook")
            return {i: body.get(i) if isinstance(body.get(i), dict) else None for i in ids}
        self._raise_unless_missing(response)
        if len(ids) == 1:
            return {ids[0]: None}
        found: dict[str, Any] = {}
        for object_id in ids:
            found.update(self._lookup([object_id], fields))
        return found

    def _raise_unless_missing(self, response: httpx.Response) -> None:
        if response.status_code == 404:
            return
        body = self.http.parse_json(response)
        error = body.get("error") if isinstance(body, dict) else None
        if not isinstance(error, dict) or error.get("code") != NOT_FOUND:
            raise self.http.classify(response)

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
        # A visitor post whose author Graph leaves out (no pages_read_user_content) is a
        # visitor's still: only a post that names the page as author is the agency's own.
        own = str(author.get("id") or "") == self.page_id
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

    def _gate(self) -> None:
        """No call while Graph's usage headers said the limit is near (see module doc)."""
        if self._regain is not None:
            raise RateLimited(
                f"Graph usage at {self.usage:.0f} % of the limit; calls wait",
                platform=self.platform,
                retry_after=self._regain,
            )

    def _inspect(self, response: httpx.Response) -> None:
        usage, regain = usage_percent(response)
        self.usage = max(self.usage, usage)
        if usage >= USAGE_STOP:
            self._regain = regain or THROTTLE_WAIT

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
            if wait is None:
                # Graph's throttling lasts as long as its rolling window: the usage
                # headers say how long, else an hour; a retry seconds later only adds to
                # the count.
                _, regain = usage_percent(response)
                wait = regain or THROTTLE_WAIT
            return RateLimited(message, platform=self.platform, retry_after=wait)
        if code in TRANSIENT_CODES or error.get("is_transient"):
            return TransientError(message, platform=self.platform)
        return None
