"""Building archive test data through the real services (ingest screens every item).

The thread used by most tests, on the Testvik channel, all on 2 November 2026:

- our post (kept: arkiveres), with
- a citizen's question that we answered (journalføres), edited at the source and later
  deleted there,
- our answer (journalføres, utgående),
- a comment with a phone number (skjermet) that we answered,
- a comment removed by a moderator (kasseres unless overridden),
- an empty reply (no text),
- plain chatter (kasseres).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tilstede.archive import conf
from tilstede.archive.services import period_close
from tilstede.connectors.base import RawItem
from tilstede.core.models import Item, Visibility
from tilstede.core.services import audit_record
from tilstede.ingest.services import items_receive

T0 = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
START, END = dt.date(2026, 11, 1), dt.date(2026, 11, 3)
SHARED = conf.schemas_dir()  # TILSTEDE_NOARK5_SCHEMAS, by default <repo>/../shared/noark5/schemas
SCHEMA_SETS = [SHARED, SHARED / "v5.0-2019-release"]
PHONE_TEXT = "Ring meg på 912 34 567, jeg heter Kari og lurer på brøytingen i Fjellveien."


def raw(n: str, text: str, *, minutes: int, parent: str = "", **fields) -> RawItem:
    direction = fields.pop("direction", "in")
    return RawItem(
        external_id=n,
        kind=fields.pop("kind", "comment"),
        direction=direction,
        author_handle=fields.pop(
            "author_handle", "@testvik@social.example" if direction == "out" else f"@c{n}@x.example"
        ),
        author_name=fields.pop(
            "author_name", "Testvik kommune" if direction == "out" else "Innbygger"
        ),
        text=text,
        url=f"https://social.example/{n}",
        created_at=T0 + dt.timedelta(minutes=minutes),
        parent_external_id=parent,
        **fields,
    )


@dataclass
class Thread:
    post: Item
    question: Item
    answer: Item
    phone: Item
    phone_answer: Item
    removed: Item
    empty: Item
    chatter: Item


def build_thread(world) -> Thread:
    ch = world.channel
    items_receive(
        channel=ch,
        raw_items=[
            raw(
                "p1",
                "Brøytingen starter i natt. Spørsmål? Svar her.",
                minutes=0,
                direction="out",
                kind="post",
            ),
            raw("q1", "Når blir Fjellveien brøytet?", minutes=5, parent="p1"),
            raw(
                "a1",
                "Fjellveien brøytes før kl. 07.",
                minutes=30,
                parent="q1",
                direction="out",
                kind="reply",
            ),
            raw("ph", PHONE_TEXT, minutes=10, parent="p1"),
            raw(
                "pa",
                "Takk, vi har sendt saken videre.",
                minutes=40,
                parent="ph",
                direction="out",
                kind="reply",
            ),
            raw("rm", "Kjøp billige solbriller på spam.example!!!", minutes=12, parent="p1"),
            raw("em", "", minutes=13, parent="p1", kind="reply"),
            raw("ch", "Flott, takk for info!", minutes=14, parent="p1"),
        ],
        now=T0 + dt.timedelta(hours=1),
    )
    # An edit at the source, then a deletion there.
    items_receive(
        channel=ch,
        raw_items=[
            raw(
                "q1",
                "Når blir Fjellveien brøytet? Det haster.",
                minutes=5,
                parent="p1",
                edited_at=T0 + dt.timedelta(minutes=20),
            )
        ],
        now=T0 + dt.timedelta(hours=2),
    )
    items_receive(
        channel=ch,
        raw_items=[raw("q1", "", minutes=5, parent="p1", deleted=True)],
        now=T0 + dt.timedelta(hours=3),
    )
    items = {i.external_id: i for i in Item.objects.filter(channel=ch)}
    removed = items["rm"]
    Item.objects.filter(pk=removed.pk).update(visibility=Visibility.REMOVED)
    audit_record(
        actor=world.moderator,
        verb="item.remove",
        obj=removed,
        details={"reason": "Reklame og spam"},
    )
    items = {i.external_id: i for i in Item.objects.filter(channel=ch)}
    return Thread(
        post=items["p1"],
        question=items["q1"],
        answer=items["a1"],
        phone=items["ph"],
        phone_answer=items["pa"],
        removed=items["rm"],
        empty=items["em"],
        chatter=items["ch"],
    )


def close(world, start=START, end=END, **kw):
    return period_close(organisation=world.org, start=start, end=end, by=world.admin, **kw)
