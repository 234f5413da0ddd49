"""Bluesky connector: replies, mentions and quotes in; replies, posts and hidden replies out.

Talks XRPC over httpx rather than through the ``atproto`` SDK, so that status codes, the
``ratelimit-reset`` header and XRPC error names reach the shared fault handling, and so
tests fake the documented wire format rather than SDK objects.

``listNotifications`` only pages backwards (newest first), so the cursor is a watermark:
the newest ``indexedAt`` delivered and the uris seen at that instant. A fetch walks back to
the watermark and hands out the oldest ``limit`` new items; ``more`` says the rest wait.

Replies are hidden through the threadgate of the agency's own thread root (its
``hiddenReplies`` list); a reply in someone else's thread cannot be hidden.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import timedelta
from typing import Any, ClassVar

import httpx

from .base import (
    AuthError,
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
    Watermark,
    decode_cursor,
    encode_cursor,
    oldest_first,
    parse_datetime,
    require_datetime,
    utcnow,
)
from .bounded import MAX_DEPTH, nested_too_deep
from .http import Http, RetryPolicy, parse_retry_after

REASONS = {"reply": "reply", "mention": "mention", "quote": "mention"}
POST = "app.bsky.feed.post"
THREADGATE = "app.bsky.feed.threadgate"
MAX_HIDDEN_REPLIES = 300  # the threadgate lexicon's limit
GET_POSTS_MAX = 25  # app.bsky.feed.getPosts takes at most 25 uris
AUTH_ERRORS = frozenset({"ExpiredToken", "InvalidToken", "AuthenticationRequired"})
ACCOUNT_ERRORS = frozenset({"AccountTakedown", "AccountDeactivated", "AccountSuspended"})


class _ExpiredToken(AuthError):
    """The access JWT ran out; a refresh may cure it."""


def split_at_uri(uri: str) -> tuple[str, str, str]:
    """``at://did/collection/rkey`` -> (did, collection, rkey)."""
    if not uri.startswith("at://"):
        raise ValueError(f"not an at:// uri: {uri!r}")
    parts = uri[len("at://") :].split("/")
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"not a record uri: {uri!r}")
    return parts[0], parts[1], parts[2]


