"""Reading archived items in batches, with everything the export writes about each.

The export streams: it walks the assessments of a period in order and loads what each
registrering needs (versions, screenings, history, thread context, the answer that
closes it) a batch at a time with a fixed number of queries, so memory does not grow with
the size of the period.

Every text is screened anew as it is loaded (``skjerming.redact``: today's screening
and the findings stored at ingest), and a record knows the categories of personal data
in every text its document shows, its own versions and the thread quoted with it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from tilstede.archive import skjerming
from tilstede.archive.models import ArchiveAssessment, ArchiveClass
from tilstede.archive.services import CHUNK
from tilstede.archive.skjerming import SCREENED_NAME, Redaction
from tilstede.core.models import AuditEvent, Direction, Item, ItemVersion

__all__ = ["SCREENED_NAME", "Record", "iter_records", "latest_redactions", "load_batch"]
# Only so much thread context goes into one document; the rest is counted.
MAX_REPLIES_SHOWN = 20


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
    more_replies: int = 0
    answer: Answer | None = None
    # Our reply to a screened item: the categories screened in what we answered.
    counterpart_categories: frozenset[str] = frozenset()

    @property
    def counterpart_screened(self) -> bool:
        return bool(self.counterpart_categories)

    @property
    def counterpart(self) -> str:
        """korrespondansepartNavn: the sender of what we received, the one we answered."""
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
    by_item = {r.item.pk: r for r in records}
    ids = list(by_item)
    for v in _versions(ids):
        record = by_item[v.item_id]
        redaction, stored = _redaction(v)
        own = record.item.direction == Direction.OUT
        record.versions.append(
            VersionInfo(
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
        )
    for event in AuditEvent.objects.filter(
        object_type="core.item", object_id__in=[str(pk) for pk in ids]
    ).order_by("id"):
        details = event.details or {}
        reason = str(details.get("reason") or details.get("rule") or "")
        by_item[int(event.object_id)].history.append(
            HistoryEntry(at=event.at, actor=event.actor_label, verb=event.verb, reason=reason)
        )
    answers = (
        ArchiveAssessment.objects.filter(
            item__parent_id__in=ids,
            item__direction=Direction.OUT,
            value=ArchiveClass.JOURNAL,
            folder__isnull=False,
            period_id__in=period_ids,
        )
        .values_list("item__parent_id", "system_id", "item__created_at", "decided_by")
        .order_by("item__created_at")
    )
    for parent_id, system_id, at, by in answers:
        record = by_item[parent_id]
        if record.answer is None and record.is_journalpost:
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
    ids = [r.item.pk for r in records]
    wanted = {r.item.thread_id for r in records if r.item.thread_id} | {
        r.item.parent_id for r in records if r.item.parent_id
    }
    others = {i.pk: i for i in Item.objects.filter(pk__in=wanted)}
    replies: dict[int, list[Item]] = defaultdict(list)
    counts: dict[int, int] = defaultdict(int)
    for reply in Item.objects.filter(parent_id__in=ids).order_by("created_at", "pk"):
        counts[reply.parent_id] += 1  # type: ignore[index]
        if len(replies[reply.parent_id]) < MAX_REPLIES_SHOWN:  # type: ignore[index]
            replies[reply.parent_id].append(reply)  # type: ignore[index]
    redacted = latest_redactions([*others.values(), *(i for rs in replies.values() for i in rs)])
    for r in records:
        item = r.item
        if item.thread_id and item.thread_id in others and item.thread_id != item.parent_id:
            r.context.append(_context(others[item.thread_id], "Tråden starter med", redacted))
        if item.parent_id and item.parent_id in others:
            r.context.append(_context(others[item.parent_id], "Svar på", redacted))
        r.replies = [_context(i, "Svar", redacted) for i in replies.get(item.pk, [])]
        r.more_replies = counts.get(item.pk, 0) - len(r.replies)


def iter_records(
    assessments: Iterator[ArchiveAssessment],
    *,
    period_ids: set[int],
    with_context: bool,
    size: int = CHUNK,
) -> Iterator[Record]:
    batch: list[ArchiveAssessment] = []
    for a in assessments:
        batch.append(a)
        if len(batch) == size:
            yield from load_batch(batch, period_ids=period_ids, with_context=with_context)
            batch = []
    if batch:
        yield from load_batch(batch, period_ids=period_ids, with_context=with_context)
