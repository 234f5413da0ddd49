"""The demo platform's connector: writes stay local, each with an id and an address."""

from __future__ import annotations

import pytest

from tilstede.connectors.base import Capability, ConfigError, ConnectorError
from tilstede.connectors.registry import capabilities_for, connector_for

PAGE = "http://127.0.0.1:8000/demo-platform/sandbox/"


def test_it_takes_posts_replies_and_direct_messages_locally():
    demo = connector_for("demo", {"page_url": PAGE}, {})
    post = demo.publish(text="Hei", language="nb", link="https://example.org")
    reply = demo.reply(parent="demo-parent", text="Svar")
    message = demo.direct_message(parent="demo-parent", text="Varsel")
    assert post.text == "Hei\n\nhttps://example.org" and post.kind == "post"
    assert reply.parent_external_id == "demo-parent" and reply.direction == "out"
    assert message.private and message.kind == "direct_message"
    ids = {post.external_id, reply.external_id, message.external_id}
    assert len(ids) == 3 and all(i.startswith("demo-") for i in ids)
    assert reply.url == f"{PAGE}#{reply.external_id}"
    assert demo.fetch().items == []
    assert Capability.DIRECT_MESSAGES in capabilities_for("demo")


def test_it_fails_with_the_reason_it_is_told_to_fail_with():
    demo = connector_for("demo", {"page_url": PAGE, "fail": "the sandbox is closed"}, {})
    with pytest.raises(ConnectorError, match="the sandbox is closed"):
        demo.reply(parent="x", text="y")


def test_it_needs_the_address_of_its_page():
    with pytest.raises(ConfigError, match="page_url"):
        connector_for("demo", {}, {})
