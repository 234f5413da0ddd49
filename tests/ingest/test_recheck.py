"""Edits, hides and deletions at the source reach the desk within one recheck cycle.

Each platform is faked with respx, answering in its documented format (the payloads in
tests/connectors/payloads). Items are stored through the real poll or ingest, changed
at the "source", and one ``channel_recheck`` must show the change: an edit as a new
version with the old text kept, a hide and a delete as a state.
"""

from __future__ import annotations

import copy
import datetime as dt
import json

import httpx
import pytest
import respx

from tests.conftest import make_channel
from tests.connectors.conftest import payload
from tilstede.connectors.bluesky import BlueskyConnector
from tilstede.connectors.facebook import FacebookConnector
from tilstede.connectors.http import NO_RETRY
from tilstede.connectors.mastodon import MastodonConnector
from tilstede.connectors.rss import RssConnector
from tilstede.core.models import AuditEvent, Item, Platform, Visibility
from tilstede.ingest.models import ChannelState
from tilstede.ingest.services import channel_poll, channel_recheck, items_receive

MASTODON = "https://mastodon.example"
XRPC = "https://bsky.example/xrpc"
GRAPH = "https://graph.facebook.com/v21.0"
PAGE = "104000000000001"
POST = f"{PAGE}_200000000000001"
NOW = dt.datetime(2025, 3, 5, 9, 0, tzinfo=dt.UTC)


def versions(item: Item) -> list[str]:
    return list(item.versions.order_by("number").values_list("text", flat=True))


# -- Mastodon ---------------------------------------------------------------------------


def status(status_id: str, content: str) -> dict:
    body = copy.deepcopy(payload("mastodon/status_edited.json"))
    body.update(id=status_id, content=f"<p>{content}</p>", edited_at=None)
    body["created_at"] = "2025-03-04T09:00:00.000Z"
    return body


@respx.mock
def test_mastodon_edit_and_delete_at_the_source_within_one_recheck(world):
    """Mastodon has no hiding of replies at the source, so only edits and deletions."""
    respx.get(f"{MASTODON}/api/v1/accounts/verify_credentials").mock(
        return_value=httpx.Response(200, json={"id": "1"})
    )
    a, b, c = (status(n, f"Når åpner kontoret i Bø? nr {n}") for n in ("701", "702", "703"))
    respx.get(f"{MASTODON}/api/v1/notifications").mock(
        return_value=httpx.Response(
            200,
            json=[{"id": f"n{s['id']}", "type": "mention", "status": s} for s in (a, b, c)],
        )
    )
    connector = MastodonConnector(base_url=MASTODON, access_token="t", retry=NO_RETRY)
    assert channel_poll(channel=world.channel, connector=connector, recheck="none").created == 3

    edited = {**a, "content": "<p>Når åpner kontoret i Bø? (rettet)</p>"}
    edited["edited_at"] = "2025-03-04T10:00:00.000Z"
    lookup = respx.get(f"{MASTODON}/api/v1/statuses").mock(
        return_value=httpx.Response(200, json=[edited, c])  # 702 is gone
    )
    report = channel_recheck(channel=world.channel, connector=connector, now=NOW)

    assert lookup.call_count == 1  # three statuses, one batched lookup
    first = Item.objects.get(channel=world.channel, external_id="701")
    assert versions(first) == [
        "Når åpner kontoret i Bø? nr 701",
        "Når åpner kontoret i Bø? (rettet)",
    ]
    gone = Item.objects.get(channel=world.channel, external_id="702")
    assert gone.visibility == Visibility.DELETED_AT_SOURCE
    assert versions(gone) == ["Når åpner kontoret i Bø? nr 702"]  # the text is kept
    assert report.new_versions == 1 and report.deleted_at_source == 1 and report.unchanged == 1


# -- Bluesky ----------------------------------------------------------------------------

AGENCY = "did:plc:etatentest00000000000000"
ROOT = f"at://{AGENCY}/app.bsky.feed.post/3lagencyroot01"


def bsky_post(rkey: str, text: str) -> dict:
    post = copy.deepcopy(payload("bluesky/get_posts.json")["posts"][0])
    post["uri"] = f"at://did:plc:citizen00000000000000001/app.bsky.feed.post/{rkey}"
    post["record"]["text"] = text
    return post


