"""Roles: a reader changes nothing, a responder sees only their topics, an outsider nothing."""

from __future__ import annotations

import pytest
from django.apps import apps

from tests.conftest import make_item
from tilstede.core.permissions import (
    item_can_moderate,
    item_can_reply,
    item_can_reveal,
    item_can_view,
    items_for_user,
)

CORE_MODELS = [m._meta.model_name for m in apps.get_app_config("core").get_models()]


@pytest.mark.parametrize("model", CORE_MODELS)
@pytest.mark.parametrize("action", ["add", "change", "delete"])
def test_a_reader_cannot_change_anything(world, model, action):
    assert not world.reader.has_perm(f"core.{action}_{model}")


def test_a_reader_sees_items_but_cannot_act_on_them(world):
    item = make_item(world.channel)
    assert item_can_view(world.reader, item)
    assert not item_can_reply(world.reader, item)
    assert not item_can_moderate(world.reader, item)
    assert not item_can_reveal(world.reader, item)


def test_a_responder_sees_only_items_of_their_topics(world):
    roads = make_item(world.channel, "Hull i veien", topic=world.roads)
    school = make_item(world.channel, "Skolen er stengt", topic=world.schools)
    untopical = make_item(world.channel, "Hei")
    assigned = make_item(world.channel, "Til deg", assignee=world.responder)
    visible = set(items_for_user(world.responder))
    assert visible == {roads, assigned}
    assert item_can_reply(world.responder, roads)
    assert not item_can_reply(world.responder, school)
    assert not item_can_view(world.responder, untopical)
    assert not item_can_moderate(world.responder, roads)


def test_a_moderator_acts_on_every_item_of_the_organisation(world):
    item = make_item(world.channel, topic=world.schools)
    assert item_can_moderate(world.moderator, item)
    assert item_can_reply(world.moderator, item)
    assert item_can_reveal(world.moderator, item)


def test_an_outsider_from_another_agency_sees_nothing(world):
    ours = make_item(world.channel)
    theirs = make_item(world.other_channel)
    assert list(items_for_user(world.outsider)) == [theirs]
    assert not item_can_view(world.outsider, ours)
    assert not item_can_moderate(world.outsider, ours)
    assert theirs not in set(items_for_user(world.moderator))


def test_an_administrator_may_change_channels_but_not_delete_items(world):
    assert world.admin.has_perm("core.change_channel")
    assert world.admin.has_perm("core.add_houserule")
    assert not world.admin.has_perm("core.delete_item")
    assert not world.admin.has_perm("core.change_auditevent")
