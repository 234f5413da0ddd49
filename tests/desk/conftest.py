"""Items for desk tests arrive the way real ones do: through ingest, screened and ruled on.

``receive`` also calls the desk's routing and promises itself, so the tests hold before
and after ingest calls it (a second call changes nothing).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from tilstede.connectors.base import RawItem
from tilstede.core.models import Channel, Item
from tilstede.desk.services import items_route_and_promise
from tilstede.ingest.services import items_receive

OSLO = ZoneInfo("Europe/Oslo")
_ids = itertools.count(1)


def oslo(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=OSLO)


Receive = Callable[..., Item]


@pytest.fixture
def receive() -> Receive:
    def _receive(
        channel: Channel,
        text: str,
        *,
        at: dt.datetime | None = None,
        kind: str = "comment",
        language: str = "nb",
        **fields,
    ) -> Item:
        n = next(_ids)
        at = at or oslo(2026, 11, 9, 10, 0)  # a Monday morning
        external_id = fields.pop("external_id", f"desk-{n}")
        raw = RawItem(
            external_id=external_id,
            kind=kind,
            direction=fields.pop("direction", "in"),
            author_handle=fields.pop("author_handle", f"citizen{n}@social.example"),
            author_name="Innbygger",
            text=text,
            url=f"https://social.example/{n}",
            created_at=at,
            language=language,
            **fields,
        )
        items_receive(channel=channel, raw_items=[raw], now=at)
        item = Item.objects.get(channel=channel, external_id=external_id)
        items_route_and_promise(items=[item], now=at)
        item.refresh_from_db()
        return item

    return _receive