def bsky_root(hidden: list[str]) -> dict:
    root = bsky_post("root", "Ny frist for søknader")
    root.update(uri=ROOT, author={"did": AGENCY, "handle": "etaten.bsky.example"})
    del root["record"]["reply"]
    root["threadgate"] = {
        "uri": f"at://{AGENCY}/app.bsky.feed.threadgate/3lagencyroot01",
        "cid": "bafyreigate",
        "record": {
            "$type": "app.bsky.feed.threadgate",
            "post": ROOT,
            "createdAt": "2025-03-04T10:00:00.000Z",
            "hiddenReplies": hidden,
        },
        "lists": [],
    }
    return root


def bluesky(session: str = "") -> BlueskyConnector:
    return BlueskyConnector(
        handle="etaten.bsky.example",
        app_password="app-pass",
        service="https://bsky.example",
        retry=NO_RETRY,
        session=session,
    )


def serve_posts(posts: list[dict]) -> respx.Route:
    by_uri = {p["uri"]: p for p in posts}

    def answer(request: httpx.Request) -> httpx.Response:
        wanted = request.url.params.get_list("uris")
        assert len(wanted) <= 25
        return httpx.Response(200, json={"posts": [by_uri[u] for u in wanted if u in by_uri]})

    return respx.get(f"{XRPC}/app.bsky.feed.getPosts").mock(side_effect=answer)


@respx.mock
def test_bluesky_edit_hide_and_delete_at_the_source_within_one_recheck(world):
    channel = make_channel(world.org, "testvik-bluesky", Platform.BLUESKY)
    respx.post(f"{XRPC}/com.atproto.server.createSession").mock(
        return_value=httpx.Response(200, json=payload("bluesky/session.json"))
    )
    posts = [bsky_post(f"3lr{n}", f"Hvorfor er fristen 1. mai? nr {n}") for n in range(3)]
    serve_posts([*posts, bsky_root([])])
    connector = bluesky()
    uris = [p["uri"] for p in posts]
    items_receive(channel=channel, raw_items=connector.recheck(uris).items)

    edited, hidden, _gone = copy.deepcopy(posts)
    edited["record"]["text"] = "Hvorfor er fristen 1. mai? (rettet)"
    serve_posts([edited, hidden, bsky_root([hidden["uri"]])])
    report = channel_recheck(channel=channel, connector=connector, everything=True, now=NOW)

    assert versions(Item.objects.get(channel=channel, external_id=uris[0]))[-1].endswith("(rettet)")
    assert Item.objects.get(channel=channel, external_id=uris[1]).visibility == (
        Visibility.HIDDEN_AT_SOURCE
    )
    gone = Item.objects.get(channel=channel, external_id=uris[2])
    assert gone.visibility == Visibility.DELETED_AT_SOURCE and gone.text.endswith("nr 2")
    assert report.hidden_at_source == 1


@respx.mock
def test_bluesky_shown_again_at_the_source_gets_back_its_visibility(world):
    channel = make_channel(world.org, "testvik-bluesky", Platform.BLUESKY)
    respx.post(f"{XRPC}/com.atproto.server.createSession").mock(
        return_value=httpx.Response(200, json=payload("bluesky/session.json"))
    )
    post = bsky_post("3lr9", "Takk for svar!")
    serve_posts([post, bsky_root([post["uri"]])])
    connector = bluesky()
    items_receive(channel=channel, raw_items=bluesky().recheck([post["uri"]]).items)
    # Arriving hidden it is stored hidden; then seen visible, hidden, and shown again.
    item = Item.objects.get(channel=channel, external_id=post["uri"])
    assert item.visibility == Visibility.HIDDEN
    Item.objects.filter(pk=item.pk).update(visibility=Visibility.VISIBLE)
    channel_recheck(channel=channel, connector=connector, everything=True, now=NOW)
    item.refresh_from_db()
    assert item.visibility == Visibility.HIDDEN_AT_SOURCE
    serve_posts([post, bsky_root([])])
    channel_recheck(channel=channel, connector=connector, everything=True, now=NOW)
    item.refresh_from_db()
    assert item.visibility == Visibility.VISIBLE
    assert AuditEvent.objects.filter(verb="item.shown_at_source").count() == 1


@respx.mock
def test_bluesky_keeps_its_session_between_polls(world):
    """One login, then the stored session: 288 polls a day no longer mean 288 logins."""
    channel = make_channel(world.org, "testvik-bluesky", Platform.BLUESKY)
    channel.config = {"handle": "etaten.bsky.example", "service": "https://bsky.example"}
    channel.set_secret("app_password", "app-pass")
    channel.save()
    login = respx.post(f"{XRPC}/com.atproto.server.createSession").mock(
        return_value=httpx.Response(200, json=payload("bluesky/session.json"))
    )
    respx.get(f"{XRPC}/app.bsky.notification.listNotifications").mock(
        return_value=httpx.Response(200, json={"notifications": []})
    )
    for _ in range(3):
        channel.refresh_from_db()
        assert channel_poll(channel=channel).error == ""
    assert login.call_count == 1
    channel.refresh_from_db()
    assert "session" in channel.credentials and "enc" in channel.credentials["session"]


