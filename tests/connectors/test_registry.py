"""Building connectors from a channel's settings and secrets."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from tilstede.connectors import Capability, ConfigError, Connector, connector_for
from tilstede.connectors.bluesky import BlueskyConnector
from tilstede.connectors.facebook import FacebookConnector
from tilstede.connectors.mastodon import MastodonConnector
from tilstede.connectors.rss import RssConnector


@pytest.mark.parametrize(
    ("platform", "config", "secrets", "cls"),
    [
        (
            "mastodon",
            {"base_url": "https://mastodon.example"},
            {"access_token": "t"},
            MastodonConnector,
        ),
        ("bluesky", {"handle": "etaten.bsky.example"}, {"app_password": "p"}, BlueskyConnector),
        ("rss", {"feed_url": "https://etaten.example/feed/"}, {}, RssConnector),
        ("facebook", {"page_id": "104000000000001"}, {"page_access_token": "t"}, FacebookConnector),
    ],
)
def test_it_builds_each_platforms_connector(
    platform: str, config: dict[str, str], secrets: dict[str, str], cls: type
) -> None:
    connector = connector_for(platform, config, secrets)
    assert isinstance(connector, cls)
    assert isinstance(connector, Connector)
    assert connector.capabilities & Capability.FETCH


def test_it_uses_the_client_it_is_given() -> None:
    client = httpx.Client()
    connector = connector_for(
        "rss", {"feed_url": "https://etaten.example/feed/"}, {}, client=client
    )
    assert isinstance(connector, RssConnector)
    assert connector.http.client is client


def test_it_uses_the_configured_graph_version() -> None:
    connector = connector_for(
        "facebook", {"page_id": "1", "graph_version": "v22.0"}, {"page_access_token": "t"}
    )
    assert isinstance(connector, FacebookConnector)
    assert connector.root.endswith("/v22.0")


def test_it_names_the_known_platforms_for_an_unknown_one() -> None:
    with pytest.raises(
        KeyError, match=r"webcomments.*known: bluesky, demo, facebook, mastodon, rss"
    ):
        connector_for("webcomments", {}, {})


def test_it_says_which_secret_is_missing() -> None:
    with pytest.raises(ConfigError, match="access token"):
        connector_for("mastodon", {"base_url": "https://mastodon.example"}, {})


def test_it_says_which_setting_is_missing() -> None:
    with pytest.raises(ConfigError, match="page_id"):
        connector_for("facebook", {}, {"page_access_token": "t"})


def test_the_connectors_do_not_import_django() -> None:
    """In a fresh interpreter: the whole test run may have Django loaded already."""
    code = (
        "import sys, tilstede.connectors.registry; "
        "sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    )
    # S603: a fixed command run with this interpreter, no outside input
    result = subprocess.run([sys.executable, "-c", code], check=False)  # noqa: S603
    assert result.returncode == 0
