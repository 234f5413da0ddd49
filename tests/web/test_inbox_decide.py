"""A decision from a filtered inbox takes the item's row out of a list it no longer fits."""

from __future__ import annotations

from tests.conftest import make_item
from tilstede.core.models import Visibility


def decide(client, item, verb: str, next_url: str):
    return client.post(
        f"/items/{item.pk}/decide/",
        {"verb": verb, "next": next_url},
        HTTP_HX_REQUEST="true",
    )


def test_an_item_approved_from_the_held_list_leaves_it(client, world):
    item = make_item(world.channel, "Hei", visibility=Visibility.HELD)
    client.force_login(world.moderator)
    html = decide(client, item, "approve", "/inbox/?state=held").content.decode()
    assert f'id="item-{item.pk}"' not in html
    assert 'hx-swap-oob="innerHTML:#status"' in html
    assert f"{item.pk}" in html.split("#status", 1)[1]  # the result is announced


def test_it_stays_where_it_still_fits_the_filters_or_there_are_none(client, world):
    item = make_item(world.channel, "Hei", visibility=Visibility.HELD)
    other = make_item(world.channel, "Hallo", visibility=Visibility.HELD)
    client.force_login(world.moderator)
    html = decide(client, item, "approve", "/inbox/").content.decode()
    assert f'id="item-{item.pk}"' in html
    # Escalated, an item is still held: it stays in the held list, its forms still
    # returning to that list.
    html = decide(client, other, "escalate", "/inbox/?state=held").content.decode()
    assert f'id="item-{other.pk}"' in html
    assert 'name="next" value="/inbox/?state=held"' in html
