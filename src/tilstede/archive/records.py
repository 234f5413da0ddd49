"""Reading archived items in batches, with everything the export writes about each.

The export streams: it walks the assessments of a period in order and loads what each
registrering needs (versions, screenings, history, thread context, the answer that
closes it) a batch at a time with a fixed number of queries, so memory does not grow with
the size of the period.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.db.models import Count

from tilstede.archive.models import ArchiveAssessment, ArchiveClass
from tilstede.archive.services import CHUNK
from tilstede.core.models import AuditEvent, Direction, Item, ItemVersion
from tilstede.ingest.models import Finding

SCREENED_NAME = "******"
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
    counterpart_screened: bool = False  # our reply to a screened item

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
    def screened(self) -> bool:
        """Skjerming applies: screening found personal data, it is a citizen's private
        message, or it answers an item that is screened."""
        item = self.item
        private = item.private and item.direction == Direction.IN
        return self.findings > 0 or private or self.counterpart_screened

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


def _latest_redacted(ids: Iterable[int]) -> dict[int, str]:
    """The redacted text of each item's latest version (its own text when never screened)."""
    out: dict[int, str] = {}
    for v in (
        ItemVersion.objects.filter(item_id__in=list(ids))
        .select_related("screening")
        .order_by("item_id", "-number")
    ):
        if v.item_id not in out:
            screening = getattr(v, "screening", None)
            out[v.item_id] = screening.redacted if screening and screening.redacted else v.text
    return out


def _context(item: Item, role: str, redacted: dict[int, str]) -> ContextItem:
    return ContextItem(
        role=role,
        kind=item.kind,
        direction=item.direction,
        author=item.author_name or item.author_handle,
        created_at=item.created_at,
        text=item.text,
        redacted=redacted.get(item.pk, item.text),
        visibility=item.visibility,
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
    for v in (
        ItemVersion.objects.filter(item_id__in=ids)
        .select_related("screening")
        .annotate(n_findings=Count("screening__findings"))
        .order_by("item_id", "number")
    ):
        screening = getattr(v, "screening", None)
        by_item[v.item_id].versions.append(
            VersionInfo(
                number=v.number,
                text=v.text,
                redacted=screening.redacted if screening and screening.redacted else v.text,
                seen_at=v.seen_at,
                edited_at_source=v.edited_at_source,
                content_hash=v.content_hash,
                findings=v.n_findings,
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
        flagged = set(
            Finding.objects.filter(screening__version__item_id__in=parents).values_list(
                "screening__version__item_id", flat=True
            )
        ) | set(
            Item.objects.filter(pk__in=parents, private=True, direction=Direction.IN).values_list(
                "pk", flat=True
            )
        )
        for r in records:
            r.counterpart_screened = r.item.parent_id in flagged
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
    redacted = _latest_redacted(set(others) | {i.pk for rs in replies.values() for i in rs})
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