# -- Facebook ---------------------------------------------------------------------------


@respx.mock
def test_facebook_edit_hide_and_delete_at_the_source_within_one_recheck(world):
    channel = make_channel(world.org, "testvik-facebook", Platform.FACEBOOK)
    connector = FacebookConnector(page_id=PAGE, access_token="t", retry=NO_RETRY)
    feed = payload("facebook/page_feed.json")
    feed["data"] = [p for p in feed["data"] if p["id"] == POST]
    respx.get(f"{GRAPH}/{PAGE}/feed").mock(return_value=httpx.Response(200, json=feed))
    comments = payload("facebook/comments_page1.json")
    comments["data"] = [c for c in comments["data"] if c.get("created_time")]
    del comments["paging"]
    listing = respx.get(f"{GRAPH}/{POST}/comments").mock(
        return_value=httpx.Response(200, json=comments)
    )
    assert channel_poll(channel=channel, connector=connector, recheck="none").created == 4
    before = listing.call_count

    now = copy.deepcopy(comments)
    by_id = {c["id"]: c for c in now["data"]}
    by_id["200000000000001_300000000000003"]["message"] += " (rettet)"
    by_id["200000000000001_300000000000005"]["is_hidden"] = True
    del by_id["200000000000001_300000000000004"]
    now["data"] = list(by_id.values())
    listing.mock(return_value=httpx.Response(200, json=now))
    respx.get(f"{GRAPH}/").mock(return_value=httpx.Response(200, json={POST: feed["data"][0]}))
    channel_recheck(channel=channel, connector=connector, everything=True, now=NOW)

    assert listing.call_count == before + 1  # every comment of the post in one call
    get = lambda ext: Item.objects.get(channel=channel, external_id=ext)  # noqa: E731
    assert versions(get("200000000000001_300000000000003"))[-1].endswith("(rettet)")
    assert get("200000000000001_300000000000005").visibility == Visibility.HIDDEN_AT_SOURCE
    gone = get("200000000000001_300000000000004")
    assert gone.visibility == Visibility.DELETED_AT_SOURCE and gone.text


@respx.mock
def test_facebook_a_comment_without_id_is_counted_on_the_channels_health(world):
    channel = make_channel(world.org, "testvik-facebook", Platform.FACEBOOK)
    connector = FacebookConnector(page_id=PAGE, access_token="t", retry=NO_RETRY)
    feed = payload("facebook/page_feed.json")
    feed["data"] = [p for p in feed["data"] if p["id"] == POST]
    respx.get(f"{GRAPH}/{PAGE}/feed").mock(return_value=httpx.Response(200, json=feed))
    comments = payload("facebook/comments_page1.json")
    del comments["data"][1]["id"]
    del comments["paging"]
    respx.get(f"{GRAPH}/{POST}/comments").mock(return_value=httpx.Response(200, json=comments))
    report = channel_poll(channel=channel, connector=connector, recheck="none")
    assert report.error == "" and report.created >= 2
    state = ChannelState.objects.get(channel=channel)
    assert state.items_skipped == 2  # the comment without id, and the one without a time
    assert set(channel.problems.values_list("kind", flat=True)) == {"skipped"}
    assert any("lacks 'id'" in p for p in channel.problems.values_list("reason", flat=True))


# -- RSS/Atom ---------------------------------------------------------------------------

FEED = "https://etaten.example/feed/"


def rss(entries: list[tuple[str, str, str]], comment_feeds: dict[str, str] | None = None) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{guid}</link><guid>{guid}</guid>"
        f"<pubDate>Tue, 04 Mar 2025 08:00:00 +0000</pubDate><description>{body}</description>"
        + (
            f"<wfw:commentRss>{comment_feeds[guid]}</wfw:commentRss>"
            if comment_feeds and guid in comment_feeds
            else ""
        )
        + "</item>"
        for guid, title, body in entries
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel><title>Etaten</title>'
        f"<link>https://etaten.example/</link><description>d</description>{items}</channel></rss>"
    ).encode()


