"""The shared vocabulary of the platform connectors: items, results, errors, the protocol.

Connectors are plain Python and import no Django; the ingest layer maps ``RawItem`` to
``core.Item``. Everything a connector returns is in UTC and in plain text, so ingest and
screening never see a platform's HTML or time zone.
"""

from __future__ import annotations

import enum
import html
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any, ClassVar, Protocol, runtime_checkable


class Capability(enum.Flag):
    """What a connector can do at the source; the desk hides buttons a channel lacks."""

    NONE = 0
    FETCH = enum.auto()
    REPLY = enum.auto()
    PUBLISH = enum.auto()
    HIDE = enum.auto()
    UNHIDE = enum.auto()
    DELETE = enum.auto()
    DIRECT_MESSAGES = enum.auto()
    EDITS = enum.auto()
    DELETIONS = enum.auto()


KINDS = frozenset({"post", "comment", "reply", "direct_message", "mention"})
DIRECTIONS = frozenset({"in", "out"})


@dataclass(frozen=True, slots=True)
class RawItem:
    """One piece of text at the source, as the platform reported it at fetch time.

    A tombstone (``deleted=True``) carries only ``external_id`` reliably; ingest should set
    the deleted state on the stored item and keep the text it already has.
    """

    external_id: str
    kind: str
    direction: str
    author_handle: str
    author_name: str
    text: str
    url: str
    created_at: datetime
    language: str = ""
    parent_external_id: str = ""
    thread_external_id: str = ""
    edited_at: datetime | None = None
    deleted: bool = False
    private: bool = False
    hidden: bool = False
    raw: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown item kind {self.kind!r}")
        if self.direction not in DIRECTIONS:
            raise ValueError(f"unknown direction {self.direction!r}")
        if self.created_at.tzinfo is None:
            raise ValueError("created_at must be timezone-aware")


class Problem(str):
    """Something a fetch could not take: an item skipped, or a part of the source that failed.

    A ``str`` (its message), so that a list of problems reads and compares as text; it
    also names the address concerned (``url``) and says whether a part of the poll failed
    (``partial``: one comment feed of many, one post's comments) rather than one item.
    Ingest counts each on the channel's health; nothing a connector drops is silent.
    """

    url: str
    partial: bool

    def __new__(cls, message: str, *, url: str = "", partial: bool = False) -> Problem:
        problem = super().__new__(cls, message)
        problem.url = url
        problem.partial = partial
        return problem


@dataclass(frozen=True, slots=True)
class FetchResult:
    """A batch of items and the cursor that covers them.

    Store ``cursor`` only after the items are committed (at-least-once). ``problems`` lists
    items that were skipped because the platform sent them incomplete; the rest of the page
    is still good.
    """

    items: list[RawItem]
    cursor: str
    more: bool
    problems: list[str] = field(default_factory=list)
    requests: int = 0  # platform requests this result cost; recheck budgets count them


@dataclass(frozen=True, slots=True)
class RecheckPolicy:
    """How a platform lets known items be looked at again, from its documented limits.

    ``limit`` calls per ``window`` is the platform's documented rate limit for one
    account (``source`` says where it is written); rechecks take at most ``share`` of
    it, so fetching new items and the desk's replies keep the rest. ``ids_per_request``
    is what one recheck request can look at (a batched lookup), used to chunk the ids.
    """

    ids_per_request: int
    limit: int
    window: timedelta
    share: float
    source: str

    @property
    def requests_per_window(self) -> int:
        return max(1, int(self.limit * self.share))

    def requests_for(self, elapsed: timedelta) -> int:
        """The recheck requests earned over ``elapsed`` (at least one chunk's worth)."""
        earned = self.requests_per_window * (elapsed / self.window)
        return max(1, min(int(earned), self.requests_per_window))


class ConnectorError(Exception):
    """Base of every error a connector raises; ``platform`` says which one."""

    def __init__(self, message: str, *, platform: str = "") -> None:
        super().__init__(f"{platform}: {message}" if platform else message)
        self.message = message
        self.platform = platform


class TransientError(ConnectorError):
    """Timeouts, 5xx, connection errors: worth trying again later."""

    def __init__(
        self, message: str, *, platform: str = "", retry_after: float | None = None
    ) -> None:
        super().__init__(message, platform=platform)
        self.retry_after = retry_after


class RateLimited(TransientError):
    """The platform asked to slow down (HTTP 429 or a platform throttling code)."""


class AuthError(ConnectorError):
    """Expired, revoked or insufficient credentials; retrying cannot help."""


class PayloadError(ConnectorError):
    """The platform answered with something that is not the documented format."""


class NotSupported(ConnectorError):
    """The channel's platform (or this account's role on it) cannot do that."""


class ConfigError(ConnectorError, ValueError):
    """A channel's settings or secrets lack something the connector needs."""


@runtime_checkable
class Connector(Protocol):
    """What ingest and the desk call. Unsupported actions raise ``NotSupported``."""

    platform: ClassVar[str]
    capabilities: ClassVar[Capability]

    def fetch(self, cursor: str = "", *, limit: int = 100) -> FetchResult: ...

    def recheck(
        self, external_ids: Sequence[str], *, threads: Mapping[str, str] | None = None
    ) -> FetchResult:
        """Look again at known items: edited ones come back changed, hidden ones with
        ``hidden``, deleted ones as tombstones. ``threads`` maps an id to its thread's
        root id where known, for platforms that list a thread more cheaply than items."""
        ...

    def reply(self, *, parent: RawItem | str, text: str) -> RawItem: ...

    def publish(self, *, text: str, language: str = "", link: str = "") -> RawItem: ...

    def hide(self, external_id: str) -> None: ...

    def unhide(self, external_id: str) -> None: ...

    def delete(self, external_id: str) -> None: ...


