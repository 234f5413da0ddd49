"""The transparency report and the appeal form, open to everyone, with no personal data."""

from __future__ import annotations

import csv
import io
import random

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tests.ingest.fakes import raw
from tilstede.core.models import HouseRule, Item
from tilstede.demo.synthetic import fodselsnummer
from tilstede.ingest.services import items_receive
from tilstede.moderation.models import Appeal, Verb
from tilstede.moderation.services import appeal_decide, decision_record, notice_text
from tilstede.moderation.tasks import appeal_token, appeal_url

FNR = fodselsnummer(random.Random(5))


@pytest.fixture
def month(world):
    """Known data: 4 comments, one with a fødselsnummer held, two hidden, one removed."""
    spam = HouseRule.objects.create(channel=world.channel, code="spam", title="Reklame og spam")
    rude = HouseRule.objects.create(channel=world.channel, code="harassment", title="Trakassering")
    items_receive(
        channel=world.channel,
        raw_items=[
            raw(1, "Kjøp billige klokker"),
            raw(2, "Dere er idioter alle sammen"),
            raw(3, f"Mitt fnr er {FNR}"),
            raw(4, "Takk for hjelpen"),
        ],
    )
    first, second, third = (Item.objects.get(external_id=str(n)) for n in (1, 2, 4))
    decision_record(item=first, verb=Verb.HIDE, by=world.moderator, house_rule=spam)
    decision_record(item=second, verb=Verb.HIDE, by=world.moderator, house_rule=rude)
    decision_record(item=third, verb=Verb.DELETE_AT_SOURCE, by=world.moderator, house_rule=spam)
    return timezone.localtime().strftime("%Y-%m")


def test_the_report_counts_per_house_rule_without_personal_data(client, world, month):
    html = client.get(
        reverse("transparency", args=[world.org.slug]), {"month": month}
    ).content.decode()
    assert "Reklame og spam" in html and "Trakassering" in html
    assert FNR not in html and "idioter" not in html and "@citizen" not in html


def test_the_csv_has_the_known_figures(client, world, month):
    response = client.get(reverse("transparency_csv", args=[world.org.slug]), {"month": month})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    ours = {r["reason"]: r for r in rows if r["channel"] == world.channel.name}
    assert ours["Reklame og spam"]["count"] == "2"
    assert ours["Trakassering"]["count"] == "1"
    assert ours["Trakassering"]["received"] == "4"
    assert ours["Trakassering"]["hidden"] == "2" and ours["Trakassering"]["removed"] == "1"


def test_the_report_of_an_unknown_organisation_is_404(client, db):
    assert client.get(reverse("transparency", args=["nope"])).status_code == 404


@pytest.mark.parametrize(
    "month", ["2026-13", "9999-12", "0000-01", "0001-01", "99999999999999999999-01", "mai", "-1-1"]
)
@pytest.mark.parametrize("view", ["transparency", "transparency_csv"])
def test_a_bad_or_out_of_range_month_is_400_with_a_short_message(client, world, month, view):
    response = client.get(reverse(view, args=[world.org.slug]), {"month": month})
    assert response.status_code == 400
    assert response.content.decode() == "Oppgi måneden som år-måned, for eksempel 2026-03."


def test_the_report_without_a_month_shows_this_month(client, world):
    assert client.get(reverse("transparency", args=[world.org.slug])).status_code == 200


def test_the_csv_cannot_carry_a_formula(client, world, month):
    world.channel.name = '=HYPERLINK("https://example.invalid","Klikk")'
    world.channel.save()
    response = client.get(reverse("transparency_csv", args=[world.org.slug]), {"month": month})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["channel"] for r in rows} >= {"'" + world.channel.name}


@pytest.fixture
def hidden(world):
    rule = HouseRule.objects.create(channel=world.channel, code="harassment", title="Trakassering")
    items_receive(channel=world.channel, raw_items=[raw(9, "Dere er idioter")])
    item = Item.objects.get(external_id="9")
    return decision_record(item=item, verb=Verb.HIDE, by=world.moderator, house_rule=rule)


def test_the_notice_names_the_house_rule_and_links_the_appeal(hidden):
    text = notice_text(decision=hidden, kind="removal", language="nb")
    assert "Trakassering" in text and appeal_url(hidden) in text


def test_the_author_appeals_through_the_signed_link(client, hidden):
    url = reverse("appeal", args=[appeal_token(hidden)])
    page = client.get(url).content.decode()
    assert "Trakassering" in page and "idioter" not in page  # the rule, never the text
    response = client.post(url, {"text": "Det var ment som en spøk", "contact": ""})
    assert response.status_code == 200
    assert Appeal.objects.get().decision == hidden


def test_an_empty_appeal_is_refused_with_a_message(client, hidden):
    response = client.post(reverse("appeal", args=[appeal_token(hidden)]), {"text": ""})
    assert response.status_code == 200 and not Appeal.objects.exists()
    assert "error" in response.content.decode()


def test_a_forged_appeal_link_is_404(client, hidden):
    assert client.get(reverse("appeal", args=["1:forged"])).status_code == 404


def test_appeals_are_rate_limited(client, hidden):
    url = reverse("appeal", args=[appeal_token(hidden)])
    codes = [client.post(url, {"text": f"klage {n}"}).status_code for n in range(7)]
    assert codes[:5] == [200] * 5 and codes[5] == 429


def test_one_appeal_per_decision_waits_at_a_time(client, world, hidden):
    url = reverse("appeal", args=[appeal_token(hidden)])
    client.post(url, {"text": "Det var ment som en spøk"})
    second = client.post(url, {"text": "Og en gang til"}, REMOTE_ADDR="192.0.2.200")
    assert second.status_code == 200
    assert "venter allerede på svar" in second.content.decode()
    assert Appeal.objects.count() == 1

    other = User.objects.create_user("second-moderator")
    other.groups.add(*world.moderator.groups.all())
    world.org.members.add(other)
    appeal_decide(appeal=Appeal.objects.get(), by=other, overturn=False, reason="Står seg")
    # Decided: the author may appeal again (a new argument, say).
    client.post(url, {"text": "Nytt argument"})
    assert Appeal.objects.count() == 2


def test_the_database_refuses_a_second_pending_appeal(hidden):
    Appeal.objects.create(decision=hidden, text="én")
    with pytest.raises(IntegrityError), transaction.atomic():
        Appeal.objects.create(decision=hidden, text="to")