@respx.mock
def test_rss_an_entry_edited_in_place_becomes_a_new_version(world):
    channel = make_channel(world.org, "testvik-rss", Platform.RSS)
    connector = RssConnector(feed_url=FEED, retry=NO_RETRY)
    guid = "https://etaten.example/2025/03/frist/"
    route = respx.get(FEED).mock(
        return_value=httpx.Response(
            200, content=rss([(guid, "Ny frist", "Fristen er 1. mai.")]), headers={"ETag": '"1"'}
        )
    )
    channel_poll(channel=channel, connector=connector, recheck="none")
    # Same guid, same date, other text: only a comparison of every entry sees it.
    route.mock(
        return_value=httpx.Response(
            200,
            content=rss([(guid, "Ny frist", "Fristen er 15. mai.&nbsp;Søk&nbsp;nå.")]),
            headers={"ETag": '"2"'},
        )
    )
    report = channel_poll(channel=channel, connector=connector, recheck="none")
    assert report.error == "" and report.new_versions == 1
    assert versions(Item.objects.get(channel=channel, external_id=guid)) == [
        "Ny frist\n\nFristen er 1. mai.",
        "Ny frist\n\nFristen er 15. mai.\xa0Søk\xa0nå.",  # &nbsp; read as a browser does
    ]


@respx.mock
def test_rss_a_dead_comment_feed_leaves_the_channel_partly_healthy_with_its_url(world):
    channel = make_channel(world.org, "testvik-rss", Platform.RSS)
    connector = RssConnector(feed_url=FEED, retry=NO_RETRY)
    posts = [(f"https://etaten.example/p{n}/", f"Innlegg {n}", "Tekst") for n in (1, 2)]
    feeds = {guid: f"{guid}feed/" for guid, _, _ in posts}
    respx.get(FEED).mock(return_value=httpx.Response(200, content=rss(posts, feeds)))
    respx.get(feeds[posts[0][0]]).mock(return_value=httpx.Response(404))
    respx.get(feeds[posts[1][0]]).mock(
        return_value=httpx.Response(
            200, content=rss([("https://etaten.example/p2/#comment-1", "", "Fint!")])
        )
    )
    report = channel_poll(channel=channel, connector=connector, recheck="none")
    assert report.error == ""
    assert Item.objects.filter(channel=channel).count() == 3  # two posts and the comment
    state = ChannelState.objects.get(channel=channel)
    assert state.last_poll_partial is True and state.healthy is False
    assert state.consecutive_failures == 0
    problem = channel.problems.get()
    assert problem.kind == "partial" and problem.url == feeds[posts[0][0]]
    assert feeds[posts[0][0]] in problem.reason


# -- Bounded: deep and oversized records ------------------------------------------------


@respx.mock
def test_a_2_mb_deep_record_and_a_30_mb_item_are_refused_and_the_rest_stored(world):
    respx.get(f"{MASTODON}/api/v1/accounts/verify_credentials").mock(
        return_value=httpx.Response(200, json={"id": "1"})
    )
    fine = status("801", "Hei, når er det åpent?")
    huge = status("802", "x" * (30 * 1024 * 1024))
    deep_status = status("803", "dypt")
    deep = json.dumps({"id": "n803", "type": "mention", "status": deep_status})
    deep = deep[:-1] + ', "x": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}"
    body = (
        "["
        + ",".join(
            [
                json.dumps({"id": "n801", "type": "mention", "status": fine}),
                json.dumps({"id": "n802", "type": "mention", "status": huge}),
                deep,
            ]
        )
        + "]"
    )
    assert len(body) > 32_000_000
    respx.get(f"{MASTODON}/api/v1/notifications").mock(
        return_value=httpx.Response(200, content=body.encode())
    )
    connector = MastodonConnector(base_url=MASTODON, access_token="t", retry=NO_RETRY)
    report = channel_poll(channel=world.channel, connector=connector, recheck="none")
    assert report.error == ""
    assert list(
        Item.objects.filter(channel=world.channel).values_list("external_id", flat=True)
    ) == ["801"]
    reasons = list(world.channel.problems.values_list("reason", flat=True))
    assert any("802" in r and "MB" in r for r in reasons)
    assert any("n803" in r and "nested deeper" in r for r in reasons)
    assert ChannelState.objects.get(channel=world.channel).items_skipped == 2


def test_a_recursion_error_is_written_on_the_channels_health(world):
    class Deep:
        platform = "mastodon"

        def fetch(self, cursor: str = "", *, limit: int = 100):
            raise RecursionError("maximum recursion depth exceeded")

    report = channel_poll(channel=world.channel, connector=Deep(), recheck="none")
    assert "recursion" in report.error
    state = ChannelState.objects.get(channel=world.channel)
    assert state.consecutive_failures == 1 and "recursion" in state.last_error


