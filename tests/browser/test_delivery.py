"""Truthful delivery in a real browser (issue 19): a reply the platform refuses shows as
failed, with the platform's reason, on the item page and under the inbox's filter; a
retry after the platform recovers marks it sent, and only then does the item count as
answered on the dashboard and the public transparency page.

The platform is a Mastodon stand-in on the loopback interface that answers 500 until
told to recover. The live server queues tasks without running them (the dummy
backend); the test runs the queued delivery as the worker would, the first time as
its last attempt (the worker's own retries with backoff are tested in tests/desk).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, screenshot
from tilstede.connectors.base import RawItem
from tilstede.core.models import AuditEvent, Item, ResponseState
from tilstede.desk import tasks
from tilstede.desk.models import OutgoingReply
from tilstede.ingest.services import items_receive

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class FakeMastodon:
    """Answers a status lookup; refuses new statuses with 500 until ``recovered``."""

    def __init__(self) -> None:
        self.recovered = False
        self.posted: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _json(self, status: int, body: dict, **headers: str) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._json(200, fake.status("55", "innbygger", "public"))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                fake.posted.append(self.rfile.read(length).decode())
                if not fake.recovered:
                    # Retry-After beyond what the connector waits out: the error goes to
                    # the task at once, as a worker's final attempt would see it.
                    self._json(500, {"error": "Internal server error"}, **{"Retry-After": "900"})
                else:
                    self._json(200, fake.status("900", "testvik", "public"))

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def status(self, id_: str, acct: str, visibility: str) -> dict:
        return {
            "id": id_,
            "content": "<p>svar</p>",
            "created_at": timezone.now().isoformat(),
            "visibility": visibility,
            "url": f"{self.url}/@{acct}/{id_}",
            "account": {"id": "1" if acct == "testvik" else "2", "acct": acct},
            "in_reply_to_id": None,
            "language": "nb",
        }

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def mastodon():
    fake = FakeMastodon()
    yield fake
    fake.close()


def login(page, username: str) -> None:
    page.goto("/login/")
    page.get_by_label("Brukernavn").fill(username)
    page.get_by_label("Passord").fill("pw-" + username)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def answered_on_dashboard(page, channel_name: str) -> str:
    page.goto("/")
    # The response table's row: its last cell is "answered / needing an answer".
    row = page.locator("tr", has_text=channel_name).filter(has_text=re.compile(r"\d+ / \d+"))
    return row.locator("td").last.text_content().strip()  # in a closed <details>


def answered_on_transparency(page, org_slug: str) -> str:
    page.goto(f"/apenhet/{org_slug}/")
    row = page.get_by_role("row", name=re.compile("Besvart")).first
    return row.locator("td").first.text_content().strip()


def test_a_failed_reply_shows_its_reason_and_counts_only_once_retried_and_sent(
    page, live_server, world, mastodon, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    channel = world.channel
    channel.config = {"base_url": mastodon.url, "account_id": "1"}
    channel.set_secret("access_token", "test-token")
    channel.save()
    items_receive(
        channel=channel,
        raw_items=[
            RawItem(
                external_id="55",
                kind="comment",
                direction="in",
                author_handle="innbygger",
                author_name="Innbygger",
                text="Når blir veien brøytet?",
                url=f"{mastodon.url}/@innbygger/55",
                created_at=timezone.now() - dt.timedelta(minutes=10),
                language="nb",
            )
        ],
    )
    item = Item.objects.get(external_id="55")
    assert item.response_state == ResponseState.AWAITING

    login(page, "moderator")
    assert answered_on_dashboard(page, channel.name) == "0 / 1"
    page.goto(f"/items/{item.pk}/")
    page.locator("#id_text").fill("I løpet av dagen.")
    page.get_by_role("button", name="Send svar").click()
    expect(page.get_by_role("status")).to_contain_text("Svaret ditt står i kø")
    replies = page.locator("table.deliveries")
    expect(replies).to_contain_text("i kø")

    delivery = OutgoingReply.objects.get(in_reply_to=item)
    assert tasks.reply_deliver.call(delivery.item_id, tasks.MAX_ATTEMPTS) == "failed"
    page.reload()
    expect(replies).to_contain_text("mislyktes")
    expect(replies).to_contain_text("500")
    assert_accessible(page)
    screenshot(page, "item-reply-failed")
    assert Item.objects.get(pk=item.pk).response_state == ResponseState.AWAITING
    assert answered_on_dashboard(page, channel.name) == "0 / 1"
    assert answered_on_transparency(page, world.org.slug) == "0"

    page.goto("/inbox/?failed=on")
    expect(page.locator("main")).to_contain_text("Når blir veien brøytet?")
    expect(page.locator("main")).not_to_contain_text("I løpet av dagen.")  # ours: no row

    mastodon.recovered = True
    page.goto(f"/items/{item.pk}/")
    page.get_by_role("button", name="Prøv igjen").click()
    expect(page.get_by_role("status")).to_contain_text("Svaret står i kø igjen")
    expect(replies).to_contain_text("i kø igjen etter en feil")
    assert tasks.reply_deliver.call(delivery.item_id) == "sent"
    page.reload()
    expect(replies).to_contain_text("sendt")
    expect(replies.get_by_role("link", name="hos kilden")).to_have_attribute(
        "href", f"{mastodon.url}/@testvik/900"
    )
    assert Item.objects.get(pk=item.pk).response_state == ResponseState.ANSWERED
    assert answered_on_dashboard(page, channel.name) == "1 / 1"
    assert answered_on_transparency(page, world.org.slug) == "1"
    page.goto("/inbox/?failed=on")
    expect(page.locator("main")).not_to_contain_text("Når blir veien brøytet?")

    verbs = list(
        AuditEvent.objects.filter(verb__startswith="reply.").values_list("verb", flat=True)
    )
    assert verbs == ["reply.queued", "reply.failed", "reply.retry", "reply.sent"]