def utcnow() -> datetime:
    return datetime.now(UTC)


Clock = Callable[[], datetime]


def parse_datetime(value: object) -> datetime | None:
    """Parse an ISO-8601 timestamp (``Z``, ``+0000`` or ``+00:00``) to aware UTC.

    Returns None for a missing or unreadable value; naive times are taken as UTC.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def require_datetime(value: object, what: str) -> datetime:
    parsed = parse_datetime(value)
    if parsed is None:
        raise KeyError(what)
    return parsed


_BLOCK_TAGS = frozenset(
    {"p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre"}
)


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


# Plain tags as platforms write them (<p>, <br />, <a href="..." class="...">, </span>): a
# start tag with attributes in the HTML grammar, or an end tag. The alternatives inside
# each repetition start with different characters, so matching stays linear.
_PLAIN_TAG = re.compile(
    r"<(?:(/)([a-zA-Z][a-zA-Z0-9]*)\s*"
    r"|([a-zA-Z][a-zA-Z0-9]*)"
    r"(?:\s+[^\s\"'>/=<]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*(/?))>"
)


def _plain_html_parts(markup: str) -> list[str] | None:
    """The parts ``_TextExtractor`` would collect, for markup made only of plain tags.

    html.parser calls back into Python for every tag and chunk of text, which made it the
    largest cost of reading a feed or a Mastodon status. Markup this does not read the
    same way for certain (a comment, a doctype, script or style, a ``<`` that is not a
    plain tag) returns None and goes to the parser.
    """
    parts: list[str] = []
    append = parts.append
    position = 0
    for match in _PLAIN_TAG.finditer(markup):
        data = markup[position : match.start()]
        if "<" in data:
            return None
        if data:
            append(html.unescape(data) if "&" in data else data)
        position = match.end()
        end_name, start_name, self_closing = match.group(2, 3, 4)
        tag = (end_name or start_name).lower()
        if tag in ("script", "style"):
            return None
        if tag in _BLOCK_TAGS:
            append("\n\n")
            if self_closing:  # handle_startendtag: the start and the end
                append("\n\n")
        elif tag == "br" and not end_name:
            append("\n")
    data = markup[position:]
    if "<" in data:
        return None
    if data:
        append(html.unescape(data) if "&" in data else data)
    return parts


def _parsed_html_parts(markup: str) -> list[str]:
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return parser.parts


def html_to_text(markup: str) -> str:
    """Strip tags and decode entities, keeping paragraph and line breaks."""
    if "<" not in markup:
        return html.unescape(markup).strip()
    parts = _plain_html_parts(markup)
    text = "".join(_parsed_html_parts(markup) if parts is None else parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


@dataclass(frozen=True, slots=True)
class Watermark:
    """A point in a platform's time line: items at ``since`` whose ids are in ``ids`` are seen.

    Platforms that only page backwards (newest first) or have no "newer than" parameter use
    this as their cursor, so a batch can stop part way and the next fetch picks up after it.
    """

    since: datetime | None = None
    ids: frozenset[str] = frozenset()

    def is_new(self, item_id: str, at: datetime) -> bool:
        if self.since is None:
            return True
        return at > self.since or (at == self.since and item_id not in self.ids)

    def advanced(self, items: Iterable[tuple[str, datetime]]) -> Watermark:
        since, ids = self.since, set(self.ids)
        for item_id, at in items:
            if since is None or at > since:
                since, ids = at, {item_id}
            elif at == since:
                ids.add(item_id)
        return Watermark(since, frozenset(ids))

    def to_dict(self) -> dict[str, Any]:
        if self.since is None:
            return {}
        return {"since": self.since.isoformat(), "ids": sorted(self.ids)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Watermark:
        since = parse_datetime(data.get("since"))
        ids = data.get("ids") or []
        return cls(since, frozenset(str(i) for i in ids) if since else frozenset())


def decode_cursor(cursor: str, platform: str) -> dict[str, Any]:
    """Read a JSON cursor this package wrote; an empty string means "from now on"."""
    if not cursor:
        return {}
    try:
        data = json.loads(cursor)
    except ValueError as exc:
        raise PayloadError(
            f"cursor is not one this connector wrote: {cursor!r}", platform=platform
        ) from exc
    if not isinstance(data, dict):
        raise PayloadError(f"cursor is not one this connector wrote: {cursor!r}", platform=platform)
    return data


def encode_cursor(data: Mapping[str, Any]) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def oldest_first(
    items: list[tuple[datetime, RawItem]], watermark: Watermark, limit: int
) -> tuple[list[RawItem], Watermark, bool]:
    """Take the ``limit`` oldest new items and the watermark that covers exactly them."""
    fresh = sorted(
        (pair for pair in items if watermark.is_new(pair[1].external_id, pair[0])),
        key=lambda pair: (pair[0], pair[1].external_id),
    )
    unique: dict[str, tuple[datetime, RawItem]] = {}
    for pair in fresh:
        unique.setdefault(pair[1].external_id, pair)
    ordered = list(unique.values())
    batch = ordered[:limit]
    more = len(ordered) > limit
    advanced = watermark.advanced((item.external_id, at) for at, item in batch)
    return [item for _, item in batch], advanced, more
