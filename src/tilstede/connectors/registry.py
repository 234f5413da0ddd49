"""Pick the connector for a channel's platform and build it from the channel's settings.

``config`` holds the non-secret settings a channel stores; ``secrets`` holds the tokens
the caller resolved from the environment or encrypted storage. Own web comments
(``webcomments``) live inside Django and are not built here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import httpx

from .base import Capability, Connector
from .bluesky import BlueskyConnector
from .demo import DemoConnector
from .facebook import FacebookConnector
from .mastodon import MastodonConnector
from .rss import RssConnector


class _Factory(Protocol):
    def __call__(
        self,
        config: Mapping[str, Any],
        secrets: Mapping[str, str],
        *,
        client: httpx.Client | None = None,
    ) -> Connector: ...


FACTORIES: dict[str, _Factory] = {
    MastodonConnector.platform: MastodonConnector.from_config,
    BlueskyConnector.platform: BlueskyConnector.from_config,
    RssConnector.platform: RssConnector.from_config,
    FacebookConnector.platform: FacebookConnector.from_config,
    DemoConnector.platform: DemoConnector.from_config,
}


def connector_for(
    platform: str,
    config: Mapping[str, Any],
    secrets: Mapping[str, str],
    *,
    client: httpx.Client | None = None,
) -> Connector:
    """Build the connector for ``platform``; raises KeyError for one this package lacks.

    A missing setting or token raises ``ConfigError`` naming it.
    """
    try:
        factory = FACTORIES[platform]
    except KeyError:
        known = ", ".join(sorted(FACTORIES))
        raise KeyError(f"no connector for platform {platform!r} (known: {known})") from None
    return factory(config, secrets, client=client)


CLASSES: dict[str, type] = {
    cls.platform: cls
    for cls in (
        MastodonConnector,
        BlueskyConnector,
        RssConnector,
        FacebookConnector,
        DemoConnector,
    )
}

# Our own comment field acts inside Tilstede: hiding is not showing, a reply is stored.
WEBCOMMENTS_CAPABILITIES = (
    Capability.FETCH | Capability.REPLY | Capability.HIDE | Capability.UNHIDE | Capability.DELETE
)


def capabilities_for(platform: str) -> Capability:
    """What a platform's connector can do, without building one (no settings needed)."""
    if platform == "webcomments":
        return WEBCOMMENTS_CAPABILITIES
    cls = CLASSES.get(platform)
    return cls.capabilities if cls is not None else Capability.NONE
