"""The channel, ingest and items commands as an operator uses them."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
import respx
from django.core.management import CommandError, call_command

from tilstede.core.models import Channel, Item
from tilstede.ingest.models import ChannelState

PAYLOADS = Path(__file__).resolve().parents[1] / "connectors" / "payloads" / "rss"
FEED = "https://etaten.example/feed/"


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def add_news_channel() -> str:
    """Register the agency's news feed as the RSS channel "nyheter"; return the output."""
    return run(
        "channel",
        "add",
        "--platform",
        "rss",
        "--name",
        "Nyheter",
        "--url",
        FEED,
        "--organisation",
        "testvik",
    )


@pytest.fixture
def feed(world):
    body = (
        (PAYLOADS / "feed.xml")
        .read_text()
        .replace("http://127.0.0.1:PORT", "https://etaten.example")
    )
    with respx.mock(assert_all_called=False) as mock:
        mock.get(FEED).respond(200, text=body, headers={"Content-Type": "application/rss+xml"})
        mock.get(url__regex=r"https://etaten\.example/.*/feed/").respond(
            200,
            text=(PAYLOADS / "post_comments.xml").read_text(),
            headers={"Content-Type": "application/rss+xml"},
        )
        yield mock


def test_it_adds_lists_and_shows_an_rss_channel(world):
    out = add_news_channel()
    assert "added channel nyheter" in out
    channel = Channel.objects.get(slug="nyheter")
    assert channel.config == {"feed_url": FEED} and channel.kind == "blog"
    assert "nyheter" in run("channel", "list")
    shown = run("channel", "show", "nyheter")
    assert "feed_url=" + FEED in shown and "last success" in shown


def test_it_refuses_an_rss_channel_without_a_feed(world):
    with pytest.raises(CommandError, match="--url"):
        run("channel", "add", "--platform", "rss", "--name", "X", "--organisation", "testvik")


def test_it_stores_a_token_reference_never_the_token(world):
    run(
        "channel",
        "add",
        "--platform",
        "mastodon",
        "--name",
        "Masto",
        "--url",
        "https://social.example",
        "--token-env",
        "TILSTEDE_MASTO_TOKEN",
        "--organisation",
        "testvik",
    )
    channel = Channel.objects.get(slug="masto")
    assert channel.credentials == {"access_token": {"env": "TILSTEDE_MASTO_TOKEN"}}


def test_pause_and_resume(world):
    run("channel", "pause", world.channel.slug)
    world.channel.refresh_from_db()
    assert not world.channel.active
    assert "paused" in run("channel", "list")
    run("channel", "resume", world.channel.slug)
    world.channel.refresh_from_db()
    assert world.channel.active


def test_ingest_fetches_a_feed_and_a_second_run_adds_nothing(world, feed):
    add_news_channel()
    out = run("ingest", "--channel", "nyheter")
    created = Item.objects.filter(channel__slug="nyheter").count()
    assert created >= 3 and f"{created} new" in out
    again = run("ingest", "--channel", "nyheter")
    assert "0 new" in again
    assert Item.objects.filter(channel__slug="nyheter").count() == created


def test_ingest_reports_a_feed_that_is_not_xml_on_the_channel(world):
    add_news_channel()
    with respx.mock() as mock:
        mock.get(FEED).respond(
            200, text="<html><body>Vedlikehold</body></html>", headers={"Content-Type": "text/html"}
        )
        with pytest.raises(CommandError, match="stopped"):
            run("ingest", "--channel", "nyheter")
    state = ChannelState.objects.get(channel__slug="nyheter")
    assert state.consecutive_failures == 1 and state.last_error
    assert "failing" in run("channel", "list")


def test_ingest_names_an_unknown_channel(world):
    with pytest.raises(CommandError, match="no channel named 'nope'"):
        run("ingest", "--channel", "nope")


def test_items_export_writes_every_item_with_versions_and_findings(world, feed, tmp_path):
    add_news_channel()
    run("ingest", "--channel", "nyheter")
    out = tmp_path / "items.jsonl"
    run(
        "items",
        "export",
        "--channel",
        "nyheter",
        "--user",
        "moderator",
        "--format",
        "jsonl",
        "--out",
        str(out),
    )
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == Item.objects.filter(channel__slug="nyheter").count()
    first = rows[0]
    assert first["versions"][0]["number"] == 1
    assert first["versions"][0]["sha256"] and "findings" in first["versions"][0]
    assert {r["external_id"] for r in rows} == set(
        Item.objects.filter(channel__slug="nyheter").values_list("external_id", flat=True)
    )


def test_items_export_to_stdout(world, feed):
    add_news_channel()
    run("ingest", "--channel", "nyheter")
    lines = run("items", "export", "--channel", "nyheter", "--user", "moderator").splitlines()
    assert lines and all(json.loads(line)["channel"] == "nyheter" for line in lines)


def test_schedule_enqueues_due_channels_once(world, settings, django_capture_on_commit_callbacks):
    from django_tasks import default_task_backend

    from tilstede.ingest.management.commands.schedule import enqueue_due

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    world.other_channel.active = False
    world.other_channel.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_due() == 1  # the active channel only
    with django_capture_on_commit_callbacks(execute=True):
        assert enqueue_due() == 0  # not due again until its interval has passed
    enqueued = [r.args for r in default_task_backend.results]
    assert enqueued == [[world.channel.pk]]


def test_ingest_recheck_all_looks_at_the_whole_window_and_show_tells(world, feed):
    add_news_channel()
    run("ingest", "--channel", "nyheter")
    out = run("ingest", "--channel", "nyheter", "--recheck-all")
    assert "rechecked with" in out and "0 rechecked" not in out
    shown = run("channel", "show", "nyheter")
    assert "14 days" in shown
    last = next(line for line in shown.splitlines() if line.startswith("last recheck"))
    assert "never" not in last


def test_channel_show_lists_a_dead_comment_feed_with_its_address(world):
    add_news_channel()
    body = (
        (PAYLOADS / "feed.xml")
        .read_text()
        .replace("http://127.0.0.1:PORT", "https://etaten.example")
    )
    with respx.mock(assert_all_called=False) as mock:
        mock.get(FEED).respond(200, text=body, headers={"Content-Type": "application/rss+xml"})
        mock.get(url__regex=r"https://etaten\.example/.*/feed/").respond(503)
        out = run("ingest", "--channel", "nyheter")
    assert "comment feed" in out
    shown = run("channel", "show", "nyheter")
    assert "partly working" in shown
    assert "https://etaten.example/2025/03/ny-frist/feed/" in shown
    assert "partly working" in run("channel", "list")
