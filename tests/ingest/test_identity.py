"""One identity per channel: (channel, external id) is an item's key (issue 21, D2, D7)."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps

from tilstede.core.models import Item, ItemVersion
from tilstede.ingest.services import channel_poll, items_receive

from .fakes import FakeConnector, raw


def test_it_stores_the_same_source_item_once_per_channel(world):
    items_receive(channel=world.channel, raw_items=[raw(1, "Når kommer brøytebilen?")])
    items_receive(channel=world.other_channel, raw_items=[raw(1, "Når kommer brøytebilen?")])
    mine = Item.objects.get(channel=world.channel, external_id="1")
    theirs = Item.objects.get(channel=world.other_channel, external_id="1")
    assert mine.pk != theirs.pk
    assert mine.versions.count() == theirs.versions.count() == 1


def test_two_organisations_polling_the_same_account_each_get_their_items(world):
    page = [raw(1), raw(2, parent="1")]
    assert channel_poll(channel=world.channel, connector=FakeConnector([page])).created == 2
    assert channel_poll(channel=world.other_channel, connector=FakeConnector([page])).created == 2
    for channel in (world.channel, world.other_channel):
        reply = Item.objects.get(channel=channel, external_id="2")
        assert reply.parent.channel == channel  # never hung under the other's item


def test_a_reused_guid_with_other_text_is_not_a_version_of_the_other_channels_item(world):
    items_receive(channel=world.channel, raw_items=[raw("guid-7", "Vårt innlegg")])
    items_receive(channel=world.other_channel, raw_items=[raw("guid-7", "Deres innlegg")])
    mine = Item.objects.get(channel=world.channel, external_id="guid-7")
    assert list(mine.versions.values_list("text", flat=True)) == ["Vårt innlegg"]


def test_a_late_parent_relinks_the_thread_at_every_depth(world):
    # Replies arrive before the post they answer: 3 answers 2, which answers 1.
    items_receive(channel=world.channel, raw_items=[raw(2, parent="1")])
    items_receive(channel=world.channel, raw_items=[raw(3, parent="2")])
    items_receive(channel=world.channel, raw_items=[raw(4, parent="3")])
    items_receive(channel=world.channel, raw_items=[raw(1)])
    root = Item.objects.get(channel=world.channel, external_id="1")
    for ext in ("2", "3", "4"):
        assert Item.objects.get(channel=world.channel, external_id=ext).thread_id == root.pk
    assert Item.objects.get(channel=world.channel, external_id="3").parent.external_id == "2"


def test_the_migration_cuts_parent_links_across_channels(world):
    items_receive(channel=world.channel, raw_items=[raw(1), raw(2, parent="1")])
    items_receive(channel=world.other_channel, raw_items=[raw(3), raw(4, parent="3")])
    foreign_parent = Item.objects.get(channel=world.channel, external_id="1")
    stray = Item.objects.get(channel=world.other_channel, external_id="4")
    below = Item.objects.get(channel=world.other_channel, external_id="3")
    # The old platform-wide lookup could do this: the other organisation's reply under ours.
    Item.objects.filter(pk=stray.pk).update(parent=foreign_parent, thread=foreign_parent)
    Item.objects.filter(pk=below.pk).update(parent=stray, thread=foreign_parent)
    migration = import_module("tilstede.core.migrations.0010_item_identity_per_channel")
    migration.unlink_foreign_parents(apps, None)
    stray.refresh_from_db()
    below.refresh_from_db()
    assert stray.parent_id is None and stray.thread_id is None
    assert stray.parent_external_id == "3"  # adopted again when its own parent arrives
    assert below.parent_id == stray.pk and below.thread_id == stray.pk
    assert ItemVersion.objects.filter(item=stray).count() == 1
