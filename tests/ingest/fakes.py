"""A connector that serves prepared pages, for ingest tests (no network at all)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import ClassVar

from tilstede.connectors.base import Capability, ConnectorError, FetchResult, RawItem

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def raw(
    n: int | str, text: str = "", *, parent: str = "", kind: str = "comment", **fields
) -> RawItem:
    return RawItem(
        external_id=str(n),
        kind=kind,
        direction=fields.pop("direction", "in"),
        author_handle=fields.pop("author_handle", f"@citizen{n}@social.example"),
        author_name=fields.pop("author_name", "Innbygger"),
        text=text or f"Kommentar nummer {n} om brøytingen",
        url=f"https://social.example/@citizen/{n}",
        created_at=fields.pop("created_at", T0 + dt.timedelta(minutes=len(str(n)))),
        parent_external_id=parent,
        **fields,
    )


class FakeConnector:
    """Serves pages in order; the cursor is the page number. An exception in ``pages`` is
    raised instead of returning a page, once."""

    platform: ClassVar[str] = "mastodon"
    capabilities: ClassVar[Capability] = Capability.FETCH

    def __init__(self, pages: Sequence[Sequence[RawItem] | Exception]) -> None:
        self.pages = list(pages)
        self.calls: list[str] = []
        self.on_fetch: Callable[[int], None] | None = None

    def fetch(self, cursor: str = "", *, limit: int = 100) -> FetchResult:
        self.calls.append(cursor)
        n = int(cursor or 0)
        if n >= len(self.pages):
            return FetchResult(items=[], cursor=str(n), more=False)
        page = self.pages[n]
        if isinstance(page, ConnectorError | RuntimeError):
            self.pages[n] = []  # fail once, then serve an empty page
            raise page
        if self.on_fetch:
            self.on_fetch(n)
        return FetchResult(items=list(page), cursor=str(n + 1), more=n + 1 < len(self.pages))
