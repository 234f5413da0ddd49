"""Reading archived items in batches, with everything the export writes about each.

The export streams: it walks the assessments of a period in order and loads what each
registrering needs (versions, screenings, history, thread context, the answer that
closes it) a batch at a time with a fixed number of queries, so memory does not grow with
the size of the period.

Every text is screened anew as it is loaded (``skjerming.redact``: today's screening
and the findings stored at ingest), and a record knows the categories of personal data
in every text its document shows, its own versions and the thread quoted with it.

Closing a period freezes each registrering (``freeze``): the record as loaded then is
stored on it as JSON, and every export after that rebuilds it from there (``thaw``),
never from live data, so a closed registrering and its documents stay byte for byte
what they were. Thread context quotes only items with archive value: what is to be
discarded (kasseres) is counted, not copied into documents kept for ever.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.utils.translation import pgettext, pgettext_lazy

from tilstede.archive import skjerming
from tilstede.archive.conf import archive_language
from tilstede.archive.models import ArchiveAssessment, ArchiveClass
from tilstede.archive.services import CHUNK
from tilstede.archive.skjerming import SCREENED_NAME, Redaction
from tilstede.core.models import AuditEvent, Channel, Direction, Item, ItemVersion

__all__ = [
    "SCREENED_NAME",
    "Record",
    "actor_words",
    "archive_language",
    "freeze",
    "iter_records",
    "latest_redactions",
    "load_batch",
    "thaw",
    "verb_words",
]
SNAPSHOT_VERSION = 1

# Audit verbs about an item in the words of a merknad and a document's history: the one
# place that says what a moderation code means to a reader. Read in the archive's
# language (``archive_language``); the bokmål is what the documents always said.
VERB_WORDS = {
    "item.approve": pgettext_lazy("archive", "Approved"),
    "item.hide": pgettext_lazy("archive", "Hidden at the source"),
    "item.unhide": pgettext_lazy("archive", "Shown again at the source"),
    "item.block": pgettext_lazy("archive", "Hidden at once (blocked word)"),
    "item.hold": pgettext_lazy("archive", "Held back for moderation"),
    "item.held": pgettext_lazy("archive", "Held back for moderation by the rules"),
    "item.flag": pgettext_lazy("archive", "Marked for follow-up"),
    "item.delete_at_source": pgettext_lazy(
        "archive", "Deleted at the source by the agency; the text is kept here"
    ),
    "item.deleted_at_source": pgettext_lazy(
        "archive", "Deleted at the source; the text is kept here"
    ),
    "item.remove": pgettext_lazy(
        "archive", "Removed at the source by the agency; the text is kept here"
    ),
    "item.mark_irrelevant": pgettext_lazy("archive", "Marked as not relevant"),
    "item.escalate": pgettext_lazy("archive", "Passed on (escalated)"),
    "item.assign": pgettext_lazy("archive", "Assigned to a caseworker"),
    "item.reply": pgettext_lazy("archive", "Answered"),
    "item.reverse": pgettext_lazy("archive", "Earlier decision reversed"),
    "item.needs_answer": pgettext_lazy("archive", "Needs an answer"),
    "item.acknowledge": pgettext_lazy("archive", "Automatic acknowledgement sent"),
    "item.answered_at_source": pgettext_lazy("archive", "Answered directly at the source"),
    "item.reveal": pgettext_lazy("archive", "Personal data shown to a caseworker"),
}


def verb_words(verb: str) -> str:
    """What an audit verb means, in words (an unknown one says so, without the code)."""
    if verb in VERB_WORDS:
        return str(VERB_WORDS[verb])
    return pgettext("archive", "Other event in the case handling")


def actor_words(label: str) -> str:
    """Who acted, in words: a person's user name as it is, a part of Tilstede by name."""
    if label.startswith(("ingest:", "connector:")) or label == "webcomments":
        return pgettext("archive", "Tilstede (received from the channel)")
    if label.startswith("desk:"):
        return pgettext("archive", "Tilstede (automatic reply)")
    if label.startswith(("rule:", "screening:")) or label in ("system", "rules"):
        return pgettext("archive", "Tilstede (automatic rules)")
    return label


