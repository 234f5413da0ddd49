"""The desk's admin pages open; promises and deliveries are shown, never edited."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from tilstede.desk.models import ResponsePromise


@pytest.mark.parametrize(
    "model", ["savedreply", "routingrule", "desksettings", "responsepromise", "outgoingreply"]
)
def test_the_desk_admin_lists_open(client, db, model):
    client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))
    assert client.get(f"/admin/desk/{model}/").status_code == 200


def test_promises_cannot_be_added_or_changed_in_the_admin(client, world, receive):
    item = receive(world.channel, "Når blir vei 12 brøytet?")
    client.force_login(User.objects.create_superuser("root", "root@example.com", "pw"))
    promise = ResponsePromise.objects.get(item=item)
    assert client.get("/admin/desk/responsepromise/add/").status_code == 403
    page = client.get(f"/admin/desk/responsepromise/{promise.pk}/change/")
    assert page.status_code == 200 and b'name="due_at"' not in page.content