class BlueskyConnector:
    platform: ClassVar[str] = "bluesky"
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
        ids_per_request=GET_POSTS_MAX,
        limit=3000,
        window=timedelta(minutes=5),
        share=0.1,
        source="docs.bsky.app/docs/advanced-guides/rate-limits: 3000 requests per 5 minutes "
        "(all routes); createSession 30 per 5 minutes and 300 per day",
    )

    def __init__(
        self,
        *,
        handle: str,
        app_password: str,
        service: str = "https://bsky.social",
        client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        now: Clock = utcnow,
        max_pages: int = 10,
        session: str = "",
    ) -> None:
        if not handle or not app_password:
            raise ConfigError("a handle and an app password are required", platform=self.platform)
        self.handle = handle
        self._password = app_password
        self.service = service.rstrip("/")
        self.now = now
        self.max_pages = max_pages
        self.did = ""
        self._access = ""
        self._refresh = ""
        self.logins = 0
        self._refused: set[str] = set()  # uris a recheck refused (not gone: unreadable)
        if session:
            self.resume_session(session)
        self.http = Http(
            self.platform,
            Http.make_client(client),
            retry=retry or RetryPolicy(),
            error_hook=self._error_hook,
            now=now,
        )

    @classmethod
    def from_config(
        cls,
        config: Mapping[str, Any],
        secrets: Mapping[str, str],
        *,
        client: httpx.Client | None = None,
    ) -> BlueskyConnector:
        return cls(
            handle=str(config.get("handle") or ""),
            app_password=secrets.get("app_password", ""),
            service=str(config.get("service") or "https://bsky.social"),
            client=client,
            session=secrets.get("session", ""),
        )

    # -- session ---------------------------------------------------------------------------

    def login(self) -> None:
        """Open a session with the app password now (connecting a channel proves it)."""
        self._login()

    @property
    def refresh_token(self) -> str:
        return self._refresh

    def session_state(self) -> str:
        """The session to keep for the next poll (stored encrypted with the channel).

        Logging in on every poll spent createSession's 300 a day at the default interval;
        a kept session is refreshed with its refresh token when the access token expires.
        """
        if not self._access:
            return ""
        return json.dumps(
            {"accessJwt": self._access, "refreshJwt": self._refresh, "did": self.did},
            sort_keys=True,
        )

    def resume_session(self, saved: str) -> None:
        """Take up a session kept from an earlier poll (``session_state``)."""
        try:
            data = json.loads(saved)
        except ValueError:
            return  # a session that cannot be read: log in afresh
        if isinstance(data, dict) and data.get("accessJwt") and data.get("did"):
            self._access = str(data["accessJwt"])
            self._refresh = str(data.get("refreshJwt") or "")
            self.did = str(data["did"])

    def _login(self) -> None:
        self.logins += 1
        session = self._raw_call(
            "POST",
            "com.atproto.server.createSession",
            json_body={"identifier": self.handle, "password": self._password},
            token="",
        )
        self._take_session(session)

    def _refresh_session(self) -> bool:
        if not self._refresh:
            return False
        try:
            session = self._raw_call(
                "POST", "com.atproto.server.refreshSession", token=self._refresh
            )
        except AuthError:
            return False
        self._take_session(session)
        return True

    def _take_session(self, session: Any) -> None:
        if not isinstance(session, dict) or not session.get("accessJwt") or not session.get("did"):
            raise PayloadError("createSession returned no tokens", platform=self.platform)
        self._access = str(session["accessJwt"])
        self._refresh = str(session.get("refreshJwt") or "")
        self.did = str(session["did"])

    def _call(
        self,
        method: str,
        nsid: str,
        *,
        params: Any = None,
        json_body: Any = None,
        write: bool = False,
        ok: tuple[int, ...] = (),
    ) -> Any:
        """An authenticated XRPC call; an expired access token is refreshed once."""
        if not self._access:
            self._login()
        try:
            return self._raw_call(
                method, nsid, params=params, json_body=json_body, write=write, ok=ok
            )
        except _ExpiredToken:
            if not self._refresh_session():
                try:
                    self._login()
                except AuthError as exc:
                    raise AuthError(
                        f"the session expired and logging in again failed: {exc.message}",
                        platform=self.platform,
                    ) from exc
            return self._raw_call(
                method, nsid, params=params, json_body=json_body, write=write, ok=ok
            )

    def _raw_call(
        self,
        method: str,
        nsid: str,
        *,
        params: Any = None,
        json_body: Any = None,
        token: str | None = None,
        write: bool = False,
        ok: tuple[int, ...] = (),
    ) -> Any:
        bearer = self._access if token is None else token
        headers = {"Authorization": f"Bearer {bearer}"} if bearer else {}
        response = self.http.request(
            method,
            f"{self.service}/xrpc/{nsid}",
            params=params,
            json_body=json_body,
            headers=headers,
            write=write,
            ok=ok,
        )
        if not response.is_success:
            error = self._error_hook(response)
            if error is not None:
                raise error
        if not response.content:
            return {}
        body = self.http.parse_json(response)
        if not response.is_success:
            return {"_status": response.status_code, **(body if isinstance(body, dict) else {})}
        return body

    def _error_hook(self, response: httpx.Response) -> ConnectorError | None:
        try:
            body = response.json()
        except ValueError:
            body = {}
        name = str(body.get("error") or "") if isinstance(body, dict) else ""
        message = str(body.get("message") or name) if isinstance(body, dict) else ""
        if name == "ExpiredToken":
            return _ExpiredToken(f"{name}: {message}", platform=self.platform)
        if name in AUTH_ERRORS or name in ACCOUNT_ERRORS:
            return AuthError(f"{name}: {message}", platform=self.platform)
        if response.status_code == 429 or name == "RateLimitExceeded":
            wait = parse_retry_after(response.headers.get("Retry-After"), now=self.now)
            reset = response.headers.get("ratelimit-reset")
            if wait is None and reset and reset.isdigit():
                wait = max(0.0, int(reset) - self.now().timestamp())
            return RateLimited(
                f"rate limited: {message or 'HTTP 429'}", platform=self.platform, retry_after=wait
            )
        return None

    # -- reading ---------------------------------------------------------------------------

    def fetch(self, cursor: str = "", *, limit: int = 100) -> FetchResult:
        """New replies, mentions and quotes since the watermark, oldest first.

        Without a cursor only the newest page is read: a new channel starts from now.
        """
        watermark = Watermark.from_dict(decode_cursor(cursor, self.platform))
        pairs: list[tuple[Any, RawItem]] = []
        problems: list[str] = []
        page_cursor = ""
        for page_number in range(self.max_pages):
            params: dict[str, Any] = {"limit": 100}
            if page_cursor:
                params["cursor"] = page_cursor
            body = self._call("GET", "app.bsky.notification.listNotifications", params=params)
            notifications = body.get("notifications") if isinstance(body, dict) else None
            if not isinstance(notifications, list):
                raise PayloadError("listNotifications returned no list", platform=self.platform)
            reached = False
            for position, notification in enumerate(notifications):
                indexed = parse_datetime(
                    notification.get("indexedAt") if isinstance(notification, dict) else None
                )
                if indexed is not None and watermark.since is not None:
                    if indexed < watermark.since:
                        reached = True
                if not isinstance(notification, dict) or notification.get("reason") not in REASONS:
                    continue
                if nested_too_deep(notification):
                    label = notification.get("uri") or f"#{position} on page {page_number + 1}"
                    problems.append(
                        Problem(
                            f"notification {label} is nested deeper than {MAX_DEPTH} levels; "
                            "skipped"
                        )
                    )
                    continue
                try:
                    item = self._item_from_notification(notification)
                    pairs.append(
                        (require_datetime(notification.get("indexedAt"), "indexedAt"), item)
                    )
                except (KeyError, TypeError, ValueError) as exc:
                    label = notification.get("uri") or f"#{position} on page {page_number + 1}"
                    problems.append(f"notification {label} lacks {exc}; skipped")
            page_cursor = str(body.get("cursor") or "")
            if reached or not page_cursor or watermark.since is None:
                break
        else:
            problems.append(
                f"more than {self.max_pages} pages of notifications since the last fetch; "
                "older ones were not read"
            )
        items, advanced, more = oldest_first(pairs, watermark, limit)
        return FetchResult(
            items=items, cursor=encode_cursor(advanced.to_dict()), more=more, problems=problems
        )

    def recheck(
        self, external_ids: Sequence[str], *, threads: Mapping[str, str] | None = None
    ) -> FetchResult:
        """Look up known posts 25 at a time; what the AppView no longer returns is deleted.

        A reply is hidden at the source when its thread root's threadgate lists it in
        ``hiddenReplies``; roots not among the ids are looked up too (25 a request).
        """
        sent = self.http.sent
        self._refused = set()
        items: list[RawItem] = []
        problems: list[str] = []
        uris = list(external_ids)
        posts: dict[str, Mapping[str, Any]] = {}
        for start in range(0, len(uris), GET_POSTS_MAX):
            posts.update(self._get_posts(uris[start : start + GET_POSTS_MAX], problems))
        roots = {
            str(((post.get("record") or {}).get("reply") or {}).get("root", {}).get("uri") or "")
            for post in posts.values()
            if isinstance(post.get("record"), dict)
        } - {""}
        missing = sorted(roots - set(posts))
        root_posts = {uri: posts[uri] for uri in roots if uri in posts}
        for start in range(0, len(missing), GET_POSTS_MAX):
            root_posts.update(self._get_posts(missing[start : start + GET_POSTS_MAX], []))
        hidden: set[str] = set()
        for root in root_posts.values():
            gate = ((root.get("threadgate") or {}).get("record") or {}).get("hiddenReplies")
            if isinstance(gate, list):
                hidden.update(str(uri) for uri in gate)
        for uri in uris:
            post = posts.get(uri)
            if post is None:
                if uri not in self._refused:
                    items.append(self._tombstone(uri))
                continue
            try:
                item = self._item_from_post(post)
            except (KeyError, TypeError, ValueError) as exc:
                problems.append(Problem(f"post {uri} lacks {exc}; skipped"))
                continue
            items.append(replace(item, hidden=True) if uri in hidden else item)
        return FetchResult(
            items=items, cursor="", more=False, problems=problems, requests=self.http.sent - sent
        )

    def _get_posts(self, uris: Sequence[str], problems: list[str]) -> dict[str, Any]:
        body = self._call("GET", "app.bsky.feed.getPosts", params={"uris": list(uris)})
        posts = body.get("posts") if isinstance(body, dict) else None
        if not isinstance(posts, list):
            raise PayloadError("getPosts returned no list", platform=self.platform)
        found: dict[str, Any] = {}
        for post in posts:
            uri = str(post.get("uri") or "") if isinstance(post, dict) else ""
            if not uri:
                problems.append(Problem("getPosts returned a post without a uri; skipped"))
            elif nested_too_deep(post):
                self._refused.add(uri)
                problems.append(
                    Problem(f"post {uri} is nested deeper than {MAX_DEPTH} levels; skipped")
                )
            else:
                found[uri] = post
        return found

    # -- writing ---------------------------------------------------------------------------

    def reply(self, *, parent: RawItem | str, text: str) -> RawItem:
        if isinstance(parent, str):
            post = self._thread_post(parent)
            parent_ref = {"uri": str(post["uri"]), "cid": str(post["cid"])}
            record = post.get("record") or {}
            language = str((record.get("langs") or [""])[0])
        else:
            parent_ref = {"uri": parent.external_id, "cid": str(parent.raw.get("cid") or "")}
            record = parent.raw.get("record") or {}
            language = parent.language
            if not parent_ref["cid"]:
                post = self._thread_post(parent.external_id)
                parent_ref["cid"] = str(post["cid"])
                record = post.get("record") or {}
        root = (record.get("reply") or {}).get("root") or parent_ref
        reply_ref = {
            "root": {"uri": str(root["uri"]), "cid": str(root["cid"])},
            "parent": parent_ref,
        }
        return self._create_post(text, language=language, reply=reply_ref)

    def publish(self, *, text: str, language: str = "", link: str = "") -> RawItem:
        return self._create_post(text, language=language, link=link)

    def delete(self, external_id: str) -> None:
        did, collection, rkey = self._own_record(external_id, "delete")
        self._call(
            "POST",
            "com.atproto.repo.deleteRecord",
            json_body={"repo": did, "collection": collection, "rkey": rkey},
            write=True,
        )

    def hide(self, external_id: str) -> None:
        self._set_hidden(external_id, hidden=True)

    def unhide(self, external_id: str) -> None:
        self._set_hidden(external_id, hidden=False)

    def _set_hidden(self, reply_uri: str, *, hidden: bool) -> None:
        """Add the reply to (or take it off) the hiddenReplies of its thread's threadgate."""
        post = self._thread_post(reply_uri)
        root_ref = ((post.get("record") or {}).get("reply") or {}).get("root")
        if not root_ref:
            raise NotSupported(f"{reply_uri} is not a reply in a thread", platform=self.platform)
        root_uri = str(root_ref["uri"])
        did, _, rkey = self._own_record(root_uri, "hide replies in")
        current = self._call(
            "GET",
            "com.atproto.repo.getRecord",
            params={"repo": did, "collection": THREADGATE, "rkey": rkey},
            ok=(400, 404),
        )
        if "_status" in current and current.get("error") != "RecordNotFound":
            raise ConnectorError(
                f"could not read the threadgate of {root_uri}: {current.get('message')}",
                platform=self.platform,
            )
        exists = "_status" not in current and isinstance(current.get("value"), dict)
        gate: dict[str, Any] = dict(current["value"]) if exists else {}
        hidden_replies = [uri for uri in gate.get("hiddenReplies") or [] if uri != reply_uri]
        if hidden:
            hidden_replies.append(reply_uri)
        if len(hidden_replies) > MAX_HIDDEN_REPLIES:
            raise NotSupported(
                f"a thread can hide at most {MAX_HIDDEN_REPLIES} replies", platform=self.platform
            )
        gate.update(
            {
                "$type": THREADGATE,
                "post": root_uri,
                "createdAt": gate.get("createdAt") or self.now().isoformat(),
                "hiddenReplies": hidden_replies,
            }
        )
        body: dict[str, Any] = {
            "repo": did,
            "collection": THREADGATE,
            "rkey": rkey,
            "record": gate,
        }
        if exists and current.get("cid"):
            body["swapRecord"] = current["cid"]  # fail rather than overwrite a concurrent edit
        self._call("POST", "com.atproto.repo.putRecord", json_body=body, write=True)

    def _create_post(
        self,
        text: str,
        *,
        language: str = "",
        link: str = "",
        reply: Mapping[str, Any] | None = None,
    ) -> RawItem:
        if not self.did:
            self._login()
        created = self.now()
        record: dict[str, Any] = {"$type": POST, "text": text, "createdAt": created.isoformat()}
        if link:
            record["text"] = f"{text}\n\n{link}" if text else link
            start = len(record["text"].encode()) - len(link.encode())
            record["facets"] = [
                {
                    "index": {"byteStart": start, "byteEnd": start + len(link.encode())},
                    "features": [{"$type": "app.bsky.richtext.facet#link", "uri": link}],
                }
            ]
        if language:
            record["langs"] = [language]
        if reply:
            record["reply"] = dict(reply)
        body = self._call(
            "POST",
            "com.atproto.repo.createRecord",
            json_body={"repo": self.did, "collection": POST, "record": record},
            write=True,
        )
        if not isinstance(body, dict) or not body.get("uri"):
            raise PayloadError("createRecord returned no uri", platform=self.platform)
        uri = str(body["uri"])
        return RawItem(
            external_id=uri,
            kind="reply" if reply else "post",
            direction="out",
            author_handle=self.handle,
            author_name="",
            text=record["text"],
            url=self._web_url(uri),
            created_at=created,
            language=language,
            parent_external_id=str(reply["parent"]["uri"]) if reply else "",
            thread_external_id=str(reply["root"]["uri"]) if reply else uri,
            raw={"uri": uri, "cid": body.get("cid", ""), "record": record},
        )

    # -- mapping ---------------------------------------------------------------------------

    def _thread_post(self, uri: str) -> Mapping[str, Any]:
        body = self._call(
            "GET",
            "app.bsky.feed.getPostThread",
            params={"uri": uri, "depth": 0, "parentHeight": 0},
        )
        thread = body.get("thread") if isinstance(body, dict) else None
        if not isinstance(thread, dict) or thread.get("notFound") or "post" not in thread:
            raise ConnectorError(f"{uri} was not found", platform=self.platform)
        return thread["post"]

    def _own_record(self, uri: str, action: str) -> tuple[str, str, str]:
        if not self.did:
            self._login()
        try:
            did, collection, rkey = split_at_uri(uri)
        except ValueError as exc:
            raise ConnectorError(str(exc), platform=self.platform) from exc
        if did != self.did:
            raise NotSupported(
                f"can only {action} the agency's own posts ({uri})", platform=self.platform
            )
        return did, collection, rkey

    def _item_from_notification(self, notification: Mapping[str, Any]) -> RawItem:
        item = self._item(
            uri=str(notification["uri"]),
            author=notification["author"],
            record=notification["record"],
            indexed_at=notification["indexedAt"],
            raw=notification,
        )
        kind = REASONS[str(notification["reason"])]
        return item if item.kind == kind else replace(item, kind=kind)

    def _item_from_post(self, post: Mapping[str, Any]) -> RawItem:
        return self._item(
            uri=str(post["uri"]),
            author=post["author"],
            record=post["record"],
            indexed_at=post["indexedAt"],
            raw=post,
        )

    def _item(
        self,
        *,
        uri: str,
        author: Mapping[str, Any],
        record: Mapping[str, Any],
        indexed_at: object,
        raw: Mapping[str, Any],
    ) -> RawItem:
        split_at_uri(uri)
        indexed = require_datetime(indexed_at, "indexedAt")
        claimed = parse_datetime(record.get("createdAt"))
        # createdAt is set by the author's client; never let it claim to be later than arrival.
        created = min(claimed, indexed) if claimed else indexed
        reply = record.get("reply") or {}
        parent = str((reply.get("parent") or {}).get("uri") or "")
        root = str((reply.get("root") or {}).get("uri") or "")
        author_did = str(author["did"])
        own = bool(self.did) and author_did == self.did
        text = record["text"]
        if not isinstance(text, str):
            raise TypeError("text")
        return RawItem(
            external_id=uri,
            kind="reply" if parent else ("post" if own else "mention"),
            direction="out" if own else "in",
            author_handle=str(author.get("handle") or author_did),
            author_name=str(author.get("displayName") or ""),
            text=text,
            url=self._web_url(uri),
            created_at=created,
            language=str((record.get("langs") or [""])[0]),
            parent_external_id=parent,
            thread_external_id=root or uri,
            raw=dict(raw),
        )

    def _tombstone(self, uri: str) -> RawItem:
        return RawItem(
            external_id=uri,
            kind="reply",
            direction="in",
            author_handle="",
            author_name="",
            text="",
            url="",
            created_at=self.now(),
            deleted=True,
        )

    @staticmethod
    def _web_url(uri: str) -> str:
        did, _, rkey = split_at_uri(uri)
        return f"https://bsky.app/profile/{did}/post/{rkey}"
