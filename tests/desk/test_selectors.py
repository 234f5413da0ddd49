"""The queues: mine, my team's, unassigned and overdue, each within what a person may see."""

from __future__ import annotations

import pytest

from tests.desk.conftest import oslo
from tilstede.core.models import Item, Team
from tilstede.desk.selectors import (
    items_overdue,
    queue_counts,
    queue_mine,
    queue_team,
    queue_unassigned,
)
from tilstede.desk.services import item_assign

ASKED = oslo(2026, 11, 9, 10, 0)
LATER = oslo(2026, 11, 11, 10, 0)


@pytest.fixture
def items(world, receive):
    team = Team.objects.create(organisation=world.org, name="Samferdsel")
    team.members.add(world.moderator)
    world.roads.team = team
    world.roads.save()
    return {
        "roads": receive(world.channel, "Når blir vei 12 brøytet?", at=ASKED),
        "library": receive(world.channel, "Når åpner biblioteket?", at=LATER),
        "praise": receive(world.channel, "Takk for brøytingen av vei 12!", at=ASKED),
        "elsewhere": receive(world.other_channel, "Hvem svarer her?", at=ASKED),
    }


def test_routed_and_unassigned_queues(world, items):
    assert list(queue_unassigned(world.moderator)) == [items["roads"], items["library"]]
    assert list(queue_team(world.moderator)) == [items["roads"]]
    assert list(queue_unassigned(world.responder)) == [items["roads"]]
    assert list(queue_unassigned(world.outsider)) == [items["elsewhere"]]


def test_my_queue_holds_what_is_assigned_to_me(world, items):
    item_assign(item=items["library"], to=world.responder, by=world.moderator)
    assert list(queue_mine(world.responder)) == [items["library"]]
    assert list(queue_unassigned(world.moderator)) == [items["roads"]]


def test_overdue_items_are_flagged(world, items):
    now = oslo(2026, 11, 11, 9, 0)  # roads was due on the 10th; library not yet
    assert list(items_overdue(world.moderator, now=now)) == [items["roads"]]
    flagged = Item.objects.with_overdue(now).in_bulk([items["roads"].pk, items["library"].pk])
    assert flagged[items["roads"].pk].is_overdue
    assert not flagged[items["library"].pk].is_overdue
    assert queue_counts(world.moderator, now=now) == {
        "mine": 0,
        "team": 1,
        "unassigned": 2,
        "overdue": 1,
    }
    assert list(items_overdue(world.outsider, now=now)) == [items["elsewhere"]]


def test_only_people_who_may_answer_can_be_assigned(world, items):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        item_assign(item=items["roads"], to=world.reader, by=world.moderator)
    with pytest.raises(PermissionDenied):
        item_assign(item=items["roads"], to=world.outsider, by=world.moderator)