@dataclass(frozen=True, slots=True)
class VersionInfo:
    number: int
    text: str
    redacted: str
    seen_at: dt.datetime
    edited_at_source: dt.datetime | None
    content_hash: str
    findings: int
    categories: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: dt.datetime
    actor: str
    verb: str
    reason: str


@dataclass(frozen=True, slots=True)
class ContextItem:
    """Another item of the thread, as a document shows it."""

    role: str
    kind: str
    direction: str
    author: str
    created_at: dt.datetime
    text: str
    redacted: str
    visibility: str
    categories: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Answer:
    system_id: str
    at: dt.datetime
    by: str


@dataclass
class Record:
    """One registrering: the assessment, its item and what the export says about it."""

    assessment: ArchiveAssessment
    item: Item
    versions: list[VersionInfo] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    context: list[ContextItem] = field(default_factory=list)
    replies: list[ContextItem] = field(default_factory=list)
    more_replies: int = 0  # replies without archive value: counted, not quoted
    answer: Answer | None = None
    # Our reply to a screened item: the categories screened in what we answered.
    counterpart_categories: frozenset[str] = frozenset()
    # Set on a frozen record: the counterpart's name as archived.
    counterpart_name: str | None = None
    # The person who handled it: who answered a citizen's item, who sent our reply.
    saksbehandler: str = ""
    # A registrering after archiving: what changed, and what it follows up.
    amendment: dict[str, str] | None = None

    @property
    def counterpart_screened(self) -> bool:
        return bool(self.counterpart_categories)

    @property
    def counterpart(self) -> str:
        """korrespondansepartNavn: the sender of what we received, the one we answered."""
        if self.counterpart_name is not None:
            return self.counterpart_name
        item = self.item
        if item.direction == Direction.IN:
            return item.author_name or item.author_handle or "Ukjent avsender"
        parent = item.parent
        if parent is not None:
            return parent.author_name or parent.author_handle or "Ukjent mottaker"
        return "Allmennheten"

    def counterpart_public(self) -> str:
        if self.item.direction == Direction.IN:
            return SCREENED_NAME if self.screened else self.counterpart
        return SCREENED_NAME if self.counterpart_screened else self.counterpart

    @property
    def is_journalpost(self) -> bool:
        return self.assessment.value == ArchiveClass.JOURNAL

    @property
    def findings(self) -> int:
        return sum(v.findings for v in self.versions)

    @property
    def categories(self) -> frozenset[str]:
        """What skjerming covers here: the categories found in any text the document
        shows (every version, the thread context and the replies quoted), a citizen's
        private message, and for our reply, what was screened in the item answered."""
        found: set[str] = set(self.counterpart_categories)
        for v in self.versions:
            found |= v.categories
        for c in (*self.context, *self.replies):
            found |= c.categories
        if self.item.private and self.item.direction == Direction.IN:
            found.add(skjerming.PRIVATE_MESSAGE)
        return frozenset(found)

    @property
    def screened(self) -> bool:
        """Skjerming applies: personal data in a text the document shows, a citizen's
        private message, or our answer to an item that is screened."""
        return bool(self.categories)

    @property
    def own_text_screened(self) -> bool:
        """Whether the item's own text (any version) holds personal data."""
        return any(v.categories for v in self.versions)

    @property
    def public_text(self) -> str:
        if self.versions:
            return self.versions[-1].redacted
        return self.item.text

    def author(self, *, public: bool) -> str:
        name = self.item.author_name or self.item.author_handle
        if public and self.item.direction == Direction.IN and self.screened:
            return SCREENED_NAME
        return name


def _redaction(version: ItemVersion) -> tuple[Redaction, int]:
    """A version's text as the public may see it, and how many findings were stored."""
    screened = getattr(version, "screening", None)
    stored = list(screened.findings.all()) if screened is not None else []
    return skjerming.redact(version.text, stored), len(stored)


def _versions(ids: Iterable[int]) -> Iterable[ItemVersion]:
    return (
        ItemVersion.objects.filter(item_id__in=list(ids))
        .select_related("screening")
        .prefetch_related("screening__findings")
        .order_by("item_id", "number")
    )


