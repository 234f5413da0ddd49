"""The demo platform: a sandbox that takes posts, replies and notices without a network.

Everything it "publishes" stays inside Tilstede: the outgoing items are stored as on any
platform, and the desk shows a channel's sandbox on a page of its own
(``/demo-platform/<channel>/``), each message under the address this connector returns.
It fetches nothing: the demo's citizens are loaded by ``tilstede demo-data``.

A channel's ``config`` may say ``{"fail": "the reason"}``: every write then fails with
that reason, for trying out what the desk shows when a platform refuses.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import httpx

from .base import (
    Capability,
    ConfigError,
    ConnectorError,
    FetchResult,
    RawItem,
    utcnow,
)


class DemoConnector:
    platform: ClassVar[str] = "demo"
    capabilities: ClassVar[Capability] = (
        Capability.FETCH
        | Capability.REPLY
        | Capability.PUBLISH
        | Capability.HIDE
        | Capability.UNHIDE
        | Capability.DELETE
        | Capability.DIRECT_MESSAGES
    )

    def __init__(self, *, page_url: str, fail: str = "") -> None:
        if not page_url.startswith(("https://", "http://")):
            raise ConfigError(
                f"page_url must be the sandbox page's address ({page_url!r})", platform="demo"
            )
        self.page_url = page_url
        self.fail = fail

    @classmethod
    def from_config(
        cls,
        config: Mapping[str, Any],
        secrets: Mapping[str, str],
        *,
        client: httpx.Client | None = None,
    ) -> DemoConnector:
        return cls(page_url=str(config.get("page_url") or ""), fail=str(config.get("fail") or ""))

    def fetch(self, cursor: str = "", *, limit: int = 100) -> FetchResult:
        return FetchResult(items=[], cursor=cursor, more=False)

    def recheck(
        self, external_ids: Sequence[str], *, threads: Mapping[str, str] | None = None
    ) -> FetchResult:
        return FetchResult(items=[], cursor="", more=False)

    def reply(self, *, parent: RawItem | str, text: str) -> RawItem:
        return self._write("reply", text, parent)

    def direct_message(self, *, parent: RawItem | str, text: str) -> RawItem:
        return self._write("direct_message", text, parent, private=True)

    def publish(self, *, text: str, language: str = "", link: str = "") -> RawItem:
        body = f"{text}\n\n{link}" if link else text
        return self._write("post", body, None, language=language)

    def hide(self, external_id: str) -> None:
        self._check()

    def unhide(self, external_id: str) -> None:
        self._check()

    def delete(self, external_id: str) -> None:
        self._check()

    def _check(self) -> None:
        if self.fail:
            raise ConnectorError(self.fail, platform=self.platform)

    def _write(
        self,
        kind: str,
        text: str,
        parent: RawItem | str | None,
        *,
        private: bool = False,
        language: str = "",
    ) -> RawItem:
        self._check()
        external_id = f"demo-{uuid.uuid4()}"
        parent_id = parent.external_id if isinstance(parent, RawItem) else (parent or "")
        return RawItem(
            external_id=external_id,
            kind=kind,
            direction="out",
            author_handle="",
            author_name="",
            text=text,
            url=f"{self.page_url.rstrip('/')}/#{external_id}",
            created_at=utcnow(),
            language=language,
            parent_external_id=parent_id,
            private=private,
        )