def test_a_long_text_is_stored_cut_with_the_whole_payload_kept_compressed(world):
    from tests.ingest.fakes import raw
    from tilstede.ingest.services import TEXT_LIMIT, raw_payload

    long = "ord " * (TEXT_LIMIT // 2)
    items_receive(channel=world.channel, raw_items=[raw(1, long, raw={"content": long})])
    item = Item.objects.get(channel=world.channel, external_id="1")
    assert len(item.text) < len(long) and item.text.endswith("[…]")
    assert raw_payload(item) == {"content": long}


# -- Pacing a whole-window recheck ------------------------------------------------------


class Paced:
    """A connector whose platform allows 4 recheck requests a minute, one id each; it
    answers every item unchanged and notes the (simulated) time of each request."""

    platform = "mastodon"

    def __init__(self, clock: list[float], limited: int = 0) -> None:
        from tilstede.connectors.base import RecheckPolicy

        self.recheck_policy = RecheckPolicy(
            ids_per_request=1,
            limit=4,
            window=dt.timedelta(minutes=1),
            share=1.0,
            source="the test",
        )
        self.clock = clock
        self.limited = limited  # answer "slow down" this many times first
        self.asked: list[float] = []
        self.stored: dict[str, object] = {}

    def recheck(self, ids, *, threads=None):
        from tilstede.connectors.base import FetchResult, RateLimited

        self.asked.append(self.clock[0])
        if self.limited:
            self.limited -= 1
            raise RateLimited("HTTP 429", platform="mastodon", retry_after=30)
        return FetchResult(
            items=[self.stored[i] for i in ids], cursor="", more=False, requests=len(ids)
        )


def paced_world(world, n: int, limited: int = 0):
    from tests.ingest.fakes import raw

    now = dt.datetime.now(dt.UTC)
    items = [
        raw(i, f"Spørsmål {i} om brøyting", created_at=now - dt.timedelta(hours=i))
        for i in range(1, n + 1)
    ]
    items_receive(channel=world.channel, raw_items=items)
    clock = [0.0]
    connector = Paced(clock, limited=limited)
    connector.stored = {r.external_id: r for r in items}
    waits: list[tuple[float, str]] = []

    def sleep(seconds: float) -> None:
        clock[0] += seconds

    return connector, clock, sleep, waits


def test_recheck_all_keeps_to_the_platforms_limit_and_says_when_it_waits(world):
    connector, clock, sleep, waits = paced_world(world, 10)
    report = channel_recheck(
        channel=world.channel,
        connector=connector,
        everything=True,
        sleep=sleep,
        clock=lambda: clock[0],
        on_wait=lambda s, why: waits.append((s, why)),
    )
    assert report.rechecked == 10 and report.requests == 10
    times = connector.asked
    # Never more than 4 requests in any minute, as the platform allows ...
    assert all(sum(1 for t in times if start <= t < start + 60) <= 4 for start in times)
    # ... and no slower than it allows: 4 at once, 4 a minute later, 2 after two minutes.
    assert times == [0, 0, 0, 0, 60, 60, 60, 60, 120, 120]
    assert len(waits) == 2 and all("rate limit" in why for _, why in waits)


def test_recheck_all_waits_when_the_platform_says_slow_down_and_asks_again(world):
    connector, clock, sleep, waits = paced_world(world, 3, limited=2)
    report = channel_recheck(
        channel=world.channel,
        connector=connector,
        everything=True,
        sleep=sleep,
        clock=lambda: clock[0],
        on_wait=lambda s, why: waits.append((s, why)),
    )
    assert report.rechecked == 3
    assert [s for s, why in waits if "slow down" in why] == [30, 30]  # Retry-After honoured


def test_a_recheck_that_fails_keeps_its_place_for_the_next_run(world):
    from tilstede.connectors.base import RateLimited

    connector, *_ = paced_world(world, 6)
    answered = connector.recheck
    calls = {"n": 0}

    def flaky(ids, *, threads=None):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RateLimited("HTTP 429", platform="mastodon", retry_after=30)
        return answered(ids, threads=threads)

    connector.recheck = flaky
    # A scheduled run does not wait on "slow down": it stops, keeping the three done.
    with pytest.raises(RateLimited):
        channel_recheck(
            channel=world.channel,
            connector=connector,
            everything=False,
            now=dt.datetime.now(dt.UTC),
        )
    state = ChannelState.objects.get(channel=world.channel)
    assert state.recheck_position  # the place after the third item
    connector.recheck = answered
    before = len(connector.asked)
    channel_recheck(channel=world.channel, connector=connector, now=dt.datetime.now(dt.UTC))
    asked_again = len(connector.asked) - before
    assert asked_again == 3  # only the three not yet looked at
