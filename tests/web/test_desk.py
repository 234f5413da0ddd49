"""The web desk's rules through the test client: who sees and does what, reveal logging,
bulk confirmation, keyset pages and the channel's presence text."""

from __future__ import annotations

from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from tests.conftest import make_item
from tests.web.findings import add_fodselsnummer_finding
from tilstede.core.models import AuditEvent, HouseRule, Visibility


def test_it_shows_personal_data_redacted_and_reveals_it_with_a_log_entry(client, world):
    item = make_item(world.channel, "Mitt nummer er 01010112345.", visibility=Visibility.HELD)
    add_fodselsnummer_finding(item, 15, 26)
    client.force_login(world.moderator)
    html = client.get(reverse("inbox")).content.decode()
    assert "[fødselsnummer]" in html and "01010112345" not in html
    assert "gyldige kontrollsiffer" in html
    assert client.get(reverse("item", args=[item.pk])).content.decode().count("01010112345") == 0
    response = client.post(reverse("item_reveal", args=[item.pk]))
    assert "01010112345" in response.content.decode()
    assert AuditEvent.objects.filter(
        verb="item.reveal", object_id=str(item.pk), actor=world.moderator
    ).exists()


def test_a_reader_may_not_reveal_or_decide(client, world):
    item = make_item(world.channel, "Hei", visibility=Visibility.HELD)
    client.force_login(world.reader)
    assert client.get(reverse("home")).status_code == 200
    assert client.post(reverse("item_reveal", args=[item.pk])).status_code == 403
    assert (
        client.post(reverse("item_decide", args=[item.pk]), {"verb": "approve"}).status_code == 403
    )
    item.refresh_from_db()
    assert item.visibility == Visibility.HELD


def test_a_responder_sees_only_items_of_their_topics(client, world):
    mine = make_item(world.channel, "Hullet i veien", topic=world.roads)
    other = make_item(world.channel, "Skolen", topic=world.schools)
    client.force_login(world.responder)
    assert client.get(reverse("home")).status_code == 302  # no dashboard: to the inbox
    html = client.get(reverse("inbox")).content.decode()
    assert f'id="item-{mine.pk}"' in html and f'id="item-{other.pk}"' not in html
    assert client.get(reverse("item", args=[other.pk])).status_code == 404


def test_an_outsider_sees_nothing_of_another_organisation(client, world):
    item = make_item(world.channel, "Hei")
    client.force_login(world.outsider)
    assert f'id="item-{item.pk}"' not in client.get(reverse("inbox")).content.decode()
    assert client.get(reverse("item", args=[item.pk])).status_code == 404
    assert client.get(reverse("channel", args=[world.channel.slug])).status_code == 404


def test_hiding_needs_a_house_rule_and_is_logged(client, world):
    rule = HouseRule.objects.create(channel=world.channel, code="spam", title="Spam")
    item = make_item(world.channel, "Kjøp nå", visibility=Visibility.HELD)
    client.force_login(world.moderator)
    client.post(reverse("item_decide", args=[item.pk]), {"verb": "hide"})
    item.refresh_from_db()
    assert item.visibility == Visibility.HELD
    client.post(reverse("item_decide", args=[item.pk]), {"verb": "hide", "house_rule": rule.pk})
    item.refresh_from_db()
    assert item.visibility == Visibility.HIDDEN
    assert AuditEvent.objects.filter(verb="item.hide", object_id=str(item.pk)).exists()


def test_bulk_actions_show_what_will_happen_before_doing_it(client, world):
    items = [make_item(world.channel, f"Nr {n}", visibility=Visibility.HELD) for n in range(3)]
    client.force_login(world.moderator)
    data = {"items": [i.pk for i in items], "action": "approve"}
    response = client.post(reverse("inbox_bulk"), data)
    assert response.status_code == 200 and "confirm" in response.content.decode()
    assert all(i.visibility == Visibility.HELD for i in items)
    client.post(reverse("inbox_bulk"), {**data, "confirm": "on"})
    for item in items:
        item.refresh_from_db()
        assert item.visibility == Visibility.VISIBLE


def test_a_deep_page_costs_the_queries_of_the_first(client, world, django_assert_num_queries):
    for n in range(120):
        make_item(world.channel, f"Innlegg {n}")
    client.force_login(world.moderator)
    from django.db import connection

    with CaptureQueriesContext(connection) as first:
        html = client.get(reverse("inbox")).content.decode()
    after = html.split("after=")[1].split('"')[0]
    with CaptureQueriesContext(connection) as second:
        html2 = client.get(reverse("inbox") + f"?after={after}").content.decode()
    third_after = html2.split("after=")[1].split('"')[0]
    with CaptureQueriesContext(connection) as third:
        client.get(reverse("inbox") + f"?after={third_after}")
    assert len(first) == len(second) == len(third)
    assert not any("OFFSET" in q["sql"] for q in second.captured_queries)


def test_the_channel_page_writes_the_presence_text_in_three_languages(client, world):
    HouseRule.objects.create(channel=world.channel, code="spam", title="Reklame og spam")
    client.force_login(world.reader)
    html = client.get(reverse("channel", args=[world.channel.slug])).content.decode()
    assert "ikke behandle enkeltsaker" in html
    assert "handsame enkeltsaker" in html
    assert "individual cases" in html
    assert "- Reklame og spam" in html
    assert client.get(reverse("channel_edit", args=[world.channel.slug])).status_code == 403


def test_the_bench_view_is_not_routed_by_default():
    try:
        reverse("bench_empty")
    except NoReverseMatch:
        return
    raise AssertionError("the bench's empty view must not be routed outside the bench")
