"""The automatic acknowledgement when a promise is about to be broken [3.4]."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.desk.conftest import oslo
from tilstede.core.models import Item, ResponseState
from tilstede.desk.models import DeskSettings, OutgoingReply
from tilstede.desk.services import acknowledgements_send

ASKED = oslo(2026, 11, 9, 8, 0)  # a Monday at opening


@pytest.fixture
def acknowledging(world, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    world.channel.response_time = dt.timedelta(hours=4)
    world.channel.save()
    return DeskSettings.objects.create(
        channel=world.channel, auto_acknowledge=True, acknowledge_before=dt.timedelta(hours=1)
    )


def test_an_item_about_to_be_late_gets_one_acknowledgement(world, acknowledging, receive):
    item = receive(world.channel, "Hvor kan jeg hente sekker?", language="nn", at=ASKED)
    assert item.promise.due_at == oslo(2026, 11, 9, 12, 0)
    assert acknowledgements_send(now=oslo(2026, 11, 9, 10, 30)) == 0
    assert acknowledgements_send(now=oslo(2026, 11, 9, 11, 15)) == 1
    assert acknowledgements_send(now=oslo(2026, 11, 9, 11, 20)) == 0

    ack = Item.objects.get(parent=item)
    assert ack.text.startswith("Takk for at du ventar!")
    delivery = OutgoingReply.objects.get(item=ack)
    assert delivery.automatic and delivery.by is None
    item.refresh_from_db()
    assert item.response_state == ResponseState.AWAITING
    assert item.promise.first_response_at is None  # an acknowledgement is not an answer
    assert item.promise.acknowledged_at == oslo(2026, 11, 9, 11, 15)


def test_nothing_is_acknowledged_where_the_channel_does_not_ask_for_it(world, receive):
    receive(world.channel, "Hvor kan jeg hente sekker?", at=ASKED)
    assert acknowledgements_send(now=oslo(2026, 11, 20, 12, 0)) == 0
