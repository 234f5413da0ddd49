"""The read model of items: one access function that every read obeys, text search over
what the person may see, the orders and their keyset pages, overdue."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tilstede.connectors.base import RawItem
from tilstede.core import permissions
from tilstede.core.models import Item, Visibility
from tilstede.core.readmodel import BadCursor, Cursor, InboxFilters
from tilstede.demo.synthetic import fodselsnummer
from tilstede.desk.models import ResponsePromise
from tilstede.ingest.services import items_receive

_ids = itertools.count(1)


def receive(channel, text: str, *, minutes_ago: int = 0) -> Item:
    """An item as ingest stores one: versioned, screened, ruled on (held for personal data)."""
    n = next(_ids)
    at = timezone.now() - dt.timedelta(minutes=minutes_ago)
    raw = RawItem(
        external_id=f"readmodel-{n}",
        kind="comment",
        direction="in",
        author_handle=f"innbygger{n}",
        author_name="",
        text=text,
        url=f"https://social.example/{n}",
        created_at=at,
        language="nb",
    )
    items_receive(channel=channel, raw_items=[raw], now=at)
    return Item.objects.get(platform=channel.platform, external_id=raw.external_id)


def exported(user) -> set[int]:
    from io import StringIO

    out = StringIO()
    call_command(
        "items", "export", "--channel", "testvik-mastodon", "--user", user.username, stdout=out
    )
    return {json.loads(line)["id"] for line in out.getvalue().splitlines()}


def shown(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_it_holds_a_rule_added_to_the_access_function_in_every_read(client, world, monkeypatch):
    """As the review did: one plausible line in ``items_for_user`` (a group of people sees
    no held items). The inbox, the item page, the API, search and the export obey it."""
    number = fodselsnummer(random.Random(20))
    held = receive(world.channel, f"Brøytebilen har ikke kommet. Fødselsnummer {number}.")
    visible = receive(world.channel, "Brøytebilen kom i dag, takk!", minutes_ago=1)
    assert held.visibility == Visibility.HELD and visible.visibility == Visibility.VISIBLE
    client.force_login(world.moderator)
    search = reverse("inbox") + "?text=brøytebilen"
    # Before the rule: the moderator sees both everywhere (so the checks below can fail).
    assert f'id="item-{held.pk}"' in shown(client, reverse("inbox"))
    assert f'id="item-{held.pk}"' in shown(client, search)
    assert {held.pk, visible.pk} <= exported(world.moderator)

    limited = Group.objects.create(name="Begrenset innsyn")
    world.moderator.groups.add(limited)
    original = permissions.items_for_user

    def items_for_user(user):
        items = original(user)
        if user.is_authenticated and user.groups.filter(pk=limited.pk).exists():
            items = items.exclude(visibility=Visibility.HELD)
        return items

    monkeypatch.setattr(permissions, "items_for_user", items_for_user)

    inbox = shown(client, reverse("inbox"))
    assert f'id="item-{held.pk}"' not in inbox and f'id="item-{visible.pk}"' in inbox
    assert number not in inbox
    found = shown(client, search)
    assert f'id="item-{held.pk}"' not in found and f'id="item-{visible.pk}"' in found
    assert client.get(reverse("item", args=[held.pk])).status_code == 404
    assert client.get(reverse("item_thread", args=[held.pk])).status_code == 404
    listed = [i["id"] for i in client.get("/api/items").json()["items"]]
    assert held.pk not in listed and visible.pk in listed
    searched = [i["id"] for i in client.get("/api/items?q=brøytebilen").json()["items"]]
    assert searched == [visible.pk]
    assert client.get(f"/api/items/{held.pk}").status_code == 404
    assert held.pk not in exported(world.moderator)
    assert visible.pk in exported(world.moderator)
    # Nor can a decision reach it, one by one or in bulk.
    decide = client.post(reverse("item_decide", args=[held.pk]), {"verb": "approve"})
    assert decide.status_code == 404
    bulk = client.post(reverse("inbox_bulk"), {"items": [held.pk], "action": "approve"})
    assert f"#{held.pk}" not in bulk.content.decode()
    held.refresh_from_db()
    assert held.visibility == Visibility.HELD
    # Someone outside the group still sees it: the rule is the one that was added.
    client.force_login(world.admin)
    assert f'id="item-{held.pk}"' in shown(client, reverse("inbox"))


def test_it_searches_the_redacted_text_for_those_who_may_not_reveal(client, world):
    number = fodselsnummer(random.Random(21))
    item = receive(world.channel, f"Hei, mitt fødselsnummer er {number}, når får jeg svar?")
    assert number not in item.text_redacted and number in item.text
    client.force_login(world.reader)
    assert f'id="item-{item.pk}"' not in shown(client, reverse("inbox") + f"?text={number}")
    assert client.get(f"/api/items?q={number}").json()["items"] == []
    assert f'id="item-{item.pk}"' in shown(client, reverse("inbox") + "?text=svar")
    client.force_login(world.moderator)  # may reveal: searches the clear text
    assert f'id="item-{item.pk}"' in shown(client, reverse("inbox") + f"?text={number}")


def test_it_searches_an_edited_text_as_it_now_reads(world):
    first = receive(world.channel, "Gatelyset i Storgata er mørkt")
    items_receive(
        channel=world.channel,
        raw_items=[
            RawItem(
                external_id=first.external_id,
                kind="comment",
                direction="in",
                author_handle=first.author_handle,
                author_name="",
                text="Strømbrudd på skolen",
                url=first.url,
                created_at=first.created_at,
                language="nb",
            )
        ],
    )
    visible = Item.objects.visible_to(world.moderator)
    assert list(visible.search("strømbrudd", user=world.moderator)) == [first]
    assert list(visible.search("gatelyset", user=world.moderator)) == []
    assert list(visible.search("strømbrudd", user=world.reader)) == [first]


def test_it_takes_typed_search_syntax_as_words(world):
    receive(world.channel, 'Han skrev "OR" og NEAR(a b) * i kommentaren')
    visible = Item.objects.visible_to(world.moderator)
    for text in ['"', "OR", "NEAR(a b)", "*", "a AND", "-", "kommentaren)"]:
        list(visible.search(text, user=world.moderator))  # never a database error


def promise(item: Item, due: dt.datetime) -> None:
    ResponsePromise.objects.update_or_create(
        item=item,
        defaults={
            "channel": item.channel,
            "reason": "question",
            "started_at": due - dt.timedelta(hours=8),
            "promised": dt.timedelta(hours=8),
            "due_at": due,
        },
    )
    Item.objects.filter(pk=item.pk).update(response_state="awaiting")


def test_it_pages_due_first_oldest_due_time_first(world):
    now = timezone.now()
    items = [receive(world.channel, f"Spørsmål {n}?", minutes_ago=n) for n in range(7)]
    dues = [now + dt.timedelta(hours=h) for h in (5, -3, 2, -3, 9, 0, 1)]
    for item, due in zip(items, dues, strict=True):
        promise(item, due)
    unpromised = receive(world.channel, "Takk for sist")
    visible = Item.objects.visible_to(world.moderator)
    seen, after = [], ""
    while True:
        page = visible.page(sort="due", after=after, size=3)
        seen += page.items
        if page.next_cursor is None:
            break
        after = page.next_cursor
    assert [i.promise.due_at for i in seen] == sorted(dues)
    assert len({i.pk for i in seen}) == 7 and unpromised not in seen
    with pytest.raises(BadCursor):  # a cursor of the other order is not one of this
        visible.page(sort="newest", after=after)


def test_it_flags_overdue_once_for_filter_badge_and_count(world):
    now = timezone.now()
    late = receive(world.channel, "Hvor blir svaret av?")
    early = receive(world.channel, "Når åpner biblioteket?")
    promise(late, now - dt.timedelta(hours=1))
    promise(early, now + dt.timedelta(hours=1))
    visible = Item.objects.visible_to(world.moderator)
    assert list(visible.overdue(now)) == [late]
    assert early in visible.not_overdue(now) and late not in visible.not_overdue(now)
    flags = {i.pk: i.is_overdue for i in visible.with_overdue(now)}
    assert flags[late.pk] and not flags[early.pk]
    filtered = visible.filtered(InboxFilters(overdue=True), user=world.moderator, now=now)
    assert list(filtered) == [late]


def test_it_refuses_a_cursor_it_did_not_give_out():
    for text in ["", "bm90IGEgY3Vyc29y", "!!!", Cursor("due", timezone.now(), 1).encode()]:
        with pytest.raises(BadCursor):
            Cursor.decode(text, sort="newest")