def latest_redactions(items: Iterable[Item]) -> dict[int, Redaction]:
    """Each item's latest text as the public may see it (its own text, screened, when it
    has no version)."""
    items = list(items)
    latest: dict[int, ItemVersion] = {}
    for v in _versions(i.pk for i in items):
        latest[v.item_id] = v  # ordered by number: the last one wins
    out = {pk: _redaction(v)[0] for pk, v in latest.items()}
    for item in items:
        if item.pk not in out:
            out[item.pk] = skjerming.redact(item.text)
    return out


def _context(item: Item, role: str, redacted: dict[int, Redaction]) -> ContextItem:
    redaction = redacted[item.pk]
    return ContextItem(
        role=role,
        kind=item.kind,
        direction=item.direction,
        author=item.author_name or item.author_handle,
        created_at=item.created_at,
        text=item.text,
        redacted=redaction.text,
        visibility=item.visibility,
        # Our own posts and replies are ours to publish; a citizen's text is screened.
        categories=redaction.categories if item.direction == Direction.IN else frozenset(),
    )


def load_batch(
    assessments: Sequence[ArchiveAssessment],
    *,
    period_ids: set[int],
    with_context: bool,
) -> list[Record]:
    """Records for a batch of assessments (with item, folder and channel selected)."""
    records = [Record(assessment=a, item=a.item) for a in assessments]
    # Several registreringer may be about one item (registreringer after archiving).
    same_item: dict[int, list[Record]] = defaultdict(list)
    for r in records:
        same_item[r.item.pk].append(r)
    by_item = {pk: rs[0] for pk, rs in same_item.items()}
    ids = list(by_item)
    for v in _versions(ids):
        redaction, stored = _redaction(v)
        own = by_item[v.item_id].item.direction == Direction.OUT
        info = VersionInfo(
            number=v.number,
            text=v.text,
            redacted=redaction.text,
            seen_at=v.seen_at,
            edited_at_source=v.edited_at_source,
            content_hash=v.content_hash,
            findings=stored,
            # The agency's own text is its publication: shown as written.
            categories=frozenset() if own else redaction.categories,
        )
        for record in same_item[v.item_id]:
            record.versions.append(info)
    for event in AuditEvent.objects.filter(
        object_type="core.item", object_id__in=[str(pk) for pk in ids]
    ).order_by("id"):
        details = event.details or {}
        reason = str(details.get("reason") or details.get("rule") or "")
        entry = HistoryEntry(at=event.at, actor=event.actor_label, verb=event.verb, reason=reason)
        for record in same_item[int(event.object_id)]:
            record.history.append(entry)
    # Who answered: the person whose reply decision is on the item answered; else the
    # person it was assigned to; else the archivist who archived it (never "system").
    parent_ids = {r.item.parent_id for r in records if r.item.direction == Direction.OUT}
    parent_ids.discard(None)
    repliers: dict[int, str] = {}
    for object_id, label in AuditEvent.objects.filter(
        object_type="core.item",
        object_id__in=[str(pk) for pk in {*ids, *parent_ids}],
        verb="item.reply",
        actor__isnull=False,
    ).values_list("object_id", "actor_label"):
        repliers[int(object_id)] = label
    assignees = dict(
        Item.objects.filter(pk__in={*ids, *parent_ids}, assignee__isnull=False).values_list(
            "pk", "assignee__username"
        )
    )
    for r in records:
        handled = r.item.pk if r.item.direction == Direction.IN else r.item.parent_id
        if handled is not None:
            r.saksbehandler = repliers.get(handled) or assignees.get(handled) or ""
    answers = (
        ArchiveAssessment.objects.filter(
            item__parent_id__in=ids,
            item__direction=Direction.OUT,
            value=ArchiveClass.JOURNAL,
            folder__isnull=False,
            period_id__in=period_ids,
        )
        .values_list("item__parent_id", "system_id", "item__created_at", "period__closed_by")
        .order_by("item__created_at")
    )
    for parent_id, system_id, at, archivist in answers:
        record = by_item[parent_id]
        if record.answer is None and record.is_journalpost:
            by = repliers.get(parent_id) or assignees.get(parent_id) or archivist
            record.answer = Answer(system_id=str(system_id), at=at, by=by)
    parents = {r.item.parent_id for r in records if r.item.direction == Direction.OUT}
    parents.discard(None)
    if parents:
        answered = list(Item.objects.filter(pk__in=parents, direction=Direction.IN))
        found = latest_redactions(answered)
        for item in answered:
            categories = set(found[item.pk].categories)
            if item.private:
                categories.add(skjerming.PRIVATE_MESSAGE)
            for r in records:
                if r.item.parent_id == item.pk and r.item.direction == Direction.OUT:
                    r.counterpart_categories = frozenset(categories)
    if with_context:
        _add_context(records)
    return records


