"""The fast paths for many new rows: ``build`` and ``bulk_insert`` give what the ORM gives."""

from __future__ import annotations

import datetime as dt

import pytest

from tilstede.core.db import build, bulk_insert
from tilstede.core.models import Item, ItemVersion

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def _fields(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def test_build_makes_the_instance_the_constructor_makes(world):
    values = dict(
        channel=world.channel,
        platform="mastodon",
        external_id="m1",
        kind="comment",
        text="Når kommer brøytebilen?",
        created_at=T0,
        received_at=T0,
    )
    built, made = build(Item, **values), Item(**values)
    assert _fields(built) == _fields(made)
    assert built.channel is world.channel  # cached as the descriptor caches it
    assert built.raw == {} and built.raw is not build(Item, **values).raw  # callable default
    assert built._state.adding and built.pk is None


def test_build_refuses_a_field_the_model_does_not_have(world):
    with pytest.raises(TypeError, match="no field 'colour'"):
        build(Item, channel=world.channel, colour="red")


def test_built_rows_are_inserted_and_read_back_as_saved_ones(world):
    items = bulk_insert(
        [
            build(
                Item,
                channel=world.channel,
                platform="mastodon",
                external_id=f"m{n}",
                kind="comment",
                text=f"Kommentar {n}",
                created_at=T0,
                received_at=T0,
                raw={"n": n},
            )
            for n in range(3)
        ]
    )
    bulk_insert(
        [build(ItemVersion, item=i, number=1, text=i.text, seen_at=T0) for i in items],
        ids=False,
    )
    stored = Item.objects.get(external_id="m2")
    assert stored.pk == items[2].pk and stored.raw == {"n": 2}
    assert stored.versions.get().text == "Kommentar 2"


def test_bulk_insert_stores_times_and_payloads_as_the_orm_does(world):
    """The fast converters for datetimes and JSON write what bulk_create writes."""
    from zoneinfo import ZoneInfo

    oslo = dt.datetime(2026, 3, 29, 14, 30, 15, 123456, tzinfo=ZoneInfo("Europe/Oslo"))
    values = dict(
        channel=world.channel,
        platform="mastodon",
        kind="comment",
        text="t",
        created_at=oslo,
        received_at=T0,
        raw={"æ": ["ø", 1, None], "nested": {"å": True}},
    )
    fast = bulk_insert([build(Item, external_id="fast", **values)])[0]
    Item.objects.bulk_create([Item(external_id="orm", **values)])
    columns = ["created_at", "received_at", "raw", "topic_id"]
    from django.db import connection

    with connection.cursor() as cursor:
        sql = f"SELECT {', '.join(columns)} FROM core_item WHERE external_id IN (%s, %s)"  # noqa: S608 - this test's own column names
        cursor.execute(sql + " ORDER BY external_id", ["fast", "orm"])
        stored_fast, stored_orm = cursor.fetchall()
    assert stored_fast == stored_orm
    assert Item.objects.get(pk=fast.pk).created_at == oslo


def test_a_constraint_violation_raises_django_s_integrity_error(world):
    from django.db import IntegrityError, transaction

    def item() -> Item:
        return build(
            Item,
            channel=world.channel,
            platform="mastodon",
            external_id="twice",
            kind="comment",
            text="t",
            created_at=T0,
        )

    bulk_insert([item()])
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk_insert([item()])
    assert Item.objects.filter(external_id="twice").count() == 1
