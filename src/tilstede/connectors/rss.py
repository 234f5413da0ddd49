"""RSS/Atom connector: the agency's own feed as posts, its comment feeds as comments.

Feeds are fetched with httpx (conditional GET with ETag/Last-Modified) and the bytes are
handed to feedparser, so faults are classified here: a body that is not RSS or Atom, or
XML that breaks off, raises ``PayloadError`` instead of silently yielding nothing.

Comments come from a site-wide comments feed (``comments_feed_url``) and from each post's
``wfw:commentRss``. A comment's parent is its Atom ``thr:in-reply-to`` when given, else the
post whose link its own link points into (``…/post/#comment-7``). Feeds are read-only:
there is nothing to reply to or hide through RSS.
"""

from __future__ import annotations

import calendar
import time
import xml.sax
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import urldefrag

import feedparser
import httpx

from .base import (
    Capability,
    Clock,
    ConfigError,
    FetchResult,
    NotSupported,
    PayloadError,
    RawItem,
    Watermark,
    decode_cursor,
    encode_cursor,
    html_to_text,
    oldest_first,
    utcnow,
)
from .http import Http, RetryPolicy

FEED_TYPES = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8"


def _when(value: time.struct_time | None) -> datetime | None:
    if value is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)


class RssConnector:
    platform: ClassVar[str] = "rss"
    capabilities: ClassVar[Capability] = Capability.FETCH | Capability.EDITS

    def __init__(
        self,
        *,
        feed_url: str,
        comments_feed_url: str = "",
        follow_comment_feeds: bool = True,
        max_comment_feeds: int = 10,
        client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        now: Clock = utcnow,
    ) -> None:
        if not feed_url.startswith(("https://", "http://")):
            raise ConfigError(f"feed URL must be http(s) ({feed_url!r})", platform=self.platform)
        self.feed_url = feed_url
        self.comments_feed_url = comments_feed_url
        self.follow_comment_feeds = follow_comment_feeds
        self.max_comment_feeds = max_comment_feeds
        self.now = now
        self.http = Http(
            self.platform,
            Http.make_client(client),
            retry=retry or RetryPolicy(),
            now=now,
            headers={"Accept": FEED_TYPES},
        )

    @classmethod
    def from_config(
        cls,
        config: Mapping[str, Any],
        secrets: Mapping[str, str],
        *,
        client: httpx.Client | None = None,
    ) -> RssConnector:
        return cls(
            feed_url=str(config.get("feed_url") or ""),
            comments_feed_url=str(config.get("comments_feed_url") or ""),
            follow_comment_feeds=bool(config.get("follow_comment_feeds", True)),
            client=client,
        )

    def fetch(self, cursor: str = "", *, limit: int = 100) -> FetchResult:
        """New or updated entries since the watermark, posts and comments, oldest first.

        The cursor also carries each feed's validators and the post links seen last time,
        so a comment can find its post even when the post feed answered 304.
        """
        state = decode_cursor(cursor, self.platform)
        watermark = Watermark.from_dict(state)
        validators: dict[str, dict[str, str]] = dict(state.get("feeds") or {})
        post_links: dict[str, str] = dict(state.get("posts") or {})
        pairs: list[tuple[datetime, RawItem]] = []
        problems: list[str] = []
        new_validators: dict[str, dict[str, str]] = {}

        parsed = self._get_feed(self.feed_url, validators, new_validators, problems)
        comment_feeds: dict[str, str] = {}
        if parsed is not None:
            post_links = {}
            language = str(parsed.feed.get("language") or "")
            for position, entry in enumerate(parsed.entries):
                try:
                    at, item = self._entry(entry, kind="post", language=language)
                except (KeyError, ValueError) as exc:
                    problems.append(f"{self.feed_url} entry #{position} lacks {exc}; skipped")
                    continue
                pairs.append((at, item))
                link = str(entry.get("link") or "")
                if link:
                    post_links[urldefrag(link).url] = item.external_id
                comments = str(entry.get("wfw_commentrss") or "")
                if comments and self.follow_comment_feeds:
                    comment_feeds[comments] = item.external_id
        else:
            comment_feeds = dict(state.get("comment_feeds") or {})

        sources: list[tuple[str, str]] = []
        if self.comments_feed_url:
            sources.append((self.comments_feed_url, ""))
        sources += list(comment_feeds.items())[: self.max_comment_feeds]
        for url, post_id in sources:
            feed = self._get_feed(url, validators, new_validators, problems)
            if feed is None:
                continue
            language = str(feed.feed.get("language") or "")
            for position, entry in enumerate(feed.entries):
                parent = post_id or self._parent(entry, post_links)
                try:
                    at, item = self._entry(entry, kind="comment", language=language, parent=parent)
                except (KeyError, ValueError) as exc:
                    problems.append(f"{url} entry #{position} lacks {exc}; skipped")
                    continue
                pairs.append((at, item))

        items, advanced, more = oldest_first(pairs, watermark, limit)
        new_state = {
            **advanced.to_dict(),
            # While entries are still waiting (``more``), keep the old validators: with the
            # new ones the next GET would answer 304 and the rest of the feed be lost.
            "feeds": validators if more else new_validators,
            "posts": post_links,
            "comment_feeds": dict(list(comment_feeds.items())[: self.max_comment_feeds]),
        }
        return FetchResult(
            items=items, cursor=encode_cursor(new_state), more=more, problems=problems
        )

    def recheck(self, external_ids: Sequence[str]) -> FetchResult:
        raise NotSupported("a feed cannot tell a deleted entry from an old one", platform="rss")

    def reply(self, *, parent: RawItem | str, text: str) -> RawItem:
        raise NotSupported("feeds are read-only", platform=self.platform)

    def publish(self, *, text: str, language: str = "", link: str = "") -> RawItem:
        raise NotSupported("feeds are read-only", platform=self.platform)

    def hide(self, external_id: str) -> None:
        raise NotSupported("feeds are read-only", platform=self.platform)

    def unhide(self, external_id: str) -> None:
        raise NotSupported("feeds are read-only", platform=self.platform)

    def delete(self, external_id: str) -> None:
        raise NotSupported("feeds are read-only", platform=self.platform)

    # -- internals -------------------------------------------------------------------------

    def _get_feed(
        self,
        url: str,
        validators: Mapping[str, Mapping[str, str]],
        new_validators: dict[str, dict[str, str]],
        problems: list[str],
    ) -> Any:
        """GET a feed conditionally; None when it has not changed (304)."""
        headers: dict[str, str] = {}
        known = validators.get(url) or {}
        if known.get("etag"):
            headers["If-None-Match"] = known["etag"]
        if known.get("modified"):
            headers["If-Modified-Since"] = known["modified"]
        response = self.http.request("GET", url, headers=headers, ok=(304,))
        if response.status_code == 304:
            new_validators[url] = dict(known)
            return None
        fresh = {
            key: value
            for key, value in (
                ("etag", response.headers.get("ETag", "")),
                ("modified", response.headers.get("Last-Modified", "")),
            )
            if value
        }
        if fresh:
            new_validators[url] = fresh
        # No sanitising or URI resolution: html_to_text keeps only the text anyway, and
        # the two passes cost half of feedparser's time per entry.
        parsed = feedparser.parse(
            response.content,
            response_headers={"content-type": response.headers.get("Content-Type", "")},
            sanitize_html=False,
            resolve_relative_uris=False,
        )
        error = parsed.get("bozo_exception")
        if isinstance(error, xml.sax.SAXException):
            raise PayloadError(
                f"{url} is not well-formed XML (truncated or not a feed): {error}",
                platform=self.platform,
            )
        if not parsed.get("version"):
            kind = response.headers.get("Content-Type", "unknown type")
            raise PayloadError(
                f"{url} returned {kind} that is not an RSS or Atom feed", platform=self.platform
            )
        if parsed.get("bozo"):
            problems.append(f"{url}: {error} (read anyway)")
        return parsed

    def _entry(
        self, entry: Mapping[str, Any], *, kind: str, language: str, parent: str = ""
    ) -> tuple[datetime, RawItem]:
        external_id = str(entry.get("id") or entry.get("link") or "")
        if not external_id:
            raise KeyError("guid")
        # dict.get bypasses feedparser's deprecated updated->published fallback mapping
        published = _when(dict.get(entry, "published_parsed"))
        updated = _when(dict.get(entry, "updated_parsed"))
        created = published or updated
        if created is None:
            raise KeyError("pubDate")
        edited = updated if published and updated and updated > published else None
        body = ""
        contents = entry.get("content") or []
        if contents:
            body = str(contents[0].get("value") or "")
        body = html_to_text(body or str(entry.get("summary") or ""))
        title = html_to_text(str(entry.get("title") or ""))
        text = f"{title}\n\n{body}".strip() if kind == "post" else body or title
        detail = entry.get("author_detail") or {}
        entry_language = ""
        for field in ("content", "summary_detail", "title_detail"):
            value = entry.get(field)
            detail_value = value[0] if isinstance(value, list) and value else value
            if isinstance(detail_value, Mapping) and detail_value.get("language"):
                entry_language = str(detail_value["language"])
                break
        item = RawItem(
            external_id=external_id,
            kind=kind,
            direction="out" if kind == "post" else "in",
            author_handle=str(detail.get("email") or detail.get("href") or ""),
            author_name=str(entry.get("author") or ""),
            text=text,
            url=str(entry.get("link") or ""),
            created_at=created,
            language=entry_language or language,
            parent_external_id=parent,
            thread_external_id=parent or external_id,
            edited_at=edited,
            raw={key: value for key, value in dict.items(entry) if not key.endswith("_parsed")},
        )
        return (edited or created), item

    @staticmethod
    def _parent(entry: Mapping[str, Any], post_links: Mapping[str, str]) -> str:
        reply_to = entry.get("thr_in-reply-to")
        if isinstance(reply_to, Mapping) and reply_to.get("ref"):
            return str(reply_to["ref"])
        link = urldefrag(str(entry.get("link") or "")).url
        return post_links.get(link, link)