def _add_context(records: list[Record]) -> None:
    """The thread around each record: where it starts, what it answers, every reply.

    Items to be discarded (kasseres) are counted and left out: a document is kept for
    ever, and copying their text into it would outlive their disposal.
    """
    ids = [r.item.pk for r in records]
    wanted = {r.item.thread_id for r in records if r.item.thread_id} | {
        r.item.parent_id for r in records if r.item.parent_id
    }
    others = {i.pk: i for i in Item.objects.filter(pk__in=wanted)}
    all_replies = list(Item.objects.filter(parent_id__in=ids).order_by("created_at", "pk"))
    discard = set(
        ArchiveAssessment.objects.filter(
            item_id__in={*others, *(i.pk for i in all_replies)}, value=ArchiveClass.DISCARD
        ).values_list("item_id", flat=True)
    )
    replies: dict[int, list[Item]] = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    for reply in all_replies:
        if reply.pk in discard:
            counts[reply.parent_id] += 1  # type: ignore[index]
        else:
            replies[reply.parent_id].append(reply)  # type: ignore[index]
    shown = [i for i in others.values() if i.pk not in discard]
    redacted = latest_redactions([*shown, *(i for rs in replies.values() for i in rs)])
    for r in records:
        item = r.item
        root, parent = item.thread_id, item.parent_id
        if root and root in others and root not in discard and root != parent:
            r.context.append(_context(others[root], "Tråden starter med", redacted))
        if parent and parent in others and parent not in discard:
            r.context.append(_context(others[parent], "Svar på", redacted))
        r.replies = [_context(i, "Svar", redacted) for i in replies.get(item.pk, [])]
        r.more_replies = counts.get(item.pk, 0)


def iter_records(
    assessments: Iterable[object],
    *,
    period_ids: set[int],
    with_context: bool,
    size: int = CHUNK,
) -> Iterator[Record]:
    """Records of archived rows in their order, a batch at a time (frozen where frozen)."""
    batch: list[object] = []
    for a in assessments:
        batch.append(a)
        if len(batch) == size:
            yield from records_for(batch, period_ids=period_ids, with_context=with_context)
            batch = []
    if batch:
        yield from records_for(batch, period_ids=period_ids, with_context=with_context)


# --- freezing a registrering ---------------------------------------------------------------


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def freeze(record: Record) -> dict:
    """The record as JSON: everything its document and its metadata show."""
    item = record.item
    return {
        "version": SNAPSHOT_VERSION,
        "item": {
            "pk": item.pk,
            "channel_id": item.channel_id,
            "channel_slug": item.channel.slug,
            "channel_name": item.channel.name,
            "platform": item.platform,
            "external_id": item.external_id,
            "kind": item.kind,
            "direction": item.direction,
            "author_handle": item.author_handle,
            "author_name": item.author_name,
            "text": item.text,
            "url": item.url,
            "created_at": _when(item.created_at),
            "received_at": _when(item.received_at),
            "visibility": item.visibility,
            "private": item.private,
            "parent_id": item.parent_id,
            "thread_id": item.thread_id,
        },
        "versions": [
            {
                "number": v.number,
                "text": v.text,
                "redacted": v.redacted,
                "seen_at": _when(v.seen_at),
                "edited_at_source": _when(v.edited_at_source),
                "content_hash": v.content_hash,
                "findings": v.findings,
                "categories": sorted(v.categories),
            }
            for v in record.versions
        ],
        "history": [
            {"at": _when(h.at), "actor": h.actor, "verb": h.verb, "reason": h.reason}
            for h in record.history
        ],
        "context": [_freeze_context(c) for c in record.context],
        "replies": [_freeze_context(c) for c in record.replies],
        "more_replies": record.more_replies,
        "answer": (
            {
                "system_id": record.answer.system_id,
                "at": _when(record.answer.at),
                "by": record.answer.by,
            }
            if record.answer
            else None
        ),
        "counterpart": record.counterpart,
        "counterpart_categories": sorted(record.counterpart_categories),
        "saksbehandler": record.saksbehandler,
        "amendment": record.amendment,
    }


