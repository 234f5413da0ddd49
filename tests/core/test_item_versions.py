"""Item versions (what a citizen wrote) cannot be deleted, except by retention (issue 16)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from tests.conftest import make_item
from tilstede.core.models import HardDeleteForbidden, ItemVersion


def test_the_orm_refuses_to_delete_a_version(world):
    version = make_item(world.channel, "Første tekst").versions.get()
    with pytest.raises(HardDeleteForbidden):
        version.delete()
    with pytest.raises(HardDeleteForbidden):
        ItemVersion.objects.filter(pk=version.pk).delete()
    with pytest.raises(HardDeleteForbidden):
        version.item.versions.all().delete()
    assert ItemVersion.objects.filter(pk=version.pk).exists()


def test_the_database_refuses_to_delete_a_version(world):
    version = make_item(world.channel, "Første tekst").versions.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_itemversion WHERE id = %s", [version.pk])
    assert ItemVersion.objects.filter(pk=version.pk).exists()
