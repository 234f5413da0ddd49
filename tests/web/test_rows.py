"""The inbox's rows as ``web/_row.html`` writes them, and its keyset pages."""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from tests.conftest import make_item
from tests.web.findings import add_fodselsnummer_finding
from tilstede.core.models import HouseRule, ResponseState, Visibility
from tilstede.core.readmodel import PAGE_SIZE
from tilstede.desk.models import ResponsePromise

EN = {"accept-language": "en"}


def _row(html: str, pk: int) -> str:
    match = re.search(rf'<li id="item-{pk}".*?</li>(?=\s*(<li id="item-|</ol>))', html, re.S)
    assert match, f"no row for item {pk}"
    return match.group(0)


def test_a_held_row_has_its_text_redacted_its_findings_and_every_action(client, world):
    rule = HouseRule.objects.create(channel=world.channel, code="spam", title="Reklame & spam")
    item = make_item(
        world.channel,
        "Mitt nummer er 01010112345.\n<b>Hilsen</b>",
        visibility=Visibility.HELD,
        author_handle="ola",
        language="nb",
    )
    add_fodselsnummer_finding(item, 15, 26, case_request=True)
    client.force_login(world.moderator)
    row = _row(client.get(reverse("inbox"), headers=EN).content.decode(), item.pk)
    assert 'class="row state-held"' in row and f'aria-labelledby="item-{item.pk}-h"' in row
    assert f'<a href="/items/{item.pk}/">#{item.pk} ola</a>' in row
    assert "01010112345" not in row and 'data-category="national_id"' in row
    assert "<br>&lt;b&gt;Hilsen&lt;/b&gt;" in row  # escaped, line break kept
    assert "gyldige kontrollsiffer for fødselsnummer" in row
    assert 'class="badge case"' in row
    assert f'action="/items/{item.pk}/reveal/"' in row  # a moderator may reveal
    assert 'class="act-approve"' in row and 'class="act-escalate"' in row
    assert f'<option value="{rule.pk}">Reklame &amp; spam</option>' in row
    assert 'name="csrfmiddlewaretoken"' in row
    assert 'name="next" value="/inbox/"' in row


def test_a_reply_shows_its_parent_the_promise_and_who_has_it(client, world):
    parent = make_item(world.channel, "Hvor er brøytebilen?")
    item = make_item(
        world.channel,
        "Svar",
        parent=parent,
        visibility=Visibility.VISIBLE,
        response_state=ResponseState.AWAITING,
        assignee=world.moderator,
        topic=world.roads,
        author_handle="",
        author_name="",
    )
    now = timezone.now()
    ResponsePromise.objects.create(
        item=item,
        channel=world.channel,
        reason="question",
        started_at=now - dt.timedelta(hours=5),
        promised=dt.timedelta(hours=4),
        due_at=now - dt.timedelta(hours=1),
    )
    client.force_login(world.moderator)
    row = _row(client.get(reverse("inbox"), headers=EN).content.decode(), item.pk)
    assert "row state-visible overdue" in row and 'class="badge late"' in row
    assert 'class="due"' in row and "<time datetime=" in row
    assert f'<a href="/items/{parent.pk}/">#{parent.pk}</a>' in row
    assert '<span class="snippet">Hvor er brøytebilen?</span>' in row
    assert "unknown author" in row
    assert "assigned to moderator" in row and "Vei" in row
    assert "act-approve" not in row and 'class="act-hide"' in row


def test_a_reader_gets_rows_without_forms(client, world):
    item = make_item(world.channel, "Hei", visibility=Visibility.HELD)
    add_fodselsnummer_finding(item, 0, 3)
    client.force_login(world.reader)
    row = _row(client.get(reverse("inbox")).content.decode(), item.pk)
    assert "<form" not in row and 'type="checkbox"' not in row


def test_the_rows_speak_bokmal(client, world):
    item = make_item(world.channel, "Hei", visibility=Visibility.HELD)
    client.force_login(world.moderator)
    html = client.get(reverse("inbox"), headers={"accept-language": "nb"}).content.decode()
    row = _row(html, item.pk)
    assert "Godkjenn" in row or "godkjenn" in row.lower()
    assert "Approve" not in row


def test_keyset_pages_cover_every_item_once_even_at_the_same_instant(client, world):
    when = timezone.now() - dt.timedelta(hours=1)
    items = [make_item(world.channel, f"Nr {n}", created_at=when) for n in range(PAGE_SIZE + 7)]
    items += [make_item(world.channel, f"Eldre {n}") for n in range(PAGE_SIZE)]
    client.force_login(world.moderator)
    seen: list[int] = []
    url = reverse("inbox")
    for _ in range(10):
        html = client.get(url).content.decode()
        seen += [int(pk) for pk in re.findall(r'<li id="item-(\d+)"', html)]
        nxt = re.search(r'href="\?(after=[^"]+)" rel="next"', html)
        if not nxt:
            break
        url = reverse("inbox") + "?" + nxt.group(1)
    assert sorted(seen) == sorted(i.pk for i in items)
    assert len(seen) == len(set(seen))


def test_a_page_costs_the_same_queries_however_many_rows_have_findings(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def held_with_finding() -> None:
        item = make_item(world.channel, "Mitt nummer er 01010112345.", visibility=Visibility.HELD)
        add_fodselsnummer_finding(item, 15, 26)

    held_with_finding()
    client.force_login(world.moderator)
    client.get(reverse("inbox"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("inbox"))
    for _ in range(5):
        held_with_finding()
    with CaptureQueriesContext(connection) as six:
        html = client.get(reverse("inbox")).content.decode()
    assert html.count('data-category="national_id"') == 6
    assert len(one) == len(six)


def test_the_item_page_shows_a_replys_thread(client, world):
    root = make_item(world.channel, "Når kommer brøytebilen?")
    reply = make_item(world.channel, "I morgen.", parent=root, thread=root)
    client.force_login(world.moderator)
    html = client.get(reverse("item", args=[reply.pk])).content.decode()
    thread = html.split('class="thread"')[1]
    assert f"#{root.pk}" in thread and f"#{reply.pk}" in thread
    alone = client.get(reverse("item", args=[root.pk])).content.decode()
    assert f"#{reply.pk}" in alone.split('class="thread"')[1]
    lone = make_item(world.channel, "Alene")
    assert "Alene" in client.get(reverse("item_thread", args=[lone.pk])).content.decode()