def _freeze_context(c: ContextItem) -> dict:
    return {
        "role": c.role,
        "kind": c.kind,
        "direction": c.direction,
        "author": c.author,
        "created_at": _when(c.created_at),
        "text": c.text,
        "redacted": c.redacted,
        "visibility": c.visibility,
        "categories": sorted(c.categories),
    }


def _thaw_context(c: dict) -> ContextItem:
    return ContextItem(
        role=c["role"],
        kind=c["kind"],
        direction=c["direction"],
        author=c["author"],
        created_at=_dt(c["created_at"]),  # type: ignore[arg-type]
        text=c["text"],
        redacted=c["redacted"],
        visibility=c["visibility"],
        categories=frozenset(c["categories"]),
    )


def thaw(assessment: object, data: dict) -> Record:
    """A record rebuilt from its snapshot; its item is an unsaved copy, never re-read."""
    i = data["item"]
    channel = Channel(pk=i["channel_id"], slug=i["channel_slug"], name=i["channel_name"])
    item = Item(
        pk=i["pk"],
        channel=channel,
        platform=i["platform"],
        external_id=i["external_id"],
        kind=i["kind"],
        direction=i["direction"],
        author_handle=i["author_handle"],
        author_name=i["author_name"],
        text=i["text"],
        url=i["url"],
        created_at=_dt(i["created_at"]),
        received_at=_dt(i["received_at"]),
        visibility=i["visibility"],
        private=i["private"],
        parent_id=i["parent_id"],
        thread_id=i["thread_id"],
    )
    answer = data.get("answer")
    return Record(
        assessment=assessment,  # type: ignore[arg-type]
        item=item,
        versions=[
            VersionInfo(
                number=v["number"],
                text=v["text"],
                redacted=v["redacted"],
                seen_at=_dt(v["seen_at"]),  # type: ignore[arg-type]
                edited_at_source=_dt(v["edited_at_source"]),
                content_hash=v["content_hash"],
                findings=v["findings"],
                categories=frozenset(v["categories"]),
            )
            for v in data["versions"]
        ],
        history=[
            HistoryEntry(at=_dt(h["at"]), actor=h["actor"], verb=h["verb"], reason=h["reason"])  # type: ignore[arg-type]
            for h in data["history"]
        ],
        context=[_thaw_context(c) for c in data["context"]],
        replies=[_thaw_context(c) for c in data["replies"]],
        more_replies=data["more_replies"],
        answer=Answer(answer["system_id"], _dt(answer["at"]), answer["by"]) if answer else None,  # type: ignore[arg-type]
        counterpart_categories=frozenset(data["counterpart_categories"]),
        counterpart_name=data["counterpart"],
        saksbehandler=data.get("saksbehandler", ""),
        amendment=data.get("amendment"),
    )


def records_for(
    rows: Sequence[object], *, period_ids: set[int], with_context: bool = True
) -> list[Record]:
    """Records for a batch of archived rows (assessments or amendments): thawed from their
    snapshot; rows archived before snapshots existed are loaded live."""
    frozen = [thaw(row, row.snapshot) for row in rows if getattr(row, "snapshot", None)]  # type: ignore[attr-defined]
    live = [row for row in rows if not getattr(row, "snapshot", None)]
    if live:
        frozen += load_batch(live, period_ids=period_ids, with_context=with_context)  # type: ignore[arg-type]
    by_row = {id(r.assessment): r for r in frozen}
    return [by_row[id(row)] for row in rows]
